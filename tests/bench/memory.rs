//! `make bench`: the server's memory (resident set size, from `/proc`) at idle, after a
//! burst of 200 parallel sign-ins with wrong passwords for unknown addresses (the cheapest
//! way for anyone to make the server hash passwords), and after a load on public pages.
//! Target: under 150 MB at each point.
//!
//! It runs the release binary (`make build` first) as its own process with demo data, as
//! in production. Last, it starts the binary again five times on the same data folder
//! and measures the cold start to ready (`/readyz` answers 200) with an existing
//! database. Target: under 1 s. Writes `bench/results/memory.json`.
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const SIGN_INS: usize = 200;
const PAGE_REQUESTS: usize = 4000;
const PAGE_CONCURRENCY: usize = 50;
const TARGET_MB: f64 = 150.0;
const COLD_STARTS: usize = 5;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Resident set size and its peak so far, in MB, from `/proc/<pid>/status`.
fn rss_mb(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|line| line.starts_with(name))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
            .unwrap_or(f64::NAN)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the release server on the data folder `data` and waits until `/readyz`
/// answers 200; returns it and how long that took, in milliseconds.
async fn start_server(client: &reqwest::Client, data: &Path) -> (Server, f64) {
    let binary = std::env::var("PORTAL_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target/release/server"));
    let port = portal_tests::free_port();
    let started = Instant::now();
    let child = Command::new(&binary)
        .arg("serve")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", root().join("target/site"))
        .env("PORTAL_DATA_DIR", data)
        .env("PORTAL_DEMO", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{} (run `make build` first): {e}", binary.display()));
    let url = format!("http://127.0.0.1:{port}");
    loop {
        if let Ok(response) = client.get(format!("{url}/readyz")).send().await {
            if response.status().is_success() {
                break;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    (
        Server { child, url },
        started.elapsed().as_secs_f64() * 1000.0,
    )
}

#[tokio::main]
async fn main() {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(PAGE_CONCURRENCY)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let (server, first_start_ms) = start_server(&client, data.path()).await;
    println!("server ready {first_start_ms:.0} ms after start (new database, demo data loaded)");
    let pid = server.child.id();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (idle, _) = rss_mb(pid);

    // A burst of sign-ins, all at once.
    let started = Instant::now();
    let mut statuses = BTreeMap::<u16, usize>::new();
    for (status, _) in portal_tests::sign_in_burst(&client, &server.url, SIGN_INS).await {
        *statuses.entry(status).or_default() += 1;
    }
    let burst_seconds = started.elapsed().as_secs_f64();
    let (after_burst, peak_burst) = rss_mb(pid);
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (settled_burst, _) = rss_mb(pid);

    // Public pages under load.
    let started = Instant::now();
    let mut load = tokio::task::JoinSet::new();
    for worker in 0..PAGE_CONCURRENCY {
        let client = client.clone();
        let base = server.url.clone();
        load.spawn(async move {
            let mut failures = 0;
            for i in 0..PAGE_REQUESTS / PAGE_CONCURRENCY {
                let path = [
                    "/",
                    "/soka-bidrag",
                    "/gemensam-utvecklingsgrupp",
                    "/logga-in",
                ][(worker + i) % 4];
                match client
                    .get(format!("{base}{path}"))
                    .header("accept-encoding", "gzip")
                    .send()
                    .await
                {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                    }
                    _ => failures += 1,
                }
            }
            failures
        });
    }
    let mut failures = 0;
    while let Some(count) = load.join_next().await {
        failures += count.unwrap();
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let (after_load, peak) = rss_mb(pid);

    println!();
    println!("| point | RSS (MB) | target |");
    println!("| --- | ---: | --- |");
    println!("| idle, demo data loaded | {idle:.0} | < {TARGET_MB:.0} |");
    println!("| right after {SIGN_INS} parallel sign-ins ({burst_seconds:.1} s; answers {statuses:?}) | {after_burst:.0} | < {TARGET_MB:.0} |");
    println!("| 5 s after the burst | {settled_burst:.0} | < {TARGET_MB:.0} |");
    println!("| after {PAGE_REQUESTS} public page requests, {PAGE_CONCURRENCY} at a time ({:.0} req/s, {failures} failures) | {after_load:.0} | < {TARGET_MB:.0} |", PAGE_REQUESTS as f64 / load_seconds);
    println!("| peak over the whole run (VmHWM) | {peak:.0} | |");
    println!("(peak during the burst: {peak_burst:.0} MB)");

    // Cold start with the database of this run: the process, the migrations (none left
    // to apply), the connection pool and the listener, until `/readyz` says yes.
    drop(server);
    let mut cold = Vec::new();
    for _ in 0..COLD_STARTS {
        let (again, ms) = start_server(&client, data.path()).await;
        cold.push(ms);
        drop(again);
    }
    cold.sort_by(f64::total_cmp);
    let cold_ms = cold[cold.len() / 2];
    println!(
        "cold start to ready with an existing database: median {cold_ms:.0} ms of {COLD_STARTS} (target < 1000 ms)"
    );

    let json = serde_json::json!({
        "cold_start_ms": { "existing_database_median": cold_ms.round(), "new_database_with_demo": first_start_ms.round(), "starts": COLD_STARTS },
        "rss_mb": {
            "idle": idle,
            "after_sign_in_burst": after_burst,
            "after_sign_in_burst_settled": settled_burst,
            "after_public_page_load": after_load,
            "peak": peak,
        },
        "sign_in_burst": { "attempts": SIGN_INS, "seconds": burst_seconds, "statuses": statuses },
        "public_pages": { "requests": PAGE_REQUESTS, "concurrency": PAGE_CONCURRENCY, "seconds": load_seconds, "failures": failures },
        "target_mb": TARGET_MB,
    });
    portal_tests::bench::write_result("memory", false, &json);
    let worst = [idle, after_burst, settled_burst, after_load]
        .into_iter()
        .fold(0.0, f64::max);
    if worst >= TARGET_MB {
        println!("TARGET MISSED: {worst:.0} MB ≥ {TARGET_MB:.0} MB");
    }
}
