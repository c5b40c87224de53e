//! The officers' server functions: the proofs waiting for them, and one proof. Thin:
//! they check who calls and ask the queries.
use leptos::prelude::*;
use uuid::Uuid;

use super::{PendingVerification, VerificationDetails};
use crate::error::AppError;

/// Officers and admins verify representatives; everyone else gets 404.
#[cfg(feature = "ssr")]
pub(crate) fn verifier() -> Result<crate::auth::CurrentUser, AppError> {
    use crate::domain::role::Role;
    let user = crate::backend::server_fns::signed_in()?;
    if matches!(user.role, Role::Officer | Role::Admin) {
        Ok(user)
    } else {
        Err(crate::backend::server_fns::refuse(AppError::NotFound))
    }
}

#[server(prefix = "/api", endpoint = "officer/verifications")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn pending_verifications() -> Result<Vec<PendingVerification>, AppError> {
    verifier()?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::pending_verifications(&db).await?)
}

#[server(prefix = "/api", endpoint = "officer/verification")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn verification(id: Uuid) -> Result<VerificationDetails, AppError> {
    verifier()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::verification(&db, id, crate::backend::time::today())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
