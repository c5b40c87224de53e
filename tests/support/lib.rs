//! The integration-test harness: [`spawn_app`] starts the real application on a free
//! port with a fresh database: a new SQLite file, or with `PORTAL_TEST_BACKEND=postgres`
//! a new PostgreSQL database on `TEST_DATABASE_URL` (default the local server's `test`).
use std::{
    future::Future,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

use app::backend::{outbox::OutboxSignal, password};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::{
    settings::{DatabaseKind, Secret, Settings},
    startup::Application,
};
use tokio::sync::oneshot;

pub mod bench;

/// The database the suite runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `PORTAL_TEST_BACKEND`: `sqlite` (default) or `postgres`.
    pub fn current() -> Self {
        match std::env::var("PORTAL_TEST_BACKEND").as_deref() {
            Ok("postgres") => Backend::Postgres,
            Ok("sqlite") | Err(_) => Backend::Sqlite,
            Ok(other) => panic!("PORTAL_TEST_BACKEND={other:?}: use sqlite or postgres"),
        }
    }
}

fn postgres_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// One running application and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// Follows no redirects and keeps no cookies, so tests see each response as it is.
    pub client: reqwest::Client,
    /// The application's own database, for asserting what was stored.
    pub db: DatabaseConnection,
    pub settings: Settings,
    /// Wakes the application's worker, as a request handler does after its commit.
    pub signal: OutboxSignal,
    data_dir: tempfile::TempDir,
    postgres_database: Option<String>,
    shutdown: Option<oneshot::Sender<()>>,
}

/// Starts the application with the test defaults.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the application after `configure` has adjusted the settings.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let data_dir = tempfile::tempdir().expect("a temporary data folder");
    let mut settings = Settings::from_lookup(|_| None).expect("the default settings are valid");
    settings.site_addr = "127.0.0.1:0".parse().unwrap();
    settings.data_dir = data_dir.path().to_path_buf();
    settings.storage =
        server::settings::StorageSettings::Local(data_dir.path().join("attachments"));
    settings.site_root = site_root();

    let mut postgres_database = None;
    match Backend::current() {
        Backend::Sqlite => {
            let path = data_dir.path().join("portal.db");
            settings.database_url = Secret::new(format!("sqlite://{}?mode=rwc", path.display()));
            settings.database_kind = DatabaseKind::Sqlite;
        }
        Backend::Postgres => {
            let name = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
            let admin_url = postgres_admin_url();
            let admin = Database::connect(&admin_url)
                .await
                .expect("PostgreSQL is reachable at TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("a fresh test database");
            admin.close().await.ok();
            settings.database_url = Secret::new(replace_database_name(&admin_url, &name));
            settings.database_kind = DatabaseKind::Postgres;
            postgres_database = Some(name);
        }
    }
    configure(&mut settings);

    let application = Application::build(settings.clone())
        .await
        .expect("the application starts");
    let address = format!("http://{}", application.local_addr());
    let db = application.state().db.clone();
    // The effective settings: the public address now names the port actually bound.
    let settings = (*application.state().settings).clone();
    let signal = application.state().outbox_signal.clone();
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(application.run_until(async {
        let _ = stopped.await;
    }));

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // No test may hang CI: a request that never answers fails the test instead.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        db,
        settings,
        signal,
        data_dir,
        postgres_database,
        shutdown: Some(shutdown),
    }
}

