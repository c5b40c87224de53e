//! **Directory**: the public page of a registered association (`/forening/{org}`): its
//! name and organisationsnummer, its Helsam membership, its published grant decisions
//! and the forum meetings its people attended. Only what is public already: no contact
//! details, no drafts, no decision whose association is marked secret.
//!
//! The minutes link an attendee's organisation here when an association of that name is
//! registered ([`queries::links`]).
use serde::{Deserialize, Serialize};

use crate::features::decisions::DecisionRow;
use crate::features::minutes::MeetingRow;

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The public page of the association with `org_number` (`802534-3750`).
pub fn href(org_number: &str) -> String {
    format!("/forening/{org_number}")
}

/// What the public page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAssociation {
    pub name: String,
    pub org_number: String,
    /// The year it became a member of Helsam, if it is one.
    pub helsam_since: Option<i32>,
    /// Its published decisions, newest first.
    pub decisions: Vec<DecisionRow>,
    /// Forum meetings where someone from it was present, newest first.
    pub meetings: Vec<MeetingRow>,
}
