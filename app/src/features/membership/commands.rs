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
    let link = ctx.link_with_token("/inbjudan", &token)?;
    let job = EmailJob {
        kind: MailKind::AssociationInvitation,
        to: address.to_owned(),
        to_name: String::new(),
        user_id: None,
        data: json!({
            "association": association.name,
            "invited_by": inviter.name,
            "link": link,
        }),
    };
    events::record(
        txn,
        NewEvent::about_association(
            association.id,
            "association.member_invited",
            Some(inviter.id),
            payload,
        ),
        vec![Effect::Email(job)],
    )
    .await?;
    Ok(())
}

/// `user`'s role in the association's account (`owner` or `member`), or `NotFound`.
async fn role_of(
    db: &impl sea_orm::ConnectionTrait,
    association_id: Uuid,
    user: Uuid,
) -> Result<crate::domain::role::MemberRole, CommandError> {
    invitations::role_in(db, association_id, user)
        .await?
        .ok_or(CommandError::NotFound)
}

/// An owner invites the address typed in `invite_email` to the association's account,
/// from `ip`. Owners only (`NotFound` for anyone else, before anything counts against the
/// mail share); a bad address is `Invalid`; a used-up share of mails is `Throttled`.
#[tracing::instrument(skip_all, fields(association = %association_id))]
pub async fn invite(
    ctx: &Ctx,
    association_id: Uuid,
    owner: Inviter<'_>,
    typed: &str,
    ip: &str,
) -> Result<(), CommandError> {
    use sea_orm::EntityTrait;
    if role_of(&ctx.db, association_id, owner.id).await? != crate::domain::role::MemberRole::Owner {
        return Err(CommandError::NotFound);
    }
    let address = crate::domain::email::parse(typed)
        .map_err(|message| CommandError::Invalid(vec![("invite_email", message.to_owned())]))?;
    crate::backend::throttle::mail_share(&ctx.db, &address, ip).await?;
    let association = association::Entity::find_by_id(association_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    queue_invitation(ctx, &txn, &association, &address, owner, json!({})).await?;
    ctx.commit_and_wake(txn).await
}

/// What an owner does with an invitation not yet used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationAction {
    /// A new link by mail; the old one stops working.
    Resend,
    Withdraw,
}

/// An owner sends a waiting invitation (by its stored digest, `key`) again or withdraws
/// it, from `ip`. An invitation that is not waiting is `NotFound`; a new link takes one
/// of the address's mails as a new invitation does (`Throttled` when they are used up).
#[tracing::instrument(skip_all, fields(association = %association_id))]
pub async fn act_on_invitation(
    ctx: &Ctx,
    association_id: Uuid,
    owner: Inviter<'_>,
    key: &str,
    action: InvitationAction,
    ip: &str,
) -> Result<(), CommandError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    if role_of(&ctx.db, association_id, owner.id).await? != crate::domain::role::MemberRole::Owner {
        return Err(CommandError::NotFound);
    }
    if action == InvitationAction::Resend {
        use crate::backend::entities::association_invitation;
        let waiting = association_invitation::Entity::find_by_id(key.to_owned())
            .filter(association_invitation::Column::AssociationId.eq(association_id))
            .one(&ctx.db)
            .await?
            .ok_or(CommandError::NotFound)?;
        crate::backend::throttle::mail_share(&ctx.db, &waiting.email, ip).await?;
    }
    let now_ms = chrono::Utc::now().timestamp_millis();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let association = association::Entity::find_by_id(association_id)
        .one(&txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    let invitation = invitations::withdraw(&txn, association_id, key, now_ms)
        .await?
        .ok_or(CommandError::NotFound)?;
    match action {
        InvitationAction::Resend => {
            queue_invitation(
                ctx,
                &txn,
                &association,
                &invitation.email,
                owner,
                json!({ "resent": true }),
            )
            .await?;
        }
        InvitationAction::Withdraw => {
            events::record(
                &txn,
                NewEvent::by_member(
                    association_id,
                    "association.invitation_withdrawn",
                    owner.id,
                    json!({}),
                ),
                Vec::new(),
            )
            .await?;
        }
    }
    ctx.commit_and_wake(txn).await
}

/// The message when the invitation was sent to another address than the signed-in one.
pub const OTHER_ADDRESS: &str = "Inbjudan gäller en annan e-postadress.";

