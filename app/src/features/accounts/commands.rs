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

/// Checks a signed-in person's password again before a sensitive change, throttled as
/// sign-in is (five wrong attempts per address and IP in 15 minutes, counted before the
/// check), so a borrowed session cannot be used to guess it. A wrong password is a
/// problem of `field`.
pub async fn recheck_password(
    ctx: &Ctx,
    email: &str,
    attempt: &str,
    ip: &str,
    field: &'static str,
) -> Result<(), CommandError> {
    use crate::backend::{accounts, throttle};
    let now_ms = chrono::Utc::now().timestamp_millis();
    if let Some(until) = throttle::take_attempt(&ctx.db, email, ip, now_ms).await? {
        let minutes = throttle::minutes_until(until, now_ms);
        return Err(CommandError::Throttled {
            field,
            message: format!(
                "För många felaktiga lösenord. Försök igen om {minutes} {}.",
                if minutes == 1 { "minut" } else { "minuter" }
            ),
            retry_after_s: (until - now_ms).max(0) / 1000 + 1,
        });
    }
    match accounts::authenticate(&ctx.db, email, attempt).await? {
        accounts::SignIn::Accepted(_) => Ok(throttle::clear(&ctx.db, email, ip).await?),
        accounts::SignIn::Busy => {
            throttle::give_back(&ctx.db, email, ip, now_ms).await?;
            Err(CommandError::Busy)
        }
        _ => Err(CommandError::Invalid(vec![(
            field,
            "Lösenordet stämmer inte.".to_owned(),
        )])),
    }
}

/// What the *Byt lösenord* form sent. No `Debug`: it holds passwords.
pub struct NewPassword {
    pub current: String,
    pub new: String,
    /// The client's address, for the throttle.
    pub ip: String,
}

/// A signed-in person changes their password: the current one (re-checked, throttled),
/// a new one that is strong enough and different; every other session ends.
#[tracing::instrument(skip_all)]
pub async fn set_new_password(
    ctx: &Ctx,
    user: &CurrentUser,
    keep: &SessionToken,
    input: NewPassword,
) -> Result<(), CommandError> {
    use crate::backend::password;
    use crate::features::accounts::pages::change_password::field;
    let mut problems = Vec::new();
    if input.current.is_empty() {
        problems.push((field::CURRENT, "Ange ditt nuvarande lösenord.".to_owned()));
    }
    if let Err(weak) = password::check_strength(&input.new, &[&user.email, &user.display_name]) {
        problems.push((field::NEW, weak.to_string()));
    }
    if !problems.is_empty() {
        return Err(CommandError::Invalid(problems));
    }
    recheck_password(ctx, &user.email, &input.current, &input.ip, field::CURRENT).await?;
    if input.current == input.new {
        return Err(CommandError::Invalid(vec![(
            field::NEW,
            "Välj ett annat lösenord än det du har nu.".to_owned(),
        )]));
    }
    let hash = password::hash_pooled(input.new)
        .await
        .map_err(|_| CommandError::Busy)?;
    change_password(ctx, user, keep, &hash).await
}

/// A signed-in person deletes their account after typing the password again; the ids
/// of the mails kept about them come back, for the caller to remove.
#[tracing::instrument(skip_all)]
pub async fn delete_own_account(
    ctx: &Ctx,
    user: &CurrentUser,
    password_attempt: &str,
    ip: &str,
) -> Result<Vec<Uuid>, CommandError> {
    if password_attempt.is_empty() {
        return Err(CommandError::Invalid(vec![(
            "password",
            "Ange ditt lösenord.".to_owned(),
        )]));
    }
    recheck_password(ctx, &user.email, password_attempt, ip, "password").await?;
    delete_account(ctx, user).await
}

/// A sign-in attempt as the form sent it, with where it came from. No `Debug`: it holds
/// a password.
pub struct SignInAttempt {
    pub email: String,
    pub password: String,
    /// The client's address, for the throttle.
    pub ip: String,
}

/// Why a sign-in did not start a session.
#[derive(Debug)]
pub enum SignInRefused {
    /// A field is missing or impossible: the messages by the fields.
    Invalid(Vec<crate::backend::command::FieldProblem>),
    /// Too many failed attempts for this address from this IP: wait `retry_after_s`.
    Throttled { message: String, retry_after_s: i64 },
    /// The right password for an address not yet confirmed: a fresh link was sent.
    Unverified,
    /// Wrong address or password (the same answer for both, and for deactivated accounts).
    Refused,
    /// Too many passwords are being checked at once; nothing was decided or counted.
    Busy,
    /// Something in the server failed.
    Failed(CommandError),
}

