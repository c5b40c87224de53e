//! **Membership**: the people on an association's account (owners and members) and the
//! invitations that bring them there. Owners invite by a 7-day link, resend or withdraw
//! it, promote and remove; anyone may leave; the account always keeps an owner, and
//! whoever leaves stops being a representative.
//!
//! Here: the state changes (`commands`), the invitation page (`pages/`) and its read
//! (`api`). The members' section is part of the association's page (`profile`); the form
//! posts are handled in `server/src/http/members.rs`; the tests are `tests/api/members.rs`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
