use sea_orm::entity::prelude::*;

/// A case on a meeting's agenda: its §, and once decided, the decision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_item")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub meeting_id: Uuid,
    #[sea_orm(unique)]
    pub application_id: Uuid,
    pub paragraph: i32,
    pub decision: String,
    pub amount_ore: Option<i64>,
    pub dissent: String,
    pub recused: String,
    pub immediate: bool,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
