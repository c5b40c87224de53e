//! The accounts' state changes.
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::LAST_OWNER;
use crate::auth::CurrentUser;
use crate::backend::{
    command::{CommandError, Ctx},
    email_tokens::{self, Purpose},
    entities::app_user,
    events::{self, Effect, NewEvent},
    mail::EmailJob,
    my_data,
    password::PasswordHashString,
    preferences,
    sessions::{self, SessionToken},
    time::swedish_time,
};
use crate::notifications::MailKind;
use crate::site::contact;

fn event(user: Uuid, event_type: &'static str, payload: serde_json::Value) -> NewEvent {
    NewEvent::about_user(user, event_type, Some(user), payload)
}

/// A new session for `user`, whose password was right, with the event and the
/// (optional) *Ny inloggning på ditt konto* mail.
#[tracing::instrument(skip_all)]
pub async fn start_session(
    ctx: &Ctx,
    user: &app_user::Model,
) -> Result<SessionToken, CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let token = sessions::create(&txn, user.id).await?;
    let notice = EmailJob::to_account(
        MailKind::SignInNotice,
        user.id,
        &user.email,
        &user.display_name,
        json!({
            "name": user.display_name,
            "time": swedish_time(chrono::Utc::now()),
            "contact_email": contact::EMAIL,
            "settings_url": ctx.link("/mina-sidor/installningar")?,
        }),
    );
    events::record(
        &txn,
        event(user.id, "account.signed_in", json!({})),
        vec![Effect::Email(notice)],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(token)
}

/// Turns each optional notification on or off as `wanted` says.
#[tracing::instrument(skip_all)]
pub async fn save_notification_settings(
    ctx: &Ctx,
    user: &CurrentUser,
    wanted: impl Fn(MailKind) -> bool,
) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    for kind in MailKind::optional() {
        preferences::set(&txn, user.id, kind, wanted(kind)).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Sets the new password `hash` (the caller has checked the current one): every other
/// session ends (`keep` goes on), and so does every outstanding reset or invitation link.
#[tracing::instrument(skip_all)]
pub async fn change_password(
    ctx: &Ctx,
    user: &CurrentUser,
    keep: &SessionToken,
    hash: &PasswordHashString,
) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    app_user::Entity::update_many()
        .col_expr(
            app_user::Column::PasswordHash,
            Expr::value(hash.expose_for_storage()),
        )
        .filter(app_user::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    let ended = sessions::end_others(&txn, user.id, keep).await?;
    let now_ms = chrono::Utc::now().timestamp_millis();
    for purpose in [Purpose::Reset, Purpose::Invite] {
        email_tokens::revoke_all(&txn, user.id, purpose, now_ms).await?;
    }
    events::record(
        &txn,
        event(
            user.id,
            "account.password_changed",
            json!({ "other_sessions_ended": ended }),
        ),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes the account and what is stored about the person (the caller has checked the
/// password). The last owner of an account others use cannot (`Conflict` with
/// [`LAST_OWNER`]). Returns the ids of the kept mail files to remove.
#[tracing::instrument(skip_all)]
pub async fn delete_account(ctx: &Ctx, user: &CurrentUser) -> Result<Vec<Uuid>, CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    if let Err(my_data::Blocked::LastOwner) = my_data::may_delete(&txn, user.id).await? {
        return Err(CommandError::Conflict(LAST_OWNER.to_owned()));
    }
    let mail_ids = my_data::delete(&txn, user.id).await?;
    events::record(
        &txn,
        event(user.id, "account.deleted", json!({})),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(mail_ids)
}
