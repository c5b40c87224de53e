//! The HTTP side of the tjänsteutlåtande (`app::features::report`): the PDFs, for staff
//! (officers, approvers, admins); anyone else is told nothing. The print page is a
//! Leptos route.
use app::features::report::{pdf, queries};
use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use uuid::Uuid;

use super::{members::not_found, toolkit::SignedIn};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/handlaggning/arenden/{id}/tjansteutlatande.pdf",
            get(report_pdf),
        )
        .route("/handlaggning/arenden/{id}/akt.pdf", get(record_pdf))
}

/// `bytes` (made in a blocking task) as a PDF download named `name`.
pub(super) fn pdf_download(
    name: &str,
    made: Result<Result<Vec<u8>, String>, tokio::task::JoinError>,
) -> Response {
    match made {
        Ok(Ok(bytes)) => {
            let size = bytes.len() as u64;
            let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
            super::uploads::file_download(name, "application/pdf", size, body)
        }
        Ok(Err(error)) => super::errors::failure(&error),
        Err(error) => super::errors::failure(&error),
    }
}

/// `GET /handlaggning/arenden/{id}/akt.pdf`: the case's full record.
async fn record_pdf(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let record = match queries::record(&state.db, id, app::backend::time::today()).await {
        Ok(Some(record)) => record,
        Ok(None) => return not_found(),
        Err(error) => return super::account::internal(error),
    };
    let name = format!("Akt {}.pdf", record.report.dnr.replace(['/', ' '], "-"));
    let made = tokio::task::spawn_blocking(move || pdf::render_record(&record)).await;
    pdf_download(&name, made)
}

/// `GET /handlaggning/arenden/{id}/tjansteutlatande.pdf`: for officers, approvers and
/// admins; typeset in a blocking task.
async fn report_pdf(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let report = match queries::report(&state.db, id, app::backend::time::today()).await {
        Ok(Some(report)) => report,
        Ok(None) => return not_found(),
        Err(error) => return super::account::internal(error),
    };
    let name = format!(
        "Tjänsteutlåtande {}.pdf",
        report.dnr.replace(['/', ' '], "-")
    );
    let made = tokio::task::spawn_blocking(move || pdf::render(&report)).await;
    pdf_download(&name, made)
}
