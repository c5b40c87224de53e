//! The access requests' state changes.
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    field, CONFIRMATION_LIFETIME_MS, LINK_REFUSED, MAX_OPEN_REQUESTS, TOO_MANY_WAITING,
    UNKNOWN_ORG_NUMBER,
};
use crate::backend::{
    command::{CommandError, Ctx, FieldProblem},
    entities::{access_request, app_user, association, association_member},
    events::{self, Effect, NewEvent},
    invitations,
    mail::EmailJob,
    tokens,
};
use crate::domain::{
    email,
    org_number::OrgNumber,
    text,
    validation::{by_parser, in_order},
};
use crate::features::membership::commands::{queue_invitation, Inviter};
use crate::notifications::MailKind;

/// A request as the form sends it, with its rules.
#[derive(Clone, Debug, Default, validator::Validate)]
pub struct Ask {
    #[validate(custom(function = "org_number"))]
    pub org_number: String,
    #[validate(custom(function = "person_name"))]
    pub name: String,
    #[validate(custom(function = "address"))]
    pub email: String,
    #[validate(custom(function = "message"))]
    pub message: String,
}

fn org_number(value: &str) -> Result<(), validator::ValidationError> {
    by_parser(OrgNumber::parse(value))
}

fn person_name(value: &str) -> Result<(), validator::ValidationError> {
    by_parser(text::name(value, "Ange ditt namn.", 200))
}

fn address(value: &str) -> Result<(), validator::ValidationError> {
    by_parser(email::parse(value))
}

fn message(value: &str) -> Result<(), validator::ValidationError> {
    by_parser(text::free_text(value, None, 1000))
}

