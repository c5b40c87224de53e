//! `make bench` (queue): the officers' queue with 100 000 cases in the database.
//!
//! 1. One page of the queue (count, counts per status, 25 rows with their names) for
//!    views with one filter plus a search term, each 40 times. Target: median under
//!    30 ms, p99 under 100 ms, on SQLite and on PostgreSQL.
//! 2. A bulk assign of the 10 000 cases one search matches. Target: under 2 s.
//!
//! `PORTAL_TEST_BACKEND=postgres` runs it on PostgreSQL instead of SQLite.
use std::time::Instant;

use app::backend::entities::{application, association};
use app::features::applications::Status;
use app::features::queue::{
    commands::{self, Change},
    queries::{self, Viewer},
    search_text, Filter,
};
use chrono::{Duration, Utc};
use portal_tests::{create_user, spawn_app, Backend};
use sea_orm::{ActiveValue::Set, EntityTrait};
use uuid::Uuid;

const TIME_LIMITED: Uuid = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0003);
const CASES: usize = 100_000;
const ASSOCIATIONS: usize = 1_000;
const RUNS: usize = 40;
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

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn filter(query: &[(&str, &str)]) -> Filter {
    Filter::from_query(|name| {
        query
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    })
    .0
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
            associations.push((id, org.clone(), format!("Förening nummer {i}")));
            association::ActiveModel {
                id: Set(id),
                name: Set(format!("Förening nummer {i}")),
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
                    status: Set(if i % 7 == 0 {
                        Status::Assessed
                    } else {
                        Status::Submitted
                    }),
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
        &[("handlaggare", "ingen"), ("sok", "förening nummer 42")],
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
    for view in views {
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
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{backend}: one page of the queue, one filter plus a search, {} views x {RUNS}: median {:.1} ms, p99 {:.1} ms, max {:.1} ms (target: median < 30 ms, p99 < 100 ms)",
        views.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples.last().unwrap()
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
    println!(
        "{backend}: bulk assign of {changed} matching cases (one transaction, an event and a live message each): {:.2} s (target < 2 s)",
        start.elapsed().as_secs_f64()
    );
}
