//! Table `letterheads`: the kop of an agency (department 0) or of a Perangkat Daerah.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letterheads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub department_id: i64,
    /// JSON array of the name lines, top first.
    pub lines: String,
    pub address: String,
    /// JSON array of contact lines (telephone, e-mail, website).
    pub contacts: String,
    /// PNG.
    pub logo: Option<Vec<u8>>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
