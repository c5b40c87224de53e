//! Admin: the outbox and the mail that has been sent.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// How many outbox rows are in each state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxCounts {
    pub pending: u64,
    /// Pending again after a failed attempt.
    pub retrying: u64,
    pub processing: u64,
    pub dead: u64,
    pub done: u64,
    /// Not sent because the recipient turned that notification off.
    pub skipped: u64,
}

/// The outbox page's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxSnapshot {
    pub counts: OutboxCounts,
    pub items: Vec<OutboxRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: Uuid,
    pub summary: String,
    /// `pending`, `retrying`, `processing` or `dead`.
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: String,
    pub created_at: String,
}

/// One sent (or skipped) mail on the "Skickad e-post" page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMailRow {
    pub id: Uuid,
    pub to: String,
    pub subject: String,
    pub kind: String,
    pub sent_at: String,
    pub skipped: bool,
}

#[server(prefix = "/api", endpoint = "admin/outbox")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn outbox_overview() -> Result<OutboxSnapshot, AppError> {
    use crate::backend::outbox::{self, status};
    crate::backend::server_fns::with_role(crate::domain::role::Role::Admin)?;
    let db = crate::backend::server_fns::db()?;
    let counts = outbox::counts(&db).await?;
    let items = outbox::unfinished(&db, 200)
        .await?
        .into_iter()
        .map(|item| OutboxRow {
            state: match (item.status, item.last_error.is_some()) {
                (status::PENDING, true) => "retrying".to_owned(),
                (other, _) => other.as_str().to_owned(),
            },
            id: item.id,
            summary: item.summary,
            attempts: item.attempts,
            last_error: item.last_error,
            next_attempt_at: item.next_attempt_at,
            created_at: item.created_at,
        })
        .collect();
    Ok(OutboxSnapshot { counts, items })
}

#[server(prefix = "/api", endpoint = "admin/sent-mail")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn sent_mail() -> Result<Vec<SentMailRow>, AppError> {
    use crate::backend::{
        entities::outbox,
        mail,
        outbox::{kind, status},
    };
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    crate::backend::server_fns::with_role(crate::domain::role::Role::Admin)?;
    let db = crate::backend::server_fns::db()?;
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(kind::EMAIL))
        .filter(outbox::Column::Status.is_in([status::DONE, status::SKIPPED]))
        .order_by_desc(outbox::Column::Id)
        .limit(200)
        .all(&db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let job: mail::EmailJob = serde_json::from_value(row.payload).ok()?;
            let subject = mail::render(job.kind, &job.data)
                .map(|mail| mail.subject)
                .unwrap_or_else(|_| job.kind.label().to_owned());
            Some(SentMailRow {
                id: row.id,
                to: job.to,
                subject,
                kind: job.kind.label().to_owned(),
                sent_at: row
                    .completed_at
                    .map(crate::backend::time::date_time)
                    .unwrap_or_default(),
                skipped: row.status == status::SKIPPED,
            })
        })
        .collect())
}

/// One account on the admin's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    /// In Swedish, e.g. `handläggare`.
    pub role: String,
    pub active: bool,
    pub verified: bool,
}

#[server(prefix = "/api", endpoint = "admin/accounts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn list_accounts() -> Result<Vec<AccountRow>, AppError> {
    use crate::backend::entities::app_user;
    use crate::domain::role::Role;
    use sea_orm::{EntityTrait, QueryOrder};
    crate::backend::server_fns::with_role(Role::Admin)?;
    let db = crate::backend::server_fns::db()?;
    Ok(app_user::Entity::find()
        .order_by_asc(app_user::Column::DisplayName)
        .all(&db)
        .await?
        .into_iter()
        .map(|user| AccountRow {
            id: user.id,
            name: user.display_name,
            email: user.email,
            role: user.role.label().to_owned(),
            active: user.active,
            verified: user.email_verified_at.is_some(),
        })
        .collect())
}
