//! A partnership's follow-up goes to the committee like any other case: its § in the
//! meeting's minutes (numbered with the meeting's cases), the decision, dissent and
//! members who did not take part because of jäv. A group member belongs to a party
//! (the association or the city), recorded instead of guessed from the organisation.
//! A partnership remembers the day it was entered in the portal: reports due before it
//! were handled on paper and are not late here, and a report can be marked as handed in
//! on paper.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns = [
            integer_null(PartnershipReport::Paragraph),
            string(PartnershipReport::Decision).default("").to_owned(),
            text(PartnershipReport::Dissent).default("").to_owned(),
            string(PartnershipReport::Recused).default("").to_owned(),
            timestamp_with_time_zone_null(PartnershipReport::DecidedAt),
            boolean(PartnershipReport::OnPaper)
                .default(false)
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(PartnershipReport::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_partnership_report_paragraph")
                    .table(PartnershipReport::Table)
                    .col(PartnershipReport::MeetingId)
                    .col(PartnershipReport::Paragraph)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PartnershipMember::Table)
                    .add_column(string(PartnershipMember::Party).default("partner"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Partnership::Table)
                    .add_column(date_null(Partnership::RegisteredOn))
                    .to_owned(),
            )
            .await?;
        // Members recorded before: the city's are those of the social services.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE partnership_member SET party = 'stad' WHERE lower(organisation) LIKE '%social%'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_partnership_report_paragraph")
                    .table(PartnershipReport::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            PartnershipReport::Paragraph,
            PartnershipReport::Decision,
            PartnershipReport::Dissent,
            PartnershipReport::Recused,
            PartnershipReport::DecidedAt,
            PartnershipReport::OnPaper,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(PartnershipReport::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(PartnershipMember::Table)
                    .drop_column(PartnershipMember::Party)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Partnership::Table)
                    .drop_column(Partnership::RegisteredOn)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PartnershipReport {
    Table,
    MeetingId,
    Paragraph,
    Decision,
    Dissent,
    Recused,
    DecidedAt,
    OnPaper,
}

#[derive(DeriveIden)]
enum PartnershipMember {
    Table,
    Party,
}

#[derive(DeriveIden)]
enum Partnership {
    Table,
    RegisteredOn,
}
