//! Table `role_grants`: a role an admin gave a person in an agency, and when and why it was
//! taken back. Rows are never deleted, so the list shows past grants too.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_grants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub employee_id: i64,
    pub agency_id: i64,
    /// `GrantedRole::code()`.
    pub role: String,
    pub granted_by: String,
    pub granted_at: DateTimeUtc,
    pub reason: String,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
