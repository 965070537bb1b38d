//! Roles an admin gives and takes back (issue 3 point 3), each change audited in its own
//! transaction. Grants are never deleted: a revoked one stays listed with who took it back
//! and why.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, SqlErr,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::access::{GrantedRole, Revocation, RevocationChannel, decide_revocation};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::{AgencyId, EmployeeId};

use crate::Store;
use crate::audit::{self, AuditActor};
use crate::batch::{rows_where_in, unique_ids};
use crate::convert::{code, display_name};
use crate::entities::{agency, employee, role_grant};
use crate::error::{Result, StorageError};

/// Id of a row of `role_grants`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct GrantId(pub i64);

impl std::fmt::Display for GrantId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A grant, active or past, with the person it was given to.
#[derive(Debug, Clone, Serialize)]
pub struct RoleGrantView {
    pub id: GrantId,
    pub employee: EmployeeId,
    pub nip: String,
    /// Name with titles.
    pub name: String,
    pub agency: AgencyId,
    pub role: GrantedRole,
    pub granted_by: String,
    pub granted_at: DateTime<Utc>,
    pub reason: String,
    /// `None` while the grant is active.
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
}

impl RoleGrantView {
    /// Whether the role still applies.
    pub fn is_active(&self) -> bool {
        self.revoked_at.is_none()
    }
}

fn reason_of<'a>(reason: &'a str, code: &'static str, message: &str) -> Result<&'a str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StorageError::invalid(code, message));
    }
    Ok(reason)
}

fn already_granted(role: GrantedRole) -> StorageError {
    StorageError::conflict(
        "already_granted",
        format!("pegawai ini sudah memiliki peran {}", role.label()),
    )
}

