//! Field checks by name, shared by the server's validation and the browser's inline
//! validation, so a message typed inline is word for word the one the server gives.
use super::{email, giro, org_number::OrgNumber, registration};

/// A check a form field can ask for with `data-check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    OrgNumber,
    FoundedYear,
    Members,
    Email,
    Phone,
    Bankgiro,
    Plusgiro,
    /// Only the length: strength needs the server's word lists.
    NewPassword,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::OrgNumber => "org_number",
            Check::FoundedYear => "founded_year",
            Check::Members => "members",
            Check::Email => "email",
            Check::Phone => "phone",
            Check::Bankgiro => "bankgiro",
            Check::Plusgiro => "plusgiro",
            Check::NewPassword => "new_password",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            Check::OrgNumber,
            Check::FoundedYear,
            Check::Members,
            Check::Email,
            Check::Phone,
            Check::Bankgiro,
            Check::Plusgiro,
            Check::NewPassword,
        ]
        .into_iter()
        .find(|check| check.as_str() == value)
    }

    /// The problem with `value`, in the server's words, or `None` if it passes.
    pub fn problem(self, value: &str, current_year: i32) -> Option<String> {
        let optional = |parse: fn(&str) -> Result<String, &'static str>| {
            if value.trim().is_empty() {
                None
            } else {
                parse(value).err().map(str::to_owned)
            }
        };
        match self {
            Check::OrgNumber => OrgNumber::parse(value).err().map(|e| e.to_string()),
            Check::FoundedYear => registration::check_founded_year(value, current_year).err(),
            Check::Members => registration::check_members(value).err(),
            Check::Email => email::parse(value).err().map(str::to_owned),
            Check::Phone => registration::check_phone(value).err(),
            Check::Bankgiro => optional(giro::parse_bankgiro),
            Check::Plusgiro => optional(giro::parse_plusgiro),
            Check::NewPassword => (value.chars().count() < registration::MIN_PASSWORD_CHARS)
                .then(|| registration::PASSWORD_TOO_SHORT.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_survives_the_attribute_round_trip() {
        for name in [
            "org_number",
            "founded_year",
            "members",
            "email",
            "phone",
            "bankgiro",
            "plusgiro",
            "new_password",
        ] {
            assert_eq!(Check::parse(name).map(Check::as_str), Some(name));
        }
    }

    #[test]
    fn inline_messages_are_the_servers_messages() {
        assert_eq!(
            Check::OrgNumber.problem("802534-3751", 2026).as_deref(),
            Some("Organisationsnumret stämmer inte. Kontrollera siffrorna.")
        );
        assert_eq!(Check::OrgNumber.problem("802534-3750", 2026), None);
        assert_eq!(
            Check::FoundedYear.problem("2099", 2026).as_deref(),
            Some("Ange ett år mellan 1800 och 2026.")
        );
        assert!(Check::Bankgiro.problem("", 2026).is_none(), "optional");
        assert!(Check::Bankgiro.problem("5050-1056", 2026).is_some());
        assert!(Check::NewPassword.problem("kort", 2026).is_some());
        assert!(Check::NewPassword.problem("åäöåäöåä", 2026).is_none());
    }
}
