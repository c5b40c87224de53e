//! Committee meetings (socialnämnden, organisations- och föreningsutskottet) and their
//! agendas: the attested cases with their § numbers, the decisions, and the justering
//! that starts the legal clock.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommitteeMeeting::Table)
                    .if_not_exists()
                    .col(uuid(CommitteeMeeting::Id).primary_key())
                    // `socialnamnden` or `ofu`.
                    .col(text(CommitteeMeeting::Body))
                    .col(date(CommitteeMeeting::MeetingOn))
                    // The last day for cases to reach the meeting.
                    .col(date(CommitteeMeeting::CasesBy))
                    .col(text(CommitteeMeeting::Place))
                    .col(date_null(CommitteeMeeting::JusteredOn))
                    .col(uuid(CommitteeMeeting::CreatedBy))
                    .col(timestamp_with_time_zone(CommitteeMeeting::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaItem::Table)
                    .if_not_exists()
                    .col(uuid(AgendaItem::Id).primary_key())
                    .col(uuid(AgendaItem::MeetingId))
                    .col(uuid(AgendaItem::ApplicationId).unique_key())
                    // The §, consecutive within the meeting.
                    .col(integer(AgendaItem::Paragraph))
                    // `beviljad`, `delvis_beviljad`, `avslagen`, or empty before.
                    .col(text(AgendaItem::Decision))
                    .col(big_integer_null(AgendaItem::AmountOre))
                    .col(text(AgendaItem::Dissent))
                    // Members who did not take part because of jäv.
                    .col(text(AgendaItem::Recused))
                    .col(boolean(AgendaItem::Immediate))
                    .col(timestamp_with_time_zone_null(AgendaItem::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgendaItem::Table, AgendaItem::MeetingId)
                            .to(CommitteeMeeting::Table, CommitteeMeeting::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgendaItem::Table, AgendaItem::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_agenda_item_paragraph")
                    .table(AgendaItem::Table)
                    .col(AgendaItem::MeetingId)
                    .col(AgendaItem::Paragraph)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AgendaItem::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CommitteeMeeting::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CommitteeMeeting {
    Table,
    Id,
    Body,
    MeetingOn,
    CasesBy,
    Place,
    JusteredOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AgendaItem {
    Table,
    Id,
    MeetingId,
    ApplicationId,
    Paragraph,
    Decision,
    AmountOre,
    Dissent,
    Recused,
    Immediate,
    DecidedAt,
}
