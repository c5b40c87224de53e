use sea_orm::entity::prelude::*;

/// Someone asking the owners of an association's account to let them in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub association_id: Uuid,
    pub name: String,
    pub email: String,
    pub message: String,
    pub created_at: DateTimeUtc,
    /// SHA-256 of the confirmation link's token, until it is used.
    pub token_hash: Option<String>,
    /// When an unconfirmed request lapses.
    pub expires_at_ms: i64,
    /// When the requester confirmed the address; only then do the owners see it.
    pub confirmed_at: Option<DateTimeUtc>,
    /// `invited` or `declined` once answered.
    pub outcome: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
