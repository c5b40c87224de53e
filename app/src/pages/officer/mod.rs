//! Pages for officers (handläggare); admins see them too.
pub mod verification;
pub mod verifications;

use crate::auth::CurrentUser;
use crate::domain::role::Role;

/// The signed-in officer or admin; `None` (and a redirect or 404) for everyone else.
pub fn require_verifier() -> Option<CurrentUser> {
    let user = super::require_signed_in()?;
    matches!(user.role, Role::Officer | Role::Admin).then_some(user)
}
