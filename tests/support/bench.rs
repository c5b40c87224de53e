//! What the `make bench` programs share: the load generator (`wrk`), percentiles, and
//! the result files under `bench/results/` that the summary (`bench/summary.rs`) reads
//! into `bench/results/latest.json` and the table the README shows.
use std::{path::PathBuf, process::Command};

use crate::Backend;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The value at `p` (0–1) of ascending `sorted` samples; NaN when there are none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Median and p99 of `samples` (milliseconds), as JSON.
pub fn latency(mut samples: Vec<f64>) -> serde_json::Value {
    samples.sort_by(f64::total_cmp);
    serde_json::json!({
        "samples": samples.len(),
        "p50_ms": round(percentile(&samples, 0.5)),
        "p99_ms": round(percentile(&samples, 0.99)),
        "max_ms": round(samples.last().copied().unwrap_or(f64::NAN)),
    })
}

/// `x` to one decimal.
pub fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// What one `wrk` run measured.
#[derive(Clone, Copy, Debug)]
pub struct Wrk {
    pub requests_per_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl Wrk {
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "requests_per_s": self.requests_per_s.round(),
            "p50_ms": self.p50_ms,
            "p99_ms": self.p99_ms,
        })
    }
}

/// `wrk` (Debian's) against `url` for `seconds` with `connections` connections on two
/// threads, `Accept-Encoding: gzip` and the `headers` ("Name: value"). Panics when any
/// answer is not 2xx: a figure of error pages would be worthless.
pub fn wrk(url: &str, connections: usize, seconds: u32, headers: &[&str]) -> Wrk {
    let mut command = Command::new("wrk");
    command.args([
        "-t2",
        &format!("-c{connections}"),
        &format!("-d{seconds}s"),
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
    ]);
    for header in headers {
        command.args(["-H", header]);
    }
    let output = command
        .arg(url)
        .output()
        .expect("wrk (Debian's package; `make bench` installs it)");
    let text = String::from_utf8_lossy(&output.stdout);
    let number_after = |label: &str| -> f64 {
        text.lines()
            .find(|line| line.trim_start().starts_with(label))
            .and_then(|line| line.split_whitespace().nth(1))
            .map(|value| {
                let (digits, unit): (String, String) =
                    value.chars().partition(|c| c.is_ascii_digit() || *c == '.');
                let n: f64 = digits.parse().unwrap_or(f64::NAN);
                match unit.as_str() {
                    "us" => n / 1000.0,
                    "s" => n * 1000.0,
                    _ => n,
                }
            })
            .unwrap_or(f64::NAN)
    };
    let non_2xx = text.lines().any(|l| l.contains("Non-2xx"));
    assert!(!non_2xx, "{url} answered errors under load:\n{text}");
    Wrk {
        requests_per_s: text
            .lines()
            .find(|l| l.starts_with("Requests/sec:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN),
        p50_ms: number_after("50%"),
        p99_ms: number_after("99%"),
    }
}

/// "SQLite" or "PostgreSQL".
pub fn backend_name() -> &'static str {
    match Backend::current() {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    }
}

/// Writes `bench/results/<name>.json`, or `<name>-postgres.json` on PostgreSQL when
/// `per_backend`.
pub fn write_result(name: &str, per_backend: bool, value: &serde_json::Value) {
    let dir = root().join("bench/results");
    std::fs::create_dir_all(&dir).unwrap();
    let file = if per_backend && Backend::current() == Backend::Postgres {
        format!("{name}-postgres.json")
    } else {
        format!("{name}.json")
    };
    std::fs::write(
        dir.join(&file),
        serde_json::to_string_pretty(value).unwrap() + "\n",
    )
    .unwrap();
    println!("written to bench/results/{file}");
}

/// What [`users`] measured.
#[derive(Clone, Debug)]
pub struct Users {
    pub users: usize,
    pub requests: usize,
    pub requests_per_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Users {
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "users": self.users,
            "requests": self.requests,
            "requests_per_s": round(self.requests_per_s),
            "p50_ms": round(self.p50_ms),
            "p99_ms": round(self.p99_ms),
            "max_ms": round(self.max_ms),
        })
    }
}

/// `users` people working at once for `seconds`: each asks for the next of `urls` (in
/// turn, starting at a different one), reads the whole answer, and asks again
/// `think_ms` after it asked last (at once when the answer took longer). Unlike `wrk`,
/// whose connections ask again the moment an answer arrives, this is how officers use a
/// queue: the latency is what each of them waits, not the length of a line of requests
/// that never thins. Panics on any answer that is not 2xx.
pub async fn users(
    urls: &[String],
    cookie: &str,
    users: usize,
    think_ms: u64,
    seconds: u64,
) -> Users {
    use std::time::{Duration, Instant};
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(users)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for user in 0..users {
        let client = client.clone();
        let urls = urls.to_vec();
        let cookie = cookie.to_owned();
        tasks.spawn(async move {
            // Spread the first requests over one think time.
            tokio::time::sleep(Duration::from_millis(think_ms * user as u64 / users as u64)).await;
            let mut samples = Vec::new();
            let mut turn = user;
            while Instant::now() < until {
                let asked = Instant::now();
                let response = client
                    .get(&urls[turn % urls.len()])
                    .header("cookie", &cookie)
                    .header("accept-encoding", "gzip")
                    .send()
                    .await
                    .expect("the server answers");
                let status = response.status();
                response.bytes().await.expect("the whole answer");
                assert!(
                    status.is_success(),
                    "{} answered {status}",
                    urls[turn % urls.len()]
                );
                samples.push(asked.elapsed().as_secs_f64() * 1000.0);
                turn += 1;
                let next = asked + Duration::from_millis(think_ms);
                tokio::time::sleep_until(next.into()).await;
            }
            samples
        });
    }
    let mut samples = Vec::new();
    while let Some(done) = tasks.join_next().await {
        samples.extend(done.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    samples.sort_by(f64::total_cmp);
    Users {
        users,
        requests: samples.len(),
        requests_per_s: samples.len() as f64 / elapsed,
        p50_ms: percentile(&samples, 0.5),
        p99_ms: percentile(&samples, 0.99),
        max_ms: samples.last().copied().unwrap_or(f64::NAN),
    }
}
