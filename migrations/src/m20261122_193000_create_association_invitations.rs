//! Invitations to join an association's account (valid 7 days, used once).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AssociationInvitation::Table)
                    .if_not_exists()
                    .col(string_len(AssociationInvitation::TokenHash, 64).primary_key())
                    .col(uuid(AssociationInvitation::AssociationId))
                    .col(string_len(AssociationInvitation::Email, 254))
                    .col(uuid(AssociationInvitation::InvitedBy))
                    .col(big_integer(AssociationInvitation::ExpiresAtMs))
                    .col(big_integer_null(AssociationInvitation::AcceptedAtMs))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                AssociationInvitation::Table,
                                AssociationInvitation::AssociationId,
                            )
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AssociationInvitation::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AssociationInvitation {
    Table,
    TokenHash,
    AssociationId,
    Email,
    InvitedBy,
    ExpiresAtMs,
    AcceptedAtMs,
}

#[derive(DeriveIden)]
enum Association {
    Table,
    Id,
}
