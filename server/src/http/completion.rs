//! The HTTP side of the completion (`app::features::completion`): the officer's request.
//! The association's answer is the application's own submit
//! (`applications::commands::submit`).
use app::features::completion::{
    commands::{self, RequestForm},
    field,
};
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
    Router::new().route("/handlaggning/arenden/{id}/komplettering", post(request))
}

/// `POST /handlaggning/arenden/{id}/komplettering`: ask the association to complete.
async fn request(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let typed = RequestForm {
        message: form.one(field::MESSAGE),
        reply_by: form.one(field::REPLY_BY),
        documents: form.all(field::DOCUMENTS),
    };
    let done = commands::request(&state.ctx(), user.id, id, &typed).await;
    let kept = form.kept(&[field::MESSAGE, field::REPLY_BY, field::DOCUMENTS]);
    let page = format!("/handlaggning/arenden/{id}");
    saved_or_refused(&state, parts, &page, kept, done, "komplettering").await
}
