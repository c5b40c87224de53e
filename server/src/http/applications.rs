//! The HTTP side of the applications feature (`app::features::applications`): start a
//! draft, save a step (and add or remove its rows), submit, withdraw, all by plain
//! form posts. Each handler reads the form, calls one command and maps the outcome.
use app::{
    components::form::FormState,
    features::applications::{
        commands::{self, Action},
        step, Rows,
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
    members::not_found,
    registration::read_form,
    toolkit::{refused, SignedIn},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/foreningar/{id}/ansokningar", post(start))
        .route("/ansokningar/{id}/steg/{step}", post(save))
        .route("/ansokningar/{id}/skicka-in", post(submit))
        .route("/ansokningar/{id}/aterkalla", post(withdraw))
}

/// `POST /foreningar/{id}/ansokningar`: a member starts a draft for a programme.
async fn start(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let Some(programme) = form.get("programme").and_then(|p| Uuid::parse_str(p).ok()) else {
        return not_found();
    };
    match commands::start(&state.ctx(), user.id, id, programme).await {
        Ok(draft) => Redirect::to(&format!("/ansokningar/{draft}")).into_response(),
        Err(error) => {
            let page = format!("/foreningar/{id}/ansokningar");
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

/// What the pressed button asks: `spara`, `oversikt`, `lagg-till-{rows}`,
/// `ta-bort-{rows}-{index}`.
fn action_of(value: &str) -> Action {
    let rows = [Rows::Activities, Rows::Goals, Rows::Income, Rows::Costs];
    if let Some(prefix) = value.strip_prefix("lagg-till-") {
        if let Some(rows) = rows.into_iter().find(|r| r.prefix() == prefix) {
            return Action::AddRow(rows);
        }
    }
    if let Some(rest) = value.strip_prefix("ta-bort-") {
        if let Some((prefix, index)) = rest.rsplit_once('-') {
            if let (Some(rows), Ok(index)) = (
                rows.into_iter().find(|r| r.prefix() == prefix),
                index.parse(),
            ) {
                return Action::RemoveRow(rows, index);
            }
        }
    }
    Action::Save
}

/// `POST /ansokningar/{id}/steg/{step}`: saves the step; a refused one comes back with
/// everything typed, the problems by their fields and 422 (409 when someone else saved
/// first).
async fn save(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, slug)): Path<(Uuid, String)>,
    request: Request,
) -> Response {
    let Some(current) = step(&slug) else {
        return not_found();
    };
    let (parts, form) = read_form(&state, request).await;
    let revision = form
        .get("revision")
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    let pressed = form.get("action").cloned().unwrap_or_default();
    let action = action_of(&pressed);
    let ctx = state.ctx();
    match commands::save_step(&ctx, user.id, id, revision, current, &form, action).await {
        Ok(_) if action != Action::Save => {
            Redirect::to(&format!("/ansokningar/{id}/steg/{slug}")).into_response()
        }
        Ok(_) => {
            let next = app::features::applications::STEPS
                .iter()
                .skip_while(|s| s.slug != slug)
                .nth(1);
            match (pressed.as_str(), next) {
                ("spara", Some(next)) => {
                    Redirect::to(&format!("/ansokningar/{id}/steg/{}", next.slug))
                }
                ("spara", None) => Redirect::to(&format!("/ansokningar/{id}/skicka-in")),
                _ => Redirect::to(&format!("/ansokningar/{id}")),
            }
            .into_response()
        }
        Err(error) => {
            let kept = FormState {
                values: form,
                ..FormState::default()
            };
            let page = format!("/ansokningar/{id}/steg/{slug}");
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

/// `POST /ansokningar/{id}/skicka-in`: a verified representative submits; then the
/// receipt (303). The same form twice answers the same receipt.
async fn submit(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let key = form.get("submit_key").cloned().unwrap_or_default();
    if key.is_empty() || key.len() > 64 {
        return not_found();
    }
    match commands::submit(&state.ctx(), user.id, id, &key).await {
        Ok(_) => Redirect::to(&format!("/ansokningar/{id}/kvitto")).into_response(),
        Err(error) => {
            let page = format!("/ansokningar/{id}/skicka-in");
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

/// `POST /ansokningar/{id}/aterkalla`: the confirmed withdrawal.
async fn withdraw(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    match commands::withdraw(&state.ctx(), user.id, id).await {
        Ok(()) => Redirect::to(&format!("/ansokningar/{id}")).into_response(),
        Err(error) => {
            let (parts, _) = request.into_parts();
            let page = format!("/ansokningar/{id}");
            refused(
                &state,
                parts,
                &page,
                FormState::default(),
                error,
                StatusCode::CONFLICT,
            )
            .await
        }
    }
}
