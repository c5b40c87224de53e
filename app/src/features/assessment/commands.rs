//! The assessment's state changes: declaring jäv, saving or finishing the assessment,
//! attesting it and sending it back. Each checks who acts, in one transaction with its
//! event and live update; forbidden steps answer `Conflict` or `Forbidden` in Swedish
//! and change nothing.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    sea_query::{Expr, OnConflict},
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{field, read_form, Stage, ATTESTATIONS_NEEDED};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{
        app_user, application, case_assessment, case_attestation, case_conflict, grant_programme,
    },
    events::{self, NewEvent},
};
use crate::domain::role::Role;
use crate::features::applications::Status;

/// Who may act at `stage`: officers (and admins) assess, approvers attest.
fn acts_at(role: Role, stage: Stage) -> bool {
    match stage {
        Stage::Assessment => matches!(role, Role::Officer | Role::Admin),
        Stage::Attestation => matches!(role, Role::Approver),
    }
}

async fn person(db: &impl ConnectionTrait, id: Uuid) -> Result<app_user::Model, CommandError> {
    app_user::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| CommandError::Forbidden("Kontot är inte aktivt.".into()))
}

/// The case, once it has a Dnr; `NotFound` otherwise.
async fn case(db: &impl ConnectionTrait, id: Uuid) -> Result<application::Model, CommandError> {
    application::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|c| c.dnr.is_some())
        .ok_or(CommandError::NotFound)
}

/// What a person who has recused themselves is told when they try to act.
const RECUSED: &str = "Du har anmält jäv i ärendet och kan inte handlägga det.";

/// Refuses `who` (with 409) if they have recused themselves from case `id` at any
/// stage: for steps that need no declaration of their own (a completion request,
/// secrecy marks).
pub async fn refuse_if_recused(
    db: &impl ConnectionTrait,
    id: Uuid,
    who: Uuid,
) -> Result<(), CommandError> {
    if super::queries::recused(db, id, who).await? {
        return Err(CommandError::Conflict(RECUSED.into()));
    }
    Ok(())
}

/// `who` has declared no conflict at `stage`; a recusal or no declaration is refused.
async fn cleared(
    db: &impl ConnectionTrait,
    id: Uuid,
    who: Uuid,
    stage: Stage,
) -> Result<(), CommandError> {
    let declared = case_conflict::Entity::find_by_id((id, who, stage.as_str().to_owned()))
        .one(db)
        .await?;
    match declared {
        Some(d) if d.recused => Err(CommandError::Conflict(RECUSED.into())),
        Some(_) => Ok(()),
        None => Err(CommandError::Conflict(format!(
            "Intyga först att du inte är jävig i ärendet (inför {}).",
            stage.label()
        ))),
    }
}

/// A live update and an event about the case, with `txn`.
async fn record(
    txn: &impl ConnectionTrait,
    case: &application::Model,
    actor: Uuid,
    event_type: &'static str,
    payload: serde_json::Value,
    status: Status,
) -> Result<(), CommandError> {
    events::record(
        txn,
        NewEvent::about("application", case.id, event_type, Some(actor), payload),
        vec![crate::features::queue::live(
            "case_changed",
            case.id,
            case.dnr.clone(),
            status,
        )],
    )
    .await?;
    Ok(())
}

