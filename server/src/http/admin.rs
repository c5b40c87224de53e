//! The HTTP side of administration (`app::features::admin`): staff invitations and
//! (de)activation, a test mail, a dead outbox row back in the queue, and a kept mail
//! downloaded. Admins only (the `Admin` extractor). Each handler reads the request,
//! calls one command and maps the outcome.
use app::{
    backend::command::CommandError,
    features::admin::commands::{self, InviteStaff},
};
use axum::{
    extract::{Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use uuid::Uuid;

use super::{
    account::internal,
    errors::{failure, not_found_page},
    toolkit::Admin,
};
use crate::{mailer, startup::AppState};

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/utskick/testmejl", post(send_test_mail))
        .route("/admin/utskick/{id}/forsok-igen", post(retry))
        .route("/admin/skickad-e-post/{file}", get(download_mail))
        .route("/admin/anvandare/bjud-in", post(invite_staff))
        .route("/admin/anvandare/{id}/{action}", post(set_active))
}

/// An unexpected refusal: the 404 page or the 500 page.
fn unexpected(error: CommandError) -> Response {
    match error {
        CommandError::NotFound => not_found_page(),
        CommandError::Db(error) => internal(error),
        other => failure(&other),
    }
}

/// `POST /admin/utskick/testmejl`: queues a test mail to the admin, through the outbox.
pub async fn send_test_mail(State(state): State<AppState>, Admin(admin): Admin) -> Response {
    match commands::send_test_mail(&state.ctx(), &admin).await {
        Ok(()) => Redirect::to("/admin/utskick?skickat=1").into_response(),
        Err(error) => unexpected(error),
    }
}

/// `POST /admin/utskick/{id}/forsok-igen`: a dead row back into the queue, recorded as
/// an event in the audit trail.
pub async fn retry(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(id): Path<Uuid>,
) -> Response {
    match commands::retry_outbox_row(&state.ctx(), &admin, id).await {
        Ok(()) => Redirect::to("/admin/utskick?igen=1").into_response(),
        Err(error) => unexpected(error),
    }
}

/// `GET /admin/skickad-e-post/{id}.eml`: a kept mail, when mail goes to files.
pub async fn download_mail(
    State(state): State<AppState>,
    _: Admin,
    Path(file): Path<String>,
) -> Response {
    let Some(id) = file
        .strip_suffix(".eml")
        .and_then(|id| Uuid::parse_str(id).ok())
    else {
        return super::errors::not_found_page();
    };
    // The id is a parsed UUID, so the path cannot leave the mail folder.
    let path = mailer::mail_folder(&state.settings.data_dir).join(format!("{id}.eml"));
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "message/rfc822".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{id}.eml\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => super::errors::not_found_page(),
    }
}

/// `POST /admin/anvandare/bjud-in`: a staff account and a 7-day link to choose a password.
pub async fn invite_staff(
    State(state): State<AppState>,
    Admin(admin): Admin,
    request: Request,
) -> Response {
    let (parts, form) = super::toolkit::Posted::read(&state, request).await;
    let input = InviteStaff {
        name: form.one("name").trim().to_owned(),
        email: form.one("email").trim().to_owned(),
        role: form.one("role").trim().to_owned(),
    };
    match commands::invite(&state.ctx(), &admin, &input).await {
        Ok(()) => Redirect::to("/admin/anvandare?inbjuden=1").into_response(),
        Err(error) => {
            let kept = form.kept(&["name", "email", "role"]);
            let invalid = StatusCode::UNPROCESSABLE_ENTITY;
            super::toolkit::refused(&state, parts, "/admin/anvandare", kept, error, invalid).await
        }
    }
}

/// `POST /admin/anvandare/{id}/inaktivera` and `…/aktivera` (the page
/// `/admin/anvandare/{id}` asks first): an inactive account cannot sign in, and its
/// sessions end at once. Admins cannot deactivate themselves.
pub async fn set_active(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path((id, action)): Path<(Uuid, String)>,
) -> Response {
    let active = match action.as_str() {
        "aktivera" => true,
        "inaktivera" => false,
        _ => return not_found_page(),
    };
    match commands::set_active(&state.ctx(), &admin, id, active).await {
        Ok(()) if active => Redirect::to("/admin/anvandare?klart=aktiverat").into_response(),
        Ok(()) => Redirect::to("/admin/anvandare?klart=inaktiverat").into_response(),
        Err(CommandError::Conflict(message)) => (StatusCode::CONFLICT, message).into_response(),
        Err(error) => unexpected(error),
    }
}
