//! The outbox worker: claims due rows, performs them (mail, live-queue update), marks
//! them done, retries failures with exponential backoff and jitter, and parks a row as
//! dead after the configured number of attempts.
//!
//! Delivery is at least once: a worker that dies mid-send leaves its row claimed, and
//! after the lease runs out another worker (or the restarted one) sends it again, with
//! the same `Message-ID`.
use std::{sync::Arc, time::Duration};

use app::backend::{
    jobs::Job,
    mail,
    outbox::{self, status, Claimed, OutboxSignal, OutboxStatus},
    preferences,
};
use futures_util::{FutureExt, StreamExt};
use lettre::message::Mailbox;
use rand::Rng;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tokio::sync::watch;
use uuid::Uuid;

use crate::{
    live::{LiveHub, Published, LIVE_CHANNEL},
    mailer::{self, Mailer, SEND_CONCURRENCY},
    settings::{Settings, WorkerSettings},
};

/// How many rows one claim takes. They are performed [`SEND_CONCURRENCY`] at a time and
/// their outcomes written in one transaction: one commit per batch, not one per mail. A
/// crash before that commit redelivers the batch, each mail with its same Message-ID.
const BATCH: u64 = 64;

/// Runs one row's work; a panic inside it becomes an error of that row.
async fn isolated<F>(work: F) -> Result<OutboxStatus, String>
where
    F: std::future::Future<Output = Result<OutboxStatus, String>>,
{
    std::panic::AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .unwrap_or_else(|panic| {
            Err(format!(
                "panicked: {}",
                crate::telemetry::panic_text(&panic)
            ))
        })
}

/// Whether this process's worker runs, as `/healthz` reports it.
#[derive(Clone, Debug, Default)]
pub struct WorkerHealth(Arc<std::sync::atomic::AtomicU8>);

/// The states [`WorkerHealth`] takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerState {
    /// The worker runs in other processes (`PORTAL_WORKER=0`).
    Elsewhere,
    Running,
    /// It died and is being restarted.
    Restarting,
    /// It stopped for shutdown.
    Stopped,
}

impl WorkerHealth {
    pub fn state(&self) -> WorkerState {
        match self.0.load(std::sync::atomic::Ordering::Relaxed) {
            1 => WorkerState::Running,
            2 => WorkerState::Restarting,
            3 => WorkerState::Stopped,
            _ => WorkerState::Elsewhere,
        }
    }

    fn set(&self, state: WorkerState) {
        let value = match state {
            WorkerState::Elsewhere => 0,
            WorkerState::Running => 1,
            WorkerState::Restarting => 2,
            WorkerState::Stopped => 3,
        };
        self.0.store(value, std::sync::atomic::Ordering::Relaxed);
    }
}

/// How long a dead worker waits before it is started again; doubled after each death
/// in a row, up to [`RESTART_DELAY_MAX`].
const RESTART_DELAY: Duration = Duration::from_secs(1);
const RESTART_DELAY_MAX: Duration = Duration::from_secs(60);
/// A worker that ran this long before dying starts the delays afresh.
const HEALTHY_RUN: Duration = Duration::from_secs(300);

/// Runs the worker that `start` makes and starts it again, with an error in the log,
/// whenever it dies of a panic; stops when it returns (which it does on shutdown).
/// `health` follows along.
pub fn supervise<F, Fut>(health: WorkerHealth, mut start: F) -> tokio::task::JoinHandle<()>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    // Running from the moment it is asked for, so /healthz never reports a gap.
    health.set(WorkerState::Running);
    tokio::spawn(async move {
        let mut restarts: u64 = 0;
        let mut delay = RESTART_DELAY;
        loop {
            health.set(WorkerState::Running);
            let started = std::time::Instant::now();
            match tokio::spawn(start()).await {
                Ok(()) => break,
                Err(error) if error.is_panic() => {
                    restarts += 1;
                    if started.elapsed() >= HEALTHY_RUN {
                        delay = RESTART_DELAY;
                    }
                    health.set(WorkerState::Restarting);
                    let panic = error.into_panic();
                    tracing::error!(
                        restarts,
                        restart_in_ms = delay.as_millis() as u64,
                        panic = %crate::telemetry::panic_text(&panic),
                        "the outbox worker died; starting it again"
                    );
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(RESTART_DELAY_MAX);
                }
                Err(_) => break,
            }
        }
        health.set(WorkerState::Stopped);
    })
}

