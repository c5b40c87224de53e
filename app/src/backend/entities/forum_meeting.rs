use sea_orm::entity::prelude::*;

/// The minutes of one meeting of *Gemensam utvecklingsgrupp*.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_meeting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The meeting's day; also its address (`/utvecklingsgrupp/2017-11-27`).
    #[sea_orm(unique)]
    pub held_on: Date,
    pub title: String,
    /// JSON: `[{"name": …, "organisation": …}]`, in the order written.
    pub attendees: String,
    /// What staff wrote.
    pub markdown: String,
    /// The Markdown rendered and sanitised (`ammonia`), as the public page shows it.
    pub html: String,
    /// Title, attendees and text without markup: what a hit is shown from.
    pub plain_text: String,
    /// The plain text's words as Swedish stems: what SQLite's FTS5 table indexes.
    pub stems: String,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
