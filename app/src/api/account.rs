//! The signed-in person's own settings.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
    let user = super::signed_in()?;
    let db = super::db()?;
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
