//! **Membership**: the people on an association's account (owners and members) and the
//! invitations that bring them there. Owners invite by a 7-day link, resend or withdraw
//! it, promote and remove; anyone may leave; the account always keeps an owner, and
//! whoever leaves stops being a representative.
//!
//! Here: the state changes (`commands`). The form posts are handled in
//! `server/src/http/members.rs`; the reads and the section of the association's page
//! are still in `app/src/api/associations.rs` and `app/src/pages/applicant/`; the tests
//! are `tests/api/members.rs`.
#[cfg(feature = "ssr")]
pub mod commands;
