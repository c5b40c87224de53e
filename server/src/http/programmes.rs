//! The HTTP side of the programmes feature (`app::features::programmes`): an officer
//! opens a closed programme for one association.
use app::{
    components::form::FormState,
    features::programmes::commands::{self, field, OpenLate},
};
use axum::{
    extract::{Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};

use super::{
    registration::read_form,
    toolkit::{refused, Verifier},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/handlaggning/sena-ansokningar", post(open_late_window))
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
