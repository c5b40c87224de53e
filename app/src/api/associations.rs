//! Associations as their members and the staff see them.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// An association's profile page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociationDetails {
    pub id: Uuid,
    pub name: String,
    pub org_number: String,
    pub founded_year: Option<i32>,
    pub members_in_city: Option<i32>,
    pub target_group: String,
    pub postal_address: String,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    pub bankgiro: String,
    pub plusgiro: String,
    /// The people with access to the association's account.
    pub members: Vec<MemberRow>,
    /// Members edit; staff only read.
    pub can_edit: bool,
    /// Owners invite, remove and promote members.
    pub is_owner: bool,
    pub me: Uuid,
    /// The board (styrelse), chair first.
    pub board: Vec<BoardRow>,
    /// Requests for access waiting for an owner; empty for everyone else.
    pub access_requests: Vec<AccessRequestRow>,
    /// Verified representatives whose verification still holds.
    pub representatives: Vec<RepresentativeRow>,
    /// The latest proof of representatives sent in, if any.
    pub proof: Option<ProofSummary>,
    /// Whether the signed-in person may submit on the association's behalf.
    pub me_verified: bool,
    /// Members, officers and admins open the association's documents.
    pub can_read_documents: bool,
    /// Owners and verified representatives change the board and the payment details.
    pub can_manage: bool,
    /// The latest change of bankgiro or plusgiro: when, by whom, from what to what.
    pub payment_change: Option<PaymentChange>,
    /// Invitations waiting to be used; only owners see them.
    pub invitations: Vec<InvitationRow>,
}

/// An invitation to the account that has not been used yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    /// The stored digest of the link's token (never the token), to resend or withdraw.
    pub key: String,
    pub email: String,
    /// The last day the link works, `ÅÅÅÅ-MM-DD`.
    pub valid_until: String,
}

/// A change of where the association's money goes, as staff are shown it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentChange {
    pub date: String,
    pub by: String,
    pub before: String,
    pub now: String,
}

/// One member of the board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    pub id: Uuid,
    pub name: String,
    pub role: String,
}

/// Someone asking for access to the association's account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequestRow {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub message: String,
    pub received: String,
}

/// A verified representative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepresentativeRow {
    pub user_id: Uuid,
    pub name: String,
    /// `ÅÅÅÅ-MM-DD`, inclusive.
    pub valid_until: String,
}

/// Where the association's latest proof of representatives stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofSummary {
    /// `pending`, `verified` or `rejected`.
    pub status: String,
    pub sent: String,
    pub file_name: String,
    pub attachment_id: Uuid,
    /// The officer's reason when it was not accepted.
    pub note: String,
}

/// One person with access to an association's account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub owner: bool,
}

/// What the invitation page needs to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub association: String,
    pub email: String,
}

/// One of the signed-in person's associations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAssociation {
    pub id: Uuid,
    pub name: String,
    pub role: String,
    /// The last day the person is a verified representative, if they are one.
    pub verified_until: Option<String>,
}

#[server(prefix = "/api", endpoint = "associations/profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn association_profile(id: Uuid) -> Result<AssociationDetails, AppError> {
    use crate::backend::entities::{app_user, association, association_member};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = super::signed_in()?;
    let db = super::db()?;
    let members = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(id))
        .find_also_related(app_user::Entity)
        .all(&db)
        .await?;
    let is_member = members.iter().any(|(member, _)| member.user_id == user.id);
    let is_owner = members
        .iter()
        .any(|(member, _)| member.user_id == user.id && member.role == "owner");
    // Someone else's association is "not found": its existence is not theirs to learn.
    if !is_member && !user.role.is_staff() {
        return Err(super::refuse(AppError::NotFound));
    }
    let Some(association) = association::Entity::find_by_id(id).one(&db).await? else {
        return Err(super::refuse(AppError::NotFound));
    };
    let extra = ssr::details(&db, id, user.id, is_owner).await?;
    let names: std::collections::HashMap<Uuid, String> = members
        .iter()
        .filter_map(|(_, user)| user.as_ref().map(|u| (u.id, u.display_name.clone())))
        .collect();
    Ok(AssociationDetails {
        id: association.id,
        name: association.name,
        org_number: association.org_number,
        founded_year: association.founded_year,
        members_in_city: association.members_in_city,
        target_group: association.target_group,
        postal_address: association.postal_address,
        contact_person: association.contact_person,
        email: association.email,
        phone: association.phone,
        bankgiro: association.bankgiro,
        plusgiro: association.plusgiro,
        members: members
            .into_iter()
            .filter_map(|(member, user)| {
                let user = user?;
                Some(MemberRow {
                    user_id: user.id,
                    name: user.display_name,
                    email: user.email,
                    owner: member.role == "owner",
                })
            })
            .collect(),
        can_edit: is_member,
        is_owner,
        me: user.id,
        board: extra.board,
        access_requests: extra.access_requests,
        representatives: extra
            .representatives
            .into_iter()
            .map(|row| RepresentativeRow {
                name: names.get(&row.user_id).cloned().unwrap_or_default(),
                user_id: row.user_id,
                valid_until: row.valid_until.to_string(),
            })
            .collect(),
        me_verified: extra.me_verified,
        can_read_documents: is_member
            || matches!(
                user.role,
                crate::domain::role::Role::Officer | crate::domain::role::Role::Admin
            ),
        proof: extra.proof,
        can_manage: is_owner || extra.me_verified,
        payment_change: extra.payment_change,
        invitations: extra.invitations,
    })
}

