//! One rule for printing figures: thousands separators, at most two decimals, no `-0`, and
//! correct for every finite `f64`, from `5e-324` to `1.7e308` (axis ticks, tables,
//! descriptions and totals all print through [`format()`]).

/// Above this, an `f64` has no digits after the point to show (2^53: every integer
/// representable), so it is printed whole, with the fewest digits that name it exactly
/// (`1.7e308` is 17 and 307 zeros, not the binary value's 309 exact digits).
const WHOLE_ONLY: f64 = 9_007_199_254_740_992.0;

/// `value` for readers: `1,234.5`, `0.25`, `18,446,744,073,709,551,616`.
pub fn format(value: f64) -> String {
    if !value.is_finite() {
        // Loading refuses such values; a computed one (an overflowing sum) is shown as such.
        return if value.is_nan() { "–".into() } else { "∞".into() };
    }
    // Halves round away from zero (0.125 → 0.13), as readers round.
    let digits = if value.abs() >= WHOLE_ONLY { format!("{value}") } else { format!("{:.2}", (value * 100.0).round() / 100.0) };
    let digits = digits.strip_prefix('-').map_or(digits.as_str(), |d| d);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let fraction = fraction.trim_end_matches('0');
    let negative = value < 0.0 && (whole.bytes().any(|b| b != b'0') || !fraction.is_empty());
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + fraction.len() + 2);
    if negative {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// `value` with exactly `decimals` digits after the point (`18.0` beside `19.7`), so the
/// figures of one series line up; `decimals` is at most two, as in [`format()`].
pub fn format_fixed(value: f64, decimals: usize) -> String {
    let plain = format(value);
    let decimals = decimals.min(2);
    if decimals == 0 || !value.is_finite() || value.abs() >= WHOLE_ONLY {
        return plain;
    }
    let shown = plain.split_once('.').map_or(0, |(_, fraction)| fraction.len());
    let mut out = plain;
    if shown == 0 {
        out.push('.');
    }
    out.extend(std::iter::repeat_n('0', decimals.saturating_sub(shown)));
    out
}

/// How many decimals (at most two) the values need to be shown as [`format()`] shows them.
/// Counted on the rounded hundredths rather than by printing: pages ask it of every series.
pub fn decimals_needed(values: impl IntoIterator<Item = f64>) -> usize {
    values.into_iter().map(decimals_of).max().unwrap_or(0)
}

fn decimals_of(value: f64) -> usize {
    if !value.is_finite() || value.abs() >= WHOLE_ONLY {
        return 0;
    }
    // Past 2^53 hundredths the binary value shows through `format`'s two decimals: ask it.
    if value.abs() >= WHOLE_ONLY / 100.0 {
        return format(value).split_once('.').map_or(0, |(_, fraction)| fraction.len());
    }
    let hundredths = (value * 100.0).round();
    match (hundredths % 100.0 == 0.0, hundredths % 10.0 == 0.0) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::{decimals_needed, format, format_fixed};

    #[test]
    fn one_series_one_number_of_decimals() {
        assert_eq!(decimals_needed([18.0, 19.7, 20.0]), 1);
        assert_eq!(decimals_needed([18.0, 20.0]), 0);
        assert_eq!(decimals_needed([0.125, 1.0]), 2);
        assert_eq!(decimals_needed(std::iter::empty()), 0);
        assert_eq!(format_fixed(18.0, 1), "18.0");
        assert_eq!(format_fixed(19.7, 1), "19.7");
        assert_eq!(format_fixed(1234.5, 2), "1,234.50");
        assert_eq!(format_fixed(1234.0, 0), "1,234");
        assert_eq!(format_fixed(-0.001, 1), "0.0");
        assert_eq!(format_fixed(f64::INFINITY, 1), "∞");
    }

    #[test]
    fn decimals_are_counted_as_format_prints_them() {
        let mut value = 0.0005_f64;
        while value < 1e17 {
            for v in [value, -value, value * 1.37, value + 0.5, value + 0.05, value + 0.004, value + 0.125] {
                let printed = format(v).split_once('.').map_or(0, |(_, fraction)| fraction.len());
                assert_eq!(decimals_needed([v]), printed, "{v}: printed as {}", format(v));
            }
            value *= 3.3;
        }
    }

    #[test]
    fn ordinary_figures() {
        assert_eq!(format(0.0), "0");
        assert_eq!(format(-0.0), "0");
        assert_eq!(format(-0.001), "0");
        assert_eq!(format(1234.5), "1,234.5");
        assert_eq!(format(19.7), "19.7");
        assert_eq!(format(0.25), "0.25");
        assert_eq!(format(0.125), "0.13", "two decimals at most");
        assert_eq!(format(999_999.999), "1,000,000");
        assert_eq!(format(-1234.0), "-1,234");
    }

    #[test]
    fn the_whole_range_of_f64() {
        assert_eq!(format(5e-324), "0");
        assert_eq!(format(18_446_744_073_709_551_616.0), "18,446,744,073,709,552,000", "the fewest digits that name 2^64");
        assert_eq!(format(2e19), "20,000,000,000,000,000,000", "above 2^64 is not clamped");
        let largest = format(f64::MAX);
        assert!(largest.starts_with("179,769,313,486,231,570,"), "{largest}");
        assert_eq!(largest.len(), 309 + 102, "309 digits and 102 separators");
        assert_eq!(format(1.7e308).replace(',', ""), format!("17{}", "0".repeat(307)));
        assert_eq!(format(f64::INFINITY), "∞");
    }
}
