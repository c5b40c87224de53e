//! Server-only code: database entities, security policy and password hashing.
//! Compiled only with the `ssr` feature, so none of it reaches the wasm bundle.
pub mod accounts;
pub mod command;
pub mod db;
pub mod email_tokens;
pub mod entities;
pub mod events;
pub mod invitations;
pub mod jobs;
pub mod mail;
pub mod markdown;
pub mod my_data;
pub mod outbox;
pub mod password;
pub mod preferences;
pub mod security;
pub mod server_fns;
pub mod sessions;
pub mod throttle;
pub mod time;
pub mod tokens;
pub mod users;
