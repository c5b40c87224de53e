//! `make bench` (queue): the officers' queue with 100 000 cases in the database.
//!
//! 1. One page of the queue (count, counts per status, 25 rows with their names) for
//!    views with one filter plus a search term, each 40 times. Target: median under
//!    30 ms, p99 under 100 ms, on SQLite and on PostgreSQL.
//! 2. The same views over HTTP, signed in, as 50 officers working at once (each asks
//!    for the next view three seconds after the last, see `bench::users`), and the case page
//!    the same way. Target: p99 under 100 ms. Then `wrk` with 50 connections for the
//!    most the server can answer per second (each connection asks again at once).
//! 3. A bulk assign of the 10 000 cases one search matches. Target: under 2 s.
//!
//! The generated cases are laid down in one go, so the planner's statistics are
//! refreshed after (`backend::db::optimize`, which the worker runs every quarter of an
//! hour). `PORTAL_TEST_BACKEND=postgres` runs it on PostgreSQL instead of SQLite. Writes
//! `bench/results/queue.json` (or `queue-postgres.json`).
use std::time::Instant;

use app::backend::entities::{application, association};
use app::features::applications::Status;
use app::features::queue::{
    commands::{self, Change},
    queries::{self, Viewer},
    search_text, Filter,
};
use chrono::{Duration, Utc};
use portal_tests::bench::{self, percentile};
use portal_tests::{create_user, spawn_app, Backend};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

const TIME_LIMITED: Uuid = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0003);
const CASES: usize = 100_000;
const ASSOCIATIONS: usize = 1_000;
const RUNS: usize = 40;
const OFFICERS: usize = 50;
/// How often each officer asks for a page: every three seconds, the think time load
/// tests commonly give a person working through a list (one click, a look, the next).
const THINK_MS: u64 = 3_000;
const ACTIVITIES: [&str; 10] = [
    "Läxhjälp",
    "Samtalsgrupper",
    "Seniorcafé",
    "Idrott för alla",
    "Kvinnocafé",
    "Sommarläger",
    "Stödsamtal",
    "Mötesplats",
    "Språkcafé",
    "Föräldrastöd",
];

fn filter(query: &[(&str, &str)]) -> Filter {
    Filter::from_query(|name| {
        query
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    })
    .0
}

/// Kinds of association, most of them a "förening".
const KINDS: [&str; 20] = [
    "Kulturföreningen",
    "Idrottsföreningen",
    "Hyresgästföreningen",
    "Brukarföreningen",
    "Pensionärsföreningen",
    "Föräldraföreningen",
    "Ungdomsföreningen",
    "Kvinnoföreningen",
    "Stödföreningen",
    "Intresseföreningen",
    "Hembygdsföreningen",
    "Skolföreningen",
    "Musikföreningen",
    "Schackklubben",
    "Scoutkåren",
    "Fotbollsklubben",
    "Nätverket",
    "Vännerna i",
    "Seniorklubben",
    "Språkcaféet",
];
/// Stockholm's districts.
const PLACES: [&str; 50] = [
    "Kista",
    "Rinkeby",
    "Tensta",
    "Husby",
    "Akalla",
    "Hässelby",
    "Vällingby",
    "Spånga",
    "Bromma",
    "Alvik",
    "Abrahamsberg",
    "Blackeberg",
    "Råcksta",
    "Grimsta",
    "Södermalm",
    "Hornstull",
    "Liljeholmen",
    "Årsta",
    "Enskede",
    "Farsta",
    "Hagsätra",
    "Rågsved",
    "Högdalen",
    "Bandhagen",
    "Skarpnäck",
    "Bagarmossen",
    "Hammarbyhöjden",
    "Björkhagen",
    "Kärrtorp",
    "Skärholmen",
    "Vårberg",
    "Bredäng",
    "Sätra",
    "Fruängen",
    "Hägersten",
    "Midsommarkransen",
    "Aspudden",
    "Östermalm",
    "Vasastan",
    "Kungsholmen",
    "Norrmalm",
    "Gamla stan",
    "Djurgården",
    "Hjorthagen",
    "Gärdet",
    "Fredhäll",
    "Stora Essingen",
    "Traneberg",
    "Ulvsunda",
    "Johannelund",
];

