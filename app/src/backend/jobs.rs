//! Work queued through the outbox that is neither a mail nor a live update: the worker
//! does it after the request has answered, so the answer takes the same time whatever
//! the work turns out to be.
use serde::{Deserialize, Serialize};

/// One piece of deferred work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// *Glömt lösenordet?* for an address: if an active account has it, a reset link is
    /// issued and mailed; if not, nothing happens. The form answers the same either way,
    /// in the same time, because the look-up happens here.
    PasswordReset { email: String },
}

impl Job {
    /// How admins see it in the outbox (no address: the row is about an unknown person
    /// as often as a known one).
    pub fn summary(&self) -> &'static str {
        match self {
            Job::PasswordReset { .. } => "Återställning av lösenord (kontot slås upp i bakgrunden)",
        }
    }
}
