//! Pages for the members of an association's account.
pub mod association;
pub mod removal;
