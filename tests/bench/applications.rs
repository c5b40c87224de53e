//! `make bench` (applications): the server's side of applying, over HTTP on loopback.
//!
//! 1. Submit: a draft with the OFU seed's answers, 20 budget lines and 3 attached
//!    documents of 1 MB each (uploaded through the real storage), sent in one at a
//!    time. Target: median under 50 ms on SQLite.
//! 2. Concurrent submits: 20 people each sending in 5 complete drafts, one after the
//!    other, all at once. Target: all succeed, with 100 distinct, consecutive Dnr, and
//!    p99 under 200 ms.
//! 3. Autosave of a full draft (the budget step, 20 lines). Target: median under 20 ms.
//!
//! `PORTAL_TEST_BACKEND=postgres` runs it on PostgreSQL instead of SQLite. Writes
//! `bench/results/applications.json` (or `applications-postgres.json`).
use std::time::Instant;

use app::backend::entities::application;
use app::features::applications::ofu_seed::seed_posts;
use portal_tests::bench::{self, percentile};
use portal_tests::{create_user, encode, fixtures, spawn_app, Backend, TestApp};
use sea_orm::EntityTrait;
use uuid::Uuid;

/// The seeded "Tidsbegränsat bidrag" (open all year, prefix SOF).
const TIME_LIMITED: Uuid = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0003);
const SUBMITS: usize = 40;
const CONCURRENT: usize = 100;
const SUBMITTERS: usize = 20;
const AUTOSAVES: usize = 200;
const MB: usize = 1024 * 1024;

/// A balanced budget of 20 lines: 10 incomes of 50 000 kr beside the 500 000 kr asked
/// of the committee, and 10 costs of 100 000 kr. `round` varies the text.
fn budget(round: usize) -> Vec<(String, String)> {
    let mut form = Vec::new();
    for i in 0..10 {
        form.push((
            format!("budget_income_{i}_source"),
            format!("Bidragsgivare {i} ({round})"),
        ));
        form.push((format!("budget_income_{i}_amount_ore"), "50 000".into()));
        form.push((format!("budget_income_{i}_status"), "sokt".into()));
        form.push((
            format!("budget_costs_{i}_category"),
            format!("Kostnadsslag {i}"),
        ));
        form.push((
            format!("budget_costs_{i}_description"),
            format!("Underlag {round}"),
        ));
        form.push((format!("budget_costs_{i}_amount_ore"), "100 000".into()));
    }
    form
}

