//! The completion's server function, for officers, approvers and admins.
use leptos::prelude::*;
use uuid::Uuid;

use super::VersionDiff;
use crate::error::AppError;

/// What changed from version `from` to version `to` of the case (by default its last
/// two versions).
#[server(prefix = "/api", endpoint = "officer/versions")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn versions(
    id: Uuid,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<VersionDiff, AppError> {
    crate::features::queue::api::case_reader()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::version_diff(&db, id, from, to)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
