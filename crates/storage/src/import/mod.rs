//! Importing an agency bundle in one transaction: rows are upserted by code (departments,
//! units, positions) and NIP (employees) so ids stay stable across re-imports, and with them
//! manual placements and the placement history; whatever the new bundle no longer holds is
//! deleted. Placements are then recomputed and an audit row appended, all before commit.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::policy::PolicyChange;

use self::check::check;
use self::rows::{
    delete_missing, replace_details, set_acting, upsert_departments, upsert_employees,
    upsert_positions, upsert_units,
};
use crate::batch::IDS_PER_QUERY;
use crate::entities::{agency, department, employee, position, unit};
use crate::error::{OnConstraint, Result, StorageError};
use crate::views::ImportSummary;
use crate::{AuditActor, Store, audit, policies, recompute};

mod check;
mod heads;
mod rows;

const WHAT: &str = "impor instansi";

impl Store {
    /// Creates the agency of `bundle`, or replaces everything of the agency with the same
    /// code, then recomputes placements (KED-11 history rows for PPK changes) and appends an
    /// audit row — all in one transaction: on any error nothing is written.
    pub async fn import_agency(&self, bundle: &AgencyBundle, actor: &str) -> Result<ImportSummary> {
        check(bundle)?;
        let started = std::time::Instant::now();
        let txn = self.begin_write().await?;
        let summary = import_in(&txn, bundle, actor).await?;
        txn.commit().await?;
        tracing::info!(
            agency.code = %bundle.agency.code,
            employees = summary.employees,
            duration_ms = started.elapsed().as_millis() as u64,
            "agency imported"
        );
        Ok(summary)
    }

    /// What [`Store::import_agency`] would do with `bundle`, and every refusal it would give
    /// (the checks only the database can make included), without saving anything: the whole
    /// import runs in a transaction that is rolled back (issue 14 point 3, the preview of the
    /// web upload).
    pub async fn preview_import(
        &self,
        bundle: &AgencyBundle,
        actor: &str,
    ) -> Result<ImportSummary> {
        check(bundle)?;
        let txn = self.begin_write().await?;
        let summary = import_in(&txn, bundle, actor).await?;
        txn.rollback().await?;
        Ok(summary)
    }
}

/// The whole import inside `txn` (see [`Store::import_agency`]).
async fn import_in(
    txn: &crate::connect::WriteTxn,
    bundle: &AgencyBundle,
    actor: &str,
) -> Result<ImportSummary> {
    let now = Utc::now();
    let mut summary = write_bundle(txn, bundle, now).await?;
    let heads = heads::write_regional_heads(txn, bundle, summary.agency, actor).await?;
    summary.regional_head_terms_added = heads.added;
    summary.regional_head_terms_updated = heads.updated;
    follow_file_policy(txn, summary.agency, bundle, actor).await?;
    let placements = recompute::recompute_in(txn, summary.agency, now).await?;
    audit::append(
        txn,
        actor,
        if summary.replaced {
            AuditAction::AgencyReplace
        } else {
            AuditAction::AgencyImport
        },
        audit::Subject::new(AuditSubject::Agency, summary.agency, summary.agency.0),
        json!({
            "code": bundle.agency.code,
            "departments": summary.departments,
            "units": summary.units,
            "positions": summary.positions,
            "employees": summary.employees,
            "regional_head_terms_added": heads.added,
            "regional_head_terms_updated": heads.updated,
            "experience_fields": bundle.experience_fields.len(),
            "placed": placements.placed,
            "unresolved": placements.unresolved,
            "assessor_changes": placements.assessor_changes,
        }),
    )
    .await?;
    // The organisation as imported is the base the dated changes after it replay on.
    let today = crate::policies::day_of(now);
    crate::org_changes::take_snapshot(txn, summary.agency, today, now).await?;
    Ok(summary)
}

