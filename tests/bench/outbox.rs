//! `make bench`: the outbox against a real SMTP server on loopback (aiosmtpd).
//!
//! 1. Latency at idle: one mail at a time, from the commit of its event to the SMTP
//!    server's acceptance (the sink's timestamp). Target: p99 under 1 s.
//! 2. Throughput: 10 000 mails queued with the worker stopped, then one worker drains
//!    them. Target: at least 300 mails/s on a 2-core machine.
use std::time::{Duration, Instant};

use app::backend::events;
use portal_tests::{
    fixtures::{event_for, mail_to},
    free_port, spawn_app_with, Backend, SmtpSink, TestApp,
};
use sea_orm::TransactionTrait;
use server::settings::Secret;
use uuid::Uuid;

const LATENCY_SAMPLES: usize = 200;
const DRAIN: usize = 10_000;

async fn queue(app: &TestApp, count: usize) {
    for chunk in 0..count.div_ceil(500) {
        let txn = app.db.begin().await.unwrap();
        for _ in 0..500.min(count - chunk * 500) {
            events::record(
                &txn,
                event_for(Uuid::now_v7()),
                vec![mail_to("mottagare@example.se")],
            )
            .await
            .unwrap();
        }
        txn.commit().await.unwrap();
    }
}

fn percentile(sorted: &[i64], p: f64) -> i64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

#[tokio::main]
async fn main() {
    let backend = Backend::current();
    println!("outbox benchmark on {backend:?}, SMTP sink: aiosmtpd on loopback");

    // 1. Latency at idle.
    let sink = SmtpSink::start(free_port(), &[]);
    let url = sink.url();
    let app = spawn_app_with(|settings| settings.smtp_url = Some(Secret::new(url))).await;
    let mut latencies = Vec::with_capacity(LATENCY_SAMPLES);
    for i in 0..LATENCY_SAMPLES {
        let txn = app.db.begin().await.unwrap();
        events::record(
            &txn,
            event_for(Uuid::now_v7()),
            vec![mail_to("mottagare@example.se")],
        )
        .await
        .unwrap();
        txn.commit().await.unwrap();
        let committed = chrono::Utc::now().timestamp_millis();
        app.signal.notify();
        let started = Instant::now();
        while sink.received().len() <= i {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "mail {i} never arrived"
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        latencies.push(sink.received()[i].0 - committed);
        // Idle between mails, as in a quiet hour.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    latencies.sort_unstable();
    println!(
        "latency commit → SMTP accepted, {LATENCY_SAMPLES} mails at idle: p50 {} ms, p99 {} ms, max {} ms (target p99 < 1000 ms)",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        latencies[latencies.len() - 1]
    );
    let idle = serde_json::json!({
        "mails": LATENCY_SAMPLES,
        "p50_ms": percentile(&latencies, 0.50),
        "p99_ms": percentile(&latencies, 0.99),
    });
    drop(app);
    drop(sink);

    // 2. Throughput: queue with the worker stopped, then drain with one worker.
    let sink = SmtpSink::start(free_port(), &[]);
    let url = sink.url();
    let app = spawn_app_with(|settings| {
        settings.smtp_url = Some(Secret::new(url));
        settings.worker.in_process = false;
    })
    .await;
    queue(&app, DRAIN).await;
    let settings = app.settings.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let started = Instant::now();
    let worker = tokio::spawn(server::startup::run_worker(settings, async {
        let _ = stopped.await;
    }));
    while sink.received().len() < DRAIN {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the queue did not drain in 5 minutes"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let elapsed = started.elapsed();
    let _ = stop.send(());
    worker.await.unwrap().unwrap();
    println!(
        "throughput: {DRAIN} queued mails drained in {:.2} s = {:.0} mails/s (target ≥ 300 mails/s); {} deliveries",
        elapsed.as_secs_f64(),
        DRAIN as f64 / elapsed.as_secs_f64(),
        sink.received().len()
    );
    portal_tests::bench::write_result(
        "outbox",
        false,
        &serde_json::json!({
            "backend": portal_tests::bench::backend_name(),
            "latency_at_idle": idle,
            "drain": {
                "mails": DRAIN,
                "seconds": (elapsed.as_secs_f64() * 100.0).round() / 100.0,
                "mails_per_s": (DRAIN as f64 / elapsed.as_secs_f64()).round(),
            },
        }),
    );
}
