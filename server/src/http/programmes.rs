//! The HTTP side of the programmes feature (`app::features::programmes`): an officer
//! opens a closed programme for one association.
use app::features::programmes::commands::{
    self, field, programme_field as f, OpenLate, ProgrammeInput,
};
use axum::{
    extract::{Path, Request, State},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};

use super::{
    members::not_found,
    toolkit::{refused_here, Admin, Posted, Verifier},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/handlaggning/sena-ansokningar", post(open_late_window))
        .route("/admin/bidragsformer/{id}", post(save_programme))
}

/// `POST /admin/bidragsformer/{id}` (`ny` for a new one): saves the programme; a
/// refused form comes back with what was typed and every problem by its field (422).
async fn save_programme(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(raw): Path<String>,
    request: Request,
) -> Response {
    let id = match (raw.as_str(), uuid::Uuid::parse_str(&raw)) {
        ("ny", _) => None,
        (_, Ok(id)) => Some(id),
        _ => return not_found(),
    };
    let (parts, form) = Posted::read(&state, request).await;
    let input = ProgrammeInput {
        name: form.one(f::NAME),
        description: form.one(f::DESCRIPTION),
        window_from: form.one(f::WINDOW_FROM),
        window_to: form.one(f::WINDOW_TO),
        min_months: form.one(f::MIN_MONTHS),
        max_months: form.one(f::MAX_MONTHS),
        required_attachments: form.all(f::ATTACHMENTS),
        criteria: form.all(f::CRITERIA),
        text_limit: form.one(f::TEXT_LIMIT),
        dnr_prefix: form.one(f::DNR_PREFIX),
        handling_weeks: form.one(f::HANDLING_WEEKS),
        active: form.one(f::ACTIVE) == "on",
        reclaim_by_committee: form.one(f::RECLAIM_BY_COMMITTEE) == "on",
    };
    let kept = form.kept(&f::ALL);
    match commands::save_programme(&state.ctx(), admin.id, id, input).await {
        Ok(_) => Redirect::to("/admin/bidragsformer?sparad=1").into_response(),
        Err(error) => refused_here(&state, parts, kept, error).await,
    }
}

/// `POST /handlaggning/sena-ansokningar`: opens the programme for the association until
/// the given day; a refused form comes back with what was typed and why (422).
async fn open_late_window(
    State(state): State<AppState>,
    Verifier(officer): Verifier,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let input = OpenLate {
        officer: officer.id,
        association: form.one(field::ASSOCIATION),
        programme: form.one(field::PROGRAMME),
        open_until: form.one(field::OPEN_UNTIL),
        reason: form.one(field::REASON),
    };
    let kept = form.kept(&[
        field::ASSOCIATION,
        field::PROGRAMME,
        field::OPEN_UNTIL,
        field::REASON,
    ]);
    match commands::open_late_window(&state.ctx(), input).await {
        Ok(_) => Redirect::to("/handlaggning/sena-ansokningar?oppnad=1").into_response(),
        Err(error) => refused_here(&state, parts, kept, error).await,
    }
}
