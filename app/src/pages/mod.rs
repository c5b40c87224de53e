//! One page per file, in a folder per area.
pub mod account;
pub mod admin;
pub mod public;

use crate::auth::{current_user, CurrentUser};
use crate::domain::role::Role;

/// The signed-in person, or a redirect to the sign-in page (303) and `None`.
pub fn require_signed_in() -> Option<CurrentUser> {
    let user = current_user();
    if user.is_none() {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect("/logga-in");
    }
    user
}

/// The signed-in person if they have `role`; otherwise a redirect to sign in, or a
/// 404 for someone signed in without the role (the page is not theirs to know of).
pub fn require_role(role: Role) -> Option<CurrentUser> {
    let user = require_signed_in()?;
    if user.role == role {
        return Some(user);
    }
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    None
}
