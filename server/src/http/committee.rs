//! The HTTP side of the committee (`app::features::committee`): a meeting, cases onto
//! its agenda, the decision per §, the justering. Each handler reads the form, calls
//! one command and maps the outcome.
use app::features::committee::{commands, field};
use axum::{
    extract::{Path, Request, State},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use uuid::Uuid;

use super::toolkit::{refused_at, saved_or_refused, Posted, Verifier};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/handlaggning/moten", post(create))
        .route("/handlaggning/moten/{id}/dagordning", post(add_to_agenda))
        .route("/handlaggning/moten/{id}/justera", post(justify))
        .route("/handlaggning/dagordning/{item}/beslut", post(decide))
}

/// `POST /handlaggning/moten`: a new meeting.
async fn create(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    match commands::create_meeting(&state.ctx(), user.id, &form.map()).await {
        Ok(id) => Redirect::to(&format!("/handlaggning/moten/{id}?sparat=nytt")).into_response(),
        Err(error) => {
            let kept = form.kept(&[field::BODY, field::DATE, field::CASES_BY, field::PLACE]);
            refused_at(&state, parts, "/handlaggning/moten", kept, error).await
        }
    }
}

/// `POST /handlaggning/moten/{id}/dagordning`: the chosen attested cases onto the agenda.
async fn add_to_agenda(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let cases: Vec<Uuid> = form
        .all(field::CASES)
        .iter()
        .filter_map(|c| Uuid::parse_str(c).ok())
        .collect();
    let page = format!("/handlaggning/moten/{id}");
    let done = commands::add_to_agenda(&state.ctx(), user.id, id, &cases)
        .await
        .map(drop);
    saved_or_refused(&state, parts, &page, Default::default(), done, "dagordning").await
}

/// `POST /handlaggning/dagordning/{item}/beslut`: the decision of one §.
async fn decide(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(item): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let meeting = Uuid::parse_str(&form.one("mote")).unwrap_or_default();
    let page = format!("/handlaggning/moten/{meeting}");
    let done = commands::decide(&state.ctx(), user.id, item, &form.map())
        .await
        .map(drop);
    saved_or_refused(&state, parts, &page, Default::default(), done, "beslut").await
}

/// `POST /handlaggning/moten/{id}/justera`: the minutes are justerade.
async fn justify(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let page = format!("/handlaggning/moten/{id}");
    let done = commands::justify(&state.ctx(), user.id, id, &form.one(field::JUSTERED))
        .await
        .map(drop);
    let kept = form.kept(&[field::JUSTERED]);
    saved_or_refused(&state, parts, &page, kept, done, "justerat").await
}
