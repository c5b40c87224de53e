//! Builds the application: database, router, layers, listener.
use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use app::{shell, site::SiteInfo, App};
use axum::{extract::FromRef, middleware, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};
use tracing::info_span;

use app::backend::outbox::OutboxSignal;
use tokio::{sync::watch, task::JoinHandle};

use crate::{
    db, demo, http,
    live::{self, LiveHub},
    mailer::Mailer,
    settings::{DatabaseKind, Settings},
    storage::Storage,
    worker::{self, Worker, WorkerHealth},
};

/// The largest request body outside file uploads.
pub const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// What every handler and server function can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub site: SiteInfo,
    pub settings: Arc<Settings>,
    /// Wakes this process's outbox worker after a commit.
    pub outbox_signal: OutboxSignal,
    /// This process's live-queue fan-out.
    pub live: LiveHub,
    /// Uploaded documents.
    pub storage: Storage,
    /// Whether this process's outbox worker runs (`/healthz`).
    pub worker_health: WorkerHealth,
    /// Whether the database answers; while it does not, pages answer 503 at once.
    pub database_gate: http::availability::DatabaseGate,
}

impl AppState {
    /// What the features' commands need: the database, where links point, whom to wake.
    pub fn ctx(&self) -> app::backend::command::Ctx {
        app::backend::command::Ctx {
            db: self.db.clone(),
            public_url: self.settings.public_url.clone(),
            signal: self.outbox_signal.clone(),
            today: app::backend::time::today(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// A built application, bound to its port but not yet serving.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    worker: Option<(watch::Sender<bool>, JoinHandle<()>)>,
}

impl Application {
    /// Connects to the database, applies migrations, loads demo content when asked,
    /// and binds the listener (port 0 picks a free port, as the tests do).
    pub async fn build(mut settings: Settings) -> anyhow::Result<Self> {
        let db = db::connect(&settings).await?;
        db::migrate(&db).await?;
        let site = SiteInfo {
            demo: settings.demo,
            demo_accounts: if settings.demo {
                demo::accounts()
            } else {
                Vec::new()
            },
            mail_to_files: settings.smtp_url.is_none(),
            upload_max_bytes: settings.upload_max_bytes,
        };
        let mailer = Arc::new(Mailer::from_settings(&settings)?);
        let storage = Storage::from_settings(&settings.storage, settings.upload_max_bytes)
            .context("the document storage (PORTAL_STORAGE_URL)")?;
        match storage.sweep_unfinished(Duration::from_secs(60 * 60)).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "unfinished uploads removed"),
            Err(error) => tracing::warn!(%error, "could not sweep unfinished uploads"),
        }
        if settings.demo && demo::load_if_empty(&db, &storage, &settings.public_url).await? {
            tracing::info!("demo content loaded into the empty database");
        }

        let listener = TcpListener::bind(settings.site_addr)
            .await
            .with_context(|| format!("could not listen on {}", settings.site_addr))?;
        let local_addr = listener.local_addr()?;
        if settings.public_url_is_default {
            settings.public_url = url::Url::parse(&format!("http://{local_addr}"))?;
        }

        let leptos_options = LeptosOptions::builder()
            .output_name("portal")
            .site_root(settings.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(local_addr)
            .build();

        let outbox_signal = OutboxSignal::default();
        let live = LiveHub::default();
        if settings.database_kind == DatabaseKind::Postgres {
            live::spawn_postgres_listener(&db, outbox_signal.clone(), live.clone());
        }
        let worker_health = WorkerHealth::default();
        let worker = if settings.worker.in_process {
            let worker = Worker::new(
                &settings,
                db.clone(),
                mailer,
                outbox_signal.clone(),
                live.clone(),
            )?;
            let (stop, stopped) = watch::channel(false);
            let handle = worker::supervise(worker_health.clone(), move || {
                worker.clone().run(stopped.clone())
            });
            Some((stop, handle))
        } else {
            None
        };

        let database_gate = http::availability::DatabaseGate::probing(db.clone());
        let state = AppState {
            database_gate,
            db,
            leptos_options,
            site,
            storage,
            settings: Arc::new(settings),
            outbox_signal,
            live,
            worker_health,
        };
        let router = router(state.clone());
        Ok(Self {
            listener,
            router,
            state,
            worker,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then stops accepting connections, lets
    /// in-flight requests finish and stops the worker.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let live = self.state.live.clone();
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            live.close();
        })
        .await
        .context("the HTTP server stopped with an error");
        // The worker finishes the batch in hand, so a shutdown leaves no row half-done.
        if let Some((stop, handle)) = self.worker {
            let _ = stop.send(true);
            let _ = handle.await;
        }
        served
    }
}

/// What every page and server function finds in its context.
pub fn app_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let state = state.clone();
    move || {
        provide_context(state.site.clone());
        provide_context(state.db.clone());
        provide_context(state.outbox_signal.clone());
        provide_context(state.settings.payer.clone());
    }
}

/// The Leptos routes, generated once per process. Generating them sets a process-wide
/// flag that makes every resource starting meanwhile wait forever (leptos #4773), so a
/// second application built in the same process (the tests build one per test) must not
/// generate them while another is rendering pages.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The router with every route and layer.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context = app_context(&state);
    let header_policy = http::security::HeaderPolicy {
        hsts: state.settings.uses_https(),
    };
    let state_https = state.settings.uses_https();

