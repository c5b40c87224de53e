//! Single-use links sent by e-mail: address verification (24 h) and password reset (1 h).
//! Only the SHA-256 of a link's token is stored.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailToken::Table)
                    .if_not_exists()
                    .col(string_len(EmailToken::TokenHash, 64).primary_key())
                    .col(uuid(EmailToken::UserId))
                    // verify | reset
                    .col(string_len(EmailToken::Purpose, 20))
                    .col(big_integer(EmailToken::ExpiresAtMs))
                    .col(big_integer_null(EmailToken::UsedAtMs))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailToken::Table, EmailToken::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailToken::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EmailToken {
    Table,
    TokenHash,
    UserId,
    Purpose,
    ExpiresAtMs,
    UsedAtMs,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}
