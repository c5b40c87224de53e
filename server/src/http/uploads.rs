//! Receiving a form with one document in it (`multipart/form-data`), for every upload in
//! the portal: the document is streamed into storage as it arrives, checked by its
//! content and size, and the form's other fields are read as text.
use app::features::representatives::commands::StoredDocument;
use axum::{
    body::Body,
    extract::{FromRequest, Multipart, Request},
    http::{header, request::Parts, StatusCode},
};

use futures_util::StreamExt;

use crate::{
    startup::AppState,
    storage::{Stored, UploadError},
};

/// What a request may carry beyond the document itself (the other fields, the framing).
const FORM_OVERHEAD_BYTES: u64 = 64 * 1024;
/// A declared length up to this is read and discarded before the refusal is sent, for
/// at most [`DRAIN_TIME`].
const DRAIN_LIMIT: u64 = 64 * 1024 * 1024;
const DRAIN_TIME: std::time::Duration = std::time::Duration::from_secs(30);
/// The most documents one form takes.
pub const MAX_FILES: usize = 5;

/// The largest request an upload route reads at all, for documents of at most
/// `max_bytes` each.
pub fn request_limit(max_bytes: u64) -> usize {
    (max_bytes * MAX_FILES as u64 + FORM_OVERHEAD_BYTES) as usize
}

/// One document of a received form: its name on the sender's computer, and the
/// stored document or why it was refused.
#[derive(Debug)]
pub struct ReceivedFile {
    pub file_name: String,
    pub outcome: Result<Stored, UploadError>,
}

/// A received upload form.
#[derive(Debug, Default)]
pub struct Received {
    /// The documents chosen, in order (an empty file input sends none).
    pub files: Vec<ReceivedFile>,
    /// Why reading the form broke off, if it did.
    pub error: Option<UploadError>,
    /// The form's other fields, in order; a field may repeat (checkboxes).
    pub fields: Vec<(String, String)>,
}

impl Received {
    /// The keys of every stored document, to delete them when the rest fails.
    pub fn stored_keys(&self) -> Vec<String> {
        self.files
            .iter()
            .filter_map(|file| file.outcome.as_ref().ok().map(|s| s.key.clone()))
            .collect()
    }

    /// The first refusal: of the form itself, or of one of its documents.
    pub fn first_error(&self) -> Option<&UploadError> {
        self.error.as_ref().or_else(|| {
            self.files
                .iter()
                .find_map(|file| file.outcome.as_ref().err())
        })
    }

    /// Every value of the field `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .collect()
    }

    /// The first value of the field `name`, trimmed, or empty.
    pub fn text(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    }
}

impl Received {
    /// The stored documents, as the commands take them; refused files are left out.
    pub fn documents(&self) -> Vec<StoredDocument> {
        self.files
            .iter()
            .filter_map(|file| {
                let stored = file.outcome.as_ref().ok()?;
                Some(StoredDocument {
                    key: stored.key.clone(),
                    kind: stored.kind,
                    size: stored.size,
                    sha256: stored.sha256.clone(),
                    file_name: file.file_name.clone(),
                })
            })
            .collect()
    }

    /// The status of the first refused document (a storage failure is logged), or
    /// `otherwise` when none was refused.
    pub fn refusal_status(&self, otherwise: StatusCode) -> StatusCode {
        if let Some(UploadError::Store(error)) = self.first_error() {
            tracing::error!(%error, "storing an upload failed");
        }
        self.first_error().map_or(otherwise, UploadError::status)
    }

