//! Pure domain types and rules, compiled for the server and the browser alike: no I/O.
pub mod email;
pub mod giro;
pub mod org_number;
pub mod profile;
pub mod registration;
pub mod role;
