//! Grant programmes (bidragsformer) with their windows and rules, the four of the
//! guidelines seeded; applications with their drafts' content, the frozen version sent
//! in, and the diarienummer sequence per prefix and year.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The programmes every installation starts with (admins change them afterwards):
/// slug, name, description, window, months min–max, attachments, criteria, Dnr prefix,
/// handling weeks.
#[allow(clippy::type_complexity)]
const PROGRAMMES: [(u128, &str, &str, &str, Option<(&str, &str)>, i32, i32, &str, &str, &str, i32); 4] = [
    (
        0x0192_0000_0000_7000_8000_0000_0000_0001,
        "verksamhetsbidrag",
        "Verksamhetsbidrag",
        "Bidrag till en förenings löpande verksamhet för ett till tre år. Ansökan görs 1 april–31 maj året före.",
        Some(("04-01", "05-31")),
        12,
        36,
        r#"["stadgar","verksamhetsberattelse","arsredovisning","revisionsberattelse","budget"]"#,
        r#"["stadsovergripande","kompletterar","kvalitet","kostnader","jamstalldhet"]"#,
        "SOF",
        12,
    ),
    (
        0x0192_0000_0000_7000_8000_0000_0000_0002,
        "utvecklingsbidrag",
        "Utvecklingsbidrag",
        "Bidrag för att utveckla eller starta en ny verksamhet. Ansökan kan göras när som helst under året.",
        None,
        1,
        12,
        r#"["stadgar","budget"]"#,
        r#"["stadsovergripande","kompletterar","kvalitet","kostnader","jamstalldhet"]"#,
        "SOF",
        8,
    ),
    (
        0x0192_0000_0000_7000_8000_0000_0000_0003,
        "tidsbegransat-bidrag",
        "Tidsbegränsat bidrag",
        "Bidrag till en verksamhet under en bestämd period, högst ett år.",
        None,
        1,
        12,
        r#"["stadgar","verksamhetsberattelse","budget"]"#,
        r#"["stadsovergripande","kompletterar","kvalitet","kostnader","jamstalldhet"]"#,
        "SOF",
        8,
    ),
    (
        0x0192_0000_0000_7000_8000_0000_0000_0004,
        "iop",
        "Idéburet offentligt partnerskap (IOP)",
        "Ett partnerskap mellan staden och en idéburen organisation kring ett gemensamt mål, med styrgrupp, samverkansgrupp och regelbunden uppföljning.",
        None,
        12,
        48,
        r#"["stadgar","verksamhetsberattelse","arsredovisning","revisionsberattelse","budget"]"#,
        r#"["stadsovergripande","kompletterar","kvalitet","kostnader","jamstalldhet"]"#,
        "IOP",
        16,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GrantProgramme::Table)
                    .if_not_exists()
                    .col(uuid(GrantProgramme::Id).primary_key())
                    .col(string_len(GrantProgramme::Slug, 60).unique_key())
                    .col(string_len(GrantProgramme::Name, 200))
                    .col(text(GrantProgramme::Description))
                    // `MM-DD`, both empty for a programme open all year.
                    .col(string_len_null(GrantProgramme::WindowFrom, 5))
                    .col(string_len_null(GrantProgramme::WindowTo, 5))
                    .col(integer(GrantProgramme::MinMonths))
                    .col(integer(GrantProgramme::MaxMonths))
                    // JSON arrays of attachment kinds and criteria keys.
                    .col(text(GrantProgramme::RequiredAttachments))
                    .col(text(GrantProgramme::Criteria))
                    // The longest answer of a free-text field, in characters.
                    .col(integer(GrantProgramme::TextLimit))
                    .col(string_len(GrantProgramme::DnrPrefix, 10))
                    .col(integer(GrantProgramme::HandlingWeeks))
                    .col(boolean(GrantProgramme::Active))
                    .col(integer(GrantProgramme::Position))
                    .to_owned(),
            )
            .await?;
        for (
            position,
            (id, slug, name, description, window, min, max, attachments, criteria, prefix, weeks),
        ) in PROGRAMMES.into_iter().enumerate()
        {
            let insert = Query::insert()
                .into_table(GrantProgramme::Table)
                .columns([
                    GrantProgramme::Id,
                    GrantProgramme::Slug,
                    GrantProgramme::Name,
                    GrantProgramme::Description,
                    GrantProgramme::WindowFrom,
                    GrantProgramme::WindowTo,
                    GrantProgramme::MinMonths,
                    GrantProgramme::MaxMonths,
                    GrantProgramme::RequiredAttachments,
                    GrantProgramme::Criteria,
                    GrantProgramme::TextLimit,
                    GrantProgramme::DnrPrefix,
                    GrantProgramme::HandlingWeeks,
                    GrantProgramme::Active,
                    GrantProgramme::Position,
                ])
                .values_panic([
                    sea_orm::prelude::Uuid::from_u128(id).into(),
                    slug.into(),
                    name.into(),
                    description.into(),
                    window.map(|w| w.0).into(),
                    window.map(|w| w.1).into(),
                    min.into(),
                    max.into(),
                    attachments.into(),
                    criteria.into(),
                    4000.into(),
                    prefix.into(),
                    weeks.into(),
                    true.into(),
                    (position as i32).into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(LateWindow::Table)
                    .if_not_exists()
                    .col(uuid(LateWindow::Id).primary_key())
                    .col(uuid(LateWindow::ProgrammeId))
                    .col(uuid(LateWindow::AssociationId))
                    .col(date(LateWindow::OpenUntil))
                    .col(text(LateWindow::Reason))
                    .col(uuid(LateWindow::GrantedBy))
                    .col(timestamp_with_time_zone(LateWindow::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LateWindow::Table, LateWindow::ProgrammeId)
                            .to(GrantProgramme::Table, GrantProgramme::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LateWindow::Table, LateWindow::AssociationId)
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Application::Table)
                    .if_not_exists()
                    .col(uuid(Application::Id).primary_key())
                    .col(uuid(Application::AssociationId))
                    .col(uuid(Application::ProgrammeId))
                    // draft, submitted, withdrawn
                    .col(string_len(Application::Status, 20))
                    // Raised by every save: a save based on an older one is refused.
                    .col(integer(Application::Revision))
                    // The form's answers (JSON), as the draft holds them.
                    .col(text(Application::Content))
                    .col(string_len(Application::ActivityName, 200))
                    .col(big_integer(Application::RequestedOre))
                    .col(date_null(Application::PeriodFrom))
                    .col(date_null(Application::PeriodTo))
                    .col(string_len_null(Application::Dnr, 40).unique_key())
                    .col(timestamp_with_time_zone_null(Application::SubmittedAt))
                    .col(uuid_null(Application::SubmittedBy))
                    // The submit form's idempotency key: one submission per form.
                    .col(string_len_null(Application::SubmitKey, 64).unique_key())
                    // The key of the "start from a copy" form: one copy per click.
                    .col(string_len_null(Application::CopyKey, 64).unique_key())
                    .col(uuid_null(Application::CopiedFrom))
                    .col(boolean(Application::Unbalanced))
                    .col(uuid(Application::CreatedBy))
                    .col(timestamp_with_time_zone(Application::CreatedAt))
                    .col(timestamp_with_time_zone(Application::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Application::WithdrawnAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Application::Table, Application::AssociationId)
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Application::Table, Application::ProgrammeId)
                            .to(GrantProgramme::Table, GrantProgramme::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_application_association")
                    .table(Application::Table)
                    .col(Application::AssociationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApplicationVersion::Table)
                    .if_not_exists()
                    .col(uuid(ApplicationVersion::ApplicationId))
                    .col(integer(ApplicationVersion::Number))
                    .col(text(ApplicationVersion::Content))
                    .col(uuid(ApplicationVersion::SubmittedBy))
                    .col(timestamp_with_time_zone(ApplicationVersion::SubmittedAt))
                    .primary_key(
                        Index::create()
                            .col(ApplicationVersion::ApplicationId)
                            .col(ApplicationVersion::Number),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationVersion::Table, ApplicationVersion::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DnrSequence::Table)
                    .if_not_exists()
                    .col(string_len(DnrSequence::Prefix, 10))
                    .col(integer(DnrSequence::Year))
                    .col(big_integer(DnrSequence::Last))
                    .primary_key(
                        Index::create()
                            .col(DnrSequence::Prefix)
                            .col(DnrSequence::Year),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DnrSequence::Table.into_iden(),
            ApplicationVersion::Table.into_iden(),
            Application::Table.into_iden(),
            LateWindow::Table.into_iden(),
            GrantProgramme::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum GrantProgramme {
    Table,
    Id,
    Slug,
    Name,
    Description,
    WindowFrom,
    WindowTo,
    MinMonths,
    MaxMonths,
    RequiredAttachments,
    Criteria,
    TextLimit,
    DnrPrefix,
    HandlingWeeks,
    Active,
    Position,
}

#[derive(DeriveIden)]
enum LateWindow {
    Table,
    Id,
    ProgrammeId,
    AssociationId,
    OpenUntil,
    Reason,
    GrantedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    AssociationId,
    ProgrammeId,
    Status,
    Revision,
    Content,
    ActivityName,
    RequestedOre,
    PeriodFrom,
    PeriodTo,
    Dnr,
    SubmittedAt,
    SubmittedBy,
    SubmitKey,
    CopyKey,
    CopiedFrom,
    Unbalanced,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    WithdrawnAt,
}

#[derive(DeriveIden)]
enum ApplicationVersion {
    Table,
    ApplicationId,
    Number,
    Content,
    SubmittedBy,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum DnrSequence {
    Table,
    Prefix,
    Year,
    Last,
}

#[derive(DeriveIden)]
enum Association {
    Table,
    Id,
}
