//! **Accounts**: signing in and out, the person's e-mail settings, changing the password,
//! and deleting the account (with everything stored about the person).
//!
//! Here: the state changes (`commands`), the reads (`api`: my associations, my e-mail
//! settings) and the pages (`pages/`: sign in, forgotten and new password, my pages,
//! settings, change password, delete account). Checking a password is
//! `backend::accounts` (sign-in's look-up) and `backend::password` (hashing in turn);
//! the form posts in `server/src/http/account.rs`; the tests in
//! `tests/api/{sign_in,change_password,my_data}.rs`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;

/// The message when the last owner of an account others use would delete their own.
pub const LAST_OWNER: &str = "Du är ensam ägare av en förenings konto som andra använder. Överlåt ägarskapet till en annan medlem innan du raderar ditt konto.";
