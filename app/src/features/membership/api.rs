//! The invitation page's read.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the invitation page needs to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub association: String,
    pub email: String,
}

/// The association and address an invitation link is for; `NotFound` once used or expired.
#[server(prefix = "/api", endpoint = "associations/invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn invitation_info(token: String) -> Result<InvitationSummary, AppError> {
    use crate::backend::{entities::association, invitations};
    use sea_orm::EntityTrait;
    let db = crate::backend::server_fns::db()?;
    let now = chrono::Utc::now().timestamp_millis();
    let Some(invitation) = invitations::live(&db, &token, now).await? else {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
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