impl Ask {
    /// The form's fields, in its order.
    pub const FIELDS: [&'static str; 4] =
        [field::ORG_NUMBER, field::NAME, field::EMAIL, field::MESSAGE];

    /// The request as posted: each field's text.
    pub fn from_form(value: impl Fn(&str) -> String) -> Self {
        Ask {
            org_number: value(field::ORG_NUMBER),
            name: value(field::NAME),
            email: value(field::EMAIL),
            message: value(field::MESSAGE),
        }
    }
}

/// The checked request.
#[derive(Clone, Debug)]
pub struct Checked {
    pub org_number: OrgNumber,
    pub name: String,
    pub email: String,
    pub message: String,
}

/// Checks the form: every problem at once, in the form's order.
pub fn check(input: &Ask) -> Result<Checked, Vec<FieldProblem>> {
    use validator::Validate;
    input
        .validate()
        .map_err(|errors| in_order(&errors, &Ask::FIELDS))?;
    let parsed = |problem: String| vec![(field::ORG_NUMBER, problem)];
    Ok(Checked {
        org_number: OrgNumber::parse(&input.org_number).map_err(|e| parsed(e.to_string()))?,
        name: text::name(&input.name, "", 200).map_err(parsed)?,
        email: email::parse(&input.email).map_err(|m| parsed(m.to_owned()))?,
        message: text::free_text(&input.message, None, 1000).map_err(parsed)?,
    })
}

/// Someone asks, from `ip`, for access to an association's account: the form is checked
/// ([`check`]), the IP's share of requests (five in 15 minutes) and the address's share
/// of mails are taken (`Throttled`), then [`ask`].
#[tracing::instrument(skip_all)]
pub async fn ask_from(ctx: &Ctx, input: &Ask, ip: &str) -> Result<(), CommandError> {
    use crate::backend::throttle;
    let checked = check(input).map_err(CommandError::Invalid)?;
    let now_ms = Utc::now().timestamp_millis();
    if let Some(until) = throttle::take_attempt(&ctx.db, THROTTLE_KEY, ip, now_ms).await? {
        return Err(throttle::too_many(until, now_ms));
    }
    throttle::mail_share(&ctx.db, &checked.email, ip).await?;
    ask(ctx, checked).await
}

/// The throttle's key for requests from one IP (five in 15 minutes), beside sign-in's.
const THROTTLE_KEY: &str = "be-om-atkomst";

/// Asks the owners of the association with `request.org_number` for access. The
/// requester gets a link to confirm the address first; asking again while a request is
/// open sends a fresh link (or, once confirmed, a mail that it already waits) and never
/// changes what the request says.
#[tracing::instrument(skip_all)]
pub async fn ask(ctx: &Ctx, request: Checked) -> Result<(), CommandError> {
    let now = Utc::now();
    let now_ms = now.timestamp_millis();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let Some(association) = association::Entity::find()
        .filter(association::Column::OrgNumber.eq(request.org_number.as_str()))
        .one(&txn)
        .await?
    else {
        return Err(CommandError::Invalid(vec![(
            field::ORG_NUMBER,
            UNKNOWN_ORG_NUMBER.to_owned(),
        )]));
    };
    // A link nobody opened lapses; its request makes room for a new one.
    access_request::Entity::delete_many()
        .filter(access_request::Column::AssociationId.eq(association.id))
        .filter(access_request::Column::Email.eq(&request.email))
        .filter(access_request::Column::ConfirmedAt.is_null())
        .filter(access_request::Column::ExpiresAtMs.lte(now_ms))
        .exec(&txn)
        .await?;
    let open = access_request::Entity::find()
        .filter(access_request::Column::AssociationId.eq(association.id))
        .filter(access_request::Column::Email.eq(&request.email))
        .filter(access_request::Column::Outcome.is_null())
        .one(&txn)
        .await?;
    let token = tokens::random();
    let request_id = match open {
        // Confirmed and waiting for the owners: the address is told so, nothing more.
        Some(open) if open.confirmed_at.is_some() => {
            let waiting = EmailJob {
                kind: MailKind::AccessRequestWaiting,
                to: request.email.clone(),
                to_name: String::new(),
                user_id: None,
                data: json!({ "association": association.name }),
            };
            events::record(
                &txn,
                NewEvent::about_association(
                    association.id,
                    "association.access_requested_again",
                    None,
                    json!({ "request": open.id }),
                ),
                vec![Effect::Email(waiting)],
            )
            .await?;
            return ctx.commit_and_wake(txn).await;
        }
        // Not confirmed yet: a fresh link to the same address. What the request says
        // stays as it was first written, so nobody else can change it.
        Some(open) => {
            access_request::Entity::update_many()
                .col_expr(
                    access_request::Column::TokenHash,
                    Expr::value(tokens::digest(&token)),
                )
                .col_expr(
                    access_request::Column::ExpiresAtMs,
                    Expr::value(now_ms + CONFIRMATION_LIFETIME_MS),
                )
                .filter(access_request::Column::Id.eq(open.id))
                .exec(&txn)
                .await?;
            open.id
        }
        None => {
            let request_id = Uuid::now_v7();
            let inserted = access_request::Entity::insert(access_request::ActiveModel {
                id: Set(request_id),
                association_id: Set(association.id),
                name: Set(request.name.clone()),
                email: Set(request.email.clone()),
                message: Set(request.message.clone()),
                created_at: Set(now),
                token_hash: Set(Some(tokens::digest(&token))),
                expires_at_ms: Set(now_ms + CONFIRMATION_LIFETIME_MS),
                confirmed_at: Set(None),
                outcome: Set(None),
                answered_at: Set(None),
            })
            .exec_without_returning(&txn)
            .await;
            // Two requests at the same moment: the database keeps one, and so does the
            // person, whose link is in the other one's mail.
            match inserted.map_err(|error| CommandError::from_unique_violation(error, "")) {
                Ok(_) => {}
                Err(CommandError::Conflict(_)) => return Ok(()),
                Err(other) => return Err(other),
            }
            request_id
        }
    };
    let link = ctx.link_with_token("/registrera/be-om-atkomst/bekrafta", &token)?;
    let confirmation = EmailJob {
        kind: MailKind::AccessRequestConfirmation,
        to: request.email.clone(),
        to_name: request.name.clone(),
        user_id: None,
        // Only the portal's own words: the form's text never reaches an address that
        // has not asked for it.
        data: json!({ "association": association.name, "link": link }),
    };
    events::record(
        &txn,
        NewEvent::about_association(
            association.id,
            "association.access_requested",
            None,
            json!({ "request": request_id }),
        ),
        vec![Effect::Email(confirmation)],
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// The requester's link, used once within 24 hours: the request is confirmed and the
/// owners get it by mail. A used or lapsed link is a `Conflict` with [`LINK_REFUSED`];
/// too many waiting requests is `Forbidden` with [`TOO_MANY_WAITING`].
#[tracing::instrument(skip_all)]
pub async fn confirm(ctx: &Ctx, token: &str) -> Result<(), CommandError> {
    let now = Utc::now();
    let now_ms = now.timestamp_millis();
    let refused = || CommandError::Conflict(LINK_REFUSED.to_owned());
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let Some(request) = access_request::Entity::find()
        .filter(access_request::Column::TokenHash.eq(tokens::digest(token)))
        .filter(access_request::Column::ConfirmedAt.is_null())
        .filter(access_request::Column::ExpiresAtMs.gt(now_ms))
        .one(&txn)
        .await?
    else {
        return Err(refused());
    };
    let waiting = access_request::Entity::find()
        .filter(access_request::Column::AssociationId.eq(request.association_id))
        .filter(access_request::Column::Outcome.is_null())
        .filter(access_request::Column::ConfirmedAt.is_not_null())
        .count(&txn)
        .await?;
    if waiting >= MAX_OPEN_REQUESTS {
        return Err(CommandError::Forbidden(TOO_MANY_WAITING.to_owned()));
    }
    let used = access_request::Entity::update_many()
        .col_expr(access_request::Column::ConfirmedAt, Expr::value(now))
        .col_expr(
            access_request::Column::TokenHash,
            Expr::value(Option::<String>::None),
        )
        .filter(access_request::Column::Id.eq(request.id))
        .filter(access_request::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(refused());
    }
    let Some(association) = association::Entity::find_by_id(request.association_id)
        .one(&txn)
        .await?
    else {
        return Err(refused());
    };
    let owners = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association.id))
        .filter(association_member::Column::Role.eq(crate::domain::role::MemberRole::Owner))
        .find_also_related(app_user::Entity)
        .all(&txn)
        .await?;
    let link = ctx.link(&format!("/foreningar/{}", association.id))?;
    let mails = owners
        .into_iter()
        .filter_map(|(_, owner)| owner)
        .map(|owner| {
            Effect::Email(EmailJob::to_account(
                MailKind::AccessRequest,
                owner.id,
                &owner.email,
                &owner.display_name,
                json!({
                    "association": association.name,
                    "requester": request.name,
                    "requester_email": request.email,
                    "message": request.message,
                    "link": link,
                }),
            ))
        })
        .collect();
    events::record(
        &txn,
        NewEvent::about_association(
            association.id,
            "association.access_request_confirmed",
            None,
            json!({ "request": request.id }),
        ),
        mails,
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// How an owner answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// An ordinary 7-day invitation to the requester's address.
    Invite,
    Decline,
}

/// An owner's answer to a confirmed request, given once. Anyone but an owner of the
/// association, and a request that is not waiting, get `NotFound`.
#[tracing::instrument(skip_all, fields(association = %association_id, request = %request_id))]
pub async fn answer(
    ctx: &Ctx,
    association_id: Uuid,
    request_id: Uuid,
    owner: Inviter<'_>,
    answer: Answer,
) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    if invitations::role_in(&txn, association_id, owner.id).await?
        != Some(crate::domain::role::MemberRole::Owner)
    {
        return Err(CommandError::NotFound);
    }
    let Some(association) = association::Entity::find_by_id(association_id)
        .one(&txn)
        .await?
    else {
        return Err(CommandError::NotFound);
    };
    let outcome = match answer {
        Answer::Invite => "invited",
        Answer::Decline => "declined",
    };
    // Answered once: the update claims the request before anything is sent.
    let claimed = access_request::Entity::update_many()
        .col_expr(access_request::Column::Outcome, Expr::value(outcome))
        .col_expr(access_request::Column::AnsweredAt, Expr::value(Utc::now()))
        .filter(access_request::Column::Id.eq(request_id))
        .filter(access_request::Column::AssociationId.eq(association_id))
        .filter(access_request::Column::ConfirmedAt.is_not_null())
        .filter(access_request::Column::Outcome.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(CommandError::NotFound);
    }
    let Some(request) = access_request::Entity::find_by_id(request_id)
        .one(&txn)
        .await?
    else {
        return Err(CommandError::NotFound);
    };
    match answer {
        Answer::Invite => {
            queue_invitation(
                ctx,
                &txn,
                &association,
                &request.email,
                owner,
                json!({ "request": request_id }),
            )
            .await?;
        }
        Answer::Decline => {
            events::record(
                &txn,
                NewEvent::about_association(
                    association_id,
                    "association.access_declined",
                    Some(owner.id),
                    json!({ "request": request_id }),
                ),
                Vec::new(),
            )
            .await?;
        }
    }
    ctx.commit_and_wake(txn).await
}

/// Upkeep: unconfirmed requests whose link lapsed, and answered requests after 30 days,
/// are deleted (they hold the name and address of someone who may have no account).
/// The worker's housekeeping runs it. Returns how many went.
pub async fn sweep(db: &impl ConnectionTrait, now: chrono::DateTime<Utc>) -> Result<u64, DbErr> {
    use sea_orm::sea_query::Condition;
    Ok(access_request::Entity::delete_many()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(access_request::Column::ConfirmedAt.is_null())
                        .add(access_request::Column::ExpiresAtMs.lte(now.timestamp_millis())),
                )
                .add(access_request::Column::AnsweredAt.lte(now - chrono::Duration::days(30))),
        )
        .exec(db)
        .await?
        .rows_affected)
}
