//! Triage and case work: who handles a case, by when it is to be done, staff's notes;
//! for one case, or for every case a view of the queue matches (all or nothing).
use chrono::{NaiveDate, Utc};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

pub use super::field;
use super::queries::{self, Viewer};
use super::{Filter, NOTE_LIMIT, OPEN};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{app_user, application, case_note},
    events::{self, NewEvent},
};
use crate::features::applications::Status;

/// A change that a bulk action makes to every case of a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Give the cases to this officer (`None`: to nobody).
    Assign(Option<Uuid>),
    /// The day they are to be done by (`None`: none).
    Due(Option<NaiveDate>),
}

/// `who` is active staff who handles cases (an officer or an admin).
async fn staff(db: &impl ConnectionTrait, who: Uuid) -> Result<app_user::Model, CommandError> {
    crate::backend::users::officer(db, who, "Bara handläggare kan handlägga ärenden.").await
}

/// The officer chosen in a form: "" is nobody, else an active officer's id.
pub async fn officer_chosen(
    db: &impl ConnectionTrait,
    typed: &str,
) -> Result<Option<app_user::Model>, CommandError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let invalid = || {
        CommandError::Invalid(vec![(
            field::OFFICER,
            "Välj en handläggare i listan.".into(),
        )])
    };
    let id = Uuid::parse_str(typed).map_err(|_| invalid())?;
    match staff(db, id).await {
        Ok(user) => Ok(Some(user)),
        Err(CommandError::Forbidden(_)) => Err(invalid()),
        Err(other) => Err(other),
    }
}

/// The due date typed in a form: "" is none; a day before today is refused.
pub fn due_date_typed(typed: &str, today: NaiveDate) -> Result<Option<NaiveDate>, CommandError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let day = crate::domain::validation::date_typed(field::DUE, typed)
        .map_err(|problem| CommandError::Invalid(vec![problem]))?;
    if day < today {
        return Err(CommandError::Invalid(vec![(
            field::DUE,
            format!("Datumet har redan passerat. Välj i dag ({today}) eller senare."),
        )]));
    }
    Ok(Some(day))
}

/// The open case `id`; `NotFound` for a draft or no such case, `Conflict` once it has
/// left the queue (withdrawn).
async fn open_case(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<application::Model, CommandError> {
    let case = application::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|c| c.dnr.is_some())
        .ok_or(CommandError::NotFound)?;
    if !OPEN.contains(&case.status) {
        return Err(CommandError::Conflict(
            "Ärendet är avslutat (återkallat) och kan inte ändras.".into(),
        ));
    }
    Ok(case)
}

/// The event type and payload of `change` on the case with `dnr`.
fn change_event(
    change: Change,
    dnr: &Option<String>,
    officer_name: Option<&str>,
) -> (&'static str, serde_json::Value) {
    match change {
        Change::Assign(officer) => (
            "case.assigned",
            json!({ "dnr": dnr, "officer": officer, "officer_name": officer_name }),
        ),
        Change::Due(day) => (
            "case.due_date_set",
            json!({ "dnr": dnr, "due_on": day.map(|d| d.to_string()) }),
        ),
    }
}

/// The event and live update of `change` on `case`.
async fn record_change(
    txn: &impl ConnectionTrait,
    actor: Uuid,
    case: &application::Model,
    change: Change,
    officer_name: Option<&str>,
) -> Result<(), CommandError> {
    let (event_type, payload) = change_event(change, &case.dnr, officer_name);
    events::record(
        txn,
        NewEvent::about("application", case.id, event_type, Some(actor), payload),
        vec![super::live(
            "case_changed",
            case.id,
            case.dnr.clone(),
            case.status,
        )],
    )
    .await?;
    Ok(())
}

