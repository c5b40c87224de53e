//! The association's page as its members and the staff read it: the parts beyond the
//! association's own row.
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::api::{AccessRequestRow, BoardRow, InvitationRow, PaymentChange, ProofSummary};
use crate::backend::entities::{access_request, attachment, board_member, representative};
use crate::domain::board::BoardRole;
use crate::features::representatives::queries as representatives;

pub struct Extra {
    pub board: Vec<BoardRow>,
    pub access_requests: Vec<AccessRequestRow>,
    pub representatives: Vec<representative::Model>,
    pub proof: Option<ProofSummary>,
    pub me_verified: bool,
    pub payment_change: Option<PaymentChange>,
    pub invitations: Vec<InvitationRow>,
}

pub async fn details(
    db: &DatabaseConnection,
    id: Uuid,
    me: Uuid,
    is_owner: bool,
) -> Result<Extra, DbErr> {
    let today = crate::backend::time::today();
    let mut board: Vec<(usize, BoardRow)> = board_member::Entity::find()
        .filter(board_member::Column::AssociationId.eq(id))
        .order_by_asc(board_member::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let role = row.role;
            (
                BoardRole::ALL
                    .iter()
                    .position(|x| *x == role)
                    .unwrap_or(usize::MAX),
                BoardRow {
                    id: row.id,
                    name: row.name,
                    role: role.label().to_owned(),
                },
            )
        })
        .collect();
    board.sort_by_key(|(order, _)| *order);
    let access_requests = if is_owner {
        access_request::Entity::find()
            .filter(access_request::Column::AssociationId.eq(id))
            .filter(access_request::Column::Outcome.is_null())
            .filter(access_request::Column::ConfirmedAt.is_not_null())
            .order_by_asc(access_request::Column::CreatedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|row| AccessRequestRow {
                id: row.id,
                name: row.name,
                email: row.email,
                message: row.message,
                received: crate::backend::time::date(row.created_at),
            })
            .collect()
    } else {
        Vec::new()
    };
    let current = representatives::current(db, id, today).await?;
    let me_verified = current.iter().any(|row| row.user_id == me);
    let proof = match representatives::latest_proof(db, id).await? {
        Some(proof) => {
            let file = attachment::Entity::find_by_id(proof.attachment_id)
                .one(db)
                .await?;
            Some(ProofSummary {
                status: proof.status,
                sent: crate::backend::time::date(proof.created_at),
                file_name: file.map(|f| f.file_name).unwrap_or_default(),
                attachment_id: proof.attachment_id,
                note: proof.decision_note,
            })
        }
        None => None,
    };
    let payment_change = payment_change(db, id).await?;
    let invitations = if is_owner {
        crate::backend::invitations::pending(db, id, chrono::Utc::now().timestamp_millis())
            .await?
            .into_iter()
            .map(|row| InvitationRow {
                key: row.token_hash,
                email: row.email,
                valid_until: chrono::DateTime::from_timestamp_millis(row.expires_at_ms)
                    .map(crate::backend::time::date)
                    .unwrap_or_default(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Extra {
        invitations,
        payment_change,
        board: board.into_iter().map(|(_, row)| row).collect(),
        access_requests,
        representatives: current,
        proof,
        me_verified,
    })
}

/// The latest `association.payment_details_changed` event, with its actor's name.
async fn payment_change(db: &DatabaseConnection, id: Uuid) -> Result<Option<PaymentChange>, DbErr> {
    use crate::backend::entities::{app_user, domain_event};
    let Some(event) = domain_event::Entity::find()
        .filter(domain_event::Column::AggregateType.eq("association"))
        .filter(domain_event::Column::AggregateId.eq(id))
        .filter(domain_event::Column::EventType.eq("association.payment_details_changed"))
        .order_by_desc(domain_event::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let by = match event.actor_id {
        Some(actor) => app_user::Entity::find_by_id(actor)
            .one(db)
            .await?
            .map(|user| user.display_name)
            .unwrap_or_else(|| "en person som inte längre har konto".to_owned()),
        None => "systemet".to_owned(),
    };
    let text = |key: &str| event.payload[key].as_str().unwrap_or_default().to_owned();
    Ok(Some(PaymentChange {
        date: crate::backend::time::date(event.occurred_at),
        by,
        before: text("before"),
        now: text("now"),
    }))
}
