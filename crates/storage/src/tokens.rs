//! API tokens for machine access (issue 3 point 5). The secret is shown once, at creation;
//! only its SHA-256 is stored, so a copy of the database does not give access. Creation and
//! revocation are audited, never with the secret or its hash.

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::AgencyId;

use crate::Store;
use crate::audit::{self, AuditActor};
use crate::entities::{agency, api_token};
use crate::error::{OnConstraint, Result, StorageError};

/// Every token starts with this, so a leaked one is recognisable (e.g. by secret scanners).
pub const TOKEN_PREFIX: &str = "skj_";
/// Random bytes per secret: 200 bits, 40 base32 characters.
const SECRET_BYTES: usize = 25;
/// Characters of the secret kept to recognise a token in lists.
const SHOWN_CHARS: usize = 8;
/// `last_used_at` is written at most this often per token, not on every request.
const LAST_USED_RESOLUTION: TimeDelta = TimeDelta::minutes(1);
/// Longer input is no token of ours; it is not even hashed.
const MAX_SECRET_LEN: usize = 128;

/// Id of a row of `api_tokens`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ApiTokenId(pub i64);

impl std::fmt::Display for ApiTokenId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// An API token without its secret.
#[derive(Debug, Clone, Serialize)]
pub struct ApiTokenView {
    pub id: ApiTokenId,
    pub name: String,
    /// `None`: the token reaches every agency.
    pub agency: Option<AgencyId>,
    /// May change data; otherwise read only.
    pub can_write: bool,
    /// The first characters of the secret (`skj_abcd`), to recognise it.
    pub prefix: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// `None` while the token works.
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<String>,
}

impl From<api_token::Model> for ApiTokenView {
    fn from(m: api_token::Model) -> Self {
        ApiTokenView {
            id: ApiTokenId(m.id),
            name: m.name,
            agency: m.agency_id.map(AgencyId),
            can_write: m.can_write,
            prefix: m.prefix,
            created_by: m.created_by,
            created_at: m.created_at,
            last_used_at: m.last_used_at,
            revoked_at: m.revoked_at,
            revoked_by: m.revoked_by,
        }
    }
}

/// Lowercase hex SHA-256 of a secret, as stored in `api_tokens.token_hash`.
pub(crate) fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// RFC 4648 base32 in lowercase, without padding (`bytes.len()` a multiple of 5).
pub(crate) fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::with_capacity(bytes.len() * 8 / 5);
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        for i in (0..8).rev() {
            out.push(char::from(ALPHABET[((bits >> (i * 5)) & 31) as usize]));
        }
    }
    out
}

/// A new secret from the operating system's CSPRNG: `skj_` and 40 base32 characters.
fn new_secret() -> Result<String> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| {
        StorageError::Database(sea_orm::DbErr::Custom(format!(
            "no random numbers from the operating system: {e}"
        )))
    })?;
    Ok(format!("{TOKEN_PREFIX}{}", base32(&bytes)))
}

