//! What every command (a state change of a feature, in `features/<feature>/commands.rs`)
//! shares: what it needs besides its input ([`Ctx`]) and how it fails ([`CommandError`]).
//!
//! A command applies its feature's rules, writes the new state, records the event with
//! its effects (mails, live updates) in one transaction, commits, and wakes the worker.
//! HTTP handlers, server functions and the worker all call commands; none of them opens
//! a transaction or builds an event of its own.
use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, DbErr, SqlErr};

use crate::backend::outbox::OutboxSignal;

/// What a command needs besides its input.
#[derive(Clone)]
pub struct Ctx {
    pub db: DatabaseConnection,
    /// The address users reach, for links in mails.
    pub public_url: url::Url,
    /// Wakes this process's worker once a transaction with mail has committed.
    pub signal: OutboxSignal,
    /// "Today" in Swedish time, for rules with dates.
    pub today: NaiveDate,
}

impl Ctx {
    /// The absolute address of `path` on the portal, for a link in a mail. A mail never
    /// goes out without its link: a path that cannot be joined is an error.
    pub fn link(&self, path: &str) -> Result<String, CommandError> {
        self.public_url
            .join(path)
            .map(|url| url.to_string())
            .map_err(|error| CommandError::Internal(format!("the link to {path}: {error}")))
    }

    /// `path?token=…` on the portal, for a link in a mail.
    pub fn link_with_token(&self, path: &str, token: &str) -> Result<String, CommandError> {
        let mut url = self
            .public_url
            .join(path)
            .map_err(|error| CommandError::Internal(format!("the link to {path}: {error}")))?;
        url.query_pairs_mut().append_pair("token", token);
        Ok(url.to_string())
    }

    /// Commits `txn` and wakes the worker for the mail it queued.
    pub async fn commit_and_wake(
        &self,
        txn: sea_orm::DatabaseTransaction,
    ) -> Result<(), CommandError> {
        txn.commit().await?;
        self.signal.notify();
        Ok(())
    }
}

/// A field's problem, in Swedish, by the field's name in the form.
pub type FieldProblem = (&'static str, String);

/// Why a command did not change anything.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The input breaks the feature's rules: every problem, field by field.
    #[error("the input was refused: {0:?}")]
    Invalid(Vec<FieldProblem>),
    /// As `Invalid`, for forms whose field names are built (repeatable rows:
    /// `goals_2_text`).
    #[error("the answers were refused: {0:?}")]
    InvalidAnswers(Vec<(String, String)>),
    /// The thing does not exist, or is not the caller's to know of.
    #[error("not found")]
    NotFound,
    /// The caller may not do this; the message says so, in Swedish.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// The state changed under the caller (decided already, taken by someone else); the
    /// message says what happened, in Swedish.
    #[error("conflict: {0}")]
    Conflict(String),
    /// A unique value (an address, a name) belongs to someone else: the message goes by
    /// the field, with 409.
    #[error("taken: {field}")]
    Taken {
        field: &'static str,
        message: String,
    },
    /// Too much work at once (password hashing): nothing was decided, try again (503).
    #[error("busy")]
    Busy,
    /// Too many attempts (429): the message goes by `field` (by the whole form when it
    /// is empty), and the caller may say when to try again.
    #[error("throttled")]
    Throttled {
        field: &'static str,
        message: String,
        retry_after_s: i64,
    },
    /// Something in the server failed that is not the caller's doing (logged, never shown).
    #[error("{0}")]
    Internal(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl CommandError {
    /// A unique index said no: the state changed under the caller.
    pub fn from_unique_violation(error: DbErr, message: &str) -> Self {
        if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
            CommandError::Conflict(message.to_owned())
        } else {
            CommandError::Db(error)
        }
    }
}
