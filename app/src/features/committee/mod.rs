//! **The committee and the legal clock**: meetings of socialnämnden or its
//! organisations- och föreningsutskott, with the last day for cases to reach them;
//! attested cases go on a meeting's agenda with consecutive § numbers; the decision is
//! recorded per item (as proposed, or another decision and amount; dissent and members
//! who did not take part because of jäv noted), which closes the case as beviljad,
//! delvis beviljad or avslagen; when the minutes are justerade the notice goes up, the
//! three weeks for laglighetsprövning run (`domain::legal_clock`), and each association
//! gets its decision letter by mail.
//!
//! Here: the bodies and outcomes, the pages' data, the state changes (`commands`), the
//! reads (`queries`, `api`) and the pages (`pages`). The posts are handled in
//! `server/src/http/committee.rs`; the tests are `tests/api/committee.rs`.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::features::applications::Status;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The body that decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    SocialCommittee,
    SubCommittee,
}

impl Body {
    pub const ALL: [Body; 2] = [Body::SubCommittee, Body::SocialCommittee];

    pub fn as_str(self) -> &'static str {
        match self {
            Body::SocialCommittee => "socialnamnden",
            Body::SubCommittee => "ofu",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Body::SocialCommittee => "Socialnämnden",
            Body::SubCommittee => "Organisations- och föreningsutskottet",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == value)
    }

    /// As a budget line names it: "OFU".
    pub fn short(self) -> &'static str {
        match self {
            Body::SocialCommittee => "Socialnämnden",
            Body::SubCommittee => "OFU",
        }
    }
}

/// What the committee decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Granted,
    PartlyGranted,
    Rejected,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Granted, Outcome::PartlyGranted, Outcome::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Granted => "beviljad",
            Outcome::PartlyGranted => "delvis_beviljad",
            Outcome::Rejected => "avslagen",
        }
    }

    /// The outcome in `lang`, as the public decision pages write it.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.text(match self {
            Outcome::Granted => "outcome-granted",
            Outcome::PartlyGranted => "outcome-partly-granted",
            Outcome::Rejected => "outcome-rejected",
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Granted => "Beviljad",
            Outcome::PartlyGranted => "Delvis beviljad",
            Outcome::Rejected => "Avslagen",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == value)
    }

    pub fn status(self) -> Status {
        match self {
            Outcome::Granted => Status::Granted,
            Outcome::PartlyGranted => Status::PartlyGranted,
            Outcome::Rejected => Status::Rejected,
        }
    }

    /// The proposal's outcome.
    pub fn of_proposal(proposal: crate::features::assessment::Proposal) -> Self {
        use crate::features::assessment::Proposal;
        match proposal {
            Proposal::Grant => Outcome::Granted,
            Proposal::PartialGrant => Outcome::PartlyGranted,
            Proposal::Reject => Outcome::Rejected,
        }
    }
}

/// The forms' field names.
pub mod field {
    pub const BODY: &str = "organ";
    pub const DATE: &str = "datum";
    pub const CASES_BY: &str = "sista_dag";
    pub const PLACE: &str = "plats";
    pub const CASES: &str = "arenden";
    /// `som-forslaget` or an outcome.
    pub const DECISION: &str = "beslut";
    pub const AMOUNT: &str = "belopp";
    pub const DISSENT: &str = "reservation";
    pub const RECUSED: &str = "jav";
    pub const JUSTERED: &str = "justerad";
}

/// Where the minutes are kept (for the letter and the notice).
pub const MINUTES_KEPT: &str =
    "Protokollet finns hos socialförvaltningens registratur och på stadens digitala anslagstavla.";

/// One meeting in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRow {
    pub id: Uuid,
    pub body: String,
    pub date: String,
    pub cases_by: String,
    pub place: String,
    pub items: u64,
    pub justered: Option<String>,
}

/// One item of an agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    pub id: Uuid,
    pub paragraph: i32,
    pub case_id: Uuid,
    pub dnr: String,
    pub association: String,
    pub activity: String,
    pub requested: String,
    /// "Avslå", "Bevilja med 500 000 kr".
    pub proposal: String,
    pub decision: Option<String>,
    pub amount: Option<String>,
    pub dissent: String,
    pub recused: String,
    pub immediate: bool,
}

/// A meeting with its agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: Uuid,
    pub body: String,
    pub date: String,
    pub cases_by: String,
    pub place: String,
    pub justered: Option<String>,
    /// Notice up, last day to appeal, laga kraft: once justerad.
    pub clock: Option<(String, String, String)>,
    pub items: Vec<ItemRow>,
    /// Attested cases not on any agenda: id, Dnr, association, proposal.
    pub ready: Vec<(Uuid, String, String, String)>,
}

/// The decision of a case, as the applicant and the officers read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionNotice {
    pub body: String,
    pub meeting: String,
    pub paragraph: i32,
    pub outcome: Option<String>,
    pub amount: Option<String>,
    pub justered: Option<String>,
    pub appeal_until: Option<String>,
    pub legal_force: Option<String>,
}
