//! Uploaded documents (stored outside the database, described here), the associations'
//! proofs of who represents them, and the representatives an officer has verified.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attachment::Table)
                    .if_not_exists()
                    .col(uuid(Attachment::Id).primary_key())
                    .col(uuid(Attachment::AssociationId))
                    .col(string_len(Attachment::Purpose, 32))
                    .col(string_len(Attachment::FileName, 255))
                    .col(string_len(Attachment::ContentType, 100))
                    .col(big_integer(Attachment::SizeBytes))
                    .col(string_len(Attachment::Sha256, 64))
                    .col(string_len(Attachment::StorageKey, 200))
                    .col(uuid_null(Attachment::UploadedBy))
                    .col(timestamp_with_time_zone(Attachment::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Attachment::Table, Attachment::AssociationId)
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Attachment::Table, Attachment::UploadedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RepresentativeProof::Table)
                    .if_not_exists()
                    .col(uuid(RepresentativeProof::Id).primary_key())
                    .col(uuid(RepresentativeProof::AssociationId))
                    .col(uuid(RepresentativeProof::AttachmentId))
                    .col(uuid_null(RepresentativeProof::SubmittedBy))
                    // The account members the document names, as a JSON array of ids.
                    .col(text(RepresentativeProof::NamedUsers))
                    .col(date(RepresentativeProof::NextAnnualMeeting))
                    // `pending`, `verified` or `rejected`.
                    .col(string_len(RepresentativeProof::Status, 16))
                    .col(uuid_null(RepresentativeProof::DecidedBy))
                    .col(timestamp_with_time_zone_null(
                        RepresentativeProof::DecidedAt,
                    ))
                    .col(text(RepresentativeProof::DecisionNote))
                    .col(timestamp_with_time_zone(RepresentativeProof::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                RepresentativeProof::Table,
                                RepresentativeProof::AssociationId,
                            )
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                RepresentativeProof::Table,
                                RepresentativeProof::AttachmentId,
                            )
                            .to(Attachment::Table, Attachment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RepresentativeProof::Table, RepresentativeProof::SubmittedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RepresentativeProof::Table, RepresentativeProof::DecidedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_representative_proof_status")
                    .table(RepresentativeProof::Table)
                    .col(RepresentativeProof::Status)
                    .to_owned(),
            )
            .await?;
        // At most one document waits per association, even for two uploads at once.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_representative_proof_pending ON representative_proof (association_id) WHERE status = 'pending'",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Representative::Table)
                    .if_not_exists()
                    .col(uuid(Representative::AssociationId))
                    .col(uuid(Representative::UserId))
                    .col(uuid(Representative::ProofId))
                    .col(uuid_null(Representative::VerifiedBy))
                    .col(timestamp_with_time_zone(Representative::VerifiedAt))
                    .col(date(Representative::ValidUntil))
                    // When the "ending soon" reminder went out, if it has.
                    .col(timestamp_with_time_zone_null(Representative::RemindedAt))
                    .primary_key(
                        Index::create()
                            .col(Representative::AssociationId)
                            .col(Representative::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Representative::Table, Representative::AssociationId)
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Representative::Table, Representative::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Representative::Table, Representative::ProofId)
                            .to(RepresentativeProof::Table, RepresentativeProof::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Representative::Table, Representative::VerifiedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Representative::Table.into_iden(),
            RepresentativeProof::Table.into_iden(),
            Attachment::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Attachment {
    Table,
    Id,
    AssociationId,
    Purpose,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    StorageKey,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RepresentativeProof {
    Table,
    Id,
    AssociationId,
    AttachmentId,
    SubmittedBy,
    NamedUsers,
    NextAnnualMeeting,
    Status,
    DecidedBy,
    DecidedAt,
    DecisionNote,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Representative {
    Table,
    AssociationId,
    UserId,
    ProofId,
    VerifiedBy,
    VerifiedAt,
    ValidUntil,
    RemindedAt,
}

#[derive(DeriveIden)]
enum Association {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}
