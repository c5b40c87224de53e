//! **Komplettering**: the officer asks the association to complete its application,
//! with a message, a reply date and the documents that are missing; the association's
//! members get the request by mail and see it on the case; a verified representative
//! edits the application and sends it in again, which keeps the Dnr, freezes a new
//! version and puts the case back in the queue. Every submitted version is kept, and a
//! diff shows what changed between two of them (fields, activities, goals and budget
//! lines).
//!
//! Here: the field names and rows (this file), the diff (`diff`), the state changes
//! (`commands`), the reads (`queries`, `api`) and the pages (`pages`). The posts are
//! handled in `server/src/http/completion.rs`; the tests are `tests/api/completion.rs`.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
#[cfg(feature = "ssr")]
pub mod diff;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The request form's field names.
pub mod field {
    pub const MESSAGE: &str = "meddelande";
    pub const REPLY_BY: &str = "svara_senast";
    /// One value per document type asked for.
    pub const DOCUMENTS: &str = "bilagor";
}

/// The longest message of a request.
pub const MESSAGE_LIMIT: usize = 4000;
/// The latest reply date an officer can set, in days from today.
pub const LONGEST_REPLY_DAYS: i64 = 90;

/// A completion request as the officer and the association see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRow {
    /// `2024-03-01`.
    pub requested: String,
    pub by: String,
    pub message: String,
    /// `2024-03-15`.
    pub reply_by: String,
    /// "15 mars 2024".
    pub reply_by_long: String,
    /// The names of the documents asked for.
    pub documents: Vec<String>,
    /// `2024-03-10`, when it was answered.
    pub answered: Option<String>,
    /// The version that answered it.
    pub answered_version: Option<i32>,
    /// Not answered and the reply date has passed.
    pub overdue: bool,
}

/// One submitted version of an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub number: i32,
    /// `2024-03-01 14:05`.
    pub submitted: String,
    pub by: String,
}

/// A piece of a changed answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Piece {
    Same,
    Added,
    Removed,
}

/// One changed answer: a text as words, or a list (activities, goals, budget lines) as
/// lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// "Sammanfattning av verksamheten", "Budget: kostnader".
    pub label: String,
    /// Lines (one piece per line) rather than running text.
    pub lines: bool,
    pub pieces: Vec<(Piece, String)>,
}

/// What changed between two versions of an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDiff {
    pub id: Uuid,
    pub dnr: String,
    pub association: String,
    pub from: i32,
    pub to: i32,
    pub versions: Vec<VersionRow>,
    pub changes: Vec<Change>,
}

/// The case's completion requests and versions, for the officers' case page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionWork {
    /// Oldest first.
    pub requests: Vec<RequestRow>,
    /// Oldest first.
    pub versions: Vec<VersionRow>,
    /// The document types the officer can ask for: slug and name.
    pub documents: Vec<(String, String)>,
    /// The case is where a completion can be asked for (inskickad or bedömd).
    pub may_request: bool,
}
