//! Periods of a data series (`2023`, `2023-Q1`, `2023-03`) and their frequencies.

use crate::edition::Messages;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How often a series has a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Year,
    Quarter,
    Month,
}

impl Frequency {
    /// The form a period of this frequency is written in, for error messages.
    pub fn example(self) -> &'static str {
        match self {
            Frequency::Year => "2023",
            Frequency::Quarter => "2023-Q1",
            Frequency::Month => "2023-01",
        }
    }

    /// What the frequency is called in `msg`'s language (年度, 季度, 月度).
    pub fn label(self, msg: &Messages) -> &str {
        msg.get(match self {
            Frequency::Year => "year",
            Frequency::Quarter => "quarter",
            Frequency::Month => "month",
        })
    }
}

/// One point in time of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
}

const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

impl Period {
    /// Parses `2023`, `2023-Q1` (or `2023Q1`, `2023-q1`) and `2023-01`.
    pub fn parse(text: &str) -> Result<Period, String> {
        let text = text.trim();
        let invalid = || format!("invalid period `{text}`: write a year (2023), a quarter (2023-Q1) or a month (2023-01)");
        let year_part = text.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())).ok_or_else(invalid)?;
        let year: i32 = year_part.parse().map_err(|_| invalid())?;
        if !YEARS.contains(&year) {
            return Err(format!("year {year} in `{text}` is out of range ({}..={})", YEARS.start(), YEARS.end()));
        }
        let rest = &text[4..];
        if rest.is_empty() {
            return Ok(Period::Year(year));
        }
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            return match q {
                "1" | "2" | "3" | "4" => Ok(Period::Quarter(year, q.parse().map_err(|_| invalid())?)),
                _ => Err(format!("invalid quarter in `{text}`: quarters are Q1 to Q4")),
            };
        }
        if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
            let month: u8 = rest.parse().map_err(|_| invalid())?;
            if (1..=12).contains(&month) {
                return Ok(Period::Month(year, month));
            }
            return Err(format!("invalid month in `{text}`: months are 01 to 12"));
        }
        Err(invalid())
    }

    pub fn frequency(self) -> Frequency {
        match self {
            Period::Year(_) => Frequency::Year,
            Period::Quarter(..) => Frequency::Quarter,
            Period::Month(..) => Frequency::Month,
        }
    }

    /// Position on a time axis in units of the period's own frequency; consecutive periods
    /// differ by exactly one, which is how gaps in a series are found.
    pub fn ordinal(self) -> i64 {
        match self {
            Period::Year(y) => i64::from(y),
            Period::Quarter(y, q) => i64::from(y) * 4 + i64::from(q) - 1,
            Period::Month(y, m) => i64::from(y) * 12 + i64::from(m) - 1,
        }
    }

    /// Inverse of [`Period::ordinal`] for a given frequency.
    pub fn from_ordinal(frequency: Frequency, ordinal: i64) -> Period {
        let clamp = |y: i64| y.clamp(i64::from(*YEARS.start()), i64::from(*YEARS.end())) as i32;
        match frequency {
            Frequency::Year => Period::Year(clamp(ordinal)),
            Frequency::Quarter => Period::Quarter(clamp(ordinal.div_euclid(4)), (ordinal.rem_euclid(4) + 1) as u8),
            Frequency::Month => Period::Month(clamp(ordinal.div_euclid(12)), (ordinal.rem_euclid(12) + 1) as u8),
        }
    }

    /// The last month the period covers, as `year × 12 + month − 1`.
    pub fn last_month(self) -> i64 {
        match self {
            Period::Year(y) => i64::from(y) * 12 + 11,
            Period::Quarter(y, q) => i64::from(y) * 12 + i64::from(q) * 3 - 1,
            Period::Month(y, m) => i64::from(y) * 12 + i64::from(m) - 1,
        }
    }

    /// Reading form in `msg`'s language, e.g. `2023年第1季度`.
    pub fn label(self, msg: &Messages) -> String {
        match self {
            Period::Year(y) => msg.fill("period_year", &[("year", &y.to_string())]),
            Period::Quarter(y, q) => msg.fill("period_quarter", &[("year", &y.to_string()), ("quarter", &q.to_string())]),
            Period::Month(y, m) => msg.fill("period_month", &[("year", &y.to_string()), ("month", &m.to_string())]),
        }
    }
}

impl Period {
    /// The short form for tight chart axes, e.g. `2023Q1`, `2023.01`.
    pub fn label_short(self) -> String {
        match self {
            Period::Year(y) => format!("{y}"),
            Period::Quarter(y, q) => format!("{y}Q{q}"),
            Period::Month(y, m) => format!("{y}.{m:02}"),
        }
    }
}

/// The machine form (`2023-Q1`), as the data files write it: for CSV, JSON and ids.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(Period::parse("2023"), Ok(Period::Year(2023)));
        assert_eq!(Period::parse("2023-Q4"), Ok(Period::Quarter(2023, 4)));
        assert_eq!(Period::parse("2023q2"), Ok(Period::Quarter(2023, 2)));
        assert_eq!(Period::parse("2021-07"), Ok(Period::Month(2021, 7)));
    }

    #[test]
    fn rejects_impossible_periods_with_a_reason() {
        assert!(Period::parse("2023-Q5").unwrap_err().contains("Q1 to Q4"));
        assert!(Period::parse("2023-13").unwrap_err().contains("01 to 12"));
        assert!(Period::parse("去年").unwrap_err().contains("invalid period"));
        assert!(Period::parse("1066").unwrap_err().contains("out of range"));
        assert!(Period::parse("").is_err());
    }

    #[test]
    fn ordinals_are_consecutive_across_year_ends() {
        let q4 = Period::Quarter(2022, 4).ordinal();
        assert_eq!(Period::Quarter(2023, 1).ordinal(), q4 + 1);
        assert_eq!(Period::from_ordinal(Frequency::Quarter, q4 + 1), Period::Quarter(2023, 1));
        assert_eq!(Period::from_ordinal(Frequency::Month, Period::Month(2020, 12).ordinal()), Period::Month(2020, 12));
    }

    #[test]
    fn display_round_trips() {
        for p in [Period::Year(2020), Period::Quarter(2021, 3), Period::Month(2022, 1)] {
            assert_eq!(Period::parse(&p.to_string()), Ok(p));
        }
    }
}
