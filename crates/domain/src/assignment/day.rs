//! A calendar day: the periods of assignments (PEN-05, PEN-06), their years (PEN-07, PEN-08).
//!
//! The domain crate has no date library, so a day is a small value type — year, month, day of
//! the Gregorian calendar, checked on construction and ordered chronologically. Written as ISO
//! `2025-01-31` in the API and storage, as `31 Januari 2025` for people.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A valid Gregorian date in years 1..=9999. Field order makes the derived `Ord` chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

/// A date that does not exist or is not written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("tanggal \"{value}\" tidak valid (tulis TTTT-BB-HH, mis. 2025-01-31)")]
pub struct DayError {
    pub value: String,
}

impl DayError {
    /// Stable code for the API.
    pub fn code(&self) -> &'static str {
        "day_invalid"
    }
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Day {
    /// The day `year-month-day`, refused when it does not exist (`2025-02-29`, month 13, …).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Day, DayError> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        if valid {
            Ok(Day { year, month, day })
        } else {
            Err(DayError {
                value: format!("{year:04}-{month:02}-{day:02}"),
            })
        }
    }

    /// Parses ISO `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Day, DayError> {
        let err = || DayError {
            value: s.to_string(),
        };
        let t = s.trim();
        let mut parts = t.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(err());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(err());
        };
        Day::new(y, m, d).map_err(|_| err())
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `n` months later; a day past the end of the target month is clamped to its
    /// last day (31 January + 1 month = 28/29 February). `None` past year 9999.
    pub fn add_months(self, n: u32) -> Option<Day> {
        let index = u32::from(self.year) * 12 + u32::from(self.month - 1) + n;
        let year = u16::try_from(index / 12).ok().filter(|y| *y <= 9999)?;
        let month = u8::try_from(index % 12).ok()? + 1;
        let day = self.day.min(days_in_month(year, month));
        Some(Day { year, month, day })
    }

    /// How many months the inclusive period `from..=until` lasts, a started month counting as a
    /// whole one: 1 January to 31 December is 12 months, to 1 January of the next year 13;
    /// `from == until` is 1. An inverted period (`until < from`) lasts 0 months.
    ///
    /// So "at most N months" (PEN-05, PEN-06) means `months_between(from, until) <= N`, i.e.
    /// `until` falls before the same day N months after `from`.
    pub fn months_between(from: Day, until: Day) -> u32 {
        if until < from {
            return 0;
        }
        let whole = (u32::from(until.year) * 12 + u32::from(until.month))
            - (u32::from(from.year) * 12 + u32::from(from.month));
        match from.add_months(whole) {
            Some(mark) if until < mark => whole,
            _ => whole + 1,
        }
    }

    /// Days since 1 January of year 1 (that day is 0): the proleptic Gregorian day count.
    pub fn ordinal(self) -> i64 {
        let y = i64::from(self.year) - 1;
        let before_year = y * 365 + y / 4 - y / 100 + y / 400;
        let before_month: i64 = (1..self.month)
            .map(|m| i64::from(days_in_month(self.year, m)))
            .sum();
        before_year + before_month + i64::from(self.day) - 1
    }

    /// The day `n` days later (earlier when negative); `None` outside years 1..=9999.
    pub fn add_days(self, n: i64) -> Option<Day> {
        let mut left = self.ordinal().checked_add(n)?;
        if left < 0 {
            return None;
        }
        // Whole 400-year cycles (146,097 days) first, then years and months.
        let cycles = left / 146_097;
        left %= 146_097;
        let mut year = cycles * 400 + 1;
        loop {
            let y = u16::try_from(year).ok().filter(|y| *y <= 9999)?;
            let len = if days_in_month(y, 2) == 29 { 366 } else { 365 };
            if left < len {
                break;
            }
            left -= len;
            year += 1;
        }
        let year = u16::try_from(year).ok().filter(|y| *y <= 9999)?;
        let mut month = 1u8;
        loop {
            let len = i64::from(days_in_month(year, month));
            if left < len {
                break;
            }
            left -= len;
            month += 1;
        }
        let day = u8::try_from(left + 1).ok()?;
        Some(Day { year, month, day })
    }

    /// The last day of this day's month.
    pub fn end_of_month(self) -> Day {
        Day {
            year: self.year,
            month: self.month,
            day: days_in_month(self.year, self.month),
        }
    }

    /// Indonesian form for people: `31 Januari 2025`.
    pub fn label(self) -> String {
        let month = MONTHS[usize::from(self.month - 1)];
        format!("{} {month} {}", self.day, self.year)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Day {
    type Err = DayError;
    fn from_str(s: &str) -> Result<Day, DayError> {
        Day::parse(s)
    }
}

impl TryFrom<String> for Day {
    type Error = DayError;
    fn try_from(value: String) -> Result<Day, DayError> {
        Day::parse(&value)
    }
}

impl From<Day> for String {
    fn from(d: Day) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).expect("valid day")
    }

    #[test]
    fn a_day_refuses_dates_that_do_not_exist() {
        assert!(Day::new(2024, 2, 29).is_ok());
        for (y, m, d) in [
            (2025, 2, 29),
            (1900, 2, 29),
            (2025, 13, 1),
            (2025, 4, 31),
            (0, 1, 1),
        ] {
            assert!(Day::new(y, m, d).is_err(), "{y}-{m}-{d} accepted");
        }
        assert!(Day::new(2000, 2, 29).is_ok());
        for bad in ["2025-1-01", "2025/01/01", "2025-01-01-01", "", "abcd-ef-gh"] {
            assert!(Day::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(day(" 2025-01-31 ").to_string(), "2025-01-31");
        assert_eq!(day("2025-08-17").label(), "17 Agustus 2025");
    }

    #[test]
    fn adding_days_crosses_months_years_and_leap_days() {
        assert_eq!(day("2024-02-28").add_days(1), Some(day("2024-02-29")));
        assert_eq!(day("2025-02-28").add_days(1), Some(day("2025-03-01")));
        assert_eq!(day("2025-12-31").add_days(1), Some(day("2026-01-01")));
        assert_eq!(day("2026-01-01").add_days(-1), Some(day("2025-12-31")));
        assert_eq!(day("2000-03-01").add_days(-1), Some(day("2000-02-29")));
        assert_eq!(day("1900-03-01").add_days(-1), Some(day("1900-02-28")));
        assert_eq!(day("0001-01-01").add_days(-1), None);
        assert_eq!(day("9999-12-31").add_days(1), None);
        assert_eq!(day("2100-02-28").add_days(1), Some(day("2100-03-01")));
        assert_eq!(day("2400-02-28").add_days(1), Some(day("2400-02-29")));
        // Every day of four years around a century leap day round-trips through its ordinal.
        let start = day("1999-12-25");
        let mut d = start;
        for n in 0..1_500 {
            assert_eq!(d.ordinal() - start.ordinal(), n);
            assert_eq!(start.add_days(n), Some(d));
            d = d.add_days(1).expect("in range");
        }
        assert_eq!(day("2025-02-10").end_of_month(), day("2025-02-28"));
    }

    #[test]
    fn days_are_ordered_chronologically() {
        assert!(day("2024-12-31") < day("2025-01-01"));
        assert!(day("2025-01-31") < day("2025-02-01"));
    }

    #[test]
    fn months_between_counts_a_started_month_as_whole() {
        assert_eq!(
            Day::months_between(day("2025-01-01"), day("2025-12-31")),
            12
        );
        assert_eq!(
            Day::months_between(day("2025-01-01"), day("2026-01-01")),
            13
        );
        assert_eq!(Day::months_between(day("2025-01-15"), day("2025-02-14")), 1);
        assert_eq!(Day::months_between(day("2025-01-15"), day("2025-02-15")), 2);
        assert_eq!(Day::months_between(day("2025-03-01"), day("2025-08-31")), 6);
        assert_eq!(Day::months_between(day("2025-03-01"), day("2025-03-01")), 1);
        assert_eq!(Day::months_between(day("2025-03-01"), day("2025-02-01")), 0);
        assert_eq!(day("2025-01-31").add_months(1), Some(day("2025-02-28")));
        assert_eq!(day("9999-12-01").add_months(1), None);
    }
}
