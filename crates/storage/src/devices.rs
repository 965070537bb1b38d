//! Device cookies (issue 12 point 3; OWASP "Slow Down Online Guessing Attacks with Device
//! Cookies"): after a successful sign-in a browser gets a random token bound to the account;
//! with it, a correct password is accepted even while the account is slowed for unknown
//! devices. Only the token's SHA-256 is stored. One browser (a shared office computer) may be
//! bound to several accounts; each binding counts its own failures, and a binding that reaches
//! its limit is worthless, so a stolen cookie cannot be used for guessing.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::connect::Store;
use crate::entities::sign_in_device;
use crate::error::{Result, StorageError};
use crate::tokens::{base32, hash_secret};

/// Random bytes per device token: 200 bits, 40 base32 characters.
const DEVICE_TOKEN_BYTES: usize = 25;
/// Longer input is no device token of ours; it is not even hashed.
const MAX_TOKEN_LEN: usize = 64;

/// How device cookies are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevicePolicy {
    /// Attempts with a wrong password (counted when admitted) a binding survives; the
    /// binding that reaches this is no longer recognised.
    pub failure_limit: i32,
    /// How long a binding lasts after its last successful sign-in.
    pub lifetime: TimeDelta,
}

fn new_token() -> Result<String> {
    let mut bytes = [0u8; DEVICE_TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| {
        StorageError::Database(sea_orm::DbErr::Custom(format!(
            "no random numbers from the operating system: {e}"
        )))
    })?;
    Ok(base32(&bytes))
}

fn usable(token: &str) -> bool {
    !token.is_empty() && token.len() <= MAX_TOKEN_LEN
}

impl Store {
    /// Admits a sign-in attempt on `account` from a browser presenting the device `token`:
    /// `true` when the token is bound to that account, not expired and below the failure
    /// limit — the attempt is then counted against the binding (given back by
    /// [`Store::remember_device`] when the password was right). `false`: an unknown device.
    pub async fn admit_device(
        &self,
        token: &str,
        account: &str,
        policy: DevicePolicy,
    ) -> Result<bool> {
        if !usable(token) {
            return Ok(false);
        }
        let now = Utc::now();
        let hash = hash_secret(token);
        let txn = self.begin_write().await?;
        let row = sign_in_device::Entity::find_by_id((hash.clone(), account.to_string()))
            .lock_exclusive()
            .one(&txn)
            .await?;
        let Some(row) = row.filter(|r| r.expires_at > now && r.failures < policy.failure_limit)
        else {
            drop(txn); // rolls back
            return Ok(false);
        };
        let failures = row.failures + 1;
        sign_in_device::Entity::update(sign_in_device::ActiveModel {
            token_hash: Set(hash),
            account: Set(account.to_string()),
            failures: Set(failures),
            // The binding that reaches its limit expires with this attempt unless it succeeds.
            expires_at: Set(if failures >= policy.failure_limit {
                now
            } else {
                row.expires_at
            }),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        txn.commit().await?;
        Ok(true)
    }

    /// After a successful sign-in on `account`: a fresh device token for the browser, bound
    /// to the account with no failures for `policy.lifetime`. The bindings of the token the
    /// browser presented (other accounts signed in from it) move to the new token, so a token
    /// planted in a browser before the sign-in is worthless after it. Returns the new token.
    pub async fn remember_device(
        &self,
        presented: Option<&str>,
        account: &str,
        policy: DevicePolicy,
    ) -> Result<String> {
        let now = Utc::now();
        let token = new_token()?;
        let hash = hash_secret(&token);
        let txn = self.begin_write().await?;
        if let Some(old) = presented.filter(|t| usable(t)) {
            sign_in_device::Entity::update_many()
                .col_expr(sign_in_device::Column::TokenHash, Expr::value(hash.clone()))
                .filter(sign_in_device::Column::TokenHash.eq(hash_secret(old)))
                .exec(&txn)
                .await?;
        }
        let row = sign_in_device::ActiveModel {
            token_hash: Set(hash),
            account: Set(account.to_string()),
            failures: Set(0),
            created_at: Set(now),
            last_sign_in_at: Set(now),
            expires_at: Set(now + policy.lifetime),
        };
        let conflict = OnConflict::columns([
            sign_in_device::Column::TokenHash,
            sign_in_device::Column::Account,
        ])
        .update_columns([
            sign_in_device::Column::Failures,
            sign_in_device::Column::LastSignInAt,
            sign_in_device::Column::ExpiresAt,
        ])
        .to_owned();
        sign_in_device::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(&txn)
            .await?;
        txn.commit().await?;
        Ok(token)
    }

    /// The failures counted against a device binding, while it is recognised.
    pub async fn device_failures(&self, token: &str, account: &str) -> Result<Option<i32>> {
        if !usable(token) {
            return Ok(None);
        }
        let row = sign_in_device::Entity::find_by_id((hash_secret(token), account.to_string()))
            .one(&self.db)
            .await?;
        Ok(row
            .filter(|r| r.expires_at > Utc::now())
            .map(|r| r.failures))
    }

    pub(crate) async fn delete_expired_devices(&self, now: DateTime<Utc>) -> Result<u64> {
        Ok(sign_in_device::Entity::delete_many()
            .filter(sign_in_device::Column::ExpiresAt.lte(now))
            .exec(&self.db)
            .await?
            .rows_affected)
    }
}
