use sea_orm::entity::prelude::*;

/// An association's proof of who represents it (board minutes or the like), waiting
/// for an officer or decided.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "representative_proof")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub association_id: Uuid,
    pub attachment_id: Uuid,
    pub submitted_by: Option<Uuid>,
    /// The account members the document names, as a JSON array of ids.
    pub named_users: String,
    pub next_annual_meeting: Date,
    /// `pending`, `verified` or `rejected`.
    pub status: crate::features::representatives::ProofStatus,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub decision_note: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
