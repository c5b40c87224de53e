//! Faults: the database becoming unreachable (its port closed, through a TCP proxy the
//! test controls) gives Swedish 503 pages within a bounded time, not hangs, and the
//! portal recovers by itself when the port opens again. PostgreSQL only: SQLite is a
//! file inside the server's own process.
use std::time::{Duration, Instant};

use portal_tests::{spawn_app_with, Backend};
use tokio::{net::TcpListener, sync::watch};

/// A TCP proxy to PostgreSQL that can be closed (every connection cut, new ones
/// refused at once) and opened again.
struct Proxy {
    port: u16,
    open: watch::Sender<bool>,
}

impl Proxy {
    async fn start(target: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (open, watching) = watch::channel(true);
        tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else {
                    continue;
                };
                if !*watching.borrow() {
                    drop(inbound);
                    continue;
                }
                let mut closed = watching.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = closed.wait_for(|open| !*open) => {}
                    }
                });
            }
        });
        Self { port, open }
    }

    fn set(&self, open: bool) {
        self.open.send_replace(open);
    }
}

#[tokio::test]
async fn an_unreachable_database_gives_a_swedish_503_at_once_and_the_portal_recovers() {
    if Backend::current() != Backend::Postgres {
        return;
    }
    let proxy = Proxy::start("127.0.0.1:5432").await;
    let port = proxy.port;
    let app = spawn_app_with(move |settings| {
        let url = settings
            .database_url
            .expose()
            .replace(":5432/", &format!(":{port}/"));
        settings.database_url = server::settings::Secret::new(url);
    })
    .await;
    // A page that needs the database: the officers' start page sends a visitor to sign in.
    let page = "/handlaggning";
    assert_eq!(app.get(page).await.status(), 303);

    proxy.set(false);
    let cut = Instant::now();
    let unavailable = loop {
        let asked = Instant::now();
        let response = app.get(page).await;
        assert!(
            asked.elapsed() < Duration::from_secs(15),
            "an answer took {:?}",
            asked.elapsed()
        );
        if response.status() == 503 {
            break response;
        }
        assert!(cut.elapsed() < Duration::from_secs(20), "no 503 after 20 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    println!("503 after the port closed: {:?}", cut.elapsed());
    assert_eq!(unavailable.headers()["retry-after"], "30");
    let body = unavailable.text().await.unwrap();
    assert!(
        body.contains("Tjänsten är tillfälligt otillgänglig"),
        "{body}"
    );
    assert!(body.contains("lang=\"sv\""));
    // Once known, the answer is immediate.
    let asked = Instant::now();
    assert_eq!(app.get("/mina-sidor").await.status(), 503);
    assert!(asked.elapsed() < Duration::from_secs(1));
    // What needs no database still answers.
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 503);

    proxy.set(true);
    let opened = Instant::now();
    while app.get(page).await.status() != 303 {
        assert!(
            opened.elapsed() < Duration::from_secs(30),
            "not recovered after 30 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!("recovered after the port opened: {:?}", opened.elapsed());
    assert_eq!(app.get("/readyz").await.status(), 200);
}

/// A valid organisation number for `n` (Luhn check digit), 802… like non-profits'.
fn org_number(n: usize) -> String {
    let digits: Vec<u32> = format!("80{n:07}")
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { *d };
            v / 10 + v % 10
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    let text: String = digits
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap())
        .collect();
    format!("{}-{}{check}", &text[..6], &text[6..])
}

/// The debug server binary beside this test binary (`cargo test` builds it).
fn server_binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().join("server")
}

/// Starts the server binary on `data` (its SQLite database and documents) and returns it
/// with its address once it listens.
fn start_server(data: &std::path::Path) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut command = std::process::Command::new(server_binary());
    for variable in [
        "DATABASE_URL",
        "PORTAL_DEMO",
        "PORTAL_PUBLIC_URL",
        "SMTP_URL",
        "PORTAL_STORAGE_URL",
    ] {
        command.env_remove(variable);
    }
    let mut child = command
        .env("PORTAL_DATA_DIR", data)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "error")
        .arg("serve")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the server binary (cargo test builds it)");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line.trim().rsplit("http://").next().unwrap().to_owned();
    (child, format!("http://{address}"))
}

