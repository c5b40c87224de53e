use sea_orm::entity::prelude::*;

/// One instalment of a granted case's payment plan.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub application_id: Uuid,
    pub association_id: Uuid,
    /// Instalment `number` of `of`.
    pub number: i32,
    pub of: i32,
    pub amount_ore: i64,
    /// The day it falls due; `None` when it waits for its condition.
    pub due_on: Option<Date>,
    /// `""` (a date) or `follow_up_approved`.
    pub condition: String,
    /// `planned`, `held`, `batched` or `paid` (`features::payments::PaymentStatus`).
    pub status: String,
    pub hold_reason: String,
    /// When the decision wins laga kraft: paid before that at the municipality's risk.
    pub legal_force_on: Date,
    /// The association's giro details when the decision was justerat.
    pub decided_bankgiro: String,
    pub decided_plusgiro: String,
    pub batch_id: Option<Uuid>,
    /// The giro details the payment went to (set when it is put in a batch).
    pub paid_bankgiro: String,
    pub paid_plusgiro: String,
    pub paid_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
