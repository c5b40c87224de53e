//! **Registration**: an association registers itself with its first account (the
//! owner, unconfirmed until the mailed 24-hour link is used); the address is confirmed;
//! a forgotten password is reset by a 1-hour link.
//!
//! Here: the state changes (`commands`). The form's fields and rules are in
//! `domain::registration` (the browser's inline validation uses them too); the pages in
//! `pages/` (register, verify_email); the form posts in
//! `server/src/http/registration.rs`; the tests in `tests/api/registration.rs` and
//! `tests/browser/registration.test.mjs`.

#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;

/// The message for a confirmation or reset link that is used or lapsed.
pub const LINK_REFUSED: &str =
    "Länken fungerar inte: den har redan använts eller gått ut. Be om en ny länk genom att logga in (bekräftelse) eller via ”Glömt lösenordet?”.";

/// The message when the organisation number is registered already.
pub fn already_registered(org_number: &str) -> String {
    format!(
        "Föreningen med organisationsnummer {org_number} är redan registrerad. Be den som har föreningens konto om tillgång."
    )
}