/// Every file under `dir`, as storage keys (`2026/…`).
fn stored_files(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn submissions_cut_by_a_sigkill_exist_exactly_once_with_their_documents_or_not_at_all() {
    use app::backend::entities::{application, attachment};
    use app::features::applications::{commands, step, Status};
    use portal_tests::{create_user, fixtures};
    use sea_orm::{ConnectionTrait, EntityTrait};
    use sha2::{Digest, Sha256};

    if Backend::current() != Backend::Sqlite {
        return;
    }
    const DRAFTS: usize = 200;
    const PASSWORD: &str = "ett långt lösenord";
    // The portal in this process only prepares the drafts; its worker stays off so the
    // server binary started below is the only one acting on the database.
    let app = spawn_app_with(|s| s.worker.in_process = false).await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;
    let ctx = app.ctx();
    let mut drafts = Vec::with_capacity(DRAFTS);
    for n in 0..DRAFTS {
        let association = fixtures::association_with_owner(&app.db, &org_number(n), owner).await;
        fixtures::verified_representative(&app.db, association, owner).await;
        let id = commands::start(&ctx, owner, association, super::applications::TIME_LIMITED)
            .await
            .unwrap();
        for kind in ["stadgar", "verksamhetsberattelse", "budget"] {
            let content = format!("%PDF-1.4\n% {kind} {n}\n%%EOF\n").into_bytes();
            let name = format!("{kind}.pdf");
            let uploaded = app
                .post_multipart_as(
                    &cookie,
                    &format!("/ansokningar/{id}/bilagor"),
                    &[
                        ("document_type", None, kind.as_bytes()),
                        ("document", Some(name.as_str()), content.as_slice()),
                    ],
                )
                .await;
            assert_eq!(uploaded.status(), 303, "{kind} {n}");
        }
        for (slug, pairs) in super::applications::seed_steps() {
            let row = application::Entity::find_by_id(id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            let form: std::collections::HashMap<String, String> = pairs.into_iter().collect();
            commands::save_step(
                &ctx,
                owner,
                id,
                row.revision,
                step(slug).unwrap(),
                &form,
                commands::Action::Save,
            )
            .await
            .unwrap();
        }
        drafts.push(id);
    }

    // The real server, killed with SIGKILL while 200 submissions are in flight.
    let data = app.data_dir();
    let (mut server, address) = start_server(&data);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let kill_after = 20 + (seed as usize % 140);
    println!("SIGKILL after {kill_after} answers (seed {seed})");
    let answered = std::sync::Arc::new(tokio::sync::Semaphore::new(0));
    let mut tasks = Vec::with_capacity(DRAFTS);
    for id in &drafts {
        let (client, address, cookie, answered, id) = (
            client.clone(),
            address.clone(),
            cookie.clone(),
            answered.clone(),
            *id,
        );
        tasks.push(tokio::spawn(async move {
            let sent = client
                .post(format!("{address}/ansokningar/{id}/skicka-in"))
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(format!("submit_key={}", id.simple()))
                .send()
                .await;
            answered.add_permits(1);
            (id, sent.ok().map(|r| r.status().as_u16()))
        }));
    }
    let _ = answered.acquire_many(kill_after as u32).await.unwrap();
    server.kill().unwrap();
    server.wait().unwrap();
    let mut succeeded = Vec::new();
    for task in tasks {
        let (id, status) = task.await.unwrap();
        if status == Some(303) {
            succeeded.push(id);
        }
        assert_ne!(status.map(|s| s >= 500), Some(true), "{id}: {status:?}");
    }
    assert!(
        succeeded.len() >= kill_after.min(DRAFTS) / 2,
        "{} succeeded",
        succeeded.len()
    );

    // Started again: every submission that was answered with success is there with its
    // Dnr; none is half-done; the Dnrs run without a gap or a double.
    let (mut server, address) = start_server(&data);
    let rows = application::Entity::find().all(&app.db).await.unwrap();
    for id in &succeeded {
        let row = rows.iter().find(|r| r.id == *id).unwrap();
        assert_eq!(row.status, Status::Submitted, "{id}");
    }
    for row in &rows {
        assert_eq!(
            row.dnr.is_some(),
            row.status == Status::Submitted,
            "{} is half submitted: {:?} {:?}",
            row.id,
            row.status,
            row.dnr
        );
    }
    // The rest are sent in after the restart, once each.
    for id in &drafts {
        let sent = client
            .post(format!("{address}/ansokningar/{id}/skicka-in"))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(format!("submit_key={}", id.simple()))
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), 303, "{id}");
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let rows = application::Entity::find().all(&app.db).await.unwrap();
    let mut numbers: Vec<u32> = rows
        .iter()
        .map(|r| {
            r.dnr
                .as_deref()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=DRAFTS as u32).collect::<Vec<_>>(),
        "Dnrs without gaps or doubles"
    );

    // Every document byte for byte, and none without its row.
    let store = data.join("attachments");
    // (The fixtures' proofs of representation are rows without files.)
    let documents: Vec<attachment::Model> = attachment::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.application_id.is_some())
        .collect();
    assert_eq!(documents.len(), DRAFTS * 3);
    for document in &documents {
        let bytes = std::fs::read(store.join(&document.storage_key)).unwrap();
        assert_eq!(format!("{:x}", Sha256::digest(&bytes)), document.sha256);
    }
    let mut named: Vec<String> = documents.iter().map(|d| d.storage_key.clone()).collect();
    named.sort();
    named.dedup();
    assert_eq!(stored_files(&store), named, "no orphan files");
    assert_eq!(named.len(), DRAFTS * 3);
    let check = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(check.try_get_by_index::<String>(0).unwrap(), "ok");
}
