//! The association's bankgiro or plusgiro number, for payouts.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        for column in [Association::Bankgiro, Association::Plusgiro] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Association::Table)
                        .add_column(string_len(column, 12).default(""))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Association::Bankgiro, Association::Plusgiro] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Association::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Association {
    Table,
    Bankgiro,
    Plusgiro,
}
