//! Creating an account: the one place a row of `app_user` is written, whoever creates
//! it (registration, an accepted invitation, an admin's staff invitation, the command
//! line, demo data, tests).
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use uuid::Uuid;

use crate::backend::{entities::app_user, password::PasswordHashString};

/// A new account.
pub struct NewUser<'a> {
    /// Normalised (trimmed, lower case): addresses are compared that way.
    pub email: &'a str,
    pub display_name: &'a str,
    pub title: &'a str,
    pub phone: &'a str,
    /// `applicant`, `officer`, `approver` or `admin`.
    pub role: crate::domain::role::Role,
    pub password_hash: &'a PasswordHashString,
    /// When the address was proven (a link from a mail was used), if it was.
    pub email_verified_at: Option<DateTime<Utc>>,
}

/// Writes the account, active, and returns its id. The caller records the event that
/// says why it exists, in the same transaction.
pub async fn create(db: &impl ConnectionTrait, user: NewUser<'_>) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    app_user::Entity::insert(app_user::ActiveModel {
        id: Set(id),
        email: Set(user.email.to_owned()),
        display_name: Set(user.display_name.to_owned()),
        title: Set(user.title.to_owned()),
        phone: Set(user.phone.to_owned()),
        role: Set(user.role),
        password_hash: Set(user.password_hash.expose_for_storage().to_owned()),
        email_verified_at: Set(user.email_verified_at),
        active: Set(true),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// The active officer or admin `id`, who may handle cases; `Forbidden` with `refusal`
/// (Swedish, what they may not do) for anyone else.
pub async fn officer(
    db: &impl ConnectionTrait,
    id: Uuid,
    refusal: &str,
) -> Result<app_user::Model, crate::backend::command::CommandError> {
    app_user::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|u| u.active && u.role.handles_cases())
        .ok_or_else(|| crate::backend::command::CommandError::Forbidden(refusal.to_owned()))
}
