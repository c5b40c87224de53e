//! What every form handler shares: who is signed in (as extractors that answer for
//! themselves), and how a command's refusal is answered.
//!
//! A handler reads the request, calls one command of its feature and maps the outcome:
//! a redirect (303) on success, or [`refused`], which renders the form's page again with
//! what was typed and the problems (422, 409, 403), or the 404 and 500 pages.
use app::{
    auth::CurrentUser, backend::command::CommandError, components::form::FormState,
    domain::role::Role,
};
use axum::{
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

use super::{account::internal, members::not_found, render};
use crate::startup::AppState;

/// The signed-in person; anyone else is sent to *Logga in* (303).
pub struct SignedIn(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .map(SignedIn)
            .ok_or_else(|| Redirect::to("/logga-in").into_response())
    }
}

/// A signed-in officer or admin; anyone else signed in gets 404 (they need not learn
/// that the page exists), anyone not signed in is sent to *Logga in*.
pub struct Verifier(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for Verifier {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let SignedIn(user) = SignedIn::from_request_parts(parts, state).await?;
        if matches!(user.role, Role::Officer | Role::Admin) {
            Ok(Verifier(user))
        } else {
            Err(not_found())
        }
    }
}

/// Answers a command's refusal: the page at `page` again with `form` (what was typed)
/// and the problems, or the 404 or 500 page. `invalid` is the status for problems with
/// the fields (422, or e.g. 413 for a file too large).
pub async fn refused(
    state: &AppState,
    parts: Parts,
    page: &str,
    mut form: FormState,
    error: CommandError,
    invalid: StatusCode,
) -> Response {
    let status = match error {
        CommandError::Invalid(problems) => {
            for (field, message) in problems {
                form.add_error(field, message);
            }
            invalid
        }
        CommandError::InvalidAnswers(problems) => {
            for (field, message) in problems {
                form.add_error(&field, message);
            }
            invalid
        }
        CommandError::Conflict(message) => {
            form.message = Some(message);
            StatusCode::CONFLICT
        }
        CommandError::Forbidden(message) => {
            form.message = Some(message);
            StatusCode::FORBIDDEN
        }
        CommandError::Taken { field, message } => {
            form.add_error(field, message);
            StatusCode::CONFLICT
        }
        CommandError::Throttled {
            field,
            message,
            retry_after_s,
        } => {
            if field.is_empty() {
                form.message = Some(message);
            } else {
                form.add_error(field, message);
            }
            let mut page =
                render::page_at_with_form(state, parts, page, form, StatusCode::TOO_MANY_REQUESTS)
                    .await;
            page.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, retry_after_s.into());
            return page;
        }
        CommandError::Busy => {
            form.message = Some(app::backend::password::Busy.to_string());
            let page = render::page_at_with_form(
                state,
                parts,
                page,
                form,
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await;
            return super::errors::busy(page);
        }
        CommandError::NotFound => return not_found(),
        CommandError::Internal(cause) => return super::errors::failure(&cause),
        CommandError::Db(error) => return internal(error),
    };
    render::page_at_with_form(state, parts, page, form, status).await
}

/// A signed-in member of the finance unit or admin; anyone else signed in gets 404,
/// anyone not signed in is sent to *Logga in*.
pub struct Finance(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for Finance {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let SignedIn(user) = SignedIn::from_request_parts(parts, state).await?;
        if user.role.handles_payments() {
            Ok(Finance(user))
        } else {
            Err(not_found())
        }
    }
}

/// A signed-in admin; anyone else signed in gets 404, anyone not signed in is sent to
/// *Logga in*.
pub struct Admin(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let SignedIn(user) = SignedIn::from_request_parts(parts, state).await?;
        if user.role == Role::Admin {
            Ok(Admin(user))
        } else {
            Err(not_found())
        }
    }
}

/// A posted form: its fields in the order sent, repeated names kept (checkboxes).
pub struct Posted(Vec<(String, String)>);

impl Posted {
    /// Reads the form of `request` (an unreadable body is an empty form).
    pub async fn read(state: &AppState, request: axum::extract::Request) -> (Parts, Self) {
        let (parts, pairs) = super::registration::read_form_pairs(state, request).await;
        (parts, Self(pairs))
    }

    /// The first value of `name`, or empty.
    pub fn one(&self, name: &str) -> String {
        self.all(name).into_iter().next().unwrap_or_default()
    }

    /// Every value of `name` (the ticked boxes of a group).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .collect()
    }

    /// Each field's first value, by name.
    pub fn map(&self) -> std::collections::HashMap<String, String> {
        let mut map = std::collections::HashMap::new();
        for (key, value) in &self.0 {
            map.entry(key.clone()).or_insert_with(|| value.clone());
        }
        map
    }

    /// What was typed, to show again with a refusal: each field once, the values of a
    /// repeated one joined by commas (as `CheckboxGroup` reads them). `fields` are the
    /// form's fields, so a box group with nothing ticked comes back empty, not stored.
    pub fn kept(&self, fields: &[&str]) -> FormState {
        let mut form = FormState::default();
        for name in fields {
            form.values
                .insert((*name).to_owned(), self.all(name).join(","));
        }
        form
    }
}

/// What a form posted to an action of the page at `page` answers: back to the page
/// saying what was saved (`?sparat={saved}`), or the page again with the refusal
/// ([`refused_at`]).
pub async fn saved_or_refused(
    state: &AppState,
    parts: Parts,
    page: &str,
    kept: FormState,
    done: Result<(), CommandError>,
    saved: &str,
) -> Response {
    match done {
        Ok(()) => axum::response::Redirect::to(&format!("{page}?sparat={saved}")).into_response(),
        Err(error) => refused_at(state, parts, page, kept, error).await,
    }
}

/// [`refused`] on the page at `page`, with 422 for problems of the form: what a form
/// posted to its own action path answers.
pub async fn refused_at(
    state: &AppState,
    parts: Parts,
    page: &str,
    form: FormState,
    error: CommandError,
) -> Response {
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    refused(state, parts, page, form, error, invalid).await
}

/// [`refused`] on the page that was posted to, with 422 for problems of the form: what
/// most form handlers answer.
pub async fn refused_here(
    state: &AppState,
    parts: Parts,
    form: FormState,
    error: CommandError,
) -> Response {
    let page = parts.uri.path().to_owned();
    refused(
        state,
        parts,
        &page,
        form,
        error,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
