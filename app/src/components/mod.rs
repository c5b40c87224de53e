//! Shared server-rendered pieces.
pub mod confirm;
pub mod form;
pub mod layout;
pub mod page;
pub mod not_found;
