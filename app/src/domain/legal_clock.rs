//! The legal clock of a committee decision (kommunallagen 8 kap. 9–12 §§, 13 kap. 5 §):
//! the minutes are justerade, the notice goes up on the digital anslagstavla the same
//! day, anyone in the municipality may request laglighetsprövning within three weeks of
//! the notice, and the decision wins laga kraft when that time has run out. A deadline
//! that ends on a Saturday, a Sunday or a public holiday (or midsommarafton, julafton or
//! nyårsafton) moves to the next weekday (lag (1930:173) om beräkning av lagstadgad tid).
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday of `year` (the Gregorian computus).
fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or_default()
}

/// Whether no deadline can end on `day`: a weekend, a Swedish public holiday, or one of
/// the eves the law counts as holidays.
pub fn is_closed(day: NaiveDate) -> bool {
    if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        return true;
    }
    let fixed = [
        (1, 1),
        (1, 6),
        (5, 1),
        (6, 6),
        (12, 24),
        (12, 25),
        (12, 26),
        (12, 31),
    ];
    if fixed.contains(&(day.month(), day.day())) {
        return true;
    }
    let easter = easter(day.year());
    let moving = [
        easter - Duration::days(2),  // långfredagen
        easter + Duration::days(1),  // annandag påsk
        easter + Duration::days(39), // Kristi himmelsfärdsdag
    ];
    if moving.contains(&day) {
        return true;
    }
    // Midsommarafton: the Friday between 19 and 25 June.
    day.month() == 6 && (19..=25).contains(&day.day()) && day.weekday() == Weekday::Fri
}

/// The first day from `day` on which a deadline can end.
pub fn next_open(mut day: NaiveDate) -> NaiveDate {
    while is_closed(day) {
        day += Duration::days(1);
    }
    day
}

/// The dates that follow from justering on `justered`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// The notice goes up on the anslagstavla (the day of justering).
    pub notice_up: NaiveDate,
    /// The last day to request laglighetsprövning; the notice stays up until then.
    pub appeal_until: NaiveDate,
    /// The day the decision has laga kraft, if nobody appealed.
    pub legal_force: NaiveDate,
}

/// The clock of minutes justerade on `justered`.
pub fn clock(justered: NaiveDate) -> Clock {
    let notice_up = justered;
    let appeal_until = next_open(notice_up + Duration::weeks(3));
    Clock {
        notice_up,
        appeal_until,
        legal_force: appeal_until + Duration::days(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_is_where_the_almanac_has_it() {
        assert_eq!(easter(2024), day("2024-03-31"));
        assert_eq!(easter(2025), day("2025-04-20"));
        assert_eq!(easter(2027), day("2027-03-28"));
    }

    #[test]
    fn immediate_justering_starts_the_three_weeks_at_the_meeting() {
        // The OFU meeting of 2023-12-12 (a Tuesday), justerad omedelbart.
        let clock = clock(day("2023-12-12"));
        assert_eq!(clock.notice_up, day("2023-12-12"));
        assert_eq!(
            clock.appeal_until,
            day("2024-01-02"),
            "three weeks on is a Tuesday"
        );
        assert_eq!(clock.legal_force, day("2024-01-03"));
    }

    #[test]
    fn justering_on_a_later_day_counts_from_that_day() {
        let clock = clock(day("2027-03-01"));
        assert_eq!(clock.appeal_until, day("2027-03-22"));
    }

    #[test]
    fn a_notice_on_a_friday_before_easter_ends_after_the_holidays() {
        // 2027-03-05 is a Friday; three weeks on is långfredagen 2027-03-26, then
        // the weekend and annandag påsk: the last day is Tuesday 2027-03-30.
        let clock = clock(day("2027-03-05"));
        assert_eq!(clock.appeal_until, day("2027-03-30"));
        assert_eq!(clock.legal_force, day("2027-03-31"));
    }

    #[test]
    fn a_deadline_on_julafton_or_nyarsafton_moves_on() {
        assert_eq!(next_open(day("2026-12-24")), day("2026-12-28"));
        assert_eq!(next_open(day("2027-12-31")), day("2028-01-03"));
        assert_eq!(
            next_open(day("2026-06-19")),
            day("2026-06-22"),
            "midsommarafton"
        );
    }
}
