//! Who may act for an association: representatives an officer has verified, each until
//! a date, by default the association's next annual meeting and never more than 15
//! months ahead.
use chrono::{Months, NaiveDate};

/// The longest a verification lasts.
pub const MAX_MONTHS: u32 = 15;

pub mod field {
    pub const DOCUMENT: &str = "document";
    pub const NAMED: &str = "named";
    pub const NEXT_ANNUAL_MEETING: &str = "next_annual_meeting";
    pub const VALID_UNTIL: &str = "valid_until";
    pub const NOTE: &str = "note";
}

/// The last day a verification made on `today` may last.
pub fn latest_valid_until(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(Months::new(MAX_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// The date an officer is offered: the next annual meeting, capped at 15 months. If that
/// meeting has passed while the document waited, the one a year later (meetings are
/// annual), so the offer is never a day that has been.
pub fn default_valid_until(today: NaiveDate, next_annual_meeting: NaiveDate) -> NaiveDate {
    let mut meeting = next_annual_meeting;
    while meeting <= today {
        match meeting.checked_add_months(Months::new(12)) {
            Some(next) => meeting = next,
            None => break,
        }
    }
    meeting.min(latest_valid_until(today))
}

/// Reads a date typed as `ÅÅÅÅ-MM-DD` (what a date input sends).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The next annual meeting as the association gives it: a date after today, within
/// 15 months.
pub fn check_next_annual_meeting(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let Some(date) = parse_date(text) else {
        return Err(if text.trim().is_empty() {
            "Ange datumet för föreningens nästa ordinarie årsmöte.".to_owned()
        } else {
            "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-03-15.".to_owned()
        });
    };
    if date <= today {
        return Err("Nästa årsmöte ska vara ett datum efter i dag.".to_owned());
    }
    Ok(date)
}

/// The officer's chosen end date: after today and at most 15 months ahead.
pub fn check_valid_until(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let Some(date) = parse_date(text) else {
        return Err("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-03-15.".to_owned());
    };
    let latest = latest_valid_until(today);
    if date <= today {
        Err("Sista giltighetsdag ska vara ett datum efter i dag.".to_owned())
    } else if date > latest {
        Err(format!(
            "En verifiering gäller högst 15 månader, alltså till och med {latest}."
        ))
    } else {
        Ok(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn the_default_is_the_next_annual_meeting() {
        assert_eq!(
            default_valid_until(day("2026-11-22"), day("2027-03-20")),
            day("2027-03-20")
        );
    }

    #[test]
    fn a_meeting_that_passed_while_the_document_waited_rolls_on_a_year() {
        assert_eq!(
            default_valid_until(day("2027-04-01"), day("2027-03-20")),
            day("2028-03-20")
        );
        assert_eq!(
            default_valid_until(day("2027-03-20"), day("2027-03-20")),
            day("2028-03-20"),
            "the meeting day itself has been"
        );
    }

    #[test]
    fn a_verification_never_lasts_more_than_fifteen_months() {
        assert_eq!(latest_valid_until(day("2026-11-22")), day("2028-02-22"));
        assert_eq!(
            default_valid_until(day("2026-11-22"), day("2029-01-01")),
            day("2028-02-22")
        );
        assert!(check_valid_until("2028-02-22", day("2026-11-22")).is_ok());
        let too_long = check_valid_until("2028-02-23", day("2026-11-22")).unwrap_err();
        assert!(too_long.contains("2028-02-22"), "{too_long}");
    }

    #[test]
    fn dates_in_the_past_or_badly_written_are_refused() {
        assert!(check_valid_until("2026-11-22", day("2026-11-22")).is_err());
        assert!(check_next_annual_meeting("2026-01-01", day("2026-11-22")).is_err());
        assert!(check_next_annual_meeting("15 mars", day("2026-11-22"))
            .unwrap_err()
            .contains("ÅÅÅÅ-MM-DD"));
        assert!(check_next_annual_meeting("", day("2026-11-22"))
            .unwrap_err()
            .contains("Ange datumet"));
        assert_eq!(
            check_next_annual_meeting("2027-03-20", day("2026-11-22")),
            Ok(day("2027-03-20"))
        );
    }
}
