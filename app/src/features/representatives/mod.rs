//! **Representatives**: who may act for an association. A member sends in the document
//! (minutes) that names them; an officer verifies the named people until a date (the
//! next annual meeting by default, never more than 15 months) or refuses it with a
//! note; whoever leaves the account stops being a representative. Only owners and
//! verified representatives change where the money goes and who is on the board, and
//! only a verified representative submits for the association.
//!
//! This folder is the whole feature: the types and field names (here), the rules
//! ([`chosen_people`] here, the dates in `domain::representation`), the state changes
//! (`commands`), the read models (`queries`), the server functions (`api`) and the
//! officers' pages (`pages`). The HTTP handlers for its form posts and downloads are in
//! `server/src/http/representatives.rs`; the tests in `tests/api/representatives.rs`
//! and `tests/browser/representatives.test.mjs`.
use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The forms' field names.
pub use crate::domain::representation::field;

/// Where a proof stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "snake_case")]
pub enum ProofStatus {
    /// Waiting for an officer.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    /// Approved: the named people are verified representatives.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "verified"))]
    Verified,
    /// Not approved, with the officer's note (or replaced by a newer document).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
}

impl ProofStatus {
    /// As the officers' page says it.
    pub fn label(self) -> &'static str {
        match self {
            ProofStatus::Pending => "Väntar på granskning",
            ProofStatus::Verified => "Godkänt",
            ProofStatus::Rejected => "Inte godkänt",
        }
    }
}

/// A proof in the officers' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingVerification {
    pub proof_id: Uuid,
    pub association: String,
    pub org_number: String,
    pub sent: String,
    pub named: Vec<String>,
}

/// A person on the association's account, as the officer sees them in a proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPerson {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    /// Whether the association says the document names this person.
    pub named: bool,
}

/// Everything an officer needs to decide on one proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationDetails {
    pub proof_id: Uuid,
    pub association_id: Uuid,
    pub association: String,
    pub org_number: String,
    pub status: ProofStatus,
    pub sent: String,
    pub sent_by: String,
    pub attachment_id: Uuid,
    pub file_name: String,
    pub size_kb: i64,
    pub people: Vec<NamedPerson>,
    pub board: Vec<String>,
    pub next_annual_meeting: String,
    /// What the form offers: the next annual meeting, capped at 15 months.
    pub default_valid_until: String,
    pub latest_valid_until: String,
}

/// The people a form chose, as ids of the account's people (`members`); anything else
/// is refused, and at least one is needed.
pub fn chosen_people(values: &[String], members: &HashSet<Uuid>) -> Result<Vec<Uuid>, String> {
    let mut chosen = Vec::new();
    for value in values {
        match Uuid::parse_str(value) {
            Ok(id) if members.contains(&id) => {
                if !chosen.contains(&id) {
                    chosen.push(id);
                }
            }
            _ => return Err("Välj bland personerna på föreningens konto.".to_owned()),
        }
    }
    if chosen.is_empty() {
        return Err(
            "Välj minst en person som dokumentet utser att företräda föreningen.".to_owned(),
        );
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_accounts_people_can_be_chosen_and_at_least_one() {
        let sara = Uuid::now_v7();
        let members: HashSet<Uuid> = [sara].into_iter().collect();
        assert_eq!(
            chosen_people(&[sara.to_string(), sara.to_string()], &members),
            Ok(vec![sara])
        );
        assert!(chosen_people(&[Uuid::now_v7().to_string()], &members).is_err());
        assert!(chosen_people(&["inte-ett-id".into()], &members).is_err());
        assert_eq!(
            chosen_people(&[], &members),
            Err("Välj minst en person som dokumentet utser att företräda föreningen.".to_owned())
        );
    }
}