/// Applies `change` to the cases `ids` with `txn`.
async fn apply(
    txn: &impl ConnectionTrait,
    ids: &[Uuid],
    change: Change,
) -> Result<(), CommandError> {
    for chunk in ids.chunks(500) {
        let update = application::Entity::update_many()
            .col_expr(application::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(application::Column::Id.is_in(chunk.iter().copied()));
        let update = match change {
            Change::Assign(officer) => {
                update.col_expr(application::Column::AssignedTo, Expr::value(officer))
            }
            Change::Due(day) => update.col_expr(application::Column::DueOn, Expr::value(day)),
        };
        update.exec(txn).await?;
    }
    Ok(())
}

/// Staff member `actor` gives case `id` to `officer` ("" for nobody; their own id to
/// take it).
#[tracing::instrument(skip_all, fields(case = %id))]
pub async fn assign(ctx: &Ctx, actor: Uuid, id: Uuid, officer: &str) -> Result<(), CommandError> {
    staff(&ctx.db, actor).await?;
    let officer = officer_chosen(&ctx.db, officer).await?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let case = open_case(&txn, id).await?;
    let change = Change::Assign(officer.as_ref().map(|o| o.id));
    apply(&txn, &[id], change).await?;
    record_change(
        &txn,
        actor,
        &case,
        change,
        officer.as_ref().map(|o| o.display_name.as_str()),
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// Staff member `actor` sets the day case `id` is to be done by ("" for none).
#[tracing::instrument(skip_all, fields(case = %id))]
pub async fn set_due(ctx: &Ctx, actor: Uuid, id: Uuid, typed: &str) -> Result<(), CommandError> {
    staff(&ctx.db, actor).await?;
    let change = Change::Due(due_date_typed(typed, ctx.today)?);
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let case = open_case(&txn, id).await?;
    apply(&txn, &[id], change).await?;
    record_change(&txn, actor, &case, change, None).await?;
    ctx.commit_and_wake(txn).await
}

/// Staff member `actor` writes an internal note on case `id` (staff only; never shown
/// to the association). Notes can be written on closed cases too.
#[tracing::instrument(skip_all, fields(case = %id))]
pub async fn add_note(ctx: &Ctx, actor: Uuid, id: Uuid, body: &str) -> Result<(), CommandError> {
    staff(&ctx.db, actor).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(CommandError::Invalid(vec![(
            field::NOTE,
            "Skriv anteckningen.".into(),
        )]));
    }
    if body.chars().count() > NOTE_LIMIT {
        return Err(CommandError::Invalid(vec![(
            field::NOTE,
            format!("Anteckningen får vara högst {NOTE_LIMIT} tecken."),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let case = application::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .filter(|c| c.dnr.is_some())
        .ok_or(CommandError::NotFound)?;
    let note = Uuid::now_v7();
    case_note::Entity::insert(case_note::ActiveModel {
        id: Set(note),
        application_id: Set(id),
        author_id: Set(actor),
        body: Set(body.to_owned()),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about(
            "application",
            id,
            "case.note_added",
            Some(actor),
            json!({ "dnr": case.dnr, "note": note }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// Staff member `actor` applies `change` to every case the view `filter` matches, which
/// they confirmed as `expected` cases: all of them in one transaction, or none when the
/// view now matches another number (a case came in or left meanwhile). Returns how many.
#[tracing::instrument(skip_all, fields(expected))]
pub async fn bulk(
    ctx: &Ctx,
    actor: Uuid,
    filter: &Filter,
    expected: u64,
    change: Change,
) -> Result<u64, CommandError> {
    staff(&ctx.db, actor).await?;
    let officer_name = match change {
        Change::Assign(Some(id)) => Some(
            staff(&ctx.db, id)
                .await
                .map_err(|_| {
                    CommandError::Invalid(vec![(
                        field::OFFICER,
                        "Välj en handläggare i listan.".into(),
                    )])
                })?
                .display_name,
        ),
        _ => None,
    };
    let viewer = Viewer {
        me: actor,
        today: ctx.today,
    };
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let (ids, problems) = queries::matching_ids(&txn, filter, viewer).await?;
    if let Some((_, message)) = problems.into_iter().next() {
        return Err(CommandError::Conflict(message));
    }
    if ids.is_empty() {
        return Err(CommandError::Conflict(
            "Inga ärenden matchar urvalet.".into(),
        ));
    }
    if ids.len() as u64 != expected {
        return Err(CommandError::Conflict(format!(
            "Urvalet har ändrats sedan du bekräftade: det omfattar nu {} ärenden, inte {expected}. Ingenting ändrades. Granska urvalet och bekräfta igen.",
            ids.len()
        )));
    }
    apply(&txn, &ids, change).await?;
    // One event per case, written in batches; one live update for the whole change.
    let mut events = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let cases: Vec<(Uuid, Option<String>)> = application::Entity::find()
            .select_only()
            .column(application::Column::Id)
            .column(application::Column::Dnr)
            .filter(application::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(&txn)
            .await?;
        for (id, dnr) in cases {
            let (event_type, payload) = change_event(change, &dnr, officer_name.as_deref());
            events.push(NewEvent::about(
                "application",
                id,
                event_type,
                Some(actor),
                payload,
            ));
        }
    }
    let resync = super::live("resync", ids[0], None, Status::Submitted);
    events::record_many(&txn, events, vec![resync]).await?;
    ctx.commit_and_wake(txn).await?;
    Ok(ids.len() as u64)
}
