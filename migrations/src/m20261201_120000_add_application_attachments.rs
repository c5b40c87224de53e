//! Attachments of applications: the application a document belongs to and which of the
//! programme's required documents it is; one application keeps a document only once
//! (by its hash).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Attachment::Table)
                    .add_column(uuid_null(Attachment::ApplicationId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Attachment::Table)
                    // `stadgar`, `budget`, … or `ovrigt`.
                    .add_column(string_len_null(Attachment::DocumentType, 40))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("attachment_application_sha256")
                    .table(Attachment::Table)
                    .col(Attachment::ApplicationId)
                    .col(Attachment::Sha256)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("attachment_application_sha256")
                    .table(Attachment::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Attachment::DocumentType, Attachment::ApplicationId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Attachment::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Attachment {
    Table,
    ApplicationId,
    DocumentType,
    Sha256,
}
