use sea_orm::entity::prelude::*;

/// The notes of one meeting of a partnership's steering or cooperation group, in
/// Markdown (rendered sanitised).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partnership_meeting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub partnership_id: Uuid,
    pub group_kind: String,
    pub held_on: Date,
    pub notes: String,
    pub written_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
