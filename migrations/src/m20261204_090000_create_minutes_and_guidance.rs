//! The public site's own texts: the minutes of the forum *Gemensam utvecklingsgrupp*
//! (one row per meeting, the staff's Markdown with its sanitised HTML and its plain
//! text) and the guidance pages' texts that admins edit in Markdown.
//!
//! The minutes are searched with Swedish stemming and å, ä and ö kept distinct: on
//! SQLite an FTS5 table over `stems` (the plain text's words as Swedish Snowball stems,
//! written by the application; FTS5 has no Swedish stemmer) with the `unicode61`
//! tokenizer told not to fold diacritics, kept in step by triggers; on PostgreSQL a GIN
//! index on `to_tsvector('swedish', plain_text)`.
use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: [&str; 4] = [
    "CREATE VIRTUAL TABLE forum_meeting_search USING fts5(stems, content='forum_meeting', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER forum_meeting_search_insert AFTER INSERT ON forum_meeting BEGIN \
       INSERT INTO forum_meeting_search(rowid, stems) VALUES (new.rowid, new.stems); END",
    "CREATE TRIGGER forum_meeting_search_delete AFTER DELETE ON forum_meeting BEGIN \
       INSERT INTO forum_meeting_search(forum_meeting_search, rowid, stems) VALUES ('delete', old.rowid, old.stems); END",
    "CREATE TRIGGER forum_meeting_search_update AFTER UPDATE OF stems ON forum_meeting BEGIN \
       INSERT INTO forum_meeting_search(forum_meeting_search, rowid, stems) VALUES ('delete', old.rowid, old.stems); \
       INSERT INTO forum_meeting_search(rowid, stems) VALUES (new.rowid, new.stems); END",
];

const SQLITE_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS forum_meeting_search_update",
    "DROP TRIGGER IF EXISTS forum_meeting_search_delete",
    "DROP TRIGGER IF EXISTS forum_meeting_search_insert",
    "DROP TABLE IF EXISTS forum_meeting_search",
];

const POSTGRES_UP: [&str; 1] = [
    "CREATE INDEX IF NOT EXISTS idx_forum_meeting_fts ON forum_meeting USING gin (to_tsvector('swedish', plain_text))",
];

const POSTGRES_DOWN: [&str; 1] = ["DROP INDEX IF EXISTS idx_forum_meeting_fts"];

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
        manager
            .create_table(
                Table::create()
                    .table(ForumMeeting::Table)
                    .if_not_exists()
                    .col(uuid(ForumMeeting::Id).primary_key())
                    .col(date(ForumMeeting::HeldOn).unique_key())
                    .col(text(ForumMeeting::Title))
                    .col(text(ForumMeeting::Attendees))
                    .col(text(ForumMeeting::Markdown))
                    .col(text(ForumMeeting::Html))
                    .col(text(ForumMeeting::PlainText))
                    .col(text(ForumMeeting::Stems))
                    .col(uuid_null(ForumMeeting::UpdatedBy))
                    .col(timestamp_with_time_zone(ForumMeeting::CreatedAt))
                    .col(timestamp_with_time_zone(ForumMeeting::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GuidanceText::Table)
                    .if_not_exists()
                    .col(string_len(GuidanceText::Slug, 60).primary_key())
                    .col(text(GuidanceText::Markdown))
                    .col(text(GuidanceText::Html))
                    .col(uuid_null(GuidanceText::UpdatedBy))
                    .col(timestamp_with_time_zone(GuidanceText::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, &SQLITE_UP).await,
            DbBackend::Postgres => run(manager, &POSTGRES_UP).await,
            _ => Ok(()),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, &SQLITE_DOWN).await?,
            DbBackend::Postgres => run(manager, &POSTGRES_DOWN).await?,
            _ => {}
        }
        manager
            .drop_table(Table::drop().table(GuidanceText::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ForumMeeting::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ForumMeeting {
    Table,
    Id,
    HeldOn,
    Title,
    Attendees,
    Markdown,
    Html,
    PlainText,
    Stems,
    UpdatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum GuidanceText {
    Table,
    Slug,
    Markdown,
    Html,
    UpdatedBy,
    UpdatedAt,
}
