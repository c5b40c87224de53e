//! What the officers' live queue receives. Only what staff may see: never an
//! applicant's personal data, only the case's id, number and state.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A change to a case, pushed to signed-in staff over server-sent events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// `case_created` or `case_changed`.
    pub event: String,
    pub case_id: Uuid,
    /// The diarienummer, once the case has one.
    pub dnr: Option<String>,
    /// The case's state after the change, e.g. `submitted`.
    pub state: String,
}
