//! Server-side sessions: a random 256-bit token in the cookie, its SHA-256 in the
//! database, an idle timeout of 2 hours and an absolute lifetime of 12 hours.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::backend::entities::{app_user, user_session};
use crate::backend::tokens;

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::hours(2);
/// A session ends this long after sign-in, however active.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// The secret in the session cookie. Neither printable nor serializable.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    /// Wraps the value read from a cookie.
    pub fn from_cookie(value: &str) -> Self {
        Self(value.to_owned())
    }

    /// The value to put in the `Set-Cookie` header.
    pub fn expose_for_cookie(&self) -> &str {
        &self.0
    }

    fn hash(&self) -> String {
        tokens::digest(&self.0)
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(***)")
    }
}

/// Starts a new session for `user_id` (always a new id: sign-in never reuses one).
pub async fn create(db: &impl ConnectionTrait, user_id: Uuid) -> Result<SessionToken, DbErr> {
    let token = SessionToken(tokens::random());
    let now = Utc::now();
    user_session::ActiveModel {
        id_hash: Set(token.hash()),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE_TIMEOUT),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The person behind `token`, if the session is live and the account active.
/// Expired sessions are deleted on sight.
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &SessionToken,
) -> Result<Option<CurrentUser>, DbErr> {
    resolve_at(db, token, Utc::now()).await
}

async fn resolve_at(
    db: &impl ConnectionTrait,
    token: &SessionToken,
    now: DateTime<Utc>,
) -> Result<Option<CurrentUser>, DbErr> {
    let Some((session, Some(user))) = user_session::Entity::find_by_id(token.hash())
        .find_also_related(app_user::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let expired = now >= session.expires_at || now - session.last_seen_at >= IDLE_TIMEOUT;
    if expired || !user.active {
        user_session::Entity::delete_by_id(session.id_hash)
            .exec(db)
            .await?;
        return Ok(None);
    }
    let role = user.role;
    if now - session.last_seen_at >= TOUCH_INTERVAL {
        user_session::Entity::update_many()
            .col_expr(
                user_session::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(user_session::Column::IdHash.eq(session.id_hash))
            .exec(db)
            .await?;
    }
    Ok(Some(CurrentUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        role,
    }))
}

/// Deletes every session that has run out (idle or absolute) by `now`; returns how many.
/// Sessions are also refused and deleted when presented; this sweeps the ones that never
/// come back.
pub async fn sweep_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    use sea_orm::sea_query::Condition;
    Ok(user_session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(user_session::Column::ExpiresAt.lte(now))
                .add(user_session::Column::LastSeenAt.lte(now - IDLE_TIMEOUT)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// Ends every session of `user_id` except the one behind `keep` (a password change).
pub async fn end_others(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    keep: &SessionToken,
) -> Result<u64, DbErr> {
    Ok(user_session::Entity::delete_many()
        .filter(user_session::Column::UserId.eq(user_id))
        .filter(user_session::Column::IdHash.ne(keep.hash()))
        .exec(db)
        .await?
        .rows_affected)
}

/// Ends the session behind `token` (sign-out).
pub async fn destroy(db: &impl ConnectionTrait, token: &SessionToken) -> Result<(), DbErr> {
    user_session::Entity::delete_by_id(token.hash())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_never_printed() {
        assert_eq!(
            format!("{:?}", SessionToken::from_cookie("abc")),
            "SessionToken(***)"
        );
    }

    #[test]
    fn the_stored_id_is_the_sha256_of_the_token() {
        let token = SessionToken::from_cookie("abc");
        assert_eq!(
            token.hash(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
