//! Officers' work with associations: proofs of representatives waiting to be verified.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// A proof in the officers' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingVerification {
    pub proof_id: Uuid,
    pub association: String,
    pub org_number: String,
    pub sent: String,
    pub named: Vec<String>,
}

/// A person on the association's account, as the officer sees them in a proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPerson {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    /// Whether the association says the document names this person.
    pub named: bool,
}

/// Everything an officer needs to decide on one proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationDetails {
    pub proof_id: Uuid,
    pub association_id: Uuid,
    pub association: String,
    pub org_number: String,
    /// `pending`, `verified` or `rejected`.
    pub status: String,
    pub sent: String,
    pub sent_by: String,
    pub attachment_id: Uuid,
    pub file_name: String,
    pub size_kb: i64,
    pub people: Vec<NamedPerson>,
    pub board: Vec<String>,
    pub next_annual_meeting: String,
    /// What the form offers: the next annual meeting, capped at 15 months.
    pub default_valid_until: String,
    pub latest_valid_until: String,
}

/// Officers and admins verify representatives; everyone else gets 404.
#[cfg(feature = "ssr")]
pub(crate) fn verifier() -> Result<crate::auth::CurrentUser, AppError> {
    use crate::domain::role::Role;
    let user = super::signed_in()?;
    if matches!(user.role, Role::Officer | Role::Admin) {
        Ok(user)
    } else {
        Err(super::refuse(AppError::NotFound))
    }
}

#[server(prefix = "/api", endpoint = "officer/verifications")]
pub async fn pending_verifications() -> Result<Vec<PendingVerification>, AppError> {
    use crate::backend::{
        entities::{app_user, association},
        representatives,
    };
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    verifier()?;
    let db = super::db()?;
    let mut rows = Vec::new();
    for proof in representatives::pending(&db).await? {
        let Some(association) = association::Entity::find_by_id(proof.association_id)
            .one(&db)
            .await?
        else {
            continue;
        };
        let named = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(representatives::named_users(&proof)))
            .all(&db)
            .await?
            .into_iter()
            .map(|user| user.display_name)
            .collect();
        rows.push(PendingVerification {
            proof_id: proof.id,
            association: association.name,
            org_number: association.org_number,
            sent: crate::backend::time::date(proof.created_at),
            named,
        });
    }
    Ok(rows)
}

#[server(prefix = "/api", endpoint = "officer/verification")]
pub async fn verification(id: Uuid) -> Result<VerificationDetails, AppError> {
    use crate::backend::{
        entities::{
            app_user, association, association_member, attachment, board_member,
            representative_proof,
        },
        representatives,
    };
    use crate::domain::{board::BoardRole, representation};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    verifier()?;
    let db = super::db()?;
    let Some(proof) = representative_proof::Entity::find_by_id(id)
        .one(&db)
        .await?
    else {
        return Err(super::refuse(AppError::NotFound));
    };
    let (Some(association), Some(file)) = (
        association::Entity::find_by_id(proof.association_id)
            .one(&db)
            .await?,
        attachment::Entity::find_by_id(proof.attachment_id)
            .one(&db)
            .await?,
    ) else {
        return Err(super::refuse(AppError::NotFound));
    };
    let named = representatives::named_users(&proof);
    let people = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association.id))
        .find_also_related(app_user::Entity)
        .all(&db)
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
            .one(&db)
            .await?
            .map(|user| user.display_name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let board = board_member::Entity::find()
        .filter(board_member::Column::AssociationId.eq(association.id))
        .order_by_asc(board_member::Column::CreatedAt)
        .all(&db)
        .await?
        .into_iter()
        .map(|row| {
            let role = BoardRole::parse(&row.role)
                .map(BoardRole::label)
                .unwrap_or("ledamot");
            format!("{} ({role})", row.name)
        })
        .collect();
    let today = crate::backend::time::today();
    Ok(VerificationDetails {
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
    })
}
