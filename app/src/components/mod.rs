//! Shared server-rendered pieces.
pub mod layout;
pub mod page;
