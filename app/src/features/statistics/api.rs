//! The statistics' server function: anyone may read it.
use leptos::prelude::*;

use super::StatisticsView;
use crate::error::AppError;

/// Every figure, with the programme table for `year` (the latest when `None`).
#[server(prefix = "/api", endpoint = "public/statistics")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn statistics(#[server(default)] year: Option<i32>) -> Result<StatisticsView, AppError> {
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::figures(&db, year).await?)
}
