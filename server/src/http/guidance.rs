//! The HTTP side of the guidance texts (`app::features::guidance`): the admins' posts
//! (save, show the preview, or show the shipped wording again). The pages are Leptos
//! routes.
use app::domain::role::Role;
use app::features::guidance::{commands, field, PREVIEW};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};

use super::{
    members::not_found,
    render::page_with_form,
    toolkit::{refused_at, refused_here, Posted, SignedIn},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/texter/{slug}", post(save))
        .route("/admin/texter/{slug}/aterstall", post(restore))
}

/// `POST /admin/texter/{slug}`: the text saved, or its preview.
async fn save(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    if user.role != Role::Admin || app::features::guidance::text(&slug).is_none() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let mut kept = form.kept(&[field::TEXT]);
    if form.one(field::ACTION) == PREVIEW {
        kept.values
            .insert(field::ACTION.to_owned(), PREVIEW.to_owned());
        return page_with_form(&state, parts, kept, StatusCode::OK).await;
    }
    match commands::save(&state.ctx(), user.id, &slug, &form.one(field::TEXT)).await {
        Ok(()) => Redirect::to(&format!("/admin/texter?sparat={slug}")).into_response(),
        Err(error) => refused_here(&state, parts, kept, error).await,
    }
}

/// `POST /admin/texter/{slug}/aterstall`: the shipped wording shown again.
async fn restore(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    if user.role != Role::Admin || app::features::guidance::text(&slug).is_none() {
        return not_found();
    }
    let (parts, _) = Posted::read(&state, request).await;
    match commands::restore(&state.ctx(), user.id, &slug).await {
        Ok(()) => Redirect::to(&format!("/admin/texter?sparat={slug}")).into_response(),
        Err(error) => {
            let page = format!("/admin/texter/{slug}");
            refused_at(&state, parts, &page, Default::default(), error).await
        }
    }
}
