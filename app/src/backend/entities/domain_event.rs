use sea_orm::entity::prelude::*;

/// One fact in the append-only event log: the case history and the audit trail.
/// The database refuses updates and deletes (see the migration's triggers).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "domain_event")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub aggregate_type: String,
    pub aggregate_id: Uuid,
    pub event_type: String,
    pub actor_id: Option<Uuid>,
    pub occurred_at: DateTimeUtc,
    pub payload: Json,
    pub schema_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
