//! Registering an association, confirming the e-mail address, and resetting a password.
//! Plain form posts: a rejected one comes back with the messages by the fields and
//! what the person typed (never a password), with a 4xx status and nothing written.
use std::collections::HashMap;

use app::{
    backend::{
        command::CommandError,
        email_tokens::{self, Purpose},
        entities::{app_user, user_session},
        events::{self, NewEvent},
        password, throttle,
    },
    components::form::FormState,
    domain::{email, registration},
    features::registration::{commands, LINK_REFUSED},
    pages::public::register::TAKEN_ORG_NUMBER,
};
use axum::{
    extract::{Form, FromRequest, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{Datelike, Utc};
use sea_orm::{sea_query::Expr, ColumnTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::json;

use super::{account::internal, render, toolkit::refused};
use crate::startup::AppState;

/// Splits the request and reads its form; an unreadable body counts as an empty form.
pub(crate) async fn read_form(
    state: &AppState,
    request: Request,
) -> (axum::http::request::Parts, HashMap<String, String>) {
    let (parts, body) = request.into_parts();
    let form = Form::<HashMap<String, String>>::from_request(
        Request::from_parts(parts.clone(), body),
        state,
    )
    .await
    .map(|Form(form)| form)
    .unwrap_or_default();
    (parts, form)
}

/// As [`read_form`], keeping every value of a repeated field (checkbox groups), in order.
pub(crate) async fn read_form_pairs(
    state: &AppState,
    request: Request,
) -> (axum::http::request::Parts, Vec<(String, String)>) {
    let (parts, body) = request.into_parts();
    let pairs = Form::<Vec<(String, String)>>::from_request(
        Request::from_parts(parts.clone(), body),
        state,
    )
    .await
    .map(|Form(pairs)| pairs)
    .unwrap_or_default();
    (parts, pairs)
}

/// Issues a fresh verification link for `user` and queues the mail, with its event.
pub async fn send_verification(
    state: &AppState,
    user: &app_user::Model,
    _association_name: Option<&str>,
) -> Result<(), app::backend::command::CommandError> {
    let recipient = commands::Recipient {
        id: user.id,
        email: &user.email,
        name: &user.display_name,
    };
    commands::send_verification(&state.ctx(), recipient).await
}

/// `POST /registrera`: the association, its owner's account (unconfirmed) and the
/// verification mail, in one transaction. 303 to "Kontrollera din e-post".
pub async fn register(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let mut kept = FormState::default();
    for (name, value) in &form {
        if name != registration::field::PASSWORD {
            kept.values.insert(name.clone(), value.clone());
        }
    }
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let page = parts.uri.path().to_owned();
    let registration = match registration::validate(&form, Utc::now().year()) {
        Ok(registration) => registration,
        Err(problems) => {
            let error = CommandError::Invalid(problems);
            return refused(&state, parts, &page, kept, error, invalid).await;
        }
    };
    let personal = [
        &registration.email,
        &registration.contact_person,
        &registration.name,
    ];
    if let Err(weak) =
        password::check_strength(&registration.password, &personal.map(String::as_str))
    {
        let error = CommandError::Invalid(vec![(registration::field::PASSWORD, weak.to_string())]);
        return refused(&state, parts, &page, kept, error, invalid).await;
    }
    let now_ms = Utc::now().timestamp_millis();
    let ip = super::account::client_ip(&parts);
    match throttle::take_mail_attempt(&state.db, &registration.email, &ip, now_ms).await {
        Ok(Some(until)) => return render::too_many(&state, parts, kept, until, now_ms).await,
        Ok(None) => {}
        Err(error) => return internal(error),
    }
    let Ok(hash) = password::hash_pooled(registration.password.clone()).await else {
        return render::busy_form(&state, parts, kept).await;
    };
    match commands::register(&state.ctx(), &registration, &hash).await {
        Ok(()) => Redirect::to("/registrera/tack").into_response(),
        // The number is registered already: said by its field, with the way to ask for access.
        Err(CommandError::Conflict(message)) => {
            kept.values.insert(
                TAKEN_ORG_NUMBER.into(),
                registration.org_number.as_str().to_owned(),
            );
            kept.add_error(registration::field::ORG_NUMBER, message);
            render::page_with_form(&state, parts, kept, StatusCode::CONFLICT).await
        }
        Err(error) => refused(&state, parts, &page, kept, error, invalid).await,
    }
}

/// `POST /bekrafta-epost`: uses the link's token up and confirms the address.
pub async fn verify_email(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let token = form.get("token").cloned().unwrap_or_default();
    match commands::verify_email(&state.ctx(), &token).await {
        Ok(()) => Redirect::to("/logga-in?bekraftad=1").into_response(),
        Err(CommandError::Conflict(message)) => {
            let kept = FormState {
                message: Some(message),
                ..FormState::default()
            };
            render::page_with_form(&state, parts, kept, StatusCode::BAD_REQUEST).await
        }
        Err(CommandError::Db(error)) => internal(error),
        Err(other) => super::errors::failure(&other),
    }
}

/// `POST /glomt-losenord`: the same answer, in the same time, whether or not the address
/// has an account.
pub async fn forgot_password(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let typed = form.get("email").cloned().unwrap_or_default();
    let mut kept = FormState::default();
    kept.values.insert("email".into(), typed.clone());
    let address = match email::parse(&typed) {
        Ok(address) => address,
        Err(message) => {
            kept.add_error("email", message);
            return render::page_with_form(&state, parts, kept, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let now_ms = Utc::now().timestamp_millis();
    let ip = super::account::client_ip(&parts);
    match throttle::take_mail_attempt(&state.db, &address, &ip, now_ms).await {
        Ok(Some(until)) => return render::too_many(&state, parts, kept, until, now_ms).await,
        Ok(None) => {}
        Err(error) => return internal(error),
    }
    match commands::request_password_reset(&state.ctx(), address).await {
        Ok(()) => Redirect::to("/glomt-losenord?skickat=1").into_response(),
        Err(CommandError::Db(error)) => internal(error),
        Err(other) => super::errors::failure(&other),
    }
}

/// `POST /nytt-losenord`: a new password through a live reset link. Every session of
/// the account ends, wherever it was.
pub async fn new_password(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let token = form.get("token").cloned().unwrap_or_default();
    let new_password = form.get("password").cloned().unwrap_or_default();
    let mut problems = FormState::default();
    problems.values.insert("token".into(), token.clone());
    let now_ms = Utc::now().timestamp_millis();

    // The same page sets a forgotten password and an invited person's first one.
    let found = match email_tokens::peek(&state.db, &token, Purpose::Reset, now_ms).await {
        Ok(Err(email_tokens::Refused::Unknown)) => {
            email_tokens::peek(&state.db, &token, Purpose::Invite, now_ms)
                .await
                .map(|found| found.map(|id| (id, Purpose::Invite)))
        }
        other => other.map(|found| found.map(|id| (id, Purpose::Reset))),
    };
    let (purpose, user) = match found {
        Ok(Ok((user_id, purpose))) => {
            match app_user::Entity::find_by_id(user_id).one(&state.db).await {
                // A deactivated account gets no password through an old link.
                Ok(Some(user)) if !user.active => {
                    problems.message = Some(LINK_REFUSED.into());
                    return render::page_with_form(
                        &state,
                        parts,
                        problems,
                        StatusCode::BAD_REQUEST,
                    )
                    .await;
                }
                Ok(Some(user)) => (purpose, user),
                Ok(None) => return Redirect::to("/glomt-losenord").into_response(),
                Err(error) => return internal(error),
            }
        }
        Ok(Err(_)) => {
            problems.message = Some(LINK_REFUSED.into());
            return render::page_with_form(&state, parts, problems, StatusCode::BAD_REQUEST).await;
        }
        Err(error) => return internal(error),
    };
    if let Err(weak) = password::check_strength(&new_password, &[&user.email, &user.display_name]) {
        problems.add_error("password", weak.to_string());
        return render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    let Ok(hash) = password::hash_pooled(new_password).await else {
        return render::busy_form(&state, parts, problems).await;
    };
    let changed = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        if email_tokens::redeem(&txn, &token, purpose, now_ms)
            .await?
            .is_err()
        {
            return Ok(false);
        }
        let mut update = app_user::Entity::update_many().col_expr(
            app_user::Column::PasswordHash,
            Expr::value(hash.expose_for_storage()),
        );
        if purpose == Purpose::Invite || user.email_verified_at.is_none() {
            // The link came by mail, so the address is proven.
            update = update.col_expr(app_user::Column::EmailVerifiedAt, Expr::value(Utc::now()));
        }
        update
            .filter(app_user::Column::Id.eq(user.id))
            .exec(&txn)
            .await?;
        user_session::Entity::delete_many()
            .filter(user_session::Column::UserId.eq(user.id))
            .exec(&txn)
            .await?;
        // Every other link that sets this password dies with this one.
        for purpose in [Purpose::Reset, Purpose::Invite] {
            email_tokens::revoke_all(&txn, user.id, purpose, now_ms).await?;
        }
        events::record(
            &txn,
            NewEvent {
                aggregate_type: "user",
                aggregate_id: user.id,
                event_type: if purpose == Purpose::Invite {
                    "account.invitation_accepted"
                } else {
                    "account.password_reset"
                },
                actor_id: Some(user.id),
                payload: json!({}),
                schema_version: 1,
            },
            Vec::new(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(true)
    }
    .await;
    match changed {
        Ok(true) => Redirect::to("/logga-in?nytt-losenord=1").into_response(),
        Ok(false) => {
            problems.message = Some(LINK_REFUSED.into());
            render::page_with_form(&state, parts, problems, StatusCode::BAD_REQUEST).await
        }
        Err(error) => internal(error),
    }
}
