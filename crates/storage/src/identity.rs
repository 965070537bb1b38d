//! Who may sign in: password credentials per employee and the counters that throttle failed
//! sign-ins. Hashing stays out of storage — it stores and returns PHC strings only.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::Nip;
use sikerja_domain::organisation::EmployeeId;

use crate::audit::{self, AuditActor};
use crate::connect::Store;
use crate::convert::display_name;
use crate::entities::{credential, employee, sign_in_attempt};
use crate::error::{Result, StorageError};

/// An employee's password credential, with what the sign-in page needs of the person.
#[derive(Debug, Clone, Serialize)]
pub struct Credential {
    /// Whose credential this is.
    pub employee: EmployeeId,
    /// The employee's NIP.
    pub nip: String,
    /// Name with titles.
    pub name: String,
    /// argon2id hash in PHC string form. Never shown.
    #[serde(skip)]
    pub password_hash: String,
    /// The password was set by an admin (or the demo) and must be changed at next sign-in.
    pub must_change: bool,
    /// When the password was last set.
    pub changed_at: DateTime<Utc>,
}

/// How failed sign-ins are throttled: `limit` failures within `window` lock the key for `lock`.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// Failures allowed within one window; the next sign-in is refused.
    pub limit: i32,
    /// Length of the counting window.
    pub window: TimeDelta,
    /// How long a key stays locked after reaching the limit.
    pub lock: TimeDelta,
}

impl Store {
    /// Sets (or replaces) an employee's password hash. Not audited: see
    /// [`Store::set_password_audited`] for changes made by or for a person.
    pub async fn set_password(
        &self,
        employee: EmployeeId,
        password_hash: &str,
        must_change: bool,
    ) -> Result<()> {
        let txn = self.begin_write().await?;
        upsert_credential(&txn, employee, password_hash, must_change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sets (or replaces) an employee's password hash and appends an audit row `action`
    /// (e.g. `password.changed` by the person, `password.reset` by an admin) on
    /// `("employee", id)` in the same transaction. The hash never enters the audit log.
    pub async fn set_password_audited(
        &self,
        employee: EmployeeId,
        password_hash: &str,
        must_change: bool,
        actor: &AuditActor,
        action: &str,
    ) -> Result<()> {
        actor.checked_label()?;
        let txn = self.begin_write().await?;
        let person = upsert_credential(&txn, employee, password_hash, must_change).await?;
        audit::append_by(
            &txn,
            actor,
            action,
            audit::Subject::new("employee", person.id, person.agency_id),
            json!({ "nip": person.nip, "must_change": must_change }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The credential of the employee with this NIP; `None` when there is no such employee or
    /// they have no password.
    pub async fn credential_by_nip(&self, nip: &Nip) -> Result<Option<Credential>> {
        let Some(person) = employee::Entity::find()
            .filter(employee::Column::Nip.eq(nip.as_str()))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        self.credential_of(&person).await
    }

    /// The credential of an employee, by id.
    pub async fn credential(&self, employee: EmployeeId) -> Result<Option<Credential>> {
        let Some(person) = employee::Entity::find_by_id(employee.0)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        self.credential_of(&person).await
    }

    async fn credential_of(&self, person: &employee::Model) -> Result<Option<Credential>> {
        let row = credential::Entity::find_by_id(person.id)
            .one(&self.db)
            .await?;
        Ok(row.map(|c| Credential {
            employee: EmployeeId(person.id),
            nip: person.nip.clone(),
            name: display_name(person),
            password_hash: c.password_hash,
            must_change: c.must_change,
            changed_at: c.changed_at,
        }))
    }

    /// Whether sign-ins for this key (a NIP or a client address) are refused right now.
    pub async fn sign_in_locked(&self, key: &str) -> Result<bool> {
        let row = sign_in_attempt::Entity::find_by_id(key.to_string())
            .one(&self.db)
            .await?;
        let now = Utc::now();
        Ok(row.and_then(|r| r.locked_until).is_some_and(|t| t > now))
    }

    /// Counts one failed sign-in for the key; reaching the policy's limit within its window
    /// locks the key. Returns whether the key is now locked.
    pub async fn record_failed_sign_in(&self, key: &str, policy: ThrottlePolicy) -> Result<bool> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let row = sign_in_attempt::Entity::find_by_id(key.to_string())
            .one(&txn)
            .await?;
        let (failed, window_start) = match &row {
            Some(r) if now - r.window_start < policy.window => (r.failed + 1, r.window_start),
            _ => (1, now),
        };
        let locked_until = if failed >= policy.limit {
            Some(now + policy.lock)
        } else {
            row.as_ref().and_then(|r| r.locked_until)
        };
        let model = sign_in_attempt::ActiveModel {
            key: Set(key.to_string()),
            failed: Set(failed),
            window_start: Set(window_start),
            locked_until: Set(locked_until),
        };
        let conflict = OnConflict::column(sign_in_attempt::Column::Key)
            .update_columns([
                sign_in_attempt::Column::Failed,
                sign_in_attempt::Column::WindowStart,
                sign_in_attempt::Column::LockedUntil,
            ])
            .to_owned();
        sign_in_attempt::Entity::insert(model)
            .on_conflict(conflict)
            .exec_without_returning(&txn)
            .await?;
        txn.commit().await?;
        Ok(locked_until.is_some_and(|t| t > now))
    }

    /// Forgets the failures of a key (after a successful sign-in).
    pub async fn reset_sign_in_attempts(&self, key: &str) -> Result<()> {
        sign_in_attempt::Entity::delete_by_id(key.to_string())
            .exec(&self.db)
            .await?;
        Ok(())
    }
}

/// Writes the credential row of an existing employee (NotFound otherwise).
async fn upsert_credential(
    txn: &DatabaseTransaction,
    employee: EmployeeId,
    password_hash: &str,
    must_change: bool,
) -> Result<employee::Model> {
    let person = employee::Entity::find_by_id(employee.0)
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("employee", employee.0))?;
    let row = credential::ActiveModel {
        employee_id: Set(person.id),
        password_hash: Set(password_hash.to_string()),
        must_change: Set(must_change),
        changed_at: Set(Utc::now()),
    };
    let conflict = OnConflict::column(credential::Column::EmployeeId)
        .update_columns([
            credential::Column::PasswordHash,
            credential::Column::MustChange,
            credential::Column::ChangedAt,
        ])
        .to_owned();
    credential::Entity::insert(row)
        .on_conflict(conflict)
        .exec_without_returning(txn)
        .await?;
    Ok(person)
}
