//! Pages for admins.
pub mod outbox;
pub mod sent_mail;
pub mod users;
pub mod deactivation;
