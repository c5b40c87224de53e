//! Who is signed in, as pages and server functions see it.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::role::Role;

/// The signed-in person, resolved from the session cookie by the server for each request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// The signed-in person of the request being rendered, if any.
#[cfg(feature = "ssr")]
pub fn current_user() -> Option<CurrentUser> {
    leptos::prelude::use_context::<http::request::Parts>()?
        .extensions
        .get::<CurrentUser>()
        .cloned()
}

/// In the browser nothing is known about the session; islands ask the server.
#[cfg(not(feature = "ssr"))]
pub fn current_user() -> Option<CurrentUser> {
    None
}

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
        view! { <crate::components::not_found::NotFound /> }.into_any()
    } else {
        ().into_any()
    }
}
