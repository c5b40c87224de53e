//! The completion's state changes: an officer asks for a completion; a verified
//! representative sends the completed application in again. Each checks who acts, in
//! one transaction with its event, mails and live update; a forbidden step answers
//! `Conflict` or `Forbidden` in Swedish and changes nothing.
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{field, LONGEST_REPLY_DAYS, MESSAGE_LIMIT};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{
        app_user, application, application_version, association, association_member,
        case_attestation, completion_request, grant_programme,
    },
    events::{self, NewEvent},
    mail,
};
use crate::domain::{money, text};
use crate::features::applications::{document_label, Status, OTHER_DOCUMENT};
use crate::notifications::MailKind;

/// The request as the officer typed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestForm {
    pub message: String,
    pub reply_by: String,
    pub documents: Vec<String>,
}

/// The documents an officer can ask for: the programme's required ones and *övrigt*.
pub fn requestable(programme: &grant_programme::Model) -> Vec<String> {
    let mut documents = crate::features::applications::commands::required_documents(programme);
    documents.push(OTHER_DOCUMENT.to_owned());
    documents
}

/// What a checked request holds.
struct Checked {
    message: String,
    reply_by: NaiveDate,
    documents: Vec<String>,
}

/// Checks the form: a message, a reply date from tomorrow to [`LONGEST_REPLY_DAYS`]
/// ahead, documents of the programme's kinds.
fn check(
    form: &RequestForm,
    allowed: &[String],
    today: NaiveDate,
) -> Result<Checked, CommandError> {
    let mut problems = Vec::new();
    let message = text::free_text(
        &form.message,
        Some("Skriv vad föreningen ska komplettera."),
        MESSAGE_LIMIT,
    )
    .map_err(|m| problems.push((field::MESSAGE, m)))
    .unwrap_or_default();
    let latest = today + Duration::days(LONGEST_REPLY_DAYS);
    let reply_by = match crate::domain::validation::date_typed(field::REPLY_BY, &form.reply_by) {
        _ if form.reply_by.trim().is_empty() => {
            problems.push((
                field::REPLY_BY,
                "Ange när föreningen senast ska svara.".into(),
            ));
            None
        }
        Err(problem) => {
            problems.push(problem);
            None
        }
        Ok(day) if day <= today => {
            problems.push((
                field::REPLY_BY,
                format!("Välj ett datum efter i dag ({today})."),
            ));
            None
        }
        Ok(day) if day > latest => {
            problems.push((
                field::REPLY_BY,
                format!("Välj ett datum senast {latest} ({LONGEST_REPLY_DAYS} dagar från i dag)."),
            ));
            None
        }
        Ok(day) => Some(day),
    };
    let mut documents: Vec<String> = Vec::new();
    for slug in &form.documents {
        if !allowed.contains(slug) {
            problems.push((field::DOCUMENTS, "Välj bilagor i listan.".into()));
            break;
        }
        if !documents.contains(slug) {
            documents.push(slug.clone());
        }
    }
    match reply_by {
        Some(reply_by) if problems.is_empty() => Ok(Checked {
            message,
            reply_by,
            documents,
        }),
        _ => Err(CommandError::Invalid(problems)),
    }
}

