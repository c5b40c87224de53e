use sea_orm::entity::prelude::*;

/// An IOP partnership (idéburet offentligt partnerskap): the agreement between the
/// committee and an association, with its extension and notice rules
/// (`features::partnerships::Terms`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partnership")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub association_id: Uuid,
    /// The decided IOP initiative it came from; `None` when an officer created it.
    pub application_id: Option<Uuid>,
    /// The initiative's Dnr, or the one the officer gave.
    pub dnr: String,
    pub activity: String,
    pub target_group: String,
    pub purpose: String,
    pub city_commitments: String,
    pub partner_commitments: String,
    pub yearly_amount_ore: i64,
    pub starts_on: Date,
    pub first_end_on: Date,
    /// Each extension's length; 0: no extension.
    pub extension_months: i32,
    /// The last possible end; `None` with no extension.
    pub last_end_on: Option<Date>,
    /// The yearly notice date (31 December: 12, 31).
    pub notice_month: i32,
    pub notice_day: i32,
    /// The length of a report period (6: half-yearly).
    pub report_months: i32,
    /// Days after a period's end the report is due.
    pub report_due_days: i32,
    /// The officer responsible for the partnership.
    pub officer_id: Option<Uuid>,
    pub steering_cadence: String,
    pub cooperation_cadence: String,
    /// Notice given: the day, the party (`stad` or `partner`), a note.
    pub notice_on: Option<Date>,
    pub notice_party: Option<String>,
    pub notice_note: String,
    pub notice_recorded_by: Option<Uuid>,
    /// The notice deadline the officers were warned of: never twice for one deadline.
    pub warned_for: Option<Date>,
    pub created_by: Uuid,
    /// The day it was entered in the portal: reports due before it were handled on
    /// paper. `None` for partnerships entered before the portal kept it.
    pub registered_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
