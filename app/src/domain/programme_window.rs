//! When a grant programme takes applications: every year between two days (the
//! verksamhetsbidrag: 1 April–31 May), or always.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A day of the year, as a window's first or last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DayOfYear {
    pub month: u32,
    pub day: u32,
}

impl DayOfYear {
    /// `MM-DD`, as stored and as typed in the admins' form; a day no year has (31 April)
    /// is refused.
    pub fn parse(text: &str) -> Option<Self> {
        let (month, day) = text.trim().split_once('-')?;
        let (month, day) = (month.parse().ok()?, day.parse().ok()?);
        // 2024 is a leap year, so 29 February is a day of the year.
        NaiveDate::from_ymd_opt(2024, month, day)?;
        Some(Self { month, day })
    }

    pub fn as_text(self) -> String {
        format!("{:02}-{:02}", self.month, self.day)
    }

    /// The day in `year` (29 February becomes 28 February in other years).
    pub fn in_year(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
            .expect("checked when parsed")
    }
}

/// The Swedish month names, for "1 april–31 maj".
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// A date as Swedish prose: `1 april 2027`.
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// The window of a programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Window {
    /// Applications are taken any day.
    Always,
    /// Every year from `from` to `to`, both days included (not across new year).
    Yearly { from: DayOfYear, to: DayOfYear },
}

/// Where a window stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowState {
    Open { closes: Option<NaiveDate> },
    Closed { opens: NaiveDate, closes: NaiveDate },
}

impl Window {
    /// From the two stored days; both empty is [`Window::Always`].
    pub fn from_days(from: Option<&str>, to: Option<&str>) -> Option<Self> {
        match (from, to) {
            (None, None) => Some(Window::Always),
            (Some(from), Some(to)) => {
                let (from, to) = (DayOfYear::parse(from)?, DayOfYear::parse(to)?);
                (from <= to).then_some(Window::Yearly { from, to })
            }
            _ => None,
        }
    }

    pub fn state(self, today: NaiveDate) -> WindowState {
        match self {
            Window::Always => WindowState::Open { closes: None },
            Window::Yearly { from, to } => {
                let year = today.year();
                let (opens, closes) = (from.in_year(year), to.in_year(year));
                if today < opens {
                    WindowState::Closed { opens, closes }
                } else if today <= closes {
                    WindowState::Open {
                        closes: Some(closes),
                    }
                } else {
                    WindowState::Closed {
                        opens: from.in_year(year + 1),
                        closes: to.in_year(year + 1),
                    }
                }
            }
        }
    }

    pub fn is_open(self, today: NaiveDate) -> bool {
        matches!(self.state(today), WindowState::Open { .. })
    }

    /// The window as a sentence's end: "1 april–31 maj varje år" or "året runt".
    pub fn describe(self) -> String {
        match self {
            Window::Always => "året runt".to_owned(),
            Window::Yearly { from, to } => format!(
                "{} {}–{} {} varje år",
                from.day,
                MONTHS[from.month as usize - 1],
                to.day,
                MONTHS[to.month as usize - 1]
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_operating_grant_window_is_open_from_1_april_to_31_may() {
        let window = Window::from_days(Some("04-01"), Some("05-31")).unwrap();
        assert!(!window.is_open(day(2027, 3, 31)));
        assert!(window.is_open(day(2027, 4, 1)));
        assert!(window.is_open(day(2027, 5, 31)));
        assert_eq!(
            window.state(day(2026, 12, 1)),
            WindowState::Closed {
                opens: day(2027, 4, 1),
                closes: day(2027, 5, 31)
            }
        );
        assert_eq!(
            window.state(day(2027, 1, 10)),
            WindowState::Closed {
                opens: day(2027, 4, 1),
                closes: day(2027, 5, 31)
            }
        );
        assert_eq!(window.describe(), "1 april–31 maj varje år");
        assert_eq!(long_date(day(2027, 4, 1)), "1 april 2027");
    }

    #[test]
    fn always_open_and_impossible_windows() {
        assert!(Window::Always.is_open(day(2026, 12, 24)));
        assert_eq!(Window::from_days(None, None), Some(Window::Always));
        assert_eq!(Window::from_days(Some("04-31"), Some("05-31")), None);
        assert_eq!(Window::from_days(Some("06-01"), Some("05-31")), None);
        assert_eq!(Window::from_days(Some("04-01"), None), None);
        let leap = DayOfYear::parse("02-29").unwrap();
        assert_eq!(leap.in_year(2027), day(2027, 2, 28));
    }
}
