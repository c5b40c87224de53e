//! An officer opens a closed programme for one association: a late window, with the
//! last day and the reason, recorded as an event; the association's owners are told.
use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use crate::backend::{
    command::{CommandError, Ctx, FieldProblem},
    entities::{app_user, association, association_member, grant_programme, late_window},
    events::{self, Effect, NewEvent},
    mail::EmailJob,
};
use crate::domain::{
    programme_window::{long_date, Window},
    representation::parse_date,
    role::{MemberRole, Role},
    text,
};
use crate::notifications::MailKind;

/// The form's fields.
pub mod field {
    pub const ASSOCIATION: &str = "association";
    pub const PROGRAMME: &str = "programme";
    pub const OPEN_UNTIL: &str = "open_until";
    pub const REASON: &str = "reason";
}

/// A late window stays open at most this many days from today.
pub const MAX_DAYS: i64 = 90;

/// What the officer asks for.
#[derive(Clone, Debug, Default)]
pub struct OpenLate {
    pub officer: Uuid,
    pub association: String,
    pub programme: String,
    pub open_until: String,
    pub reason: String,
}

/// Opens the programme for the association until the given day. Officers and admins
/// only; the programme must have a window (one open all year needs none).
#[tracing::instrument(skip_all)]
pub async fn open_late_window(ctx: &Ctx, input: OpenLate) -> Result<Uuid, CommandError> {
    let officer = app_user::Entity::find_by_id(input.officer)
        .one(&ctx.db)
        .await?
        .filter(|u| u.active && matches!(u.role, Role::Officer | Role::Admin))
        .ok_or_else(|| {
            CommandError::Forbidden("Bara handläggare kan öppna en ansökan efter sista dag.".into())
        })?;
    let mut problems: Vec<FieldProblem> = Vec::new();
    let association = match Uuid::parse_str(input.association.trim()) {
        Ok(id) => association::Entity::find_by_id(id).one(&ctx.db).await?,
        Err(_) => None,
    };
    if association.is_none() {
        problems.push((field::ASSOCIATION, "Välj föreningen.".into()));
    }
    let programme = match Uuid::parse_str(input.programme.trim()) {
        Ok(id) => grant_programme::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .filter(|p| p.active),
        Err(_) => None,
    };
    match &programme {
        None => problems.push((field::PROGRAMME, "Välj bidragsformen.".into())),
        Some(p) if matches!(super::window(p), Window::Always) => problems.push((
            field::PROGRAMME,
            format!(
                "{} går att söka året runt och behöver ingen sen ansökan.",
                p.name
            ),
        )),
        Some(_) => {}
    }
    let last = ctx.today + Duration::days(MAX_DAYS);
    match parse_date(input.open_until.trim()) {
        None => problems.push((
            field::OPEN_UNTIL,
            "Ange sista dag som ett datum, till exempel 2027-06-15.".into(),
        )),
        Some(day) if day < ctx.today => problems.push((
            field::OPEN_UNTIL,
            "Sista dag kan inte vara före i dag.".into(),
        )),
        Some(day) if day > last => problems.push((
            field::OPEN_UNTIL,
            format!(
                "Sista dag kan vara högst {MAX_DAYS} dagar fram, senast {}.",
                long_date(last)
            ),
        )),
        Some(_) => {}
    }
    let reason = text::free_text(
        &input.reason,
        Some("Skriv varför föreningen får söka efter sista dag."),
        2000,
    )
    .map_err(|message| problems.push((field::REASON, message)))
    .unwrap_or_default();
    let (Some(association), Some(programme), Some(open_until), true) = (
        association,
        programme,
        parse_date(input.open_until.trim()),
        problems.is_empty(),
    ) else {
        return Err(CommandError::Invalid(problems));
    };

    let owners = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association.id))
        .filter(association_member::Column::Role.eq(MemberRole::Owner))
        .find_also_related(app_user::Entity)
        .all(&ctx.db)
        .await?;
    let link = ctx.link(&format!("/foreningar/{}/ansokningar", association.id))?;
    let mails = owners
        .into_iter()
        .filter_map(|(_, person)| person)
        .map(|person| {
            Effect::Email(EmailJob::to_account(
                MailKind::LateWindowOpened,
                person.id,
                &person.email,
                &person.display_name,
                json!({
                    "name": person.display_name,
                    "association": association.name,
                    "programme": programme.name,
                    "until": long_date(open_until),
                    "link": link,
                }),
            ))
        })
        .collect();
    let id = Uuid::now_v7();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    late_window::Entity::insert(late_window::ActiveModel {
        id: Set(id),
        programme_id: Set(programme.id),
        association_id: Set(association.id),
        open_until: Set(open_until),
        reason: Set(reason.clone()),
        granted_by: Set(officer.id),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about(
            "association",
            association.id,
            "programme.late_window_opened",
            Some(officer.id),
            json!({
                "programme": programme.slug,
                "open_until": open_until,
                "reason": reason,
            }),
        ),
        mails,
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(id)
}