fn body(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn revision(app: &TestApp, id: Uuid) -> i32 {
    application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .revision
}

/// A draft started, written and documented through the same forms a browser posts.
async fn complete_draft(app: &TestApp, cookie: &str, association: Uuid, documents: bool) -> Uuid {
    let started = app
        .post_form_as(
            Some(cookie),
            &format!("/foreningar/{association}/ansokningar"),
            &format!("programme={TIME_LIMITED}"),
        )
        .await;
    assert_eq!(started.status(), 303);
    let location = started.headers()["location"].to_str().unwrap().to_owned();
    let id = Uuid::parse_str(location.trim_start_matches("/ansokningar/")).unwrap();
    for (slug, mut pairs) in seed_posts() {
        if slug == "budget" {
            pairs = budget(0);
        }
        pairs.push(("revision".into(), revision(app, id).await.to_string()));
        pairs.push(("action".into(), "spara".into()));
        let saved = app
            .post_form_as(
                Some(cookie),
                &format!("/ansokningar/{id}/steg/{slug}"),
                &body(&pairs),
            )
            .await;
        assert_eq!(saved.status(), 303, "{slug}");
    }
    for kind in ["stadgar", "verksamhetsberattelse", "budget"] {
        let content = if documents {
            let mut pdf = format!("%PDF-1.4\n% {id} {kind}\n").into_bytes();
            pdf.resize(MB, b'.');
            pdf
        } else {
            format!("%PDF-1.4\n% {id} {kind}\n").into_bytes()
        };
        let uploaded = app
            .post_multipart_as(
                cookie,
                &format!("/ansokningar/{id}/bilagor"),
                &[
                    ("document_type", None, kind.as_bytes()),
                    ("document", Some(&format!("{kind}.pdf")), &content),
                ],
            )
            .await;
        assert_eq!(uploaded.status(), 303, "{kind}");
    }
    id
}

async fn submit(app: &TestApp, cookie: &str, id: Uuid) -> u16 {
    app.post_form_as(
        Some(cookie),
        &format!("/ansokningar/{id}/skicka-in"),
        &format!("submit_key={}", Uuid::now_v7()),
    )
    .await
    .status()
    .as_u16()
}

fn report(what: &str, mut samples: Vec<f64>, target: &str) {
    samples.sort_by(f64::total_cmp);
    println!(
        "{what}: median {:.1} ms, p99 {:.1} ms, max {:.1} ms over {} ({target})",
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples[samples.len() - 1],
        samples.len()
    );
}

#[tokio::main]
async fn main() {
    let backend = Backend::current();
    println!("applications benchmark on {backend:?}, documents in the local folder");
    let app = spawn_app().await;
    let owner = create_user(
        &app.db,
        "applicant",
        "sara@example.se",
        "ett långt lösenord",
    )
    .await;
    let association = fixtures::association_with_owner(&app.db, "802534-3750", owner).await;
    fixtures::verified_representative(&app.db, association, owner).await;
    let cookie = app.sign_in("sara@example.se", "ett långt lösenord").await;

    // 1. One submit at a time.
    let mut timings = Vec::with_capacity(SUBMITS);
    for _ in 0..SUBMITS {
        let id = complete_draft(&app, &cookie, association, true).await;
        let started = Instant::now();
        assert_eq!(submit(&app, &cookie, id).await, 303);
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let one_at_a_time = bench::latency(timings.clone());
    report(
        "submit (20 budget lines, 3 documents of 1 MB)",
        timings,
        "target: median < 50 ms on SQLite",
    );

    // 2. Concurrent submits.
    let mut drafts = Vec::with_capacity(CONCURRENT);
    for _ in 0..CONCURRENT {
        drafts.push(complete_draft(&app, &cookie, association, false).await);
    }
    // 20 people submitting at once, five drafts each, one after the other.
    let (app_ref, cookie_ref) = (&app, &cookie);
    let started = Instant::now();
    let results = futures_util::future::join_all(drafts.chunks(CONCURRENT / SUBMITTERS).map(
        |mine| async move {
            let mut answers = Vec::new();
            for id in mine {
                let asked = Instant::now();
                let status = submit(app_ref, cookie_ref, *id).await;
                answers.push((status, asked.elapsed().as_secs_f64() * 1000.0));
            }
            answers
        },
    ))
    .await;
    let elapsed = started.elapsed();
    let statuses: Vec<u16> = results.iter().flatten().map(|(s, _)| *s).collect();
    let concurrent_times: Vec<f64> = results.iter().flatten().map(|(_, t)| *t).collect();
    assert!(
        statuses.iter().all(|s| *s == 303),
        "every submit succeeds: {statuses:?}"
    );
    let mut numbers = Vec::with_capacity(CONCURRENT);
    for id in &drafts {
        let dnr = application::Entity::find_by_id(*id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .dnr
            .expect("a Dnr");
        numbers.push(dnr.rsplit('/').next().unwrap().parse::<usize>().unwrap());
    }
    numbers.sort_unstable();
    numbers.dedup();
    let first = numbers[0];
    assert_eq!(
        numbers,
        (first..first + CONCURRENT).collect::<Vec<_>>(),
        "distinct and consecutive"
    );
    println!(
        "{CONCURRENT} submits by {SUBMITTERS} people at once: all 303 in {:.0} ms, Dnr SOF …/{first}–{} distinct and consecutive",
        elapsed.as_secs_f64() * 1000.0,
        first + CONCURRENT - 1
    );
    let concurrent = bench::latency(concurrent_times.clone());
    report(
        &format!("submit, {SUBMITTERS} people at once"),
        concurrent_times,
        "target: p99 < 200 ms",
    );

    // 3. Autosave of the budget step of a full draft.
    let id = complete_draft(&app, &cookie, association, false).await;
    let mut revision = revision(&app, id).await;
    let mut timings = Vec::with_capacity(AUTOSAVES);
    for round in 0..AUTOSAVES {
        let mut pairs = budget(round + 1);
        pairs.push(("revision".into(), revision.to_string()));
        let started = Instant::now();
        let saved = app
            .post_form_as(
                Some(&cookie),
                &format!("/ansokningar/{id}/steg/budget/autospara"),
                &body(&pairs),
            )
            .await;
        assert_eq!(saved.status(), 200);
        let answer: serde_json::Value = serde_json::from_str(&saved.text().await.unwrap()).unwrap();
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
        revision = answer["revision"].as_i64().unwrap() as i32;
    }
    let autosave = bench::latency(timings.clone());
    report(
        "autosave (budget step, 20 lines)",
        timings,
        "target: median < 20 ms",
    );
    bench::write_result(
        "applications",
        true,
        &serde_json::json!({
            "backend": bench::backend_name(),
            "submit_one_at_a_time": one_at_a_time,
            "submit_concurrent": concurrent,
            "submitters": SUBMITTERS,
            "concurrent_submits_seconds": (elapsed.as_secs_f64() * 100.0).round() / 100.0,
            "autosave": autosave,
        }),
    );
}
