//! Asking for access to an association's account that someone else registered, and the
//! owners' answer: an invitation or a refusal.
use app::{
    auth::CurrentUser,
    backend::{
        entities::{access_request, app_user, association, association_member},
        events::Effect,
        invitations,
        mail::EmailJob,
        throttle, tokens,
    },
    components::form::FormState,
    domain::{email, org_number::OrgNumber, text},
    notifications::MailKind,
    pages::public::access_request::field,
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, SqlErr,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    account::internal,
    members::{not_found, queue_invitation, record},
    registration::read_form,
    render,
};
use crate::startup::AppState;

/// More unanswered confirmed requests than this and new ones wait: owners are not to be
/// flooded.
const MAX_OPEN_REQUESTS: u64 = 10;
/// How long the requester's confirmation link works.
const CONFIRMATION_LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;
/// The throttle's key for requests from one IP (five in 15 minutes), beside sign-in's.
const THROTTLE_KEY: &str = "be-om-atkomst";

/// `POST /registrera/be-om-atkomst`: anyone may ask. The requester first gets a link to
/// confirm the address; only then do the owners hear of it. Five requests per IP in 15
/// minutes; asking again while a request is open sends a fresh link, nothing more.
pub async fn request_access(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let text = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut problems = FormState::default();
    for name in [field::ORG_NUMBER, field::NAME, field::EMAIL, field::MESSAGE] {
        problems.values.insert(name.into(), text(name));
    }
    let org_number = OrgNumber::parse(&text(field::ORG_NUMBER))
        .map_err(|error| problems.add_error(field::ORG_NUMBER, error.to_string()))
        .ok();
    let name = text::name(&text(field::NAME), "Ange ditt namn.", 200)
        .map_err(|message| problems.add_error(field::NAME, message))
        .unwrap_or_default();
    let address = email::parse(&text(field::EMAIL))
        .map_err(|message| problems.add_error(field::EMAIL, message))
        .ok();
    let message = text::free_text(&text(field::MESSAGE), None, 1000)
        .map_err(|message| problems.add_error(field::MESSAGE, message))
        .unwrap_or_default();
    let (Some(org_number), Some(address), false) = (org_number, address, problems.has_problems())
    else {
        return render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    };

    let ip = super::account::client_ip(&parts);
    let now = Utc::now();
    let now_ms = now.timestamp_millis();
    match throttle::take_attempt(&state.db, THROTTLE_KEY, &ip, now_ms).await {
        Ok(Some(until)) => {
            let minutes = throttle::minutes_until(until, now_ms);
            problems.message = Some(format!(
                "Du har skickat många förfrågningar på kort tid. Försök igen om {minutes} {}.",
                if minutes == 1 { "minut" } else { "minuter" }
            ));
            return render::page_with_form(&state, parts, problems, StatusCode::TOO_MANY_REQUESTS)
                .await;
        }
        Ok(None) => {}
        Err(error) => return internal(error),
    }
    match throttle::take_mail_attempt(&state.db, &address, &ip, now_ms).await {
        Ok(Some(until)) => return render::too_many(&state, parts, problems, until, now_ms).await,
        Ok(None) => {}
        Err(error) => return internal(error),
    }

    let asked = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let Some(association) = association::Entity::find()
            .filter(association::Column::OrgNumber.eq(org_number.as_str()))
            .one(&txn)
            .await?
        else {
            return Ok(false);
        };
        // A link nobody opened lapses; its request makes room for a new one.
        access_request::Entity::delete_many()
            .filter(access_request::Column::AssociationId.eq(association.id))
            .filter(access_request::Column::Email.eq(&address))
            .filter(access_request::Column::ConfirmedAt.is_null())
            .filter(access_request::Column::ExpiresAtMs.lte(now_ms))
            .exec(&txn)
            .await?;
        let open = access_request::Entity::find()
            .filter(access_request::Column::AssociationId.eq(association.id))
            .filter(access_request::Column::Email.eq(&address))
            .filter(access_request::Column::Outcome.is_null())
            .one(&txn)
            .await?;
        let token = tokens::random();
        let request_id = match open {
            // Confirmed and waiting for the owners: the address is told so, nothing more.
            Some(open) if open.confirmed_at.is_some() => {
                let waiting = EmailJob {
                    kind: MailKind::AccessRequestWaiting,
                    to: address.clone(),
                    to_name: String::new(),
                    user_id: None,
                    data: json!({ "association": association.name }),
                };
                record(
                    &txn,
                    association.id,
                    "association.access_requested_again",
                    None,
                    json!({ "request": open.id }),
                    vec![Effect::Email(waiting)],
                )
                .await?;
                txn.commit().await?;
                return Ok(true);
            }
            // Not confirmed yet: a fresh link to the same address. What the request says
            // stays as it was first written, so nobody else can change it.
            Some(open) => {
                access_request::Entity::update_many()
                    .col_expr(access_request::Column::TokenHash, Expr::value(tokens::digest(&token)))
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
                access_request::Entity::insert(access_request::ActiveModel {
                    id: Set(request_id),
                    association_id: Set(association.id),
                    name: Set(name.clone()),
                    email: Set(address.clone()),
                    message: Set(message.clone()),
                    created_at: Set(now),
                    token_hash: Set(Some(tokens::digest(&token))),
                    expires_at_ms: Set(now_ms + CONFIRMATION_LIFETIME_MS),
                    confirmed_at: Set(None),
                    outcome: Set(None),
                    answered_at: Set(None),
                })
                .exec_without_returning(&txn)
                .await?;
                request_id
            }
        };
        let confirmation = EmailJob {
            kind: MailKind::AccessRequestConfirmation,
            to: address.clone(),
            to_name: name.clone(),
            user_id: None,
            // Only the portal's own words: the form's text never reaches an address
            // that has not asked for it.
            data: json!({
                "association": association.name,
                "link": super::registration::link(&state, "/registrera/be-om-atkomst/bekrafta", &token),
            }),
        };
        record(
            &txn,
            association.id,
            "association.access_requested",
            None,
            json!({ "request": request_id }),
            vec![Effect::Email(confirmation)],
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(true)
    }
    .await;
    match asked {
        Ok(true) => {
            state.outbox_signal.notify();
            Redirect::to("/registrera/be-om-atkomst/skickad").into_response()
        }
        Ok(false) => {
            problems.add_error(
                field::ORG_NUMBER,
                "Ingen förening med det organisationsnumret är registrerad. Du kan registrera föreningen i stället.",
            );
            render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        // Two requests at the same moment: the database keeps one, and so does the person.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Redirect::to("/registrera/be-om-atkomst/skickad").into_response()
        }
        Err(error) => internal(error),
    }
}

