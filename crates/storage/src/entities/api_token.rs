//! Table `api_tokens`: machine access to the API. Only the SHA-256 of the secret is kept.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// `None`: every agency.
    pub agency_id: Option<i64>,
    pub can_write: bool,
    /// Lowercase hex SHA-256 of the secret.
    pub token_hash: String,
    /// The first characters of the secret, to recognise a token in lists.
    pub prefix: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoked_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
