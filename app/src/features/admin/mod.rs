//! **Administration**: staff accounts (invite officers, approvers and admins; deactivate
//! and reactivate accounts) and the outbox (a test mail; a dead row back in the queue).
//! Admins only.
//!
//! Here: the state changes (`commands`), the reads (`api`) and the pages (`pages/`:
//! users, one account's (de)activation, the outbox, kept mail); the form posts in
//! `server/src/http/admin.rs`; the tests in `tests/api/staff.rs` and `tests/api/outbox.rs`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;

/// The message when an admin tries to deactivate their own account.
pub const NOT_YOURSELF: &str = "Du kan inte inaktivera ditt eget konto.";
/// The message when an address already has an account.
pub const ADDRESS_TAKEN: &str = "Det finns redan ett konto med den här e-postadressen.";
