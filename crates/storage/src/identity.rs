//! Who may sign in: password credentials per employee (the throttling of attempts is in
//! `throttle`, device cookies in `devices`). Hashing stays out of storage — it stores and
//! returns PHC strings only.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::Nip;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::EmployeeId;

use crate::audit::{self, AuditActor};
use crate::connect::Store;
use crate::convert::display_name;
use crate::entities::{credential, employee};
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
        action: AuditAction,
    ) -> Result<()> {
        actor.checked_label()?;
        let txn = self.begin_write().await?;
        let person = upsert_credential(&txn, employee, password_hash, must_change).await?;
        audit::append_by(
            &txn,
            actor,
            action,
            audit::Subject::new(AuditSubject::Employee, person.id, person.agency_id),
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
