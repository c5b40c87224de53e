//! The follow-up's state changes: the report periods made at justering, the
//! association's draft, documents and submission, the officer's review (approve, ask for
//! changes, approve with a reclaim), a changed due date, the reminders the worker sends,
//! and the finance unit's record of a repaid reclaim.
use std::collections::HashMap;

use chrono::{Days, NaiveDate, Utc};
use sea_orm::{
    sea_query::{Condition, Expr},
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    field, period_text, periods, Document, Reckoning, Report, ReportStatus, DOCUMENT_TYPES,
    MAX_DOCUMENTS, RECLAIM_DAYS, REMIND_DAYS_BEFORE,
};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{
        app_user, application, association, association_member, attachment, follow_up,
        grant_programme, payment, reclaim,
    },
    events::{self, NewEvent},
    mail,
};
use crate::domain::{document, money, programme_window::long_date};
use crate::features::payments::{pain001::Payer, PaymentStatus, AFTER_FOLLOW_UP};
use crate::features::representatives::commands::StoredDocument;
use crate::notifications::MailKind;

/// The report periods of a granted case, made in the justering's transaction: from the
/// application's period (or a year from `justered` when it has none).
pub async fn schedule_on_justering(
    txn: &impl ConnectionTrait,
    case: &application::Model,
    granted: i64,
    justered: NaiveDate,
) -> Result<(), CommandError> {
    if granted <= 0 {
        return Ok(());
    }
    let exists = follow_up::Entity::find()
        .filter(follow_up::Column::ApplicationId.eq(case.id))
        .one(txn)
        .await?;
    if exists.is_some() {
        return Ok(());
    }
    let from = case.period_from.unwrap_or(justered);
    let to = case
        .period_to
        .unwrap_or_else(|| from.checked_add_days(Days::new(364)).unwrap_or(from));
    let content = crate::features::applications::commands::content_of(case)?;
    let report = serde_json::to_string(&Report::from_application(&content))
        .map_err(|e| CommandError::Internal(format!("the report's rows: {e}")))?;
    let all = periods(from, to);
    let of = all.len() as i32;
    let now = Utc::now();
    for (i, period) in all.into_iter().enumerate() {
        follow_up::Entity::insert(follow_up::ActiveModel {
            id: Set(Uuid::now_v7()),
            application_id: Set(case.id),
            association_id: Set(case.association_id),
            programme_id: Set(case.programme_id),
            number: Set(i as i32 + 1),
            of: Set(of),
            period_from: Set(period.from),
            period_to: Set(period.to),
            // Never due before the decision may be carried out and a month has passed.
            due_on: Set(period.due.max(justered + Days::new(30))),
            granted_ore: Set(granted),
            status: Set(ReportStatus::Due.as_str().into()),
            content: Set(report.clone()),
            revision: Set(0),
            submitted_at: Set(None),
            submitted_by: Set(None),
            reviewed_at: Set(None),
            reviewed_by: Set(None),
            review_note: Set(String::new()),
            reminded_before: Set(None),
            reminded_due: Set(None),
            reminded_overdue: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// The report `number` of case `case`.
pub async fn report_of(
    db: &impl ConnectionTrait,
    case: Uuid,
    number: i32,
) -> Result<follow_up::Model, CommandError> {
    follow_up::Entity::find()
        .filter(follow_up::Column::ApplicationId.eq(case))
        .filter(follow_up::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(CommandError::NotFound)
}

/// The report, if `user` is on its association's account; `NotFound` otherwise.
async fn ours(
    db: &impl ConnectionTrait,
    case: Uuid,
    number: i32,
    user: Uuid,
) -> Result<follow_up::Model, CommandError> {
    let row = report_of(db, case, number).await?;
    association_member::Entity::find_by_id((row.association_id, user))
        .one(db)
        .await?
        .ok_or(CommandError::NotFound)?;
    Ok(row)
}

fn content_of(row: &follow_up::Model) -> Result<Report, CommandError> {
    serde_json::from_str(&row.content)
        .map_err(|e| CommandError::Internal(format!("a stored report cannot be read: {e}")))
}

fn to_json(report: &Report) -> Result<String, CommandError> {
    serde_json::to_string(report).map_err(|e| CommandError::Internal(format!("the report: {e}")))
}

/// The message when someone else saved the report meanwhile.
pub const SAVED_BY_SOMEONE_ELSE: &str = "Någon annan i föreningen sparade återrapporten medan du skrev, så dina ändringar är inte sparade. Det du skrev står kvar nedan. Öppna sidan igen i en ny flik för att se den sparade versionen.";

/// The message when the report cannot be changed.
pub const NOT_EDITABLE: &str =
    "Återrapporten är inskickad och kan inte ändras nu. Handläggaren hör av sig om något behöver ändras.";

/// Writes `report` over the stored one if nobody saved since `revision`.
async fn store(
    db: &impl ConnectionTrait,
    row: &follow_up::Model,
    revision: i32,
    report: &Report,
    status: Option<ReportStatus>,
    submitted_by: Option<Uuid>,
) -> Result<i32, CommandError> {
    let mut update = follow_up::Entity::update_many()
        .col_expr(follow_up::Column::Content, Expr::value(to_json(report)?))
        .col_expr(follow_up::Column::Revision, Expr::value(revision + 1))
        .col_expr(follow_up::Column::UpdatedAt, Expr::value(Utc::now()));
    if let Some(status) = status {
        update = update.col_expr(follow_up::Column::Status, Expr::value(status.as_str()));
    }
    if let Some(user) = submitted_by {
        update = update
            .col_expr(follow_up::Column::SubmittedBy, Expr::value(user))
            .col_expr(follow_up::Column::SubmittedAt, Expr::value(Utc::now()));
    }
    let updated = update
        .filter(follow_up::Column::Id.eq(row.id))
        .filter(follow_up::Column::Revision.eq(revision))
        .filter(
            follow_up::Column::Status
                .is_in([ReportStatus::Due.as_str(), ReportStatus::Changes.as_str()]),
        )
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(SAVED_BY_SOMEONE_ELSE.into()));
    }
    Ok(revision + 1)
}

/// The association saves the report (`submit`: and sends it in). A member may save; only
/// a verified representative may send it in, and only when nothing is missing.
#[tracing::instrument(skip_all, fields(case = %case, number))]
pub async fn save(
    ctx: &Ctx,
    user: Uuid,
    case: Uuid,
    number: i32,
    form: &HashMap<String, String>,
    submit: bool,
) -> Result<i32, CommandError> {
    let row = ours(&ctx.db, case, number, user).await?;
    let status = ReportStatus::parse(&row.status).unwrap_or(ReportStatus::Due);
    if !status.editable() {
        return Err(CommandError::Conflict(NOT_EDITABLE.into()));
    }
    let revision: i32 = form
        .get(field::REVISION)
        .and_then(|r| r.trim().parse().ok())
        .unwrap_or(-1);
    if revision != row.revision {
        return Err(CommandError::Conflict(SAVED_BY_SOMEONE_ELSE.into()));
    }
    let mut report = content_of(&row)?;
    let problems = report.read_form(|name| form.get(name).cloned().unwrap_or_default());
    if !problems.is_empty() {
        return Err(CommandError::InvalidAnswers(problems));
    }
    if !submit {
        return store(&ctx.db, &row, revision, &report, None, None).await;
    }
    let verified = crate::features::representatives::queries::is_verified(
        &ctx.db,
        row.association_id,
        user,
        ctx.today,
    )
    .await?;
    if !verified {
        return Err(CommandError::Forbidden(
            "Bara föreningens verifierade företrädare kan skicka in återrapporten. Spara den, så kan en företrädare skicka in den.".into(),
        ));
    }
    let problems = report.problems();
    if !problems.is_empty() {
        return Err(CommandError::InvalidAnswers(problems));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let revision = store(
        &txn,
        &row,
        revision,
        &report,
        Some(ReportStatus::Submitted),
        Some(user),
    )
    .await?;
    let reckoning = Reckoning::of(&report, row.granted_ore);
    events::record(
        &txn,
        NewEvent::about(
            "application",
            case,
            "follow_up.submitted",
            Some(user),
            json!({ "report": row.number, "of": row.of, "unused": reckoning.unused }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(revision)
}

/// A document attached to the report (streamed to storage by the caller).
pub async fn attach(
    ctx: &Ctx,
    user: Uuid,
    case: Uuid,
    number: i32,
    kind: &str,
    file: Result<StoredDocument, String>,
) -> Result<(), CommandError> {
    let row = ours(&ctx.db, case, number, user).await?;
    if !ReportStatus::parse(&row.status).is_some_and(ReportStatus::editable) {
        return Err(CommandError::Conflict(NOT_EDITABLE.into()));
    }
    let mut problems = Vec::new();
    if !DOCUMENT_TYPES.iter().any(|(slug, _)| *slug == kind) {
        problems.push((field::DOCUMENT_TYPE, "Välj vad dokumentet är.".to_owned()));
    }
    if let Err(message) = &file {
        problems.push((field::DOCUMENT, message.clone()));
    }
    let mut report = content_of(&row)?;
    if report.documents.len() >= MAX_DOCUMENTS {
        problems.push((
            field::DOCUMENT,
            format!("Återrapporten kan ha högst {MAX_DOCUMENTS} bilagor. Ta bort en först."),
        ));
    }
    let Ok(file) = file else {
        return Err(CommandError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(CommandError::Invalid(problems));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let id = Uuid::now_v7();
    let file_name = document::clean_file_name(&file.file_name, file.kind);
    attachment::Entity::insert(attachment::ActiveModel {
        id: Set(id),
        association_id: Set(row.association_id),
        purpose: Set("follow_up".into()),
        file_name: Set(file_name.clone()),
        content_type: Set(file.kind.content_type().into()),
        size_bytes: Set(file.size as i64),
        sha256: Set(file.sha256.clone()),
        storage_key: Set(file.key.clone()),
        uploaded_by: Set(Some(user)),
        created_at: Set(events::recorded_at()),
        application_id: Set(None),
        document_type: Set(Some(kind.to_owned())),
    })
    .exec_without_returning(&txn)
    .await?;
    report.documents.push(Document {
        id,
        kind: kind.to_owned(),
        file_name,
    });
    store(&txn, &row, row.revision, &report, None, None).await?;
    txn.commit().await?;
    Ok(())
}

/// A document taken off the report. Answers the storage key to delete once committed.
pub async fn remove_document(
    ctx: &Ctx,
    user: Uuid,
    case: Uuid,
    number: i32,
    document: Uuid,
) -> Result<String, CommandError> {
    let row = ours(&ctx.db, case, number, user).await?;
    if !ReportStatus::parse(&row.status).is_some_and(ReportStatus::editable) {
        return Err(CommandError::Conflict(NOT_EDITABLE.into()));
    }
    let mut report = content_of(&row)?;
    let before = report.documents.len();
    report.documents.retain(|d| d.id != document);
    if report.documents.len() == before {
        return Err(CommandError::NotFound);
    }
    let file = attachment::Entity::find_by_id(document)
        .one(&ctx.db)
        .await?
        .filter(|a| a.association_id == row.association_id)
        .ok_or(CommandError::NotFound)?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    store(&txn, &row, row.revision, &report, None, None).await?;
    attachment::Entity::delete_by_id(document)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(file.storage_key)
}

/// What the officer decides about a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    Changes,
    Reclaim,
}

impl Verdict {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "godkann" => Some(Verdict::Approve),
            "andringar" => Some(Verdict::Changes),
            "aterkrav" => Some(Verdict::Reclaim),
            _ => None,
        }
    }
}

/// The officer's review as typed.
#[derive(Clone, Debug, Default)]
pub struct Review {
    pub verdict: String,
    pub note: String,
    /// The reclaim's amount in kronor as typed (empty: the computed one).
    pub amount: String,
    pub reason: String,
}

/// The officer reviews a submitted report. Approval lets the instalments waiting for
/// it fall due (the last report's approval all that remain); with a reclaim, unused
/// money is first taken off instalments not paid yet and the rest is claimed back by
/// letter.
#[tracing::instrument(skip_all, fields(case = %case, number))]
pub async fn review(
    ctx: &Ctx,
    actor: Uuid,
    case: Uuid,
    number: i32,
    input: Review,
    payer: &Payer,
) -> Result<Reviewed, CommandError> {
    let officer =
        crate::backend::users::officer(&ctx.db, actor, "Bara handläggare granskar återrapporter.")
            .await?;
    crate::features::assessment::commands::refuse_if_recused(&ctx.db, case, actor).await?;
    let row = report_of(&ctx.db, case, number).await?;
    if ReportStatus::parse(&row.status) != Some(ReportStatus::Submitted) {
        return Err(CommandError::Conflict(
            "Återrapporten väntar inte på granskning.".into(),
        ));
    }
    let verdict = Verdict::parse(&input.verdict).ok_or_else(|| {
        CommandError::Invalid(vec![(field::DECISION, "Välj vad du beslutar.".into())])
    })?;
    let note = crate::domain::text::free_text(&input.note, None, super::TEXT_LIMIT)
        .map_err(|m| CommandError::Invalid(vec![(field::NOTE, m)]))?;
    let report = content_of(&row)?;
    let reckoning = Reckoning::of(&report, row.granted_ore);
    let mut claim = None;
    match verdict {
        Verdict::Changes if note.is_empty() => {
            return Err(CommandError::Invalid(vec![(
                field::NOTE,
                "Skriv vad föreningen behöver ändra.".into(),
            )]))
        }
        Verdict::Reclaim => {
            let mut problems = Vec::new();
            let amount = match money::parse_optional(&input.amount) {
                Ok(None) if reckoning.unused > 0 => Some(reckoning.unused),
                Ok(None) => {
                    problems.push((
                        field::AMOUNT,
                        "Enligt redovisningen finns inga oanvända pengar. Ange beloppet som ska återkrävas.".into(),
                    ));
                    None
                }
                Ok(Some(0)) => {
                    problems.push((field::AMOUNT, "Ett återkrav måste vara mer än 0 kr.".into()));
                    None
                }
                Ok(Some(ore)) if ore > row.granted_ore => {
                    problems.push((
                        field::AMOUNT,
                        format!(
                            "Återkravet kan inte vara större än det beviljade bidraget, {}.",
                            money::format_kr(row.granted_ore)
                        ),
                    ));
                    None
                }
                Ok(Some(ore)) => Some(ore),
                Err(message) => {
                    problems.push((field::AMOUNT, message.to_owned()));
                    None
                }
            };
            let reason = crate::domain::text::free_text(
                &input.reason,
                Some("Skriv skälet till återkravet; det står i brevet till föreningen."),
                super::TEXT_LIMIT,
            )
            .map_err(|m| problems.push((field::REASON, m)))
            .ok();
            match (amount, reason) {
                (Some(amount), Some(reason)) if problems.is_empty() => {
                    claim = Some((amount, reason))
                }
                _ => return Err(CommandError::Invalid(problems)),
            }
        }
        _ => {}
    }
    let case_row = application::Entity::find_by_id(case)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let association = association::Entity::find_by_id(row.association_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let dnr = case_row.dnr.clone().unwrap_or_default();
    let status = if verdict == Verdict::Changes {
        ReportStatus::Changes
    } else {
        ReportStatus::Approved
    };
    // Changes asked for late get two weeks.
    let due = if status == ReportStatus::Changes {
        row.due_on.max(ctx.today + Days::new(14))
    } else {
        row.due_on
    };
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = follow_up::Entity::update_many()
        .col_expr(follow_up::Column::Status, Expr::value(status.as_str()))
        .col_expr(follow_up::Column::DueOn, Expr::value(due))
        .col_expr(follow_up::Column::ReviewNote, Expr::value(note.clone()))
        .col_expr(follow_up::Column::ReviewedBy, Expr::value(actor))
        .col_expr(follow_up::Column::ReviewedAt, Expr::value(Utc::now()))
        .col_expr(follow_up::Column::Revision, Expr::value(row.revision + 1))
        .filter(follow_up::Column::Id.eq(row.id))
        .filter(follow_up::Column::Status.eq(ReportStatus::Submitted.as_str()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(
            "Någon annan granskade återrapporten samtidigt.".into(),
        ));
    }
    let members: Vec<app_user::Model> = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(row.association_id))
        .find_also_related(app_user::Entity)
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|(_, person)| person)
        .collect();
    let link = ctx.link(&super::report_href(case, number))?;
    let mut effects = mail::to_each(MailKind::FollowUpReviewed, members, |person| {
        json!({
            "name": person.display_name,
            "association": association.name,
            "dnr": dnr,
            "activity": case_row.activity_name,
            "approved": status == ReportStatus::Approved,
            "reclaim": claim.is_some(),
            "note": note,
            "due": long_date(due),
            "link": link,
        })
    });
    let by_committee = grant_programme::Entity::find_by_id(row.programme_id)
        .one(&txn)
        .await?
        .is_some_and(|p| p.reclaim_by_committee);
    let mut released = Vec::new();
    if status == ReportStatus::Approved && claim.is_none() {
        released = settle_waiting(&txn, &row, 0, ctx.today).await?.1;
    }
    let (event_type, mut payload) = match verdict {
        Verdict::Changes => ("follow_up.changes_requested", json!({ "note": note })),
        _ => ("follow_up.approved", json!({ "unused": reckoning.unused })),
    };
    payload["report"] = json!(row.number);
    payload["of"] = json!(row.of);
    payload["released"] = json!(released);
    events::record(
        &txn,
        NewEvent::about("application", case, event_type, Some(actor), payload),
        std::mem::take(&mut effects),
    )
    .await?;
    let mut outcome = match status {
        ReportStatus::Changes => Reviewed::Changes,
        _ => Reviewed::Approved,
    };
    if let Some((amount, reason)) = claim {
        outcome = if by_committee {
            Reviewed::Proposed
        } else {
            Reviewed::Reclaimed
        };
        let proposal = Proposal {
            amount,
            computed: reckoning.unused,
            reason,
            calculation: reckoning.text(),
        };
        if by_committee {
            // The programme says the committee decides: a proposal until it has.
            reclaim::Entity::insert(reclaim::ActiveModel {
                id: Set(Uuid::now_v7()),
                follow_up_id: Set(row.id),
                application_id: Set(case),
                association_id: Set(row.association_id),
                amount_ore: Set(proposal.amount),
                computed_ore: Set(proposal.computed),
                reason: Set(proposal.reason.clone()),
                calculation: Set(proposal.calculation.clone()),
                status: Set(RECLAIM_PROPOSED.into()),
                decided_by: Set(actor),
                decided_on: Set(ctx.today),
                decided_how: Set(String::new()),
                due_on: Set(ctx.today + Days::new(RECLAIM_DAYS)),
                reference: Set(dnr.clone()),
                paid_on: Set(None),
                paid_registered_by: Set(None),
                created_at: Set(Utc::now()),
            })
            .exec_without_returning(&txn)
            .await?;
            events::record(
                &txn,
                NewEvent::about(
                    "application",
                    case,
                    "reclaim.proposed",
                    Some(actor),
                    json!({ "amount": proposal.amount, "reason": proposal.reason }),
                ),
                vec![],
            )
            .await?;
        } else {
            let decision = Decision {
                actor,
                on: ctx.today,
                how: format!("av {} på delegation", officer.display_name),
            };
            decide_reclaim(ctx, &txn, &row, None, proposal, decision, payer).await?;
        }
    }
    ctx.commit_and_wake(txn).await?;
    Ok(outcome)
}

/// What a review came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reviewed {
    Approved,
    Changes,
    /// Approved, and the reclaim decided by delegation.
    Reclaimed,
    /// Approved, and the reclaim proposed to the committee.
    Proposed,
}

/// A reclaim's status while the committee has not decided it.
pub const RECLAIM_PROPOSED: &str = "proposed";

/// What the officer proposes to claim back.
struct Proposal {
    amount: i64,
    computed: i64,
    reason: String,
    calculation: String,
}

/// Who decided a reclaim, and when.
struct Decision {
    actor: Uuid,
    on: NaiveDate,
    /// "av Emelie Steen på delegation", "av socialnämnden den 12 februari 2027, § 14".
    how: String,
}

/// Keeps `amount` back from the instalments waiting for the report (the last first) and
/// lets those left fall due `today` (all of them after the last report, the next one
/// otherwise). Answers what was kept back and what fell due.
async fn settle_waiting(
    txn: &impl ConnectionTrait,
    row: &follow_up::Model,
    amount: i64,
    today: NaiveDate,
) -> Result<(i64, Vec<serde_json::Value>), CommandError> {
    let mut waiting = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(row.application_id))
        .filter(payment::Column::Condition.eq(AFTER_FOLLOW_UP))
        .filter(payment::Column::DueOn.is_null())
        .filter(payment::Column::BatchId.is_null())
        .filter(payment::Column::Status.is_in([
            PaymentStatus::Planned.as_str(),
            PaymentStatus::Held.as_str(),
        ]))
        .order_by_asc(payment::Column::Number)
        .all(txn)
        .await?;
    let mut left = amount;
    let mut offset = 0;
    for instalment in waiting.iter_mut().rev() {
        if left == 0 {
            break;
        }
        let take = left.min(instalment.amount_ore);
        left -= take;
        offset += take;
        instalment.amount_ore -= take;
        if instalment.amount_ore == 0 {
            payment::Entity::delete_by_id(instalment.id)
                .exec(txn)
                .await?;
        } else {
            payment::Entity::update_many()
                .col_expr(
                    payment::Column::AmountOre,
                    Expr::value(instalment.amount_ore),
                )
                .filter(payment::Column::Id.eq(instalment.id))
                .exec(txn)
                .await?;
        }
    }
    waiting.retain(|p| p.amount_ore > 0);
    let release: Vec<&payment::Model> = if row.number >= row.of {
        waiting.iter().collect()
    } else {
        waiting.iter().take(1).collect()
    };
    let mut released = Vec::new();
    for instalment in release {
        payment::Entity::update_many()
            .col_expr(payment::Column::DueOn, Expr::value(today))
            .filter(payment::Column::Id.eq(instalment.id))
            .exec(txn)
            .await?;
        released.push(json!({ "instalment": instalment.number, "amount": instalment.amount_ore }));
    }
    Ok((offset, released))
}

/// The reclaim decided (a new one by delegation, or the `existing` proposal by the
/// committee): unused money is first kept back from instalments not paid yet, the rest
/// is claimed back by letter to every member, to be paid within 30 days.
async fn decide_reclaim(
    ctx: &Ctx,
    txn: &impl ConnectionTrait,
    row: &follow_up::Model,
    existing: Option<Uuid>,
    proposal: Proposal,
    decision: Decision,
    payer: &Payer,
) -> Result<(), CommandError> {
    let case = application::Entity::find_by_id(row.application_id)
        .one(txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    let association = association::Entity::find_by_id(row.association_id)
        .one(txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    let handler = app_user::Entity::find_by_id(decision.actor)
        .one(txn)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let dnr = case.dnr.clone().unwrap_or_default();
    let (offset, released) = settle_waiting(txn, row, proposal.amount, ctx.today).await?;
    let to_pay = proposal.amount - offset;
    let mut calculation = proposal.calculation.clone();
    if proposal.amount != proposal.computed {
        calculation.push_str(&format!(
            "\nÅterkravet är bestämt till {}; skälet står ovan.",
            money::format_kr(proposal.amount)
        ));
    }
    if offset > 0 {
        calculation.push_str(&format!(
            "\n{} dras av från delbetalningen som inte har betalats ut än",
            money::format_kr(offset)
        ));
        calculation.push_str(&if to_pay > 0 {
            format!("; {} ska betalas tillbaka.", money::format_kr(to_pay))
        } else {
            ", så föreningen behöver inte betala tillbaka något.".to_owned()
        });
    }
    let due = decision.on.max(ctx.today) + Days::new(RECLAIM_DAYS);
    let status = if to_pay > 0 { "decided" } else { "paid" };
    let paid_on = (to_pay == 0).then_some(ctx.today);
    let paid_by = (to_pay == 0).then_some(decision.actor);
    match existing {
        Some(id) => {
            reclaim::Entity::update_many()
                .col_expr(reclaim::Column::AmountOre, Expr::value(to_pay))
                .col_expr(
                    reclaim::Column::Calculation,
                    Expr::value(calculation.clone()),
                )
                .col_expr(reclaim::Column::Status, Expr::value(status))
                .col_expr(reclaim::Column::DecidedBy, Expr::value(decision.actor))
                .col_expr(reclaim::Column::DecidedOn, Expr::value(decision.on))
                .col_expr(
                    reclaim::Column::DecidedHow,
                    Expr::value(decision.how.clone()),
                )
                .col_expr(reclaim::Column::DueOn, Expr::value(due))
                .col_expr(reclaim::Column::PaidOn, Expr::value(paid_on))
                .col_expr(reclaim::Column::PaidRegisteredBy, Expr::value(paid_by))
                .filter(reclaim::Column::Id.eq(id))
                .exec(txn)
                .await?;
        }
        None => {
            reclaim::Entity::insert(reclaim::ActiveModel {
                id: Set(Uuid::now_v7()),
                follow_up_id: Set(row.id),
                application_id: Set(row.application_id),
                association_id: Set(row.association_id),
                amount_ore: Set(to_pay),
                computed_ore: Set(proposal.computed),
                reason: Set(proposal.reason.clone()),
                calculation: Set(calculation.clone()),
                status: Set(status.into()),
                decided_by: Set(decision.actor),
                decided_on: Set(decision.on),
                decided_how: Set(decision.how.clone()),
                due_on: Set(due),
                reference: Set(dnr.clone()),
                paid_on: Set(paid_on),
                paid_registered_by: Set(paid_by),
                created_at: Set(Utc::now()),
            })
            .exec_without_returning(txn)
            .await?;
        }
    }
    let members = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(row.association_id))
        .find_also_related(app_user::Entity)
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|(_, person)| person);
    let link = ctx.link(&super::report_href(row.application_id, row.number))?;
    let letters = if to_pay > 0 {
        mail::to_each(MailKind::ReclaimDecided, members, |person| {
            json!({
                "name": person.display_name,
                "association": association.name,
                "dnr": dnr,
                "activity": case.activity_name,
                "decided": long_date(decision.on),
                "decided_by": decision.how,
                "amount": money::format_kr(to_pay),
                "reason": proposal.reason,
                "calculation": calculation,
                "due": long_date(due),
                "payee": payer.name,
                "bankgiro": payer.bankgiro,
                "reference": dnr,
                "officer": handler,
                "link": link,
            })
        })
    } else {
        vec![]
    };
    events::record(
        txn,
        NewEvent::about(
            "application",
            row.application_id,
            "reclaim.decided",
            Some(decision.actor),
            json!({ "amount": to_pay, "offset": offset, "computed": proposal.computed, "due": due, "reason": proposal.reason, "how": decision.how, "released": released }),
        ),
        letters,
    )
    .await?;
    Ok(())
}

/// The officer records the committee's decision on a proposed reclaim, from the
/// justerade minutes: the meeting's date and the §. The reclaim is then carried out as
/// one decided by delegation (kept back, then the letter).
pub async fn record_committee_decision(
    ctx: &Ctx,
    actor: Uuid,
    case: Uuid,
    number: i32,
    typed_date: &str,
    typed_paragraph: &str,
    payer: &Payer,
) -> Result<(), CommandError> {
    crate::backend::users::officer(
        &ctx.db,
        actor,
        "Bara handläggare registrerar nämndens beslut.",
    )
    .await?;
    crate::features::assessment::commands::refuse_if_recused(&ctx.db, case, actor).await?;
    let row = report_of(&ctx.db, case, number).await?;
    let proposed = reclaim::Entity::find()
        .filter(reclaim::Column::FollowUpId.eq(row.id))
        .filter(reclaim::Column::Status.eq(RECLAIM_PROPOSED))
        .one(&ctx.db)
        .await?
        .ok_or_else(|| {
            CommandError::Conflict(
                "Det finns inget förslag om återkrav som väntar på nämnden.".into(),
            )
        })?;
    let mut problems = Vec::new();
    let day = match crate::domain::validation::date_typed(field::MEETING_ON, typed_date) {
        Ok(day) if day > ctx.today => {
            problems.push((
                field::MEETING_ON,
                "Nämnden kan inte ha beslutat efter i dag.".to_owned(),
            ));
            None
        }
        Ok(day) if day < proposed.decided_on => {
            problems.push((
                field::MEETING_ON,
                "Sammanträdet kan inte vara före förslaget om återkrav.".to_owned(),
            ));
            None
        }
        Ok(day) => Some(day),
        Err((f, m)) => {
            problems.push((f, m));
            None
        }
    };
    let paragraph = match typed_paragraph
        .trim()
        .trim_start_matches('§')
        .trim()
        .parse::<u32>()
    {
        Ok(n) if (1..=999).contains(&n) => Some(n),
        _ => {
            problems.push((
                field::PARAGRAPH,
                "Ange paragrafen i protokollet som ett tal, till exempel 14.".to_owned(),
            ));
            None
        }
    };
    let (Some(day), Some(paragraph)) = (day, paragraph) else {
        return Err(CommandError::Invalid(problems));
    };
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let claimed = reclaim::Entity::update_many()
        .col_expr(reclaim::Column::Status, Expr::value("deciding"))
        .filter(reclaim::Column::Id.eq(proposed.id))
        .filter(reclaim::Column::Status.eq(RECLAIM_PROPOSED))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(CommandError::Conflict(
            "Någon annan registrerade nämndens beslut samtidigt.".into(),
        ));
    }
    let proposal = Proposal {
        amount: proposed.amount_ore,
        computed: proposed.computed_ore,
        reason: proposed.reason.clone(),
        calculation: proposed.calculation.clone(),
    };
    let decision = Decision {
        actor,
        on: day,
        how: format!("av socialnämnden, § {paragraph}"),
    };
    decide_reclaim(
        ctx,
        &txn,
        &row,
        Some(proposed.id),
        proposal,
        decision,
        payer,
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// The officer moves a report's due date (the reminders follow it).
pub async fn set_due(
    ctx: &Ctx,
    actor: Uuid,
    case: Uuid,
    number: i32,
    typed: &str,
) -> Result<(), CommandError> {
    crate::backend::users::officer(&ctx.db, actor, "Bara handläggare ändrar sista dagen.").await?;
    crate::features::assessment::commands::refuse_if_recused(&ctx.db, case, actor).await?;
    let row = report_of(&ctx.db, case, number).await?;
    if !ReportStatus::parse(&row.status).is_some_and(ReportStatus::editable) {
        return Err(CommandError::Conflict(
            "Återrapporten är redan inskickad.".into(),
        ));
    }
    let day = crate::domain::validation::date_typed(field::DUE_ON, typed)
        .map_err(|(f, m)| CommandError::Invalid(vec![(f, m)]))?;
    if day < ctx.today {
        return Err(CommandError::Invalid(vec![(
            field::DUE_ON,
            "Sista dagen kan inte vara före i dag.".into(),
        )]));
    }
    if day > ctx.today + Days::new(3 * 365) {
        return Err(CommandError::Invalid(vec![(
            field::DUE_ON,
            "Sista dagen kan vara högst tre år fram.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    follow_up::Entity::update_many()
        .col_expr(follow_up::Column::DueOn, Expr::value(day))
        .filter(follow_up::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "application",
            case,
            "follow_up.due_changed",
            Some(actor),
            json!({ "report": row.number, "before": row.due_on, "due": day }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// Which reminder a report gets on `today`, if any: only the latest stage that applies
/// (a worker that was down does not send all three at once).
pub fn reminder_stage(row: &follow_up::Model, today: NaiveDate) -> Option<&'static str> {
    super::reminder_stage_for(
        row.due_on,
        [row.reminded_before, row.reminded_due, row.reminded_overdue],
        today,
        REMIND_DAYS_BEFORE,
    )
}

/// Claims the reminder `stage` ("before", "due" or "overdue") of the row `id` due on
/// `due`, so two workers never remind twice: its column (of `[before, due, overdue]`)
/// is set to the due date, the earlier stages count as done too. False when another
/// worker claimed it first or the due date moved meanwhile.
pub(crate) async fn claim_reminder<E: EntityTrait>(
    txn: &impl ConnectionTrait,
    (id_column, id): (E::Column, Uuid),
    (due_column, due): (E::Column, NaiveDate),
    [before, on_due, overdue]: [E::Column; 3],
    stage: &str,
) -> Result<bool, DbErr> {
    let column = match stage {
        "overdue" => overdue,
        "due" => on_due,
        _ => before,
    };
    let mut claim = E::update_many().col_expr(column, Expr::value(due));
    if stage != "before" {
        claim = claim.col_expr(before, Expr::value(due));
    }
    if stage == "overdue" {
        claim = claim.col_expr(on_due, Expr::value(due));
    }
    let claimed = claim
        .filter(id_column.eq(id))
        .filter(due_column.eq(due))
        .filter(Condition::any().add(column.is_null()).add(column.ne(due)))
        .exec(txn)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Queues the reminders due on `ctx.today` (30 days before, on the day, overdue), each
/// once per due date, to every member of the association; each in its own transaction
/// with its event. The worker's housekeeping runs it. Returns how many were reminded.
#[tracing::instrument(skip_all)]
pub async fn remind(ctx: &Ctx) -> Result<usize, CommandError> {
    let horizon = ctx.today + Days::new(REMIND_DAYS_BEFORE);
    let open = follow_up::Entity::find()
        .filter(
            follow_up::Column::Status
                .is_in([ReportStatus::Due.as_str(), ReportStatus::Changes.as_str()]),
        )
        .filter(follow_up::Column::DueOn.lte(horizon))
        .all(&ctx.db)
        .await?;
    let mut queued = 0;
    for row in open {
        let Some(stage) = reminder_stage(&row, ctx.today) else {
            continue;
        };
        let txn = crate::backend::db::begin_write(&ctx.db).await?;
        let claimed = claim_reminder::<follow_up::Entity>(
            &txn,
            (follow_up::Column::Id, row.id),
            (follow_up::Column::DueOn, row.due_on),
            [
                follow_up::Column::RemindedBefore,
                follow_up::Column::RemindedDue,
                follow_up::Column::RemindedOverdue,
            ],
            stage,
        )
        .await?;
        if !claimed {
            continue;
        }
        let case = application::Entity::find_by_id(row.application_id)
            .one(&txn)
            .await?;
        let association = association::Entity::find_by_id(row.association_id)
            .one(&txn)
            .await?;
        let programme = grant_programme::Entity::find_by_id(row.programme_id)
            .one(&txn)
            .await?;
        let (Some(case), Some(association), Some(programme)) = (case, association, programme)
        else {
            txn.commit().await?;
            continue;
        };
        let members = association_member::Entity::find()
            .filter(association_member::Column::AssociationId.eq(row.association_id))
            .find_also_related(app_user::Entity)
            .all(&txn)
            .await?
            .into_iter()
            .filter_map(|(_, person)| person);
        let link = ctx.link(&super::report_href(case.id, row.number))?;
        let mails = mail::to_each(MailKind::FollowUpReminder, members, |person| {
            json!({
                "name": person.display_name,
                "association": association.name,
                "dnr": case.dnr,
                "activity": case.activity_name,
                "programme": programme.name,
                "stage": stage,
                "due": long_date(row.due_on),
                "period": period_text(row.period_from, row.period_to),
                "link": link,
            })
        });
        events::record(
            &txn,
            NewEvent::about(
                "application",
                case.id,
                "follow_up.reminded",
                None,
                json!({ "report": row.number, "stage": stage, "due": row.due_on }),
            ),
            mails,
        )
        .await?;
        ctx.commit_and_wake(txn).await?;
        queued += 1;
    }
    Ok(queued)
}

/// The finance unit records that a reclaim was paid back.
pub async fn reclaim_paid(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    typed: &str,
) -> Result<(), CommandError> {
    app_user::Entity::find_by_id(actor)
        .one(&ctx.db)
        .await?
        .filter(|u| u.active && u.role.handles_payments())
        .ok_or_else(|| {
            CommandError::Forbidden("Bara ekonomienheten registrerar inbetalningar.".into())
        })?;
    let row = reclaim::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    if row.status != "decided" {
        return Err(CommandError::Conflict(
            "Återkravet är redan registrerat som betalt.".into(),
        ));
    }
    let day = crate::domain::validation::date_typed(field::PAID_ON, typed)
        .map_err(|(f, m)| CommandError::Invalid(vec![(f, m)]))?;
    if day > ctx.today {
        return Err(CommandError::Invalid(vec![(
            field::PAID_ON,
            "Betaldagen kan inte vara efter i dag.".into(),
        )]));
    }
    if day < row.decided_on {
        return Err(CommandError::Invalid(vec![(
            field::PAID_ON,
            "Betaldagen kan inte vara före beslutet om återkrav.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = reclaim::Entity::update_many()
        .col_expr(reclaim::Column::Status, Expr::value("paid"))
        .col_expr(reclaim::Column::PaidOn, Expr::value(day))
        .col_expr(reclaim::Column::PaidRegisteredBy, Expr::value(actor))
        .filter(reclaim::Column::Id.eq(id))
        .filter(reclaim::Column::Status.eq("decided"))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(
            "Återkravet är redan registrerat som betalt.".into(),
        ));
    }
    events::record(
        &txn,
        NewEvent::about(
            "application",
            row.application_id,
            "reclaim.paid",
            Some(actor),
            json!({ "amount": row.amount_ore, "paid_on": day }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}
