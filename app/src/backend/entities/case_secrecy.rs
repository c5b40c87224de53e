use sea_orm::entity::prelude::*;

/// An officer's mark that a field of a case is secret (offentlighets- och
/// sekretesslagen) and never published.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_secrecy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: Uuid,
    /// `association`, `activity` or `motivation`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub field: String,
    /// The ground, e.g. "OSL 26 kap. 1 §".
    pub reason: String,
    pub marked_by: Uuid,
    pub marked_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