/// The file's KED-10/KED-12 readings (`agency.policy`) become a version of the agency's dated
/// policies from today when they differ from those in force (issue 14 point 5); the file's
/// readings of a re-exported agency are those in force, so re-importing it records nothing.
async fn follow_file_policy(
    txn: &crate::connect::WriteTxn,
    agency: AgencyId,
    bundle: &AgencyBundle,
    actor: &str,
) -> Result<()> {
    let day = policies::today();
    let mut values = policies::in_force(&**txn, agency, day).await?;
    if values.placement == bundle.agency.policy {
        return Ok(());
    }
    values.placement = bundle.agency.policy;
    let change = PolicyChange {
        effective_from: day,
        policies: values,
        legal_basis: format!("Impor data instansi {}", bundle.agency.code),
    };
    policies::change_in(
        txn,
        agency,
        &change,
        &AuditActor::new(actor),
        AuditAction::AgencyPolicy,
        false,
    )
    .await?;
    Ok(())
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

async fn write_bundle(
    txn: &DatabaseTransaction,
    bundle: &AgencyBundle,
    now: DateTime<Utc>,
) -> Result<ImportSummary> {
    let (agency_id, replaced) = upsert_agency(txn, bundle, now).await?;
    refuse_nips_of_other_agencies(txn, bundle, agency_id).await?;
    let departments = upsert_departments(txn, bundle, agency_id).await?;
    let units = upsert_units(txn, bundle, agency_id, &departments).await?;
    let positions = upsert_positions(txn, bundle, agency_id, &units).await?;
    let employees = upsert_employees(txn, bundle, agency_id, &positions).await?;
    set_acting(txn, bundle, &positions, &employees).await?;
    delete_missing(txn, &employees, employee::Entity, employee::Column::Id).await?;
    delete_missing(txn, &positions, position::Entity, position::Column::Id).await?;
    delete_missing(txn, &units, unit::Entity, unit::Column::Id).await?;
    delete_missing(
        txn,
        &departments,
        department::Entity,
        department::Column::Id,
    )
    .await?;
    replace_details(txn, bundle, agency_id, &employees).await?;
    Ok(ImportSummary {
        agency: AgencyId(agency_id),
        departments: count(bundle.departments.len()),
        units: count(bundle.units.len()),
        positions: count(bundle.positions.len()),
        employees: count(bundle.employees.len()),
        regional_head_terms_added: 0,
        regional_head_terms_updated: 0,
        replaced,
    })
}

async fn upsert_agency(
    txn: &DatabaseTransaction,
    bundle: &AgencyBundle,
    now: DateTime<Utc>,
) -> Result<(i64, bool)> {
    let a = &bundle.agency;
    // Row lock on PostgreSQL so two imports of the same agency queue (SQLite: BEGIN IMMEDIATE).
    let existing = agency::Entity::find()
        .filter(agency::Column::Code.eq(a.code.as_str()))
        .lock_exclusive()
        .one(txn)
        .await?;
    let mut row = agency::ActiveModel {
        code: Set(a.code.clone()),
        name: Set(a.name.clone()),
        kind: Set(a.kind.code().to_string()),
        seat: Set(a.seat.clone()),
        address: Set(a.address.clone()),
        assessor_policy: Set(a.policy.assessor_policy.code().to_string()),
        span_threshold: Set(i64::from(a.policy.span_of_control_threshold)),
        updated_at: Set(now),
        ..Default::default()
    };
    match existing {
        Some(found) => {
            row.id = Set(found.id);
            agency::Entity::update(row)
                .exec(txn)
                .await
                .on_constraint(WHAT)?;
            Ok((found.id, true))
        }
        None => {
            row.created_at = Set(now);
            let res = agency::Entity::insert(row)
                .exec(txn)
                .await
                .on_constraint(WHAT)?;
            Ok((res.last_insert_id, false))
        }
    }
}

async fn refuse_nips_of_other_agencies(
    txn: &DatabaseTransaction,
    bundle: &AgencyBundle,
    agency_id: i64,
) -> Result<()> {
    let nips: Vec<&str> = bundle.employees.iter().map(|e| e.nip.as_str()).collect();
    let mut taken = Vec::new();
    for chunk in nips.chunks(IDS_PER_QUERY) {
        let rows = employee::Entity::find()
            .filter(employee::Column::Nip.is_in(chunk.iter().copied()))
            .filter(employee::Column::AgencyId.ne(agency_id))
            .limit(5)
            .all(txn)
            .await?;
        taken.extend(rows.into_iter().map(|r| r.nip));
    }
    if taken.is_empty() {
        return Ok(());
    }
    taken.truncate(5);
    Err(StorageError::conflict(
        "nip_in_other_agency",
        format!(
            "NIP sudah terdaftar pada instansi lain: {}",
            taken.join(", ")
        ),
    ))
}
