//! Transactions, and the database's upkeep.
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a deferred transaction that reads first and writes later fails
/// with "database is locked" when another connection writes in between, whereas an
/// immediate one waits its turn (up to the busy timeout). PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Refreshes the statistics SQLite's query planner chooses its plans by (`PRAGMA
/// optimize`, which runs `ANALYZE` only on the tables whose size has changed much since
/// the last time, each on a sample of about a thousand rows per index, so it stays
/// quick). Without them SQLite does not know that a search word is rarer than a status,
/// and reads the queue from the status index instead of from the search index: three
/// times slower with 100 000 cases. The worker runs it at start and every quarter of an
/// hour (pooled connections read the new figures when they are renewed); on
/// PostgreSQL autovacuum keeps the statistics and this does nothing.
pub async fn optimize(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    db.execute_unprepared("PRAGMA analysis_limit = 1000")
        .await?;
    // 0x10002: analyse where needed (0x02), looking at every table, not only those the
    // connection has queried (0x10000).
    db.execute_unprepared("PRAGMA optimize = 0x10002").await?;
    Ok(())
}
