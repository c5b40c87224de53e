use sea_orm::entity::prelude::*;

/// An association's application to join the umbrella organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "umbrella_application")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub association_id: Uuid,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    /// The day the association's board decided to join.
    pub board_decided_on: Date,
    /// The board's minutes.
    pub attachment_id: Uuid,
    pub applied_by: Uuid,
    pub applied_at: DateTimeUtc,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    /// Why it was rejected (empty otherwise).
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
