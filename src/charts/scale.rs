//! Axis arithmetic: "nice" tick steps, label thinning and text width estimates.

/// A value axis from zero to `max` in steps of `step` (both "nice": 1, 2, 2.5 or 5 × 10ⁿ).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueAxis {
    pub max: f64,
    pub step: f64,
}

impl ValueAxis {
    /// Smallest nice axis covering `0..=data_max` with about `target_ticks` ticks.
    pub fn covering(data_max: f64, target_ticks: usize) -> ValueAxis {
        // Below a hundredth every tick would print as 0; near `f64::MAX` the rounded-up top
        // would overflow, so it stops at the largest number.
        let data_max = if data_max.is_finite() && data_max > 0.0 { data_max.max(0.05) } else { 1.0 };
        let rough = data_max / target_ticks.max(1) as f64;
        let magnitude = 10f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= rough).unwrap_or(10.0 * magnitude);
        let max = ((data_max / step).ceil() * step).min(f64::MAX);
        ValueAxis { max, step }
    }

    pub fn ticks(&self) -> Vec<f64> {
        let count = (self.max / self.step).round() as usize;
        // At the top of the f64 range the last step can overflow: such a tick is left out.
        (0..=count).map(|i| i as f64 * self.step).take_while(|t| t.is_finite()).collect()
    }
}

/// Approximate rendered width of `text` at `font_size` px: CJK characters are square, Latin
/// letters and digits a little over half as wide. Deterministic, needs no fonts.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.58 } else { 1.0 }).sum::<f64>() * font_size
}

/// Show every `n`th of `count` labels so that labels `label_width` wide fit in `space` px.
pub fn label_step(count: usize, label_width: f64, space: f64) -> usize {
    if count == 0 || space <= 0.0 {
        return 1;
    }
    let fits = (space / (label_width * 1.3)).floor().max(1.0) as usize;
    count.div_ceil(fits).max(1)
}

/// Shortens `text` with `…` so it fits `max_width` px at `font_size`.
pub fn fit_text(text: &str, font_size: f64, max_width: f64) -> String {
    if text_width(text, font_size) <= max_width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, font_size) + text_width("……", font_size) > max_width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Breaks `text` into lines at most `first_width` px (the first line) and `width` px (the
/// others) wide at `font_size`. Lines break between Chinese characters or at spaces, never
/// inside a run of Latin letters or digits (a URL or a number stays whole when it fits), and
/// a closing punctuation mark stays with the character before it.
pub fn wrap_text(text: &str, font_size: f64, first_width: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for token in tokens(text) {
        let limit = if lines.is_empty() { first_width } else { width };
        let fits = text_width(&line, font_size) + text_width(token, font_size) <= limit;
        if !fits && !line.trim().is_empty() && !starts_with_closing_mark(token) {
            lines.push(line.trim_end().to_string());
            line = String::new();
        }
        if line.is_empty() && token.trim().is_empty() {
            continue;
        }
        if text_width(token, font_size) > width {
            line.push_str(&fit_text(token, font_size, width - text_width(&line, font_size)));
        } else {
            line.push_str(token);
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Runs of ASCII letters, digits and their punctuation; every other character alone.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let len =
            if first.is_ascii_graphic() { rest.find(|c: char| !c.is_ascii_graphic()).unwrap_or(rest.len()) } else { first.len_utf8() };
        let (token, tail) = rest.split_at(len);
        rest = tail;
        Some(token)
    })
}

fn starts_with_closing_mark(token: &str) -> bool {
    token.starts_with(['，', '。', '、', '；', '：', '）', '》', '」', '！', '？', ',', '.', ';', ':', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_axes_cover_the_data() {
        assert_eq!(ValueAxis::covering(87.0, 5), ValueAxis { max: 100.0, step: 20.0 });
        assert_eq!(ValueAxis::covering(104_909.0, 5), ValueAxis { max: 125_000.0, step: 25_000.0 });
        assert_eq!(ValueAxis::covering(9.0, 4), ValueAxis { max: 10.0, step: 2.5 });
        let empty = ValueAxis::covering(0.0, 5);
        assert!(empty.max > 0.0, "an all-zero series still gets an axis");
        assert_eq!(ValueAxis::covering(100.0, 5).ticks(), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    }

    #[test]
    fn axes_hold_at_both_ends_of_the_f64_range() {
        for data_max in [f64::MAX, 1.7e308, 1e300, 5e-324, 1e-300, f64::MIN_POSITIVE] {
            let axis = ValueAxis::covering(data_max, 5);
            assert!(axis.max.is_finite() && axis.step > 0.0 && axis.max >= data_max.min(axis.max), "{data_max}: {axis:?}");
            let ticks = axis.ticks();
            assert!((2..=12).contains(&ticks.len()), "{data_max}: {} ticks", ticks.len());
            assert!(ticks.iter().all(|t| t.is_finite()));
        }
    }

    #[test]
    fn labels_are_thinned_to_fit() {
        assert_eq!(label_step(40, 50.0, 700.0), 4);
        assert_eq!(label_step(5, 50.0, 700.0), 1);
        assert_eq!(label_step(0, 50.0, 700.0), 1);
    }

    #[test]
    fn long_text_wraps_between_characters_and_keeps_numbers_whole() {
        let lines = wrap_text("来源：国家金融监督管理总局湖南监管局 2024 年第 4 季度通报，第 12345 号", 12.0, 120.0, 150.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(text_width(&lines[0], 12.0) <= 120.0, "{lines:?}");
        assert!(lines[1..].iter().all(|l| text_width(l, 12.0) <= 150.0 + 12.0), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("12345")), "a number is not split: {lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "来源：国家金融监督管理总局湖南监管局2024年第4季度通报，第12345号");
        assert_eq!(wrap_text("短标题", 12.0, 200.0, 200.0), vec!["短标题"]);
        assert!(wrap_text("", 12.0, 200.0, 200.0).is_empty());
    }

    #[test]
    fn chinese_text_is_measured_wider_than_latin() {
        assert!(text_width("湖南", 10.0) > text_width("ab", 10.0));
        let fitted = fit_text("来源：国家金融监督管理总局湖南监管局通报", 12.0, 100.0);
        assert!(fitted.ends_with('…'));
        assert!(text_width(&fitted, 12.0) <= 100.0 + 12.0);
    }
}
