//! Shared server-rendered pieces.
pub mod confirm;
pub mod form;
pub mod layout;
pub mod markdown;
pub mod not_found;
pub mod page;
pub mod pager;
