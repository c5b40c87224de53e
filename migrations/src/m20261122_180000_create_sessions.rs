//! Server-side sessions. The cookie holds a random token; the table holds only its
//! SHA-256, so a copy of the database cannot be used to take over a session.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserSession::Table)
                    .if_not_exists()
                    .col(string_len(UserSession::IdHash, 64).primary_key())
                    .col(uuid(UserSession::UserId))
                    .col(timestamp_with_time_zone(UserSession::CreatedAt))
                    .col(timestamp_with_time_zone(UserSession::LastSeenAt))
                    .col(timestamp_with_time_zone(UserSession::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserSession::Table, UserSession::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_user_session_user")
                    .table(UserSession::Table)
                    .col(UserSession::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserSession::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum UserSession {
    Table,
    IdHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}
