//! Table `assignment_members`: a person in an assignment with their role, own period (ISO
//! days) and whether they serve in their own Unit Organisasi or are seconded (PEN-05/06).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignment_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assignment_id: i64,
    pub employee_id: Option<i64>,
    pub name: String,
    pub nip: String,
    /// `MemberRole::code()`.
    pub role: String,
    /// `MembershipKind::code()`.
    pub membership: String,
    pub from_day: String,
    pub until_day: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
