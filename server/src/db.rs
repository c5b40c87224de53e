//! The database connection and migrations.
use std::time::Duration;

use anyhow::Context;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
    ConnectOptions, Database, DatabaseConnection,
};

use crate::settings::{DatabaseKind, Settings};

/// Connects to the configured database. SQLite runs in WAL mode with synchronous FULL
/// (a committed transaction survives a power cut) and foreign keys on.
pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    if settings.database_kind == DatabaseKind::Sqlite {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "could not create the data folder {}",
                settings.data_dir.display()
            )
        })?;
    }
    let mut options = ConnectOptions::new(settings.database_url.expose());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .max_connections(10)
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
        });
    let kind = match settings.database_kind {
        DatabaseKind::Sqlite => "SQLite",
        DatabaseKind::Postgres => "PostgreSQL",
    };
    Database::connect(options)
        .await
        .with_context(|| format!("could not connect to the {kind} database in DATABASE_URL"))
}

/// Applies every migration that has not been applied yet.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("could not apply the database migrations")
}
