//! Every state change of an application: start a draft, save a step, submit (with the
//! diarienummer), withdraw. Any member of the association drafts; only a verified
//! representative submits.
use std::collections::HashMap;

use chrono::{Datelike, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait, OnConflict, Query},
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use super::{Content, Rows, Rules, Status, Step, TextLimit, SAVED_BY_SOMEONE_ELSE};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{
        app_user, application, application_version, association, association_member, dnr_sequence,
        grant_programme,
    },
    events::{self, Effect, NewEvent},
    mail,
};
use crate::domain::{dnr::Dnr, money, programme_window::WindowState};
use crate::features::{programmes, representatives::queries as representatives};
use crate::notifications::MailKind;

/// The message when the programme is closed: why, and when it opens next.
pub fn closed_message(programme: &grant_programme::Model, state: WindowState) -> String {
    match state {
        WindowState::Closed { opens, closes } => format!(
            "{} går inte att söka just nu. Nästa ansökningsperiod är {}–{}.",
            programme.name,
            crate::domain::programme_window::long_date(opens),
            crate::domain::programme_window::long_date(closes)
        ),
        WindowState::Open { .. } => String::new(),
    }
}

/// The message when a draft is no longer a draft.
pub const NOT_A_DRAFT: &str =
    "Ansökan är redan inskickad eller återkallad och kan inte ändras här.";
/// The message for a member who is not a verified representative.
pub const ONLY_REPRESENTATIVES: &str = "Bara föreningens verifierade företrädare kan skicka in en ansökan. Du kan spara utkastet, så kan en företrädare skicka in det.";

/// Whether `user` is on the association's account; `NotFound` for anyone else.
async fn member_of(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    user: Uuid,
) -> Result<(), CommandError> {
    association_member::Entity::find_by_id((association_id, user))
        .one(db)
        .await?
        .map(drop)
        .ok_or(CommandError::NotFound)
}

/// The application, if `user` is on its association's account; `NotFound` otherwise.
pub async fn mine(
    db: &impl ConnectionTrait,
    application_id: Uuid,
    user: Uuid,
) -> Result<application::Model, CommandError> {
    let row = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(CommandError::NotFound)?;
    member_of(db, row.association_id, user).await?;
    Ok(row)
}

pub fn content_of(row: &application::Model) -> Result<Content, CommandError> {
    serde_json::from_str(&row.content)
        .map_err(|error| CommandError::Internal(format!("application {}: {error}", row.id)))
}

fn to_json(content: &Content) -> Result<String, CommandError> {
    serde_json::to_string(content).map_err(|error| CommandError::Internal(error.to_string()))
}

/// A member starts a draft for `programme_id`, which must be open today (or open late
/// for the association).
#[tracing::instrument(skip_all, fields(association = %association_id))]
pub async fn start(
    ctx: &Ctx,
    user: Uuid,
    association_id: Uuid,
    programme_id: Uuid,
) -> Result<Uuid, CommandError> {
    member_of(&ctx.db, association_id, user).await?;
    let programme = open_programme(ctx, association_id, programme_id).await?;
    let draft = NewDraft {
        user,
        association_id,
        content: Content::default(),
        copy: None,
    };
    insert_draft(ctx, &programme, draft).await
}

/// The message when the same copy key is sent with another application.
pub const COPY_KEY_USED: &str = "Kopian är redan gjord. Ladda om sidan och försök igen.";

