//! Amounts of money as people in Sweden write them, kept as whole öre (`i64`), never as
//! floating point.
//!
//! Accepted: `500 000`, `500000`, `500 000 kr`, `1 600 000,00`, `1 600 000:-`, with
//! ordinary, non-breaking or thin spaces between the groups. Refused, each with its own
//! message: a negative amount, more than two decimals (fractions of an öre), anything
//! that is not a number, and amounts over 100 000 000 000 kronor.

/// Öre in one krona.
pub const ORE_PER_KRONA: i64 = 100;
/// The largest amount accepted, in kronor (10^11).
pub const MAX_KRONOR: i64 = 100_000_000_000;

/// The message for an amount that is not a number.
pub const NOT_A_NUMBER: &str =
    "Skriv beloppet med siffror, till exempel 500 000 eller 1 600 000,50.";
/// The message for a negative amount.
pub const NEGATIVE: &str = "Beloppet kan inte vara negativt.";
/// The message for more than two decimals.
pub const TOO_PRECISE: &str = "Beloppet kan ha högst två decimaler (öre).";
/// The message for an absurd amount.
pub const TOO_LARGE: &str = "Beloppet är orimligt stort. Kontrollera antalet siffror.";

/// Reads `input` as an amount in kronor and answers it in öre; `None` when empty.
pub fn parse_optional(input: &str) -> Result<Option<i64>, &'static str> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse(input).map(Some)
    }
}

/// Reads `input` (kronor as written in Swedish) and answers it in öre.
pub fn parse(input: &str) -> Result<i64, &'static str> {
    let mut text: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t'))
        .collect();
    if let Some(rest) = text.strip_suffix("kr.") {
        // "500 000 kr." at the end of a sentence.
        text = format!("{rest}kr");
    }
    for suffix in [":-", "kronor", "kr", "SEK", "sek", "Kr", "KR"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            text = rest.to_owned();
            break;
        }
    }
    if text.starts_with('-') || text.starts_with('\u{2212}') {
        return Err(NEGATIVE);
    }
    let text = text.strip_prefix('+').unwrap_or(&text);
    let (whole, fraction) = match text.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return Err(NOT_A_NUMBER);
    }
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(NOT_A_NUMBER);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 2 {
        return Err(TOO_PRECISE);
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 12 {
        return Err(TOO_LARGE);
    }
    let kronor: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| NOT_A_NUMBER)?
    };
    if kronor > MAX_KRONOR {
        return Err(TOO_LARGE);
    }
    let ore: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().map_err(|_| NOT_A_NUMBER)? * 10,
        _ => fraction.parse::<i64>().map_err(|_| NOT_A_NUMBER)?,
    };
    let total = kronor * ORE_PER_KRONA + ore;
    if total > MAX_KRONOR * ORE_PER_KRONA {
        return Err(TOO_LARGE);
    }
    Ok(total)
}

/// `ore` as Swedish text without the unit: `1 600 000` or `1 600 000,50`, with
/// non-breaking spaces between the groups so an amount never breaks across lines.
pub fn format(ore: i64) -> String {
    let negative = ore < 0;
    let ore = ore.unsigned_abs();
    let kronor = (ore / ORE_PER_KRONA as u64).to_string();
    let mut grouped = String::new();
    for (i, c) in kronor.chars().enumerate() {
        if i > 0 && (kronor.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    let rest = ore % ORE_PER_KRONA as u64;
    let sign = if negative { "−" } else { "" };
    if rest == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{rest:02}")
    }
}

/// `ore` with the unit: `1 600 000 kr`.
pub fn format_kr(ore: i64) -> String {
    format!("{}\u{a0}kr", format(ore))
}

/// `ore` as it is put back into a form field: `1 600 000` with ordinary spaces.
pub fn to_input(ore: i64) -> String {
    format(ore).replace('\u{a0}', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_writing_an_amount_in_swedish_is_read() {
        for (input, ore) in [
            ("500 000", 50_000_000),
            ("500000", 50_000_000),
            ("500 000 kr", 50_000_000),
            ("1 600 000,00", 160_000_000),
            ("1 600 000:-", 160_000_000),
            ("1\u{a0}600\u{a0}000 kr", 160_000_000),
            ("1\u{202f}600\u{202f}000", 160_000_000),
            ("3 000,5", 300_050),
            ("3000.25", 300_025),
            ("0", 0),
            ("  42 kr. ", 4_200),
            ("100 000 000 000", MAX_KRONOR * 100),
        ] {
            assert_eq!(parse(input), Ok(ore), "{input}");
        }
    }

    #[test]
    fn negative_fractional_and_absurd_amounts_are_refused_with_their_own_message() {
        assert_eq!(parse("-500"), Err(NEGATIVE));
        assert_eq!(parse("−500"), Err(NEGATIVE));
        assert_eq!(parse("10,005"), Err(TOO_PRECISE));
        assert_eq!(parse("100 000 000 001"), Err(TOO_LARGE));
        assert_eq!(parse("100 000 000 000,01"), Err(TOO_LARGE));
        assert_eq!(parse("99999999999999999999999"), Err(TOO_LARGE));
        for input in ["femhundra", "", "kr", "1,2,3", "12a", "1e6", ",50"] {
            assert_eq!(parse(input), Err(NOT_A_NUMBER), "{input:?}");
        }
        assert_eq!(parse_optional("  "), Ok(None));
    }

    #[test]
    fn amounts_are_written_back_with_groups() {
        assert_eq!(format(160_000_000), "1\u{a0}600\u{a0}000");
        assert_eq!(format(300_050), "3\u{a0}000,50");
        assert_eq!(format(0), "0");
        assert_eq!(format_kr(50_000_000), "500\u{a0}000\u{a0}kr");
        assert_eq!(to_input(160_000_000), "1 600 000");
        assert_eq!(parse(&to_input(123_456_789)), Ok(123_456_789));
    }
}
