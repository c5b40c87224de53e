//! **Membership**: the people on an association's account (owners and members) and the
//! invitations that bring them there. Being moved into this folder: so far the
//! invitation command lives here, used by the members' page and by the access requests'
//! answer; the rest is still in `server/src/http/members.rs` and
//! `app/src/api/associations.rs`.
#[cfg(feature = "ssr")]
pub mod commands;
