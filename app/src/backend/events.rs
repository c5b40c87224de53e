//! Domain events: every state change writes, in the caller's transaction, the new state
//! (the caller's own statements), one append-only event row and the outbox rows for its
//! side effects. Either all of it commits or none of it does.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, DbErr, EntityTrait, Statement};
use uuid::Uuid;

use crate::backend::{entities::domain_event, mail::EmailJob, outbox};
use crate::live::LiveEvent;

/// An event about to be recorded.
#[derive(Clone, Debug)]
pub struct NewEvent {
    /// `case`, `association`, `membership`, `partnership` or `user`.
    pub aggregate_type: &'static str,
    pub aggregate_id: Uuid,
    /// Past tense, dotted: `account.signed_in`, `case.submitted`.
    pub event_type: &'static str,
    /// Who caused it; `None` for the system.
    pub actor_id: Option<Uuid>,
    pub payload: serde_json::Value,
    /// Bumped when the payload's shape for this event type changes.
    pub schema_version: i32,
}

impl NewEvent {
    /// An event about association `id` (`actor` is `None` for someone without an account
    /// or for the system), in the first version of its payload.
    pub fn about_association(
        id: Uuid,
        event_type: &'static str,
        actor: Option<Uuid>,
        payload: serde_json::Value,
    ) -> Self {
        Self::about("association", id, event_type, actor, payload)
    }

    /// An event about association `id` caused by `actor`, someone signed in.
    pub fn by_member(
        id: Uuid,
        event_type: &'static str,
        actor: Uuid,
        payload: serde_json::Value,
    ) -> Self {
        Self::about_association(id, event_type, Some(actor), payload)
    }

    /// An event about account `id`.
    pub fn about_user(
        id: Uuid,
        event_type: &'static str,
        actor: Option<Uuid>,
        payload: serde_json::Value,
    ) -> Self {
        Self::about("user", id, event_type, actor, payload)
    }

    /// An event about any aggregate.
    pub fn about(
        aggregate_type: &'static str,
        aggregate_id: Uuid,
        event_type: &'static str,
        actor: Option<Uuid>,
        payload: serde_json::Value,
    ) -> Self {
        Self {
            aggregate_type,
            aggregate_id,
            event_type,
            actor_id: actor,
            payload,
            schema_version: 1,
        }
    }
}

/// A side effect of an event, performed later by the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Email(EmailJob),
    Live(LiveEvent),
    /// Work for the worker itself (see `backend::jobs`).
    Job(crate::backend::jobs::Job),
}

tokio::task_local! {
    /// The time events are recorded at while the demo loader lays down a history of
    /// earlier dates ([`as_of`]); unset, and so now, everywhere else.
    static RECORDED_AT: chrono::DateTime<Utc>;
}

/// Runs `work` with its events recorded at `at` instead of now: for the demo data,
/// which takes the OFU seed's case through the real commands on the seed's dates.
/// Events stay append-only; nothing else uses this.
pub async fn as_of<F: std::future::Future>(at: chrono::DateTime<Utc>, work: F) -> F::Output {
    RECORDED_AT.scope(at, work).await
}

/// When an event happens (and what a command stamps its rows with): now, or the demo's
/// [`as_of`] time.
pub fn recorded_at() -> chrono::DateTime<Utc> {
    RECORDED_AT
        .try_with(|at| *at)
        .unwrap_or_else(|_| Utc::now())
}

/// The event types that change what a public page shows: a text, the minutes, a
/// programme's window, a decision and its notice, the statistics, Helsam's members, an
/// association's public page. Each ends with `.` for a whole family or is exact.
const PUBLIC_EVENT_TYPES: [&str; 11] = [
    "guidance.",
    "minutes.",
    "programme.",
    "umbrella.",
    "association.registered",
    "association.profile_updated",
    "case.submitted",
    "case.withdrawn",
    "case.decided",
    "case.justered",
    "case.secrecy_marked",
];

/// How many events that change a public page this process has recorded (in
/// transactions that may still commit or roll back). The server's page cache keeps a
/// page only while this count is what it was when the page was rendered; after each
/// request that moved it, the cache counts once more (see [`settle_public_change`]).
static PUBLIC_CHANGES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// See [`PUBLIC_CHANGES`].
pub fn public_changes() -> u64 {
    PUBLIC_CHANGES.load(std::sync::atomic::Ordering::Acquire)
}