/// Association `i`'s name: one of 1 000 kind-and-district pairs, such as
/// "Hyresgästföreningen Kista". Thirteen kinds in twenty are a "förening", so the word
/// matches two cases in three, while a district matches one in fifty.
fn association_name(i: usize) -> String {
    format!(
        "{} {}",
        KINDS[i % KINDS.len()],
        PLACES[(i / KINDS.len()) % PLACES.len()]
    )
}

/// Case `i`'s state: every state a case can be in once it has a Dnr, most of them
/// open. Only the last five activities have closed cases, so each search of the views
/// below and the bulk assign's "läxhjälp" match 10 000 open cases.
fn status(i: usize) -> Status {
    const OPEN: [Status; 9] = [
        Status::Submitted,
        Status::Submitted,
        Status::Submitted,
        Status::Submitted,
        Status::Completion,
        Status::Assessed,
        Status::Assessed,
        Status::Attested,
        Status::OnAgenda,
    ];
    const CLOSED: [Status; 4] = [
        Status::Granted,
        Status::PartlyGranted,
        Status::Rejected,
        Status::Withdrawn,
    ];
    if i % 10 >= 5 && (i / 10).is_multiple_of(3) {
        CLOSED[(i / 30) % CLOSED.len()]
    } else {
        OPEN[(i / 10) % OPEN.len()]
    }
}

