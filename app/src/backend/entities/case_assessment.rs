use sea_orm::entity::prelude::*;

/// The officer's assessment of a case (förvaltningens bedömning) and proposal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_assessment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: Uuid,
    pub author_id: Uuid,
    pub content: String,
    pub proposal: String,
    pub amount_ore: Option<i64>,
    pub immediate: bool,
    pub revision: i32,
    pub finished_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