impl TestApp {
    /// `GET path`, as a browser without JavaScript would.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header("accept", "text/html")
            .send()
            .await
            .expect("the server answers")
    }

    /// Signs in through the real form and returns the `Cookie` header to send after.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let response = self
            .client
            .post(format!("{}/logga-in", self.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "email={}&password={}",
                encode(email),
                encode(password)
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "signing in as {email}");
        let cookie = response.headers()["set-cookie"].to_str().unwrap();
        cookie.split(';').next().unwrap().to_owned()
    }

    /// `GET path` with a session cookie.
    pub async fn get_as(&self, cookie: &str, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header("accept", "text/html")
            .header("cookie", cookie)
            .send()
            .await
            .expect("the server answers")
    }

    /// `POST path` as a same-origin form from a signed-in browser.
    pub async fn post_form_as(
        &self,
        cookie: Option<&str>,
        path: &str,
        body: &str,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}{path}", self.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(body.to_owned());
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.expect("the server answers")
    }

    /// `POST path` as a same-origin `multipart/form-data` form; `parts` are
    /// `(name, file name, content)`, with no file name for plain fields.
    pub async fn post_multipart_as(
        &self,
        cookie: &str,
        path: &str,
        parts: &[(&str, Option<&str>, &[u8])],
    ) -> reqwest::Response {
        let boundary = "----portal-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, file_name, content) in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file_name {
                Some(file_name) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.client
            .post(format!("{}{path}", self.address))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("sec-fetch-site", "same-origin")
            .header("cookie", cookie)
            .body(body)
            .send()
            .await
            .expect("the server answers")
    }

    /// What the features' commands need, for tests that call them without HTTP.
    pub fn ctx(&self) -> app::backend::command::Ctx {
        app::backend::command::Ctx {
            db: self.db.clone(),
            public_url: url::Url::parse(&self.address).expect("the test app's address"),
            signal: self.signal.clone(),
            today: chrono::Utc::now().date_naive(),
        }
    }

    /// The data folder of this application.
    pub fn data_dir(&self) -> PathBuf {
        self.data_dir.path().to_path_buf()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(name) = self.postgres_database.take() {
            // Drop runs outside async code: drop the database from a thread of its own.
            let admin_url = postgres_admin_url();
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime
                    .block_on(async {
                        let admin = Database::connect(&admin_url).await?;
                        admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .await?;
                        admin.close().await
                    })
                    .map_err(std::io::Error::other)
            })
            .join();
        }
    }
}

/// Creates an active, verified account and returns its id.
pub async fn create_user(
    db: &DatabaseConnection,
    role: &str,
    email: &str,
    password_text: &str,
) -> uuid::Uuid {
    let hash = password::hash(password_text);
    let name = format!("Test {role}");
    app::backend::users::create(
        db,
        app::backend::users::NewUser {
            email,
            display_name: &name,
            title: "",
            phone: "",
            role: app::domain::role::Role::parse(role).expect("a known role"),
            password_hash: &hash,
            email_verified_at: Some(chrono::Utc::now()),
        },
    )
    .await
    .expect("a test account")
}

