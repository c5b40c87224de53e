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
    extract::{DefaultBodyLimit, Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use uuid::Uuid;

use super::{
    members::not_found,
    registration::read_form,
    toolkit::{refused, refused_at, SignedIn},
    uploads,
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/foreningar/{id}/ansokningar", post(start))
        .route("/ansokningar/{id}/steg/{step}", post(save))
        .route("/ansokningar/{id}/steg/{step}/autospara", post(autosave))
        .route("/ansokningar/{id}/skicka-in", post(submit))
        .route("/ansokningar/{id}/aterkalla", post(withdraw))
        .route("/ansokningar/{id}/kopiera", post(copy))
        .route(
            "/ansokningar/{id}/bilagor/{file}/ta-bort",
            post(remove_attachment),
        )
}

/// The upload's route, with its own body limit (`limit`): merged outside the site's
/// 2 MB limit.
pub fn upload_router(limit: usize) -> Router<AppState> {
    Router::new().route(
        "/ansokningar/{id}/bilagor",
        post(attach).layer(DefaultBodyLimit::max(limit)),
    )
}

/// `POST /ansokningar/{id}/bilagor` (multipart): documents for a draft, of one type,
/// or one document replacing another (`replaces`). Refused documents are reported by
/// the file field (415 for a kind that is not accepted, 413 over the limit) and nothing
/// of them is kept; a document the application already has is kept once.
async fn attach(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let page = format!("/ansokningar/{id}/bilagor");
    let missing = "Välj en eller flera filer att bifoga.";
    let (parts, received) =
        match uploads::receive_or_answer(&state, request, "document", &page, missing).await {
            Ok(form) => form,
            Err(answer) => return answer,
        };
    let document_type = received.text("document_type");
    let mut kept = FormState::default();
    kept.values
        .insert("document_type".into(), document_type.clone());
    let parts =
        match uploads::refused_files(&state, parts, &page, "document", &kept, &received).await {
            Ok(parts) => parts,
            Err(answer) => return answer,
        };
    let replaces = Uuid::parse_str(&received.text("replaces")).ok();
    let files = received.documents();
    match commands::attach(&state.ctx(), user.id, id, &document_type, replaces, &files).await {
        Ok(done) => {
            for key in done.duplicates.iter().chain(done.replaced.iter()) {
                let _ = state.storage.delete(key).await;
            }
            let query = if done.duplicates.is_empty() {
                ""
            } else {
                "?dubblett=1"
            };
            Redirect::to(&format!("{page}{query}")).into_response()
        }
        Err(error) => {
            // Nothing half-written: the documents stored for this form go too.
            received.discard(&state).await;
            let invalid = StatusCode::UNPROCESSABLE_ENTITY;
            refused(&state, parts, &page, kept, error, invalid).await
        }
    }
}

/// `POST /ansokningar/{id}/bilagor/{file}/ta-bort`: removes an attachment of a draft.
async fn remove_attachment(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, file)): Path<(Uuid, Uuid)>,
    request: Request,
) -> Response {
    match commands::remove_attachment(&state.ctx(), user.id, id, file).await {
        Ok(key) => {
            if let Err(error) = state.storage.delete(&key).await {
                tracing::warn!(%error, "a removed attachment stays in storage");
            }
            Redirect::to(&format!("/ansokningar/{id}/bilagor")).into_response()
        }
        Err(error) => {
            let (parts, _) = request.into_parts();
            let page = format!("/ansokningar/{id}/bilagor");
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

/// The form's idempotency key (`name`): a double click or a resent form carries the
/// same one. `None` when it is missing or longer than any key the pages hand out.
fn idempotency_key(form: &std::collections::HashMap<String, String>, name: &str) -> Option<String> {
    form.get(name)
        .filter(|key| !key.is_empty() && key.len() <= 64)
        .cloned()
}

/// `POST /ansokningar/{id}/kopiera`: a new draft as a copy of the application; the
/// same `copy_key` twice (a double click) lands on the same copy.
async fn copy(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let Some(key) = idempotency_key(&form, "copy_key") else {
        return not_found();
    };
    match commands::copy(&state.ctx(), user.id, id, &key).await {
        Ok(draft) => Redirect::to(&format!("/ansokningar/{draft}")).into_response(),
        Err(error) => {
            let association = commands::mine(&state.db, id, user.id)
                .await
                .map(|row| row.association_id);
            let page = match association {
                Ok(association) => format!("/foreningar/{association}/ansokningar"),
                Err(_) => return not_found(),
            };
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
        Ok(_) => Redirect::to(&after_save(id, &slug, &pressed, action)).into_response(),
        Err(error) => {
            let kept = FormState {
                values: form,
                ..FormState::default()
            };
            let page = format!("/ansokningar/{id}/steg/{slug}");
            refused_at(&state, parts, &page, kept, error).await
        }
    }
}

/// Where a saved step leads: the same step after adding or removing a row, the next
/// step (or the documents after the last) for *Spara och fortsätt*, else the overview.
fn after_save(id: Uuid, slug: &str, pressed: &str, action: Action) -> String {
    if action != Action::Save {
        return format!("/ansokningar/{id}/steg/{slug}");
    }
    let steps = app::features::applications::STEPS.iter();
    match (pressed, steps.skip_while(|s| s.slug != slug).nth(1)) {
        ("spara", Some(next)) => format!("/ansokningar/{id}/steg/{}", next.slug),
        ("spara", None) => format!("/ansokningar/{id}/bilagor"),
        _ => format!("/ansokningar/{id}"),
    }
}

/// `POST /ansokningar/{id}/steg/{step}/autospara`: the hydrated step's save a few
/// seconds after a change: the same command as "Spara", answered in JSON for the island
/// (`{"revision": n}`; 409 when someone else saved first, 422 with the problems).
async fn autosave(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, slug)): Path<(Uuid, String)>,
    request: Request,
) -> Response {
    let Some(current) = step(&slug) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (_, form) = read_form(&state, request).await;
    let revision = form
        .get("revision")
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    let ctx = state.ctx();
    let saved = commands::save_step(&ctx, user.id, id, revision, current, &form, Action::Save);
    autosave_answer(saved.await)
}

/// The island's answer to an autosave, as JSON: the new revision (200), how many
/// problems the answers have (422), what changed under it (409), or 404.
fn autosave_answer(saved: Result<i32, app::backend::command::CommandError>) -> Response {
    use app::backend::command::CommandError;
    use axum::Json;
    use serde_json::json;
    match saved {
        Ok(revision) => Json(json!({ "revision": revision })).into_response(),
        Err(CommandError::InvalidAnswers(problems)) => {
            let body = Json(json!({ "problems": problems.len() }));
            (StatusCode::UNPROCESSABLE_ENTITY, body).into_response()
        }
        Err(CommandError::Conflict(message)) => {
            (StatusCode::CONFLICT, Json(json!({ "message": message }))).into_response()
        }
        Err(CommandError::NotFound | CommandError::Forbidden(_)) => {
            StatusCode::NOT_FOUND.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "an autosave failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
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
    let Some(key) = idempotency_key(&form, "submit_key") else {
        return not_found();
    };
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
