//! Time as the people using the portal read it: Swedish time (Europe/Stockholm), with
//! summer time. The database keeps UTC.
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Stockholm;

/// Today's date in Sweden.
pub fn today() -> NaiveDate {
    date_of(Utc::now())
}

/// The Swedish date of `time`.
pub fn date_of(time: DateTime<Utc>) -> NaiveDate {
    time.with_timezone(&Stockholm).date_naive()
}

/// The first instant of `day` in Sweden (midnight, Swedish time).
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Stockholm
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

/// `ÅÅÅÅ-MM-DD` in Swedish time.
pub fn date(time: DateTime<Utc>) -> String {
    date_of(time).to_string()
}

/// `ÅÅÅÅ-MM-DD TT:MM:SS` in Swedish time.
pub fn date_time(time: DateTime<Utc>) -> String {
    time.with_timezone(&Stockholm)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// "22 november 2026 kl. 18.05" in Swedish time.
pub fn swedish_time(time: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Datelike;
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
    let local = time.with_timezone(&Stockholm);
    format!(
        "{} {} {} kl. {}",
        local.day(),
        MONTHS[local.month0() as usize],
        local.year(),
        local.format("%H.%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_sweden() {
        let winter = Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap();
        assert_eq!(date(winter), "2026-11-23");
        assert_eq!(date_time(winter), "2026-11-23 00:30:00");
        let summer = Utc.with_ymd_and_hms(2026, 6, 30, 22, 15, 0).unwrap();
        assert_eq!(
            date_time(summer),
            "2026-07-01 00:15:00",
            "summer time is UTC+2"
        );
    }
}
