//! Bankgiro and plusgiro numbers: the association's account for payouts. Both end in a
//! Luhn (modulus 10) check digit over all the digits.

fn luhn_valid(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let product = if i % 2 == 1 { d * 2 } else { *d };
            product / 10 + product % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

fn digits_of(input: &str) -> Option<Vec<u32>> {
    let trimmed = input.trim();
    if !trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        return None;
    }
    Some(trimmed.chars().filter_map(|c| c.to_digit(10)).collect())
}

/// A bankgiro number, 7 or 8 digits, normalised as `NNN-NNNN` or `NNNN-NNNN`.
pub fn parse_bankgiro(input: &str) -> Result<String, &'static str> {
    let digits =
        digits_of(input).ok_or("Ange bankgironumret med siffror, till exempel 5050-1055.")?;
    if !(7..=8).contains(&digits.len()) {
        return Err("Ett bankgironummer har 7 eller 8 siffror, till exempel 5050-1055.");
    }
    if !luhn_valid(&digits) {
        return Err("Bankgironumret stämmer inte. Kontrollera siffrorna.");
    }
    let text: String = digits
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
        .collect();
    let split = text.len() - 4;
    Ok(format!("{}-{}", &text[..split], &text[split..]))
}

/// A plusgiro number, 2 to 8 digits, normalised as `NNNNNNN-N`.
pub fn parse_plusgiro(input: &str) -> Result<String, &'static str> {
    let digits =
        digits_of(input).ok_or("Ange plusgironumret med siffror, till exempel 90 01 22-3.")?;
    if !(2..=8).contains(&digits.len()) {
        return Err("Ett plusgironummer har 2–8 siffror.");
    }
    if !luhn_valid(&digits) {
        return Err("Plusgironumret stämmer inte. Kontrollera siffrorna.");
    }
    let text: String = digits
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
        .collect();
    let split = text.len() - 1;
    Ok(format!("{}-{}", &text[..split], &text[split..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_bankgiro_numbers_are_normalised() {
        // Bankgirot's own published example numbers.
        assert_eq!(parse_bankgiro("5050-1055"), Ok("5050-1055".into()));
        assert_eq!(parse_bankgiro("50501055"), Ok("5050-1055".into()));
        assert_eq!(parse_bankgiro(" 991-2346 "), Ok("991-2346".into()));
    }

    #[test]
    fn a_wrong_check_digit_or_length_is_refused() {
        assert!(parse_bankgiro("5050-1056").is_err());
        assert!(parse_bankgiro("123").is_err());
        assert!(parse_bankgiro("5050-105x").is_err());
    }

    #[test]
    fn plusgiro_numbers_are_checked_and_normalised() {
        assert_eq!(parse_plusgiro("90 01 22-3"), Ok("900122-3".into()));
        assert!(parse_plusgiro("90 01 22-6").is_err());
        assert!(parse_plusgiro("1").is_err());
    }
}
