//! Table `regional_head_terms`: one term of office of an elected regional head (issue 14
//! point 4) — the account holding it, the office, the first and last day and the legal basis
//! of its start and end. One open term per agency and kind (partial unique index).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "regional_head_terms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The account (`regional_heads.id`) of who holds the term.
    pub regional_head_id: i64,
    pub agency_id: i64,
    /// `RegionalHeadKind::code()`: `head` or `deputy`.
    pub kind: String,
    /// `RegionalOffice::code()`.
    pub office: String,
    /// The office as letters name it ("Bupati Banjar").
    pub title: String,
    /// First day, ISO; `None` for a term recorded before terms were kept.
    pub starts_on: Option<String>,
    /// Last day, ISO; `None` while open.
    pub ends_on: Option<String>,
    pub basis_number: Option<String>,
    pub basis_date: Option<String>,
    pub end_basis_number: Option<String>,
    pub end_basis_date: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
