use sea_orm::entity::prelude::*;

/// A payment order (betalningsorder): prepared by one person, attested by another,
/// exported once as a pain.001 file, then marked as paid.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_batch")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `2026-001`: the year and the batch's number in it.
    #[sea_orm(unique)]
    pub number: String,
    /// `prepared`, `attested`, `paid` or `cancelled` (`features::payments::BatchStatus`).
    pub status: String,
    /// The requested execution day in the file.
    pub execute_on: Date,
    pub total_ore: i64,
    pub payments: i32,
    pub prepared_by: Uuid,
    pub prepared_at: DateTimeUtc,
    pub attested_by: Option<Uuid>,
    pub attested_at: Option<DateTimeUtc>,
    /// The pain.001 file, written once at attestation.
    pub file: Option<String>,
    pub exported_by: Option<Uuid>,
    pub exported_at: Option<DateTimeUtc>,
    pub paid_by: Option<Uuid>,
    pub paid_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
