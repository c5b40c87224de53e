use sea_orm::entity::prelude::*;

/// A person's account: applicant, officer, approver or admin.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub title: String,
    pub phone: String,
    pub role: crate::domain::role::Role,
    pub password_hash: String,
    pub email_verified_at: Option<DateTimeUtc>,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::association_member::Entity")]
    AssociationMember,
}

impl Related<super::association_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AssociationMember.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
