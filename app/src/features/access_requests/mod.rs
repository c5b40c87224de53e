//! **Access requests**: someone who finds the association already registered asks the
//! owners of its account for access. The requester first confirms the address by a
//! single-use 24-hour link; only then do the owners hear of it (by mail and on the
//! association's page), and they answer with an invitation or a refusal. Asking again
//! never changes what an open request says. Lapsed and old requests are swept.
//!
//! Here: the field names, the state changes (`commands`: ask, confirm, answer, sweep),
//! the pages (`pages.rs`) and the confirmation page's read (`api`). The owners' answer
//! is a section of the association's page; the form posts are handled in `server/src/http/access_requests.rs` (which also
//! throttles them per IP and address); the tests are `tests/api/access_requests.rs`.
/// The form's field names.
pub mod field {
    pub const ORG_NUMBER: &str = "org_number";
    pub const NAME: &str = "name";
    pub const EMAIL: &str = "email";
    pub const MESSAGE: &str = "message";
}

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod commands;

/// More unanswered confirmed requests than this and new ones wait: owners are not to
/// be flooded.
pub const MAX_OPEN_REQUESTS: u64 = 10;
/// How long the requester's confirmation link works.
pub const CONFIRMATION_LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;

/// The message when the number belongs to no registered association.
pub const UNKNOWN_ORG_NUMBER: &str =
    "Ingen förening med det organisationsnumret är registrerad. Du kan registrera föreningen i stället.";
/// The message for a confirmation link that is used or lapsed.
pub const LINK_REFUSED: &str =
    "Länken fungerar inte: den har redan använts eller gått ut. Be om tillgång igen för att få en ny länk.";
/// The message when the owners already have many requests waiting.
pub const TOO_MANY_WAITING: &str =
    "Föreningen har redan många obesvarade förfrågningar. Kontakta föreningen direkt, eller försök igen om några dagar.";
