//! The HTTP side of the statistics (`app::features::statistics`): each table as CSV.
//! The page is a Leptos route.
use app::features::statistics::queries;
use axum::{
    extract::{Path, Query, State},
    response::Response,
    routing::get,
    Router,
};
use std::collections::HashMap;

use super::members::not_found;
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/statistik/{file}", get(table_csv))
}

/// `GET /statistik/{table}.csv?ar=…`: one table of the page as CSV.
async fn table_csv(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(table) = file.strip_suffix(".csv") else {
        return not_found();
    };
    if !app::features::statistics::TABLES.contains(&table) {
        return not_found();
    }
    let year = query.get("ar").and_then(|y| y.trim().parse().ok());
    let view = match queries::figures(&state.db, year).await {
        Ok(view) => view,
        Err(error) => return super::account::internal(error),
    };
    match queries::csv(&view, table) {
        Some(Ok(bytes)) => {
            let size = bytes.len() as u64;
            let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
            let name = match table {
                "bidragsformer" => format!("statistik-{table}-{}.csv", view.year),
                _ => format!("statistik-{table}.csv"),
            };
            super::uploads::file_download(&name, "text/csv; charset=utf-8", size, body)
        }
        Some(Err(error)) => super::errors::failure(&error.to_string()),
        None => not_found(),
    }
}
