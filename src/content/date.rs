//! Calendar dates as editors write them: `2024-03-01`.

use std::fmt;

/// A calendar date (no time of day, no time zone: reports are dated by day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting days that do not exist (2023-02-29).
    pub fn parse(text: &str) -> Result<Date, String> {
        let invalid = || format!("invalid date `{text}`: write YYYY-MM-DD, e.g. 2024-03-01");
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u32, String> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| invalid())
            } else {
                Err(invalid())
            }
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        if !(1..=12).contains(&month) {
            return Err(format!("invalid date `{text}`: month {month} does not exist"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!("invalid date `{text}`: day {day} does not exist in that month"));
        }
        Ok(Date { year: year as i32, month: month as u8, day: day as u8 })
    }

    /// Reading form in `msg`'s language: `2024年3月1日`.
    pub fn label(self, msg: &crate::edition::Messages) -> String {
        let (y, m, d) = (self.year.to_string(), self.month.to_string(), self.day.to_string());
        msg.fill("date", &[("year", &y), ("month", &m), ("day", &d)])
    }

    /// RFC 3339 timestamp at midnight UTC, as Atom feeds require.
    pub fn rfc3339(self) -> String {
        format!("{self}T00:00:00Z")
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Checks a date written in a data file; sources may also give just a year or a month.
pub fn check_date(text: &str) -> Result<(), String> {
    match text.len() {
        4 | 7 => {
            crate::data::Period::parse(text).map(|_| ()).map_err(|_| format!("invalid date `{text}`: write YYYY-MM-DD, YYYY-MM or YYYY"))
        }
        _ => Date::parse(text).map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(Date::parse("2023-02-29").unwrap_err().contains("day 29"));
        assert!(Date::parse("2023-13-01").unwrap_err().contains("month 13"));
        assert!(Date::parse("2023/01/01").is_err());
        assert!(Date::parse("昨天").is_err());
    }

    #[test]
    fn formats_for_readers_and_feeds() {
        let d = Date::parse("2024-03-01").unwrap();
        assert_eq!(d.label(&crate::edition::Messages::builtin("zh-Hans")), "2024年3月1日");
        assert_eq!(d.rfc3339(), "2024-03-01T00:00:00Z");
    }

    #[test]
    fn source_dates_may_be_coarse() {
        assert!(check_date("2024").is_ok());
        assert!(check_date("2024-06").is_ok());
        assert!(check_date("2024-06-11").is_ok());
        assert!(check_date("24-6").is_err());
    }
}
