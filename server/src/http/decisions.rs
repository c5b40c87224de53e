//! The HTTP side of the public decisions (`app::features::decisions`): the officers'
//! secrecy marks. The public pages are Leptos routes.
use app::features::decisions::{commands, field};
use axum::{
    extract::{Path, Request, State},
    response::Response,
    routing::post,
    Router,
};
use uuid::Uuid;

use super::{
    members::not_found,
    toolkit::{saved_or_refused, Posted, SignedIn},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/handlaggning/arenden/{id}/sekretess", post(mark_secret))
}

/// `POST /handlaggning/arenden/{id}/sekretess`: the fields kept out of the published
/// decision, with the ground.
async fn mark_secret(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::mark_secret(
        &state.ctx(),
        user.id,
        id,
        &form.all(field::SECRET),
        &form.one(field::REASON),
    )
    .await;
    let kept = form.kept(&[field::SECRET, field::REASON]);
    let page = format!("/handlaggning/arenden/{id}");
    saved_or_refused(&state, parts, &page, kept, done, "sekretess").await
}
