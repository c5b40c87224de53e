//! Invitations to an association's account, and who may manage its members.
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use crate::backend::{
    entities::{association_invitation, association_member},
    tokens,
};

/// How long an invitation link works.
pub const LIFETIME_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Creates an invitation and returns the token for the link.
pub async fn issue(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    email: &str,
    invited_by: Uuid,
    now_ms: i64,
) -> Result<String, DbErr> {
    let token = tokens::random();
    association_invitation::Entity::insert(association_invitation::ActiveModel {
        token_hash: Set(tokens::digest(&token)),
        association_id: Set(association_id),
        email: Set(email.to_owned()),
        invited_by: Set(invited_by),
        expires_at_ms: Set(now_ms + LIFETIME_MS),
        accepted_at_ms: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// The live invitation behind `token`, if any (unused and not expired).
pub async fn live(
    db: &impl ConnectionTrait,
    token: &str,
    now_ms: i64,
) -> Result<Option<association_invitation::Model>, DbErr> {
    Ok(
        association_invitation::Entity::find_by_id(tokens::digest(token))
            .one(db)
            .await?
            .filter(|invitation| {
                invitation.accepted_at_ms.is_none() && now_ms < invitation.expires_at_ms
            }),
    )
}

/// Uses the invitation and makes `user_id` a member. Returns false if it was no longer
/// live (used by a request racing this one).
pub async fn accept(
    db: &impl ConnectionTrait,
    token: &str,
    user_id: Uuid,
    now_ms: i64,
) -> Result<bool, DbErr> {
    let Some(invitation) = live(db, token, now_ms).await? else {
        return Ok(false);
    };
    let used = association_invitation::Entity::update_many()
        .col_expr(
            association_invitation::Column::AcceptedAtMs,
            Expr::value(now_ms),
        )
        .filter(association_invitation::Column::TokenHash.eq(tokens::digest(token)))
        .filter(association_invitation::Column::AcceptedAtMs.is_null())
        .exec(db)
        .await?;
    if used.rows_affected != 1 {
        return Ok(false);
    }
    let already = association_member::Entity::find_by_id((invitation.association_id, user_id))
        .one(db)
        .await?
        .is_some();
    if !already {
        association_member::Entity::insert(association_member::ActiveModel {
            association_id: Set(invitation.association_id),
            user_id: Set(user_id),
            role: Set(crate::domain::role::MemberRole::Member),
            created_at: Set(chrono::Utc::now()),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(true)
}

/// The role of `user_id` in the association's account, if any.
pub async fn role_in(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    user_id: Uuid,
) -> Result<Option<crate::domain::role::MemberRole>, DbErr> {
    Ok(
        association_member::Entity::find_by_id((association_id, user_id))
            .one(db)
            .await?
            .map(|member| member.role),
    )
}

/// How many owners the association's account has.
pub async fn owners(db: &impl ConnectionTrait, association_id: Uuid) -> Result<usize, DbErr> {
    Ok(association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association_id))
        .filter(association_member::Column::Role.eq(crate::domain::role::MemberRole::Owner))
        .all(db)
        .await?
        .len())
}

/// The association's invitations that are still waiting: not used, not expired.
pub async fn pending(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    now_ms: i64,
) -> Result<Vec<association_invitation::Model>, DbErr> {
    use sea_orm::QueryOrder;
    association_invitation::Entity::find()
        .filter(association_invitation::Column::AssociationId.eq(association_id))
        .filter(association_invitation::Column::AcceptedAtMs.is_null())
        .filter(association_invitation::Column::ExpiresAtMs.gt(now_ms))
        .order_by_asc(association_invitation::Column::ExpiresAtMs)
        .all(db)
        .await
}

/// Ends a waiting invitation of the association (its link stops working). Returns the
/// invitation if it was waiting.
pub async fn withdraw(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    token_hash: &str,
    now_ms: i64,
) -> Result<Option<association_invitation::Model>, DbErr> {
    let Some(invitation) = association_invitation::Entity::find_by_id(token_hash.to_owned())
        .filter(association_invitation::Column::AssociationId.eq(association_id))
        .filter(association_invitation::Column::AcceptedAtMs.is_null())
        .filter(association_invitation::Column::ExpiresAtMs.gt(now_ms))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    association_invitation::Entity::update_many()
        .col_expr(
            association_invitation::Column::ExpiresAtMs,
            Expr::value(now_ms),
        )
        .filter(association_invitation::Column::TokenHash.eq(token_hash))
        .exec(db)
        .await?;
    Ok(Some(invitation))
}