/// Polls `check` every 50 ms until it holds or `timeout` passes; panics with `what`.
pub async fn wait_until<F, Fut>(timeout: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let started = std::time::Instant::now();
    while !check().await {
        assert!(
            started.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `count` sign-ins with wrong passwords for unknown addresses, all at once, against
/// `base`: the cheapest way for anyone to make a server hash passwords. Returns each
/// answer's status and whether it said when to come back (`Retry-After`); a request
/// that got no answer at all is status 0.
pub async fn sign_in_burst(client: &reqwest::Client, base: &str, count: usize) -> Vec<(u16, bool)> {
    let mut attempts = tokio::task::JoinSet::new();
    for i in 0..count {
        let client = client.clone();
        let url = format!("{base}/logga-in");
        attempts.spawn(async move {
            client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(format!(
                    "email=okand{i}%40example.se&password=fel+l%C3%B6senord+{i}"
                ))
                .send()
                .await
                .map(|response| {
                    let retry_after = response.headers().get("retry-after").is_some();
                    (response.status().as_u16(), retry_after)
                })
                .unwrap_or((0, false))
        });
    }
    let mut answers = Vec::with_capacity(count);
    while let Some(joined) = attempts.join_next().await {
        answers.push(joined.unwrap_or((0, false)));
    }
    answers
}

/// A port nothing listens on (yet).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A real SMTP server on loopback (`tests/smtp/sink.py`, aiosmtpd), recording every mail.
pub struct SmtpSink {
    pub port: u16,
    pub dir: tempfile::TempDir,
    child: Child,
}

impl SmtpSink {
    /// Starts the sink on `port` with extra `args` (`--reject ADDR`, `--delay-first S`).
    pub fn start(port: u16, args: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let python = std::env::var("PORTAL_SMTP_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("smtp")
            .join("sink.py");
        let child = Command::new(&python)
            .arg(script)
            .args(["--port", &port.to_string(), "--out"])
            .arg(dir.path())
            .args(args)
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("starting the SMTP sink with {python} (make test installs aiosmtpd): {e}")
            });
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the SMTP sink did not start (is aiosmtpd installed?)"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { port, dir, child }
    }

    /// Every delivery so far: (received at, ms since the epoch; Message-ID).
    pub fn received(&self) -> Vec<(i64, String)> {
        std::fs::read_to_string(self.dir.path().join("received.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let (time, id) = line.split_once(' ')?;
                Some((time.parse().ok()?, id.to_owned()))
            })
            .collect()
    }

    /// Every envelope recipient the server was given, over all mails so far.
    pub fn recipients(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.path().join("envelopes.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_once(' '))
            .flat_map(|(_, recipients)| recipients.split(',').map(str::to_owned))
            .filter(|recipient| !recipient.is_empty())
            .collect()
    }

    /// The raw text of every delivered mail.
    pub fn messages(&self) -> Vec<String> {
        let mut paths: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|path| std::fs::read_to_string(path).unwrap())
            .collect()
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A real S3-compatible server on loopback (moto's server mode, from PyPI, installed by
/// `make test` beside the SMTP sink), with one empty bucket.
pub struct S3Server {
    pub port: u16,
    pub bucket: String,
    child: Child,
}

impl S3Server {
    pub fn start() -> Self {
        Self::start_on(free_port())
    }

    /// Stops the server, as an outage would (moto keeps its buckets in memory: they are
    /// gone).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A server on `port` (the same as a stopped one's, to bring it back).
    pub fn start_on(port: u16) -> Self {
        let python = std::env::var("PORTAL_SMTP_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let child = Command::new(&python)
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("starting moto's S3 server with {python} (make test installs it): {e}")
            });
        let server = Self {
            port,
            bucket: "bilagor".to_owned(),
            child,
        };
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "moto's S3 server did not start (is moto[server] installed?)"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// Creates the bucket (moto accepts an unsigned request).
    pub async fn create_bucket(&self) {
        let response = reqwest::Client::new()
            .put(format!("{}/{}", self.endpoint(), self.bucket))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{:?}", response.status());
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The server's settings for this bucket.
    pub fn settings(&self) -> server::settings::StorageSettings {
        server::settings::StorageSettings::S3 {
            url: format!("s3://{}", self.bucket),
            endpoint: Some(self.endpoint()),
            region: "us-east-1".into(),
            access_key_id: Some("testing".into()),
            secret_access_key: Some(server::settings::Secret::new("testing")),
            allow_http: true,
        }
    }

    /// The keys of every object in the bucket (listed with moto's unsigned access).
    pub async fn keys(&self) -> Vec<String> {
        let body = reqwest::Client::new()
            .get(format!("{}/{}?list-type=2", self.endpoint(), self.bucket))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        body.split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</Key>").map(|(key, _)| key.to_owned()))
            .collect()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `text` percent-encoded for a form body (`application/x-www-form-urlencoded`).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn replace_database_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let base = match base.rsplit_once('/') {
        Some((host, _)) if host.contains("//") && host.len() > "postgres://".len() => {
            host.to_owned()
        }
        _ => base.to_owned(),
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

/// The built site (`target/site` at the workspace root), for the tests that fetch assets.
fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("site")
}

#[cfg(test)]
mod tests {
    use super::replace_database_name;

    #[test]
    fn the_database_name_is_replaced_and_the_query_kept() {
        assert_eq!(
            replace_database_name("postgres://postgres@127.0.0.1:5432/test", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            replace_database_name("postgres://u:p@h/test?sslmode=disable", "t2"),
            "postgres://u:p@h/t2?sslmode=disable"
        );
    }
}

/// Fixtures for the event backend's tests and benchmarks.
pub mod fixtures {
    use app::backend::{
        events::{Effect, NewEvent},
        mail::EmailJob,
    };
    use app::notifications::MailKind;
    use serde_json::json;
    use uuid::Uuid;

    /// A test mail to `to`, as the admin's "Skicka testmejl" queues it.
    pub fn mail_to(to: &str) -> Effect {
        Effect::Email(EmailJob {
            kind: MailKind::TestMail,
            to: to.to_owned(),
            to_name: "Mottagare".to_owned(),
            user_id: None,
            data: json!({ "name": "Mottagare", "sent_by": "Testet", "time": "nu", "portal_url": "http://localhost/" }),
        })
    }

    /// An association (named after its number) whose account `owner` owns.
    pub async fn association_with_owner(
        db: &sea_orm::DatabaseConnection,
        org_number: &str,
        owner: Uuid,
    ) -> Uuid {
        use app::backend::entities::{association, association_member};
        use sea_orm::{ActiveValue::Set, EntityTrait};
        let id = Uuid::now_v7();
        association::Entity::insert(association::ActiveModel {
            id: Set(id),
            name: Set(format!("Förening {org_number}")),
            org_number: Set(org_number.into()),
            contact_person: Set("Kontakt".into()),
            email: Set(format!("{org_number}@example.se")),
            phone: Set("070-123 45 67".into()),
            postal_address: Set("Stockholm".into()),
            founded_year: Set(Some(2021)),
            members_in_city: Set(Some(13)),
            target_group: Set("Alla".into()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .exec_without_returning(db)
        .await
        .expect("a test association");
        association_member::Entity::insert(association_member::ActiveModel {
            association_id: Set(id),
            user_id: Set(owner),
            role: Set(app::domain::role::MemberRole::Owner),
            created_at: Set(chrono::Utc::now()),
        })
        .exec_without_returning(db)
        .await
        .expect("its owner");
        id
    }

    /// Puts `user` on the association's account as `role` (`owner` or `member`).
    pub async fn add_member(
        db: &sea_orm::DatabaseConnection,
        association: Uuid,
        user: Uuid,
        role: &str,
    ) {
        use app::backend::entities::association_member;
        use sea_orm::{ActiveValue::Set, EntityTrait};
        association_member::Entity::insert(association_member::ActiveModel {
            association_id: Set(association),
            user_id: Set(user),
            role: Set(if role == "owner" {
                app::domain::role::MemberRole::Owner
            } else {
                app::domain::role::MemberRole::Member
            }),
            created_at: Set(chrono::Utc::now()),
        })
        .exec_without_returning(db)
        .await
        .expect("a member of the account");
    }

    /// A verified representative of `association` (with the proof row it needs).
    pub async fn verified_representative(
        db: &sea_orm::DatabaseConnection,
        association: Uuid,
        user: Uuid,
    ) {
        use app::backend::entities::{attachment, representative, representative_proof};
        use sea_orm::{ActiveValue::Set, EntityTrait};
        let attachment_id = Uuid::now_v7();
        attachment::Entity::insert(attachment::ActiveModel {
            id: Set(attachment_id),
            association_id: Set(association),
            purpose: Set("representatives".into()),
            file_name: Set("protokoll.pdf".into()),
            content_type: Set("application/pdf".into()),
            size_bytes: Set(4),
            sha256: Set("0".repeat(64)),
            storage_key: Set("test".into()),
            uploaded_by: Set(Some(user)),
            created_at: Set(chrono::Utc::now()),
            application_id: Set(None),
            document_type: Set(None),
        })
        .exec_without_returning(db)
        .await
        .unwrap();
        let proof = Uuid::now_v7();
        representative_proof::Entity::insert(representative_proof::ActiveModel {
            id: Set(proof),
            association_id: Set(association),
            attachment_id: Set(attachment_id),
            submitted_by: Set(Some(user)),
            named_users: Set(format!("[\"{user}\"]")),
            next_annual_meeting: Set(chrono::Utc::now().date_naive() + chrono::Duration::days(300)),
            status: Set(app::features::representatives::ProofStatus::Verified),
            decided_by: Set(None),
            decided_at: Set(Some(chrono::Utc::now())),
            decision_note: Set(String::new()),
            created_at: Set(chrono::Utc::now()),
        })
        .exec_without_returning(db)
        .await
        .unwrap();
        representative::Entity::insert(representative::ActiveModel {
            association_id: Set(association),
            user_id: Set(user),
            proof_id: Set(proof),
            verified_by: Set(None),
            verified_at: Set(chrono::Utc::now()),
            valid_until: Set(chrono::Utc::now().date_naive() + chrono::Duration::days(300)),
            reminded_at: Set(None),
        })
        .exec_without_returning(db)
        .await
        .unwrap();
    }

    /// The event a test mail is queued with.
    pub fn event_for(aggregate_id: Uuid) -> NewEvent {
        NewEvent {
            aggregate_type: "user",
            aggregate_id,
            event_type: "mail.test_requested",
            actor_id: None,
            payload: json!({}),
            schema_version: 1,
        }
    }
}

/// The mails the application kept as `.eml` files (no SMTP configured), decoded from
/// quoted-printable, oldest first.
pub fn kept_mails(data_dir: &std::path::Path) -> Vec<String> {
    let folder = data_dir.join("mail");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .collect();
    // Outbox ids are UUIDv7, so file names sort by creation.
    paths.sort();
    paths
        .into_iter()
        .map(|path| decode_quoted_printable(&std::fs::read_to_string(path).unwrap()))
        .collect()
}

/// The first link in `mail` that starts with `prefix`.
pub fn link_in(mail: &str, prefix: &str) -> Option<String> {
    let start = mail.find(prefix)?;
    let rest = &mail[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned())
}

fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The text of a PDF as poppler's `pdftotext` reads it (installed by `make test`), with
/// runs of white space as one space, so a phrase broken over two lines is still found.
pub fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext runs (Debian's poppler-utils; `make test` installs it)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(pdf)
        .expect("the PDF goes to pdftotext");
    let out = child.wait_with_output().expect("pdftotext finishes");
    assert!(out.status.success(), "pdftotext read the PDF");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
