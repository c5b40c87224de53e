//! Registration's state changes.
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{already_registered, LINK_REFUSED};
use crate::backend::{
    command::{CommandError, Ctx},
    email_tokens::{self, Purpose},
    entities::{app_user, association, association_member},
    events::{self, Effect, NewEvent},
    jobs::Job,
    mail::EmailJob,
    outbox,
    password::PasswordHashString,
    users,
};
use crate::domain::registration::Registration;
use crate::notifications::MailKind;

fn user_event(user: Uuid, event_type: &'static str, actor: Option<Uuid>) -> NewEvent {
    NewEvent::about_user(user, event_type, actor, json!({}))
}

/// *Registrera förening* as posted from `ip`: checks every field (`Invalid`, field by
/// field), the password's strength, the share of mails (`Throttled`) and that the
/// number is free (`Taken` by the organisation number), hashes the password (`Busy`
/// when too many are) and [`register`]s.
#[tracing::instrument(skip_all)]
pub async fn register_from_form(
    ctx: &Ctx,
    form: &std::collections::HashMap<String, String>,
    ip: &str,
) -> Result<(), CommandError> {
    use crate::domain::registration::{field, validate};
    use chrono::Datelike;
    let registration = validate(form, Utc::now().year()).map_err(CommandError::Invalid)?;
    let personal = [
        registration.email.as_str(),
        registration.contact_person.as_str(),
        registration.name.as_str(),
    ];
    crate::backend::password::check_strength(&registration.password, &personal)
        .map_err(|weak| CommandError::Invalid(vec![(field::PASSWORD, weak.to_string())]))?;
    crate::backend::throttle::mail_share(&ctx.db, &registration.email, ip).await?;
    let taken = |error| match error {
        CommandError::Conflict(message) => CommandError::Taken {
            field: field::ORG_NUMBER,
            message,
        },
        other => other,
    };
    number_free(ctx, &registration).await.map_err(taken)?;
    let hash = crate::backend::password::hash_pooled(registration.password.clone())
        .await
        .map_err(|_| CommandError::Busy)?;
    register(ctx, &registration, &hash).await.map_err(taken)
}

/// Whether the organisation number is free: a registered number is a `Conflict` with
/// [`already_registered`]. Asked before the password is hashed, so a taken number is
/// said at once; [`register`] checks again.
pub async fn number_free(ctx: &Ctx, registration: &Registration) -> Result<(), CommandError> {
    let number = registration.org_number.as_str();
    if association::Entity::find()
        .filter(association::Column::OrgNumber.eq(number))
        .one(&ctx.db)
        .await?
        .is_some()
    {
        return Err(CommandError::Conflict(already_registered(number)));
    }
    Ok(())
}

