//! **Profile**: the association's own facts (name, founding year, members, target group,
//! contact, address, bankgiro or plusgiro), which its members edit and staff read.
//! Where the money goes is changed only by owners and verified representatives.
//!
//! Here: the state change (`commands`), the association's page (`pages/association.rs`,
//! with its sections for members, board, representatives and access requests) and its
//! read (`api`, `queries`). The form's rules are in `domain::profile`; the form post in
//! `server/src/http/account.rs`; the tests in `tests/api/access.rs`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The message by the bankgiro field for a member who may not change it.
pub const PAYMENT_DETAILS_REFUSED: &str =
    "Bara föreningens ägare och verifierade företrädare kan ändra bankgiro och plusgiro.";
