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
    pub status: crate::features::representatives::ProofStatus,
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

#[server(prefix = "/api", endpoint = "associations/profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn association_profile(id: Uuid) -> Result<AssociationDetails, AppError> {
    use crate::backend::entities::{app_user, association, association_member};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = crate::backend::server_fns::signed_in()?;
    let db = crate::backend::server_fns::db()?;
    let members = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(id))
        .find_also_related(app_user::Entity)
        .all(&db)
        .await?;
    let is_member = members.iter().any(|(member, _)| member.user_id == user.id);
    let is_owner = members.iter().any(|(member, _)| {
        member.user_id == user.id && member.role == crate::domain::role::MemberRole::Owner
    });
    // Someone else's association is "not found": its existence is not theirs to learn.
    if !is_member && !user.role.is_staff() {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    }
    let Some(association) = association::Entity::find_by_id(id).one(&db).await? else {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    };
    let extra = super::queries::details(&db, id, user.id, is_owner).await?;
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
                    owner: member.role == crate::domain::role::MemberRole::Owner,
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
