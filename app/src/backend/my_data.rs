//! A person's own data: everything stored about them, as JSON, and deleting the account.
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::backend::entities::{
    access_request, app_user, association, association_member, attachment, domain_event,
    notification_preference, outbox, representative, user_session,
};
use crate::backend::mail::EmailJob;

/// Everything stored about `user_id`, for the "Ladda ned mina uppgifter" download.
/// Secrets (password hash, session tokens) are described, never included.
pub async fn export(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Option<Value>, DbErr> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    let memberships = association_member::Entity::find()
        .filter(association_member::Column::UserId.eq(user_id))
        .find_also_related(association::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(member, association)| {
            let association = association?;
            Some(json!({
                "association": association.name,
                "org_number": association.org_number,
                "role": member.role,
                "since": member.created_at,
            }))
        })
        .collect::<Vec<_>>();
    let representing = representative::Entity::find()
        .filter(representative::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| json!({ "association_id": r.association_id, "verified": r.verified_at, "valid_until": r.valid_until }))
        .collect::<Vec<_>>();
    let uploads = attachment::Entity::find()
        .filter(attachment::Column::UploadedBy.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| json!({ "file": a.file_name, "purpose": a.purpose, "bytes": a.size_bytes, "uploaded": a.created_at }))
        .collect::<Vec<_>>();
    let access_requests = access_request::Entity::find()
        .filter(access_request::Column::Email.eq(&user.email))
        .all(db)
        .await?
        .into_iter()
        .map(|r| json!({ "association_id": r.association_id, "name": r.name, "message": r.message, "sent": r.created_at, "answer": r.outcome }))
        .collect::<Vec<_>>();
    let sessions = user_session::Entity::find()
        .filter(user_session::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| json!({ "signed_in": s.created_at, "last_seen": s.last_seen_at, "expires": s.expires_at }))
        .collect::<Vec<_>>();
    let preferences = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| json!({ "notification": p.kind, "enabled": p.enabled }))
        .collect::<Vec<_>>();
    let events = domain_event::Entity::find()
        .filter(
            domain_event::Column::ActorId
                .eq(user_id)
                .or(domain_event::Column::AggregateId.eq(user_id)),
        )
        .order_by_asc(domain_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| json!({ "event": e.event_type, "at": e.occurred_at, "about": e.aggregate_type }))
        .collect::<Vec<_>>();
    let mails = mails_to(db, &user.email)
        .await?
        .into_iter()
        .map(|(row, job)| json!({ "mail": job.kind.as_str(), "status": row.status, "queued": row.created_at }))
        .collect::<Vec<_>>();
    Ok(Some(json!({
        "account": {
            "email": user.email,
            "name": user.display_name,
            "title": user.title,
            "phone": user.phone,
            "role": user.role,
            "created": user.created_at,
            "email_confirmed": user.email_verified_at,
            "password": "sparas bara som ett argon2id-hashvärde och kan inte läsas ut",
        },
        "associations": memberships,
        "verified_representative": representing,
        "uploaded_documents": uploads,
        "access_requests": access_requests,
        "sessions": sessions,
        "notification_settings": preferences,
        "history": events,
        "mails": mails,
    })))
}

async fn mails_to(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Vec<(outbox::Model, EmailJob)>, DbErr> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(crate::backend::outbox::kind::EMAIL))
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            let job: EmailJob = serde_json::from_value(row.payload.clone()).ok()?;
            (job.to == email).then_some((row, job))
        })
        .collect())
}

/// Why an account cannot be deleted yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// The only owner of an association whose account others use.
    LastOwner,
}

/// Whether the account may be deleted now.
pub async fn may_delete(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Result<(), Blocked>, DbErr> {
    let owned = association_member::Entity::find()
        .filter(association_member::Column::UserId.eq(user_id))
        .filter(association_member::Column::Role.eq(crate::domain::role::MemberRole::Owner))
        .all(db)
        .await?;
    for membership in owned {
        let members = association_member::Entity::find()
            .filter(association_member::Column::AssociationId.eq(membership.association_id))
            .all(db)
            .await?;
        let other_owners = members
            .iter()
            .filter(|m| m.user_id != user_id && m.role == crate::domain::role::MemberRole::Owner)
            .count();
        let others = members.iter().filter(|m| m.user_id != user_id).count();
        if others > 0 && other_owners == 0 {
            return Ok(Err(Blocked::LastOwner));
        }
    }
    Ok(Ok(()))
}

/// Deletes the account and the personal data that hangs on it: sessions, memberships,
/// preferences and links go with the row; queued and sent mails lose their recipient
/// and contents; the association forgets them as its contact. The event log keeps its
/// rows, which hold ids, not personal data. Returns the ids of the mails whose kept
/// `.eml` files the caller must remove.
pub async fn delete(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<Uuid>, DbErr> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(Vec::new());
    };
    let mails = mails_to(db, &user.email).await?;
    for (row, job) in &mails {
        let scrubbed = json!({ "kind": job.kind, "to": "(raderad)", "to_name": "", "user_id": null, "data": {} });
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Payload, Expr::value(scrubbed))
            .filter(outbox::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    association::Entity::update_many()
        .col_expr(association::Column::ContactPerson, Expr::value(""))
        .col_expr(association::Column::Email, Expr::value(""))
        .col_expr(association::Column::Phone, Expr::value(""))
        .filter(association::Column::Email.eq(&user.email))
        .exec(db)
        .await?;
    access_request::Entity::delete_many()
        .filter(access_request::Column::Email.eq(&user.email))
        .exec(db)
        .await?;
    app_user::Entity::delete_by_id(user_id).exec(db).await?;
    Ok(mails.into_iter().map(|(row, _)| row.id).collect())
}
