//! What the representatives feature reads: who is verified, who may manage the
//! association, the proofs waiting for an officer, one proof as the officer sees it.
use std::collections::HashSet;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{NamedPerson, PendingVerification, VerificationDetails};
use crate::backend::entities::{
    app_user, association, association_member, attachment, board_member, representative,
    representative_proof,
};
use crate::domain::{representation, role::Role};

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
        .filter(association_member::Column::Role.eq(crate::domain::role::MemberRole::Owner))
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
        .filter(association_member::Column::Role.eq(crate::domain::role::MemberRole::Owner))
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
        .filter(representative_proof::Column::Status.eq(super::ProofStatus::Pending))
        .order_by_asc(representative_proof::Column::CreatedAt)
        .all(db)
        .await
}

/// The account members a proof names.
pub fn named_users(proof: &representative_proof::Model) -> Vec<Uuid> {
    serde_json::from_str(&proof.named_users).unwrap_or_default()
}

/// The ids of the people on the association's account.
pub async fn member_ids(
    db: &impl ConnectionTrait,
    association_id: Uuid,
) -> Result<HashSet<Uuid>, DbErr> {
    Ok(association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association_id))
        .all(db)
        .await?
        .into_iter()
        .map(|member| member.user_id)
        .collect())
}

/// The proofs waiting for an officer, oldest first, with the names they give. Two
/// queries in all, however many proofs wait.
pub async fn pending_verifications(
    db: &impl ConnectionTrait,
) -> Result<Vec<PendingVerification>, DbErr> {
    let proofs = pending(db).await?;
    let associations: std::collections::HashMap<Uuid, association::Model> =
        association::Entity::find()
            .filter(association::Column::Id.is_in(proofs.iter().map(|p| p.association_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
    let people: std::collections::HashMap<Uuid, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(proofs.iter().flat_map(named_users)))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.display_name))
        .collect();
    Ok(proofs
        .into_iter()
        .filter_map(|proof| {
            let association = associations.get(&proof.association_id)?;
            Some(PendingVerification {
                proof_id: proof.id,
                association: association.name.clone(),
                org_number: association.org_number.clone(),
                sent: crate::backend::time::date(proof.created_at),
                named: named_users(&proof)
                    .iter()
                    .filter_map(|id| people.get(id).cloned())
                    .collect(),
            })
        })
        .collect())
}

/// One proof as the officer decides on it, or `None` if there is no such proof.
pub async fn verification(
    db: &impl ConnectionTrait,
    id: Uuid,
    today: NaiveDate,
) -> Result<Option<VerificationDetails>, DbErr> {
    let Some(proof) = representative_proof::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let (Some(association), Some(file)) = (
        association::Entity::find_by_id(proof.association_id)
            .one(db)
            .await?,
        attachment::Entity::find_by_id(proof.attachment_id)
            .one(db)
            .await?,
    ) else {
        return Ok(None);
    };
    let named = named_users(&proof);
    let people = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association.id))
        .find_also_related(app_user::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(_, user)| user)
        .map(|user| NamedPerson {
            named: named.contains(&user.id),
            user_id: user.id,
            name: user.display_name,
            email: user.email,
        })
        .collect();
    let sent_by = match proof.submitted_by {
        Some(user_id) => app_user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .map(|user| user.display_name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let board = board_member::Entity::find()
        .filter(board_member::Column::AssociationId.eq(association.id))
        .order_by_asc(board_member::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let role = row.role.label();
            format!("{} ({role})", row.name)
        })
        .collect();
    Ok(Some(VerificationDetails {
        proof_id: proof.id,
        association_id: association.id,
        association: association.name,
        org_number: association.org_number,
        status: proof.status,
        sent: crate::backend::time::date(proof.created_at),
        sent_by,
        attachment_id: file.id,
        file_name: file.file_name,
        size_kb: (file.size_bytes + 1023) / 1024,
        people,
        board,
        next_annual_meeting: proof.next_annual_meeting.to_string(),
        default_valid_until: representation::default_valid_until(today, proof.next_annual_meeting)
            .to_string(),
        latest_valid_until: representation::latest_valid_until(today).to_string(),
    }))
}

/// The stored document `id` if `user` may read it: officers and admins read every
/// association's documents, members their own association's; approvers and everyone
/// else do not need them. `None` whether it is missing or not theirs.
pub async fn readable_document(
    db: &impl ConnectionTrait,
    id: Uuid,
    user: &crate::auth::CurrentUser,
) -> Result<Option<attachment::Model>, DbErr> {
    let Some(file) = attachment::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    if matches!(user.role, Role::Officer | Role::Admin) {
        return Ok(Some(file));
    }
    let member = association_member::Entity::find_by_id((file.association_id, user.id))
        .one(db)
        .await?;
    Ok(member.map(|_| file))
}
