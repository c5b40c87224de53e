//! The agreement's time rules, as the Bostad Först seed words them: "Partnerskapet gäller
//! från den 1 juli 2023 till och med den 30 juni 2024. Därefter förlängs partnerskapet
//! med minst ett halvår i taget, dock som längst till den 30 juni 2026, om inte
//! överenskommelsen sägs upp av endera parten senast den 31 december respektive år."
//!
//! Read as rules:
//! - The possible end dates are the first end, then one extension after another
//!   (`extension_months` each, a month's last day staying the last day), never past the
//!   last date; the last date itself is always a possible end.
//! - A notice counts at the first notice day (31 December) on or after the day it is
//!   given. The agreement then ends at the first possible end date after that notice
//!   day, or at the last date if none is.
//! - With no notice, the agreement runs to where it would end if notice were given
//!   today: that is its *current end date*, and the notice day that notice would count
//!   at is the *next notice deadline*. When no later end is possible (the last date is
//!   reached), there is no deadline left.
//!
//! So notice on 31 December 2023 ends the seed's partnership on 30 June 2024; notice
//! on 1 January 2024 is late for that and ends it on 30 June 2025.
use chrono::{Datelike, Months, NaiveDate};

/// An agreement's dates and rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    pub starts_on: NaiveDate,
    pub first_end_on: NaiveDate,
    /// Each extension's length in months; 0: the agreement is never extended.
    pub extension_months: u32,
    /// The last possible end; `None`: the first end is the last.
    pub last_end_on: Option<NaiveDate>,
    /// The yearly notice day: (12, 31) for 31 December.
    pub notice_by: (u32, u32),
}

/// Where an agreement stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The day the agreement ends as things stand.
    pub ends_on: NaiveDate,
    /// The day a notice must be given by to end it at `ends_on`; `None` when it ends
    /// there anyway (the last date, or notice already given).
    pub deadline: Option<NaiveDate>,
    /// `today` is after `ends_on`.
    pub ended: bool,
}

fn last_day_of_month(date: NaiveDate) -> bool {
    date.succ_opt()
        .is_none_or(|next| next.month() != date.month())
}

/// `date` plus `months`, keeping a month's last day the last day (30 June + 6 months is
/// 31 December).
fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    let moved = date.checked_add_months(Months::new(months))?;
    if last_day_of_month(date) {
        let first_of_next = NaiveDate::from_ymd_opt(moved.year(), moved.month(), 1)?
            .checked_add_months(Months::new(1))?;
        first_of_next.pred_opt()
    } else {
        Some(moved)
    }
}

/// The notice day (`month`-`day`, 29 February read as 28 in other years) of `year`.
fn notice_day(year: i32, (month, day): (u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(1)))
}

impl Terms {
    /// The last day the agreement can last to.
    pub fn last_possible_end(&self) -> NaiveDate {
        if self.extension_months == 0 {
            self.first_end_on
        } else {
            self.last_end_on
                .unwrap_or(self.first_end_on)
                .max(self.first_end_on)
        }
    }

    /// Every possible end date, first to last (at most 200: a century of half-years).
    pub fn end_dates(&self) -> Vec<NaiveDate> {
        let last = self.last_possible_end();
        let mut out = vec![self.first_end_on];
        let mut k = 1;
        while self.extension_months > 0 && out.len() < 200 {
            match add_months(self.first_end_on, self.extension_months * k) {
                Some(next) if next < last => out.push(next),
                _ => break,
            }
            k += 1;
        }
        if *out.last().unwrap_or(&last) < last {
            out.push(last);
        }
        out
    }

    /// The notice day a notice given on `day` counts at: the first on or after it.
    pub fn counts_at(&self, day: NaiveDate) -> Option<NaiveDate> {
        let this_year = notice_day(day.year(), self.notice_by)?;
        if this_year >= day {
            Some(this_year)
        } else {
            notice_day(day.year() + 1, self.notice_by)
        }
    }

    /// The day the agreement ends when notice is given on `day`.
    pub fn ends_after_notice(&self, day: NaiveDate) -> NaiveDate {
        let last = self.last_possible_end();
        let Some(counts) = self.counts_at(day) else {
            return last;
        };
        self.end_dates()
            .into_iter()
            .find(|end| *end > counts)
            .unwrap_or(last)
    }

