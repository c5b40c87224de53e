//! The representatives feature's state changes. Each applies the rules, writes the new
//! state and records its event (with the mails it causes) in one transaction.
use chrono::Utc;
use sea_orm::{sea_query::Expr, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::{chosen_people, field, queries, ProofStatus};
use crate::backend::{
    command::{CommandError, Ctx, FieldProblem},
    entities::{app_user, association, attachment, representative, representative_proof},
    events::{self, Effect, NewEvent},
    mail::EmailJob,
};
use crate::domain::{document, representation, text};
use crate::notifications::MailKind;

/// A document already in storage, as the upload handler received it.
#[derive(Clone, Debug)]
pub struct StoredDocument {
    pub key: String,
    pub kind: document::FileKind,
    pub size: u64,
    pub sha256: String,
    /// The name the sender's computer gave it (cleaned before it is kept).
    pub file_name: String,
}

/// A member sends in the document naming the representatives.
#[derive(Clone, Debug)]
pub struct SendProof {
    pub association_id: Uuid,
    pub sent_by: Uuid,
    /// The stored document, or why there is none (too large, not a PDF/PNG/JPEG, missing).
    pub document: Result<StoredDocument, String>,
    /// The ids ticked in "who does the document name".
    pub named: Vec<String>,
    /// `ÅÅÅÅ-MM-DD`, as typed.
    pub next_annual_meeting: String,
}

/// Records a proof for an officer to verify; a proof still waiting is replaced. Every
/// problem at once on failure (the caller removes the stored document then).
#[tracing::instrument(skip_all, fields(association = %input.association_id))]
pub async fn send_proof(ctx: &Ctx, input: SendProof) -> Result<Uuid, CommandError> {
    let members = queries::member_ids(&ctx.db, input.association_id).await?;
    let mut problems: Vec<FieldProblem> = Vec::new();
    if let Err(message) = &input.document {
        problems.push((field::DOCUMENT, message.clone()));
    }
    let chosen = chosen_people(&input.named, &members)
        .map_err(|message| problems.push((field::NAMED, message)))
        .ok();
    let meeting = representation::check_next_annual_meeting(&input.next_annual_meeting, ctx.today)
        .map_err(|message| problems.push((field::NEXT_ANNUAL_MEETING, message)))
        .ok();
    let (Ok(file), Some(chosen), Some(meeting), true) =
        (&input.document, chosen, meeting, problems.is_empty())
    else {
        return Err(CommandError::Invalid(problems));
    };

    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let now = Utc::now();
    let attachment_id = Uuid::now_v7();
    attachment::Entity::insert(attachment::ActiveModel {
        id: Set(attachment_id),
        association_id: Set(input.association_id),
        purpose: Set("representatives".into()),
        file_name: Set(document::clean_file_name(&file.file_name, file.kind)),
        content_type: Set(file.kind.content_type().into()),
        size_bytes: Set(file.size as i64),
        sha256: Set(file.sha256.clone()),
        storage_key: Set(file.key.clone()),
        uploaded_by: Set(Some(input.sent_by)),
        created_at: Set(now),
        application_id: Set(None),
        document_type: Set(None),
    })
    .exec_without_returning(&txn)
    .await?;
    // A newer document replaces one still waiting.
    representative_proof::Entity::update_many()
        .col_expr(
            representative_proof::Column::Status,
            Expr::value(ProofStatus::Rejected),
        )
        .col_expr(
            representative_proof::Column::DecisionNote,
            Expr::value("Ersatt av ett senare inskickat dokument."),
        )
        .col_expr(representative_proof::Column::DecidedAt, Expr::value(now))
        .filter(representative_proof::Column::AssociationId.eq(input.association_id))
        .filter(representative_proof::Column::Status.eq(ProofStatus::Pending))
        .exec(&txn)
        .await?;
    let proof_id = Uuid::now_v7();
    let inserted = representative_proof::Entity::insert(representative_proof::ActiveModel {
        id: Set(proof_id),
        association_id: Set(input.association_id),
        attachment_id: Set(attachment_id),
        submitted_by: Set(Some(input.sent_by)),
        named_users: Set(serde_json::to_string(&chosen).unwrap_or_else(|_| "[]".into())),
        next_annual_meeting: Set(meeting),
        status: Set(ProofStatus::Pending),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_note: Set(String::new()),
        created_at: Set(now),
    })
    .exec_without_returning(&txn)
    .await;
    // Two uploads at the same moment: one document waits, the other is refused.
    inserted.map_err(|error| {
        CommandError::from_unique_violation(
            error,
            "Någon annan på föreningens konto skickade in ett dokument samtidigt. Ladda om sidan och se vilket som väntar på granskning.",
        )
    })?;
    events::record(
        &txn,
        NewEvent::by_member(
            input.association_id,
            "association.representatives_proof_sent",
            input.sent_by,
            json!({ "proof": proof_id, "attachment": attachment_id, "sha256": file.sha256 }),
        ),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(proof_id)
}

/// What an officer decides on a proof.
#[derive(Clone, Debug)]
pub struct Decide {
    pub proof_id: Uuid,
    pub officer: Uuid,
    pub approve: bool,
    /// The ids ticked as verified (when approving).
    pub named: Vec<String>,
    /// `ÅÅÅÅ-MM-DD`, the last day the verification holds (when approving).
    pub valid_until: String,
    /// Required when refusing; kept with either answer.
    pub note: String,
}

/// The message when a proof is no longer waiting.
pub const ALREADY_DECIDED: &str = "Dokumentet är redan granskat eller har ersatts av ett nyare.";

/// Verifies the people a proof names until a date, replacing the association's earlier
/// representatives, or refuses the proof with a note; either way the sender is told by
/// mail. A proof is decided once: a second decision, or one on a replaced proof, is a
/// conflict. Returns the association's id.
#[tracing::instrument(skip_all, fields(proof = %input.proof_id))]
pub async fn decide(ctx: &Ctx, input: Decide) -> Result<Uuid, CommandError> {
    let Some(proof) = representative_proof::Entity::find_by_id(input.proof_id)
        .one(&ctx.db)
        .await?
    else {
        return Err(CommandError::NotFound);
    };
    // Decided already (or replaced by a newer document): say so before anything else.
    if proof.status != ProofStatus::Pending {
        return Err(CommandError::Conflict(ALREADY_DECIDED.to_owned()));
    }
    let mut problems: Vec<FieldProblem> = Vec::new();
    let note = text::free_text(&input.note, None, 2000)
        .map_err(|message| problems.push((field::NOTE, message)))
        .unwrap_or_default();
    let mut verified = None;
    if input.approve {
        let members = queries::member_ids(&ctx.db, proof.association_id).await?;
        let chosen = chosen_people(&input.named, &members)
            .map_err(|message| problems.push((field::NAMED, message)))
            .ok();
        let until = representation::check_valid_until(&input.valid_until, ctx.today)
            .map_err(|message| problems.push((field::VALID_UNTIL, message)))
            .ok();
        if let (Some(chosen), Some(until)) = (chosen, until) {
            verified = Some((chosen, until));
        }
    } else if note.is_empty() && problems.is_empty() {
        problems.push((
            field::NOTE,
            "Skriv vad som saknas i dokumentet, så att föreningen kan komplettera.".to_owned(),
        ));
    }
    if !problems.is_empty() {
        return Err(CommandError::Invalid(problems));
    }

    let link = ctx.link(&format!("/foreningar/{}", proof.association_id))?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let now = Utc::now();
    // Only a document still waiting can be decided, once.
    let claimed = representative_proof::Entity::update_many()
        .col_expr(
            representative_proof::Column::Status,
            Expr::value(if verified.is_some() {
                ProofStatus::Verified
            } else {
                ProofStatus::Rejected
            }),
        )
        .col_expr(
            representative_proof::Column::DecidedBy,
            Expr::value(input.officer),
        )
        .col_expr(representative_proof::Column::DecidedAt, Expr::value(now))
        .col_expr(
            representative_proof::Column::DecisionNote,
            Expr::value(note.clone()),
        )
        .filter(representative_proof::Column::Id.eq(input.proof_id))
        .filter(representative_proof::Column::Status.eq(ProofStatus::Pending))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(CommandError::Conflict(ALREADY_DECIDED.to_owned()));
    }
    let association = association::Entity::find_by_id(proof.association_id)
        .one(&txn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let (event_type, payload, kind, mail) = match &verified {
        Some((chosen, until)) => {
            // The latest verified document names the representatives: earlier ones end.
            representative::Entity::delete_many()
                .filter(representative::Column::AssociationId.eq(proof.association_id))
                .exec(&txn)
                .await?;
            for person in chosen {
                representative::Entity::insert(representative::ActiveModel {
                    association_id: Set(proof.association_id),
                    user_id: Set(*person),
                    proof_id: Set(input.proof_id),
                    verified_by: Set(Some(input.officer)),
                    verified_at: Set(now),
                    valid_until: Set(*until),
                    reminded_at: Set(None),
                })
                .exec_without_returning(&txn)
                .await?;
            }
            let names: Vec<String> = app_user::Entity::find()
                .filter(app_user::Column::Id.is_in(chosen.clone()))
                .all(&txn)
                .await?
                .into_iter()
                .map(|person| person.display_name)
                .collect();
            (
                "association.representatives_verified",
                json!({ "proof": input.proof_id, "representatives": chosen, "valid_until": until.to_string() }),
                MailKind::RepresentativesVerified,
                json!({
                    "association": association,
                    "names": names.join(", "),
                    "valid_until": until.to_string(),
                    "link": link,
                }),
            )
        }
        None => (
            "association.representatives_rejected",
            json!({ "proof": input.proof_id }),
            MailKind::RepresentativesRejected,
            json!({ "association": association, "note": note, "link": link }),
        ),
    };
    let submitter = match proof.submitted_by {
        Some(id) => app_user::Entity::find_by_id(id).one(&txn).await?,
        None => None,
    };
    let effects = submitter
        .map(|person| {
            vec![Effect::Email(EmailJob::to_account(
                kind,
                person.id,
                &person.email,
                &person.display_name,
                mail,
            ))]
        })
        .unwrap_or_default();
    events::record(
        &txn,
        NewEvent::by_member(proof.association_id, event_type, input.officer, payload),
        effects,
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(proof.association_id)
}

/// How long before a verification ends its representatives are reminded.
pub const VERIFICATION_REMINDER_DAYS: u64 = 30;

/// Queues "Verifieringen går ut" for each representative still on the account whose
/// verification ends within [`VERIFICATION_REMINDER_DAYS`] of `ctx.today` and who has
/// not been reminded of it; each in its own transaction with its event. The worker's
/// housekeeping runs it. Returns how many were reminded.
#[tracing::instrument(skip_all)]
pub async fn remind_of_ending_verifications(ctx: &Ctx) -> Result<usize, CommandError> {
    use crate::backend::entities::association_member;
    use chrono::{Days, NaiveDate};
    let horizon = ctx
        .today
        .checked_add_days(Days::new(VERIFICATION_REMINDER_DAYS))
        .unwrap_or(NaiveDate::MAX);
    let due = representative::Entity::find()
        .filter(representative::Column::ValidUntil.gte(ctx.today))
        .filter(representative::Column::ValidUntil.lte(horizon))
        .filter(representative::Column::RemindedAt.is_null())
        .all(&ctx.db)
        .await?;
    let mut queued = 0;
    for row in due {
        let txn = crate::backend::db::begin_write(&ctx.db).await?;
        // Claimed here, so two workers never remind twice.
        let claimed = representative::Entity::update_many()
            .col_expr(representative::Column::RemindedAt, Expr::value(Utc::now()))
            .filter(representative::Column::AssociationId.eq(row.association_id))
            .filter(representative::Column::UserId.eq(row.user_id))
            // A verification renewed meanwhile is a new one, with its own reminder.
            .filter(representative::Column::ValidUntil.eq(row.valid_until))
            .filter(representative::Column::RemindedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let member = association_member::Entity::find_by_id((row.association_id, row.user_id))
            .one(&txn)
            .await?;
        let person = app_user::Entity::find_by_id(row.user_id).one(&txn).await?;
        let association = association::Entity::find_by_id(row.association_id)
            .one(&txn)
            .await?;
        let (Some(_), Some(person), Some(association)) = (member, person, association) else {
            txn.commit().await?;
            continue;
        };
        let link = ctx.link(&format!("/foreningar/{}", association.id))?;
        events::record(
            &txn,
            NewEvent::about_association(
                association.id,
                "association.verification_ending_reminded",
                None,
                json!({ "representative": person.id, "valid_until": row.valid_until.to_string() }),
            ),
            vec![Effect::Email(EmailJob::to_account(
                MailKind::VerificationEnding,
                person.id,
                &person.email,
                &person.display_name,
                json!({
                    "name": person.display_name,
                    "association": association.name,
                    "valid_until": row.valid_until.to_string(),
                    "link": link,
                }),
            ))],
        )
        .await?;
        ctx.commit_and_wake(txn).await?;
        queued += 1;
    }
    Ok(queued)
}
