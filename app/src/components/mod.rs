//! Shared server-rendered pieces.
pub mod layout;
