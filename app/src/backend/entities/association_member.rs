use sea_orm::entity::prelude::*;

/// An account's membership of an association: `owner` or `member`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "association_member")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub association_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub role: crate::domain::role::MemberRole,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::association::Entity",
        from = "Column::AssociationId",
        to = "super::association::Column::Id",
        on_delete = "Cascade"
    )]
    Association,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::UserId",
        to = "super::app_user::Column::Id",
        on_delete = "Cascade"
    )]
    AppUser,
}

impl Related<super::association::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Association.def()
    }
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AppUser.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
