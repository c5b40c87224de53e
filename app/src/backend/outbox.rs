//! The transactional outbox: rows written with the event that caused them, claimed and
//! performed by the worker, retried with backoff, and parked as dead after too many tries.
use chrono::{TimeZone, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Statement, Value,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::backend::{entities::outbox, events::Effect, mail::EmailJob};
use crate::features::admin::api::OutboxCounts;
use crate::live::LiveEvent;

/// Where a row is in its life.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    sea_orm::EnumIter,
    sea_orm::DeriveActiveEnum,
)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    /// Waiting for its turn (again, after a failed attempt, with `last_error`).
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Claimed by a worker until its lease ends.
    #[sea_orm(string_value = "processing")]
    Processing,
    #[sea_orm(string_value = "done")]
    Done,
    /// Not sent because the recipient turned that notification off.
    #[sea_orm(string_value = "skipped")]
    Skipped,
    /// Out of attempts: shown to admins, who can try again.
    #[sea_orm(string_value = "dead")]
    Dead,
}

impl OutboxStatus {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Processing => "processing",
            OutboxStatus::Done => "done",
            OutboxStatus::Skipped => "skipped",
            OutboxStatus::Dead => "dead",
        }
    }
}

/// The statuses by their short names (`status::DONE`).
pub mod status {
    use super::OutboxStatus;
    pub const PENDING: OutboxStatus = OutboxStatus::Pending;
    pub const PROCESSING: OutboxStatus = OutboxStatus::Processing;
    pub const DONE: OutboxStatus = OutboxStatus::Done;
    pub const SKIPPED: OutboxStatus = OutboxStatus::Skipped;
    pub const DEAD: OutboxStatus = OutboxStatus::Dead;
}

/// The kinds of effect, as stored.
pub mod kind {
    pub const EMAIL: &str = "email";
    pub const LIVE: &str = "live";
    pub const JOB: &str = "job";
}

/// Milliseconds since the epoch, the unit of every scheduling column.
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// Queues one effect (normally through `events::record`).
pub async fn insert(
    txn: &impl ConnectionTrait,
    event_id: Option<Uuid>,
    effect: Effect,
) -> Result<Uuid, DbErr> {
    let (kind, payload) = match effect {
        Effect::Email(job) => (kind::EMAIL, serde_json::to_value(job)),
        Effect::Live(event) => (kind::LIVE, serde_json::to_value(event)),
        Effect::Job(job) => (kind::JOB, serde_json::to_value(job)),
    };
    let payload = payload.map_err(|e| DbErr::Custom(format!("outbox payload: {e}")))?;
    let id = Uuid::now_v7();
    outbox::Entity::insert(outbox::ActiveModel {
        id: Set(id),
        event_id: Set(event_id),
        kind: Set(kind.to_owned()),
        payload: Set(payload),
        status: Set(status::PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at_ms: Set(now_ms()),
        locked_until_ms: Set(None),
        last_error: Set(None),
        created_at: Set(Utc::now()),
        completed_at: Set(None),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(id)
}

/// Queues one effect that belongs to no event (work the worker does itself, such as
/// looking up an address for a password reset), and wakes every instance's worker on
/// PostgreSQL when the transaction commits, as `events::record` does.
pub async fn queue_without_event(
    txn: &impl ConnectionTrait,
    effect: Effect,
) -> Result<Uuid, DbErr> {
    let id = insert(txn, None, effect).await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("NOTIFY {}", crate::backend::events::OUTBOX_CHANNEL),
        ))
        .await?;
    }
    Ok(id)
}

/// A row the worker has claimed and now owns until its lease runs out.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: Uuid,
    pub kind: String,
    pub payload: serde_json::Value,
    /// Including this attempt.
    pub attempts: i32,
}

impl Claimed {
    pub fn email(&self) -> Result<EmailJob, serde_json::Error> {
        serde_json::from_value(self.payload.clone())
    }

    pub fn live(&self) -> Result<LiveEvent, serde_json::Error> {
        serde_json::from_value(self.payload.clone())
    }

    pub fn job(&self) -> Result<crate::backend::jobs::Job, serde_json::Error> {
        serde_json::from_value(self.payload.clone())
    }
}

