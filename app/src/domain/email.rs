//! E-mail addresses as people type them.

/// The message for an address with line breaks, invisible or bidirectional characters.
pub const HIDDEN: &str =
    "E-postadressen innehåller osynliga tecken eller styrtecken. Skriv in den igen.";

/// A plausible e-mail address, trimmed and in lower case. Deliverability is proven by
/// the verification link, not by this check.
pub fn parse(input: &str) -> Result<String, &'static str> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err("Ange en e-postadress.");
    }
    if email.chars().any(super::text::is_hidden) {
        return Err(HIDDEN);
    }
    // The local part as RFC 5322 allows it unquoted (plus letters beyond ASCII, as
    // SMTPUTF8 does); the domain as labels of letters, digits and hyphens (IDN allowed).
    let local_char = |c: char| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let valid = email.len() <= 254
        && matches!(email.split_once('@'), Some((user, domain))
            if !user.is_empty()
                && user.len() <= 64
                && user.chars().all(local_char)
                && !user.starts_with('.')
                && !user.ends_with('.')
                && !user.contains("..")
                && domain.contains('.')
                && domain.split('.').all(label_ok));
    if valid {
        Ok(email)
    } else {
        Err("Ange en giltig e-postadress, till exempel namn@forening.se.")
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, HIDDEN};

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        assert_eq!(
            parse("  Sara.Lind@Forening.SE ").unwrap(),
            "sara.lind@forening.se"
        );
    }

    #[test]
    fn things_that_are_not_addresses_are_refused() {
        for input in [
            "sara",
            "sara@",
            "@forening.se",
            "sara@forening",
            "sara lind@forening.se",
            "a@b@c.se",
            "sara<x>@forening.se",
            "sara@forening.se>",
            "sara@för..se",
            "sara@💩.se",
            "sara@forening.💩",
        ] {
            assert!(parse(input).is_err(), "{input}");
        }
        assert_eq!(parse(""), Err("Ange en e-postadress."));
    }

    #[test]
    fn hidden_characters_are_refused_with_their_own_message() {
        for input in [
            "\u{202e}\u{200b}\u{feff}fuzz@example.se",
            "sara\r\nbcc:x@example.se",
            "sara@example.se\u{200b}",
        ] {
            assert_eq!(parse(input), Err(HIDDEN), "{input:?}");
        }
    }

    #[test]
    fn real_addresses_pass() {
        for input in [
            "sara.lind+bidrag@kindness-compassion.example",
            "asa@föreningen.se",
            "o'brien@example.se",
        ] {
            assert!(parse(input).is_ok(), "{input}");
        }
    }
}
