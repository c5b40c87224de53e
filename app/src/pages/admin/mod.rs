//! Pages for admins.
pub mod deactivation;
pub mod outbox;
pub mod sent_mail;
pub mod users;
