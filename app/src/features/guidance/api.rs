//! The guidance texts' server functions: anyone reads a text; admins read the list and
//! the form.
use leptos::prelude::*;

use super::{TextDraft, TextRow};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn admin() -> Result<(), AppError> {
    crate::backend::server_fns::with_role(crate::domain::role::Role::Admin).map(|_| ())
}

#[cfg(feature = "ssr")]
fn def(slug: &str) -> Result<&'static super::TextDef, AppError> {
    super::text(slug).ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

/// The text at `slug`, as sanitised HTML.
#[server(prefix = "/api", endpoint = "public/guidance-text")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn guidance_text(slug: String) -> Result<String, AppError> {
    let def = def(&slug)?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::html(&db, def).await?)
}

/// Every editable text. Admins only.
#[server(prefix = "/api", endpoint = "admin/guidance-texts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn guidance_texts() -> Result<Vec<TextRow>, AppError> {
    admin()?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::list(&db).await?)
}

/// The form of the text at `slug`. Admins only.
#[server(prefix = "/api", endpoint = "admin/guidance-draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn guidance_draft(slug: String) -> Result<TextDraft, AppError> {
    admin()?;
    let def = def(&slug)?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::draft(&db, def).await?)
}
