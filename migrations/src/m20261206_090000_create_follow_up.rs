//! Follow-up reports (återrapportering) of granted cases, one per report period, and the
//! reclaims (återkrav) of unused money decided when a report is approved, and the
//! programme's choice of who decides a reclaim (the officer on delegation, or the
//! committee).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FollowUp::Table)
                    .if_not_exists()
                    .col(uuid(FollowUp::Id).primary_key())
                    .col(uuid(FollowUp::ApplicationId))
                    .col(uuid(FollowUp::AssociationId))
                    .col(uuid(FollowUp::ProgrammeId))
                    .col(integer(FollowUp::Number))
                    .col(integer(FollowUp::Of))
                    .col(date(FollowUp::PeriodFrom))
                    .col(date(FollowUp::PeriodTo))
                    .col(date(FollowUp::DueOn))
                    .col(big_integer(FollowUp::GrantedOre))
                    .col(string_len(FollowUp::Status, 20))
                    .col(text(FollowUp::Content))
                    .col(integer(FollowUp::Revision))
                    .col(timestamp_with_time_zone_null(FollowUp::SubmittedAt))
                    .col(uuid_null(FollowUp::SubmittedBy))
                    .col(timestamp_with_time_zone_null(FollowUp::ReviewedAt))
                    .col(uuid_null(FollowUp::ReviewedBy))
                    .col(text(FollowUp::ReviewNote))
                    .col(date_null(FollowUp::RemindedBefore))
                    .col(date_null(FollowUp::RemindedDue))
                    .col(date_null(FollowUp::RemindedOverdue))
                    .col(timestamp_with_time_zone(FollowUp::CreatedAt))
                    .col(timestamp_with_time_zone(FollowUp::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reclaim::Table)
                    .if_not_exists()
                    .col(uuid(Reclaim::Id).primary_key())
                    .col(uuid(Reclaim::FollowUpId).unique_key())
                    .col(uuid(Reclaim::ApplicationId))
                    .col(uuid(Reclaim::AssociationId))
                    .col(big_integer(Reclaim::AmountOre))
                    .col(big_integer(Reclaim::ComputedOre))
                    .col(text(Reclaim::Reason))
                    .col(text(Reclaim::Calculation))
                    .col(string_len(Reclaim::Status, 20))
                    .col(uuid(Reclaim::DecidedBy))
                    .col(date(Reclaim::DecidedOn))
                    .col(text(Reclaim::DecidedHow))
                    .col(date(Reclaim::DueOn))
                    .col(string_len(Reclaim::Reference, 40))
                    .col(date_null(Reclaim::PaidOn))
                    .col(uuid_null(Reclaim::PaidRegisteredBy))
                    .col(timestamp_with_time_zone(Reclaim::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, table, columns) in [
            (
                "idx_follow_up_case",
                FollowUp::Table,
                vec![FollowUp::ApplicationId, FollowUp::Number],
            ),
            (
                "idx_follow_up_association",
                FollowUp::Table,
                vec![FollowUp::AssociationId, FollowUp::ProgrammeId],
            ),
            (
                "idx_follow_up_status",
                FollowUp::Table,
                vec![FollowUp::Status, FollowUp::DueOn],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(table);
            if name == "idx_follow_up_case" {
                index.unique();
            }
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(GrantProgramme::Table)
                    .add_column(boolean(GrantProgramme::ReclaimByCommittee).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reclaim_status")
                    .table(Reclaim::Table)
                    .col(Reclaim::Status)
                    .col(Reclaim::DueOn)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(GrantProgramme::Table)
                    .drop_column(GrantProgramme::ReclaimByCommittee)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Reclaim::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FollowUp::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum FollowUp {
    Table,
    Id,
    ApplicationId,
    AssociationId,
    ProgrammeId,
    Number,
    Of,
    PeriodFrom,
    PeriodTo,
    DueOn,
    GrantedOre,
    Status,
    Content,
    Revision,
    SubmittedAt,
    SubmittedBy,
    ReviewedAt,
    ReviewedBy,
    ReviewNote,
    RemindedBefore,
    RemindedDue,
    RemindedOverdue,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Reclaim {
    Table,
    Id,
    FollowUpId,
    ApplicationId,
    AssociationId,
    AmountOre,
    ComputedOre,
    Reason,
    Calculation,
    Status,
    DecidedBy,
    DecidedOn,
    DecidedHow,
    DueOn,
    Reference,
    PaidOn,
    PaidRegisteredBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum GrantProgramme {
    Table,
    ReclaimByCommittee,
}