/// Registers the association with its owner's account (unconfirmed) and mails the
/// confirmation link, in one transaction. A registered number is a `Conflict` with
/// [`already_registered`]. An address that already has an account registers nothing:
/// its owner is told by mail, and the caller answers as for a new registration (who
/// has an account is nobody else's business).
#[tracing::instrument(skip_all)]
pub async fn register(
    ctx: &Ctx,
    registration: &Registration,
    password_hash: &PasswordHashString,
) -> Result<(), CommandError> {
    let number = registration.org_number.as_str();
    let taken = || CommandError::Conflict(already_registered(number));
    if association::Entity::find()
        .filter(association::Column::OrgNumber.eq(number))
        .one(&ctx.db)
        .await?
        .is_some()
    {
        return Err(taken());
    }
    if let Some(owner) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&registration.email))
        .one(&ctx.db)
        .await?
    {
        return tell_owner_of_address(ctx, &owner).await;
    }
    let now = Utc::now();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let association_id = Uuid::now_v7();
    // Two registrations of one number at the same moment: the database decides.
    association::Entity::insert(association::ActiveModel {
        id: Set(association_id),
        name: Set(registration.name.clone()),
        org_number: Set(number.to_owned()),
        contact_person: Set(registration.contact_person.clone()),
        email: Set(registration.email.clone()),
        phone: Set(registration.phone.clone()),
        postal_address: Set(registration.postal_address.clone()),
        founded_year: Set(Some(registration.founded_year)),
        members_in_city: Set(Some(registration.members_in_city)),
        target_group: Set(registration.target_group.clone()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await
    .map_err(
        |error| match CommandError::from_unique_violation(error, "") {
            CommandError::Conflict(_) => taken(),
            other => other,
        },
    )?;
    // Two registrations at the same moment: the database decides, and the loser hears
    // that the number is taken, as before.
    let user_id = users::create(
        &txn,
        users::NewUser {
            email: &registration.email,
            display_name: &registration.contact_person,
            title: "",
            phone: &registration.phone,
            role: crate::domain::role::Role::Applicant,
            password_hash,
            email_verified_at: None,
        },
    )
    .await
    .map_err(
        |error| match CommandError::from_unique_violation(error, "") {
            CommandError::Conflict(_) => taken(),
            other => other,
        },
    )?;
    association_member::Entity::insert(association_member::ActiveModel {
        association_id: Set(association_id),
        user_id: Set(user_id),
        role: Set(crate::domain::role::MemberRole::Owner),
        created_at: Set(now),
    })
    .exec_without_returning(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about_association(
            association_id,
            "association.registered",
            Some(user_id),
            json!({ "org_number": number, "name": registration.name }),
        ),
        Vec::new(),
    )
    .await?;
    let user = Recipient {
        id: user_id,
        email: &registration.email,
        name: &registration.contact_person,
    };
    queue_verification(ctx, &txn, user, Some(&registration.name)).await?;
    ctx.commit_and_wake(txn).await
}

/// Someone registered with `owner`'s address: an event on the account and a mail to it.
async fn tell_owner_of_address(ctx: &Ctx, owner: &app_user::Model) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    events::record(
        &txn,
        user_event(owner.id, "account.registration_with_address_refused", None),
        vec![Effect::Email(EmailJob::to_account(
            MailKind::RegistrationAddressTaken,
            owner.id,
            &owner.email,
            &owner.display_name,
            json!({
                "name": owner.display_name,
                "sign_in_url": ctx.link("/logga-in")?,
                "reset_url": ctx.link("/glomt-losenord")?,
            }),
        ))],
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// Whom a verification link goes to.
#[derive(Clone, Copy)]
pub struct Recipient<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub name: &'a str,
}

/// Issues a fresh 24-hour confirmation link for `user` and mails it, with its event
/// (after sign-in with the right password for an address not yet confirmed).
#[tracing::instrument(skip_all)]
pub async fn send_verification(ctx: &Ctx, user: Recipient<'_>) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    queue_verification(ctx, &txn, user, None).await?;
    ctx.commit_and_wake(txn).await
}

async fn queue_verification(
    ctx: &Ctx,
    txn: &impl ConnectionTrait,
    user: Recipient<'_>,
    association_name: Option<&str>,
) -> Result<(), CommandError> {
    let token =
        email_tokens::issue(txn, user.id, Purpose::Verify, Utc::now().timestamp_millis()).await?;
    let association_name = match association_name {
        Some(name) => name.to_owned(),
        None => association::Entity::find()
            .inner_join(association_member::Entity)
            .filter(association_member::Column::UserId.eq(user.id))
            .one(txn)
            .await?
            .map(|a| a.name)
            .unwrap_or_else(|| "din förening".to_owned()),
    };
    events::record(
        txn,
        user_event(user.id, "account.verification_sent", Some(user.id)),
        vec![Effect::Email(EmailJob::to_account(
            MailKind::AccountVerification,
            user.id,
            user.email,
            user.name,
            json!({
                "name": user.name,
                "association": association_name,
                "link": ctx.link_with_token("/bekrafta-epost", &token)?,
            }),
        ))],
    )
    .await?;
    Ok(())
}

/// Uses the confirmation link's token up and confirms the address. A used or lapsed
/// link is a `Conflict` with [`LINK_REFUSED`].
#[tracing::instrument(skip_all)]
pub async fn verify_email(ctx: &Ctx, token: &str) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let now = Utc::now();
    let Ok(user_id) =
        email_tokens::redeem(&txn, token, Purpose::Verify, now.timestamp_millis()).await?
    else {
        return Err(CommandError::Conflict(LINK_REFUSED.to_owned()));
    };
    app_user::Entity::update_many()
        .col_expr(app_user::Column::EmailVerifiedAt, Expr::value(now))
        .filter(app_user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        user_event(user_id, "account.email_verified", Some(user_id)),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// *Glömt lösenordet?* for the address typed in `email`, from `ip`: checks it
/// (`Invalid`) and the share of mails (`Throttled`), then only queues the look-up, so the
/// answer takes the same time whether the address has an account or not; the worker
/// carries it out with [`send_password_reset`].
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(ctx: &Ctx, typed: &str, ip: &str) -> Result<(), CommandError> {
    let address = crate::domain::email::parse(typed)
        .map_err(|message| CommandError::Invalid(vec![("email", message.to_owned())]))?;
    crate::backend::throttle::mail_share(&ctx.db, &address, ip).await?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    outbox::queue_without_event(&txn, Effect::Job(Job::PasswordReset { email: address })).await?;
    ctx.commit_and_wake(txn).await
}

/// The worker's part of a reset request: if an active account has `email`, a 1-hour
/// reset link is issued and mailed (with its event) and `true` returned; otherwise
/// nothing happens.
#[tracing::instrument(skip_all)]
pub async fn send_password_reset(ctx: &Ctx, email: &str) -> Result<bool, CommandError> {
    let Some(user) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(crate::backend::accounts::normalise_email(email)))
        .filter(app_user::Column::Active.eq(true))
        .one(&ctx.db)
        .await?
    else {
        return Ok(false);
    };
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let token =
        email_tokens::issue(&txn, user.id, Purpose::Reset, Utc::now().timestamp_millis()).await?;
    events::record(
        &txn,
        user_event(user.id, "account.password_reset_requested", None),
        vec![Effect::Email(EmailJob::to_account(
            MailKind::PasswordReset,
            user.id,
            &user.email,
            &user.display_name,
            json!({
                "name": user.display_name,
                "link": ctx.link_with_token("/nytt-losenord", &token)?,
            }),
        ))],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(true)
}

/// Whose password a link sets, and why.
pub struct PasswordLink {
    pub purpose: Purpose,
    pub user: app_user::Model,
}

/// The live reset or staff-invitation link `token` (the same page sets a forgotten
/// password and an invited person's first one), with its account. A link that is used,
/// lapsed or unknown, or whose account is deactivated, is a `Conflict` with
/// [`LINK_REFUSED`]; an account that is gone is `NotFound`.
pub async fn password_link(ctx: &Ctx, token: &str) -> Result<PasswordLink, CommandError> {
    let now_ms = Utc::now().timestamp_millis();
    let refused = || CommandError::Conflict(LINK_REFUSED.to_owned());
    let found = match email_tokens::peek(&ctx.db, token, Purpose::Reset, now_ms).await? {
        Err(email_tokens::Refused::Unknown) => {
            email_tokens::peek(&ctx.db, token, Purpose::Invite, now_ms)
                .await?
                .map(|id| (id, Purpose::Invite))
        }
        other => other.map(|id| (id, Purpose::Reset)),
    };
    let (user_id, purpose) = found.map_err(|_| refused())?;
    let user = app_user::Entity::find_by_id(user_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    // A deactivated account gets no password through an old link.
    if !user.active {
        return Err(refused());
    }
    Ok(PasswordLink { purpose, user })
}

/// Sets the password `hash` through the link `token` (found by [`password_link`]): the
/// link is used up, the address counts as proven, every session of the account ends,
/// and so does every other link that sets its password.
#[tracing::instrument(skip_all)]
pub async fn set_password_by_link(
    ctx: &Ctx,
    token: &str,
    link: &PasswordLink,
    hash: &PasswordHashString,
) -> Result<(), CommandError> {
    use crate::backend::entities::user_session;
    let now_ms = Utc::now().timestamp_millis();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    if email_tokens::redeem(&txn, token, link.purpose, now_ms)
        .await?
        .is_err()
    {
        return Err(CommandError::Conflict(LINK_REFUSED.to_owned()));
    }
    let mut update = app_user::Entity::update_many().col_expr(
        app_user::Column::PasswordHash,
        Expr::value(hash.expose_for_storage()),
    );
    if link.purpose == Purpose::Invite || link.user.email_verified_at.is_none() {
        // The link came by mail, so the address is proven.
        update = update.col_expr(app_user::Column::EmailVerifiedAt, Expr::value(Utc::now()));
    }
    update
        .filter(app_user::Column::Id.eq(link.user.id))
        .exec(&txn)
        .await?;
    user_session::Entity::delete_many()
        .filter(user_session::Column::UserId.eq(link.user.id))
        .exec(&txn)
        .await?;
    // Every other link that sets this password dies with this one.
    for purpose in [Purpose::Reset, Purpose::Invite] {
        email_tokens::revoke_all(&txn, link.user.id, purpose, now_ms).await?;
    }
    let event_type = if link.purpose == Purpose::Invite {
        "account.invitation_accepted"
    } else {
        "account.password_reset"
    };
    events::record(
        &txn,
        user_event(link.user.id, event_type, Some(link.user.id)),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
