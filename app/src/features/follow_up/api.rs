//! The follow-up's server functions: a report for the association's members, the same
//! report for officers and admins, the officers' list, the finance unit's reclaims (404
//! for everyone else).
use leptos::prelude::*;
use uuid::Uuid;

use super::{Overview, ReclaimsView, ReportView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn payer() -> crate::features::payments::pain001::Payer {
    use_context::<crate::features::payments::pain001::Payer>().unwrap_or_default()
}

#[server(prefix = "/api", endpoint = "follow-up/report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_report(case: Uuid, number: i32) -> Result<ReportView, AppError> {
    use crate::backend::entities::{association_member, follow_up};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = crate::backend::server_fns::signed_in()?;
    let db = crate::backend::server_fns::db()?;
    let today = crate::backend::time::today();
    let not_found = || crate::backend::server_fns::refuse(AppError::NotFound);
    let row = follow_up::Entity::find()
        .filter(follow_up::Column::ApplicationId.eq(case))
        .filter(follow_up::Column::Number.eq(number))
        .one(&db)
        .await?
        .ok_or_else(not_found)?;
    association_member::Entity::find_by_id((row.association_id, user.id))
        .one(&db)
        .await?
        .ok_or_else(not_found)?;
    let verified = crate::features::representatives::queries::is_verified(
        &db,
        row.association_id,
        user.id,
        today,
    )
    .await?;
    let reader = super::queries::Reader::Member { verified };
    super::queries::view(&db, case, number, reader, today, &payer())
        .await?
        .ok_or_else(not_found)
}

#[server(prefix = "/api", endpoint = "officer/follow-up")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_review(case: Uuid, number: i32) -> Result<ReportView, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    let today = crate::backend::time::today();
    super::queries::view(
        &db,
        case,
        number,
        super::queries::Reader::Staff,
        today,
        &payer(),
    )
    .await?
    .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

#[server(prefix = "/api", endpoint = "officer/follow-ups")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_overview() -> Result<Overview, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::overview(&db, crate::backend::time::today()).await?)
}

#[server(prefix = "/api", endpoint = "finance/reclaims")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_reclaims() -> Result<ReclaimsView, AppError> {
    let user = crate::backend::server_fns::signed_in()?;
    if !user.role.handles_payments() {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    }
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::reclaims(&db, crate::backend::time::today(), &payer()).await?)
}

#[server(prefix = "/api", endpoint = "follow-up/case")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_case_reports(case: Uuid) -> Result<Vec<super::ReportLink>, AppError> {
    use crate::backend::entities::{application, association_member};
    use sea_orm::EntityTrait;
    let user = crate::backend::server_fns::signed_in()?;
    let db = crate::backend::server_fns::db()?;
    let not_found = || crate::backend::server_fns::refuse(AppError::NotFound);
    let staff = user.role.handles_cases();
    if !staff {
        let row = application::Entity::find_by_id(case)
            .one(&db)
            .await?
            .ok_or_else(not_found)?;
        association_member::Entity::find_by_id((row.association_id, user.id))
            .one(&db)
            .await?
            .ok_or_else(not_found)?;
    }
    let today = crate::backend::time::today();
    Ok(super::queries::of_case(&db, case)
        .await?
        .into_iter()
        .map(|(number, of, status, due)| super::ReportLink {
            href: if staff {
                super::review_href(case, number)
            } else {
                super::report_href(case, number)
            },
            label: if of > 1 {
                format!("Återrapport {number} av {of}")
            } else {
                "Återrapport".into()
            },
            status: status.label().into(),
            due: crate::domain::programme_window::long_date(due),
            overdue: status.editable() && today > due,
        })
        .collect())
}
