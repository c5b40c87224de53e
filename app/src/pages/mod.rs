//! One page per file, in a folder per area.
pub mod public;
