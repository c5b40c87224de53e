//! Who a signed-in person is to the portal.
use serde::{Deserialize, Serialize};

/// An account's role. Applicants act for their associations; the others are staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Applicant,
    Officer,
    Approver,
    Admin,
}

impl Role {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Officer => "officer",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "applicant" => Some(Role::Applicant),
            "officer" => Some(Role::Officer),
            "approver" => Some(Role::Approver),
            "admin" => Some(Role::Admin),
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
        }
    }

    /// Staff work inside the administration: officers, approvers and admins.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Applicant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_survives_the_database_round_trip() {
        for role in [Role::Applicant, Role::Officer, Role::Approver, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
