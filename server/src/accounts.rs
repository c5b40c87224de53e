//! Account work outside requests: administration from the command line, and the
//! password reset that the worker carries out for *Glömt lösenordet?*.
use anyhow::{bail, Context};
use app::backend::{
    accounts::normalise_email,
    entities::app_user,
    events::{self, NewEvent},
    password,
};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

/// Creates an active, verified admin account, recorded as an event.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    password_text: &str,
) -> anyhow::Result<Uuid> {
    let email = normalise_email(email);
    let name = name.trim();
    if !email.contains('@') || email.len() > 254 {
        bail!("--email: {email:?} is not an e-mail address");
    }
    if name.is_empty() {
        bail!("--name must not be empty");
    }
    if let Err(weak) = password::check_strength(password_text, &[&email, name]) {
        bail!("the password was refused: {weak}");
    }
    let exists = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some();
    if exists {
        bail!("there is already an account for {email}");
    }
    let hash = tokio::task::spawn_blocking({
        let password_text = password_text.to_owned();
        move || password::hash(&password_text)
    })
    .await
    .context("hashing the password")?;
    let txn = app::backend::db::begin_write(db).await?;
    let id = app::backend::users::create(
        &txn,
        app::backend::users::NewUser {
            email: &email,
            display_name: name,
            title: "",
            phone: "",
            role: "admin",
            password_hash: &hash,
            email_verified_at: Some(Utc::now()),
        },
    )
    .await?;
    events::record(
        &txn,
        NewEvent {
            aggregate_type: "user",
            aggregate_id: id,
            event_type: "account.created",
            actor_id: None,
            payload: json!({ "role": "admin", "by": "server create-admin" }),
            schema_version: 1,
        },
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Carries out a queued *Glömt lösenordet?* for `email`: if an active account has the
/// address, a 1-hour reset link is issued and mailed (with its event) and `true` is
/// returned; otherwise nothing happens.
pub async fn send_password_reset(
    db: &DatabaseConnection,
    public_url: &url::Url,
    email: &str,
) -> Result<bool, sea_orm::DbErr> {
    use app::{
        backend::{
            email_tokens::{self, Purpose},
            events::Effect,
            mail::EmailJob,
        },
        notifications::MailKind,
    };
    let Some(user) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(normalise_email(email)))
        .filter(app_user::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let txn = app::backend::db::begin_write(db).await?;
    let token =
        email_tokens::issue(&txn, user.id, Purpose::Reset, Utc::now().timestamp_millis()).await?;
    let mut link = public_url
        .join("/nytt-losenord")
        .expect("a constant path joins any base URL");
    link.query_pairs_mut().append_pair("token", &token);
    events::record(
        &txn,
        NewEvent {
            aggregate_type: "user",
            aggregate_id: user.id,
            event_type: "account.password_reset_requested",
            actor_id: None,
            payload: json!({}),
            schema_version: 1,
        },
        vec![Effect::Email(EmailJob {
            kind: MailKind::PasswordReset,
            to: user.email.clone(),
            to_name: user.display_name.clone(),
            user_id: Some(user.id),
            data: json!({ "name": user.display_name, "link": link.to_string() }),
        })],
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
