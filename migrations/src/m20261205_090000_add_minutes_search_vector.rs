//! PostgreSQL keeps the minutes' Swedish text-search vector in a stored column.
//!
//! With an index on the expression `to_tsvector('swedish', plain_text)` the planner
//! often prefers walking `held_on` backwards for "newest first" and computes the vector
//! of every meeting it passes: 9 ms for a common word among 1 000 meetings, against
//! 0.2 ms when the vector is stored. SQLite searches its FTS5 table and is unchanged.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES_UP: [&str; 3] = [
    "ALTER TABLE forum_meeting ADD COLUMN IF NOT EXISTS search_vector tsvector \
       GENERATED ALWAYS AS (to_tsvector('swedish', plain_text)) STORED",
    "CREATE INDEX IF NOT EXISTS idx_forum_meeting_vector ON forum_meeting USING gin (search_vector)",
    "DROP INDEX IF EXISTS idx_forum_meeting_fts",
];

const POSTGRES_DOWN: [&str; 3] = [
    "CREATE INDEX IF NOT EXISTS idx_forum_meeting_fts ON forum_meeting USING gin (to_tsvector('swedish', plain_text))",
    "DROP INDEX IF EXISTS idx_forum_meeting_vector",
    "ALTER TABLE forum_meeting DROP COLUMN IF EXISTS search_vector",
];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &POSTGRES_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &POSTGRES_DOWN).await
    }
}
