//! What the membership pages read.
use std::collections::HashMap;

use chrono::Datelike;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{
    AssociationMembership, MemberRow, OwnApplication, PendingRow, PublicMember, StaffView,
    UmbrellaStatus,
};
use crate::backend::entities::{
    app_user, association, attachment, umbrella_application, umbrella_fee,
};
use crate::backend::time;

/// Each association's latest application, by association.
async fn latest_by_association(
    db: &impl ConnectionTrait,
) -> Result<Vec<umbrella_application::Model>, DbErr> {
    let mut latest: HashMap<Uuid, umbrella_application::Model> = HashMap::new();
    for row in umbrella_application::Entity::find()
        .order_by_asc(umbrella_application::Column::AppliedAt)
        .all(db)
        .await?
    {
        latest.insert(row.association_id, row);
    }
    Ok(latest.into_values().collect())
}

async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, association::Model>, DbErr> {
    Ok(association::Entity::find()
        .filter(association::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// The members, by name: public.
pub async fn members(db: &impl ConnectionTrait) -> Result<Vec<PublicMember>, DbErr> {
    let approved: Vec<umbrella_application::Model> = latest_by_association(db)
        .await?
        .into_iter()
        .filter(|a| a.status == UmbrellaStatus::Approved.as_str())
        .collect();
    let associations = names(db, approved.iter().map(|a| a.association_id)).await?;
    let mut members: Vec<PublicMember> = approved
        .iter()
        .filter_map(|a| {
            associations
                .get(&a.association_id)
                .map(|assoc| PublicMember {
                    association: assoc.name.clone(),
                    since: a
                        .decided_at
                        .map(|at| time::date_of(at).year())
                        .unwrap_or_default(),
                })
        })
        .collect();
    members.sort_by_key(|m| m.association.to_lowercase());
    Ok(members)
}

async fn file_name(db: &impl ConnectionTrait, id: Uuid) -> Result<String, DbErr> {
    Ok(attachment::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|a| a.file_name)
        .unwrap_or_default())
}

/// The association's own page: its latest application and whether `user` may apply.
pub async fn for_association(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    user: Uuid,
    today: chrono::NaiveDate,
) -> Result<Option<AssociationMembership>, DbErr> {
    let Some(assoc) = association::Entity::find_by_id(association_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let latest = match super::commands::latest(db, association_id).await? {
        Some(row) => Some(OwnApplication {
            status: UmbrellaStatus::parse(&row.status).unwrap_or(UmbrellaStatus::Pending),
            board_decided_on: row.board_decided_on.to_string(),
            applied_on: time::date_of(row.applied_at).to_string(),
            decided_on: row.decided_at.map(|at| time::date_of(at).to_string()),
            note: row.note.clone(),
            minutes_id: row.attachment_id,
            minutes_name: file_name(db, row.attachment_id).await?,
        }),
        None => None,
    };
    Ok(Some(AssociationMembership {
        association_id,
        association: assoc.name,
        may_apply: crate::features::representatives::queries::is_verified(
            db,
            association_id,
            user,
            today,
        )
        .await?,
        latest,
    }))
}

/// The staff's page: applications waiting, and the members with their fees for this
/// year and the two before.
pub async fn staff(
    db: &impl ConnectionTrait,
    today: chrono::NaiveDate,
) -> Result<StaffView, DbErr> {
    let latest = latest_by_association(db).await?;
    let associations = names(db, latest.iter().map(|a| a.association_id)).await?;
    let mut pending = Vec::new();
    let mut members = Vec::new();
    let years: Vec<i32> = (0..3).map(|n| today.year() - n).collect();
    let fees = umbrella_fee::Entity::find().all(db).await?;
    for row in &latest {
        let Some(assoc) = associations.get(&row.association_id) else {
            continue;
        };
        match UmbrellaStatus::parse(&row.status) {
            Some(UmbrellaStatus::Pending) => {
                let by = app_user::Entity::find_by_id(row.applied_by)
                    .one(db)
                    .await?
                    .map(|u| u.display_name)
                    .unwrap_or_default();
                pending.push(PendingRow {
                    id: row.id,
                    association: assoc.name.clone(),
                    org_number: assoc.org_number.clone(),
                    board_decided_on: row.board_decided_on.to_string(),
                    applied_on: time::date_of(row.applied_at).to_string(),
                    applied_by: by,
                    minutes_id: row.attachment_id,
                    minutes_name: file_name(db, row.attachment_id).await?,
                });
            }
            Some(UmbrellaStatus::Approved) => members.push(MemberRow {
                association_id: assoc.id,
                association: assoc.name.clone(),
                since: row
                    .decided_at
                    .map(|at| time::date_of(at).to_string())
                    .unwrap_or_default(),
                fees: years
                    .iter()
                    .map(|year| {
                        let paid = fees
                            .iter()
                            .find(|f| f.association_id == assoc.id && f.year == *year)
                            .map(|f| f.paid_on.to_string());
                        (*year, paid)
                    })
                    .collect(),
            }),
            _ => {}
        }
    }
    pending.sort_by(|a, b| a.applied_on.cmp(&b.applied_on));
    members.sort_by_key(|m| m.association.to_lowercase());
    Ok(StaffView {
        pending,
        members,
        years,
    })
}
