//! Assessment and attestation: each person's jäv declaration per case and stage, the
//! officer's assessment with its proposal, and the approvers' attestations.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CaseConflict::Table)
                    .if_not_exists()
                    .col(uuid(CaseConflict::ApplicationId))
                    .col(uuid(CaseConflict::UserId))
                    // `bedomning`, `attest` or `beslut`.
                    .col(text(CaseConflict::Stage))
                    .col(boolean(CaseConflict::Recused))
                    .col(text(CaseConflict::Reason))
                    .col(timestamp_with_time_zone(CaseConflict::DeclaredAt))
                    .primary_key(
                        Index::create()
                            .col(CaseConflict::ApplicationId)
                            .col(CaseConflict::UserId)
                            .col(CaseConflict::Stage),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseConflict::Table, CaseConflict::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseAssessment::Table)
                    .if_not_exists()
                    .col(uuid(CaseAssessment::ApplicationId).primary_key())
                    .col(uuid(CaseAssessment::AuthorId))
                    // The verdicts and texts, as JSON.
                    .col(text(CaseAssessment::Content))
                    // `bevilja`, `bevilja_delvis`, `avsla` or empty.
                    .col(text(CaseAssessment::Proposal))
                    .col(big_integer_null(CaseAssessment::AmountOre))
                    .col(boolean(CaseAssessment::Immediate))
                    .col(integer(CaseAssessment::Revision))
                    .col(timestamp_with_time_zone_null(CaseAssessment::FinishedAt))
                    .col(timestamp_with_time_zone(CaseAssessment::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseAssessment::Table, CaseAssessment::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseAttestation::Table)
                    .if_not_exists()
                    .col(uuid(CaseAttestation::ApplicationId))
                    .col(uuid(CaseAttestation::ApproverId))
                    .col(text(CaseAttestation::Name))
                    .col(text(CaseAttestation::Title))
                    // The assessment's revision attested: a later change voids it.
                    .col(integer(CaseAttestation::Revision))
                    .col(timestamp_with_time_zone(CaseAttestation::AttestedAt))
                    .primary_key(
                        Index::create()
                            .col(CaseAttestation::ApplicationId)
                            .col(CaseAttestation::ApproverId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseAttestation::Table, CaseAttestation::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CaseAttestation::Table.into_iden(),
            CaseAssessment::Table.into_iden(),
            CaseConflict::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CaseConflict {
    Table,
    ApplicationId,
    UserId,
    Stage,
    Recused,
    Reason,
    DeclaredAt,
}

#[derive(DeriveIden)]
enum CaseAssessment {
    Table,
    ApplicationId,
    AuthorId,
    Content,
    Proposal,
    AmountOre,
    Immediate,
    Revision,
    FinishedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CaseAttestation {
    Table,
    ApplicationId,
    ApproverId,
    Name,
    Title,
    Revision,
    AttestedAt,
}
