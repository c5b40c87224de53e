//! sea-orm entities. Rows never travel to the browser: pages get DTOs.
pub mod app_user;
pub mod association;
pub mod association_member;
