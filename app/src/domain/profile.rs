//! The association's profile, as its members edit it. The organisationsnummer is the
//! association's identity and is not edited here.
use std::collections::HashMap;

use super::{
    email, giro,
    registration::{
        association_texts, check_founded_year, check_members, check_phone, AssociationTexts,
    },
};

pub mod field {
    pub use crate::domain::registration::field::{
        CONTACT_PERSON, EMAIL, FOUNDED_YEAR, MEMBERS_IN_CITY, NAME, PHONE, POSTAL_ADDRESS,
        TARGET_GROUP,
    };
    pub const BANKGIRO: &str = "bankgiro";
    pub const PLUSGIRO: &str = "plusgiro";
}

/// A checked profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub founded_year: i32,
    pub members_in_city: i32,
    pub target_group: String,
    pub postal_address: String,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    /// Normalised, or empty.
    pub bankgiro: String,
    pub plusgiro: String,
}

/// Checks the submitted profile; every problem at once, in the order of the form.
pub fn validate(
    form: &HashMap<String, String>,
    current_year: i32,
) -> Result<Profile, Vec<(&'static str, String)>> {
    let text = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    let mut check = |name: &'static str, result: Result<String, String>| match result {
        Ok(value) => value,
        Err(message) => {
            errors.push((name, message));
            String::new()
        }
    };
    let AssociationTexts {
        name,
        target_group,
        postal_address,
        contact_person,
    } = association_texts(&text, &mut check);
    let founded_year = check(
        field::FOUNDED_YEAR,
        check_founded_year(&text(field::FOUNDED_YEAR), current_year).map(|y| y.to_string()),
    );
    let members_in_city = check(
        field::MEMBERS_IN_CITY,
        check_members(&text(field::MEMBERS_IN_CITY)).map(|m| m.to_string()),
    );
    let email = check(
        field::EMAIL,
        email::parse(&text(field::EMAIL)).map_err(str::to_owned),
    );
    let phone = check(field::PHONE, check_phone(&text(field::PHONE)));
    let optional = |name: &str, parse: fn(&str) -> Result<String, &'static str>| {
        let value = text(name);
        if value.is_empty() {
            Ok(String::new())
        } else {
            parse(&value).map_err(str::to_owned)
        }
    };
    let bankgiro = check(
        field::BANKGIRO,
        optional(field::BANKGIRO, giro::parse_bankgiro),
    );
    let plusgiro = check(
        field::PLUSGIRO,
        optional(field::PLUSGIRO, giro::parse_plusgiro),
    );
    let order = [
        field::NAME,
        field::FOUNDED_YEAR,
        field::MEMBERS_IN_CITY,
        field::TARGET_GROUP,
        field::POSTAL_ADDRESS,
        field::CONTACT_PERSON,
        field::EMAIL,
        field::PHONE,
        field::BANKGIRO,
        field::PLUSGIRO,
    ];
    errors.sort_by_key(|(name, _)| order.iter().position(|f| f == name));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Profile {
        name,
        founded_year: founded_year.parse().unwrap_or_default(),
        members_in_city: members_in_city.parse().unwrap_or_default(),
        target_group,
        postal_address,
        contact_person,
        email,
        phone,
        bankgiro,
        plusgiro,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{registration::limit, text};

    #[test]
    fn a_bad_bankgiro_is_reported_by_its_field_and_an_empty_one_is_fine() {
        let mut form: HashMap<String, String> = [
            (field::NAME, "Kindness & Compassion"),
            (field::FOUNDED_YEAR, "2021"),
            (field::MEMBERS_IN_CITY, "13"),
            (field::TARGET_GROUP, "Alla"),
            (field::POSTAL_ADDRESS, "Stockholm"),
            (field::CONTACT_PERSON, "Sara Lind"),
            (field::EMAIL, "sara@example.se"),
            (field::PHONE, "070-123 45 67"),
            (field::BANKGIRO, "5050-1056"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let errors = validate(&form, 2026).unwrap_err();
        assert_eq!(
            errors,
            [(
                field::BANKGIRO,
                "Bankgironumret stämmer inte. Kontrollera siffrorna.".to_owned()
            )]
        );
        form.insert(field::BANKGIRO.into(), String::new());
        assert_eq!(validate(&form, 2026).unwrap().bankgiro, "");
        form.insert(field::BANKGIRO.into(), "50501055".into());
        assert_eq!(validate(&form, 2026).unwrap().bankgiro, "5050-1055");

        // Every text has its limit: a 10 000-character name or target group is refused.
        form.insert(field::NAME.into(), "x".repeat(10_000));
        form.insert(field::TARGET_GROUP.into(), "x".repeat(10_000));
        let errors = validate(&form, 2026).unwrap_err();
        assert_eq!(
            errors,
            [
                (field::NAME, text::too_long(limit::NAME)),
                (field::TARGET_GROUP, text::too_long(limit::TARGET_GROUP)),
            ]
        );
    }
}
