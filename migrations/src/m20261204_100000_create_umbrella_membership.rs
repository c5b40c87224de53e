//! Membership of the umbrella organisation (Helsam in the minutes seed): an association's
//! application with its board decision (the date, and the minutes as an attachment in the
//! shared storage), the staff's decision, and the yearly fee (100 kr per year and
//! association), which only staff see.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UmbrellaApplication::Table)
                    .if_not_exists()
                    .col(uuid(UmbrellaApplication::Id).primary_key())
                    .col(uuid(UmbrellaApplication::AssociationId))
                    .col(string_len(UmbrellaApplication::Status, 20))
                    .col(date(UmbrellaApplication::BoardDecidedOn))
                    .col(uuid(UmbrellaApplication::AttachmentId))
                    .col(uuid(UmbrellaApplication::AppliedBy))
                    .col(timestamp_with_time_zone(UmbrellaApplication::AppliedAt))
                    .col(uuid_null(UmbrellaApplication::DecidedBy))
                    .col(timestamp_with_time_zone_null(
                        UmbrellaApplication::DecidedAt,
                    ))
                    .col(text(UmbrellaApplication::Note))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_umbrella_application_association")
                    .table(UmbrellaApplication::Table)
                    .col(UmbrellaApplication::AssociationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UmbrellaFee::Table)
                    .if_not_exists()
                    .col(uuid(UmbrellaFee::AssociationId))
                    .col(integer(UmbrellaFee::Year))
                    .col(date(UmbrellaFee::PaidOn))
                    .col(uuid(UmbrellaFee::RecordedBy))
                    .col(timestamp_with_time_zone(UmbrellaFee::RecordedAt))
                    .primary_key(
                        Index::create()
                            .col(UmbrellaFee::AssociationId)
                            .col(UmbrellaFee::Year),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UmbrellaFee::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(UmbrellaApplication::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum UmbrellaApplication {
    Table,
    Id,
    AssociationId,
    Status,
    BoardDecidedOn,
    AttachmentId,
    AppliedBy,
    AppliedAt,
    DecidedBy,
    DecidedAt,
    Note,
}

#[derive(DeriveIden)]
enum UmbrellaFee {
    Table,
    AssociationId,
    Year,
    PaidOn,
    RecordedBy,
    RecordedAt,
}