/// What became of one claimed row.
enum Outcome {
    Finished(Uuid, OutboxStatus),
    Failed {
        id: Uuid,
        error: String,
        dead: bool,
        retry_at_ms: i64,
    },
}

/// How often the worker sweeps expired sessions.
const HOUSEKEEPING_INTERVAL: Duration = Duration::from_secs(15 * 60);

#[derive(Clone)]
pub struct Worker {
    db: DatabaseConnection,
    mailer: Arc<Mailer>,
    from: Mailbox,
    domain: String,
    signal: OutboxSignal,
    live: LiveHub,
    config: WorkerSettings,
    /// For links in reminders.
    public_url: url::Url,
}

impl Worker {
    pub fn new(
        settings: &Settings,
        db: DatabaseConnection,
        mailer: Arc<Mailer>,
        signal: OutboxSignal,
        live: LiveHub,
    ) -> anyhow::Result<Self> {
        let from: Mailbox = settings
            .mail_from
            .parse()
            .map_err(|error| anyhow::anyhow!("PORTAL_MAIL_FROM: {error}"))?;
        let domain = from.email.domain().to_owned();
        Ok(Self {
            db,
            mailer,
            from,
            domain,
            signal,
            live,
            config: settings.worker.clone(),
            public_url: settings.public_url.clone(),
        })
    }

