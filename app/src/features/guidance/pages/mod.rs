//! Pages anyone can read without signing in.
pub mod accessibility;
pub mod apply_guide;
pub mod contact;
pub mod forum;
pub mod home;
pub mod membership;
pub mod privacy;
pub mod text;
