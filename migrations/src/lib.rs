//! Database migrations for Föreningsportalen.
//!
//! Named `mYYYYMMDD_HHMMSS_verb_noun`, each with a `down`, never edited once landed,
//! and written with sea-query so the same migration runs on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261122_171500_create_accounts;
mod m20261122_180000_create_sessions;
mod m20261122_181000_create_events_and_outbox;
mod m20261122_190000_create_sign_in_failures;
mod m20261122_191000_create_email_tokens;
mod m20261122_192000_add_association_giro;
mod m20261122_193000_create_association_invitations;
mod m20261123_090000_create_board_members;
mod m20261123_091000_create_access_requests;
mod m20261123_092000_create_attachments_and_representatives;
mod m20261201_090000_create_programmes_and_applications;
mod m20261201_120000_add_application_attachments;
mod m20261202_090000_create_case_work;
mod m20261202_120000_create_assessment;
mod m20261202_140000_create_committee;
mod m20261203_090000_create_completion_requests;
mod m20261203_100000_create_search_indexes;
mod m20261203_110000_create_public_records;
mod m20261204_090000_create_minutes_and_guidance;
mod m20261204_100000_create_umbrella_membership;
mod m20261205_090000_add_minutes_search_vector;
mod m20261205_100000_create_payments;
mod m20261206_090000_create_follow_up;
mod m20261207_090000_create_partnerships;
mod m20261208_090000_add_partnership_committee;
mod m20261209_090000_add_queue_order_index;

/// All migrations, in the order they are applied.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_171500_create_accounts::Migration),
            Box::new(m20261122_180000_create_sessions::Migration),
            Box::new(m20261122_181000_create_events_and_outbox::Migration),
            Box::new(m20261122_190000_create_sign_in_failures::Migration),
            Box::new(m20261122_191000_create_email_tokens::Migration),
            Box::new(m20261122_192000_add_association_giro::Migration),
            Box::new(m20261122_193000_create_association_invitations::Migration),
            Box::new(m20261123_090000_create_board_members::Migration),
            Box::new(m20261123_091000_create_access_requests::Migration),
            Box::new(m20261123_092000_create_attachments_and_representatives::Migration),
            Box::new(m20261201_090000_create_programmes_and_applications::Migration),
            Box::new(m20261201_120000_add_application_attachments::Migration),
            Box::new(m20261202_090000_create_case_work::Migration),
            Box::new(m20261202_120000_create_assessment::Migration),
            Box::new(m20261202_140000_create_committee::Migration),
            Box::new(m20261203_090000_create_completion_requests::Migration),
            Box::new(m20261203_100000_create_search_indexes::Migration),
            Box::new(m20261203_110000_create_public_records::Migration),
            Box::new(m20261204_090000_create_minutes_and_guidance::Migration),
            Box::new(m20261204_100000_create_umbrella_membership::Migration),
            Box::new(m20261205_090000_add_minutes_search_vector::Migration),
            Box::new(m20261205_100000_create_payments::Migration),
            Box::new(m20261206_090000_create_follow_up::Migration),
            Box::new(m20261207_090000_create_partnerships::Migration),
            Box::new(m20261208_090000_add_partnership_committee::Migration),
            Box::new(m20261209_090000_add_queue_order_index::Migration),
        ]
    }
}
