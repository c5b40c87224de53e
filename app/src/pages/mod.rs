//! One page per file, in a folder per area.
pub mod account;
pub mod admin;
pub mod applicant;
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

/// The signed-in person if they have `role`; otherwise `None`, and the page renders
/// [`denied`] instead of itself.
pub fn require_role(role: Role) -> Option<CurrentUser> {
    let user = require_signed_in()?;
    (user.role == role).then_some(user)
}

/// What a page shows someone who may not see it: nothing while the redirect to sign in
/// takes them away, or "Sidan finns inte" (404) for someone signed in without the role,
/// who need not learn that the page exists.
pub fn denied() -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    if current_user().is_some() {
        view! { <public::not_found::NotFound /> }.into_any()
    } else {
        ().into_any()
    }
}
