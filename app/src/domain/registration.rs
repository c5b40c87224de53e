//! Registering an association: what the form asks, and what counts as a valid answer.
use std::collections::HashMap;

use super::{email, org_number::OrgNumber, text};

/// The form's fields, in the order the page shows them.
pub mod field {
    pub const NAME: &str = "name";
    pub const ORG_NUMBER: &str = "org_number";
    pub const FOUNDED_YEAR: &str = "founded_year";
    pub const MEMBERS_IN_CITY: &str = "members_in_city";
    pub const TARGET_GROUP: &str = "target_group";
    pub const POSTAL_ADDRESS: &str = "postal_address";
    pub const CONTACT_PERSON: &str = "contact_person";
    pub const EMAIL: &str = "email";
    pub const PHONE: &str = "phone";
    pub const PASSWORD: &str = "password";
}

/// The longest answers accepted, in characters; one-line fields say the same with
/// `maxlength` (a text area cannot: browsers count its line breaks differently).
pub mod limit {
    pub const NAME: usize = 200;
    pub const TARGET_GROUP: usize = 2000;
    pub const POSTAL_ADDRESS: usize = 400;
    pub const PHONE: usize = 40;
    /// Long enough for any passphrase, short enough that hashing it costs nothing extra.
    pub const PASSWORD: usize = 1000;
}

/// The shortest password accepted (any characters count, no composition rules).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The message for a password shorter than that.
pub const PASSWORD_TOO_SHORT: &str = "Lösenordet behöver vara minst 8 tecken långt.";

/// A registration whose every field has been checked. Its `Debug` leaves the password
/// out, so a registration in a log line or a panic message never carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct Registration {
    pub name: String,
    pub org_number: OrgNumber,
    pub founded_year: i32,
    pub members_in_city: i32,
    pub target_group: String,
    pub postal_address: String,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    pub password: String,
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration")
            .field("org_number", &self.org_number)
            .field("founded_year", &self.founded_year)
            .field("members_in_city", &self.members_in_city)
            .field("password", &"***")
            .finish_non_exhaustive()
    }
}

/// Checks the submitted form. On failure, every problem at once, field by field, in
/// the order of the form.
pub fn validate(
    form: &HashMap<String, String>,
    current_year: i32,
) -> Result<Registration, Vec<(&'static str, String)>> {
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

    let org_text = text(field::ORG_NUMBER);
    let founded = text(field::FOUNDED_YEAR);
    let members = text(field::MEMBERS_IN_CITY);
    let AssociationTexts {
        name,
        target_group,
        postal_address,
        contact_person,
    } = association_texts(&text, &mut check);
    let email_text = text(field::EMAIL);
    let phone = text(field::PHONE);
    let password = form.get(field::PASSWORD).cloned().unwrap_or_default();

    let org_number = OrgNumber::parse(&org_text).map_err(|e| (field::ORG_NUMBER, e.to_string()));
    let founded_year =
        check_founded_year(&founded, current_year).map_err(|m| (field::FOUNDED_YEAR, m));
    let members_in_city = check_members(&members).map_err(|m| (field::MEMBERS_IN_CITY, m));
    let email = email::parse(&email_text).map_err(|m| (field::EMAIL, m.to_owned()));
    let phone_result = check_phone(&phone).map_err(|m| (field::PHONE, m));
    let password_result = if password.chars().count() < MIN_PASSWORD_CHARS {
        Err((field::PASSWORD, PASSWORD_TOO_SHORT.to_owned()))
    } else if password.chars().count() > limit::PASSWORD {
        Err((field::PASSWORD, text::too_long(limit::PASSWORD)))
    } else {
        Ok(password)
    };

    // Collect in the order of the form, so the summary reads top to bottom.
    let mut all = errors;
    for result in [
        org_number.as_ref().err().cloned(),
        founded_year.as_ref().err().cloned(),
        members_in_city.as_ref().err().cloned(),
        email.as_ref().err().cloned(),
        phone_result.as_ref().err().cloned(),
        password_result.as_ref().err().cloned(),
    ]
    .into_iter()
    .flatten()
    {
        all.push(result);
    }
    let order = [
        field::NAME,
        field::ORG_NUMBER,
        field::FOUNDED_YEAR,
        field::MEMBERS_IN_CITY,
        field::TARGET_GROUP,
        field::POSTAL_ADDRESS,
        field::CONTACT_PERSON,
        field::EMAIL,
        field::PHONE,
        field::PASSWORD,
    ];
    all.sort_by_key(|(name, _)| order.iter().position(|f| f == name));
    if !all.is_empty() {
        return Err(all);
    }
    Ok(Registration {
        name,
        org_number: org_number.expect("checked above"),
        founded_year: founded_year.expect("checked above"),
        members_in_city: members_in_city.expect("checked above"),
        target_group,
        postal_address,
        contact_person,
        email: email.expect("checked above"),
        phone: phone_result.expect("checked above"),
        password: password_result.expect("checked above"),
    })
}

/// The association's texts that registration and the profile ask alike, checked.
pub(crate) struct AssociationTexts {
    pub name: String,
    pub target_group: String,
    pub postal_address: String,
    pub contact_person: String,
}

