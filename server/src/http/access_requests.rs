//! The HTTP side of access requests (`app::features::access_requests`): asking for
//! access to an association's account that someone else registered, confirming the
//! address, and the owners' answer. Each handler reads the form, throttles where anyone
//! may post, calls one command and maps the outcome.
use app::{
    backend::command::CommandError,
    components::form::FormState,
    features::{
        access_requests::commands::{self, Answer, Ask},
        membership::commands::Inviter,
    },
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use uuid::Uuid;

use super::{
    account::{client_ip, internal},
    members::not_found,
    registration::read_form,
    render,
    toolkit::{refused_here, Posted, SignedIn},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/registrera/be-om-atkomst", post(request_access))
        .route("/registrera/be-om-atkomst/bekrafta", post(confirm))
        .route(
            "/foreningar/{id}/forfragningar/{request}/{action}",
            post(answer),
        )
}

/// `POST /registrera/be-om-atkomst`: anyone may ask. Five requests per IP and three
/// mails per address in 15 minutes.
pub async fn request_access(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let ask = Ask::from_form(|name| form.one(name).trim().to_owned());
    let ip = client_ip(&parts);
    match commands::ask_from(&state.ctx(), &ask, &ip).await {
        Ok(()) => Redirect::to("/registrera/be-om-atkomst/skickad").into_response(),
        Err(error) => {
            let kept = FormState {
                values: Ask::FIELDS
                    .iter()
                    .map(|name| ((*name).to_owned(), form.one(name).trim().to_owned()))
                    .collect(),
                ..FormState::default()
            };
            refused_here(&state, parts, kept, error).await
        }
    }
}

/// `POST /registrera/be-om-atkomst/bekrafta`: the requester's link, used once within 24
/// hours; the owners get the request by mail.
pub async fn confirm(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let token = form.get("token").cloned().unwrap_or_default();
    // A refused confirmation comes back with its token, so the button still works.
    let mut kept = FormState::default();
    kept.values.insert("token".into(), token.clone());
    let (message, status) = match commands::confirm(&state.ctx(), &token).await {
        Ok(()) => return Redirect::to("/registrera/be-om-atkomst/bekraftad").into_response(),
        Err(CommandError::Conflict(message)) => (message, StatusCode::BAD_REQUEST),
        Err(CommandError::Forbidden(message)) => (message, StatusCode::TOO_MANY_REQUESTS),
        Err(CommandError::Db(error)) => return internal(error),
        Err(other) => return super::errors::failure(&other),
    };
    kept.message = Some(message);
    render::page_with_form(&state, parts, kept, status).await
}

/// `POST /foreningar/{id}/forfragningar/{request}/{action}`: an owner answers, with
/// `bjud-in` (an invitation by mail) or `avsla`.
pub async fn answer(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, request_id, action)): Path<(Uuid, Uuid, String)>,
) -> Response {
    let (answer, done) = match action.as_str() {
        "bjud-in" => (Answer::Invite, "inbjuden"),
        "avsla" => (Answer::Decline, "avslagen"),
        _ => return not_found(),
    };
    let owner = Inviter {
        id: user.id,
        name: &user.display_name,
    };
    match commands::answer(&state.ctx(), id, request_id, owner, answer).await {
        Ok(()) => Redirect::to(&format!("/foreningar/{id}?klart={done}")).into_response(),
        Err(CommandError::NotFound) => not_found(),
        Err(CommandError::Db(error)) => internal(error),
        Err(other) => super::errors::failure(&other),
    }
}
