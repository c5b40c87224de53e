use sea_orm::entity::prelude::*;

/// An officer's request that the association complete its application (komplettering).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "completion_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub application_id: Uuid,
    /// What the association is to complete, in the officer's words.
    pub message: String,
    /// The day the answer is due.
    pub reply_by: Date,
    /// JSON list of the document types asked for (may be empty).
    pub documents: String,
    /// The submitted version the request was made on.
    pub from_version: i32,
    pub requested_by: Uuid,
    pub requested_at: DateTimeUtc,
    /// When the association sent the application in again.
    pub answered_at: Option<DateTimeUtc>,
    /// The version that answered it.
    pub answered_version: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
