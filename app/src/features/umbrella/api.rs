//! Membership's server functions: the public list; an association's own page for its
//! members; the staff's page.
use leptos::prelude::*;
use uuid::Uuid;

use super::{AssociationMembership, PublicMember, StaffView};
use crate::error::AppError;

/// The member associations, by name.
#[server(prefix = "/api", endpoint = "public/umbrella-members")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn umbrella_members() -> Result<Vec<PublicMember>, AppError> {
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::members(&db).await?)
}

/// The association's membership page: for members of its account only (404 otherwise).
#[server(prefix = "/api", endpoint = "association/umbrella")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn association_umbrella(id: Uuid) -> Result<AssociationMembership, AppError> {
    use crate::backend::server_fns::refuse;
    let user = crate::backend::server_fns::signed_in()?;
    let db = crate::backend::server_fns::db()?;
    if crate::backend::invitations::role_in(&db, id, user.id)
        .await?
        .is_none()
    {
        return Err(refuse(AppError::NotFound));
    }
    super::queries::for_association(&db, id, user.id, crate::backend::time::today())
        .await?
        .ok_or_else(|| refuse(AppError::NotFound))
}

/// Applications waiting and members with their fees: officers and admins only.
#[server(prefix = "/api", endpoint = "officer/umbrella")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn umbrella_staff() -> Result<StaffView, AppError> {
    let user = crate::backend::server_fns::signed_in()?;
    if !user.role.handles_cases() {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    }
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::staff(&db, crate::backend::time::today()).await?)
}