/// Checks the texts both forms share: `text` reads a field, `check` keeps a value or
/// notes its problem.
pub(crate) fn association_texts(
    text: &impl Fn(&str) -> String,
    check: &mut impl FnMut(&'static str, Result<String, String>) -> String,
) -> AssociationTexts {
    AssociationTexts {
        name: check(
            field::NAME,
            text::name(&text(field::NAME), "Ange föreningens namn.", limit::NAME),
        ),
        target_group: check(
            field::TARGET_GROUP,
            text::free_text(
                &text(field::TARGET_GROUP),
                Some("Beskriv föreningens målgrupp."),
                limit::TARGET_GROUP,
            ),
        ),
        postal_address: check(
            field::POSTAL_ADDRESS,
            text::free_text(
                &text(field::POSTAL_ADDRESS),
                Some("Ange föreningens postadress."),
                limit::POSTAL_ADDRESS,
            ),
        ),
        contact_person: check(
            field::CONTACT_PERSON,
            text::name(
                &text(field::CONTACT_PERSON),
                "Ange namnet på kontaktpersonen.",
                limit::NAME,
            ),
        ),
    }
}

/// The year an association was founded: four digits, from 1800 to this year.
pub fn check_founded_year(text: &str, current_year: i32) -> Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(year) if (1800..=current_year).contains(&year) => Ok(year),
        Ok(_) => Err(format!("Ange ett år mellan 1800 och {current_year}.")),
        Err(_) if text.trim().is_empty() => {
            Err("Ange året då föreningen bildades, till exempel 2021.".to_owned())
        }
        Err(_) => Err("Ange året med fyra siffror, till exempel 2021.".to_owned()),
    }
}

/// A count of members: a whole number, spaces allowed (`1 200`).
pub fn check_members(text: &str) -> Result<i32, String> {
    match text.replace(' ', "").parse::<i32>() {
        Ok(count) if count >= 0 => Ok(count),
        _ if text.trim().is_empty() => {
            Err("Ange hur många medlemmar föreningen har i staden.".to_owned())
        }
        _ => Err("Ange antalet medlemmar som en siffra, till exempel 13.".to_owned()),
    }
}

/// A phone number: at least seven digits, with spaces, `+`, `-` and brackets allowed.
pub fn check_phone(text: &str) -> Result<String, String> {
    let phone = text.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if phone.is_empty() {
        Err("Ange ett telefonnummer.".to_owned())
    } else if phone.chars().count() > limit::PHONE {
        Err(text::too_long(limit::PHONE))
    } else if digits < 7
        || !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c))
    {
        Err("Ange telefonnumret med siffror, till exempel 08-123 45 67.".to_owned())
    } else {
        Ok(phone.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_form() -> HashMap<String, String> {
        [
            (field::NAME, "Kindness & Compassion"),
            (field::ORG_NUMBER, "802534-3750"),
            (field::FOUNDED_YEAR, "2021"),
            (field::MEMBERS_IN_CITY, "13"),
            (
                field::TARGET_GROUP,
                "Individer i utanförskap och social isolering.",
            ),
            (field::POSTAL_ADDRESS, "Drottninggatan 1, 111 51 Stockholm"),
            (field::CONTACT_PERSON, "Sara Lind"),
            (field::EMAIL, "Sara.Lind@Kindness.example"),
            (field::PHONE, "070-123 45 67"),
            (field::PASSWORD, "en lång och ovanlig fras"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn the_seed_association_registers() {
        let registration = validate(&seed_form(), 2026).unwrap();
        assert_eq!(registration.org_number.as_str(), "802534-3750");
        assert_eq!(registration.email, "sara.lind@kindness.example");
        assert_eq!(registration.members_in_city, 13);
    }

    #[test]
    fn every_problem_is_reported_at_once_in_the_order_of_the_form() {
        let mut form = seed_form();
        form.insert(field::ORG_NUMBER.into(), "802534-3751".into());
        form.insert(field::FOUNDED_YEAR.into(), "2099".into());
        form.insert(field::EMAIL.into(), "sara".into());
        form.insert(field::NAME.into(), " ".into());
        let errors = validate(&form, 2026).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                field::NAME,
                field::ORG_NUMBER,
                field::FOUNDED_YEAR,
                field::EMAIL
            ]
        );
        assert_eq!(
            errors[1].1,
            "Organisationsnumret stämmer inte. Kontrollera siffrorna."
        );
        assert_eq!(errors[2].1, "Ange ett år mellan 1800 och 2026.");
    }

    #[test]
    fn the_debug_form_hides_the_password_and_personal_data() {
        let text = format!("{:?}", validate(&seed_form(), 2026).unwrap());
        assert!(!text.contains("en lång och ovanlig fras"), "{text}");
        assert!(!text.contains("sara.lind"), "{text}");
    }

    #[test]
    fn a_header_injection_in_the_contact_name_is_refused_by_the_field() {
        let mut form = seed_form();
        form.insert(
            field::CONTACT_PERSON.into(),
            "Evil\r\nBcc: x@example.se".into(),
        );
        let errors = validate(&form, 2026).unwrap_err();
        assert_eq!(
            errors,
            vec![(
                field::CONTACT_PERSON,
                super::text::HIDDEN_CHARACTERS.to_owned()
            )]
        );
    }

    #[test]
    fn an_empty_form_asks_for_every_field() {
        let errors = validate(&HashMap::new(), 2026).unwrap_err();
        assert_eq!(errors.len(), 10);
    }
}
