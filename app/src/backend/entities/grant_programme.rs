use sea_orm::entity::prelude::*;

/// A grant programme (bidragsform): its window, rules and Dnr prefix.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "grant_programme")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub description: String,
    /// `MM-DD`; both empty for a programme open all year.
    pub window_from: Option<String>,
    pub window_to: Option<String>,
    pub min_months: i32,
    pub max_months: i32,
    /// JSON array of attachment kinds.
    pub required_attachments: String,
    /// JSON array of criteria keys.
    pub criteria: String,
    pub text_limit: i32,
    pub dnr_prefix: String,
    pub handling_weeks: i32,
    pub active: bool,
    /// Reclaims of unused money are decided by the committee, not by the officer on
    /// delegation.
    pub reclaim_by_committee: bool,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