    /// The names of the refused files, for the message, shortened to 80 characters.
    pub fn refused_names(&self) -> String {
        let names = self
            .files
            .iter()
            .filter(|file| file.outcome.is_err())
            .map(|file| file.file_name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        if names.chars().count() <= 80 {
            names
        } else {
            format!("{}…", names.chars().take(79).collect::<String>())
        }
    }

    /// Removes every document stored for this form: nothing half-written stays when
    /// the rest of the form was refused.
    pub async fn discard(&self, state: &AppState) {
        for key in self.stored_keys() {
            let _ = state.storage.delete(&key).await;
        }
    }
}

/// The form's page again, with why the request was not an upload form at all: 413
/// over the limit, 400 when it is not `multipart/form-data` (`missing` says what to do).
pub async fn not_a_form(
    state: &AppState,
    parts: Parts,
    page: &str,
    file_field: &str,
    refused: NotAForm,
    missing: &str,
) -> axum::response::Response {
    let (message, status) = match refused {
        NotAForm::TooLarge => (
            app::domain::document::too_large(state.storage.max_bytes()),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        NotAForm::NotMultipart => (missing.to_owned(), StatusCode::BAD_REQUEST),
    };
    let mut form = app::components::form::FormState::default();
    form.add_error(file_field, message);
    super::render::page_at_with_form(state, parts, page, form, status).await
}

/// [`receive`] for a handler: the parts and the form, or the answer when the request is
/// not an upload form at all ([`not_a_form`] on the page at `page`).
pub async fn receive_or_answer(
    state: &AppState,
    request: axum::extract::Request,
    file_field: &str,
    page: &str,
    missing: &str,
) -> Result<(Parts, Received), axum::response::Response> {
    let (parts, body) = request.into_parts();
    match receive(state, &parts, body, file_field).await {
        Ok(received) => Ok((parts, received)),
        Err(refused) => Err(not_a_form(state, parts, page, file_field, refused, missing).await),
    }
}

/// When a file of the form was refused (its kind, its size): the page at `page` again
/// with `kept`, the message by `file_field` naming the refused files, and the status the
/// refusal means; what the form stored is discarded. Otherwise the parts back.
pub async fn refused_files(
    state: &AppState,
    parts: Parts,
    page: &str,
    file_field: &str,
    kept: &app::components::form::FormState,
    received: &Received,
) -> Result<Parts, axum::response::Response> {
    let Some(error) = received.first_error() else {
        return Ok(parts);
    };
    let mut kept = kept.clone();
    kept.add_error(
        file_field,
        format!("{} ({})", error.message(), received.refused_names()),
    );
    let status = received.refusal_status(StatusCode::UNPROCESSABLE_ENTITY);
    received.discard(state).await;
    Err(super::render::page_at_with_form(state, parts, page, kept, status).await)
}

/// Why a request was not an upload form at all.
#[derive(Debug, PartialEq, Eq)]
pub enum NotAForm {
    /// Its declared length is over [`request_limit`]; nothing of it was kept.
    TooLarge,
    /// It is not `multipart/form-data`.
    NotMultipart,
}

/// Reads the upload form in `body`, storing each document sent as `file_field` (at most
/// [`MAX_FILES`]). A refused document is skipped and the fields after it are still read,
/// so what was typed can be shown again. The caller deletes the stored documents if the
/// rest of the form fails.
pub async fn receive(
    state: &AppState,
    parts: &Parts,
    body: Body,
    file_field: &str,
) -> Result<Received, NotAForm> {
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    let limit = request_limit(state.storage.max_bytes());
    if let Some(length) = declared.filter(|length| *length > limit as u64) {
        // Read what is on its way and throw it away, within bounds: a browser still
        // sending when the answer comes shows a broken connection instead of the page.
        // A client that waits for `100 Continue` has sent nothing and needs no draining.
        let waits_to_send = parts
            .headers
            .get(header::EXPECT)
            .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"100-continue"));
        if length <= DRAIN_LIMIT && !waits_to_send {
            let mut rest = body.into_data_stream();
            let _ = tokio::time::timeout(DRAIN_TIME, async {
                while let Some(Ok(_)) = rest.next().await {}
            })
            .await;
        }
        return Err(NotAForm::TooLarge);
    }
    let mut multipart = Multipart::from_request(Request::from_parts(parts.clone(), body), state)
        .await
        .map_err(|_| NotAForm::NotMultipart)?;
    let mut received = Received::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                received
                    .error
                    .get_or_insert(UploadError::Interrupted(error.to_string()));
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == file_field {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            // A file input left empty sends a part with no name and no bytes.
            if file_name.is_empty() || received.files.len() >= MAX_FILES {
                continue;
            }
            let outcome = state.storage.put(Box::pin(field)).await;
            received.files.push(ReceivedFile { file_name, outcome });
        } else if let Ok(value) = field.text().await {
            received.fields.push((name, value));
        }
    }
    Ok(received)
}

/// A stored file as a download: its type, its name (for any browser: an ASCII fallback
/// and the UTF-8 name per RFC 6266), its size, streamed, and never cached.
pub fn file_download<S>(
    name: &str,
    content_type: &str,
    size: u64,
    stream: S,
) -> axum::response::Response
where
    S: futures_util::TryStream + Send + 'static,
    S::Ok: Into<axum::body::Bytes>,
    S::Error: Into<axum::BoxError>,
{
    use axum::http::{header, HeaderValue};
    use axum::response::IntoResponse;
    let ascii: String = name
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() || ".-_ ".contains(c) => c,
            _ => '_',
        })
        .collect();
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = axum::body::Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    let no_store = HeaderValue::from_static("private, no-store");
    headers.insert(header::CACHE_CONTROL, no_store);
    response
}