/// A signed-in person joins by the invitation link `token` (sent to their address).
/// Returns the association's id; a link that is used or lapsed is a `Conflict`.
#[tracing::instrument(skip_all)]
pub async fn join(
    ctx: &Ctx,
    token: &str,
    user: &crate::auth::CurrentUser,
) -> Result<Uuid, CommandError> {
    let now_ms = chrono::Utc::now().timestamp_millis();
    let invitation = invitations::live(&ctx.db, token, now_ms)
        .await?
        .ok_or_else(|| CommandError::Conflict(String::new()))?;
    if user.email != invitation.email {
        return Err(CommandError::Forbidden(OTHER_ADDRESS.to_owned()));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    if !invitations::accept(&txn, token, user.id, now_ms).await? {
        return Err(CommandError::Conflict(String::new()));
    }
    events::record(
        &txn,
        NewEvent::by_member(
            invitation.association_id,
            "association.member_joined",
            user.id,
            json!({}),
        ),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(invitation.association_id)
}

/// What a member of the account does to another (or to themselves).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberChange {
    /// Owners remove members; anyone may leave.
    Remove,
    MakeOwner,
    MakeMember,
}

/// The message when the last owner would go.
pub const KEEP_AN_OWNER: &str =
    "Föreningens konto måste ha minst en ägare. Gör någon annan till ägare först.";

/// Changes `target`'s place on the account. The account always keeps an owner (a
/// `Conflict` with [`KEEP_AN_OWNER`]); whoever leaves stops being a representative.
/// Anything the actor may not do is `NotFound`.
#[tracing::instrument(skip_all, fields(association = %association_id))]
pub async fn change_member(
    ctx: &Ctx,
    association_id: Uuid,
    actor: Uuid,
    target: Uuid,
    change: MemberChange,
) -> Result<(), CommandError> {
    use crate::backend::entities::{association_member, representative};
    use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let my_role = role_of(&txn, association_id, actor).await?;
    let their_role = role_of(&txn, association_id, target).await?;
    let i_own = my_role == crate::domain::role::MemberRole::Owner;
    let last_owner = their_role == crate::domain::role::MemberRole::Owner
        && invitations::owners(&txn, association_id).await? == 1;
    let set_role = |role: crate::domain::role::MemberRole| {
        association_member::Entity::update_many()
            .col_expr(association_member::Column::Role, Expr::value(role))
            .filter(association_member::Column::AssociationId.eq(association_id))
            .filter(association_member::Column::UserId.eq(target))
    };
    let event_type = match change {
        MemberChange::Remove if i_own || target == actor => {
            if last_owner {
                return Err(CommandError::Conflict(KEEP_AN_OWNER.to_owned()));
            }
            association_member::Entity::delete_by_id((association_id, target))
                .exec(&txn)
                .await?;
            // Whoever leaves the account no longer acts for the association.
            representative::Entity::delete_by_id((association_id, target))
                .exec(&txn)
                .await?;
            "association.member_removed"
        }
        MemberChange::MakeOwner if i_own => {
            set_role(crate::domain::role::MemberRole::Owner)
                .exec(&txn)
                .await?;
            "association.owner_added"
        }
        MemberChange::MakeMember if i_own => {
            if last_owner {
                return Err(CommandError::Conflict(KEEP_AN_OWNER.to_owned()));
            }
            set_role(crate::domain::role::MemberRole::Member)
                .exec(&txn)
                .await?;
            "association.owner_removed"
        }
        _ => return Err(CommandError::NotFound),
    };
    events::record(
        &txn,
        NewEvent::by_member(
            association_id,
            event_type,
            actor,
            json!({ "member": target }),
        ),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The message when the invited address already has an account.
pub const SIGN_IN_FIRST: &str =
    "Det finns redan ett konto med den e-postadressen. Logga in och öppna länken igen.";

/// Someone without an account joins by the invitation link `token`: an account for the
/// invited address (proven by the link) with the typed `name` and `password`, its
/// membership, and a session, in one transaction. Returns the association's id and the
/// session. A used or lapsed link is a `Conflict` with no message; a missing name or a
/// weak password is `Invalid`; an address with an account is a `Conflict` with
/// [`SIGN_IN_FIRST`]; too many hashing at once is `Busy`.
#[tracing::instrument(skip_all)]
pub async fn join_with_new_account(
    ctx: &Ctx,
    token: &str,
    name: &str,
    password: &str,
) -> Result<(Uuid, crate::backend::sessions::SessionToken), CommandError> {
    use crate::backend::{entities::app_user, password as passwords, sessions, users};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let now = chrono::Utc::now();
    let now_ms = now.timestamp_millis();
    let invitation = invitations::live(&ctx.db, token, now_ms)
        .await?
        .ok_or_else(|| CommandError::Conflict(String::new()))?;
    let mut problems = Vec::new();
    let name = crate::domain::text::name(name, "Ange ditt namn.", 200)
        .map_err(|message| problems.push(("name", message)))
        .unwrap_or_default();
    if let Err(weak) = passwords::check_strength(password, &[&invitation.email, &name]) {
        problems.push(("password", weak.to_string()));
    }
    if !problems.is_empty() {
        return Err(CommandError::Invalid(problems));
    }
    if app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&invitation.email))
        .one(&ctx.db)
        .await?
        .is_some()
    {
        return Err(CommandError::Conflict(SIGN_IN_FIRST.to_owned()));
    }
    let hash = passwords::hash_pooled(password.to_owned())
        .await
        .map_err(|_| CommandError::Busy)?;
    let hash = &hash;
    let name = name.as_str();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    // The link came by mail, so the address is proven.
    let user_id = users::create(
        &txn,
        users::NewUser {
            email: &invitation.email,
            display_name: name,
            title: "",
            phone: "",
            role: crate::domain::role::Role::Applicant,
            password_hash: hash,
            email_verified_at: Some(now),
        },
    )
    .await?;
    if !invitations::accept(&txn, token, user_id, now_ms).await? {
        return Err(CommandError::Conflict(String::new()));
    }
    events::record(
        &txn,
        NewEvent::by_member(
            invitation.association_id,
            "association.member_joined",
            user_id,
            json!({ "new_account": true }),
        ),
        Vec::new(),
    )
    .await?;
    let session = sessions::create(&txn, user_id).await?;
    txn.commit().await?;
    Ok((invitation.association_id, session))
}
