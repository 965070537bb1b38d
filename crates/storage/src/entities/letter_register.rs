//! Table `letter_registers`: the numbering register of an issuing Perangkat Daerah (department
//! 0: the agency itself) for one letter kind and year (DOC-05).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_registers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    /// 0 for the agency itself.
    pub department_id: i64,
    /// `LetterKind::code()`.
    pub kind: String,
    pub year: i32,
    /// *Kode klasifikasi arsip*, e.g. "800.1.11".
    pub classification: String,
    /// The issuing unit's code in the number, e.g. "BKPSDM".
    pub unit_code: String,
    /// e.g. "{klasifikasi}/{nomor}/{unit}/{tahun}".
    pub pattern: String,
    /// The next sequence number to give.
    pub next_seq: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
