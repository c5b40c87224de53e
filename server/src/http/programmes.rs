//! The HTTP side of the programmes feature (`app::features::programmes`): an officer
//! opens a closed programme for one association.
use app::{
    components::form::FormState,
    features::programmes::commands::{self, field, programme_field as f, OpenLate, ProgrammeInput},
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};

use super::{
    members::not_found,
    registration::{read_form, read_form_pairs},
    toolkit::{refused, Admin, Verifier},
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
    let (parts, pairs) = read_form_pairs(&state, request).await;
    let all = |name: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let one = |name: &str| all(name).into_iter().next().unwrap_or_default();
    let input = ProgrammeInput {
        name: one(f::NAME),
        description: one(f::DESCRIPTION),
        window_from: one(f::WINDOW_FROM),
        window_to: one(f::WINDOW_TO),
        min_months: one(f::MIN_MONTHS),
        max_months: one(f::MAX_MONTHS),
        required_attachments: all(f::ATTACHMENTS),
        criteria: all(f::CRITERIA),
        text_limit: one(f::TEXT_LIMIT),
        dnr_prefix: one(f::DNR_PREFIX),
        handling_weeks: one(f::HANDLING_WEEKS),
        active: one(f::ACTIVE) == "on",
    };
    let mut kept = FormState::default();
    for name in [
        f::NAME,
        f::DESCRIPTION,
        f::WINDOW_FROM,
        f::WINDOW_TO,
        f::MIN_MONTHS,
        f::MAX_MONTHS,
        f::TEXT_LIMIT,
        f::DNR_PREFIX,
        f::HANDLING_WEEKS,
        f::ACTIVE,
    ] {
        kept.values.insert(name.into(), one(name));
    }
    for name in [f::ATTACHMENTS, f::CRITERIA] {
        kept.values.insert(name.into(), all(name).join(","));
    }
    match commands::save_programme(&state.ctx(), admin.id, id, input).await {
        Ok(_) => Redirect::to("/admin/bidragsformer?sparad=1").into_response(),
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

/// `POST /handlaggning/sena-ansokningar`: opens the programme for the association until
/// the given day; a refused form comes back with what was typed and why (422).
async fn open_late_window(
    State(state): State<AppState>,
    Verifier(officer): Verifier,
    request: Request,
) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let value = |name: &str| form.get(name).cloned().unwrap_or_default();
    let input = OpenLate {
        officer: officer.id,
        association: value(field::ASSOCIATION),
        programme: value(field::PROGRAMME),
        open_until: value(field::OPEN_UNTIL),
        reason: value(field::REASON),
    };
    let mut kept = FormState::default();
    for name in [
        field::ASSOCIATION,
        field::PROGRAMME,
        field::OPEN_UNTIL,
        field::REASON,
    ] {
        kept.values.insert(name.into(), value(name));
    }
    match commands::open_late_window(&state.ctx(), input).await {
        Ok(_) => Redirect::to("/handlaggning/sena-ansokningar?oppnad=1").into_response(),
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
