//! Who may act for an association: proofs waiting for an officer, and the
//! representatives an officer has verified, each until a date.
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::backend::entities::{association_member, representative, representative_proof};

pub const PENDING: &str = "pending";
pub const VERIFIED: &str = "verified";
pub const REJECTED: &str = "rejected";

/// Whether `user_id` is a verified representative of the association on `today` (and
/// still on its account). Any member may draft; only a verified representative may
/// submit, sign follow-up reports and apply for membership.
pub async fn is_verified(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    user_id: Uuid,
    today: NaiveDate,
) -> Result<bool, DbErr> {
    Ok(current(db, association_id, today)
        .await?
        .iter()
        .any(|row| row.user_id == user_id))
}

/// Whether `user_id` may change where the association's money goes (bankgiro,
/// plusgiro) and who is on its board: an owner of its account, or a verified
/// representative. Other members may draft and edit the rest of the profile.
pub async fn may_manage(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    user_id: Uuid,
    today: NaiveDate,
) -> Result<bool, DbErr> {
    let owner = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association_id))
        .filter(association_member::Column::UserId.eq(user_id))
        .filter(association_member::Column::Role.eq("owner"))
        .one(db)
        .await?
        .is_some();
    Ok(owner || is_verified(db, association_id, user_id, today).await?)
}

/// Who is told when the payment details change: the owners and the verified
/// representatives, each once, as (user id, e-mail, name).
pub async fn payment_watchers(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<(Uuid, String, String)>, DbErr> {
    use crate::backend::entities::app_user;
    let owners = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association_id))
        .filter(association_member::Column::Role.eq("owner"))
        .all(db)
        .await?
        .into_iter()
        .map(|member| member.user_id);
    let representatives = current(db, association_id, today)
        .await?
        .into_iter()
        .map(|row| row.user_id);
    let mut ids: Vec<Uuid> = owners.chain(representatives).collect();
    ids.sort();
    ids.dedup();
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .filter(app_user::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.email, user.display_name))
        .collect())
}

/// The association's representatives whose verification still holds on `today`, among
/// the people on its account.
pub async fn current(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<representative::Model>, DbErr> {
    let members: Vec<Uuid> = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association_id))
        .all(db)
        .await?
        .into_iter()
        .map(|member| member.user_id)
        .collect();
    representative::Entity::find()
        .filter(representative::Column::AssociationId.eq(association_id))
        .filter(representative::Column::ValidUntil.gte(today))
        .filter(representative::Column::UserId.is_in(members))
        .all(db)
        .await
}

/// The association's latest proof, whatever its state.
pub async fn latest_proof(
    db: &impl ConnectionTrait,
    association_id: Uuid,
) -> Result<Option<representative_proof::Model>, DbErr> {
    representative_proof::Entity::find()
        .filter(representative_proof::Column::AssociationId.eq(association_id))
        .order_by_desc(representative_proof::Column::CreatedAt)
        .one(db)
        .await
}

/// Every proof waiting for an officer, oldest first.
pub async fn pending(db: &impl ConnectionTrait) -> Result<Vec<representative_proof::Model>, DbErr> {
    representative_proof::Entity::find()
        .filter(representative_proof::Column::Status.eq(PENDING))
        .order_by_asc(representative_proof::Column::CreatedAt)
        .all(db)
        .await
}

/// The account members a proof names.
pub fn named_users(proof: &representative_proof::Model) -> Vec<Uuid> {
    serde_json::from_str(&proof.named_users).unwrap_or_default()
}
