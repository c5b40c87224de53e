use sea_orm::entity::prelude::*;

/// An application: a draft while the association writes it, then a case with a Dnr.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub association_id: Uuid,
    pub programme_id: Uuid,
    pub status: crate::features::applications::Status,
    /// Raised by every save; a save based on an older revision is refused.
    pub revision: i32,
    /// The answers (`features::applications::Content` as JSON).
    pub content: String,
    pub activity_name: String,
    pub requested_ore: i64,
    pub period_from: Option<Date>,
    pub period_to: Option<Date>,
    #[sea_orm(unique)]
    pub dnr: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub submitted_by: Option<Uuid>,
    #[sea_orm(unique)]
    pub submit_key: Option<String>,
    #[sea_orm(unique)]
    pub copy_key: Option<String>,
    pub copied_from: Option<Uuid>,
    pub unbalanced: bool,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub withdrawn_at: Option<DateTimeUtc>,
    /// The officer who handles the case.
    pub assigned_to: Option<Uuid>,
    /// The day the officer means to be done by.
    pub due_on: Option<Date>,
    /// Lower-case "dnr org-number association activity", for the queue's search.
    pub search_text: String,
    /// The reply date of the open completion request (komplettering), if one is open.
    pub completion_due: Option<Date>,
    /// The officer asked for documents the association has not sent yet.
    pub missing_attachment: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::grant_programme::Entity",
        from = "Column::ProgrammeId",
        to = "super::grant_programme::Column::Id"
    )]
    Programme,
    #[sea_orm(
        belongs_to = "super::association::Entity",
        from = "Column::AssociationId",
        to = "super::association::Column::Id"
    )]
    Association,
}

impl Related<super::grant_programme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Programme.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
