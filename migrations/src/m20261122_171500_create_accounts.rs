//! Accounts: user accounts (applicants, officers, approvers, admins), associations and
//! which accounts belong to which association.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .if_not_exists()
                    .col(pk_uuid(AppUser::Id))
                    .col(string_len_uniq(AppUser::Email, 254))
                    .col(string_len(AppUser::DisplayName, 200))
                    .col(string_len(AppUser::Title, 200).default(""))
                    .col(string_len(AppUser::Phone, 40).default(""))
                    // applicant | officer | approver | admin
                    .col(string_len(AppUser::Role, 20))
                    .col(text(AppUser::PasswordHash))
                    .col(timestamp_with_time_zone_null(AppUser::EmailVerifiedAt))
                    .col(boolean(AppUser::Active).default(true))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Association::Table)
                    .if_not_exists()
                    .col(pk_uuid(Association::Id))
                    .col(string_len(Association::Name, 200))
                    // Normalised `NNNNNN-NNNN`, Luhn-checked before it gets here.
                    .col(string_len_uniq(Association::OrgNumber, 11))
                    .col(string_len(Association::ContactPerson, 200))
                    .col(string_len(Association::Email, 254))
                    .col(string_len(Association::Phone, 40))
                    .col(string_len(Association::PostalAddress, 400))
                    .col(integer_null(Association::FoundedYear))
                    .col(integer_null(Association::MembersInCity))
                    .col(text(Association::TargetGroup))
                    .col(timestamp_with_time_zone(Association::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AssociationMember::Table)
                    .if_not_exists()
                    .col(uuid(AssociationMember::AssociationId))
                    .col(uuid(AssociationMember::UserId))
                    // owner | member
                    .col(string_len(AssociationMember::Role, 20))
                    .col(timestamp_with_time_zone(AssociationMember::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(AssociationMember::AssociationId)
                            .col(AssociationMember::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssociationMember::Table, AssociationMember::AssociationId)
                            .to(Association::Table, Association::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssociationMember::Table, AssociationMember::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_association_member_user")
                    .table(AssociationMember::Table)
                    .col(AssociationMember::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AssociationMember::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Association::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AppUser::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Email,
    DisplayName,
    Title,
    Phone,
    Role,
    PasswordHash,
    EmailVerifiedAt,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Association {
    Table,
    Id,
    Name,
    OrgNumber,
    ContactPerson,
    Email,
    Phone,
    PostalAddress,
    FoundedYear,
    MembersInCity,
    TargetGroup,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AssociationMember {
    Table,
    AssociationId,
    UserId,
    Role,
    CreatedAt,
}
