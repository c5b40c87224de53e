//! The integration-test harness: [`spawn_app`] starts the real application on a free
//! port with a fresh database: a new SQLite file, or with `PORTAL_TEST_BACKEND=postgres`
//! a new PostgreSQL database on `TEST_DATABASE_URL` (default the local server's `test`).
use std::path::PathBuf;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::{
    settings::{DatabaseKind, Secret, Settings},
    startup::Application,
};
use tokio::sync::oneshot;

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
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(application.run_until(async {
        let _ = stopped.await;
    }));

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        db,
        settings,
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
