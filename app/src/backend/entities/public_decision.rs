use sea_orm::entity::prelude::*;

/// A decided case as the public reads it (a public record), written when the minutes
/// are justerade and again when an officer changes its secrecy marks: fields marked
/// secret are already left out here, so no public page can show them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "public_decision")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: Uuid,
    /// The stable address: `sof-2023-7` for `SOF 2023/7`.
    #[sea_orm(unique)]
    pub slug: String,
    pub dnr: String,
    pub association: String,
    pub programme_id: Uuid,
    pub programme: String,
    pub programme_slug: String,
    pub activity: String,
    pub requested_ore: i64,
    /// `beviljad`, `delvis_beviljad` or `avslagen`.
    pub outcome: String,
    pub amount_ore: Option<i64>,
    pub body: String,
    pub meeting_id: Uuid,
    pub meeting_on: Date,
    pub paragraph: i32,
    pub justered_on: Date,
    /// The meeting's year.
    pub year: i32,
    pub decision_text: String,
    pub motivation: String,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
