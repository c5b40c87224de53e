//! The signed-in person's own settings.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// One optional notification and whether the person wants it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationSetting {
    pub kind: String,
    pub label: String,
    pub enabled: bool,
}

#[server(prefix = "/api", endpoint = "account/notifications")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn notification_settings() -> Result<Vec<NotificationSetting>, AppError> {
    let user = crate::backend::server_fns::signed_in()?;
    let db = crate::backend::server_fns::db()?;
    Ok(crate::backend::preferences::all(&db, user.id)
        .await?
        .into_iter()
        .map(|(kind, enabled)| NotificationSetting {
            kind: kind.as_str().to_owned(),
            label: kind.label().to_owned(),
            enabled,
        })
        .collect())
}

/// One of the signed-in person's associations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAssociation {
    pub id: Uuid,
    pub name: String,
    pub role: String,
    /// The last day the person is a verified representative, if they are one.
    pub verified_until: Option<String>,
}

#[server(prefix = "/api", endpoint = "associations/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_associations() -> Result<Vec<MyAssociation>, AppError> {
    use crate::backend::entities::{association, association_member, representative};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = crate::backend::server_fns::signed_in()?;
    let db = crate::backend::server_fns::db()?;
    let today = crate::backend::time::today();
    let verified: std::collections::HashMap<Uuid, chrono::NaiveDate> =
        representative::Entity::find()
            .filter(representative::Column::UserId.eq(user.id))
            .filter(representative::Column::ValidUntil.gte(today))
            .all(&db)
            .await?
            .into_iter()
            .map(|row| (row.association_id, row.valid_until))
            .collect();
    Ok(association_member::Entity::find()
        .filter(association_member::Column::UserId.eq(user.id))
        .find_also_related(association::Entity)
        .all(&db)
        .await?
        .into_iter()
        .filter_map(|(member, association)| {
            let association = association?;
            Some(MyAssociation {
                verified_until: verified.get(&association.id).map(|until| until.to_string()),
                id: association.id,
                name: association.name,
                role: member.role.label().to_owned(),
            })
        })
        .collect())
}