    /// Works until `shutdown` turns true; the batch in hand is finished first.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!("outbox worker started");
        let mut swept_at: Option<std::time::Instant> = None;
        loop {
            if *shutdown.borrow() {
                break;
            }
            if swept_at.is_none_or(|at| at.elapsed() >= HOUSEKEEPING_INTERVAL) {
                // Marked first and run isolated: upkeep that fails, even by a panic, is
                // logged and waits for its next turn; it never keeps mail from going out.
                swept_at = Some(std::time::Instant::now());
                if let Err(panic) = std::panic::AssertUnwindSafe(self.housekeeping())
                    .catch_unwind()
                    .await
                {
                    tracing::error!(panic = %crate::telemetry::panic_text(&panic), "housekeeping panicked");
                }
            }
            match self.work_once().await {
                Ok(0) => {}
                Ok(_) => continue,
                Err(error) => tracing::warn!(%error, "outbox: claiming failed"),
            }
            let wait = self.time_to_next_due().await;
            tokio::select! {
                _ = self.signal.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => {}
            }
        }
        tracing::info!("outbox worker stopped");
    }

    /// What the features' commands need, as the worker calls them.
    fn ctx(&self) -> app::backend::command::Ctx {
        app::backend::command::Ctx {
            db: self.db.clone(),
            public_url: self.public_url.clone(),
            signal: self.signal.clone(),
            today: app::backend::time::today(),
        }
    }

    /// Upkeep that no request triggers: expired sessions, reminders of verifications that
    /// end within 30 days and of follow-up reports due, the query planner's statistics
    /// (SQLite), lapsed and old access requests.
    pub async fn housekeeping(&self) {
        let now = chrono::Utc::now();
        match app::backend::sessions::sweep_expired(&self.db, now).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "expired sessions deleted"),
            Err(error) => tracing::warn!(%error, "sweeping expired sessions failed"),
        }
        let today = app::backend::time::today();
        let ctx = app::backend::command::Ctx {
            today,
            ..self.ctx()
        };
        match app::features::representatives::commands::remind_of_ending_verifications(&ctx).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "verification reminders queued"),
            Err(error) => tracing::warn!(%error, "queueing verification reminders failed"),
        }
        match app::features::follow_up::commands::remind(&ctx).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "follow-up report reminders queued"),
            Err(error) => tracing::warn!(%error, "queueing follow-up report reminders failed"),
        }
        match app::features::partnerships::commands::remind(&ctx).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "partnership reminders and warnings queued"),
            Err(error) => tracing::warn!(%error, "queueing partnership reminders failed"),
        }
        if let Err(error) = app::backend::db::optimize(&self.db).await {
            tracing::warn!(%error, "refreshing the query planner's statistics failed");
        }
        match app::features::access_requests::commands::sweep(&self.db, now).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "lapsed or answered access requests deleted"),
            Err(error) => tracing::warn!(%error, "sweeping access requests failed"),
        }
    }

    /// Claims one batch and performs it. Returns how many rows it took.
    pub async fn work_once(&self) -> Result<usize, sea_orm::DbErr> {
        let claimed =
            outbox::claim(&self.db, outbox::now_ms(), self.config.lease_ms, BATCH).await?;
        let count = claimed.len();
        if count == 0 {
            return Ok(0);
        }
        let outcomes: Vec<Outcome> = futures_util::stream::iter(claimed)
            .map(|item| self.perform(item))
            .buffer_unordered(SEND_CONCURRENCY)
            .collect()
            .await;
        if let Err(error) = self.record(outcomes).await {
            // The leases will run out and the rows will be taken up again.
            tracing::error!(%error, "outbox: could not record the outcomes");
        }
        Ok(count)
    }

    async fn record(&self, outcomes: Vec<Outcome>) -> Result<(), sea_orm::DbErr> {
        let txn = app::backend::db::begin_write(&self.db).await?;
        for final_status in [status::DONE, status::SKIPPED] {
            let ids: Vec<Uuid> = outcomes
                .iter()
                .filter_map(|outcome| match outcome {
                    Outcome::Finished(id, done) if *done == final_status => Some(*id),
                    _ => None,
                })
                .collect();
            outbox::complete(&txn, &ids, final_status).await?;
        }
        for outcome in &outcomes {
            if let Outcome::Failed {
                id,
                error,
                dead,
                retry_at_ms,
            } = outcome
            {
                outbox::fail(&txn, *id, error, *dead, *retry_at_ms).await?;
            }
        }
        txn.commit().await
    }

    async fn time_to_next_due(&self) -> Duration {
        let poll = Duration::from_millis(self.config.poll_ms);
        match outbox::next_due_ms(&self.db).await {
            Ok(Some(due)) => {
                let until = (due - outbox::now_ms()).max(0) as u64;
                poll.min(Duration::from_millis(until))
            }
            _ => poll,
        }
    }

    /// Performs one row. Whatever happens to it, a failure or even a panic, becomes
    /// that row's outcome: the other rows of the batch are delivered all the same.
    #[tracing::instrument(skip_all, fields(outbox_id = %item.id, kind = %item.kind, attempt = item.attempts))]
    async fn perform(&self, item: Claimed) -> Outcome {
        let result = isolated(async {
            match item.kind.as_str() {
                outbox::kind::EMAIL => self.send_email(&item).await,
                outbox::kind::LIVE => self.publish_live(&item).await.map(|()| status::DONE),
                outbox::kind::JOB => self.run_job(&item).await.map(|()| status::DONE),
                other => Err(format!("unknown outbox kind {other:?}")),
            }
        })
        .await;
        match result {
            Ok(final_status) => Outcome::Finished(item.id, final_status),
            Err(error) => {
                let dead = item.attempts >= self.config.max_attempts;
                let wait = outbox::backoff_ms(
                    item.attempts,
                    self.config.backoff_base_ms,
                    self.config.backoff_max_ms,
                    rand::thread_rng().gen::<f64>(),
                );
                if dead {
                    tracing::error!(%error, "outbox: giving up, the row is dead");
                } else {
                    tracing::warn!(%error, retry_in_ms = wait, "outbox: attempt failed");
                }
                Outcome::Failed {
                    id: item.id,
                    error,
                    dead,
                    retry_at_ms: outbox::now_ms() + wait,
                }
            }
        }
    }

    async fn send_email(&self, item: &Claimed) -> Result<OutboxStatus, String> {
        let job = item
            .email()
            .map_err(|error| format!("unreadable mail job: {error}"))?;
        if let Some(user_id) = job.user_id {
            let wanted = preferences::wants(&self.db, user_id, job.kind)
                .await
                .map_err(|error| format!("reading preferences: {error}"))?;
            if !wanted {
                return Ok(status::SKIPPED);
            }
        }
        let rendered = mail::render(job.kind, &job.data)
            .map_err(|error| format!("template {}: {error:#}", job.kind.as_str()))?;
        let message = mailer::build_message(item.id, &self.domain, &self.from, &job, rendered)?;
        self.mailer.send(item.id, message).await?;
        Ok(status::DONE)
    }

    async fn run_job(&self, item: &Claimed) -> Result<(), String> {
        let job = item
            .job()
            .map_err(|error| format!("unreadable job: {error}"))?;
        match job {
            Job::PasswordReset { email } => {
                // The reset mail, if any, is a new outbox row; the command wakes us for it.
                app::features::registration::commands::send_password_reset(&self.ctx(), &email)
                    .await
                    .map(|_| ())
                    .map_err(|error| format!("password reset: {error}"))
            }
        }
    }

    async fn publish_live(&self, item: &Claimed) -> Result<(), String> {
        let event = item
            .live()
            .map_err(|error| format!("unreadable live event: {error}"))?;
        let message = Published { id: item.id, event };
        if self.db.get_database_backend() == DbBackend::Postgres {
            let payload = serde_json::to_string(&message).map_err(|error| error.to_string())?;
            self.db
                .execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT pg_notify($1, $2)",
                    [LIVE_CHANNEL.into(), payload.into()],
                ))
                .await
                .map_err(|error| format!("NOTIFY: {error}"))?;
        } else {
            self.live.publish(message);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn a_panic_in_one_rows_work_is_that_rows_error() {
        let result = isolated(async {
            if outbox::now_ms() > 0 {
                panic!("lettre fell over");
            }
            Ok(status::DONE)
        })
        .await;
        assert_eq!(result, Err("panicked: lettre fell over".to_owned()));
        assert_eq!(isolated(async { Ok(status::DONE) }).await, Ok(status::DONE));
    }

    #[tokio::test]
    async fn a_worker_that_dies_is_started_again_and_health_says_so() {
        let health = WorkerHealth::default();
        assert_eq!(health.state(), WorkerState::Elsewhere);
        let starts = Arc::new(AtomicUsize::new(0));
        let (release, released) = watch::channel(false);
        let handle = supervise(health.clone(), {
            let starts = starts.clone();
            move || {
                let run = starts.fetch_add(1, Ordering::SeqCst);
                let mut released = released.clone();
                async move {
                    if run < 2 {
                        panic!("worker run {run} dies");
                    }
                    let _ = released.wait_for(|done| *done).await;
                }
            }
        });
        tokio::time::timeout(Duration::from_secs(20), async {
            while starts.load(Ordering::SeqCst) < 3 {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
        .await
        .expect("the worker is started again after each death");
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert_eq!(health.state(), WorkerState::Running);
        release.send(true).unwrap();
        handle.await.unwrap();
        assert_eq!(starts.load(Ordering::SeqCst), 3, "started twice again");
        assert_eq!(health.state(), WorkerState::Stopped);
    }
}