/// Counts a change of public content once more, after the commit of a request that
/// recorded one: a page rendered between the event's recording and its commit read the
/// old state and must not stay cached.
pub fn settle_public_change() {
    PUBLIC_CHANGES.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
}

/// Whether an event of `event_type` changes what a public page shows.
pub fn changes_public_pages(event_type: &str) -> bool {
    PUBLIC_EVENT_TYPES
        .iter()
        .any(|public| match public.strip_suffix('.') {
            Some(family) => event_type
                .strip_prefix(family)
                .is_some_and(|rest| rest.starts_with('.')),
            None => event_type == *public,
        })
}

/// The PostgreSQL channel that wakes every instance's worker when outbox rows commit.
pub const OUTBOX_CHANNEL: &str = "portal_outbox";

/// Records `event` and queues `effects` with `txn`. Returns the event's id.
///
/// On PostgreSQL a `NOTIFY` is issued in the same transaction, so it reaches the
/// workers only when (and if) the transaction commits. In-process, the caller wakes
/// the worker after commit (see the server's `OutboxSignal`).
pub async fn record(
    txn: &impl ConnectionTrait,
    event: NewEvent,
    effects: Vec<Effect>,
) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    write(txn, id, vec![event], effects).await?;
    Ok(id)
}

/// Records many events at once with `txn` (a bulk change: thousands of cases), in
/// multi-row inserts of 500, and queues `effects` with the first of them. As [`record`]
/// otherwise; an empty list records nothing.
pub async fn record_many(
    txn: &impl ConnectionTrait,
    events: Vec<NewEvent>,
    effects: Vec<Effect>,
) -> Result<(), DbErr> {
    if events.is_empty() {
        return Ok(());
    }
    write(txn, Uuid::now_v7(), events, effects).await
}

/// Writes `events` (the first with the id `first`), their effects attached to the
/// first, and the `NOTIFY` on PostgreSQL when anything was queued.
async fn write(
    txn: &impl ConnectionTrait,
    first: Uuid,
    events: Vec<NewEvent>,
    effects: Vec<Effect>,
) -> Result<(), DbErr> {
    let at = recorded_at();
    if events
        .iter()
        .any(|event| changes_public_pages(event.event_type))
    {
        PUBLIC_CHANGES.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }
    let mut rows = events
        .into_iter()
        .enumerate()
        .map(|(i, event)| domain_event::ActiveModel {
            id: Set(if i == 0 { first } else { Uuid::now_v7() }),
            aggregate_type: Set(event.aggregate_type.to_owned()),
            aggregate_id: Set(event.aggregate_id),
            event_type: Set(event.event_type.to_owned()),
            actor_id: Set(event.actor_id),
            occurred_at: Set(at),
            payload: Set(event.payload),
            schema_version: Set(event.schema_version),
        });
    loop {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        if chunk.is_empty() {
            break;
        }
        domain_event::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    let queued = !effects.is_empty();
    for effect in effects {
        outbox::insert(txn, Some(first), effect).await?;
    }
    if queued && txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("NOTIFY {OUTBOX_CHANNEL}"),
        ))
        .await?;
    }
    Ok(())
}

/// The history of one aggregate, oldest first (ids are time-ordered UUIDv7).
pub async fn history(
    db: &impl ConnectionTrait,
    aggregate_type: &str,
    aggregate_id: Uuid,
) -> Result<Vec<domain_event::Model>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    domain_event::Entity::find()
        .filter(domain_event::Column::AggregateType.eq(aggregate_type))
        .filter(domain_event::Column::AggregateId.eq(aggregate_id))
        .order_by_asc(domain_event::Column::Id)
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::changes_public_pages;

    #[test]
    fn public_event_types_are_matched_by_family_or_exactly() {
        for public in [
            "minutes.published",
            "guidance.text_saved",
            "case.justered",
            "association.profile_updated",
            "umbrella.approved",
        ] {
            assert!(changes_public_pages(public), "{public}");
        }
        for private in [
            "case.note_added",
            "case.assigned",
            "account.signed_in",
            "association.member_joined",
            "minutesX.published",
            "application.draft_started",
        ] {
            assert!(!changes_public_pages(private), "{private}");
        }
    }
}
