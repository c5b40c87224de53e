//! Completion requests (komplettering): the officer asks the association for more, with a
//! message and a reply date; the association edits and sends the application in again.
//! The case carries the open request's reply date and whether documents were asked for,
//! so the queue can flag "komplettering försenad" and "bilaga saknas" from an index.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Application::CompletionDue)
                .date()
                .null()
                .to_owned(),
            boolean(Application::MissingAttachment)
                .default(false)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Application::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_application_completion_due")
                    .table(Application::Table)
                    .col(Application::CompletionDue)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CompletionRequest::Table)
                    .if_not_exists()
                    .col(uuid(CompletionRequest::Id).primary_key())
                    .col(uuid(CompletionRequest::ApplicationId))
                    .col(text(CompletionRequest::Message))
                    .col(date(CompletionRequest::ReplyBy))
                    // JSON list of the document types asked for.
                    .col(text(CompletionRequest::Documents))
                    // The version the request was made on.
                    .col(integer(CompletionRequest::FromVersion))
                    .col(uuid(CompletionRequest::RequestedBy))
                    .col(timestamp_with_time_zone(CompletionRequest::RequestedAt))
                    .col(timestamp_with_time_zone_null(CompletionRequest::AnsweredAt))
                    .col(integer_null(CompletionRequest::AnsweredVersion))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompletionRequest::Table, CompletionRequest::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_completion_request_application")
                    .table(CompletionRequest::Table)
                    .col(CompletionRequest::ApplicationId)
                    .col(CompletionRequest::RequestedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CompletionRequest::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_application_completion_due")
                    .table(Application::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Application::CompletionDue, Application::MissingAttachment] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Application::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    CompletionDue,
    MissingAttachment,
}

#[derive(DeriveIden)]
enum CompletionRequest {
    Table,
    Id,
    ApplicationId,
    Message,
    ReplyBy,
    Documents,
    FromVersion,
    RequestedBy,
    RequestedAt,
    AnsweredAt,
    AnsweredVersion,
}