#[cfg(feature = "ssr")]
mod ssr {
    use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
    use uuid::Uuid;

    use super::{AccessRequestRow, BoardRow, ProofSummary};
    use crate::backend::entities::{access_request, attachment, board_member, representative};
    use crate::domain::board::BoardRole;
    use crate::features::representatives::queries as representatives;

    pub struct Extra {
        pub board: Vec<BoardRow>,
        pub access_requests: Vec<AccessRequestRow>,
        pub representatives: Vec<representative::Model>,
        pub proof: Option<ProofSummary>,
        pub me_verified: bool,
        pub payment_change: Option<super::PaymentChange>,
        pub invitations: Vec<super::InvitationRow>,
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
                let role = BoardRole::parse(&row.role);
                (
                    role.and_then(|r| BoardRole::ALL.iter().position(|x| *x == r))
                        .unwrap_or(usize::MAX),
                    BoardRow {
                        id: row.id,
                        name: row.name,
                        role: role.map(BoardRole::label).unwrap_or("ledamot").to_owned(),
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
                .map(|row| super::InvitationRow {
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
    async fn payment_change(
        db: &DatabaseConnection,
        id: Uuid,
    ) -> Result<Option<super::PaymentChange>, DbErr> {
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
        Ok(Some(super::PaymentChange {
            date: crate::backend::time::date(event.occurred_at),
            by,
            before: text("before"),
            now: text("now"),
        }))
    }
}

#[server(prefix = "/api", endpoint = "associations/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_associations() -> Result<Vec<MyAssociation>, AppError> {
    use crate::backend::entities::{association, association_member, representative};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = super::signed_in()?;
    let db = super::db()?;
    let today = crate::backend::time::today();
    let verified: std::collections::HashMap<Uuid, chrono::NaiveDate> =
        representative::Entity::find()
            .filter(representative::Column::UserId.eq(user.id))
            .filter(representative::Column::ValidUntil.gte(today))
            .all(&db)
            .await?
            .into_iter()
            .map(|row| (row.association_id, row.valid_until))
            .collect();
    Ok(association_member::Entity::find()
        .filter(association_member::Column::UserId.eq(user.id))
        .find_also_related(association::Entity)
        .all(&db)
        .await?
        .into_iter()
        .filter_map(|(member, association)| {
            let association = association?;
            Some(MyAssociation {
                verified_until: verified.get(&association.id).map(|until| until.to_string()),
                id: association.id,
                name: association.name,
                role: if member.role == "owner" {
                    "ägare"
                } else {
                    "medlem"
                }
                .to_owned(),
            })
        })
        .collect())
}

/// The association and address an invitation link is for; `NotFound` once used or expired.
#[server(prefix = "/api", endpoint = "associations/invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn invitation_info(token: String) -> Result<InvitationSummary, AppError> {
    use crate::backend::{entities::association, invitations};
    use sea_orm::EntityTrait;
    let db = super::db()?;
    let now = chrono::Utc::now().timestamp_millis();
    let Some(invitation) = invitations::live(&db, &token, now).await? else {
        return Err(super::refuse(AppError::NotFound));
    };
    let name = association::Entity::find_by_id(invitation.association_id)
        .one(&db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(InvitationSummary {
        association: name,
        email: invitation.email,
    })
}

/// What a requester is about to confirm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestToConfirm {
    pub association: String,
    pub name: String,
    pub message: String,
}

/// The request behind a live confirmation link; `NotFound` once used or lapsed. Reads
/// only: opening the link changes nothing.
#[server(prefix = "/api", endpoint = "associations/access-request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn access_request_preview(token: String) -> Result<RequestToConfirm, AppError> {
    use crate::backend::{
        entities::{access_request, association},
        tokens,
    };
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let db = super::db()?;
    let now_ms = chrono::Utc::now().timestamp_millis();
    let Some(request) = access_request::Entity::find()
        .filter(access_request::Column::TokenHash.eq(tokens::digest(&token)))
        .filter(access_request::Column::ConfirmedAt.is_null())
        .filter(access_request::Column::ExpiresAtMs.gt(now_ms))
        .one(&db)
        .await?
    else {
        return Err(super::refuse(AppError::NotFound));
    };
    let association = association::Entity::find_by_id(request.association_id)
        .one(&db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(RequestToConfirm {
        association,
        name: request.name,
        message: request.message,
    })
}
