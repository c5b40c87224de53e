//! The HTTP side of the umbrella membership (`app::features::umbrella`): an
//! association's application (multipart: the board's minutes streamed to storage), the
//! staff's decision and the fee records. The pages are Leptos routes.
use app::{
    components::form::FormState,
    features::umbrella::{
        commands::{self, Apply},
        field,
    },
};
use axum::{
    extract::{DefaultBodyLimit, Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use uuid::Uuid;

use super::{
    members::{membership_of, not_found},
    toolkit::{refused, saved_or_refused, Posted, SignedIn},
    uploads,
};
use crate::startup::AppState;

/// The application's route, with the uploads' body limit.
pub fn upload_router(limit: usize) -> Router<AppState> {
    Router::new().route(
        "/foreningar/{id}/helsam",
        post(apply).layer(DefaultBodyLimit::max(limit)),
    )
}

/// The staff's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/handlaggning/helsam/{id}", post(decide))
        .route("/handlaggning/helsam/avgift/{association}", post(fee))
}

/// `POST /foreningar/{id}/helsam` (multipart): a verified representative applies.
async fn apply(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if let Err(response) = membership_of(&state, &user, id).await {
        return response;
    }
    let page = format!("/foreningar/{id}/helsam");
    let missing = "Välj filen med protokollet från styrelsemötet.";
    let (parts, received) =
        match uploads::receive_or_answer(&state, request, field::MINUTES, &page, missing).await {
            Ok(form) => form,
            Err(answer) => return answer,
        };
    let status = received.refusal_status(StatusCode::UNPROCESSABLE_ENTITY);
    let minutes = match (
        received.first_error(),
        received.documents().into_iter().next(),
    ) {
        (Some(error), _) => Err(error.message()),
        (None, Some(file)) => Ok(file),
        (None, None) => Err(missing.to_owned()),
    };
    let day = received.text(field::BOARD_DECIDED_ON);
    let mut kept = FormState::default();
    kept.values
        .insert(field::BOARD_DECIDED_ON.into(), day.clone());
    kept.message = Some(
        "Välj filen igen när du har rättat felen: av säkerhetsskäl sparar webbläsaren den inte."
            .into(),
    );
    let input = Apply {
        association_id: id,
        applied_by: user.id,
        board_decided_on: day,
        minutes,
    };
    match commands::apply(&state.ctx(), input).await {
        Ok(_) => Redirect::to(&format!("{page}?skickad=1")).into_response(),
        Err(error) => {
            received.discard(&state).await;
            refused(&state, parts, &page, kept, error, status).await
        }
    }
}

/// `POST /handlaggning/helsam/{id}`: staff approve or reject an application.
async fn decide(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if !user.role.handles_cases() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::decide(
        &state.ctx(),
        user.id,
        id,
        &form.one(field::DECISION),
        &form.one(field::NOTE),
    )
    .await;
    let kept = form.kept(&[field::DECISION, field::NOTE]);
    saved_or_refused(&state, parts, "/handlaggning/helsam", kept, done, "beslut").await
}

/// `POST /handlaggning/helsam/avgift/{association}`: a year's fee paid, or taken back.
async fn fee(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(association): Path<Uuid>,
    request: Request,
) -> Response {
    if !user.role.handles_cases() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::record_fee(
        &state.ctx(),
        user.id,
        association,
        &form.one(field::YEAR),
        form.one(field::PAID) == "1",
    )
    .await;
    saved_or_refused(
        &state,
        parts,
        "/handlaggning/helsam",
        FormState::default(),
        done,
        "avgift",
    )
    .await
}
