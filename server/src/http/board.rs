//! The HTTP side of the board feature (`app::features::board`): adding and removing
//! board members by plain form posts. Each handler reads the form, calls one command
//! and maps the outcome.
use app::{components::form::FormState, features::board};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use uuid::Uuid;

use super::{
    registration::read_form,
    toolkit::{refused, SignedIn},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/foreningar/{id}/styrelse", post(add))
        .route("/foreningar/{id}/styrelse/{member}/ta-bort", post(remove))
}

/// `POST /foreningar/{id}/styrelse`: an owner or a verified representative adds someone
/// to the board.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let name = form.get(board::field::NAME).cloned().unwrap_or_default();
    let role = form.get(board::field::ROLE).cloned().unwrap_or_default();
    match board::commands::add_member(&state.ctx(), id, user.id, &name, &role).await {
        Ok(_) => Redirect::to(&format!("/foreningar/{id}?klart=styrelse")).into_response(),
        Err(error) => {
            let mut kept = FormState::default();
            kept.values.insert(board::field::NAME.into(), name);
            kept.values.insert(board::field::ROLE.into(), role);
            let page = format!("/foreningar/{id}");
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
    }
}

/// `POST /foreningar/{id}/styrelse/{member}/ta-bort`: the confirmed removal of a board
/// member (the page `/foreningar/{id}/styrelse/{member}` asks first).
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, member)): Path<(Uuid, Uuid)>,
    request: Request,
) -> Response {
    match board::commands::remove_member(&state.ctx(), id, user.id, member).await {
        Ok(()) => {
            Redirect::to(&format!("/foreningar/{id}?klart=borttagen-ur-styrelsen")).into_response()
        }
        Err(error) => {
            let (parts, _) = request.into_parts();
            let page = format!("/foreningar/{id}");
            refused(
                &state,
                parts,
                &page,
                FormState::default(),
                error,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