/// A member starts a new draft as a copy of an earlier application of the same
/// association, for the same programme: the answers and the budget come along, the
/// documents do not (they are attached anew, as they may have changed). `copy_key`
/// comes with the form: the same key again (a double click, a resent request) answers
/// the first copy, so there is one.
#[tracing::instrument(skip_all, fields(source = %source_id))]
pub async fn copy(
    ctx: &Ctx,
    user: Uuid,
    source_id: Uuid,
    copy_key: &str,
) -> Result<Uuid, CommandError> {
    let source = mine(&ctx.db, source_id, user).await?;
    if let Some(done) = copy_made_with(&ctx.db, copy_key).await? {
        return if done.copied_from == Some(source_id) && done.created_by == user {
            Ok(done.id)
        } else {
            Err(CommandError::Conflict(COPY_KEY_USED.to_owned()))
        };
    }
    let programme = open_programme(ctx, source.association_id, source.programme_id).await?;
    // The answers and the budget come along; the period is the new application's own.
    let mut content = content_of(&source)?;
    content.period_from = None;
    content.period_to = None;
    let draft = NewDraft {
        user,
        association_id: source.association_id,
        content,
        copy: Some((copy_key.to_owned(), source_id)),
    };
    match insert_draft(ctx, &programme, draft).await {
        // Two copies with the same key at once: the one that lost finds the winner's.
        Err(CommandError::Internal(_)) | Err(CommandError::Conflict(_)) => {
            match copy_made_with(&ctx.db, copy_key).await? {
                Some(done) if done.copied_from == Some(source_id) => Ok(done.id),
                _ => Err(CommandError::Conflict(COPY_KEY_USED.to_owned())),
            }
        }
        other => other,
    }
}

async fn copy_made_with(
    db: &impl ConnectionTrait,
    copy_key: &str,
) -> Result<Option<application::Model>, CommandError> {
    Ok(application::Entity::find()
        .filter(application::Column::CopyKey.eq(copy_key))
        .one(db)
        .await?)
}

/// The active programme, if it can be applied for today by the association.
async fn open_programme(
    ctx: &Ctx,
    association_id: Uuid,
    programme_id: Uuid,
) -> Result<grant_programme::Model, CommandError> {
    let programme = grant_programme::Entity::find_by_id(programme_id)
        .one(&ctx.db)
        .await?
        .filter(|p| p.active)
        .ok_or(CommandError::NotFound)?;
    let state =
        programmes::window_state_for(&ctx.db, &programme, association_id, ctx.today).await?;
    if !matches!(state, WindowState::Open { .. }) {
        return Err(CommandError::Conflict(closed_message(&programme, state)));
    }
    if let Some(reason) = crate::features::follow_up::queries::blocking(
        &ctx.db,
        association_id,
        programme.id,
        ctx.today,
    )
    .await?
    {
        return Err(CommandError::Conflict(reason));
    }
    Ok(programme)
}

/// What a new draft starts from.
struct NewDraft {
    user: Uuid,
    association_id: Uuid,
    content: Content,
    /// The copy's key and the application it copies.
    copy: Option<(String, Uuid)>,
}