/// Claims up to `limit` due rows: pending ones whose time has come, and processing ones
/// whose worker's lease ran out (it died). On PostgreSQL `FOR UPDATE SKIP LOCKED` lets
/// several instances claim side by side without taking the same row; SQLite has one
/// writer at a time, so the single `UPDATE … RETURNING` is already exclusive.
pub async fn claim(
    db: &impl ConnectionTrait,
    now_ms: i64,
    lease_ms: i64,
    limit: u64,
) -> Result<Vec<Claimed>, DbErr> {
    let backend = db.get_database_backend();
    let (placeholders, lock) = match backend {
        DbBackend::Postgres => (["$1", "$2", "$3", "$4", "$5"], " FOR UPDATE SKIP LOCKED"),
        _ => (["?", "?", "?", "?", "?"], ""),
    };
    let [processing, lease_end, pending, now, now_again] = placeholders;
    let limit_placeholder = if backend == DbBackend::Postgres {
        "$6"
    } else {
        "?"
    };
    let sql = format!(
        "UPDATE outbox SET status = {processing}, attempts = attempts + 1, locked_until_ms = {lease_end} \
         WHERE id IN (SELECT id FROM outbox \
           WHERE (status = {pending} AND next_attempt_at_ms <= {now}) \
              OR (status = 'processing' AND locked_until_ms < {now_again}) \
           ORDER BY next_attempt_at_ms LIMIT {limit_placeholder}{lock}) \
         RETURNING id, kind, payload, attempts"
    );
    let values: Vec<Value> = vec![
        status::PROCESSING.into(),
        (now_ms + lease_ms).into(),
        status::PENDING.into(),
        now_ms.into(),
        now_ms.into(),
        (limit as i64).into(),
    ];
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Claimed {
                id: row.try_get("", "id")?,
                kind: row.try_get("", "kind")?,
                payload: row.try_get("", "payload")?,
                attempts: row.try_get("", "attempts")?,
            })
        })
        .collect()
}

/// Marks claimed rows finished: `done`, or `skipped` when the recipient opted out.
pub async fn complete(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
    final_status: OutboxStatus,
) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            sea_orm::sea_query::Expr::value(final_status),
        )
        .col_expr(
            outbox::Column::LockedUntilMs,
            sea_orm::sea_query::Expr::value(Option::<i64>::None),
        )
        .col_expr(
            outbox::Column::CompletedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: back to `pending` at `retry_at_ms`, or `dead` when `dead`.
pub async fn fail(
    db: &impl ConnectionTrait,
    id: Uuid,
    error: &str,
    dead: bool,
    retry_at_ms: i64,
) -> Result<(), DbErr> {
    let new_status = if dead { status::DEAD } else { status::PENDING };
    // Keep the stored error short: it is for an admin's eyes, not a log.
    let error: String = error.chars().take(1000).collect();
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            sea_orm::sea_query::Expr::value(new_status),
        )
        .col_expr(
            outbox::Column::LastError,
            sea_orm::sea_query::Expr::value(error),
        )
        .col_expr(
            outbox::Column::NextAttemptAtMs,
            sea_orm::sea_query::Expr::value(retry_at_ms),
        )
        .col_expr(
            outbox::Column::LockedUntilMs,
            sea_orm::sea_query::Expr::value(Option::<i64>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// When the next pending row falls due, if any.
pub async fn next_due_ms(db: &impl ConnectionTrait) -> Result<Option<i64>, DbErr> {
    let next: Option<i64> = outbox::Entity::find()
        .select_only()
        .column_as(outbox::Column::NextAttemptAtMs.min(), "next")
        .filter(outbox::Column::Status.eq(status::PENDING))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    Ok(next)
}

/// The wait before attempt `attempt + 1`: `base · 2^(attempt−1)`, capped at `max`, with
/// "equal jitter" (between half and all of it) so failing rows do not retry in step.
/// `jitter` is a random number in `[0, 1)`.
pub fn backoff_ms(attempt: i32, base_ms: i64, max_ms: i64, jitter: f64) -> i64 {
    let exponent = attempt.saturating_sub(1).clamp(0, 40) as u32;
    let full = base_ms
        .saturating_mul(1_i64 << exponent.min(40))
        .min(max_ms);
    let half = full / 2;
    half + ((full - half) as f64 * jitter.clamp(0.0, 1.0)) as i64
}

/// One row as the admin page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub id: Uuid,
    pub kind: String,
    /// For e-mail: the recipient and the kind of mail; for live updates: the case.
    pub summary: String,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: String,
    pub created_at: String,
}

/// The rows an admin needs to look at: pending and processing ones, retrying ones (pending
/// with an error) and dead ones, newest first, at most `limit`.
pub async fn unfinished(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<OutboxItem>, DbErr> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([status::PENDING, status::PROCESSING, status::DEAD]))
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_item).collect())
}

