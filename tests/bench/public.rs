//! `make bench` (public): the public pages with 1 000 minutes and 10 000 decisions in
//! the database, against the physical limit.
//!
//! 1. Rendering (the cache missed on purpose: a different search term or list page
//!    each time), 60 requests each: the minutes search and the decisions list. Target:
//!    median under 20 ms.
//! 2. Throughput with `wrk` (2 threads, 50 connections, 5 s, `Accept-Encoding: gzip`)
//!    of the start page, a minutes page, a minutes search and the decisions list, and
//!    beside each the very same bytes served precompressed by nginx (`gzip_static`) on
//!    the same machine. Target: at least 50 % of nginx's requests per second.
//! 3. What a first visit transfers, compressed: the page, the CSS, the JS and the WASM.
//!    Target: under 250 kB.
//!
//! Needs `wrk` and `nginx` (Debian's; `make bench` installs them). Writes
//! `bench/results/public.json`. `PORTAL_TEST_BACKEND=postgres` runs it on PostgreSQL.
use std::{
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use app::backend::entities::{grant_programme, public_decision};
use app::features::minutes::commands::{save, MinutesInput};
use chrono::{Datelike, NaiveDate, Utc};
use portal_tests::bench::wrk;
use portal_tests::{create_user, spawn_app_with, Backend, TestApp};
use sea_orm::{ActiveValue::Set, EntityTrait};
use uuid::Uuid;

const MINUTES: usize = 1_000;
const DECISIONS: usize = 10_000;
const RUNS: usize = 60;
const WORDS: [&str; 24] = [
    "lokaler",
    "samverkan",
    "ensamhet",
    "föreningar",
    "bidrag",
    "ungdomar",
    "äldre",
    "hemlöshet",
    "missbruk",
    "anhöriga",
    "volontärer",
    "mötesplats",
    "språkcafé",
    "läxhjälp",
    "psykisk",
    "ohälsa",
    "jämställdhet",
    "barn",
    "familjer",
    "idrott",
    "kultur",
    "stöd",
    "nätverk",
    "utbildning",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

async fn generate(app: &TestApp) {
    let staff = create_user(&app.db, "officer", "bench@stad.se", "ett långt lösenord").await;
    let ctx = app.ctx();
    let mut day = NaiveDate::from_ymd_opt(2000, 1, 4).unwrap();
    for n in 0..MINUTES {
        let pick = |k: usize| WORDS[(n * 7 + k * 13) % WORDS.len()];
        let text = format!(
            "## Om {a} och {b}\n\nGruppen talade om {a}, {b} och {c}. Föreningarna berättade om \
             sitt arbete med {d} och om behovet av {e}.\n\n## Nästa möte\n\nVi fortsätter med {c}.\n",
            a = pick(0),
            b = pick(1),
            c = pick(2),
            d = pick(3),
            e = pick(4)
        );
        let attendees: String = (0..20)
            .map(|i| format!("Person {n}-{i}, Förening {}\n", (n + i) % 300))
            .collect();
        save(
            &ctx,
            staff,
            None,
            &MinutesInput {
                date: day.to_string(),
                title: format!("Möte {} om {}", n + 1, pick(0)),
                attendees,
                text,
            },
        )
        .await
        .expect("a generated meeting");
        day += chrono::Duration::days(7);
    }

    let programmes = grant_programme::Entity::find().all(&app.db).await.unwrap();
    let outcomes = ["beviljad", "delvis_beviljad", "avslagen"];
    let rows: Vec<public_decision::ActiveModel> = (0..DECISIONS)
        .map(|n| {
            let programme = &programmes[n % programmes.len()];
            let year = 2015 + (n % 12) as i32;
            let meeting_on = NaiveDate::from_ymd_opt(year, 1 + (n % 11) as u32, 10).unwrap();
            let outcome = outcomes[n % 3];
            let dnr = format!("SOF {year}/{}", 10_000 + n);
            public_decision::ActiveModel {
                application_id: Set(Uuid::now_v7()),
                slug: Set(app::features::decisions::slug(&dnr)),
                dnr: Set(dnr),
                association: Set(format!("Förening {}", n % 1_000)),
                programme_id: Set(programme.id),
                programme: Set(programme.name.clone()),
                programme_slug: Set(programme.slug.clone()),
                activity: Set(format!("{} för alla", WORDS[n % WORDS.len()])),
                requested_ore: Set(10_000_000 + (n as i64 % 50) * 1_000_000),
                outcome: Set(outcome.into()),
                amount_ore: Set((outcome != "avslagen").then_some(5_000_000)),
                body: Set("Socialnämnden".into()),
                meeting_id: Set(Uuid::now_v7()),
                meeting_on: Set(meeting_on),
                paragraph: Set(1 + (n % 40) as i32),
                justered_on: Set(meeting_on + chrono::Duration::days(7)),
                year: Set(meeting_on.year()),
                decision_text: Set("Socialnämnden beslutar enligt förslaget.".into()),
                motivation: Set("Verksamheten uppfyller kriterierna.".into()),
                published_at: Set(Utc::now()),
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        public_decision::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&app.db)
            .await
            .expect("generated decisions");
    }
}

/// Sequential GETs of `paths`, each a cache miss; the latencies in ms, sorted.
async fn render_times(app: &TestApp, paths: &[String]) -> Vec<f64> {
    let mut times = Vec::new();
    for path in paths {
        let started = Instant::now();
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let body = response.bytes().await.unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(!body.is_empty());
    }
    times.sort_by(f64::total_cmp);
    times
}

struct Nginx {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx serving `files` (`name`, plain bytes, gzip bytes) with `gzip_static on`.
fn nginx(files: &[(String, Vec<u8>, Vec<u8>)]) -> Nginx {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    std::fs::create_dir_all(&www).unwrap();
    for (name, plain, gzip) in files {
        std::fs::write(www.join(name), plain).unwrap();
        std::fs::write(www.join(format!("{name}.gz")), gzip).unwrap();
    }
    let port = portal_tests::free_port();
    // As root, nginx's workers would run as nobody and could not read the temp folder.
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let config = format!(
        "{user}worker_processes auto;\ndaemon off;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n  access_log off;\n  default_type text/html;\n  gzip_static on;\n\
           client_body_temp_path {dir}/body;\n  proxy_temp_path {dir}/proxy;\n  fastcgi_temp_path {dir}/fastcgi;\n\
           uwsgi_temp_path {dir}/uwsgi;\n  scgi_temp_path {dir}/scgi;\n\
           server {{ listen 127.0.0.1:{port}; root {www}; location / {{ }} }}\n}}\n",
        user = if root_user { "user root;\n" } else { "" },
        dir = dir.path().display(),
        www = www.display(),
    );
    let conf = dir.path().join("nginx.conf");
    std::fs::write(&conf, config).unwrap();
    let child = Command::new(nginx_binary())
        .arg("-p")
        .arg(dir.path())
        .arg("-e")
        .arg(dir.path().join("error.log"))
        .arg("-c")
        .arg(&conf)
        .stdout(Stdio::null())
        .spawn()
        .expect("nginx (Debian's package; `make bench` installs it)");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nginx did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx {
        child,
        port,
        _dir: dir,
    }
}

fn nginx_binary() -> &'static str {
    if Path::new("/usr/sbin/nginx").exists() {
        "/usr/sbin/nginx"
    } else {
        "nginx"
    }
}

async fn fetch(client: &reqwest::Client, url: &str, gzip: bool) -> Vec<u8> {
    let mut request = client.get(url);
    if gzip {
        request = request.header("accept-encoding", "gzip");
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    response.bytes().await.unwrap().to_vec()
}

#[tokio::main]
async fn main() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let backend = match Backend::current() {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    let started = Instant::now();
    generate(&app).await;
    println!(
        "public pages on {backend}: {MINUTES} minutes and {DECISIONS} decisions generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // 1. Rendering, cache missed on purpose.
    let searches: Vec<String> = (0..RUNS)
        .map(|n| {
            format!(
                "/gemensam-utvecklingsgrupp/minnesanteckningar?sok={}&n={n}",
                portal_tests::encode(WORDS[n % WORDS.len()])
            )
        })
        .collect();
    let lists: Vec<String> = (0..RUNS)
        .map(|n| format!("/beslut?sida={}", n % 40 + 1))
        .collect();
    let search = render_times(&app, &searches).await;
    let list = render_times(&app, &lists).await;
    // A page with one text from the database, for scale: what the layout alone costs.
    let plain: Vec<String> = (0..RUNS).map(|n| format!("/kontakt?n={n}")).collect();
    let shell = render_times(&app, &plain).await;
    println!(
        "\n{:<36} {:>9} {:>9}  (target: median < 20 ms)",
        "rendered (cache missed)", "median", "p99"
    );
    for (name, times) in [
        ("minutes search", &search),
        ("decisions list", &list),
        ("contact page (one text, for scale)", &shell),
    ] {
        println!(
            "{name:<36} {:>6.1} ms {:>6.1} ms",
            percentile(times, 0.5),
            percentile(times, 0.99)
        );
    }

    // 2. Throughput against nginx with the same bytes.
    let client = reqwest::Client::new();
    let pages = [
        ("start page", "/".to_owned()),
        (
            "a minutes page",
            "/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27".to_owned(),
        ),
        (
            "minutes search",
            "/gemensam-utvecklingsgrupp/minnesanteckningar?sok=lokal".to_owned(),
        ),
        ("decisions list", "/beslut".to_owned()),
    ];
    let mut files = Vec::new();
    for (i, (_, path)) in pages.iter().enumerate() {
        let url = format!("{}{path}", app.address);
        let plain = fetch(&client, &url, false).await;
        let gzip = fetch(&client, &url, true).await;
        files.push((format!("page{i}"), plain, gzip));
    }
    let limit = nginx(&files);
    println!(
        "\n{:<20} {:>12} {:>8} {:>8} {:>14} {:>7}  (target: ratio ≥ 0.50)",
        "wrk, 50 connections", "portal req/s", "p50", "p99", "nginx req/s", "ratio"
    );
    let mut throughput = Vec::new();
    for (i, (name, path)) in pages.iter().enumerate() {
        let ours = wrk(&format!("{}{path}", app.address), 50, 5, &[]);
        let static_limit = wrk(
            &format!("http://127.0.0.1:{}/page{i}", limit.port),
            50,
            5,
            &[],
        );
        let ratio = ours.requests_per_s / static_limit.requests_per_s;
        println!(
            "{name:<20} {:>12.0} {:>5.1} ms {:>5.1} ms {:>14.0} {:>7.2}",
            ours.requests_per_s, ours.p50_ms, ours.p99_ms, static_limit.requests_per_s, ratio
        );
        throughput.push(serde_json::json!({
            "page": name, "path": path,
            "requests_per_s": ours.requests_per_s.round(), "p50_ms": ours.p50_ms, "p99_ms": ours.p99_ms,
            "nginx_requests_per_s": static_limit.requests_per_s.round(), "ratio": (ratio * 100.0).round() / 100.0,
        }));
    }
    drop(limit);

    // 3. A first visit's transfer, compressed as the server sends it.
    let mut transfer = serde_json::Map::new();
    let mut total = 0usize;
    for (name, path) in [
        ("page (start)", "/"),
        ("css", "/pkg/portal.css"),
        ("js", "/pkg/portal.js"),
        ("wasm", "/pkg/portal_bg.wasm"),
    ] {
        let raw = fetch(&client, &format!("{}{path}", app.address), false)
            .await
            .len();
        let sent = fetch(&client, &format!("{}{path}", app.address), true)
            .await
            .len();
        total += sent;
        transfer.insert(
            name.into(),
            serde_json::json!({ "raw_bytes": raw, "gzip_bytes": sent }),
        );
    }
    println!(
        "\na first visit transfers {:.0} kB compressed (target: < 250 kB): {}",
        total as f64 / 1024.0,
        serde_json::Value::Object(transfer.clone())
    );

    let results = serde_json::json!({
        "backend": backend,
        "minutes": MINUTES,
        "decisions": DECISIONS,
        "rendered": {
            "minutes_search": { "median_ms": percentile(&search, 0.5), "p99_ms": percentile(&search, 0.99) },
            "decisions_list": { "median_ms": percentile(&list, 0.5), "p99_ms": percentile(&list, 0.99) },
        },
        "throughput": throughput,
        "first_visit_transfer": { "total_bytes": total, "parts": transfer },
    });
    portal_tests::bench::write_result("public", true, &results);
}
