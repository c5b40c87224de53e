//! The HTTP side of the representatives feature (`app::features::representatives`):
//! the upload of the document naming them (multipart, streamed to storage), its
//! download, and the officer's decision. Each handler reads the request, calls one
//! command and maps the outcome.
use app::{
    components::form::FormState,
    domain::document,
    features::representatives::{
        commands::{self, Decide, SendProof, StoredDocument},
        field, queries,
    },
};
use axum::{
    body::Body,
    extract::{DefaultBodyLimit, Path, Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use uuid::Uuid;

use super::{
    account::internal,
    members::{membership_of, not_found},
    toolkit::{refused, Posted, SignedIn, Verifier},
    uploads::{self, NotAForm},
};
use crate::{startup::AppState, storage::UploadError};

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
    let (parts, body) = request.into_parts();
    let received = match uploads::receive(&state, &parts, body, field::DOCUMENT).await {
        Ok(received) => received,
        Err(refused) => {
            let (message, status) = match refused {
                NotAForm::TooLarge => (
                    document::too_large(state.storage.max_bytes()),
                    StatusCode::PAYLOAD_TOO_LARGE,
                ),
                NotAForm::NotMultipart => (document::MISSING.to_owned(), StatusCode::BAD_REQUEST),
            };
            let mut form = FormState::default();
            form.add_error(field::DOCUMENT, &message);
            return super::render::page_at_with_form(&state, parts, &page, form, status).await;
        }
    };
    let named = received.all(field::NAMED);
    let meeting = received.text(field::NEXT_ANNUAL_MEETING);
    let refusal = received.first_error();
    let status = refusal.map_or(StatusCode::UNPROCESSABLE_ENTITY, UploadError::status);
    if let Some(UploadError::Store(error)) = refusal {
        tracing::error!(%error, "storing an upload failed");
    }
    let stored_keys = received.stored_keys();
    let document = match (received.files.into_iter().next(), &received.error) {
        (_, Some(error)) => Err(error.message()),
        (Some(file), None) => match file.outcome {
            Ok(stored) => Ok(StoredDocument {
                key: stored.key,
                kind: stored.kind,
                size: stored.size,
                sha256: stored.sha256,
                file_name: file.file_name,
            }),
            Err(error) => Err(error.message()),
        },
        (None, None) => Err(document::MISSING.to_owned()),
    };
    let input = SendProof {
        association_id: id,
        sent_by: user.id,
        document,
        named: named.clone(),
        next_annual_meeting: meeting.clone(),
    };
    match commands::send_proof(&state.ctx(), input).await {
        Ok(_) => Redirect::to(&format!("/foreningar/{id}?klart=dokument")).into_response(),
        Err(error) => {
            // Nothing half-written: a document stored before another field failed goes too.
            for key in stored_keys {
                let _ = state.storage.delete(&key).await;
            }
            let mut form = FormState::default();
            form.values.insert(field::NAMED.into(), named.join(","));
            form.values
                .insert(field::NEXT_ANNUAL_MEETING.into(), meeting);
            form.message = Some(
                "Välj filen igen när du har rättat felen: av säkerhetsskäl sparar webbläsaren den inte."
                    .into(),
            );
            refused(&state, parts, &page, form, error, status).await
        }
    }
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
    let ascii: String = file
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
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
        Err(error) => {
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
    }
}
