//! Account look-ups that sign-in needs.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::backend::entities::app_user;
use crate::backend::password::{self, PasswordHashString};

/// The outcome of a sign-in attempt.
#[derive(Debug)]
pub enum SignIn {
    Accepted(app_user::Model),
    /// The right password for an account whose address is not confirmed yet.
    Unverified(app_user::Model),
    /// Unknown address, wrong password or a deactivated account: all look the same.
    Refused,
    /// Too many passwords are being checked at once: nothing was decided, try again.
    Busy,
}

/// Checks an e-mail and password. Unknown e-mail and wrong password take the same time
/// and give the same answer.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password_attempt: &str,
) -> Result<SignIn, DbErr> {
    let email = normalise_email(email);
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?;
    let attempt = password_attempt.to_owned();
    // An unknown address still pays for one verification, against a hash nobody has.
    let stored = user
        .as_ref()
        .map(|user| PasswordHashString::from_stored(user.password_hash.clone()));
    let Ok(matches) = password::verify_pooled(attempt, stored).await else {
        return Ok(SignIn::Busy);
    };
    Ok(match user {
        Some(user) if matches && user.active && user.email_verified_at.is_some() => {
            SignIn::Accepted(user)
        }
        Some(user) if matches && user.active => SignIn::Unverified(user),
        _ => SignIn::Refused,
    })
}

/// E-mail addresses are compared trimmed and in lower case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}
