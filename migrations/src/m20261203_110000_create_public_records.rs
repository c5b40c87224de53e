//! Public records: the digital anslagstavla's notices (one per justerade minutes), the
//! published decisions (a read model written at justering, with what is secret already
//! left out), and the officers' secrecy marks on a case's fields.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BoardNotice::Table)
                    .if_not_exists()
                    .col(uuid(BoardNotice::Id).primary_key())
                    .col(uuid(BoardNotice::MeetingId).unique_key())
                    .col(text(BoardNotice::Body))
                    .col(date(BoardNotice::MeetingOn))
                    .col(date(BoardNotice::JusteredOn))
                    .col(date(BoardNotice::UpOn))
                    .col(date(BoardNotice::DownOn))
                    .col(date(BoardNotice::LegalForceOn))
                    .col(text(BoardNotice::Paragraphs))
                    .col(text(BoardNotice::KeptAt))
                    .col(timestamp_with_time_zone(BoardNotice::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_board_notice_down")
                    .table(BoardNotice::Table)
                    .col(BoardNotice::DownOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PublicDecision::Table)
                    .if_not_exists()
                    .col(uuid(PublicDecision::ApplicationId).primary_key())
                    .col(string_len(PublicDecision::Slug, 60).unique_key())
                    .col(string_len(PublicDecision::Dnr, 40))
                    .col(text(PublicDecision::Association))
                    .col(uuid(PublicDecision::ProgrammeId))
                    .col(text(PublicDecision::Programme))
                    .col(string_len(PublicDecision::ProgrammeSlug, 60))
                    .col(text(PublicDecision::Activity))
                    .col(big_integer(PublicDecision::RequestedOre))
                    .col(string_len(PublicDecision::Outcome, 20))
                    .col(big_integer_null(PublicDecision::AmountOre))
                    .col(text(PublicDecision::Body))
                    .col(uuid(PublicDecision::MeetingId))
                    .col(date(PublicDecision::MeetingOn))
                    .col(integer(PublicDecision::Paragraph))
                    .col(date(PublicDecision::JusteredOn))
                    .col(integer(PublicDecision::Year))
                    .col(text(PublicDecision::DecisionText))
                    .col(text(PublicDecision::Motivation))
                    .col(timestamp_with_time_zone(PublicDecision::PublishedAt))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "idx_public_decision_year",
                vec![PublicDecision::Year, PublicDecision::MeetingOn],
            ),
            (
                "idx_public_decision_programme",
                vec![PublicDecision::ProgrammeSlug, PublicDecision::MeetingOn],
            ),
            (
                "idx_public_decision_outcome",
                vec![PublicDecision::Outcome, PublicDecision::MeetingOn],
            ),
            (
                "idx_public_decision_meeting",
                vec![PublicDecision::MeetingOn],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(PublicDecision::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(CaseSecrecy::Table)
                    .if_not_exists()
                    .col(uuid(CaseSecrecy::ApplicationId))
                    .col(string_len(CaseSecrecy::Field, 40))
                    .col(text(CaseSecrecy::Reason))
                    .col(uuid(CaseSecrecy::MarkedBy))
                    .col(timestamp_with_time_zone(CaseSecrecy::MarkedAt))
                    .primary_key(
                        Index::create()
                            .col(CaseSecrecy::ApplicationId)
                            .col(CaseSecrecy::Field),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CaseSecrecy::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PublicDecision::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(BoardNotice::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum BoardNotice {
    Table,
    Id,
    MeetingId,
    Body,
    MeetingOn,
    JusteredOn,
    UpOn,
    DownOn,
    LegalForceOn,
    Paragraphs,
    KeptAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PublicDecision {
    Table,
    ApplicationId,
    Slug,
    Dnr,
    Association,
    ProgrammeId,
    Programme,
    ProgrammeSlug,
    Activity,
    RequestedOre,
    Outcome,
    AmountOre,
    Body,
    MeetingId,
    MeetingOn,
    Paragraph,
    JusteredOn,
    Year,
    DecisionText,
    Motivation,
    PublishedAt,
}

#[derive(DeriveIden)]
enum CaseSecrecy {
    Table,
    ApplicationId,
    Field,
    Reason,
    MarkedBy,
    MarkedAt,
}