impl Store {
    /// Creates a token and returns it with its secret, which is not stored and cannot be
    /// shown again. `agency` `None` reaches every agency. The name must not be blank.
    pub async fn create_api_token(
        &self,
        name: &str,
        agency: Option<AgencyId>,
        can_write: bool,
        actor: &AuditActor,
    ) -> Result<(ApiTokenView, String)> {
        let by = actor.checked_label()?;
        let name = name.trim();
        if name.is_empty() {
            return Err(StorageError::invalid(
                "token_name_blank",
                "nama token wajib diisi",
            ));
        }
        let secret = new_secret()?;
        let txn = self.begin_write().await?;
        if let Some(a) = agency {
            agency::Entity::find_by_id(a.0)
                .one(&txn)
                .await?
                .ok_or_else(|| StorageError::not_found("agency", a))?;
        }
        let prefix: String = secret.chars().take(SHOWN_CHARS).collect();
        let row = api_token::ActiveModel {
            name: Set(name.to_string()),
            agency_id: Set(agency.map(|a| a.0)),
            can_write: Set(can_write),
            token_hash: Set(hash_secret(&secret)),
            prefix: Set(prefix.clone()),
            created_by: Set(by.to_string()),
            created_at: Set(Utc::now().trunc_subsecs(6)),
            ..Default::default()
        };
        let id = api_token::Entity::insert(row)
            .exec(&txn)
            .await
            .on_constraint("pembuatan token API")?
            .last_insert_id;
        audit::append_by(
            &txn,
            actor,
            AuditAction::TokenCreated,
            audit::Subject::new(AuditSubject::ApiToken, id, agency.map(|a| a.0)),
            json!({
                "name": name,
                "agency": agency.map(|a| a.0),
                "can_write": can_write,
                "prefix": prefix,
            }),
        )
        .await?;
        let view = api_token::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("api_token", id))?;
        txn.commit().await?;
        Ok((view.into(), secret))
    }

    /// The token a secret belongs to; `None` for an unknown or revoked one. Notes the use in
    /// `last_used_at` when the last note is more than a minute old (one write per minute
    /// per token, not one per request).
    pub async fn api_token_by_secret(&self, secret: &str) -> Result<Option<ApiTokenView>> {
        if !secret.starts_with(TOKEN_PREFIX) || secret.len() > MAX_SECRET_LEN {
            return Ok(None);
        }
        let Some(mut row) = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(hash_secret(secret)))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        if row.revoked_at.is_some() {
            return Ok(None);
        }
        let now = Utc::now().trunc_subsecs(6);
        let stale = now - LAST_USED_RESOLUTION;
        if row.last_used_at.is_none_or(|t| t < stale) {
            // One statement, conditional, so concurrent requests write at most once.
            api_token::Entity::update_many()
                .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
                .filter(api_token::Column::Id.eq(row.id))
                .filter(
                    api_token::Column::LastUsedAt
                        .is_null()
                        .or(api_token::Column::LastUsedAt.lt(stale)),
                )
                .exec(&self.db)
                .await?;
            row.last_used_at = Some(now);
        }
        Ok(Some(row.into()))
    }

    /// Revokes a token at once. Unknown: `NotFound`; already revoked:
    /// `Conflict token_already_revoked`.
    pub async fn revoke_api_token(&self, id: ApiTokenId, actor: &AuditActor) -> Result<()> {
        let by = actor.checked_label()?;
        let txn = self.begin_write().await?;
        // Locked so that parallel revocations queue and the later ones read it revoked
        // (issue 12 point 2).
        let row = api_token::Entity::find_by_id(id.0)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("api_token", id))?;
        if row.revoked_at.is_some() {
            return Err(StorageError::conflict(
                "token_already_revoked",
                "token ini sudah dicabut sebelumnya",
            ));
        }
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::RevokedAt,
                Expr::value(Utc::now().trunc_subsecs(6)),
            )
            .col_expr(api_token::Column::RevokedBy, Expr::value(by))
            .filter(api_token::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        audit::append_by(
            &txn,
            actor,
            AuditAction::TokenRevoked,
            audit::Subject::new(AuditSubject::ApiToken, row.id, row.agency_id),
            json!({ "name": row.name, "agency": row.agency_id, "prefix": row.prefix }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every token, active and revoked, newest first.
    pub async fn api_tokens(&self) -> Result<Vec<ApiTokenView>> {
        Ok(api_token::Entity::find()
            .order_by_desc(api_token::Column::CreatedAt)
            .order_by_desc(api_token::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(ApiTokenView::from)
            .collect())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn base32_encodes_five_bytes_as_eight_characters() {
        // RFC 4648 test vector "fooba" → "MZXW6YTB".
        assert_eq!(base32(b"fooba"), "mzxw6ytb");
        assert_eq!(base32(&[0; 5]), "aaaaaaaa");
        assert_eq!(base32(&[0xff; 5]), "77777777");
    }

    #[test]
    fn a_secret_is_the_prefix_and_forty_random_characters() {
        let a = new_secret().unwrap();
        let b = new_secret().unwrap();
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 40);
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_ne!(a, b);
        assert_eq!(hash_secret(&a).len(), 64);
        assert_ne!(hash_secret(&a), hash_secret(&b));
    }
}
