use sea_orm::entity::prelude::*;

/// A registered association (förening).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "association")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    #[sea_orm(unique)]
    pub org_number: String,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    pub postal_address: String,
    pub founded_year: Option<i32>,
    pub members_in_city: Option<i32>,
    pub target_group: String,
    pub created_at: DateTimeUtc,
    /// `NNNN-NNNN`, or empty.
    pub bankgiro: String,
    /// `NNNNNNN-N`, or empty.
    pub plusgiro: String,
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
