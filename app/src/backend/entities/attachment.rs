use sea_orm::entity::prelude::*;

/// An uploaded document: its bytes live in the storage back end under `storage_key`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub association_id: Uuid,
    /// What the document is for, e.g. `representatives`.
    pub purpose: String,
    /// The name the uploader's computer gave it, cleaned.
    pub file_name: String,
    /// Decided from the content, never from the name.
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// The application it is attached to, for an application's documents.
    pub application_id: Option<Uuid>,
    /// Which of the programme's documents it is (`stadgar`, `budget`, … `ovrigt`).
    pub document_type: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
