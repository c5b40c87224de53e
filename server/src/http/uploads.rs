//! Receiving a form with one document in it (`multipart/form-data`), for every upload in
//! the portal: the document is streamed into storage as it arrives, checked by its
//! content and size, and the form's other fields are read as text.
use app::domain::document;
use axum::{
    body::Body,
    extract::{FromRequest, Multipart, Request},
    http::{header, request::Parts},
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
/// The largest request an upload route reads at all.
pub const REQUEST_LIMIT: usize = (document::MAX_BYTES + FORM_OVERHEAD_BYTES) as usize;

/// A received upload form.
#[derive(Debug)]
pub struct Received {
    /// The stored document, if one arrived and was accepted.
    pub stored: Option<Stored>,
    /// The name the sender's computer gave the document.
    pub file_name: String,
    /// Why the document was refused, if it was.
    pub error: Option<UploadError>,
    /// The form's other fields, in order; a field may repeat (checkboxes).
    pub fields: Vec<(String, String)>,
}

impl Received {
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

/// Why a request was not an upload form at all.
#[derive(Debug, PartialEq, Eq)]
pub enum NotAForm {
    /// Its declared length is over [`REQUEST_LIMIT`]; nothing of it was kept.
    TooLarge,
    /// It is not `multipart/form-data`.
    NotMultipart,
}

/// Reads the upload form in `body`, storing the document sent as `file_field`. A refused
/// document is skipped and the fields after it are still read, so what was typed can be
/// shown again. The caller deletes the stored document if the rest of the form fails.
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
    if let Some(length) = declared.filter(|length| *length > REQUEST_LIMIT as u64) {
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
    let mut received = Received {
        stored: None,
        file_name: String::new(),
        error: None,
        fields: Vec::new(),
    };
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
            if received.stored.is_some() || received.error.is_some() {
                continue;
            }
            received.file_name = field.file_name().unwrap_or_default().to_owned();
            match state
                .storage
                .put(Box::pin(field), document::MAX_BYTES)
                .await
            {
                Ok(file) => received.stored = Some(file),
                Err(error) => received.error = Some(error),
            }
        } else if let Ok(value) = field.text().await {
            received.fields.push((name, value));
        }
    }
    Ok(received)
}
