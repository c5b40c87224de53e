//! The HTTP side of the representatives feature (`app::features::representatives`):
//! the upload of the document naming them (multipart, streamed to storage), its
//! download, and the officer's decision. Each handler reads the request, calls one
//! command and maps the outcome.
use app::{
    components::form::FormState,
    domain::document,
    features::representatives::{
        commands::{self, Decide, SendProof},
        field, queries,
    },
};
use axum::{
    extract::{DefaultBodyLimit, Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use uuid::Uuid;

use super::{
    account::internal,
    members::{membership_of, not_found},
    toolkit::{refused, refused_here, Posted, SignedIn, Verifier},
    uploads,
};
use crate::startup::AppState;

/// The upload's route, with its own body limit (`limit`, documents of up to the
/// configured size): merged outside the site's 2 MB limit.
pub fn upload_router(limit: usize) -> Router<AppState> {
    Router::new().route(
        "/foreningar/{id}/foretradare",
        // The multipart reader stops at this limit; the handler itself answers a declared
        // length over it with the form and a Swedish message, not a bare 413.
        post(upload).layer(DefaultBodyLimit::max(limit)),
    )
}

/// The feature's other routes, under the site's body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dokument/{id}", get(download))
        .route("/handlaggning/foretradare/{id}", post(decide))
}

/// `POST /foreningar/{id}/foretradare` (multipart): a member sends in the document.
pub async fn upload(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    if let Err(response) = membership_of(&state, &user, id).await {
        return response;
    }
    let page = format!("/foreningar/{id}");
    let missing = document::MISSING;
    let (parts, received) =
        match uploads::receive_or_answer(&state, request, field::DOCUMENT, &page, missing).await {
            Ok(form) => form,
            Err(answer) => return answer,
        };
    let status = received.refusal_status(StatusCode::UNPROCESSABLE_ENTITY);
    let document = match (
        received.first_error(),
        received.documents().into_iter().next(),
    ) {
        (Some(error), _) => Err(error.message()),
        (None, Some(document)) => Ok(document),
        (None, None) => Err(document::MISSING.to_owned()),
    };
    let meeting = received.text(field::NEXT_ANNUAL_MEETING);
    let kept = kept_proof_form(received.all(field::NAMED), &meeting);
    let input = SendProof {
        association_id: id,
        sent_by: user.id,
        document,
        named: received.all(field::NAMED),
        next_annual_meeting: meeting,
    };
    match commands::send_proof(&state.ctx(), input).await {
        Ok(_) => Redirect::to(&format!("/foreningar/{id}?klart=dokument")).into_response(),
        Err(error) => {
            // Nothing half-written: a document stored before another field failed goes too.
            received.discard(&state).await;
            refused(&state, parts, &page, kept, error, status).await
        }
    }
}

/// What the document form shows again after a refusal: the people ticked, the date, and
/// that the file must be chosen again.
fn kept_proof_form(named: Vec<String>, meeting: &str) -> FormState {
    let mut kept = FormState::default();
    kept.values.insert(field::NAMED.into(), named.join(","));
    kept.values
        .insert(field::NEXT_ANNUAL_MEETING.into(), meeting.to_owned());
    kept.message = Some(
        "Välj filen igen när du har rättat felen: av säkerhetsskäl sparar webbläsaren den inte."
            .into(),
    );
    kept
}

/// `GET /dokument/{id}`: the document, streamed, for the association's members and
/// staff; 404 for everyone else.
pub async fn download(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    let file = match queries::readable_document(&state.db, id, &user).await {
        Ok(Some(file)) => file,
        Ok(None) => return not_found(),
        Err(error) => return internal(error),
    };
    let (size, stream) = match state.storage.open(&file.storage_key).await {
        Ok(opened) => opened,
        Err(error) => {
            tracing::error!(%error, attachment = %file.id, "a stored document cannot be opened");
            return not_found();
        }
    };
    super::uploads::file_download(&file.file_name, &file.content_type, size, stream)
}

/// `POST /handlaggning/foretradare/{id}`: an officer (or admin) approves the document,
/// recording the verified people and the last day it holds, or refuses it with a note.
pub async fn decide(
    State(state): State<AppState>,
    Verifier(officer): Verifier,
    Path(proof_id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let input = Decide {
        proof_id,
        officer: officer.id,
        approve: form.one("decision") == "godkann",
        named: form.all(field::NAMED),
        valid_until: form.one(field::VALID_UNTIL).trim().to_owned(),
        note: form.one(field::NOTE).trim().to_owned(),
    };
    let kept = form.kept(&[field::NAMED, field::VALID_UNTIL, field::NOTE]);
    match commands::decide(&state.ctx(), input).await {
        Ok(_) => Redirect::to("/handlaggning/foretradare?beslutat=1").into_response(),
        Err(error) => refused_here(&state, parts, kept, error).await,
    }
}
