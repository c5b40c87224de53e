//! What every server function (a feature's `api.rs`) starts with: who is calling, the
//! database, and an error answered with its own status.

use crate::{auth::CurrentUser, domain::role::Role, error::AppError};

/// The signed-in person, or `NotSignedIn` (401).
pub fn signed_in() -> Result<CurrentUser, AppError> {
    crate::auth::current_user().ok_or_else(|| refuse(AppError::NotSignedIn))
}

/// The signed-in person if they have `role`; `NotFound` (404) for everyone else, who
/// need not learn that the thing exists.
pub fn with_role(role: Role) -> Result<CurrentUser, AppError> {
    let user = signed_in()?;
    if user.role == role {
        Ok(user)
    } else {
        Err(refuse(AppError::NotFound))
    }
}

/// Answers the server function's HTTP request with the error's status code.
pub fn refuse(error: AppError) -> AppError {
    let status = match error {
        AppError::NotSignedIn => http::StatusCode::UNAUTHORIZED,
        AppError::NotFound => http::StatusCode::NOT_FOUND,
        AppError::Request(_) => http::StatusCode::BAD_REQUEST,
        AppError::Internal(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
    };
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    error
}

pub fn db() -> Result<sea_orm::DatabaseConnection, AppError> {
    leptos::prelude::use_context::<sea_orm::DatabaseConnection>()
        .ok_or_else(|| AppError::Internal("no-database".into()))
}
