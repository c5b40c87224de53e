//! The officers' pages: the proofs waiting, and one proof to decide on. (The members'
//! side, sending in a document and seeing the representatives, is a section of the
//! association's page.)
pub mod verification;
pub mod verifications;

use crate::auth::CurrentUser;
use crate::domain::role::Role;

/// The signed-in officer or admin; `None` (and a redirect or 404) for everyone else.
pub fn require_verifier() -> Option<CurrentUser> {
    let user = crate::auth::require_signed_in()?;
    matches!(user.role, Role::Officer | Role::Admin).then_some(user)
}
