//! The assessment's server function, for officers, approvers and admins.
use leptos::prelude::*;
use uuid::Uuid;

use super::AssessmentView;
use crate::error::AppError;

/// The case's assessment, jäv declarations and attestations.
#[server(prefix = "/api", endpoint = "officer/assessment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn assessment(id: Uuid) -> Result<AssessmentView, AppError> {
    use crate::domain::role::Role;
    let user = crate::backend::server_fns::signed_in()?;
    if !matches!(user.role, Role::Officer | Role::Admin | Role::Approver) {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    }
    let db = crate::backend::server_fns::db()?;
    super::queries::view(&db, id, user.id, user.role)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
