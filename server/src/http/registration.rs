//! The HTTP side of registration (`app::features::registration`): registering an
//! association, confirming the e-mail address, and resetting a password. Plain form
//! posts: a rejected one comes back with the messages by the fields and what the person
//! typed (never a password), with a 4xx status and nothing written. Each handler reads
//! the form, throttles mail, calls one command and maps the outcome.
use std::collections::HashMap;

use app::{
    backend::{command::CommandError, entities::app_user, password},
    components::form::FormState,
    domain::registration,
    features::registration::commands,
    features::registration::pages::register::TAKEN_ORG_NUMBER,
};
use axum::{
    extract::{Form, FromRequest, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    account::internal,
    render,
    toolkit::{refused, refused_here, Posted},
};
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
    let ip = super::account::client_ip(&parts);
    let error = match commands::register_from_form(&state.ctx(), &form, &ip).await {
        Ok(()) => return Redirect::to("/registrera/tack").into_response(),
        Err(error) => error,
    };
    let mut kept = FormState::default();
    for (name, value) in form {
        if name != registration::field::PASSWORD {
            kept.values.insert(name, value);
        }
    }
    // A registered number is said by its field, with the way to ask for access.
    if let CommandError::Taken { .. } = error {
        let number = kept.value(registration::field::ORG_NUMBER);
        let number = app::domain::org_number::OrgNumber::parse(&number)
            .map(|n| n.as_str().to_owned())
            .unwrap_or(number);
        kept.values.insert(TAKEN_ORG_NUMBER.into(), number);
    }
    let page = parts.uri.path().to_owned();
    refused(
        &state,
        parts,
        &page,
        kept,
        error,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
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
    let (parts, form) = Posted::read(&state, request).await;
    let ip = super::account::client_ip(&parts);
    match commands::request_password_reset(&state.ctx(), &form.one("email"), &ip).await {
        Ok(()) => Redirect::to("/glomt-losenord?skickat=1").into_response(),
        Err(error) => refused_here(&state, parts, form.kept(&["email"]), error).await,
    }
}

/// `POST /nytt-losenord`: a new password through a live reset link. Every session of
/// the account ends, wherever it was.
pub async fn new_password(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let token = form.get("token").cloned().unwrap_or_default();
    let new_password = form.get("password").cloned().unwrap_or_default();
    let mut kept = FormState::default();
    kept.values.insert("token".into(), token.clone());
    let ctx = state.ctx();
    let link = match commands::password_link(&ctx, &token).await {
        Ok(link) => link,
        Err(CommandError::NotFound) => return Redirect::to("/glomt-losenord").into_response(),
        Err(error) => return link_refused(&state, parts, kept, error).await,
    };
    let personal = [link.user.email.as_str(), link.user.display_name.as_str()];
    if let Err(weak) = password::check_strength(&new_password, &personal) {
        kept.add_error("password", weak.to_string());
        return render::page_with_form(&state, parts, kept, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let Ok(hash) = password::hash_pooled(new_password).await else {
        return render::busy_form(&state, parts, kept).await;
    };
    match commands::set_password_by_link(&ctx, &token, &link, &hash).await {
        Ok(()) => Redirect::to("/logga-in?nytt-losenord=1").into_response(),
        Err(error) => link_refused(&state, parts, kept, error).await,
    }
}

/// A link that does not work: the page again saying so (400), or the 500 page.
async fn link_refused(
    state: &AppState,
    parts: axum::http::request::Parts,
    mut kept: FormState,
    error: CommandError,
) -> Response {
    match error {
        CommandError::Conflict(message) => {
            kept.message = Some(message);
            render::page_with_form(state, parts, kept, StatusCode::BAD_REQUEST).await
        }
        CommandError::Db(error) => internal(error),
        other => super::errors::failure(&other),
    }
}