pub async fn counts(db: &impl ConnectionTrait) -> Result<OutboxCounts, DbErr> {
    let count = |status: OutboxStatus, with_error: Option<bool>| {
        let mut query = outbox::Entity::find().filter(outbox::Column::Status.eq(status));
        query = match with_error {
            Some(true) => query.filter(outbox::Column::LastError.is_not_null()),
            Some(false) => query.filter(outbox::Column::LastError.is_null()),
            None => query,
        };
        query.count(db)
    };
    Ok(OutboxCounts {
        pending: count(status::PENDING, Some(false)).await?,
        retrying: count(status::PENDING, Some(true)).await?,
        processing: count(status::PROCESSING, None).await?,
        dead: count(status::DEAD, None).await?,
        done: count(status::DONE, None).await?,
        skipped: count(status::SKIPPED, None).await?,
    })
}

/// Puts a dead row back in the queue with a fresh count of attempts. Returns whether
/// there was such a dead row.
pub async fn retry_dead(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            sea_orm::sea_query::Expr::value(status::PENDING),
        )
        .col_expr(outbox::Column::Attempts, sea_orm::sea_query::Expr::value(0))
        .col_expr(
            outbox::Column::NextAttemptAtMs,
            sea_orm::sea_query::Expr::value(now_ms()),
        )
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(status::DEAD))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

fn to_item(row: outbox::Model) -> OutboxItem {
    let summary = match row.kind.as_str() {
        kind::EMAIL => serde_json::from_value::<EmailJob>(row.payload.clone())
            .map(|job| format!("{} till {}", job.kind.label(), job.to))
            .unwrap_or_else(|_| "E-post (oläsbar)".to_owned()),
        kind::LIVE => serde_json::from_value::<LiveEvent>(row.payload.clone())
            .map(|event| {
                format!(
                    "Köuppdatering: {} {}",
                    event.event,
                    event.dnr.unwrap_or_default()
                )
            })
            .unwrap_or_else(|_| "Köuppdatering (oläsbar)".to_owned()),
        kind::JOB => serde_json::from_value::<crate::backend::jobs::Job>(row.payload.clone())
            .map(|job| job.summary().to_owned())
            .unwrap_or_else(|_| "Uppgift (oläsbar)".to_owned()),
        other => other.to_owned(),
    };
    OutboxItem {
        id: row.id,
        kind: row.kind,
        summary,
        status: row.status,
        attempts: row.attempts,
        last_error: row.last_error,
        next_attempt_at: format_ms(row.next_attempt_at_ms),
        created_at: crate::backend::time::date_time(row.created_at),
    }
}

fn format_ms(ms: i64) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(crate::backend::time::date_time)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn backoff_doubles_from_the_base_and_stops_at_the_cap() {
        assert_eq!(backoff_ms(1, 1000, 3_600_000, 1.0), 1000);
        assert_eq!(backoff_ms(2, 1000, 3_600_000, 1.0), 2000);
        assert_eq!(backoff_ms(5, 1000, 3_600_000, 1.0), 16_000);
        assert_eq!(backoff_ms(30, 1000, 3_600_000, 1.0), 3_600_000);
        assert_eq!(backoff_ms(1000, 1000, 3_600_000, 1.0), 3_600_000);
    }

    #[test]
    fn jitter_keeps_between_half_and_all_of_the_wait() {
        assert_eq!(backoff_ms(3, 1000, 3_600_000, 0.0), 2000);
        let jittered = backoff_ms(3, 1000, 3_600_000, 0.5);
        assert!((2000..=4000).contains(&jittered));
    }
}

/// Wakes the in-process worker as soon as outbox rows have committed, so that polling
/// is only the fallback. Cloned into every place that commits outbox rows.
#[derive(Clone, Debug, Default)]
pub struct OutboxSignal(std::sync::Arc<tokio::sync::Notify>);

impl OutboxSignal {
    /// Call after the commit. A wake-up sent while the worker is busy is kept for it.
    pub fn notify(&self) {
        self.0.notify_one();
    }

    pub async fn notified(&self) {
        self.0.notified().await;
    }
}
