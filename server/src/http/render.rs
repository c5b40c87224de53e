//! Rendering a Leptos page from a plain handler: how a rejected form comes back with
//! what the user typed and the errors next to the fields.
use app::{components::form::FormState, shell};
use axum::{
    body::Body,
    http::{request::Parts, Method, Request, StatusCode},
    response::Response,
};
use leptos::prelude::provide_context;

use crate::startup::AppState;

/// Renders the page at the request's path, as for a GET, with `form` in context and
/// answers with `status`.
pub async fn page_with_form(
    state: &AppState,
    mut parts: Parts,
    form: FormState,
    status: StatusCode,
) -> Response {
    parts.method = Method::GET;
    let context = {
        let app_context = crate::startup::app_context(state);
        move || {
            app_context();
            provide_context(form.clone());
        }
    };
    let options = state.leptos_options.clone();
    // Rendered whole, as the data pages are: a streamed page would show the fallback
    // and leave the page itself in a <template> that only JavaScript swaps in.
    let handler =
        leptos_axum::render_app_async_with_context(context, move || shell(options.clone()));
    let mut response = handler(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// As [`page_with_form`], for a form whose page lives at another path than the one it
/// posts to (e.g. `/admin/anvandare` for `/admin/anvandare/bjud-in`).
pub async fn page_at_with_form(
    state: &AppState,
    mut parts: Parts,
    path: &str,
    form: FormState,
    status: StatusCode,
) -> Response {
    // The path may carry what was typed in its query (a filter, a page number): when
    // that makes it too long or unreadable, the page is rendered without the query.
    parts.uri = path
        .parse()
        .ok()
        .or_else(|| path.split('?').next().and_then(|p| p.parse().ok()))
        .unwrap_or_else(|| parts.uri.clone());
    page_with_form(state, parts, form, status).await
}

/// The form again, with what was typed, saying that many are signing in (503 with
/// `Retry-After`): the password could not be hashed in time.
pub async fn busy_form(
    state: &AppState,
    parts: axum::http::request::Parts,
    mut problems: app::components::form::FormState,
) -> Response {
    problems.message = Some(app::backend::password::Busy.to_string());
    super::errors::busy(
        page_with_form(
            state,
            parts,
            problems,
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
        )
        .await,
    )
}
