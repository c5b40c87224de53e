//! E-mail addresses as people type them.

/// A plausible e-mail address, trimmed and in lower case. Deliverability is proven by
/// the verification link, not by this check.
pub fn parse(input: &str) -> Result<String, &'static str> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err("Ange en e-postadress.");
    }
    let valid = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && matches!(email.split_once('@'), Some((user, domain))
            if !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.'));
    if valid {
        Ok(email)
    } else {
        Err("Ange en giltig e-postadress, till exempel namn@forening.se.")
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

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
        ] {
            assert!(parse(input).is_err(), "{input}");
        }
        assert_eq!(parse(""), Err("Ange en e-postadress."));
    }
}
