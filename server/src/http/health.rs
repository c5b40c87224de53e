//! `GET /healthz` (the process answers) and `GET /readyz` (the database answers).
use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use serde_json::json;

use crate::{startup::AppState, worker::WorkerState};

/// The process is alive and serving, and its outbox worker runs (503 while a worker
/// that died is being restarted).
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let (status, worker) = match state.worker_health.state() {
        WorkerState::Running => (StatusCode::OK, "running"),
        WorkerState::Elsewhere => (StatusCode::OK, "other process"),
        WorkerState::Restarting => (StatusCode::SERVICE_UNAVAILABLE, "restarting"),
        WorkerState::Stopped => (StatusCode::SERVICE_UNAVAILABLE, "stopped"),
    };
    let overall = if status == StatusCode::OK {
        "ok"
    } else {
        "degraded"
    };
    (status, Json(json!({ "status": overall, "worker": worker })))
}

/// The process can reach its database; 503 when it cannot.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok" })),
        ),
        Err(error) => {
            tracing::warn!(%error, "readiness check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
        }
    }
}
