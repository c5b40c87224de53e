//! Property tests (proptest) for every parser of typed input: organisationsnummer,
//! money, dates, bankgiro and plusgiro, e-mail addresses, the partnership's notice day
//! and agreement rules, and the partner's report form. Each parser must answer any
//! string, however hostile, with a value or a Swedish message, never a panic; what it
//! accepts must read back to itself. (The Markdown sanitiser's properties sit beside it,
//! in `backend::markdown`; the fuzz targets for `cargo fuzz` are in `fuzz/`.)
use chrono::NaiveDate;
use proptest::prelude::*;

use super::{email, giro, money, org_number::OrgNumber, validation::date_typed};
use crate::features::partnerships::{terms::Terms, PartnerReport};

/// Any text, weighted towards what people and attackers type into these fields.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 \\-.,:/]{0,24}",
        "[0-9]{0,14}( ?kr| SEK|:-)?",
        "\\PC{0,40}",
        Just("\u{0}\u{feff}\u{202e}".to_owned()),
        Just("9".repeat(400)),
    ]
}

fn luhn(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let n = if i % 2 == 0 { d * 2 } else { *d };
            n / 10 + n % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2060, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d)
            .or_else(|| NaiveDate::from_ymd_opt(y, m, 28))
            .unwrap_or_default()
    })
}

fn terms() -> impl Strategy<Value = Terms> {
    (
        day(),
        1u64..2000,
        prop_oneof![Just(0u32), Just(6u32), Just(12u32), 1u32..40],
        0u64..3000,
        // A notice day the form accepts: one that exists in a leap year.
        (1u32..=12, 1u32..=31).prop_filter("a real day", |(m, d)| {
            NaiveDate::from_ymd_opt(2024, *m, *d).is_some()
        }),
    )
        .prop_map(|(start, length, extension, more, notice)| {
            let first = start + chrono::Days::new(length);
            Terms {
                starts_on: start,
                first_end_on: first,
                extension_months: extension,
                last_end_on: (extension > 0).then(|| first + chrono::Days::new(more)),
                notice_by: notice,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn an_org_number_parser_answers_anything_and_reads_back_what_it_accepts(text in typed()) {
        if let Ok(number) = OrgNumber::parse(&text) {
            let again = OrgNumber::parse(&number.to_string());
            prop_assert_eq!(again, Ok(number));
        }
    }

    #[test]
    fn every_org_number_with_its_check_digit_is_accepted_and_no_other(digits in prop::collection::vec(0u32..10, 9), wrong in 1u32..10) {
        let check = luhn(&digits);
        let text: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
        let good = format!("{}-{}{check}", &text[..6], &text[6..]);
        prop_assert!(OrgNumber::parse(&good).is_ok(), "{}", good);
        let bad = format!("{}-{}{}", &text[..6], &text[6..], (check + wrong) % 10);
        prop_assert!(OrgNumber::parse(&bad).is_err(), "{}", bad);
    }

    #[test]
    fn money_answers_anything_and_every_amount_reads_back(text in typed(), ore in 0i64..=money::MAX_KRONOR * 100) {
        if let Ok(parsed) = money::parse(&text) {
            prop_assert!((0..=money::MAX_KRONOR * 100).contains(&parsed));
        }
        prop_assert_eq!(money::parse(&money::to_input(ore)), Ok(ore));
        prop_assert_eq!(money::parse(&money::format_kr(ore)), Ok(ore));
    }

    #[test]
    fn giro_numbers_answer_anything_and_read_back_what_they_accept(text in typed()) {
        if let Ok(number) = giro::parse_bankgiro(&text) {
            prop_assert_eq!(giro::parse_bankgiro(&number), Ok(number.clone()));
        }
        if let Ok(number) = giro::parse_plusgiro(&text) {
            prop_assert_eq!(giro::parse_plusgiro(&number), Ok(number.clone()));
        }
    }

    #[test]
    fn dates_answer_anything_and_every_day_reads_back(text in typed(), d in day()) {
        let _ = date_typed("datum", &text);
        prop_assert_eq!(date_typed("datum", &d.to_string()).ok(), Some(d));
    }

    #[test]
    fn e_mail_addresses_answer_anything_and_read_back_what_they_accept(text in typed()) {
        if let Ok(address) = email::parse(&text) {
            prop_assert_eq!(email::parse(&address), Ok(address.clone()));
        }
    }

    #[test]
    fn a_notice_ends_the_agreement_on_a_possible_end_and_never_earlier_when_later(t in terms(), a in day(), b in day()) {
        let ends = t.end_dates();
        prop_assert!(ends.windows(2).all(|w| w[0] < w[1]), "{:?}", ends);
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        let first = t.ends_after_notice(early);
        let second = t.ends_after_notice(late);
        prop_assert!(ends.contains(&first) && ends.contains(&second));
        prop_assert!(first <= second, "a later notice ends it earlier: {} {}", first, second);
        prop_assert!(first >= t.first_end_on && second <= t.last_possible_end());
        // Without notice, today's standing is what a notice today would give, and its
        // deadline is a day a notice could still be given.
        let standing = t.standing(late, None);
        if let Some(deadline) = standing.deadline {
            prop_assert!(deadline >= late.max(t.starts_on));
            prop_assert_eq!(t.ends_after_notice(deadline), standing.ends_on);
            prop_assert!(standing.ends_on < t.last_possible_end());
        }
    }

    #[test]
    fn the_report_form_answers_any_input_without_panicking(values in prop::collection::vec(typed(), 12)) {
        let names = [
            "sammanfattning", "aktivitet_1", "aktivitet_schema_1", "deltagare_min",
            "deltagare_max", "tillfalle_1", "tillfalle_antal_1", "citat", "kvinnor", "man",
            "timmar", "medel",
        ];
        let mut report = PartnerReport::default();
        let problems = report.read_form(|name| {
            names.iter().position(|n| *n == name).map(|i| values[i].clone()).unwrap_or_default()
        });
        let _ = report.problems();
        if problems.is_empty() {
            if let (Some(w), Some(m)) = (report.women, report.men) {
                prop_assert!(u32::from(w) + u32::from(m) <= 100);
            }
            if let (Some(min), Some(max)) = (report.per_day_min, report.per_day_max) {
                prop_assert!(min <= max);
            }
        }
    }
}
