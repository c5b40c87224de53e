use sea_orm::entity::prelude::*;

/// One follow-up report (återrapport) of a granted case: one per report period (a
/// multi-year grant reports once a year).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub application_id: Uuid,
    pub association_id: Uuid,
    pub programme_id: Uuid,
    /// Report `number` of `of`.
    pub number: i32,
    pub of: i32,
    /// The part of the grant period it reports on.
    pub period_from: Date,
    pub period_to: Date,
    pub due_on: Date,
    /// The amount granted for the whole case.
    pub granted_ore: i64,
    /// `due`, `submitted`, `changes` or `approved` (`features::follow_up::ReportStatus`).
    pub status: String,
    /// The answers as JSON (`features::follow_up::Report`): the draft, then what was sent.
    pub content: String,
    /// Bumped by every save, so two people saving at once do not overwrite each other.
    pub revision: i32,
    pub submitted_at: Option<DateTimeUtc>,
    pub submitted_by: Option<Uuid>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<Uuid>,
    /// The officer's message with a request for changes, or the approval's note.
    pub review_note: String,
    /// The due date each reminder was sent for: a changed due date gets its reminders
    /// again, an unchanged one never twice.
    pub reminded_before: Option<Date>,
    pub reminded_due: Option<Date>,
    pub reminded_overdue: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
