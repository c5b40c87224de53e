//! `make bench` (summary, last): reads what the other benchmarks wrote under
//! `bench/results/`, prints one table with every figure beside its target, and writes
//! `bench/results/latest.json` (the figures, the targets, whether each was met, and the
//! machine). The README's table is this one.
use portal_tests::bench::root;
use serde_json::{json, Value};

/// One line of the table.
struct Row {
    what: String,
    backend: String,
    figure: String,
    target: String,
    met: Option<bool>,
    value: Value,
}

fn read(name: &str) -> Option<Value> {
    let text = std::fs::read_to_string(root().join("bench/results").join(name)).ok()?;
    serde_json::from_str(&text).ok()
}

fn num(value: &Value, path: &[&str]) -> f64 {
    let mut at = value;
    for key in path {
        at = &at[*key];
    }
    at.as_f64().unwrap_or(f64::NAN)
}

fn kb(bytes: f64) -> String {
    format!("{:.0} kB", bytes / 1024.0)
}

fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_default();
    let memory_gb = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| (kb / 1024.0 / 1024.0).round())
        .unwrap_or(f64::NAN);
    json!({
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "memory_gb": memory_gb,
    })
}

fn main() {
    let mut rows: Vec<Row> = Vec::new();

    for (file, backend) in [
        ("public.json", "SQLite"),
        ("public-postgres.json", "PostgreSQL"),
    ] {
        let Some(public) = read(file) else { continue };
        for page in public["throughput"].as_array().into_iter().flatten() {
            let ratio = num(page, &["ratio"]);
            rows.push(Row {
                what: format!(
                    "{} (wrk, 50 connections)",
                    page["page"].as_str().unwrap_or("")
                ),
                backend: backend.into(),
                figure: format!(
                    "{:.0} req/s, p50 {:.1} ms, p99 {:.1} ms; nginx {:.0} req/s: ratio {ratio:.2}",
                    num(page, &["requests_per_s"]),
                    num(page, &["p50_ms"]),
                    num(page, &["p99_ms"]),
                    num(page, &["nginx_requests_per_s"]),
                ),
                target: "ratio ≥ 0.50".into(),
                met: Some(ratio >= 0.5),
                value: page.clone(),
            });
        }
    }

    for (file, backend) in [
        ("queue.json", "SQLite"),
        ("queue-postgres.json", "PostgreSQL"),
    ] {
        let Some(queue) = read(file) else { continue };
        let inside = &queue["queue_in_process"];
        rows.push(Row {
            what: "queue, one filter + search, server side (100 000 cases)".into(),
            backend: backend.into(),
            figure: format!(
                "median {:.1} ms, p99 {:.1} ms",
                num(inside, &["p50_ms"]),
                num(inside, &["p99_ms"])
            ),
            target: "median < 30 ms, p99 < 100 ms".into(),
            met: Some(num(inside, &["p50_ms"]) < 30.0 && num(inside, &["p99_ms"]) < 100.0),
            value: inside.clone(),
        });
        for (key, what) in [
            (
                "queue_http_officers",
                "queue over HTTP, 50 officers at once",
            ),
            (
                "case_page_http_officers",
                "case page over HTTP, 50 officers at once",
            ),
        ] {
            let measured = &queue[key];
            let p99 = num(measured, &["p99_ms"]);
            rows.push(Row {
                what: what.into(),
                backend: backend.into(),
                figure: format!(
                    "{:.0} req/s, p50 {:.1} ms, p99 {p99:.1} ms",
                    num(measured, &["requests_per_s"]),
                    num(measured, &["p50_ms"]),
                ),
                target: "p99 < 100 ms".into(),
                met: Some(p99 < 100.0),
                value: measured.clone(),
            });
        }
        for (key, what) in [
            ("queue_wrk", "queue, wrk 50 connections (capacity)"),
            ("case_page_wrk", "case page, wrk 50 connections (capacity)"),
        ] {
            let measured = &queue[key];
            rows.push(Row {
                what: what.into(),
                backend: backend.into(),
                figure: format!(
                    "{:.0} req/s, p50 {:.1} ms, p99 {:.1} ms",
                    num(measured, &["requests_per_s"]),
                    num(measured, &["p50_ms"]),
                    num(measured, &["p99_ms"]),
                ),
                target: String::new(),
                met: None,
                value: measured.clone(),
            });
        }
        let seconds = num(&queue, &["bulk_assign", "seconds"]);
        rows.push(Row {
            what: format!(
                "bulk assign of {:.0} matching cases",
                num(&queue, &["bulk_assign", "cases"])
            ),
            backend: backend.into(),
            figure: format!("{seconds:.2} s"),
            target: "< 2 s".into(),
            met: Some(seconds < 2.0),
            value: queue["bulk_assign"].clone(),
        });
    }

    for (file, backend) in [
        ("applications.json", "SQLite"),
        ("applications-postgres.json", "PostgreSQL"),
    ] {
        let Some(applications) = read(file) else {
            continue;
        };
        let concurrent = &applications["submit_concurrent"];
        let p99 = num(concurrent, &["p99_ms"]);
        rows.push(Row {
            what: "submit (3 × 1 MB documents, 20 budget lines), 20 people at once".into(),
            backend: backend.into(),
            figure: format!(
                "p50 {:.1} ms, p99 {p99:.1} ms",
                num(concurrent, &["p50_ms"])
            ),
            target: "p99 < 200 ms".into(),
            met: Some(p99 < 200.0),
            value: concurrent.clone(),
        });
        let autosave = &applications["autosave"];
        let p50 = num(autosave, &["p50_ms"]);
        rows.push(Row {
            what: "autosave of a full budget step".into(),
            backend: backend.into(),
            figure: format!("p50 {p50:.1} ms, p99 {:.1} ms", num(autosave, &["p99_ms"])),
            target: "median < 20 ms".into(),
            met: Some(p50 < 20.0),
            value: autosave.clone(),
        });
    }

    let memory = read("memory.json");
    if let Some(memory) = &memory {
        for (key, what) in [
            ("idle", "server RSS at idle (demo data)"),
            (
                "after_sign_in_burst",
                "server RSS after 200 parallel sign-ins",
            ),
            (
                "after_public_page_load",
                "server RSS after public-page load",
            ),
            ("peak", "server RSS peak (VmHWM)"),
        ] {
            let mb = num(memory, &["rss_mb", key]);
            rows.push(Row {
                what: what.into(),
                backend: "SQLite".into(),
                figure: format!("{mb:.0} MB"),
                target: "< 150 MB".into(),
                met: Some(mb < 150.0),
                value: json!(mb),
            });
        }
        let cold = num(memory, &["cold_start_ms", "existing_database_median"]);
        rows.push(Row {
            what: "cold start to ready, existing database (release binary)".into(),
            backend: "SQLite".into(),
            figure: format!("{cold:.0} ms"),
            target: "< 1 000 ms".into(),
            met: Some(cold < 1000.0),
            value: memory["cold_start_ms"].clone(),
        });
    }

    if let Some(outbox) = read("outbox.json") {
        let p99 = num(&outbox, &["latency_at_idle", "p99_ms"]);
        rows.push(Row {
            what: "mail, commit → accepted by SMTP, at idle".into(),
            backend: "SQLite".into(),
            figure: format!(
                "p50 {:.0} ms, p99 {p99:.0} ms",
                num(&outbox, &["latency_at_idle", "p50_ms"])
            ),
            target: "p99 < 1 000 ms".into(),
            met: Some(p99 < 1000.0),
            value: outbox["latency_at_idle"].clone(),
        });
        let rate = num(&outbox, &["drain", "mails_per_s"]);
        rows.push(Row {
            what: "mail, draining 10 000 queued".into(),
            backend: "SQLite".into(),
            figure: format!("{rate:.0} mails/s"),
            target: "≥ 300 mails/s".into(),
            met: Some(rate >= 300.0),
            value: outbox["drain"].clone(),
        });
    }

    if let Some(report) = read("report.json") {
        for (what, measured) in report.as_object().into_iter().flatten() {
            let p50 = num(measured, &["p50_ms"]);
            rows.push(Row {
                what: format!("{what} PDF of the OFU seed case"),
                backend: "SQLite".into(),
                figure: format!(
                    "p50 {p50:.0} ms, p99 {:.0} ms (first {:.0} ms)",
                    num(measured, &["p99_ms"]),
                    num(measured, &["first_ms"])
                ),
                target: "< 500 ms".into(),
                met: Some(p50 < 500.0),
                value: measured.clone(),
            });
        }
    }

    let assets = read("public.json").map(|p| p["first_visit_transfer"].clone());
    if let Some(assets) = &assets {
        for (name, part) in assets["parts"].as_object().into_iter().flatten() {
            rows.push(Row {
                what: format!("size: {name}"),
                backend: String::new(),
                figure: format!(
                    "{} raw, {} gzip",
                    kb(num(part, &["raw_bytes"])),
                    kb(num(part, &["gzip_bytes"]))
                ),
                target: String::new(),
                met: None,
                value: part.clone(),
            });
        }
        let total = num(assets, &["total_bytes"]);
        rows.push(Row {
            what: "a first visit transfers (page, CSS, JS, WASM, gzip)".into(),
            backend: String::new(),
            figure: kb(total),
            target: "< 250 kB".into(),
            met: Some(total < 250.0 * 1024.0),
            value: json!(total),
        });
    }

    println!("| measured | database | figure | target | met |");
    println!("| --- | --- | --- | --- | --- |");
    for row in &rows {
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        println!(
            "| {} | {} | {} | {} | {met} |",
            row.what, row.backend, row.figure, row.target
        );
    }
    let missed: Vec<&Row> = rows.iter().filter(|r| r.met == Some(false)).collect();
    println!(
        "\n{} figures, {} with a target, {} missed",
        rows.len(),
        rows.iter().filter(|r| r.met.is_some()).count(),
        missed.len()
    );

    let latest = json!({
        "generated_at": chrono::Utc::now().to_rfc3339(),
        "machine": machine(),
        "rows": rows.iter().map(|r| json!({
            "measured": r.what,
            "database": r.backend,
            "figure": r.figure,
            "target": r.target,
            "met": r.met,
            "value": r.value,
        })).collect::<Vec<_>>(),
        "missed": missed.iter().map(|r| format!("{} ({}): {} (target {})", r.what, r.backend, r.figure, r.target)).collect::<Vec<_>>(),
    });
    portal_tests::bench::write_result("latest", false, &latest);
}
