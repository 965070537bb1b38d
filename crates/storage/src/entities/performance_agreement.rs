//! Table `performance_agreements`: a Perjanjian Kinerja of one post holder for one year
//! (MEK-02), with who sets it (STR-01..05) and both signatures. Names are kept as made, so the
//! record outlives a re-import that removes the position or the person.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "performance_agreements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub department_id: Option<i64>,
    pub year: i32,
    pub position_id: Option<i64>,
    pub employee_id: Option<i64>,
    pub position_name: String,
    pub holder_name: String,
    pub holder_nip: Option<String>,
    /// `position` or `regional_head`.
    pub setter_kind: String,
    pub setter_position_id: Option<i64>,
    pub setter_name: String,
    /// The rule that names the setter (STR-0x, MEK-02) and its article.
    pub rule_id: String,
    pub article: String,
    /// `AgreementStatus::code()`.
    pub status: String,
    /// 1 for the first text; +1 for each amendment of a signed agreement.
    pub version: i32,
    pub holder_signed_at: Option<DateTimeUtc>,
    pub holder_signed_by: Option<String>,
    pub setter_signed_at: Option<DateTimeUtc>,
    pub setter_signed_by: Option<String>,
    /// The person who signed as *pihak kedua*: name with titles, and NIP (none for a regional
    /// head).
    pub setter_signer_name: Option<String>,
    pub setter_signer_nip: Option<String>,
    /// The number from the register of performance agreements, given at the second signature
    /// (DOC-05); `None` until fully signed and again after an amendment, until signed again.
    pub number: Option<String>,
    /// The `letter_numbers` line of that number.
    pub number_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
