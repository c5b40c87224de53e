//! The officers' case work: who handles a case and by when, the text the queue searches,
//! and staff's internal notes. Indexes for the queue's filters and sort orders.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        for column in [
            ColumnDef::new(Application::AssignedTo)
                .uuid()
                .null()
                .to_owned(),
            ColumnDef::new(Application::DueOn).date().null().to_owned(),
            // Lower-case "dnr org-number association activity", for the queue's search.
            text(Application::SearchText).default("").to_owned(),
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
        // Cases submitted before this migration: the same text (SQLite's lower() folds
        // only A–Z; new submissions are folded in Rust, å, ä and ö included).
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE application SET search_text = lower(dnr || ' ' || \
                 (SELECT org_number || ' ' || name FROM association \
                  WHERE association.id = application.association_id) || ' ' || activity_name) \
                 WHERE dnr IS NOT NULL",
            )
            .await?;
        for (name, columns) in [
            (
                "idx_application_status_submitted",
                vec![Application::Status, Application::SubmittedAt],
            ),
            (
                "idx_application_assigned",
                vec![Application::AssignedTo, Application::SubmittedAt],
            ),
            (
                "idx_application_programme",
                vec![Application::ProgrammeId, Application::SubmittedAt],
            ),
            ("idx_application_due", vec![Application::DueOn]),
            ("idx_application_requested", vec![Application::RequestedOre]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Application::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(CaseNote::Table)
                    .if_not_exists()
                    .col(uuid(CaseNote::Id).primary_key())
                    .col(uuid(CaseNote::ApplicationId))
                    .col(uuid(CaseNote::AuthorId))
                    .col(text(CaseNote::Body))
                    .col(timestamp_with_time_zone(CaseNote::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseNote::Table, CaseNote::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_note_application")
                    .table(CaseNote::Table)
                    .col(CaseNote::ApplicationId)
                    .col(CaseNote::CreatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CaseNote::Table).to_owned())
            .await?;
        for name in [
            "idx_application_status_submitted",
            "idx_application_assigned",
            "idx_application_programme",
            "idx_application_due",
            "idx_application_requested",
        ] {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(Application::Table)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Application::AssignedTo,
            Application::DueOn,
            Application::SearchText,
        ] {
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

#[derive(DeriveIden, Clone, Copy)]
enum Application {
    Table,
    Id,
    Status,
    SubmittedAt,
    ProgrammeId,
    RequestedOre,
    AssignedTo,
    DueOn,
    SearchText,
}

#[derive(DeriveIden)]
enum CaseNote {
    Table,
    Id,
    ApplicationId,
    AuthorId,
    Body,
    CreatedAt,
}
