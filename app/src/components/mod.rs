//! Shared server-rendered pieces.
pub mod form;
pub mod layout;
pub mod page;
pub mod confirm;