/// `POST /registrera/be-om-atkomst/bekrafta`: the requester's link, used once within 24
/// hours; the owners get the request by mail.
pub async fn confirm(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let token = form.get("token").cloned().unwrap_or_default();
    let now = Utc::now();
    let mut problems = FormState::default();
    // A refused confirmation comes back with its token, so the button still works.
    problems.values.insert("token".into(), token.clone());
    let now_ms = now.timestamp_millis();
    let confirmed = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let Some(request) = access_request::Entity::find()
            .filter(access_request::Column::TokenHash.eq(tokens::digest(&token)))
            .filter(access_request::Column::ConfirmedAt.is_null())
            .filter(access_request::Column::ExpiresAtMs.gt(now_ms))
            .one(&txn)
            .await?
        else {
            return Ok(Err(StatusCode::BAD_REQUEST));
        };
        let waiting = access_request::Entity::find()
            .filter(access_request::Column::AssociationId.eq(request.association_id))
            .filter(access_request::Column::Outcome.is_null())
            .filter(access_request::Column::ConfirmedAt.is_not_null())
            .count(&txn)
            .await?;
        if waiting >= MAX_OPEN_REQUESTS {
            return Ok(Err(StatusCode::TOO_MANY_REQUESTS));
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
            return Ok(Err(StatusCode::BAD_REQUEST));
        }
        let Some(association) = association::Entity::find_by_id(request.association_id)
            .one(&txn)
            .await?
        else {
            return Ok(Err(StatusCode::BAD_REQUEST));
        };
        let owners = association_member::Entity::find()
            .filter(association_member::Column::AssociationId.eq(association.id))
            .filter(association_member::Column::Role.eq("owner"))
            .find_also_related(app_user::Entity)
            .all(&txn)
            .await?;
        let link = super::registration::page_url(
            &state.settings.public_url,
            &format!("/foreningar/{}", association.id),
        );
        let mails = owners
            .into_iter()
            .filter_map(|(_, owner)| owner)
            .map(|owner| {
                Effect::Email(EmailJob {
                    kind: MailKind::AccessRequest,
                    to: owner.email,
                    to_name: owner.display_name,
                    user_id: Some(owner.id),
                    data: json!({
                        "association": association.name,
                        "requester": request.name,
                        "requester_email": request.email,
                        "message": request.message,
                        "link": link,
                    }),
                })
            })
            .collect();
        record(
            &txn,
            association.id,
            "association.access_request_confirmed",
            None,
            json!({ "request": request.id }),
            mails,
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(Ok(()))
    }
    .await;
    match confirmed {
        Ok(Ok(())) => {
            state.outbox_signal.notify();
            Redirect::to("/registrera/be-om-atkomst/bekraftad").into_response()
        }
        Ok(Err(StatusCode::TOO_MANY_REQUESTS)) => {
            problems.message = Some(
                "Föreningen har redan många obesvarade förfrågningar. Kontakta föreningen direkt, eller försök igen om några dagar.".into(),
            );
            render::page_with_form(&state, parts, problems, StatusCode::TOO_MANY_REQUESTS).await
        }
        Ok(Err(status)) => {
            problems.message = Some(
                "Länken fungerar inte: den har redan använts eller gått ut. Be om tillgång igen för att få en ny länk.".into(),
            );
            render::page_with_form(&state, parts, problems, status).await
        }
        Err(error) => internal(error),
    }
}

