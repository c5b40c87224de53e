//! The HTTP side of the officers' queue (`app::features::queue`): triage of one case
//! (handläggare, klar senast, notes), the bulk change of every case of a view, and the
//! export. Each handler reads the request, calls one command and maps the outcome.
use app::{
    backend::command::CommandError,
    components::form::FormState,
    features::queue::{
        bulk_param,
        commands::{self, field, Change},
        encode, param,
        queries::{self, Viewer},
        Filter,
    },
};
use axum::{
    extract::{Path, Query, Request, State},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use uuid::Uuid;

use super::toolkit::{refused_at, saved_or_refused, Posted, Verifier};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/handlaggning/arenden/{id}/handlaggare", post(assign))
        .route("/handlaggning/arenden/{id}/klar-senast", post(set_due))
        .route("/handlaggning/arenden/{id}/anteckningar", post(add_note))
        .route("/handlaggning/massandring", post(bulk))
        .route("/handlaggning/export.csv", get(export_csv))
        .route("/handlaggning/export.xlsx", get(export_xlsx))
}

/// The case page, where the triage forms are.
fn case_page(id: Uuid) -> String {
    format!("/handlaggning/arenden/{id}")
}

/// `POST /handlaggning/arenden/{id}/handlaggare`: who handles the case (empty: nobody).
async fn assign(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::assign(&state.ctx(), user.id, id, &form.one(field::OFFICER)).await;
    let kept = form.kept(&[field::OFFICER]);
    saved_or_refused(&state, parts, &case_page(id), kept, done, "handlaggare").await
}

/// `POST /handlaggning/arenden/{id}/klar-senast`: the day the case is to be done by.
async fn set_due(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::set_due(&state.ctx(), user.id, id, &form.one(field::DUE)).await;
    let kept = form.kept(&[field::DUE]);
    saved_or_refused(&state, parts, &case_page(id), kept, done, "klar-senast").await
}

/// `POST /handlaggning/arenden/{id}/anteckningar`: an internal note.
async fn add_note(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::add_note(&state.ctx(), user.id, id, &form.one(field::NOTE)).await;
    let kept = form.kept(&[field::NOTE]);
    saved_or_refused(&state, parts, &case_page(id), kept, done, "anteckning").await
}

/// `POST /handlaggning/massandring`: the confirmed change to every case of the view;
/// back to the queue saying how many, or the confirmation again with why not (409 when
/// the view now matches another number of cases).
async fn bulk(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let typed = |name: &str| Some(form.one(name)).filter(|value| !value.is_empty());
    let (filter, _) = Filter::from_query(typed);
    let ctx = state.ctx();
    let change = match form.one(bulk_param::ACTION).as_str() {
        "tilldela" => commands::officer_chosen(&state.db, &form.one(bulk_param::OFFICER))
            .await
            .map(|officer| Change::Assign(officer.map(|o| o.id))),
        "klar-senast" => {
            commands::due_date_typed(&form.one(bulk_param::DUE), ctx.today).map(Change::Due)
        }
        _ => Err(CommandError::Conflict("Välj vad som ska ändras.".into())),
    };
    let expected = form.one(bulk_param::COUNT).parse().unwrap_or(0);
    let done = match change {
        Ok(change) => commands::bulk(&ctx, user.id, &filter, expected, change).await,
        Err(error) => Err(error),
    };
    match done {
        Ok(count) => {
            let queue = filter.on_page(1).href();
            let joiner = if queue.contains('?') { '&' } else { '?' };
            Redirect::to(&format!("{queue}{joiner}andrade={count}")).into_response()
        }
        Err(error) => {
            let query = param::ALL
                .iter()
                .chain(bulk_param::ALL.iter())
                .filter_map(|name| typed(name).map(|value| format!("{name}={}", encode(&value))))
                .collect::<Vec<_>>()
                .join("&");
            let page = format!("/handlaggning/massandring?{query}");
            refused_at(&state, parts, &page, FormState::default(), error).await
        }
    }
}

/// The view of `query` and who looks.
fn export_view(user: &app::auth::CurrentUser, query: &[(String, String)]) -> (Filter, Viewer) {
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let (filter, _) = Filter::from_query(get);
    (
        filter,
        Viewer {
            me: user.id,
            today: app::backend::time::today(),
        },
    )
}

/// The export as a download, or the error page.
fn download(made: Result<Vec<u8>, CommandError>, name: String, content_type: &str) -> Response {
    match made {
        Ok(bytes) => {
            let size = bytes.len() as u64;
            let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
            super::uploads::file_download(&name, content_type, size, body)
        }
        Err(CommandError::Db(error)) => super::account::internal(error),
        Err(error) => super::errors::failure(&error.to_string()),
    }
}

/// `GET /handlaggning/export.csv?…`: every case of the view as CSV.
async fn export_csv(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let (filter, viewer) = export_view(&user, &query);
    let made = queries::export_csv(&state.db, &filter, viewer).await;
    download(
        made,
        format!("arenden-{}.csv", viewer.today),
        "text/csv; charset=utf-8",
    )
}

/// `GET /handlaggning/export.xlsx?…`: every case of the view as an Excel workbook.
async fn export_xlsx(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let (filter, viewer) = export_view(&user, &query);
    let made = queries::export_xlsx(&state.db, &filter, viewer).await;
    let kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    download(made, format!("arenden-{}.xlsx", viewer.today), kind)
}
