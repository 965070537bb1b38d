//! Table `regional_heads`: the Bupati and Wakil Bupati of an agency, who sign in with a
//! username (they have no NIP). One row per agency and kind.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "regional_heads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    /// `RegionalHeadKind::code()`: `head` or `deputy`.
    pub kind: String,
    pub title: String,
    pub name: String,
    /// Lowercase.
    pub username: String,
    /// argon2id PHC string; `None` until a password is set.
    pub password_hash: Option<String>,
    pub must_change: bool,
    pub changed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
