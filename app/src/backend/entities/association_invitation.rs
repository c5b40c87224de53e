use sea_orm::entity::prelude::*;

/// An invitation to join an association's account, by the SHA-256 of its link's token.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "association_invitation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub association_id: Uuid,
    pub email: String,
    pub invited_by: Uuid,
    pub expires_at_ms: i64,
    pub accepted_at_ms: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
