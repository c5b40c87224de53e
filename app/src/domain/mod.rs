//! Pure domain types and rules, compiled for the server and the browser alike: no I/O.
pub mod board;
pub mod budget;
pub mod checks;
pub mod dnr;
pub mod document;
pub mod email;
pub mod giro;
pub mod legal_clock;
pub mod money;
pub mod org_number;
pub mod profile;
pub mod programme_window;
#[cfg(test)]
mod properties;
pub mod registration;
pub mod representation;
pub mod role;
pub mod text;
pub mod validation;
