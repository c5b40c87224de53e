//! Payments of granted money (utbetalning): a case's payment plan as one row per
//! instalment, and the payment batches the finance unit prepares, a second person
//! attests, exports once as an ISO 20022 pain.001 file and marks as paid.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PaymentBatch::Table)
                    .if_not_exists()
                    .col(uuid(PaymentBatch::Id).primary_key())
                    .col(string_len(PaymentBatch::Number, 20).unique_key())
                    .col(string_len(PaymentBatch::Status, 20))
                    .col(date(PaymentBatch::ExecuteOn))
                    .col(big_integer(PaymentBatch::TotalOre))
                    .col(integer(PaymentBatch::Payments))
                    .col(uuid(PaymentBatch::PreparedBy))
                    .col(timestamp_with_time_zone(PaymentBatch::PreparedAt))
                    .col(uuid_null(PaymentBatch::AttestedBy))
                    .col(timestamp_with_time_zone_null(PaymentBatch::AttestedAt))
                    .col(text_null(PaymentBatch::File))
                    .col(uuid_null(PaymentBatch::ExportedBy))
                    .col(timestamp_with_time_zone_null(PaymentBatch::ExportedAt))
                    .col(uuid_null(PaymentBatch::PaidBy))
                    .col(date_null(PaymentBatch::PaidOn))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Payment::Table)
                    .if_not_exists()
                    .col(uuid(Payment::Id).primary_key())
                    .col(uuid(Payment::ApplicationId))
                    .col(uuid(Payment::AssociationId))
                    .col(integer(Payment::Number))
                    .col(integer(Payment::Of))
                    .col(big_integer(Payment::AmountOre))
                    .col(date_null(Payment::DueOn))
                    .col(string_len(Payment::Condition, 30))
                    .col(string_len(Payment::Status, 20))
                    .col(text(Payment::HoldReason))
                    .col(date(Payment::LegalForceOn))
                    .col(string_len(Payment::DecidedBankgiro, 20))
                    .col(string_len(Payment::DecidedPlusgiro, 20))
                    .col(uuid_null(Payment::BatchId))
                    .col(string_len(Payment::PaidBankgiro, 20))
                    .col(string_len(Payment::PaidPlusgiro, 20))
                    .col(date_null(Payment::PaidOn))
                    .col(timestamp_with_time_zone(Payment::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Payment::Table, Payment::BatchId)
                            .to(PaymentBatch::Table, PaymentBatch::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "idx_payment_application",
                vec![Payment::ApplicationId, Payment::Number],
            ),
            ("idx_payment_status", vec![Payment::Status, Payment::DueOn]),
            ("idx_payment_batch", vec![Payment::BatchId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Payment::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Payment::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PaymentBatch::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Payment {
    Table,
    Id,
    ApplicationId,
    AssociationId,
    Number,
    Of,
    AmountOre,
    DueOn,
    Condition,
    Status,
    HoldReason,
    LegalForceOn,
    DecidedBankgiro,
    DecidedPlusgiro,
    BatchId,
    PaidBankgiro,
    PaidPlusgiro,
    PaidOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PaymentBatch {
    Table,
    Id,
    Number,
    Status,
    ExecuteOn,
    TotalOre,
    Payments,
    PreparedBy,
    PreparedAt,
    AttestedBy,
    AttestedAt,
    File,
    ExportedBy,
    ExportedAt,
    PaidBy,
    PaidOn,
}
