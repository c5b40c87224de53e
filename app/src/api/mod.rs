//! Server functions, one file per area: thin, they check who may call, then call the
//! backend and map its errors.
pub mod account;
pub mod admin;

#[cfg(feature = "ssr")]
use crate::{auth::CurrentUser, domain::role::Role, error::AppError};

/// The signed-in person, or `NotSignedIn`.
#[cfg(feature = "ssr")]
pub(crate) fn signed_in() -> Result<CurrentUser, AppError> {
    crate::auth::current_user().ok_or(AppError::NotSignedIn)
}

/// The signed-in person if they have `role`; `NotFound` for everyone else.
#[cfg(feature = "ssr")]
pub(crate) fn with_role(role: Role) -> Result<CurrentUser, AppError> {
    let user = signed_in()?;
    if user.role == role {
        Ok(user)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn db() -> Result<sea_orm::DatabaseConnection, AppError> {
    leptos::prelude::use_context::<sea_orm::DatabaseConnection>()
        .ok_or_else(|| AppError::Internal("no-database".into()))
}
