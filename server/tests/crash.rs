//! At-least-once delivery across a crash: the server is killed (SIGKILL) while the SMTP
//! server holds its mail, and started again; the mail is delivered, and if twice, then
//! with the same Message-ID.
use std::{
    collections::HashSet,
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use app::backend::{entities::app_user, password};
use sea_orm::{ActiveValue::Set, Database, EntityTrait};

const PASSWORD: &str = "en lång och ovanlig fras";

fn server(data: &Path, smtp_port: u16) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    for variable in ["DATABASE_URL", "PORTAL_DEMO", "PORTAL_PUBLIC_URL"] {
        command.env_remove(variable);
    }
    command
        .env("PORTAL_DATA_DIR", data)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
        .env("PORTAL_OUTBOX_LEASE_MS", "1500")
        .env("PORTAL_OUTBOX_BACKOFF_MS", "100")
        .env("PORTAL_OUTBOX_POLL_MS", "200")
        .env("RUST_LOG", "warn");
    command
}

/// Starts `serve` and returns the child and its address.
fn start(data: &Path, smtp_port: u16) -> (Child, String) {
    let mut child = server(data, smtp_port)
        .arg("serve")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line.trim().rsplit("http://").next().unwrap().to_owned();
    (child, address)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(started.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn received(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("received.log"))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once(' ').map(|(_, id)| id.to_owned()))
        .collect()
}

#[test]
fn a_mail_in_flight_when_the_server_is_killed_is_delivered_after_restart_with_the_same_message_id()
{
    let data = tempfile::tempdir().unwrap();
    let status = server(data.path(), 1)
        .arg("migrate")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let db = Database::connect(format!(
            "sqlite://{}",
            data.path().join("portal.db").display()
        ))
        .await
        .unwrap();
        app_user::Entity::insert(app_user::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            email: Set("sara@example.se".into()),
            display_name: Set("Sara Lind".into()),
            title: Set(String::new()),
            phone: Set(String::new()),
            role: Set(app::domain::role::Role::Applicant),
            password_hash: Set(password::hash(PASSWORD).expose_for_storage().to_owned()),
            email_verified_at: Set(Some(chrono::Utc::now())),
            active: Set(true),
            created_at: Set(chrono::Utc::now()),
        })
        .exec_without_returning(&db)
        .await
        .unwrap();
        db.close().await.unwrap();
    });

    // The SMTP server keeps the first mail's DATA waiting for 5 s before it answers.
    let sink_dir = tempfile::tempdir().unwrap();
    let smtp_port = free_port();
    let python = std::env::var("PORTAL_SMTP_PYTHON").unwrap_or_else(|_| "python3".into());
    let sink_script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/smtp/sink.py");
    let mut sink = Command::new(python)
        .arg(sink_script)
        .args([
            "--port",
            &smtp_port.to_string(),
            "--delay-first",
            "5",
            "--out",
        ])
        .arg(sink_dir.path())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the SMTP server", Duration::from_secs(20), || {
        TcpStream::connect(("127.0.0.1", smtp_port)).is_ok()
    });

    let (mut first, address) = start(data.path(), smtp_port);
    // Signing in queues the "Ny inloggning" notice.
    let body = format!(
        "email=sara%40example.se&password={}",
        "en+l%C3%A5ng+och+ovanlig+fras"
    );
    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "POST /logga-in HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 303"), "{response}");

    wait_for("the mail to be in flight", Duration::from_secs(20), || {
        sink_dir.path().join("holding").exists()
    });
    first.kill().unwrap(); // SIGKILL: no shutdown, no cleanup.
    first.wait().unwrap();

    let (mut second, _) = start(data.path(), smtp_port);
    wait_for(
        "a delivery after the restart",
        Duration::from_secs(30),
        || received(sink_dir.path()).len() >= 2,
    );
    let ids = received(sink_dir.path());
    let unique: HashSet<_> = ids.iter().collect();
    assert_eq!(
        unique.len(),
        1,
        "a redelivery carries the same Message-ID: {ids:?}"
    );
    assert!(ids[0].starts_with('<') && ids[0].ends_with('>'), "{ids:?}");

    let _ = Command::new("kill")
        .args(["-TERM", &second.id().to_string()])
        .status();
    second.wait().unwrap();
    let _ = sink.kill();
    let _ = sink.wait();
}