#[tokio::main]
async fn main() {
    let app = spawn_app().await;
    let officer = create_user(&app.db, "officer", "emelie@stad.se", "ett långt lösenord").await;
    let backend = match Backend::current() {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };

    let started = Instant::now();
    let now = Utc::now();
    let mut associations = Vec::with_capacity(ASSOCIATIONS);
    for chunk in (0..ASSOCIATIONS).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|i| {
            let id = Uuid::now_v7();
            let org = format!("80{:04}-{:04}", i, i);
            let name = association_name(*i);
            associations.push((id, org.clone(), name.clone()));
            association::ActiveModel {
                id: Set(id),
                name: Set(name),
                org_number: Set(org),
                contact_person: Set(String::new()),
                email: Set(String::new()),
                phone: Set(String::new()),
                postal_address: Set(String::new()),
                founded_year: Set(None),
                members_in_city: Set(None),
                target_group: Set(String::new()),
                created_at: Set(now),
                bankgiro: Set(String::new()),
                plusgiro: Set(String::new()),
            }
        });
        association::Entity::insert_many(rows.collect::<Vec<_>>())
            .exec_without_returning(&app.db)
            .await
            .unwrap();
    }
    for chunk in (0..CASES).collect::<Vec<_>>().chunks(500) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|i| {
                let (association_id, org, name) = &associations[i % ASSOCIATIONS];
                let activity = format!("{} {}", ACTIVITIES[i % ACTIVITIES.len()], i / 1000);
                let dnr = format!("SOF 2026/{}", i + 1);
                let at = now - Duration::minutes(*i as i64);
                application::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    association_id: Set(*association_id),
                    programme_id: Set(TIME_LIMITED),
                    status: Set(status(*i)),
                    revision: Set(1),
                    content: Set("{}".into()),
                    activity_name: Set(activity.clone()),
                    requested_ore: Set(((i % 500) as i64 + 1) * 100_000),
                    period_from: Set(None),
                    period_to: Set(None),
                    search_text: Set(search_text(&dnr, org, name, &activity)),
                    dnr: Set(Some(dnr)),
                    submitted_at: Set(Some(at)),
                    submitted_by: Set(None),
                    submit_key: Set(None),
                    copy_key: Set(None),
                    copied_from: Set(None),
                    unbalanced: Set(i % 13 == 0),
                    created_by: Set(Uuid::nil()),
                    created_at: Set(at),
                    updated_at: Set(at),
                    withdrawn_at: Set(None),
                    assigned_to: Set(None),
                    due_on: Set(None),
                    completion_due: Set(None),
                    missing_attachment: Set(false),
                }
            })
            .collect();
        application::Entity::insert_many(rows)
            .exec_without_returning(&app.db)
            .await
            .unwrap();
    }
    app::backend::db::optimize(&app.db).await.unwrap();
    println!(
        "{backend}: {CASES} cases laid down in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let viewer = Viewer {
        me: officer,
        today: app::backend::time::today(),
    };
    let views: [&[(&str, &str)]; 5] = [
        &[("bidragsform", "tidsbegransat-bidrag"), ("sok", "läxhjälp")],
        &[("handlaggare", "ingen"), ("sok", "förening kista")],
        &[("flaggade", "1"), ("sok", "seniorcafé")],
        &[
            ("minst", "100 000"),
            ("hogst", "200 000"),
            ("sok", "sof 2026/9"),
        ],
        &[
            ("status", "inkommen"),
            ("sok", "kvinnocafé"),
            ("sortera", "belopp"),
            ("ordning", "fallande"),
        ],
    ];
    let mut samples = Vec::new();
    let mut urls = Vec::new();
    for view in views {
        let query: Vec<String> = view
            .iter()
            .map(|(k, v)| format!("{k}={}", portal_tests::encode(v)))
            .collect();
        urls.push(format!("{}/handlaggning?{}", app.address, query.join("&")));
        let filter = filter(view);
        for _ in 0..RUNS {
            let start = Instant::now();
            let page = queries::view(&app.db, filter.clone(), vec![], viewer)
                .await
                .unwrap();
            samples.push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(page.total > 0, "{view:?} matches cases");
        }
    }
    let in_process = bench::latency(samples.clone());
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{backend}: one page of the queue, one filter plus a search, {} views x {RUNS}: median {:.1} ms, p99 {:.1} ms, max {:.1} ms (target: median < 30 ms, p99 < 100 ms)",
        views.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples.last().unwrap()
    );

    // 2. Over HTTP, signed in.
    let cookie = app.sign_in("emelie@stad.se", "ett långt lösenord").await;
    let officers = bench::users(&urls, &cookie, OFFICERS, THINK_MS, 15).await;
    println!(
        "{backend}: the queue over HTTP, {OFFICERS} officers at once, a view every {THINK_MS} ms each: {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms (target: p99 < 100 ms)",
        officers.requests_per_s, officers.p50_ms, officers.p99_ms
    );
    let case_ids: Vec<Uuid> = application::Entity::find()
        .filter(application::Column::Status.eq(Status::Submitted))
        .select_only()
        .column(application::Column::Id)
        .limit(200)
        .into_tuple()
        .all(&app.db)
        .await
        .unwrap();
    let case_urls: Vec<String> = case_ids
        .iter()
        .map(|id| format!("{}/handlaggning/arenden/{id}", app.address))
        .collect();
    let case_page = bench::users(&case_urls, &cookie, OFFICERS, THINK_MS, 15).await;
    println!(
        "{backend}: the case page, {OFFICERS} officers at once: {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms",
        case_page.requests_per_s, case_page.p50_ms, case_page.p99_ms
    );
    let cookie_header = format!("Cookie: {cookie}");
    let queue_wrk = bench::wrk(&urls[0], OFFICERS, 5, &[&cookie_header]);
    let case_wrk = bench::wrk(&case_urls[0], OFFICERS, 5, &[&cookie_header]);
    println!(
        "{backend}: wrk, {OFFICERS} connections asking without pause: queue {:.0} requests/s (p99 {:.0} ms), case page {:.0} requests/s (p99 {:.0} ms)",
        queue_wrk.requests_per_s, queue_wrk.p99_ms, case_wrk.requests_per_s, case_wrk.p99_ms
    );

    // Every tenth case is "Läxhjälp …": 10 000 of them.
    let bulk = filter(&[("sok", "läxhjälp")]);
    let (ids, _) = queries::matching_ids(&app.db, &bulk, viewer).await.unwrap();
    let start = Instant::now();
    let changed = commands::bulk(
        &app.ctx(),
        officer,
        &bulk,
        ids.len() as u64,
        Change::Assign(Some(officer)),
    )
    .await
    .unwrap();
    let bulk_seconds = start.elapsed().as_secs_f64();
    println!(
        "{backend}: bulk assign of {changed} matching cases (one transaction, an event and a live message each): {bulk_seconds:.2} s (target < 2 s)"
    );
    bench::write_result(
        "queue",
        true,
        &serde_json::json!({
            "backend": backend,
            "cases": CASES,
            "queue_in_process": in_process,
            "queue_http_officers": officers.json(),
            "case_page_http_officers": case_page.json(),
            "queue_wrk": queue_wrk.json(),
            "case_page_wrk": case_wrk.json(),
            "bulk_assign": { "cases": changed, "seconds": (bulk_seconds * 100.0).round() / 100.0 },
        }),
    );
}
