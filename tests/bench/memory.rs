//! `make bench`: the server's memory (resident set size, from `/proc`) at idle, after a
//! burst of 200 parallel sign-ins with wrong passwords for unknown addresses (the cheapest
//! way for anyone to make the server hash passwords), and after a load on public pages.
//! Target: under 150 MB at each point.
//!
//! It runs the release binary (`make build` first) as its own process with demo data, as
//! in production, and writes `bench/results/memory.json`.
use std::{
    collections::BTreeMap,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const SIGN_INS: usize = 200;
const PAGE_REQUESTS: usize = 4000;
const PAGE_CONCURRENCY: usize = 50;
const TARGET_MB: f64 = 150.0;

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
    _data: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_server(client: &reqwest::Client) -> Server {
    let binary = std::env::var("PORTAL_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target/release/server"));
    let data = tempfile::tempdir().unwrap();
    let port = portal_tests::free_port();
    let started = Instant::now();
    let child = Command::new(&binary)
        .arg("serve")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", root().join("target/site"))
        .env("PORTAL_DATA_DIR", data.path())
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
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    println!(
        "server ready {} ms after start (new database, demo data loaded)",
        started.elapsed().as_millis()
    );
    Server {
        child,
        url,
        _data: data,
    }
}

#[tokio::main]
async fn main() {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(PAGE_CONCURRENCY)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let server = start_server(&client).await;
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

    let json = serde_json::json!({
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
    let out = root().join("bench/results");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("memory.json"),
        serde_json::to_string_pretty(&json).unwrap(),
    )
    .unwrap();
    println!("written to bench/results/memory.json");
    let worst = [idle, after_burst, settled_burst, after_load]
        .into_iter()
        .fold(0.0, f64::max);
    if worst >= TARGET_MB {
        println!("TARGET MISSED: {worst:.0} MB ≥ {TARGET_MB:.0} MB");
    }
}
