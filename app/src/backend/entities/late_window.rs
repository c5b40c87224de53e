use sea_orm::entity::prelude::*;

/// A programme opened after its window for one association, by an officer, with the
/// reason (a window missed for a good reason).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "late_window")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub association_id: Uuid,
    /// The last day the association may submit.
    pub open_until: Date,
    pub reason: String,
    pub granted_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::GrantedBy",
        to = "super::app_user::Column::Id"
    )]
    GrantedBy,
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GrantedBy.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
