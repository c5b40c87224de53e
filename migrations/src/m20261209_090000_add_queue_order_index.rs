//! The queue's default order, the longest-waiting case first, from an index of its own. The
//! index on (status, submitted_at) cannot give that order across the five open states,
//! so a page of a view that matches many cases sorted them all before taking 25; with
//! this index the database reads the cases in order and stops at the 25th that matches.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    SubmittedAt,
}

const NAME: &str = "idx_application_submitted";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Application::Table)
                    .col(Application::SubmittedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(Application::Table)
                    .to_owned(),
            )
            .await
    }
}