    // Features with uploads carry their own, larger, body limit on those routes.
    let upload_limit = http::uploads::request_limit(state.storage.max_bytes());
    let uploads = Router::new()
        .merge(http::representatives::upload_router(upload_limit))
        .merge(http::applications::upload_router(upload_limit))
        .merge(http::umbrella::upload_router(upload_limit))
        .merge(http::follow_up::upload_router(upload_limit));

    let pages = Router::new()
        .merge(http::representatives::router())
        .merge(http::board::router())
        .merge(http::applications::router())
        .merge(http::programmes::router())
        .merge(http::access_requests::router())
        .merge(http::admin::router())
        .merge(http::members::router())
        .merge(http::queue::router())
        .merge(http::assessment::router())
        .merge(http::committee::router())
        .merge(http::completion::router())
        .merge(http::report::router())
        .merge(http::decisions::router())
        .merge(http::minutes::router())
        .merge(http::guidance::router())
        .merge(http::statistics::router())
        .merge(http::umbrella::router())
        .merge(http::payments::router())
        .merge(http::follow_up::router())
        .merge(http::partnerships::router())
        .merge(http::language::router())
        .route("/healthz", get(http::health::healthz))
        .route("/readyz", get(http::health::readyz))
        .route("/logga-in", axum::routing::post(http::account::sign_in))
        .route("/logga-ut", axum::routing::post(http::account::sign_out))
        .route(
            "/mina-sidor/mina-uppgifter.json",
            get(http::account::download_my_data),
        )
        .route(
            "/mina-sidor/radera-konto",
            axum::routing::post(http::account::delete_account),
        )
        .route(
            "/foreningar/{id}",
            axum::routing::post(http::account::save_association),
        )
        .route(
            "/mina-sidor/byt-losenord",
            axum::routing::post(http::account::change_password),
        )
        .route(
            "/registrera",
            axum::routing::post(http::registration::register),
        )
        .route(
            "/bekrafta-epost",
            axum::routing::post(http::registration::verify_email),
        )
        .route(
            "/glomt-losenord",
            axum::routing::post(http::registration::forgot_password),
        )
        .route(
            "/nytt-losenord",
            axum::routing::post(http::registration::new_password),
        )
        .route(
            "/mina-sidor/installningar",
            axum::routing::post(http::account::save_notification_settings),
        )
        .route("/handlaggning/live", get(live::stream_for_staff))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES));

    Router::new()
        .merge(uploads)
        .merge(pages)
        .layer(middleware::from_fn(http::errors::server_function_status))
        .layer(middleware::from_fn(http::session::private_pages))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::session::resolve,
        ))
        .layer(middleware::from_fn_with_state(
            http::csrf::Scheme(if state.settings.uses_https() {
                "https"
            } else {
                "http"
            }),
            http::csrf::guard,
        ))
        .layer(middleware::from_fn_with_state(
            state.database_gate.clone(),
            http::availability::gate,
        ))
        .with_state(state)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(
                    |request: &axum::http::Request<_>| {
                        let request_id = request
                            .headers()
                            .get("x-request-id")
                            .and_then(|value| value.to_str().ok())
                            .unwrap_or("");
                        info_span!(
                            "request",
                            method = %request.method(),
                            path = %request.uri().path(),
                            request_id = %request_id,
                        )
                    },
                ))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(middleware::from_fn_with_state(
                    header_policy,
                    http::security::headers,
                ))
                .layer(CompressionLayer::new())
                .layer(middleware::from_fn(http::errors::catch_panics)),
        )
        // Outermost: a cached public page is answered before anything else runs.
        .layer(middleware::from_fn_with_state(
            http::public_cache::PublicCache::new(state_https),
            http::public_cache::serve,
        ))
}

/// Runs only the outbox worker (`server worker`), until `shutdown` completes.
pub async fn run_worker(
    settings: Settings,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let db = db::connect(&settings).await?;
    db::migrate(&db).await?;
    let mailer = Arc::new(Mailer::from_settings(&settings)?);
    let signal = OutboxSignal::default();
    let hub = LiveHub::default();
    if settings.database_kind == DatabaseKind::Postgres {
        live::spawn_postgres_listener(&db, signal.clone(), hub.clone());
    }
    let worker = Worker::new(&settings, db, mailer, signal, hub)?;
    let (stop, stopped) = watch::channel(false);
    let handle = worker::supervise(WorkerHealth::default(), move || {
        worker.clone().run(stopped.clone())
    });
    shutdown.await;
    let _ = stop.send(true);
    handle.await.context("the worker task failed")
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM; only Ctrl-C stops the server");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
    // Not awaited by anyone: a watchdog in case a request never finishes.
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(30)).await;
        tracing::warn!("requests still in flight after 30 s; exiting anyway");
        std::process::exit(1);
    });
}
