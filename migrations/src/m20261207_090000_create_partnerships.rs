//! IOP partnerships (idéburet offentligt partnerskap): the agreement with its extension
//! and notice rules, its two governance groups with their members and meeting notes, and
//! the partner's follow-up report per period with the officer's review and the
//! tjänsteutlåtande that takes it to the committee.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Partnership::Table)
                    .if_not_exists()
                    .col(uuid(Partnership::Id).primary_key())
                    .col(uuid(Partnership::AssociationId))
                    .col(uuid_null(Partnership::ApplicationId))
                    .col(string_len(Partnership::Dnr, 40))
                    .col(text(Partnership::Activity))
                    .col(text(Partnership::TargetGroup))
                    .col(text(Partnership::Purpose))
                    .col(text(Partnership::CityCommitments))
                    .col(text(Partnership::PartnerCommitments))
                    .col(big_integer(Partnership::YearlyAmountOre))
                    .col(date(Partnership::StartsOn))
                    .col(date(Partnership::FirstEndOn))
                    .col(integer(Partnership::ExtensionMonths))
                    .col(date_null(Partnership::LastEndOn))
                    .col(integer(Partnership::NoticeMonth))
                    .col(integer(Partnership::NoticeDay))
                    .col(integer(Partnership::ReportMonths))
                    .col(integer(Partnership::ReportDueDays))
                    .col(uuid_null(Partnership::OfficerId))
                    .col(text(Partnership::SteeringCadence))
                    .col(text(Partnership::CooperationCadence))
                    .col(date_null(Partnership::NoticeOn))
                    .col(string_len_null(Partnership::NoticeParty, 20))
                    .col(text(Partnership::NoticeNote))
                    .col(uuid_null(Partnership::NoticeRecordedBy))
                    .col(date_null(Partnership::WarnedFor))
                    .col(uuid(Partnership::CreatedBy))
                    .col(timestamp_with_time_zone(Partnership::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PartnershipMember::Table)
                    .if_not_exists()
                    .col(uuid(PartnershipMember::Id).primary_key())
                    .col(uuid(PartnershipMember::PartnershipId))
                    .col(string_len(PartnershipMember::GroupKind, 20))
                    .col(text(PartnershipMember::Name))
                    .col(text(PartnershipMember::Organisation))
                    .col(text(PartnershipMember::Role))
                    .col(timestamp_with_time_zone(PartnershipMember::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PartnershipMeeting::Table)
                    .if_not_exists()
                    .col(uuid(PartnershipMeeting::Id).primary_key())
                    .col(uuid(PartnershipMeeting::PartnershipId))
                    .col(string_len(PartnershipMeeting::GroupKind, 20))
                    .col(date(PartnershipMeeting::HeldOn))
                    .col(text(PartnershipMeeting::Notes))
                    .col(uuid(PartnershipMeeting::WrittenBy))
                    .col(timestamp_with_time_zone(PartnershipMeeting::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PartnershipReport::Table)
                    .if_not_exists()
                    .col(uuid(PartnershipReport::Id).primary_key())
                    .col(uuid(PartnershipReport::PartnershipId))
                    .col(integer(PartnershipReport::Number))
                    .col(date(PartnershipReport::PeriodFrom))
                    .col(date(PartnershipReport::PeriodTo))
                    .col(date(PartnershipReport::DueOn))
                    .col(string_len(PartnershipReport::Status, 20))
                    .col(text(PartnershipReport::Content))
                    .col(integer(PartnershipReport::Revision))
                    .col(timestamp_with_time_zone_null(
                        PartnershipReport::SubmittedAt,
                    ))
                    .col(uuid_null(PartnershipReport::SubmittedBy))
                    .col(timestamp_with_time_zone_null(PartnershipReport::ReviewedAt))
                    .col(uuid_null(PartnershipReport::ReviewedBy))
                    .col(text(PartnershipReport::ReviewNote))
                    .col(text(PartnershipReport::Statement))
                    .col(uuid_null(PartnershipReport::MeetingId))
                    .col(date_null(PartnershipReport::RemindedBefore))
                    .col(date_null(PartnershipReport::RemindedDue))
                    .col(date_null(PartnershipReport::RemindedOverdue))
                    .col(timestamp_with_time_zone(PartnershipReport::CreatedAt))
                    .col(timestamp_with_time_zone(PartnershipReport::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_partnership_report_number")
                    .table(PartnershipReport::Table)
                    .col(PartnershipReport::PartnershipId)
                    .col(PartnershipReport::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for (name, table, column) in [
            (
                "idx_partnership_association",
                Partnership::Table.into_iden(),
                Partnership::AssociationId.into_iden(),
            ),
            (
                "idx_partnership_member_partnership",
                PartnershipMember::Table.into_iden(),
                PartnershipMember::PartnershipId.into_iden(),
            ),
            (
                "idx_partnership_meeting_partnership",
                PartnershipMeeting::Table.into_iden(),
                PartnershipMeeting::PartnershipId.into_iden(),
            ),
            (
                "idx_partnership_report_due",
                PartnershipReport::Table.into_iden(),
                PartnershipReport::DueOn.into_iden(),
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PartnershipReport::Table.into_iden(),
            PartnershipMeeting::Table.into_iden(),
            PartnershipMember::Table.into_iden(),
            Partnership::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Partnership {
    Table,
    Id,
    AssociationId,
    ApplicationId,
    Dnr,
    Activity,
    TargetGroup,
    Purpose,
    CityCommitments,
    PartnerCommitments,
    YearlyAmountOre,
    StartsOn,
    FirstEndOn,
    ExtensionMonths,
    LastEndOn,
    NoticeMonth,
    NoticeDay,
    ReportMonths,
    ReportDueDays,
    OfficerId,
    SteeringCadence,
    CooperationCadence,
    NoticeOn,
    NoticeParty,
    NoticeNote,
    NoticeRecordedBy,
    WarnedFor,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PartnershipMember {
    Table,
    Id,
    PartnershipId,
    GroupKind,
    Name,
    Organisation,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PartnershipMeeting {
    Table,
    Id,
    PartnershipId,
    GroupKind,
    HeldOn,
    Notes,
    WrittenBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PartnershipReport {
    Table,
    Id,
    PartnershipId,
    Number,
    PeriodFrom,
    PeriodTo,
    DueOn,
    Status,
    Content,
    Revision,
    SubmittedAt,
    SubmittedBy,
    ReviewedAt,
    ReviewedBy,
    ReviewNote,
    Statement,
    MeetingId,
    RemindedBefore,
    RemindedDue,
    RemindedOverdue,
    CreatedAt,
    UpdatedAt,
}
