//! The public association page's server function: anyone may read it.
use leptos::prelude::*;

use super::PublicAssociation;
use crate::error::AppError;

/// The public page of the association with organisationsnummer `org`.
#[server(prefix = "/api", endpoint = "public/association")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_public_association(org: String) -> Result<PublicAssociation, AppError> {
    let db = crate::backend::server_fns::db()?;
    super::queries::by_org(&db, &org, crate::i18n::Lang::current())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
