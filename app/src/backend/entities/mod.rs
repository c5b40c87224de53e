//! sea-orm entities. Rows never travel to the browser: pages get DTOs.
pub mod access_request;
pub mod app_user;
pub mod association;
pub mod association_invitation;
pub mod association_member;
pub mod attachment;
pub mod board_member;
pub mod domain_event;
pub mod email_token;
pub mod notification_preference;
pub mod outbox;
pub mod representative;
pub mod representative_proof;
pub mod sign_in_failure;
pub mod user_session;
