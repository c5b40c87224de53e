//! Who a signed-in person is to the portal.
use serde::{Deserialize, Serialize};

/// An account's role. Applicants act for their associations; the others are staff.
/// Stored as its [`Role::as_str`] text (the database layer maps it on the server).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "applicant"))]
    Applicant,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "officer"))]
    Officer,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approver"))]
    Approver,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
    /// The finance unit: prepares and attests payment orders.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "finance"))]
    Finance,
}

impl Role {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Officer => "officer",
            Role::Approver => "approver",
            Role::Admin => "admin",
            Role::Finance => "finance",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "applicant" => Some(Role::Applicant),
            "officer" => Some(Role::Officer),
            "approver" => Some(Role::Approver),
            "admin" => Some(Role::Admin),
            "finance" => Some(Role::Finance),
            _ => None,
        }
    }

    /// The role in Swedish, as the interface names it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Applicant => "sökande",
            Role::Officer => "handläggare",
            Role::Approver => "attestant",
            Role::Admin => "administratör",
            Role::Finance => "ekonom",
        }
    }

    /// Officers and admins handle cases (approvers attest them).
    pub fn handles_cases(self) -> bool {
        matches!(self, Role::Officer | Role::Admin)
    }

    /// The finance unit and admins handle payment orders.
    pub fn handles_payments(self) -> bool {
        matches!(self, Role::Finance | Role::Admin)
    }

    /// Staff work inside the administration: officers, approvers and admins.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Applicant)
    }
}

/// A person's place on an association's account: owners invite, promote and remove;
/// members use the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "owner"))]
    Owner,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "member"))]
    Member,
}

impl MemberRole {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Owner => "owner",
            MemberRole::Member => "member",
        }
    }

    /// The role in Swedish, as the association's page names it.
    pub fn label(self) -> &'static str {
        match self {
            MemberRole::Owner => "ägare",
            MemberRole::Member => "medlem",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_survives_the_database_round_trip() {
        for role in [
            Role::Applicant,
            Role::Officer,
            Role::Approver,
            Role::Admin,
            Role::Finance,
        ] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
