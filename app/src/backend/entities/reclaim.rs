use sea_orm::entity::prelude::*;

/// A decided reclaim (återkrav) of unused grant money, followed until it is paid back.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reclaim")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub follow_up_id: Uuid,
    pub application_id: Uuid,
    pub association_id: Uuid,
    /// What is claimed back.
    pub amount_ore: i64,
    /// What the report's figures leave unused (the officer may claim less or more, with
    /// the reason).
    pub computed_ore: i64,
    pub reason: String,
    /// The calculation as the letter shows it.
    pub calculation: String,
    /// `proposed` (the committee decides), `decided` or `paid`.
    pub status: String,
    /// Who proposed it, then who decided it or recorded the committee's decision.
    pub decided_by: Uuid,
    pub decided_on: Date,
    /// How it was decided, as the letter says it: "av Emelie Steen på delegation".
    pub decided_how: String,
    /// The day it is to be paid back by.
    pub due_on: Date,
    /// What the association writes with its payment (the case's Dnr).
    pub reference: String,
    pub paid_on: Option<Date>,
    pub paid_registered_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
