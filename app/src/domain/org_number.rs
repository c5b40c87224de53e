//! Organisationsnummer: ten digits, `NNNNNN-NNNN`, the last a Luhn check digit over
//! the first nine.
use std::fmt;

use serde::{Deserialize, Serialize};

/// A valid organisationsnummer, always held normalised as `NNNNNN-NNNN`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgNumber(String);

/// Why a text is not an organisationsnummer. `Display` gives the Swedish message shown
/// next to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrgNumberError {
    #[error("Ange föreningens organisationsnummer.")]
    Empty,
    #[error("Organisationsnumret ska ha tio siffror, till exempel 802534-3750.")]
    Format,
    #[error("Organisationsnumret stämmer inte. Kontrollera siffrorna.")]
    CheckDigit,
}

impl OrgNumber {
    /// Parses `NNNNNN-NNNN` or ten digits, with surrounding white space.
    pub fn parse(input: &str) -> Result<Self, OrgNumberError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(OrgNumberError::Empty);
        }
        let digits: Vec<u8> = match text.as_bytes() {
            [head @ .., b'-', a, b, c, d] if head.len() == 6 => {
                head.iter().chain([a, b, c, d]).copied().collect()
            }
            all if all.len() == 10 => all.to_vec(),
            _ => return Err(OrgNumberError::Format),
        };
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(OrgNumberError::Format);
        }
        let digits: Vec<u32> = digits.iter().map(|d| u32::from(d - b'0')).collect();
        if luhn_check_digit(&digits[..9]) != digits[9] {
            return Err(OrgNumberError::CheckDigit);
        }
        let text: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        Ok(Self(format!("{}-{}", &text[..6], &text[6..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Luhn digit that completes `digits`: weights 2, 1, 2, … from the left, digits of
/// each product summed.
fn luhn_check_digit(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let product = if i % 2 == 0 { d * 2 } else { *d };
            product / 10 + product % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrgNumber {
    type Error = OrgNumberError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OrgNumber> for String {
    fn from(value: OrgNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_associations_number_is_valid() {
        assert_eq!(
            OrgNumber::parse("802534-3750").unwrap().as_str(),
            "802534-3750"
        );
    }

    #[test]
    fn ten_digits_and_white_space_are_normalised() {
        assert_eq!(
            OrgNumber::parse(" 8025343750 ").unwrap().as_str(),
            "802534-3750"
        );
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        assert_eq!(
            OrgNumber::parse("802534-3751"),
            Err(OrgNumberError::CheckDigit)
        );
    }

    #[test]
    fn other_shapes_are_refused_as_format_errors() {
        for input in [
            "80253-43750",
            "802534-375",
            "802534 3750",
            "80253437500",
            "8025x4-3750",
            "８０２５３４-３７５０",
        ] {
            assert_eq!(
                OrgNumber::parse(input),
                Err(OrgNumberError::Format),
                "{input}"
            );
        }
        assert_eq!(OrgNumber::parse("   "), Err(OrgNumberError::Empty));
    }

    #[test]
    fn every_check_digit_is_computed_by_luhn() {
        // Known valid Swedish organisation numbers.
        for valid in ["556016-0680", "202100-5489", "802534-3750"] {
            let digits: Vec<u32> = valid.chars().filter_map(|c| c.to_digit(10)).collect();
            assert_eq!(luhn_check_digit(&digits[..9]), digits[9], "{valid}");
        }
    }

    #[test]
    fn serde_refuses_an_invalid_number() {
        assert!(serde_json::from_str::<OrgNumber>("\"802534-3751\"").is_err());
        let parsed: OrgNumber = serde_json::from_str("\"8025343750\"").unwrap();
        assert_eq!(serde_json::to_string(&parsed).unwrap(), "\"802534-3750\"");
    }
}
