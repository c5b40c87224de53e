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
