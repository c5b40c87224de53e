//! Pages anyone can read without signing in.
pub mod access_request;
pub mod accessibility;
pub mod apply_guide;
pub mod contact;
pub mod forum;
pub mod home;
pub mod invitation;
pub mod login;
pub mod membership;
pub mod not_found;
pub mod password_reset;
pub mod privacy;
pub mod register;
pub mod verify_email;
