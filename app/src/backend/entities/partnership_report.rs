use sea_orm::entity::prelude::*;

/// The partner's follow-up report for one period of a partnership (half-yearly in the
/// seed), with the officer's review and the tjänsteutlåtande's text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partnership_report")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub partnership_id: Uuid,
    pub number: i32,
    pub period_from: Date,
    pub period_to: Date,
    pub due_on: Date,
    /// `due`, `submitted`, `changes` or `approved` (`features::follow_up::ReportStatus`).
    pub status: String,
    /// The answers as JSON (`features::partnerships::PartnerReport`).
    pub content: String,
    /// Bumped by every save, so two people saving at once do not overwrite each other.
    pub revision: i32,
    pub submitted_at: Option<DateTimeUtc>,
    pub submitted_by: Option<Uuid>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<Uuid>,
    pub review_note: String,
    /// The tjänsteutlåtande's sections as the officer edited them, as JSON
    /// (`features::partnerships::Statement`); empty until first saved.
    pub statement: String,
    /// The committee meeting the follow-up goes to.
    pub meeting_id: Option<Uuid>,
    /// Its § in that meeting's minutes, numbered with the meeting's cases; `None` until
    /// it is on the agenda.
    pub paragraph: Option<i32>,
    /// The committee's decision (`features::partnerships::FollowUpDecision`); empty
    /// until decided.
    pub decision: String,
    pub dissent: String,
    /// Members who did not take part because of jäv.
    pub recused: String,
    pub decided_at: Option<DateTimeUtc>,
    /// Handed in on paper before the partnership was entered in the portal.
    pub on_paper: bool,
    pub reminded_before: Option<Date>,
    pub reminded_due: Option<Date>,
    pub reminded_overdue: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
