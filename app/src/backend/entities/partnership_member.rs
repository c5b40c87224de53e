use sea_orm::entity::prelude::*;

/// A member of a partnership's steering group (`styrgrupp`) or cooperation group
/// (`samverkansgrupp`), from either party.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partnership_member")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub partnership_id: Uuid,
    pub group_kind: String,
    pub name: String,
    pub organisation: String,
    pub role: String,
    /// The party the member comes from: `stad` or `partner` (`features::partnerships::Party`).
    pub party: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
