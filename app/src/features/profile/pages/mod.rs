//! The association's page and the confirmations before someone is taken off it.
pub mod association;
pub mod removal;
