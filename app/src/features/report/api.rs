//! The report's server function, for officers, approvers and admins.
use leptos::prelude::*;
use uuid::Uuid;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "officer/report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn case_report(id: Uuid) -> Result<super::Report, AppError> {
    crate::features::queue::api::case_reader()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::report(&db, id, crate::backend::time::today())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
