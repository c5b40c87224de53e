//! Membership's state changes that other features call.
use serde_json::json;
use uuid::Uuid;

use crate::backend::{
    command::{CommandError, Ctx},
    entities::association,
    events::{self, Effect, NewEvent},
    invitations,
    mail::EmailJob,
};
use crate::notifications::MailKind;

/// Who sends an invitation: their id and the name the mail gives.
pub struct Inviter<'a> {
    pub id: Uuid,
    pub name: &'a str,
}

/// Issues a 7-day invitation of `address` to the association's account and queues its
/// mail, with the event (`payload` says why, e.g. the access request it answers), in
/// `txn`. The caller commits.
pub async fn queue_invitation(
    ctx: &Ctx,
    txn: &impl sea_orm::ConnectionTrait,
    association: &association::Model,
    address: &str,
    inviter: Inviter<'_>,
    payload: serde_json::Value,
) -> Result<(), CommandError> {
    let token = invitations::issue(
        txn,
        association.id,
        address,
        inviter.id,
        chrono::Utc::now().timestamp_millis(),
    )
    .await?;
    let mut link = ctx
        .public_url
        .join("/inbjudan")
        .map_err(|error| CommandError::Internal(format!("the invitation link: {error}")))?;
    link.query_pairs_mut().append_pair("token", &token);
    let job = EmailJob {
        kind: MailKind::AssociationInvitation,
        to: address.to_owned(),
        to_name: String::new(),
        user_id: None,
        data: json!({
            "association": association.name,
            "invited_by": inviter.name,
            "link": link.to_string(),
        }),
    };
    events::record(
        txn,
        NewEvent {
            aggregate_type: "association",
            aggregate_id: association.id,
            event_type: "association.member_invited",
            actor_id: Some(inviter.id),
            payload,
            schema_version: 1,
        },
        vec![Effect::Email(job)],
    )
    .await?;
    Ok(())
}
