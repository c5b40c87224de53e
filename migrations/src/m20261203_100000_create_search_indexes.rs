//! The queue's free-text search from an index, not a scan: the search words are
//! substrings of `application.search_text` (`LIKE '%word%'`), which a B-tree cannot
//! answer. On SQLite an FTS5 table with the trigram tokenizer, kept in step with the
//! application table by triggers (keyed by the table's rowid; `INSERT INTO
//! application_search(application_search) VALUES('rebuild')` re-reads it, e.g. after a
//! VACUUM); on PostgreSQL a GIN index with `pg_trgm`'s trigram operators. Both answer
//! `LIKE '%word%'` from the index for words of three characters or more.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: [&str; 5] = [
    "CREATE VIRTUAL TABLE application_search USING fts5(search_text, content='application', content_rowid='rowid', tokenize='trigram')",
    "INSERT INTO application_search(application_search) VALUES('rebuild')",
    "CREATE TRIGGER application_search_insert AFTER INSERT ON application BEGIN \
       INSERT INTO application_search(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER application_search_delete AFTER DELETE ON application BEGIN \
       INSERT INTO application_search(application_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER application_search_update AFTER UPDATE OF search_text ON application BEGIN \
       INSERT INTO application_search(application_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); \
       INSERT INTO application_search(rowid, search_text) VALUES (new.rowid, new.search_text); END",
];

const SQLITE_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS application_search_update",
    "DROP TRIGGER IF EXISTS application_search_delete",
    "DROP TRIGGER IF EXISTS application_search_insert",
    "DROP TABLE IF EXISTS application_search",
];

const POSTGRES_UP: [&str; 2] = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS idx_application_search_trgm ON application USING gin (search_text gin_trgm_ops)",
];

const POSTGRES_DOWN: [&str; 1] = ["DROP INDEX IF EXISTS idx_application_search_trgm"];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, &SQLITE_UP).await,
            DbBackend::Postgres => run(manager, &POSTGRES_UP).await,
            _ => Ok(()),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, &SQLITE_DOWN).await,
            DbBackend::Postgres => run(manager, &POSTGRES_DOWN).await,
            _ => Ok(()),
        }
    }
}