    /// Where the agreement stands on `today`, with notice given on `notice` (if any).
    pub fn standing(&self, today: NaiveDate, notice: Option<NaiveDate>) -> Standing {
        let last = self.last_possible_end();
        let (ends_on, deadline) = match notice {
            Some(given) => (self.ends_after_notice(given), None),
            None => {
                // Before the start, notice counts as if given on the first day.
                let asked = today.max(self.starts_on);
                let ends = self.ends_after_notice(asked);
                let deadline = if ends < last {
                    self.counts_at(asked)
                } else {
                    None
                };
                (ends, deadline)
            }
        };
        Standing {
            ends_on,
            deadline,
            ended: today > ends_on,
        }
    }

    /// The agreement's rules in words, as the seed writes them.
    pub fn describe(&self) -> String {
        use crate::domain::programme_window::long_date;
        let first = format!(
            "Partnerskapet gäller från den {} till och med den {}.",
            long_date(self.starts_on),
            long_date(self.first_end_on)
        );
        if self.extension_months == 0 || self.last_possible_end() == self.first_end_on {
            return first;
        }
        let step = match self.extension_months {
            6 => "ett halvår".to_owned(),
            12 => "ett år".to_owned(),
            n => format!("{n} månader"),
        };
        let (month, day) = self.notice_by;
        let notice = notice_day(2001, (month, day))
            .map(|d| {
                let text = long_date(d);
                text.rsplit_once(' ')
                    .map(|(d, _)| d.to_owned())
                    .unwrap_or(text)
            })
            .unwrap_or_default();
        format!(
            "{first} Därefter förlängs partnerskapet med {step} i taget, dock som längst till den {}, om inte överenskommelsen sägs upp av endera parten senast den {notice} respektive år.",
            long_date(self.last_possible_end())
        )
    }
}

