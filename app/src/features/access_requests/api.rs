//! The confirmation page's read.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What a requester is about to confirm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestToConfirm {
    pub association: String,
    pub name: String,
    pub message: String,
}

/// The request behind a live confirmation link; `NotFound` once used or lapsed. Reads
/// only: opening the link changes nothing.
#[server(prefix = "/api", endpoint = "associations/access-request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn access_request_preview(token: String) -> Result<RequestToConfirm, AppError> {
    use crate::backend::{
        entities::{access_request, association},
        tokens,
    };
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let db = crate::backend::server_fns::db()?;
    let now_ms = chrono::Utc::now().timestamp_millis();
    let Some(request) = access_request::Entity::find()
        .filter(access_request::Column::TokenHash.eq(tokens::digest(&token)))
        .filter(access_request::Column::ConfirmedAt.is_null())
        .filter(access_request::Column::ExpiresAtMs.gt(now_ms))
        .one(&db)
        .await?
    else {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    };
    let association = association::Entity::find_by_id(request.association_id)
        .one(&db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(RequestToConfirm {
        association,
        name: request.name,
        message: request.message,
    })
}