impl Store {
    /// Gives an employee a role in their agency. Refused with `Conflict already_granted` while
    /// they hold it already (not revoked); the reason must not be blank.
    pub async fn grant_role(
        &self,
        employee: EmployeeId,
        role: GrantedRole,
        actor: &AuditActor,
        reason: &str,
    ) -> Result<GrantId> {
        let by = actor.checked_label()?;
        let reason = reason_of(
            reason,
            "grant_reason_blank",
            "alasan pemberian peran wajib diisi",
        )?;
        let txn = self.begin_write().await?;
        let person = employee::Entity::find_by_id(employee.0)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("employee", employee))?;
        let active = role_grant::Entity::find()
            .filter(role_grant::Column::EmployeeId.eq(person.id))
            .filter(role_grant::Column::Role.eq(role.code()))
            .filter(role_grant::Column::RevokedAt.is_null())
            .one(&txn)
            .await?;
        if active.is_some() {
            return Err(already_granted(role));
        }
        let row = role_grant::ActiveModel {
            employee_id: Set(person.id),
            agency_id: Set(person.agency_id),
            role: Set(role.code().to_string()),
            granted_by: Set(by.to_string()),
            granted_at: Set(Utc::now().trunc_subsecs(6)),
            reason: Set(reason.to_string()),
            ..Default::default()
        };
        // The partial unique index catches a concurrent grant on PostgreSQL.
        let id = role_grant::Entity::insert(row)
            .exec(&txn)
            .await
            .map_err(|e| match e.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => already_granted(role),
                _ => StorageError::Database(e),
            })?
            .last_insert_id;
        audit::append_by(
            &txn,
            actor,
            AuditAction::RoleGranted,
            audit::Subject::new(AuditSubject::RoleGrant, id, person.agency_id),
            json!({
                "employee": person.id,
                "nip": person.nip,
                "agency": person.agency_id,
                "role": role.code(),
                "reason": reason,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(GrantId(id))
    }

    /// Takes a granted role back through the admin pages or the API. Unknown grant:
    /// `NotFound`; already revoked: `Conflict grant_already_revoked`; the last holder of a role
    /// only its holders can give: `Conflict last_role_holder`; the reason must not be blank.
    pub async fn revoke_role(
        &self,
        grant: GrantId,
        actor: &AuditActor,
        reason: &str,
    ) -> Result<()> {
        self.revoke_role_via(grant, actor, reason, RevocationChannel::Admin)
            .await
    }

    /// Takes a granted role back as [`Store::revoke_role`] does, through `channel`: the command
    /// line passes `Cli { force }`, and a forced removal of the last holder is written in the
    /// audit row (`forced_last_holder`).
    pub async fn revoke_role_via(
        &self,
        grant: GrantId,
        actor: &AuditActor,
        reason: &str,
        channel: RevocationChannel,
    ) -> Result<()> {
        let by = actor.checked_label()?;
        let reason = reason_of(
            reason,
            "revoke_reason_blank",
            "alasan pencabutan peran wajib diisi",
        )?;
        let txn = self.begin_write().await?;
        let agency = role_grant::Entity::find_by_id(grant.0)
            .select_only()
            .column(role_grant::Column::AgencyId)
            .into_tuple::<i64>()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("role_grant", grant))?;
        // Every revocation in an agency queues on the agency's row (PostgreSQL; SQLite
        // serialises writers), so two admins revoking each other at once count the holders
        // one after the other and the second sees the first's revocation: never zero left.
        agency::Entity::find_by_id(agency)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency))?;
        let row = role_grant::Entity::find_by_id(grant.0)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("role_grant", grant))?;
        if row.revoked_at.is_some() {
            return Err(StorageError::conflict(
                "grant_already_revoked",
                "peran ini sudah dicabut sebelumnya",
            ));
        }
        let role = code("granted role", &row.role, GrantedRole::from_code)?;
        let holders = role_grant::Entity::find()
            .filter(role_grant::Column::AgencyId.eq(row.agency_id))
            .filter(role_grant::Column::Role.eq(role.code()))
            .filter(role_grant::Column::RevokedAt.is_null())
            .count(&txn)
            .await?;
        let decision = decide_revocation(
            role,
            usize::try_from(holders).unwrap_or(usize::MAX),
            channel,
        )
        .map_err(|refusal| StorageError::conflict(refusal.code(), refusal.to_string()))?;
        let nip = employee::Entity::find_by_id(row.employee_id)
            .one(&txn)
            .await?
            .map(|e| e.nip);
        role_grant::Entity::update_many()
            .col_expr(
                role_grant::Column::RevokedAt,
                Expr::value(Utc::now().trunc_subsecs(6)),
            )
            .col_expr(role_grant::Column::RevokedBy, Expr::value(by))
            .col_expr(role_grant::Column::RevokeReason, Expr::value(reason))
            .filter(role_grant::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        let mut details = json!({
            "employee": row.employee_id,
            "nip": nip,
            "agency": row.agency_id,
            "role": row.role,
            "reason": reason,
        });
        if decision == Revocation::ForcedLastHolder {
            details["forced_last_holder"] = json!(true);
        }
        audit::append_by(
            &txn,
            actor,
            AuditAction::RoleRevoked,
            audit::Subject::new(AuditSubject::RoleGrant, row.id, row.agency_id),
            details,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every grant of an agency, active and past, newest first.
    pub async fn role_grants(&self, agency: AgencyId) -> Result<Vec<RoleGrantView>> {
        let rows = role_grant::Entity::find()
            .filter(role_grant::Column::AgencyId.eq(agency.0))
            .order_by_desc(role_grant::Column::GrantedAt)
            .order_by_desc(role_grant::Column::Id)
            .all(&self.db)
            .await?;
        let ids = unique_ids(rows.iter().map(|r| r.employee_id));
        let people: std::collections::HashMap<i64, employee::Model> =
            rows_where_in::<employee::Entity, _>(&self.db, employee::Column::Id, &ids)
                .await?
                .into_iter()
                .map(|e| (e.id, e))
                .collect();
        rows.into_iter()
            .map(|r| {
                let person = people
                    .get(&r.employee_id)
                    .ok_or_else(|| StorageError::not_found("employee", r.employee_id))?;
                Ok(RoleGrantView {
                    id: GrantId(r.id),
                    employee: EmployeeId(r.employee_id),
                    nip: person.nip.clone(),
                    name: display_name(person),
                    agency: AgencyId(r.agency_id),
                    role: code("granted role", &r.role, GrantedRole::from_code)?,
                    granted_by: r.granted_by,
                    granted_at: r.granted_at,
                    reason: r.reason,
                    revoked_at: r.revoked_at,
                    revoked_by: r.revoked_by,
                    revoke_reason: r.revoke_reason,
                })
            })
            .collect()
    }
}
