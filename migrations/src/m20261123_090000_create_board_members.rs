//! The association's board (styrelse): named people with their roles.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BoardMember::Table)
                    .if_not_exists()
                    .col(uuid(BoardMember::Id).primary_key())
                    .col(uuid(BoardMember::AssociationId))
                    .col(string_len(BoardMember::Name, 200))
                    .col(string_len(BoardMember::Role, 32))
                    .col(timestamp_with_time_zone(BoardMember::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BoardMember::Table, BoardMember::AssociationId)
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_board_member_association")
                    .table(BoardMember::Table)
                    .col(BoardMember::AssociationId)
                    .to_owned(),
            )
            .await?;
        // One chair, vice chair, treasurer and secretary, even for two additions at once.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_board_member_single_role ON board_member (association_id, role) WHERE role IN ('ordforande', 'vice_ordforande', 'kassor', 'sekreterare')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BoardMember::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum BoardMember {
    Table,
    Id,
    AssociationId,
    Name,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Association {
    Table,
    Id,
}
