//! Account administration from the command line.
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
            role: app::domain::role::Role::Admin,
            password_hash: &hash,
            email_verified_at: Some(Utc::now()),
        },
    )
    .await?;
    events::record(
        &txn,
        NewEvent::about_user(
            id,
            "account.created",
            None,
            json!({ "role": "admin", "by": "server create-admin" }),
        ),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}
