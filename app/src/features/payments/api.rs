//! The payments' server functions: the case's plan for officers and admins, the payment
//! orders for the finance unit and admins (404 for everyone else).
use leptos::prelude::*;
use uuid::Uuid;

use super::{BatchView, CasePayments, FinanceView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn finance() -> Result<crate::auth::CurrentUser, AppError> {
    let user = crate::backend::server_fns::signed_in()?;
    if user.role.handles_payments() {
        Ok(user)
    } else {
        Err(crate::backend::server_fns::refuse(AppError::NotFound))
    }
}

#[server(prefix = "/api", endpoint = "officer/case-payments")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_case_payments(id: Uuid) -> Result<CasePayments, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::case(&db, id, crate::backend::time::today())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

#[server(prefix = "/api", endpoint = "finance/payments")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_finance() -> Result<FinanceView, AppError> {
    finance()?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::finance(&db, crate::backend::time::today()).await?)
}

#[server(prefix = "/api", endpoint = "finance/batch")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_batch(id: Uuid) -> Result<BatchView, AppError> {
    let user = finance()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::batch(&db, id, user.id, crate::backend::time::today())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}
