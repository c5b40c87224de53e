//! The page an invitation link opens.
pub mod invitation;
