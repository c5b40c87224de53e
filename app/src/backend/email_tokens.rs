//! Single-use links by e-mail: verifying an address (valid 24 hours) and resetting a
//! password (valid 1 hour). The link carries a random 256-bit token; the database keeps
//! only its SHA-256, and a token works once.
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use crate::backend::{entities::email_token, tokens};

/// What a link is for, and how long it lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Reset,
    /// A staff invitation: choose a password (valid 7 days).
    Invite,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
            Purpose::Invite => "invite",
        }
    }

    pub fn lifetime_ms(self) -> i64 {
        match self {
            Purpose::Verify => 24 * 60 * 60 * 1000,
            Purpose::Reset => 60 * 60 * 1000,
            Purpose::Invite => 7 * 24 * 60 * 60 * 1000,
        }
    }
}

/// Why a link does not work. The page says the same for all: ask for a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    Unknown,
    Used,
    Expired,
}

/// Creates a token for `user_id` and returns it (it goes into the mail, nowhere else).
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: Purpose,
    now_ms: i64,
) -> Result<String, DbErr> {
    let token = tokens::random();
    email_token::Entity::insert(email_token::ActiveModel {
        token_hash: Set(tokens::digest(&token)),
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        expires_at_ms: Set(now_ms + purpose.lifetime_ms()),
        used_at_ms: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// Whose token this is, if it is live; without using it up.
pub async fn peek(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now_ms: i64,
) -> Result<Result<Uuid, Refused>, DbErr> {
    let Some(row) = email_token::Entity::find_by_id(tokens::digest(token))
        .filter(email_token::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
    else {
        return Ok(Err(Refused::Unknown));
    };
    if row.used_at_ms.is_some() {
        return Ok(Err(Refused::Used));
    }
    if now_ms >= row.expires_at_ms {
        return Ok(Err(Refused::Expired));
    }
    Ok(Ok(row.user_id))
}

/// Uses the token up, if it is live. Safe against two requests racing with one link:
/// only the one whose update changes the row gets the user.
pub async fn redeem(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now_ms: i64,
) -> Result<Result<Uuid, Refused>, DbErr> {
    let user_id = match peek(db, token, purpose, now_ms).await? {
        Ok(user_id) => user_id,
        Err(refused) => return Ok(Err(refused)),
    };
    let updated = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAtMs, Expr::value(now_ms))
        .filter(email_token::Column::TokenHash.eq(tokens::digest(token)))
        .filter(email_token::Column::UsedAtMs.is_null())
        .exec(db)
        .await?;
    Ok(if updated.rows_affected == 1 {
        Ok(user_id)
    } else {
        Err(Refused::Used)
    })
}

/// Uses up every live `purpose` link of `user_id` at once: after a password is set
/// (by a reset link or by changing it), an older reset link must not set it again.
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: Purpose,
    now_ms: i64,
) -> Result<u64, DbErr> {
    let updated = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAtMs, Expr::value(now_ms))
        .filter(email_token::Column::UserId.eq(user_id))
        .filter(email_token::Column::Purpose.eq(purpose.as_str()))
        .filter(email_token::Column::UsedAtMs.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected)
}
