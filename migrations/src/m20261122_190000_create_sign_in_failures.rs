//! Failed sign-ins, per address and IP, for throttling (5 in 15 minutes answers 429).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInFailure::Table)
                    .if_not_exists()
                    .col(pk_uuid(SignInFailure::Id))
                    .col(string_len(SignInFailure::Email, 254))
                    .col(string_len(SignInFailure::Ip, 64))
                    .col(big_integer(SignInFailure::AtMs))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_failure_lookup")
                    .table(SignInFailure::Table)
                    .col(SignInFailure::Email)
                    .col(SignInFailure::Ip)
                    .col(SignInFailure::AtMs)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailure::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SignInFailure {
    Table,
    Id,
    Email,
    Ip,
    AtMs,
}
