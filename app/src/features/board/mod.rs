//! **Board** (styrelse): the association's board members with their roles (ordförande,
//! vice ordförande, kassör, sekreterare, ledamot, suppleant; one of each single role).
//! Owners and verified representatives change it; every member and staff read it.
//!
//! The roles and the check of a new board member are pure rules in `domain::board`
//! (the association's page and the officers' view show them too); the state changes are
//! in `commands`; the form posts in `server/src/http/board.rs`; the tests in
//! `tests/api/board.rs`. The board is shown on the association's page.
pub use crate::domain::board::{field, BoardRole};

#[cfg(feature = "ssr")]
pub mod commands;

/// Why a member who is neither an owner nor a verified representative cannot change
/// the board.
pub const REFUSED: &str = "Bara föreningens ägare och verifierade företrädare kan ändra styrelsen.";
