//! While the database does not answer, every page, form and server function gets the
//! Swedish 503 page at once (with `Retry-After`), instead of each request waiting for a
//! connection until its timeout. A probe pings the database every second (bounded by a
//! timeout of its own) and opens the gate again by itself when it answers. Static files,
//! the health checks and cached public pages (answered before this layer) still work.
use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use sea_orm::DatabaseConnection;

/// How often the probe pings, and how long a ping may take before it counts as failed.
const PROBE_EVERY: Duration = Duration::from_secs(1);
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Whether the database answered the last probe.
#[derive(Clone, Debug, Default)]
pub struct DatabaseGate {
    down: Arc<AtomicBool>,
}

impl DatabaseGate {
    /// A gate with its probe. The probe stops when the last other copy of the gate is
    /// gone (the server has stopped).
    pub fn probing(db: DatabaseConnection) -> Self {
        let gate = Self::default();
        let down = gate.down.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(PROBE_EVERY);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if Arc::strong_count(&down) == 1 {
                    return;
                }
                let answered = matches!(
                    tokio::time::timeout(PROBE_TIMEOUT, db.ping()).await,
                    Ok(Ok(()))
                );
                let was_down = down.swap(!answered, Ordering::Relaxed);
                match (was_down, answered) {
                    (false, false) => {
                        tracing::error!("the database does not answer: pages answer 503")
                    }
                    (true, true) => tracing::info!("the database answers again"),
                    _ => {}
                }
            }
        });
        gate
    }

    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::Relaxed)
    }
}

/// The middleware: 503 while the gate is down, except for what needs no database.
pub async fn gate(State(gate): State<DatabaseGate>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let without_database = path.starts_with("/pkg/")
        || path == "/healthz"
        || path == "/readyz"
        || path == "/favicon.ico"
        || path == "/robots.txt";
    if gate.is_down() && !without_database {
        return super::errors::unavailable_page();
    }
    next.run(request).await
}
