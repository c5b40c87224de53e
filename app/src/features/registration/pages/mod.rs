//! Registering an association and confirming the address.
pub mod register;
pub mod verify_email;
