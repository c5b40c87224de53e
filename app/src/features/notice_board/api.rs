//! The anslagstavla's server function: anyone may read it.
use leptos::prelude::*;

use super::NoticeBoard;
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "public/notices")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn notices() -> Result<NoticeBoard, AppError> {
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::board(
        &db,
        crate::backend::time::today(),
        crate::i18n::Lang::current(),
    )
    .await?)
}
