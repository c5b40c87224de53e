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
}

#[server(prefix = "/api", endpoint = "associations/profile")]
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
    })
}

#[server(prefix = "/api", endpoint = "associations/mine")]
pub async fn my_associations() -> Result<Vec<MyAssociation>, AppError> {
    use crate::backend::entities::{association, association_member};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = super::signed_in()?;
    let db = super::db()?;
    Ok(association_member::Entity::find()
        .filter(association_member::Column::UserId.eq(user.id))
        .find_also_related(association::Entity)
        .all(&db)
        .await?
        .into_iter()
        .filter_map(|(member, association)| {
            let association = association?;
            Some(MyAssociation {
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