/// Upkeep: unconfirmed requests whose link lapsed, and answered requests after 30 days,
/// are deleted (they hold the name and address of someone who may have no account).
pub async fn sweep(
    db: &impl sea_orm::ConnectionTrait,
    now: chrono::DateTime<Utc>,
) -> Result<u64, DbErr> {
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

/// `POST /foreningar/{id}/forfragningar/{request}/{action}`: an owner answers, with
/// `bjud-in` (an invitation by mail) or `avsla`.
pub async fn answer(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, request_id, action)): Path<(Uuid, Uuid, String)>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/logga-in").into_response();
    };
    let answered = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        if invitations::role_in(&txn, id, user.id).await?.as_deref() != Some("owner") {
            return Ok(None);
        }
        let Some(association) = association::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(None);
        };
        let outcome = match action.as_str() {
            "bjud-in" => "invited",
            "avsla" => "declined",
            _ => return Ok(None),
        };
        // Answered once: the update claims the request before anything is sent.
        let claimed = access_request::Entity::update_many()
            .col_expr(access_request::Column::Outcome, Expr::value(outcome))
            .col_expr(access_request::Column::AnsweredAt, Expr::value(Utc::now()))
            .filter(access_request::Column::Id.eq(request_id))
            .filter(access_request::Column::AssociationId.eq(id))
            .filter(access_request::Column::ConfirmedAt.is_not_null())
            .filter(access_request::Column::Outcome.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Ok(None);
        }
        let Some(request) = access_request::Entity::find_by_id(request_id)
            .one(&txn)
            .await?
        else {
            return Ok(None);
        };
        if outcome == "invited" {
            queue_invitation(
                &state,
                &txn,
                &association,
                &request.email,
                &user,
                json!({ "request": request_id }),
            )
            .await?;
        } else {
            record(
                &txn,
                id,
                "association.access_declined",
                user.id,
                json!({ "request": request_id }),
                Vec::new(),
            )
            .await?;
        }
        txn.commit().await?;
        Ok::<_, DbErr>(Some(outcome))
    }
    .await;
    match answered {
        Ok(Some(outcome)) => {
            state.outbox_signal.notify();
            let done = if outcome == "invited" {
                "inbjuden"
            } else {
                "avslagen"
            };
            Redirect::to(&format!("/foreningar/{id}?klart={done}")).into_response()
        }
        Ok(None) => not_found(),
        Err(error) => internal(error),
    }
}