async fn insert_draft(
    ctx: &Ctx,
    programme: &grant_programme::Model,
    draft: NewDraft,
) -> Result<Uuid, CommandError> {
    let id = Uuid::now_v7();
    let now = Utc::now();
    let content = draft.content;
    let (copy_key, copied_from) = draft.copy.unzip();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    application::Entity::insert(application::ActiveModel {
        id: Set(id),
        association_id: Set(draft.association_id),
        programme_id: Set(programme.id),
        status: Set(Status::Draft),
        revision: Set(1),
        content: Set(to_json(&content)?),
        activity_name: Set(content.activity_name.clone()),
        requested_ore: Set(content.requested_ore.unwrap_or(0)),
        period_from: Set(content.period_from),
        period_to: Set(content.period_to),
        dnr: Set(None),
        submitted_at: Set(None),
        submitted_by: Set(None),
        submit_key: Set(None),
        copy_key: Set(copy_key),
        copied_from: Set(copied_from),
        unbalanced: Set(false),
        created_by: Set(draft.user),
        created_at: Set(now),
        updated_at: Set(now),
        withdrawn_at: Set(None),
        assigned_to: Set(None),
        due_on: Set(None),
        completion_due: Set(None),
        missing_attachment: Set(false),
        search_text: Set(String::new()),
    })
    .exec_without_returning(&txn)
    .await
    .map_err(|error| CommandError::from_unique_violation(error, COPY_KEY_USED))?;
    events::record(
        &txn,
        NewEvent::about(
            "application",
            id,
            "application.draft_started",
            Some(draft.user),
            json!({
                "association": draft.association_id,
                "programme": programme.slug,
                "copied_from": copied_from,
            }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(id)
}

/// What the step's buttons ask for besides saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Save,
    AddRow(Rows),
    RemoveRow(Rows, usize),
}

/// Saves one step of a draft. `revision` is the one the form was built from: if
/// someone saved since, nothing is saved and the caller keeps what they typed.
#[tracing::instrument(skip_all, fields(application = %application_id, step = step.slug))]
pub async fn save_step(
    ctx: &Ctx,
    user: Uuid,
    application_id: Uuid,
    revision: i32,
    step: &Step,
    form: &HashMap<String, String>,
    action: Action,
) -> Result<i32, CommandError> {
    let row = mine(&ctx.db, application_id, user).await?;
    if !row.status.editable() {
        return Err(CommandError::Conflict(NOT_A_DRAFT.to_owned()));
    }
    let programme = grant_programme::Entity::find_by_id(row.programme_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let mut content = content_of(&row)?;
    let mut problems = content.read_step(step, form);
    match action {
        Action::Save => {}
        Action::AddRow(rows) => content.add_row(rows),
        Action::RemoveRow(rows, index) => content.remove_row(rows, index),
    }
    if problems.is_empty() {
        problems = content.check(TextLimit(programme.text_limit as usize));
    }
    if !problems.is_empty() {
        return Err(CommandError::InvalidAnswers(problems));
    }
    let updated = application::Entity::update_many()
        .col_expr(
            application::Column::Content,
            Expr::value(to_json(&content)?),
        )
        .col_expr(
            application::Column::ActivityName,
            Expr::value(content.activity_name.clone()),
        )
        .col_expr(
            application::Column::RequestedOre,
            Expr::value(content.requested_ore.unwrap_or(0)),
        )
        .col_expr(
            application::Column::PeriodFrom,
            Expr::value(content.period_from),
        )
        .col_expr(
            application::Column::PeriodTo,
            Expr::value(content.period_to),
        )
        .col_expr(application::Column::Revision, Expr::value(revision + 1))
        .col_expr(application::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(application::Column::Id.eq(application_id))
        .filter(application::Column::Revision.eq(revision))
        .filter(application::Column::Status.is_in([Status::Draft, Status::Completion]))
        .exec(&ctx.db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(CommandError::Conflict(SAVED_BY_SOMEONE_ELSE.to_owned()));
    }
    Ok(revision + 1)
}

/// The programme's rules for the checks at submit.
pub fn rules(programme: &grant_programme::Model) -> Rules {
    Rules {
        name: programme.name.clone(),
        min_months: programme.min_months,
        max_months: programme.max_months,
        text_limit: programme.text_limit as usize,
    }
}

/// Hands out the next diarienummer for `prefix` and `year` inside `txn`: the row is
/// created at 0 if missing, then raised by one under the row's lock (SQLite's write
/// transaction, PostgreSQL's row lock), so numbers are unique and without gaps; a
/// transaction that rolls back gives its number back.
pub async fn next_dnr(
    txn: &impl ConnectionTrait,
    prefix: &str,
    year: i32,
) -> Result<Dnr, CommandError> {
    let create = Query::insert()
        .into_table(dnr_sequence::Entity)
        .columns([
            dnr_sequence::Column::Prefix,
            dnr_sequence::Column::Year,
            dnr_sequence::Column::Last,
        ])
        .values_panic([prefix.into(), year.into(), 0i64.into()])
        .on_conflict(
            OnConflict::columns([dnr_sequence::Column::Prefix, dnr_sequence::Column::Year])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    txn.execute(&create).await?;
    let raise = Query::update()
        .table(dnr_sequence::Entity)
        .value(
            dnr_sequence::Column::Last,
            Expr::col(dnr_sequence::Column::Last).add(1),
        )
        .and_where(Expr::col(dnr_sequence::Column::Prefix).eq(prefix))
        .and_where(Expr::col(dnr_sequence::Column::Year).eq(year))
        .to_owned();
    txn.execute(&raise).await?;
    let last: i64 = dnr_sequence::Entity::find_by_id((prefix.to_owned(), year))
        .select_only()
        .column(dnr_sequence::Column::Last)
        .into_tuple()
        .one(txn)
        .await?
        .ok_or_else(|| CommandError::Internal("the Dnr sequence row vanished".into()))?;
    Ok(Dnr {
        prefix: prefix.to_owned(),
        year,
        seq: last,
    })
}

/// A verified representative submits the draft. Everything is checked at once; on
/// success one transaction gives the Dnr, freezes the version, records `case.submitted`
/// and queues the receipt to every member. The same `submit_key` again (a double
/// click, a resent request) answers the same Dnr and changes nothing.
#[tracing::instrument(skip_all, fields(application = %application_id))]
pub async fn submit(
    ctx: &Ctx,
    user: Uuid,
    application_id: Uuid,
    submit_key: &str,
) -> Result<String, CommandError> {
    let row = mine(&ctx.db, application_id, user).await?;
    if let (Some(key), Some(dnr)) = (&row.submit_key, &row.dnr) {
        if key == submit_key {
            return Ok(dnr.clone());
        }
    }
    if !row.status.editable() {
        return Err(CommandError::Conflict(NOT_A_DRAFT.to_owned()));
    }
    if !representatives::is_verified(&ctx.db, row.association_id, user, ctx.today).await? {
        return Err(CommandError::Forbidden(ONLY_REPRESENTATIVES.to_owned()));
    }
    if row.status == Status::Completion {
        return crate::features::completion::commands::resubmit(ctx, user, row, submit_key).await;
    }
    record_submission(ctx, user, row, submit_key).await
}

/// The submission itself, once the submitter is known to act for the association:
/// every check of the content and the window, then the one transaction. [`submit`] is
/// the way in; the demo loader calls this to lay down a case sent in earlier.
pub async fn record_submission(
    ctx: &Ctx,
    user: Uuid,
    row: application::Model,
    submit_key: &str,
) -> Result<String, CommandError> {
    let application_id = row.id;
    let programme = grant_programme::Entity::find_by_id(row.programme_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let state =
        programmes::window_state_for(&ctx.db, &programme, row.association_id, ctx.today).await?;
    if !matches!(state, WindowState::Open { .. }) {
        return Err(CommandError::Conflict(closed_message(&programme, state)));
    }
    if let Some(reason) = crate::features::follow_up::queries::blocking(
        &ctx.db,
        row.association_id,
        programme.id,
        ctx.today,
    )
    .await?
    {
        return Err(CommandError::Conflict(reason));
    }
    let content = ready_to_send(&ctx.db, &row, &programme, vec![]).await?;
    let association = association::Entity::find_by_id(row.association_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let totals = content.totals();
    let now = Utc::now();

    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let dnr = next_dnr(&txn, &programme.dnr_prefix, ctx.today.year()).await?;
    let frozen = to_json(&content)?;
    let updated = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(Status::Submitted))
        .col_expr(application::Column::Dnr, Expr::value(dnr.to_string()))
        .col_expr(application::Column::SubmittedAt, Expr::value(now))
        .col_expr(application::Column::SubmittedBy, Expr::value(user))
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
            application::Column::SearchText,
            Expr::value(crate::features::queue::search_text(
                &dnr.to_string(),
                &association.org_number,
                &association.name,
                &content.activity_name,
            )),
        )
        .col_expr(application::Column::Revision, Expr::value(row.revision + 1))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(application_id))
        .filter(application::Column::Status.eq(Status::Draft))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        // Submitted by someone else in the meantime: this transaction's number goes back.
        return Err(CommandError::Conflict(NOT_A_DRAFT.to_owned()));
    }
    freeze_version(&txn, application_id, user, frozen, now).await?;
    let members = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(row.association_id))
        .find_also_related(app_user::Entity)
        .all(&txn)
        .await?;
    let link = ctx.link(&format!("/ansokningar/{application_id}"))?;
    let members = members.into_iter().filter_map(|(_, person)| person);
    let mut mails = mail::to_each(MailKind::ApplicationReceived, members, |person| {
        json!({
            "name": person.display_name,
            "association": association.name,
            "dnr": dnr.to_string(),
            "programme": programme.name,
            "activity": content.activity_name,
            "amount": money::format_kr(content.requested_ore.unwrap_or(0)),
            "weeks": programme.handling_weeks,
            "link": link,
        })
    });
    mails.push(crate::features::queue::live(
        "case_created",
        application_id,
        Some(dnr.to_string()),
        Status::Submitted,
    ));
    events::record(
        &txn,
        NewEvent::about(
            "application",
            application_id,
            "case.submitted",
            Some(user),
            json!({
                "dnr": dnr.to_string(),
                "association": row.association_id,
                "requested_ore": content.requested_ore,
                "unbalanced": !totals.balanced(),
            }),
        ),
        mails,
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(dnr.to_string())
}

/// A member withdraws a submitted application before it is decided (or throws away a
/// draft, which is withdrawn the same way and kept in the history).
#[tracing::instrument(skip_all, fields(application = %application_id))]
pub async fn withdraw(ctx: &Ctx, user: Uuid, application_id: Uuid) -> Result<(), CommandError> {
    let row = mine(&ctx.db, application_id, user).await?;
    if row.status == Status::Withdrawn {
        return Err(CommandError::Conflict(
            "Ansökan är redan återkallad.".to_owned(),
        ));
    }
    if row.status.decided() {
        return Err(CommandError::Conflict(
            "Ansökan är redan beslutad och kan inte återkallas.".to_owned(),
        ));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(Status::Withdrawn))
        .col_expr(application::Column::WithdrawnAt, Expr::value(Utc::now()))
        .filter(application::Column::Id.eq(application_id))
        .filter(application::Column::Status.ne(Status::Withdrawn))
        .filter(application::Column::Status.is_not_in([
            Status::Granted,
            Status::PartlyGranted,
            Status::Rejected,
        ]))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(CommandError::Conflict(
            "Ansökan är redan återkallad.".to_owned(),
        ));
    }
    let mails = match &row.dnr {
        Some(dnr) => {
            let mut effects = officers_told_of_withdrawal(&txn, &row, dnr).await?;
            let live = crate::features::queue::live;
            effects.push(live(
                "case_changed",
                row.id,
                Some(dnr.clone()),
                Status::Withdrawn,
            ));
            effects
        }
        None => vec![],
    };
    events::record(
        &txn,
        NewEvent::about(
            "application",
            application_id,
            "case.withdrawn",
            Some(user),
            json!({ "dnr": row.dnr, "association": row.association_id }),
        ),
        mails,
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// The mails that tell the officers a submitted application was withdrawn: every
/// active officer, until the officers' workspace assigns each case to one.
async fn officers_told_of_withdrawal(
    db: &impl ConnectionTrait,
    row: &application::Model,
    dnr: &str,
) -> Result<Vec<Effect>, CommandError> {
    let association = association::Entity::find_by_id(row.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let officers = app_user::Entity::find()
        .filter(app_user::Column::Role.eq(crate::domain::role::Role::Officer))
        .filter(app_user::Column::Active.eq(true))
        .all(db)
        .await?;
    Ok(mail::to_each(
        MailKind::ApplicationWithdrawn,
        officers,
        |officer| {
            json!({
                "name": officer.display_name,
                "association": association,
                "dnr": dnr,
                "activity": row.activity_name,
            })
        },
    ))
}

/// A document the upload handler stored for an application.
pub type StoredDocument = crate::features::representatives::commands::StoredDocument;

/// What an upload to an application did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attached {
    /// The new attachments' ids.
    pub added: Vec<Uuid>,
    /// The storage keys of documents the application already had (same content): they
    /// were not kept, and the caller removes them from storage.
    pub duplicates: Vec<String>,
    /// The storage key of a replaced document, for the caller to remove after commit.
    pub replaced: Option<String>,
}

/// The programme's required document types.
pub fn required_documents(programme: &grant_programme::Model) -> Vec<String> {
    serde_json::from_str(&programme.required_attachments).unwrap_or_default()
}

/// The message when no document type was chosen.
pub const CHOOSE_TYPE: &str = "Välj vilken handling det är.";

/// Attaches stored documents to a draft as `document_type` (one of the programme's
/// required types, or `ovrigt`); `replaces` names an attachment of the draft that the
/// (single) new document takes the place of. A document the draft already has (by its
/// hash) is kept once.
#[tracing::instrument(skip_all, fields(application = %application_id, count = files.len()))]
pub async fn attach(
    ctx: &Ctx,
    user: Uuid,
    application_id: Uuid,
    document_type: &str,
    replaces: Option<Uuid>,
    files: &[StoredDocument],
) -> Result<Attached, CommandError> {
    use crate::backend::entities::attachment;
    let row = mine(&ctx.db, application_id, user).await?;
    if !row.status.editable() {
        return Err(CommandError::Conflict(NOT_A_DRAFT.to_owned()));
    }
    let programme = grant_programme::Entity::find_by_id(row.programme_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let mut outcome = Attached::default();
    let mut document_type = document_type.to_owned();
    if let Some(old) = replaces {
        let old = attachment::Entity::find_by_id(old)
            .filter(attachment::Column::ApplicationId.eq(application_id))
            .one(&txn)
            .await?
            .ok_or(CommandError::NotFound)?;
        document_type = old.document_type.clone().unwrap_or_default();
        kept_since_submission(&txn, &row, &old).await?;
        attachment::Entity::delete_by_id(old.id).exec(&txn).await?;
        outcome.replaced = Some(old.storage_key);
    }
    let allowed = required_documents(&programme).contains(&document_type)
        || document_type == super::OTHER_DOCUMENT;
    if !allowed {
        return Err(CommandError::InvalidAnswers(vec![(
            "document_type".into(),
            CHOOSE_TYPE.into(),
        )]));
    }
    if files.is_empty() {
        return Err(CommandError::InvalidAnswers(vec![(
            "document".into(),
            "Välj en eller flera filer att bifoga.".into(),
        )]));
    }
    let known: Vec<String> = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .select_only()
        .column(attachment::Column::Sha256)
        .into_tuple()
        .all(&txn)
        .await?;
    let now = Utc::now();
    let mut seen = known;
    for file in files {
        if seen.contains(&file.sha256) {
            outcome.duplicates.push(file.key.clone());
            continue;
        }
        seen.push(file.sha256.clone());
        let id = Uuid::now_v7();
        attachment::Entity::insert(attachment::ActiveModel {
            id: Set(id),
            association_id: Set(row.association_id),
            purpose: Set("application".into()),
            file_name: Set(crate::domain::document::clean_file_name(
                &file.file_name,
                file.kind,
            )),
            content_type: Set(file.kind.content_type().into()),
            size_bytes: Set(file.size as i64),
            sha256: Set(file.sha256.clone()),
            storage_key: Set(file.key.clone()),
            uploaded_by: Set(Some(user)),
            created_at: Set(now),
            application_id: Set(Some(application_id)),
            document_type: Set(Some(document_type.clone())),
        })
        .exec_without_returning(&txn)
        .await
        .map_err(|error| {
            CommandError::from_unique_violation(error, "Filen är redan bifogad till ansökan.")
        })?;
        outcome.added.push(id);
    }
    if !outcome.added.is_empty() {
        events::record(
            &txn,
            NewEvent::about(
                "application",
                application_id,
                "application.documents_attached",
                Some(user),
                json!({ "document_type": document_type, "count": outcome.added.len() }),
            ),
            vec![],
        )
        .await?;
    }
    ctx.commit_and_wake(txn).await?;
    Ok(outcome)
}

/// Removes an attachment from a draft; answers its storage key, for the caller to
/// remove the document from storage once the row is gone.
#[tracing::instrument(skip_all, fields(application = %application_id))]
pub async fn remove_attachment(
    ctx: &Ctx,
    user: Uuid,
    application_id: Uuid,
    attachment_id: Uuid,
) -> Result<String, CommandError> {
    use crate::backend::entities::attachment;
    let row = mine(&ctx.db, application_id, user).await?;
    if !row.status.editable() {
        return Err(CommandError::Conflict(NOT_A_DRAFT.to_owned()));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let file = attachment::Entity::find_by_id(attachment_id)
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .one(&txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    kept_since_submission(&txn, &row, &file).await?;
    attachment::Entity::delete_by_id(file.id).exec(&txn).await?;
    events::record(
        &txn,
        NewEvent::about(
            "application",
            application_id,
            "application.document_removed",
            Some(user),
            json!({ "document_type": file.document_type }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(file.storage_key)
}

/// During a completion, a document sent in before the request stays with the case (the
/// officer has read it): only documents added since can be removed or replaced.
async fn kept_since_submission(
    db: &impl ConnectionTrait,
    row: &application::Model,
    file: &crate::backend::entities::attachment::Model,
) -> Result<(), CommandError> {
    if row.status != Status::Completion {
        return Ok(());
    }
    let since = crate::features::completion::queries::open_request(db, row.id)
        .await?
        .map(|r| r.requested_at);
    if since.is_some_and(|since| file.created_at < since) {
        return Err(CommandError::Conflict(
            "Bilagan skickades in tidigare och finns kvar i ärendet. Bifoga en ny fil i stället."
                .to_owned(),
        ));
    }
    Ok(())
}

/// The answers of `row` without empty rows, once nothing stops them being sent: every
/// check of the content for `programme`, the required documents, and `more` problems
/// (`(step, field, message)`); otherwise every problem at once, as `step/field`.
pub async fn ready_to_send(
    db: &impl ConnectionTrait,
    row: &application::Model,
    programme: &grant_programme::Model,
    more: Vec<(&'static str, String, String)>,
) -> Result<Content, CommandError> {
    let content = content_of(row)?.without_empty_rows();
    let mut problems = content.problems(&rules(programme));
    let attached = super::queries::attached_types(db, row.id).await?;
    problems.extend(super::missing_documents(
        &required_documents(programme),
        &attached,
    ));
    problems.extend(more);
    if !problems.is_empty() {
        return Err(CommandError::InvalidAnswers(
            problems
                .into_iter()
                .map(|(step, field, message)| (format!("{step}/{field}"), message))
                .collect(),
        ));
    }
    Ok(content)
}

/// Keeps `frozen` (the answers as sent) as the application's next version; answers its
/// number.
pub async fn freeze_version(
    txn: &impl ConnectionTrait,
    id: Uuid,
    user: Uuid,
    frozen: String,
    at: chrono::DateTime<Utc>,
) -> Result<i32, CommandError> {
    let number = application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(id))
        .count(txn)
        .await? as i32
        + 1;
    application_version::Entity::insert(application_version::ActiveModel {
        application_id: Set(id),
        number: Set(number),
        content: Set(frozen),
        submitted_by: Set(user),
        submitted_at: Set(at),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(number)
}
