//! **Umbrella membership** (Helsam in the minutes seed): a registered association applies
//! to join, by a verified representative, with its board's decision (the date, and the
//! minutes as an attachment in the shared storage); staff approve or reject it and the
//! association's members are mailed; members are listed publicly; the fee (100 kr per
//! year and association) is recorded per year and seen by staff only.
//!
//! Here: the types and field names (this file), the state changes (`commands`), the
//! reads (`queries`, `api`) and the pages (`pages`). The posts are in
//! `server/src/http/umbrella.rs`; the tests are `tests/api/umbrella.rs`.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The yearly fee, in kronor.
pub const FEE_KR: i64 = 100;

/// The forms' field names.
pub mod field {
    pub const BOARD_DECIDED_ON: &str = "styrelsebeslut_datum";
    pub const MINUTES: &str = "protokoll";
    pub const DECISION: &str = "beslut";
    pub const NOTE: &str = "meddelande";
    pub const YEAR: &str = "ar";
    pub const PAID: &str = "betald";
}

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UmbrellaStatus {
    Pending,
    Approved,
    Rejected,
}

impl UmbrellaStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Ansökan väntar på beslut",
            Self::Approved => "Medlem",
            Self::Rejected => "Ansökan avslogs",
        }
    }
}

/// A member as the public list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicMember {
    pub association: String,
    /// "Medlem sedan 2018".
    pub since: i32,
}

/// The latest application of an association, for its own page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnApplication {
    pub status: UmbrellaStatus,
    pub board_decided_on: String,
    pub applied_on: String,
    pub decided_on: Option<String>,
    pub note: String,
    pub minutes_id: Uuid,
    pub minutes_name: String,
}

/// The association's membership page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociationMembership {
    pub association_id: Uuid,
    pub association: String,
    /// The signed-in person is a verified representative (may apply).
    pub may_apply: bool,
    pub latest: Option<OwnApplication>,
}

/// An application waiting for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRow {
    pub id: Uuid,
    pub association: String,
    pub org_number: String,
    pub board_decided_on: String,
    pub applied_on: String,
    pub applied_by: String,
    pub minutes_id: Uuid,
    pub minutes_name: String,
}

/// A member and its fees, for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub association_id: Uuid,
    pub association: String,
    pub since: String,
    /// Year and the day the fee was paid, for each year shown.
    pub fees: Vec<(i32, Option<String>)>,
}

/// The staff's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    pub pending: Vec<PendingRow>,
    pub members: Vec<MemberRow>,
    /// The fee years shown, newest first.
    pub years: Vec<i32>,
}
