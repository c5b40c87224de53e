//! Requests for access to an association's account, from someone who found it already
//! registered. The requester confirms the address by a link first; then the owners get
//! the request and answer it with an invitation or a refusal.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccessRequest::Table)
                    .if_not_exists()
                    .col(uuid(AccessRequest::Id).primary_key())
                    .col(uuid(AccessRequest::AssociationId))
                    .col(string_len(AccessRequest::Name, 200))
                    .col(string_len(AccessRequest::Email, 254))
                    .col(text(AccessRequest::Message))
                    .col(timestamp_with_time_zone(AccessRequest::CreatedAt))
                    // SHA-256 of the confirmation link's token, until it is used.
                    .col(string_len_null(AccessRequest::TokenHash, 64))
                    .col(big_integer(AccessRequest::ExpiresAtMs))
                    .col(timestamp_with_time_zone_null(AccessRequest::ConfirmedAt))
                    // `invited` or `declined` once an owner has answered.
                    .col(string_len_null(AccessRequest::Outcome, 16))
                    .col(timestamp_with_time_zone_null(AccessRequest::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AccessRequest::Table, AccessRequest::AssociationId)
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_access_request_association")
                    .table(AccessRequest::Table)
                    .col(AccessRequest::AssociationId)
                    .to_owned(),
            )
            .await?;
        // One open request per address and association, even for two requests at once.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_access_request_open ON access_request (association_id, email) WHERE outcome IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccessRequest::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AccessRequest {
    Table,
    Id,
    AssociationId,
    Name,
    Email,
    Message,
    CreatedAt,
    TokenHash,
    ExpiresAtMs,
    ConfirmedAt,
    Outcome,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum Association {
    Table,
    Id,
}
