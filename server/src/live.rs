//! The live queue: case changes pushed to signed-in staff over server-sent events.
//!
//! The worker publishes each `live` outbox row. With one SQLite-backed instance it goes
//! straight to this process's [`LiveHub`]; on PostgreSQL it goes out as `NOTIFY
//! portal_live`, which every instance's listener forwards to its own hub, so staff
//! connected to any instance see every change.
use std::{convert::Infallible, time::Duration};

use app::{
    auth::CurrentUser,
    backend::{entities::outbox, events::OUTBOX_CHANNEL, outbox::OutboxSignal},
    live::LiveEvent,
};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    Extension,
};
use futures_util::{stream, StreamExt};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use tokio::sync::{broadcast, watch};
use tokio_stream::wrappers::{errors::BroadcastStreamRecvError, BroadcastStream};
use uuid::Uuid;

use crate::startup::AppState;

/// The PostgreSQL channel for live-queue messages.
pub const LIVE_CHANNEL: &str = "portal_live";

/// One published change: the outbox row's id (the SSE event id) and the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub id: Uuid,
    pub event: LiveEvent,
}

/// This process's fan-out to its connected staff.
#[derive(Clone, Debug)]
pub struct LiveHub {
    messages: broadcast::Sender<Published>,
    /// Turns true when the server shuts down: every open stream then ends, so a graceful
    /// shutdown does not wait for browsers that would stay connected for ever.
    closing: Arc<watch::Sender<bool>>,
}

impl Default for LiveHub {
    fn default() -> Self {
        Self {
            messages: broadcast::channel(1024).0,
            closing: Arc::new(watch::channel(false).0),
        }
    }
}

impl LiveHub {
    pub fn publish(&self, message: Published) {
        // No receivers is fine: nobody is watching the queue right now.
        let _ = self.messages.send(message);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Published> {
        self.messages.subscribe()
    }

    /// Ends every open stream (the browsers reconnect, to another instance or later).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Completes when the hub is closed.
    pub fn closed(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut closing = self.closing.subscribe();
        async move {
            let _ = closing.wait_for(|closed| *closed).await;
        }
    }
}

/// On PostgreSQL: listens for `portal_outbox` (wakes this instance's worker) and
/// `portal_live` (forwards to this instance's hub). Reconnects after a dropped connection.
pub fn spawn_postgres_listener(db: &DatabaseConnection, signal: OutboxSignal, hub: LiveHub) {
    let pool = db.get_postgres_connection_pool().clone();
    tokio::spawn(async move {
        loop {
            let mut listener = match sea_orm::sqlx::postgres::PgListener::connect_with(&pool).await
            {
                Ok(listener) => listener,
                Err(error) => {
                    tracing::warn!(%error, "LISTEN connection failed; retrying in 1 s");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if let Err(error) = listener.listen_all([OUTBOX_CHANNEL, LIVE_CHANNEL]).await {
                tracing::warn!(%error, "LISTEN failed; retrying in 1 s");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            // A notification may have been missed while reconnecting: look once.
            signal.notify();
            loop {
                match listener.recv().await {
                    Ok(notification) if notification.channel() == OUTBOX_CHANNEL => signal.notify(),
                    Ok(notification) => {
                        match serde_json::from_str::<Published>(notification.payload()) {
                            Ok(message) => hub.publish(message),
                            Err(error) => {
                                tracing::warn!(%error, "unreadable live-queue notification")
                            }
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "LISTEN connection lost; reconnecting");
                        break;
                    }
                }
            }
        }
    });
}

/// `GET /handlaggning/live`: the event stream for officers, approvers and admins.
/// Anonymous callers get 401 and applicants 403: no case data reaches them. A browser
/// that reconnects sends `Last-Event-ID` and first gets what it missed.
pub async fn stream_for_staff(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
) -> Response {
    let Some(Extension(user)) = user else {
        return (StatusCode::UNAUTHORIZED, "Logga in för att se ärendekön.").into_response();
    };
    if !user.role.is_staff() {
        return (StatusCode::FORBIDDEN, "Ärendekön är bara för handläggare.").into_response();
    }
    // Subscribe before reading the backlog, so nothing falls between the two.
    let live = BroadcastStream::new(state.live.subscribe());
    let last_seen = headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| Uuid::parse_str(value).ok());
    let backlog = match last_seen {
        Some(last) => missed_since(&state.db, last).await,
        None => Vec::new(),
    };
    let backlog_ids: Vec<Uuid> = backlog.iter().map(|message| message.id).collect();
    let first = stream::once(async {
        Ok::<_, Infallible>(
            Event::default()
                .retry(Duration::from_secs(2))
                .comment("ansluten"),
        )
    });
    let backlog = stream::iter(backlog.into_iter().map(|message| Ok(to_event(&message))));
    let live = live.filter_map(move |received| {
        let backlog_ids = backlog_ids.clone();
        async move {
            match received {
                Ok(message) if !backlog_ids.contains(&message.id) => Some(Ok(to_event(&message))),
                Ok(_) => None,
                // A slow client missed messages: tell it to reload the queue.
                Err(BroadcastStreamRecvError::Lagged(_)) => {
                    Some(Ok(Event::default().event("resync").data("{}")))
                }
            }
        }
    });
    let stream = first
        .chain(backlog)
        .chain(live)
        .take_until(state.live.closed());
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

fn to_event(message: &Published) -> Event {
    Event::default()
        .id(message.id.to_string())
        .event(message.event.event.clone())
        .data(serde_json::to_string(&message.event).unwrap_or_default())
}

async fn missed_since(db: &DatabaseConnection, last: Uuid) -> Vec<Published> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(app::backend::outbox::kind::LIVE))
        // Published rows may not be marked done yet (outcomes are written per batch);
        // anything not dead may have reached other clients. Duplicates are dropped by id.
        .filter(outbox::Column::Status.ne(app::backend::outbox::status::DEAD))
        .filter(outbox::Column::Id.gt(last))
        .order_by_asc(outbox::Column::Id)
        .limit(500)
        .all(db)
        .await
        .unwrap_or_default();
    rows.into_iter()
        .filter_map(|row| {
            let event = serde_json::from_value(row.payload).ok()?;
            Some(Published { id: row.id, event })
        })
        .collect()
}