/// The officer `actor` asks the association to complete case `id`. The case must be
/// submitted or assessed (an attested proposal is sent back first); an attestation
/// already given is voided, since the application will change.
#[tracing::instrument(skip_all, fields(case = %id))]
pub async fn request(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    form: &RequestForm,
) -> Result<(), CommandError> {
    let officer = crate::backend::users::officer(
        &ctx.db,
        actor,
        "Bara handläggare kan begära komplettering.",
    )
    .await?;
    let case = application::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .filter(|c| c.dnr.is_some())
        .ok_or(CommandError::NotFound)?;
    refuse_unless_requestable(case.status)?;
    crate::features::assessment::commands::refuse_if_recused(&ctx.db, id, actor).await?;
    let programme = grant_programme::Entity::find_by_id(case.programme_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let checked = check(form, &requestable(&programme), ctx.today)?;
    let association = association::Entity::find_by_id(case.association_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let dnr = case.dnr.clone().unwrap_or_default();
    let now = Utc::now();

    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(Status::Completion))
        .col_expr(
            application::Column::CompletionDue,
            Expr::value(checked.reply_by),
        )
        .col_expr(
            application::Column::MissingAttachment,
            Expr::value(!checked.documents.is_empty()),
        )
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.is_in([Status::Submitted, Status::Assessed]))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(CommandError::Conflict(
            "Ärendet har ändrats under tiden. Ladda om sidan och försök igen.".into(),
        ));
    }
    let voided = case_attestation::Entity::delete_many()
        .filter(case_attestation::Column::ApplicationId.eq(id))
        .exec(&txn)
        .await?
        .rows_affected;
    let versions = application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(id))
        .count(&txn)
        .await? as i32;
    completion_request::Entity::insert(completion_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        application_id: Set(id),
        message: Set(checked.message.clone()),
        reply_by: Set(checked.reply_by),
        documents: Set(serde_json::to_string(&checked.documents)
            .map_err(|e| CommandError::Internal(format!("the documents as JSON: {e}")))?),
        from_version: Set(versions),
        requested_by: Set(actor),
        requested_at: Set(now),
        answered_at: Set(None),
        answered_version: Set(None),
    })
    .exec_without_returning(&txn)
    .await?;
    let members = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(case.association_id))
        .find_also_related(app_user::Entity)
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|(_, person)| person);
    let link = ctx.link(&format!("/ansokningar/{id}"))?;
    let documents: Vec<&str> = checked
        .documents
        .iter()
        .map(|d| document_label(d))
        .collect();
    let mut effects = mail::to_each(MailKind::CompletionRequested, members, |person| {
        json!({
            "name": person.display_name,
            "association": association.name,
            "dnr": dnr,
            "activity": case.activity_name,
            "message": checked.message,
            "reply_by": crate::domain::programme_window::long_date(checked.reply_by),
            "documents": documents,
            "officer": officer.display_name,
            "phone": officer.phone,
            "link": link,
        })
    });
    effects.push(crate::features::queue::live(
        "case_changed",
        id,
        case.dnr.clone(),
        Status::Completion,
    ));
    events::record(
        &txn,
        NewEvent::about(
            "application",
            id,
            "case.completion_requested",
            Some(actor),
            json!({
                "dnr": dnr,
                "message": checked.message,
                "reply_by": checked.reply_by.to_string(),
                "documents": checked.documents,
                "voided_attestations": voided,
            }),
        ),
        effects,
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// Why a case in `status` cannot be asked to complete, if it cannot.
fn refuse_unless_requestable(status: Status) -> Result<(), CommandError> {
    let why = match status {
        Status::Submitted | Status::Assessed => return Ok(()),
        Status::Completion => "Föreningen har redan en komplettering att svara på.",
        Status::Attested => {
            "Förslaget är attesterat. Skicka tillbaka det innan du begär komplettering."
        }
        Status::OnAgenda => "Ärendet står på nämndens dagordning och kan inte kompletteras.",
        Status::Granted | Status::PartlyGranted | Status::Rejected => {
            "Ärendet är beslutat och kan inte kompletteras."
        }
        Status::Withdrawn => "Ansökan är återkallad.",
        Status::Draft => return Err(CommandError::NotFound),
    };
    Err(CommandError::Conflict(why.into()))
}

/// The association sends its completed application in again (called by
/// `applications::commands::submit` for a case in komplettering, once the submitter is
/// known to be a verified representative): every check of the content and the
/// documents, but not the programme's window; then one transaction keeps the Dnr,
/// freezes the next version, answers the request and puts the case back in the queue,
/// and tells the handling officer.
#[tracing::instrument(skip_all, fields(case = %row.id))]
pub async fn resubmit(
    ctx: &Ctx,
    user: Uuid,
    row: application::Model,
    submit_key: &str,
) -> Result<String, CommandError> {
    use crate::features::applications::commands::{freeze_version, ready_to_send};
    let id = row.id;
    let dnr = row.dnr.clone().ok_or(CommandError::NotFound)?;
    let programme = grant_programme::Entity::find_by_id(row.programme_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let requested = super::queries::missing_requested(&ctx.db, id)
        .await?
        .iter()
        .map(|slug| super::queries::requested_problem(slug))
        .collect();
    let content = ready_to_send(&ctx.db, &row, &programme, requested).await?;
    let association = association::Entity::find_by_id(row.association_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let totals = content.totals();
    let now = Utc::now();
    let frozen = serde_json::to_string(&content)
        .map_err(|e| CommandError::Internal(format!("the content as JSON: {e}")))?;

    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(Status::Submitted))
        .col_expr(
            application::Column::SubmitKey,
            Expr::value(submit_key.to_owned()),
        )
        .col_expr(
            application::Column::Unbalanced,
            Expr::value(!totals.balanced()),
        )
        .col_expr(application::Column::Content, Expr::value(frozen.clone()))
        .col_expr(
            application::Column::ActivityName,
            Expr::value(content.activity_name.clone()),
        )
        .col_expr(
            application::Column::RequestedOre,
            Expr::value(content.requested_ore.unwrap_or(0)),
        )
        .col_expr(
            application::Column::SearchText,
            Expr::value(crate::features::queue::search_text(
                &dnr,
                &association.org_number,
                &association.name,
                &content.activity_name,
            )),
        )
        .col_expr(
            application::Column::CompletionDue,
            Expr::value(Option::<NaiveDate>::None),
        )
        .col_expr(application::Column::MissingAttachment, Expr::value(false))
        .col_expr(application::Column::Revision, Expr::value(row.revision + 1))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(Status::Completion))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(CommandError::Conflict(
            "Kompletteringen är redan inskickad.".into(),
        ));
    }
    let number = freeze_version(&txn, id, user, frozen, now).await?;
    completion_request::Entity::update_many()
        .col_expr(completion_request::Column::AnsweredAt, Expr::value(now))
        .col_expr(
            completion_request::Column::AnsweredVersion,
            Expr::value(number),
        )
        .filter(completion_request::Column::ApplicationId.eq(id))
        .filter(completion_request::Column::AnsweredAt.is_null())
        .exec(&txn)
        .await?;
    let mut effects = Vec::new();
    if let Some(officer) = match row.assigned_to {
        Some(officer) => app_user::Entity::find_by_id(officer)
            .one(&txn)
            .await?
            .filter(|u| u.active),
        None => None,
    } {
        let link = ctx.link(&format!("/handlaggning/arenden/{id}/versioner"))?;
        effects.extend(mail::to_each(
            MailKind::CompletionReceived,
            [officer],
            |person| {
                json!({
                    "name": person.display_name,
                    "association": association.name,
                    "dnr": dnr,
                    "activity": content.activity_name,
                    "version": number,
                    "amount": money::format_kr(content.requested_ore.unwrap_or(0)),
                    "link": link,
                })
            },
        ));
    }
    effects.push(crate::features::queue::live(
        "case_changed",
        id,
        Some(dnr.clone()),
        Status::Submitted,
    ));
    events::record(
        &txn,
        NewEvent::about(
            "application",
            id,
            "case.completed",
            Some(user),
            json!({ "dnr": dnr, "version": number, "unbalanced": !totals.balanced() }),
        ),
        effects,
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(dnr)
}
