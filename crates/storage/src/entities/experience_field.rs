//! Table `experience_fields`: an agency's controlled list of fields of experience (issue 14
//! point 6; PEN-08 huruf d), each with its synonyms as a JSON list.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "experience_fields")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub code: String,
    pub name: String,
    /// JSON list of strings.
    pub synonyms: String,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
