//! The admins' state changes. The caller has checked that the actor is an admin.
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::{ADDRESS_TAKEN, NOT_YOURSELF};
use crate::auth::CurrentUser;
use crate::backend::{
    command::{CommandError, Ctx, FieldProblem},
    email_tokens::{self, Purpose},
    entities::{app_user, user_session},
    events::{self, Effect, NewEvent},
    mail::EmailJob,
    outbox,
    password::PasswordHashString,
    time::swedish_time,
    users,
};
use crate::domain::{
    email,
    role::Role,
    text,
    validation::{by_parser, in_order, problem},
};
use crate::notifications::MailKind;

fn event(
    aggregate_type: &'static str,
    id: Uuid,
    event_type: &'static str,
    admin: Uuid,
    payload: serde_json::Value,
) -> NewEvent {
    NewEvent::about(aggregate_type, id, event_type, Some(admin), payload)
}

/// Queues a test mail to the admin, through the outbox, to check the mail settings.
#[tracing::instrument(skip_all)]
pub async fn send_test_mail(ctx: &Ctx, admin: &CurrentUser) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let job = EmailJob::to_account(
        MailKind::TestMail,
        admin.id,
        &admin.email,
        &admin.display_name,
        json!({
            "name": admin.display_name,
            "sent_by": admin.display_name,
            "time": swedish_time(chrono::Utc::now()),
            "portal_url": ctx.public_url.to_string(),
        }),
    );
    events::record(
        &txn,
        event(
            "user",
            admin.id,
            "mail.test_requested",
            admin.id,
            json!({ "to": admin.email }),
        ),
        vec![Effect::Email(job)],
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// Puts a dead outbox row back in the queue with fresh attempts, recorded in the audit
/// trail. `NotFound` unless the row is dead.
#[tracing::instrument(skip_all, fields(outbox = %id))]
pub async fn retry_outbox_row(
    ctx: &Ctx,
    admin: &CurrentUser,
    id: Uuid,
) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    if !outbox::retry_dead(&txn, id).await? {
        return Err(CommandError::NotFound);
    }
    events::record(
        &txn,
        event("outbox", id, "outbox.retry_requested", admin.id, json!({})),
        Vec::new(),
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// A staff invitation as the form sends it, with its rules.
#[derive(Clone, Debug, Default, validator::Validate)]
pub struct InviteStaff {
    #[validate(custom(function = "person_name"))]
    pub name: String,
    #[validate(custom(function = "address"))]
    pub email: String,
    #[validate(custom(function = "staff_role"))]
    pub role: String,
}

fn person_name(value: &str) -> Result<(), validator::ValidationError> {
    by_parser(text::name(value, "Ange personens namn.", 200))
}

fn address(value: &str) -> Result<(), validator::ValidationError> {
    by_parser(email::parse(value))
}

fn staff_role(value: &str) -> Result<(), validator::ValidationError> {
    match Role::parse(value).filter(|role| role.is_staff()) {
        Some(_) => Ok(()),
        None => Err(problem(
            "Välj en roll: handläggare, attestant eller administratör.",
        )),
    }
}

/// A checked staff invitation.
pub struct StaffInvitation {
    pub name: String,
    pub email: String,
    pub role: Role,
}

/// Checks the form: every problem at once, in the form's order.
pub fn check(input: &InviteStaff) -> Result<StaffInvitation, Vec<FieldProblem>> {
    use validator::Validate;
    input
        .validate()
        .map_err(|errors| in_order(&errors, &["name", "email", "role"]))?;
    let parsed = |message: String| vec![("name", message)];
    Ok(StaffInvitation {
        name: text::name(&input.name, "", 200).map_err(parsed)?,
        email: email::parse(&input.email).map_err(|m| parsed(m.to_owned()))?,
        role: Role::parse(&input.role).ok_or_else(|| parsed(String::new()))?,
    })
}

/// Whether `email` is free for a new staff account: one that has an account is a
/// `Conflict` with [`ADDRESS_TAKEN`]. Asked before the unusable password is hashed;
/// [`invite_staff`] checks again.
pub async fn address_free(ctx: &Ctx, email: &str) -> Result<(), CommandError> {
    let taken = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(&ctx.db)
        .await?
        .is_some();
    if taken {
        return Err(CommandError::Taken {
            field: "email",
            message: ADDRESS_TAKEN.to_owned(),
        });
    }
    Ok(())
}

/// An admin invites a member of staff: the form's checks, a free address, a password
/// nobody knows (until the invited person chooses one by the link), the account and
/// the mail. `Busy` when passwords cannot be hashed now.
#[tracing::instrument(skip_all)]
pub async fn invite(
    ctx: &Ctx,
    admin: &CurrentUser,
    input: &InviteStaff,
) -> Result<(), CommandError> {
    let invitation = check(input).map_err(CommandError::Invalid)?;
    address_free(ctx, &invitation.email).await?;
    let unusable = crate::backend::password::hash_pooled(Uuid::new_v4().to_string())
        .await
        .map_err(|_| CommandError::Busy)?;
    invite_staff(ctx, admin, invitation, &unusable).await
}

/// Creates a staff account with a password nobody knows (`unusable`, hashed by the
/// caller) and mails a 7-day link to choose one. An address that has an account is a
/// `Conflict` with [`ADDRESS_TAKEN`].
#[tracing::instrument(skip_all)]
pub async fn invite_staff(
    ctx: &Ctx,
    admin: &CurrentUser,
    invitation: StaffInvitation,
    unusable: &PasswordHashString,
) -> Result<(), CommandError> {
    address_free(ctx, &invitation.email).await?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let id = users::create(
        &txn,
        users::NewUser {
            email: &invitation.email,
            display_name: &invitation.name,
            title: "",
            phone: "",
            role: invitation.role,
            password_hash: unusable,
            email_verified_at: None,
        },
    )
    .await
    .map_err(
        |error| match CommandError::from_unique_violation(error, ADDRESS_TAKEN) {
            CommandError::Conflict(message) => CommandError::Taken {
                field: "email",
                message,
            },
            other => other,
        },
    )?;
    let token = email_tokens::issue(
        &txn,
        id,
        Purpose::Invite,
        chrono::Utc::now().timestamp_millis(),
    )
    .await?;
    let link = ctx.link_with_token("/nytt-losenord", &token)?;
    events::record(
        &txn,
        event(
            "user",
            id,
            "account.invited",
            admin.id,
            json!({ "role": invitation.role.as_str() }),
        ),
        vec![Effect::Email(EmailJob::to_account(
            MailKind::StaffInvitation,
            id,
            &invitation.email,
            &invitation.name,
            json!({
                "name": invitation.name,
                "role": invitation.role.label(),
                "invited_by": admin.display_name,
                "link": link,
            }),
        ))],
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// Turns account `id` off (its sessions end at once, and no link mailed earlier lets it
/// in again) or on again. Admins cannot turn off their own account (`Conflict`).
#[tracing::instrument(skip_all, fields(account = %id, active))]
pub async fn set_active(
    ctx: &Ctx,
    admin: &CurrentUser,
    id: Uuid,
    active: bool,
) -> Result<(), CommandError> {
    if id == admin.id && !active {
        return Err(CommandError::Conflict(NOT_YOURSELF.to_owned()));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = app_user::Entity::update_many()
        .col_expr(app_user::Column::Active, Expr::value(active))
        .filter(app_user::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(CommandError::NotFound);
    }
    if !active {
        user_session::Entity::delete_many()
            .filter(user_session::Column::UserId.eq(id))
            .exec(&txn)
            .await?;
        let now_ms = chrono::Utc::now().timestamp_millis();
        for purpose in [Purpose::Reset, Purpose::Invite] {
            email_tokens::revoke_all(&txn, id, purpose, now_ms).await?;
        }
    }
    let event_type = if active {
        "account.reactivated"
    } else {
        "account.deactivated"
    };
    events::record(
        &txn,
        event("user", id, event_type, admin.id, json!({})),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