impl From<CommandError> for SignInRefused {
    fn from(error: CommandError) -> Self {
        SignInRefused::Failed(error)
    }
}

impl From<sea_orm::DbErr> for SignInRefused {
    fn from(error: sea_orm::DbErr) -> Self {
        SignInRefused::Failed(CommandError::Db(error))
    }
}

impl SignInRefused {
    /// The message above the form.
    pub fn message(&self) -> Option<String> {
        match self {
            SignInRefused::Throttled { message, .. } => Some(message.clone()),
            SignInRefused::Unverified => Some("Du behöver bekräfta din e-postadress innan du kan logga in. Vi har skickat en ny länk till dig.".into()),
            SignInRefused::Refused => Some("Fel e-postadress eller lösenord. Kontrollera uppgifterna och försök igen.".into()),
            SignInRefused::Busy => Some(crate::backend::password::Busy.to_string()),
            SignInRefused::Invalid(_) | SignInRefused::Failed(_) => None,
        }
    }
}

/// The form's checks: both fields present, nothing absurd or hidden.
fn check_sign_in(attempt: &SignInAttempt) -> Vec<crate::backend::command::FieldProblem> {
    use crate::domain::{email, registration::limit, text};
    let mut problems = Vec::new();
    let address = attempt.email.trim();
    if address.is_empty() {
        problems.push(("email", "Ange din e-postadress.".to_owned()));
    }
    if attempt.email.chars().count() > 254 {
        problems.push(("email", text::too_long(254)));
    } else if attempt.email.chars().any(text::is_hidden) {
        // Nobody's address holds these, and PostgreSQL refuses NUL outright.
        problems.push(("email", email::HIDDEN.to_owned()));
    }
    if attempt.password.is_empty() {
        problems.push(("password", "Ange ditt lösenord.".to_owned()));
    } else if attempt.password.chars().count() > limit::PASSWORD {
        problems.push(("password", text::too_long(limit::PASSWORD)));
    }
    problems
}

/// Signs a person in: the form's checks, the throttle (the attempt is counted before
/// the password is checked and forgotten after a success, so parallel guesses count
/// too), the password, and a new session. An unconfirmed address with the right
/// password gets a fresh confirmation link instead.
#[tracing::instrument(skip_all)]
pub async fn sign_in(ctx: &Ctx, attempt: SignInAttempt) -> Result<SessionToken, SignInRefused> {
    use crate::backend::{accounts, throttle};
    let problems = check_sign_in(&attempt);
    if !problems.is_empty() {
        return Err(SignInRefused::Invalid(problems));
    }
    let email = accounts::normalise_email(&attempt.email);
    let ip = attempt.ip.as_str();
    let now_ms = chrono::Utc::now().timestamp_millis();
    if let Some(until) = throttle::take_attempt(&ctx.db, &email, ip, now_ms).await? {
        let minutes = throttle::minutes_until(until, now_ms);
        return Err(SignInRefused::Throttled {
            message: format!(
                "För många misslyckade inloggningsförsök. Försök igen om {minutes} {}. Har du glömt lösenordet kan du kontakta oss.",
                if minutes == 1 { "minut" } else { "minuter" }
            ),
            retry_after_s: (until - now_ms).max(0) / 1000 + 1,
        });
    }
    let user = match accounts::authenticate(&ctx.db, &attempt.email, &attempt.password).await? {
        accounts::SignIn::Accepted(user) => user,
        accounts::SignIn::Unverified(user) => {
            // The password was right, so saying so reveals nothing; send a fresh link.
            throttle::clear(&ctx.db, &email, ip).await?;
            let recipient = crate::features::registration::commands::Recipient {
                id: user.id,
                email: &user.email,
                name: &user.display_name,
            };
            crate::features::registration::commands::send_verification(ctx, recipient).await?;
            return Err(SignInRefused::Unverified);
        }
        accounts::SignIn::Busy => {
            // Nothing was decided: the attempt does not count against the person.
            throttle::give_back(&ctx.db, &email, ip, now_ms).await?;
            return Err(SignInRefused::Busy);
        }
        accounts::SignIn::Refused => return Err(SignInRefused::Refused),
    };
    throttle::clear(&ctx.db, &email, ip).await?;
    Ok(start_session(ctx, &user).await?)
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
