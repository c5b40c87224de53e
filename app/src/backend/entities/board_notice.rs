use sea_orm::entity::prelude::*;

/// A notice on the digital anslagstavla that a committee's minutes are justerade.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "board_notice")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub meeting_id: Uuid,
    /// "Organisations- och föreningsutskottet".
    pub body: String,
    pub meeting_on: Date,
    pub justered_on: Date,
    /// The day the notice went up.
    pub up_on: Date,
    /// The last day it is up: the last day to request laglighetsprövning.
    pub down_on: Date,
    /// The day the decisions win laga kraft if nobody appealed.
    pub legal_force_on: Date,
    /// "§ 1–3".
    pub paragraphs: String,
    /// Where the minutes are kept.
    pub kept_at: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
