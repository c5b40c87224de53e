//! The HTTP side of assessment and attestation (`app::features::assessment`): the jäv
//! declaration, the assessment, the attestation and sending a proposal back. Each
//! handler reads the form, calls one command and maps the outcome.
use app::{
    components::form::FormState,
    features::assessment::{commands, field},
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
    Router::new()
        .route("/handlaggning/arenden/{id}/jav", post(declare))
        .route("/handlaggning/arenden/{id}/bedomning", post(save))
        .route("/handlaggning/arenden/{id}/attest", post(attest))
        .route("/handlaggning/arenden/{id}/tillbaka", post(send_back))
}

/// The assessment page, where its forms are.
fn page(id: Uuid) -> String {
    format!("/handlaggning/arenden/{id}/bedomning")
}

/// `POST /handlaggning/arenden/{id}/jav`: not jävig (`jav=nej`) or jävig with a reason.
async fn declare(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let recused = match form.one(field::RECUSED).as_str() {
        "ja" => Some(true),
        "nej" => Some(false),
        _ => None,
    };
    let done =
        commands::declare(&state.ctx(), user.id, id, recused, &form.one(field::REASON)).await;
    let kept = form.kept(&[field::RECUSED, field::REASON]);
    saved_or_refused(&state, parts, &page(id), kept, done, "jav").await
}

/// `POST /handlaggning/arenden/{id}/bedomning`: the assessment, as a draft or done
/// (`klar=1`).
async fn save(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let finish = form.one("klar") == "1";
    let typed = form.map();
    let done = commands::save(&state.ctx(), user.id, id, &typed, finish).await;
    let kept = FormState {
        values: typed,
        ..FormState::default()
    };
    saved_or_refused(
        &state,
        parts,
        &page(id),
        kept,
        done,
        if finish { "klar" } else { "utkast" },
    )
    .await
}

/// `POST /handlaggning/arenden/{id}/attest`: the approver attests the proposal.
async fn attest(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let (parts, _) = Posted::read(&state, request).await;
    let done = commands::attest(&state.ctx(), user.id, id)
        .await
        .map(|_| ());
    saved_or_refused(
        &state,
        parts,
        &page(id),
        FormState::default(),
        done,
        "attest",
    )
    .await
}

/// `POST /handlaggning/arenden/{id}/tillbaka`: the approver sends the proposal back.
async fn send_back(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::send_back(&state.ctx(), user.id, id, &form.one(field::COMMENT)).await;
    let kept = form.kept(&[field::COMMENT]);
    saved_or_refused(&state, parts, &page(id), kept, done, "tillbaka").await
}
