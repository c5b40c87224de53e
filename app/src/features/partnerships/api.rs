//! The partnerships' server functions: the officers' overview, a partnership and its
//! reports for staff, the same for the partner's members, the tjänsteutlåtande, and the
//! new-partnership form's choices. Everyone else gets 404.
use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;

use super::{OverviewRow, PartnershipView, ReportView, StatementDocument};
use crate::error::AppError;

/// The form for a new partnership: the associations to choose from and, from a decided
/// IOP initiative, the values it gives.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewForm {
    pub associations: Vec<(Uuid, String)>,
    pub values: HashMap<String, String>,
}

#[cfg(feature = "ssr")]
async fn partnership(
    db: &sea_orm::DatabaseConnection,
    id: Uuid,
) -> Result<crate::backend::entities::partnership::Model, AppError> {
    use sea_orm::EntityTrait;
    crate::backend::entities::partnership::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

/// The partnership, if the signed-in person is on its association's account; with
/// whether they may send reports in (a verified representative).
#[cfg(feature = "ssr")]
async fn as_partner(
    id: Uuid,
) -> Result<
    (
        sea_orm::DatabaseConnection,
        crate::backend::entities::partnership::Model,
        bool,
    ),
    AppError,
> {
    use crate::backend::entities::association_member;
    use sea_orm::EntityTrait;
    let user = crate::backend::server_fns::signed_in()?;
    let db = crate::backend::server_fns::db()?;
    let row = partnership(&db, id).await?;
    association_member::Entity::find_by_id((row.association_id, user.id))
        .one(&db)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))?;
    let verified = crate::features::representatives::queries::is_verified(
        &db,
        row.association_id,
        user.id,
        crate::backend::time::today(),
    )
    .await?;
    Ok((db, row, verified))
}

#[server(prefix = "/api", endpoint = "officer/partnerships")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_overview() -> Result<Vec<OverviewRow>, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::overview(&db, crate::backend::time::today()).await?)
}

#[server(prefix = "/api", endpoint = "officer/partnership")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_staff(id: Uuid) -> Result<PartnershipView, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    let row = partnership(&db, id).await?;
    Ok(super::queries::view(&db, row, crate::backend::time::today(), true).await?)
}

#[server(prefix = "/api", endpoint = "partnership")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_partner(id: Uuid) -> Result<PartnershipView, AppError> {
    let (db, row, _) = as_partner(id).await?;
    Ok(super::queries::view(&db, row, crate::backend::time::today(), false).await?)
}

#[server(prefix = "/api", endpoint = "partnership/report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_report(id: Uuid, number: i32) -> Result<ReportView, AppError> {
    let (db, row, verified) = as_partner(id).await?;
    super::queries::report_view(
        &db,
        row,
        number,
        crate::backend::time::today(),
        false,
        verified,
    )
    .await?
    .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

#[server(prefix = "/api", endpoint = "officer/partnership/report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_review(id: Uuid, number: i32) -> Result<ReportView, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    let row = partnership(&db, id).await?;
    super::queries::report_view(&db, row, number, crate::backend::time::today(), true, false)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

#[server(prefix = "/api", endpoint = "officer/partnership/statement")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_statement(id: Uuid, number: i32) -> Result<StatementDocument, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::statement_document(&db, id, number, crate::backend::time::today())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

#[server(prefix = "/api", endpoint = "officer/partnership/new")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_new_form(case: Option<Uuid>) -> Result<NewForm, AppError> {
    use super::field;
    use crate::backend::entities::{application, association};
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    let associations = association::Entity::find()
        .select_only()
        .column(association::Column::Id)
        .column(association::Column::Name)
        .order_by_asc(association::Column::Name)
        .into_tuple::<(Uuid, String)>()
        .all(&db)
        .await?;
    let mut values = HashMap::from([
        (field::EXTENSION_MONTHS.to_owned(), "6".to_owned()),
        (field::NOTICE_BY.to_owned(), "31 december".to_owned()),
        (field::REPORT_MONTHS.to_owned(), "6".to_owned()),
        (field::REPORT_DUE_DAYS.to_owned(), "31".to_owned()),
    ]);
    if let Some(case) = case {
        if let Some(row) = application::Entity::find_by_id(case).one(&db).await? {
            values.insert(field::CASE.into(), row.id.to_string());
            values.insert(field::ASSOCIATION.into(), row.association_id.to_string());
            values.insert(field::DNR.into(), row.dnr.clone().unwrap_or_default());
            values.insert(field::ACTIVITY.into(), row.activity_name.clone());
            if let Ok(content) =
                serde_json::from_str::<crate::features::applications::Content>(&row.content)
            {
                values.insert(field::TARGET_GROUP.into(), content.target_group.clone());
                values.insert(field::PURPOSE.into(), content.summary.clone());
            }
            values.insert(
                field::YEARLY_AMOUNT.into(),
                crate::domain::money::to_input(row.requested_ore),
            );
        }
    }
    Ok(NewForm {
        associations,
        values,
    })
}

#[server(prefix = "/api", endpoint = "association/partnerships")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_of_association(
    association: Uuid,
) -> Result<Vec<(Uuid, String, String)>, AppError> {
    use crate::backend::entities::association_member;
    use sea_orm::EntityTrait;
    let user = crate::backend::server_fns::signed_in()?;
    let db = crate::backend::server_fns::db()?;
    association_member::Entity::find_by_id((association, user.id))
        .one(&db)
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))?;
    Ok(super::queries::of_association(&db, association, crate::backend::time::today()).await?)
}

#[server(prefix = "/api", endpoint = "officer/partnership/meeting")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn load_meeting_follow_ups(meeting: Uuid) -> Result<Vec<super::FollowUpItem>, AppError> {
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::of_meeting(&db, meeting).await?)
}