/// `actor` declares, for the case and the stage they act in (officers: assessment,
/// approvers: attestation), that they have no conflict of interest (`Some(false)`) or
/// that they recuse themselves (`Some(true)`, with the reason). A declaration can be
/// changed later.
#[tracing::instrument(skip_all, fields(case = %id))]
pub async fn declare(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    recused: Option<bool>,
    reason: &str,
) -> Result<(), CommandError> {
    let who = person(&ctx.db, actor).await?;
    let stage = super::queries::stage_of(who.role);
    if !acts_at(who.role, stage) {
        return Err(CommandError::Forbidden(
            "Du handlägger inte ärenden.".into(),
        ));
    }
    let Some(recused) = recused else {
        return Err(CommandError::Invalid(vec![(
            field::RECUSED,
            "Välj om du är jävig i ärendet eller inte.".into(),
        )]));
    };
    let reason = reason.trim();
    if recused && reason.is_empty() {
        return Err(CommandError::Invalid(vec![(
            field::REASON,
            "Skriv skälet till jävet. Det syns bara för handläggare.".into(),
        )]));
    }
    if reason.chars().count() > 1000 {
        return Err(CommandError::Invalid(vec![(
            field::REASON,
            "Skälet får vara högst 1000 tecken.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let case = case(&txn, id).await?;
    case_conflict::Entity::insert(case_conflict::ActiveModel {
        application_id: Set(id),
        user_id: Set(actor),
        stage: Set(stage.as_str().to_owned()),
        recused: Set(recused),
        reason: Set(if recused {
            reason.to_owned()
        } else {
            String::new()
        }),
        declared_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            case_conflict::Column::ApplicationId,
            case_conflict::Column::UserId,
            case_conflict::Column::Stage,
        ])
        .update_columns([
            case_conflict::Column::Recused,
            case_conflict::Column::Reason,
            case_conflict::Column::DeclaredAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let payload = json!({ "dnr": case.dnr, "stage": stage.as_str(), "recused": recused, "name": who.display_name });
    record(
        &txn,
        &case,
        actor,
        "case.conflict_declared",
        payload,
        case.status,
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// The officer `actor` saves the assessment (`finish`: done, to be attested). Any change
/// voids the attestations given so far.
#[tracing::instrument(skip_all, fields(case = %id, finish))]
pub async fn save(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    form: &HashMap<String, String>,
    finish: bool,
) -> Result<(), CommandError> {
    let who = person(&ctx.db, actor).await?;
    if !acts_at(who.role, Stage::Assessment) {
        return Err(CommandError::Forbidden(
            "Bara handläggare bedömer ärenden.".into(),
        ));
    }
    let row = case(&ctx.db, id).await?;
    if row.status == Status::Completion {
        return Err(CommandError::Conflict(
            "Föreningen kompletterar ansökan. Bedömningen kan sparas när kompletteringen har kommit in."
                .into(),
        ));
    }
    if !matches!(
        row.status,
        Status::Submitted | Status::Assessed | Status::Attested
    ) {
        return Err(CommandError::Conflict(
            "Ärendet är avslutat och kan inte bedömas.".into(),
        ));
    }
    cleared(&ctx.db, id, actor, Stage::Assessment).await?;
    let programme = grant_programme::Entity::find_by_id(row.programme_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let keys: Vec<String> = serde_json::from_str(&programme.criteria).unwrap_or_default();
    let criteria = super::assessed_criteria(&keys);
    let get = |name: &str| form.get(name).cloned().unwrap_or_default();
    let posted = read_form(get, &criteria, row.requested_ore, finish)
        .map_err(CommandError::InvalidAnswers)?;
    let content = serde_json::to_string(&posted.content)
        .map_err(|error| CommandError::Internal(format!("the assessment as JSON: {error}")))?;

    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let row = case(&txn, id).await?;
    let before = case_assessment::Entity::find_by_id(id).one(&txn).await?;
    let revision = before.as_ref().map(|b| b.revision + 1).unwrap_or(1);
    let now = Utc::now();
    let model = case_assessment::ActiveModel {
        application_id: Set(id),
        author_id: Set(actor),
        content: Set(content),
        proposal: Set(posted
            .proposal
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default()),
        amount_ore: Set(posted.amount_ore),
        immediate: Set(posted.immediate),
        revision: Set(revision),
        finished_at: Set(finish.then_some(now)),
        updated_at: Set(now),
    };
    if before.is_some() {
        case_assessment::Entity::update(model).exec(&txn).await?;
    } else {
        case_assessment::Entity::insert(model)
            .exec_without_returning(&txn)
            .await?;
    }
    let voided = case_attestation::Entity::delete_many()
        .filter(case_attestation::Column::ApplicationId.eq(id))
        .exec(&txn)
        .await?
        .rows_affected;
    let status = if finish {
        Status::Assessed
    } else {
        Status::Submitted
    };
    application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(status))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let event_type = if finish {
        "case.assessed"
    } else {
        "case.assessment_saved"
    };
    let payload = json!({
        "dnr": row.dnr,
        "proposal": posted.proposal.map(|p| p.as_str()),
        "amount_ore": posted.amount_ore,
        "voided_attestations": voided,
    });
    let mut effects = vec![crate::features::queue::live(
        "case_changed",
        row.id,
        row.dnr.clone(),
        status,
    )];
    if finish {
        effects.extend(attestation_reminders(ctx, &txn, &row, &who, posted.proposal).await?);
    }
    events::record(
        &txn,
        NewEvent::about("application", row.id, event_type, Some(actor), payload),
        effects,
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// The mail to each active approver (not one who has recused themselves from the case)
/// that a finished proposal waits for their attestation.
async fn attestation_reminders(
    ctx: &Ctx,
    txn: &impl ConnectionTrait,
    row: &application::Model,
    officer: &app_user::Model,
    proposal: Option<super::Proposal>,
) -> Result<Vec<crate::backend::events::Effect>, CommandError> {
    let recused: Vec<Uuid> = case_conflict::Entity::find()
        .filter(case_conflict::Column::ApplicationId.eq(row.id))
        .filter(case_conflict::Column::Recused.eq(true))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| c.user_id)
        .collect();
    let approvers = app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::Approver))
        .filter(app_user::Column::Active.eq(true))
        .all(txn)
        .await?
        .into_iter()
        .filter(|u| !recused.contains(&u.id));
    let association = crate::backend::entities::association::Entity::find_by_id(row.association_id)
        .one(txn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let link = ctx.link(&format!("/handlaggning/arenden/{}/bedomning", row.id))?;
    Ok(crate::backend::mail::to_each(
        crate::notifications::MailKind::AttestationRequested,
        approvers,
        |person| {
            json!({
                "name": person.display_name,
                "officer": officer.display_name,
                "association": association,
                "dnr": row.dnr,
                "activity": row.activity_name,
                "proposal": proposal.map(|p| p.label().to_lowercase()).unwrap_or_default(),
                "link": link,
            })
        },
    ))
}

/// The approver `actor` attests the finished proposal. Not their own, not twice; with
/// the second attestation the case is ready for the committee.
#[tracing::instrument(skip_all, fields(case = %id))]
pub async fn attest(ctx: &Ctx, actor: Uuid, id: Uuid) -> Result<bool, CommandError> {
    let who = person(&ctx.db, actor).await?;
    if !acts_at(who.role, Stage::Attestation) {
        return Err(CommandError::Forbidden(
            "Bara attestanter attesterar förslag.".into(),
        ));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let row = case(&txn, id).await?;
    if row.status != Status::Assessed {
        return Err(CommandError::Conflict(match row.status {
            Status::Attested => "Förslaget är redan attesterat av två attestanter.".into(),
            _ => "Det finns inget färdigt förslag att attestera.".into(),
        }));
    }
    let assessment = case_assessment::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            CommandError::Conflict("Det finns inget färdigt förslag att attestera.".into())
        })?;
    if assessment.author_id == actor {
        return Err(CommandError::Conflict(
            "Du kan inte attestera ett förslag som du själv har skrivit.".into(),
        ));
    }
    cleared(&txn, id, actor, Stage::Attestation).await?;
    let inserted = case_attestation::Entity::insert(case_attestation::ActiveModel {
        application_id: Set(id),
        approver_id: Set(actor),
        name: Set(who.display_name.clone()),
        title: Set(who.title.clone()),
        revision: Set(assessment.revision),
        attested_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await;
    if let Err(error) = inserted {
        return Err(CommandError::from_unique_violation(
            error,
            "Du har redan attesterat förslaget.",
        ));
    }
    let count = case_attestation::Entity::find()
        .filter(case_attestation::Column::ApplicationId.eq(id))
        .count(&txn)
        .await? as usize;
    let complete = count >= ATTESTATIONS_NEEDED;
    let status = if complete {
        Status::Attested
    } else {
        Status::Assessed
    };
    if complete {
        application::Entity::update_many()
            .col_expr(application::Column::Status, Expr::value(Status::Attested))
            .col_expr(application::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(application::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    let payload = json!({ "dnr": row.dnr, "name": who.display_name, "title": who.title, "complete": complete });
    record(&txn, &row, actor, "case.attested", payload, status).await?;
    ctx.commit_and_wake(txn).await?;
    Ok(complete)
}

/// The approver `actor` sends the proposal back to the officer with `comment`: the
/// attestations go, and the case is assessed again.
#[tracing::instrument(skip_all, fields(case = %id))]
pub async fn send_back(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    comment: &str,
) -> Result<(), CommandError> {
    let who = person(&ctx.db, actor).await?;
    if !acts_at(who.role, Stage::Attestation) {
        return Err(CommandError::Forbidden(
            "Bara attestanter skickar tillbaka förslag.".into(),
        ));
    }
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(CommandError::Invalid(vec![(
            field::COMMENT,
            "Skriv vad handläggaren behöver ändra.".into(),
        )]));
    }
    if comment.chars().count() > 2000 {
        return Err(CommandError::Invalid(vec![(
            field::COMMENT,
            "Kommentaren får vara högst 2000 tecken.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let row = case(&txn, id).await?;
    if !matches!(row.status, Status::Assessed | Status::Attested) {
        return Err(CommandError::Conflict(
            "Det finns inget färdigt förslag att skicka tillbaka.".into(),
        ));
    }
    cleared(&txn, id, actor, Stage::Attestation).await?;
    case_attestation::Entity::delete_many()
        .filter(case_attestation::Column::ApplicationId.eq(id))
        .exec(&txn)
        .await?;
    case_assessment::Entity::update_many()
        .col_expr(
            case_assessment::Column::FinishedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(case_assessment::Column::ApplicationId.eq(id))
        .exec(&txn)
        .await?;
    application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(Status::Submitted))
        .col_expr(application::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(application::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let payload = json!({ "dnr": row.dnr, "name": who.display_name, "comment": comment });
    record(
        &txn,
        &row,
        actor,
        "case.returned",
        payload,
        Status::Submitted,
    )
    .await?;
    ctx.commit_and_wake(txn).await
}
