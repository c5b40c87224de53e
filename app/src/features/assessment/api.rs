//! The assessment's server function, for officers, approvers and admins.
use leptos::prelude::*;
use uuid::Uuid;

use super::AssessmentView;
use crate::error::AppError;

/// The case's assessment, jäv declarations and attestations.
#[server(prefix = "/api", endpoint = "officer/assessment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn assessment(id: Uuid) -> Result<AssessmentView, AppError> {
    let user = crate::features::queue::api::case_reader()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::view(&db, id, user.id, user.role)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
