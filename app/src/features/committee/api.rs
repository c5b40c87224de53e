//! The committee's server functions, for officers and admins (404 for everyone else).
use leptos::prelude::*;
use uuid::Uuid;

use super::{MeetingRow, MeetingView};
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "officer/meetings")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn meetings() -> Result<Vec<MeetingRow>, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::meetings(&db).await?)
}

#[server(prefix = "/api", endpoint = "officer/meeting")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn meeting(id: Uuid) -> Result<MeetingView, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::meeting(&db, id)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
