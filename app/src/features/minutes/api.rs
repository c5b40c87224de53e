//! The minutes' server functions: anyone reads; staff read the edit form and preview.
use leptos::prelude::*;

use super::{MeetingDraft, MeetingView, MinutesList};
use crate::error::AppError;

/// Whether the caller is staff (who may write minutes).
#[cfg(feature = "ssr")]
fn is_staff() -> bool {
    crate::auth::current_user().is_some_and(|u| u.role.is_staff())
}

#[cfg(feature = "ssr")]
fn staff() -> Result<(), AppError> {
    let user = crate::backend::server_fns::signed_in()?;
    if user.role.is_staff() {
        Ok(())
    } else {
        Err(crate::backend::server_fns::refuse(AppError::NotFound))
    }
}

#[cfg(feature = "ssr")]
fn day(date: &str) -> Result<chrono::NaiveDate, AppError> {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| crate::backend::server_fns::refuse(AppError::NotFound))
}

/// Every meeting by year, or page `page` of the hits of `search`.
#[server(prefix = "/api", endpoint = "public/minutes")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn minutes(
    #[server(default)] search: String,
    #[server(default)] page: u64,
) -> Result<MinutesList, AppError> {
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::list(&db, &search, page, is_staff()).await?)
}

/// The minutes of the meeting held on `date` (`2017-11-27`).
#[server(prefix = "/api", endpoint = "public/meeting")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn meeting(date: String) -> Result<MeetingView, AppError> {
    let day = day(&date)?;
    let db = crate::backend::server_fns::db()?;
    super::queries::one(&db, day, is_staff())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

/// The edit form's start: the saved minutes of `date`, or empty ones for a new meeting
/// (`date` empty). Staff only.
#[server(prefix = "/api", endpoint = "staff/minutes-draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn draft(#[server(default)] date: String) -> Result<MeetingDraft, AppError> {
    staff()?;
    if date.is_empty() {
        return Ok(MeetingDraft::default());
    }
    let day = day(&date)?;
    let db = crate::backend::server_fns::db()?;
    super::queries::draft(&db, day)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
