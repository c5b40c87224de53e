use sea_orm::entity::prelude::*;

/// A person an officer has verified as entitled to act for the association, until
/// `valid_until` (inclusive).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "representative")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub association_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub proof_id: Uuid,
    pub verified_by: Option<Uuid>,
    pub verified_at: DateTimeUtc,
    pub valid_until: Date,
    /// When the "ending soon" reminder went out, if it has.
    pub reminded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
