//! Each person's choice of optional notifications. Required ones cannot be turned off.
use sea_orm::{
    sea_query::OnConflict, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use crate::backend::entities::notification_preference;
use crate::notifications::MailKind;

/// Whether `user_id` wants mails of `kind`. Required kinds are always wanted; the
/// others are on unless turned off.
pub async fn wants(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    kind: MailKind,
) -> Result<bool, DbErr> {
    if kind.required() {
        return Ok(true);
    }
    let row = notification_preference::Entity::find_by_id((user_id, kind.as_str().to_owned()))
        .one(db)
        .await?;
    Ok(row.map(|row| row.enabled).unwrap_or(true))
}

/// The person's choice for every optional kind, in catalogue order.
pub async fn all(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<(MailKind, bool)>, DbErr> {
    let rows = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    Ok(MailKind::optional()
        .map(|kind| {
            let enabled = rows
                .iter()
                .find(|row| row.kind == kind.as_str())
                .map(|row| row.enabled)
                .unwrap_or(true);
            (kind, enabled)
        })
        .collect())
}

/// Stores the person's choice. Required kinds are ignored: they cannot be turned off.
pub async fn set(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    kind: MailKind,
    enabled: bool,
) -> Result<(), DbErr> {
    if kind.required() {
        return Ok(());
    }
    notification_preference::Entity::insert(notification_preference::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.as_str().to_owned()),
        enabled: Set(enabled),
    })
    .on_conflict(
        OnConflict::columns([
            notification_preference::Column::UserId,
            notification_preference::Column::Kind,
        ])
        .update_column(notification_preference::Column::Enabled)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
