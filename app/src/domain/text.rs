//! Text as people type it into names, addresses and free-text fields.
//!
//! A name ends up in mail headers, in page titles and in other people's screens, so it
//! may hold no line breaks (a `\r\n` in a display name is a header injection), no other
//! control characters, no invisible format characters (zero-width spaces, the byte-order
//! mark) and no bidirectional overrides (which make `gpj.exe` read as `exe.jpg`). Longer
//! free text may hold line breaks and tabs, but nothing else of the kind; PostgreSQL
//! refuses NUL in text outright, so NUL must never reach the database.

/// The message by a name or an address that holds such a character.
pub const HIDDEN_CHARACTERS: &str =
    "Texten innehåller radbrytningar, osynliga tecken eller styrtecken. Skriv den igen utan dem.";

/// Whether `c` is a control character, an invisible format character or a bidirectional
/// control: characters that a reader cannot see but that change what text means.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'                      // soft hyphen
            | '\u{034F}'                    // combining grapheme joiner
            | '\u{061C}'                    // Arabic letter mark
            | '\u{115F}' | '\u{1160}'       // Hangul fillers
            | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'       // Mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}'       // zero-width space, joiners, LRM, RLM
            | '\u{2028}'..='\u{202E}'       // line/paragraph separators, bidi embeddings and overrides
            | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, bidi isolates
            | '\u{3164}'                    // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'       // variation selectors
            | '\u{FEFF}'                    // byte-order mark
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'       // interlinear annotation controls
            | '\u{0600}'..='\u{0605}'     // Arabic number signs (format characters)
            | '\u{06DD}' | '\u{070F}' | '\u{0890}' | '\u{0891}' | '\u{08E2}'
            | '\u{110BD}' | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'   // Egyptian hieroglyph format controls
            | '\u{1BCA0}'..='\u{1BCA3}'   // shorthand format controls
            | '\u{1D173}'..='\u{1D17A}'   // musical symbol format controls
            | '\u{E0000}'..='\u{E007F}' // tags
        )
}

/// Whether free text (several lines allowed) holds a character it must not: anything
/// [`is_hidden`] but line breaks and tabs.
fn has_hidden_in_free_text(text: &str) -> bool {
    text.chars()
        .any(|c| is_hidden(c) && !matches!(c, '\n' | '\r' | '\t'))
}

/// The message for text longer than `max` characters.
pub fn too_long(max: usize) -> String {
    format!("Texten får vara högst {max} tecken.")
}

/// A required one-line name (a person's, an association's): trimmed, at most `max`
/// characters, nothing hidden. `missing` is the message when it is empty.
pub fn name(input: &str, missing: &str, max: usize) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        Err(missing.to_owned())
    } else if value.chars().any(is_hidden) {
        Err(HIDDEN_CHARACTERS.to_owned())
    } else if value.chars().count() > max {
        Err(too_long(max))
    } else {
        Ok(value.to_owned())
    }
}

/// An optional one-line text: as [`name`], but empty is allowed.
pub fn optional_line(input: &str, max: usize) -> Result<String, String> {
    if input.trim().is_empty() {
        Ok(String::new())
    } else {
        name(input, "", max)
    }
}

/// Free text of at most `max` characters (line breaks allowed), trimmed; `missing` is
/// the message when it is required and empty, `None` when it may be empty.
pub fn free_text(input: &str, missing: Option<&str>, max: usize) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        return match missing {
            Some(message) => Err(message.to_owned()),
            None => Ok(String::new()),
        };
    }
    if has_hidden_in_free_text(value) {
        Err(HIDDEN_CHARACTERS.to_owned())
    } else if value.chars().count() > max {
        Err(too_long(max))
    } else {
        Ok(value.to_owned())
    }
}

/// A display name that is safe in a mail header whatever is stored: hidden characters
/// become spaces, runs of spaces one, at most 100 characters. Used when a mail is
/// built, as the last line of defence behind the checks at input.
pub fn safe_display_name(input: &str) -> String {
    let cleaned: String = input
        .chars()
        .map(|c| if is_hidden(c) { ' ' } else { c })
        .collect();
    cleaned
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(100)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_injection_in_a_name_is_refused() {
        assert_eq!(
            name("Evil\r\nBcc: x@example.se", "Ange ditt namn.", 200),
            Err(HIDDEN_CHARACTERS.to_owned())
        );
    }

    #[test]
    fn invisible_and_bidirectional_characters_are_refused_in_names() {
        for hostile in [
            "Sara\u{202E}dniL",
            "Sara\u{200B}Lind",
            "\u{FEFF}Sara",
            "Sara\u{2066}Lind",
            "Sara\tLind",
            "Sara\0",
        ] {
            assert!(name(hostile, "x", 200).is_err(), "{hostile:?}");
        }
    }

    #[test]
    fn real_names_pass_trimmed() {
        assert_eq!(
            name("  Åsa Öberg-Ängström ", "x", 200).as_deref(),
            Ok("Åsa Öberg-Ängström")
        );
        assert_eq!(
            name("Kindness & Compassion", "x", 200).as_deref(),
            Ok("Kindness & Compassion")
        );
        assert_eq!(
            name("Zoë Ñúñez 李", "x", 200).as_deref(),
            Ok("Zoë Ñúñez 李")
        );
    }

    #[test]
    fn names_are_required_and_limited() {
        assert_eq!(
            name("  ", "Ange ditt namn.", 200),
            Err("Ange ditt namn.".into())
        );
        assert_eq!(name(&"a".repeat(201), "x", 200), Err(too_long(200)));
        assert!(
            name(&"å".repeat(200), "x", 200).is_ok(),
            "characters, not bytes"
        );
    }

    #[test]
    fn free_text_keeps_line_breaks_but_not_nul_or_overrides() {
        assert_eq!(
            free_text("Rad ett\r\nRad två\tmed tabb", None, 100).as_deref(),
            Ok("Rad ett\r\nRad två\tmed tabb")
        );
        assert!(free_text("a\0b", None, 100).is_err());
        assert!(free_text("a\u{202E}b", None, 100).is_err());
        assert_eq!(free_text("", None, 100).as_deref(), Ok(""));
        assert_eq!(free_text("", Some("Fyll i."), 100), Err("Fyll i.".into()));
        assert_eq!(free_text(&"x".repeat(101), None, 100), Err(too_long(100)));
    }

    #[test]
    fn a_safe_display_name_has_no_line_breaks_left() {
        assert_eq!(
            safe_display_name("Evil\r\nBcc: x@example.se"),
            "Evil Bcc: x@example.se"
        );
        assert_eq!(safe_display_name("\u{202E}\u{200B}"), "");
        assert_eq!(safe_display_name(&"a".repeat(500)).len(), 100);
    }
}
