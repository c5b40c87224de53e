//! The event-driven backend: the append-only event log, the transactional outbox and
//! each person's choice of notifications.
//!
//! Scheduling columns are epoch milliseconds (`*_ms`), not timestamps: SQLite keeps
//! timestamps as text whose ordering depends on the number of fractional digits, and
//! the worker's claim query must compare them exactly on both databases.
use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DomainEvent::Table)
                    .if_not_exists()
                    .col(pk_uuid(DomainEvent::Id))
                    .col(string_len(DomainEvent::AggregateType, 40))
                    .col(uuid(DomainEvent::AggregateId))
                    .col(string_len(DomainEvent::EventType, 80))
                    .col(uuid_null(DomainEvent::ActorId))
                    .col(timestamp_with_time_zone(DomainEvent::OccurredAt))
                    .col(json(DomainEvent::Payload))
                    .col(integer(DomainEvent::SchemaVersion))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_domain_event_aggregate")
                    .table(DomainEvent::Table)
                    .col(DomainEvent::AggregateType)
                    .col(DomainEvent::AggregateId)
                    .col(DomainEvent::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .if_not_exists()
                    .col(pk_uuid(Outbox::Id))
                    .col(uuid_null(Outbox::EventId))
                    // email | live
                    .col(string_len(Outbox::Kind, 20))
                    .col(json(Outbox::Payload))
                    // pending | processing | done | skipped | dead
                    .col(string_len(Outbox::Status, 20))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(big_integer(Outbox::NextAttemptAtMs))
                    .col(big_integer_null(Outbox::LockedUntilMs))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Outbox::Table, Outbox::EventId)
                            .to(DomainEvent::Table, DomainEvent::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAtMs)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(NotificationPreference::Table)
                    .if_not_exists()
                    .col(uuid(NotificationPreference::UserId))
                    .col(string_len(NotificationPreference::Kind, 60))
                    .col(boolean(NotificationPreference::Enabled))
                    .primary_key(
                        Index::create()
                            .col(NotificationPreference::UserId)
                            .col(NotificationPreference::Kind),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                NotificationPreference::Table,
                                NotificationPreference::UserId,
                            )
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // The event log is the audit trail: the database itself refuses to change it.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for (name, operation) in [("no_update", "UPDATE"), ("no_delete", "DELETE")] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER domain_event_{name} BEFORE {operation} ON domain_event \
                         BEGIN SELECT RAISE(ABORT, 'domain events are append-only'); END;"
                    ))
                    .await?;
                }
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION domain_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'domain events are append-only'; END $$;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER domain_event_append_only BEFORE UPDATE OR DELETE ON domain_event \
                     FOR EACH ROW EXECUTE FUNCTION domain_event_append_only();",
                )
                .await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(NotificationPreference::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Outbox::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(DomainEvent::Table).to_owned())
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS domain_event_append_only();")
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum DomainEvent {
    Table,
    Id,
    AggregateType,
    AggregateId,
    EventType,
    ActorId,
    OccurredAt,
    Payload,
    SchemaVersion,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    EventId,
    Kind,
    Payload,
    Status,
    Attempts,
    NextAttemptAtMs,
    LockedUntilMs,
    LastError,
    CreatedAt,
    CompletedAt,
}

#[derive(DeriveIden)]
enum NotificationPreference {
    Table,
    UserId,
    Kind,
    Enabled,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}