/// Report periods of `months` each from `from`, the last cut at `to`, for as long as
/// they start on or before `until` (at most 100).
pub fn report_periods(
    from: NaiveDate,
    to: NaiveDate,
    months: u32,
    until: NaiveDate,
) -> Vec<(NaiveDate, NaiveDate)> {
    let months = months.max(1);
    let mut out = Vec::new();
    let mut start = from;
    while start <= to && start <= until && out.len() < 100 {
        let Some(next) = start.checked_add_months(Months::new(months)) else {
            break;
        };
        let end = next.pred_opt().unwrap_or(next).min(to);
        out.push((start, end));
        start = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The seed's agreement.
    fn seed() -> Terms {
        Terms {
            starts_on: day(2023, 7, 1),
            first_end_on: day(2024, 6, 30),
            extension_months: 6,
            last_end_on: Some(day(2026, 6, 30)),
            notice_by: (12, 31),
        }
    }

    #[test]
    fn the_seeds_end_dates_are_every_half_year_to_the_last_date() {
        assert_eq!(
            seed().end_dates(),
            vec![
                day(2024, 6, 30),
                day(2024, 12, 31),
                day(2025, 6, 30),
                day(2025, 12, 31),
                day(2026, 6, 30)
            ]
        );
    }

    #[test]
    fn notice_on_31_december_is_in_time_and_on_1_january_late() {
        let terms = seed();
        assert_eq!(terms.ends_after_notice(day(2023, 12, 31)), day(2024, 6, 30));
        assert_eq!(terms.ends_after_notice(day(2023, 9, 1)), day(2024, 6, 30));
        // A day late: it counts at the next 31 December.
        assert_eq!(terms.ends_after_notice(day(2024, 1, 1)), day(2025, 6, 30));
        assert_eq!(terms.ends_after_notice(day(2024, 12, 31)), day(2025, 6, 30));
        assert_eq!(terms.ends_after_notice(day(2025, 1, 1)), day(2026, 6, 30));
    }

    #[test]
    fn notice_after_the_last_deadline_changes_nothing() {
        let terms = seed();
        assert_eq!(terms.ends_after_notice(day(2026, 1, 10)), day(2026, 6, 30));
        assert_eq!(terms.ends_after_notice(day(2027, 3, 1)), day(2026, 6, 30));
    }

    #[test]
    fn without_notice_the_current_end_and_the_next_deadline_move_on() {
        let terms = seed();
        let first_autumn = terms.standing(day(2023, 10, 1), None);
        assert_eq!(first_autumn.ends_on, day(2024, 6, 30));
        assert_eq!(first_autumn.deadline, Some(day(2023, 12, 31)));
        assert!(!first_autumn.ended);
        // On the deadline itself notice still counts.
        let on_the_day = terms.standing(day(2023, 12, 31), None);
        assert_eq!(on_the_day.ends_on, day(2024, 6, 30));
        let next_year = terms.standing(day(2024, 1, 1), None);
        assert_eq!(next_year.ends_on, day(2025, 6, 30));
        assert_eq!(next_year.deadline, Some(day(2024, 12, 31)));
        // In 2025 the last date is reached: no deadline left.
        let last_year = terms.standing(day(2025, 3, 1), None);
        assert_eq!(last_year.ends_on, day(2026, 6, 30));
        assert_eq!(last_year.deadline, None);
        let after = terms.standing(day(2026, 7, 1), None);
        assert!(after.ended);
    }

    #[test]
    fn a_notice_fixes_the_end_and_takes_the_deadline_away() {
        let terms = seed();
        let standing = terms.standing(day(2024, 3, 1), Some(day(2024, 2, 1)));
        assert_eq!(standing.ends_on, day(2025, 6, 30));
        assert_eq!(standing.deadline, None);
        assert!(!standing.ended);
        assert!(terms.standing(day(2025, 7, 1), Some(day(2024, 2, 1))).ended);
    }

    #[test]
    fn an_agreement_without_extension_ends_at_its_first_end() {
        let terms = Terms {
            extension_months: 0,
            last_end_on: None,
            ..seed()
        };
        assert_eq!(terms.end_dates(), vec![day(2024, 6, 30)]);
        let standing = terms.standing(day(2023, 8, 1), None);
        assert_eq!(standing.ends_on, day(2024, 6, 30));
        assert_eq!(standing.deadline, None);
    }

    #[test]
    fn a_last_date_off_the_rhythm_is_still_an_end() {
        let terms = Terms {
            last_end_on: Some(day(2025, 3, 31)),
            ..seed()
        };
        assert_eq!(
            terms.end_dates(),
            vec![day(2024, 6, 30), day(2024, 12, 31), day(2025, 3, 31)]
        );
        assert_eq!(terms.ends_after_notice(day(2024, 5, 1)), day(2025, 3, 31));
    }

    #[test]
    fn month_ends_stay_month_ends() {
        assert_eq!(add_months(day(2024, 2, 29), 6), Some(day(2024, 8, 31)));
        assert_eq!(add_months(day(2023, 8, 31), 6), Some(day(2024, 2, 29)));
        assert_eq!(add_months(day(2023, 8, 15), 6), Some(day(2024, 2, 15)));
        // A notice day of 29 February is 28 February in other years.
        assert_eq!(notice_day(2025, (2, 29)), Some(day(2025, 2, 28)));
    }

    #[test]
    fn the_rules_read_as_the_seed_writes_them() {
        assert_eq!(
            seed().describe(),
            "Partnerskapet gäller från den 1 juli 2023 till och med den 30 juni 2024. Därefter förlängs partnerskapet med ett halvår i taget, dock som längst till den 30 juni 2026, om inte överenskommelsen sägs upp av endera parten senast den 31 december respektive år."
        );
    }

    #[test]
    fn half_year_report_periods_up_to_today() {
        let periods = report_periods(day(2023, 7, 1), day(2026, 6, 30), 6, day(2024, 3, 1));
        assert_eq!(
            periods,
            vec![
                (day(2023, 7, 1), day(2023, 12, 31)),
                (day(2024, 1, 1), day(2024, 6, 30))
            ]
        );
        // Cut at the end.
        let periods = report_periods(day(2023, 7, 1), day(2023, 9, 30), 6, day(2030, 1, 1));
        assert_eq!(periods, vec![(day(2023, 7, 1), day(2023, 9, 30))]);
    }
}
