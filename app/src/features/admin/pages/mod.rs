//! The admins' pages.
pub mod deactivation;
pub mod outbox;
pub mod sent_mail;
pub mod users;
