//! The public decisions' server functions: anyone may read them.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::DecisionFilter;
use super::{DecisionList, DecisionView};
use crate::error::AppError;

/// One page of the decisions the address's pairs ask for.
#[server(prefix = "/api", endpoint = "public/decisions")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn decisions(
    #[server(default)] query: Vec<(String, String)>,
) -> Result<DecisionList, AppError> {
    let filter = DecisionFilter::from_query(|name| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    });
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::list(&db, filter, crate::i18n::Lang::current()).await?)
}

/// The decision at `slug`.
#[server(prefix = "/api", endpoint = "public/decision")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn decision(slug: String) -> Result<DecisionView, AppError> {
    if slug.len() > 60 {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    }
    let db = crate::backend::server_fns::db()?;
    super::queries::one(&db, &slug, crate::i18n::Lang::current())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
