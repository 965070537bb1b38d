//! The distribution curve (KIN-02), the distribution and the progress per Perangkat Daerah.
//!
//! - The curve is policy data per agency and year (`assessment_curves`): rows are only
//!   inserted and the newest per (agency, year) is in force. No row: no cap for that year.
//! - The distribution counts the agency's **annual** assessments holding a predikat (final,
//!   acknowledged, objected or decided); the denominator is the employees in scope — those
//!   with a placement (JF and Pelaksana, Pasal 18). Periodic evaluations are not capped.

use std::collections::{BTreeMap, HashMap};

use chrono::{SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::limits::{TextKind, check_as};
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::performance::{
    AssessmentState, CurveMode, CurvePolicy, DistributionCounts, OrganisationRating,
    PerformanceRating, PeriodKind, ShareBound, check_distribution,
};

use super::{DepartmentProgress, DistributionView, PeriodRef, stored};
use crate::entities::{agency, assessment, assessment_curve, department, placement};
use crate::error::{Result, StorageError, corrupt};
use crate::execution::refused;
use crate::{AuditActor, Store, audit};

/// The curve in force for `year`: the newest recorded.
pub(super) async fn policy_in_force<C: ConnectionTrait>(
    db: &C,
    agency: i64,
    year: u16,
) -> Result<Option<CurvePolicy>> {
    let Some(m) = assessment_curve::Entity::find()
        .filter(assessment_curve::Column::AgencyId.eq(agency))
        .filter(assessment_curve::Column::Year.eq(i32::from(year)))
        .order_by_desc(assessment_curve::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let bounds: Vec<ShareBound> =
        serde_json::from_str(&m.bounds).map_err(|_| corrupt("curve bounds", &m.bounds))?;
    Ok(Some(CurvePolicy {
        year,
        organisation_rating: OrganisationRating::from_code(&m.organisation_rating)
            .ok_or_else(|| corrupt("organisation rating", &m.organisation_rating))?,
        mode: CurveMode::from_code(&m.mode).ok_or_else(|| corrupt("curve mode", &m.mode))?,
        bounds,
    }))
}

/// The employees in scope of an agency (with a placement: JF and Pelaksana).
async fn employees_in_scope<C: ConnectionTrait>(db: &C, agency: i64) -> Result<u32> {
    let n = placement::Entity::find()
        .filter(placement::Column::AgencyId.eq(agency))
        .count(db)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The annual ratings of `year` in the agency, `except` one assessment (the one being
/// decided).
pub(super) async fn counts<C: ConnectionTrait>(
    db: &C,
    agency: i64,
    year: u16,
    except: Option<i64>,
) -> Result<DistributionCounts> {
    let mut q = assessment::Entity::find()
        .filter(assessment::Column::AgencyId.eq(agency))
        .filter(assessment::Column::PeriodYear.eq(i32::from(year)))
        .filter(assessment::Column::PeriodKind.eq(PeriodKind::Year.code()))
        .filter(assessment::Column::PerformanceRating.is_not_null());
    if let Some(id) = except {
        q = q.filter(assessment::Column::Id.ne(id));
    }
    let mut rated: BTreeMap<PerformanceRating, u32> = BTreeMap::new();
    for m in q.all(db).await? {
        if let Some(r) = stored::performance_rating(&m)? {
            *rated.entry(r).or_insert(0) += 1;
        }
    }
    Ok(DistributionCounts {
        employees: employees_in_scope(db, agency).await?,
        rated,
    })
}

impl Store {
    /// How far each Perangkat Daerah of the agency is with `period`'s assessments: its
    /// employees in scope (by their placement now), and the assessments by state.
    pub async fn assessment_progress(
        &self,
        agency: AgencyId,
        period: PeriodRef,
    ) -> Result<Vec<DepartmentProgress>> {
        let departments = department::Entity::find()
            .filter(department::Column::AgencyId.eq(agency.0))
            .order_by_asc(department::Column::Id)
            .all(&self.db)
            .await?;
        let placed = placement::Entity::find()
            .filter(placement::Column::AgencyId.eq(agency.0))
            .all(&self.db)
            .await?;
        let opened: HashMap<i64, assessment::Model> = assessment::Entity::find()
            .filter(assessment::Column::AgencyId.eq(agency.0))
            .filter(assessment::Column::PeriodYear.eq(i32::from(period.year)))
            .filter(assessment::Column::PeriodKind.eq(period.kind.code()))
            .filter(assessment::Column::PeriodNumber.eq(i32::from(period.number)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.employee_id, m))
            .collect();
        let mut out = Vec::new();
        for d in departments {
            let mut p = DepartmentProgress {
                department: d.id,
                name: d.name.clone(),
                employees: 0,
                not_opened: 0,
                draft: 0,
                finalised: 0,
                acknowledged: 0,
                objected: 0,
            };
            for e in placed.iter().filter(|e| e.department_id == d.id) {
                p.employees += 1;
                let Some(m) = opened.get(&e.employee_id) else {
                    p.not_opened += 1;
                    continue;
                };
                match stored::state(m)? {
                    AssessmentState::Draft => p.draft += 1,
                    AssessmentState::Objected => {
                        p.finalised += 1;
                        p.objected += 1;
                    }
                    AssessmentState::Acknowledged => {
                        p.finalised += 1;
                        p.acknowledged += 1;
                    }
                    AssessmentState::Finalised
                    | AssessmentState::ObjectionUpheld
                    | AssessmentState::ObjectionDismissed => p.finalised += 1,
                }
            }
            if p.employees > 0 {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// The agency's annual ratings of `year` against its curve (the departures the domain
    /// finds; none without a curve).
    pub async fn distribution(&self, agency: AgencyId, year: u16) -> Result<DistributionView> {
        let counts = counts(&self.db, agency.0, year, None).await?;
        let policy = policy_in_force(&self.db, agency.0, year).await?;
        let excesses = policy
            .as_ref()
            .map(|p| check_distribution(&counts, p))
            .unwrap_or_default();
        Ok(DistributionView {
            year,
            counts,
            policy,
            excesses,
        })
    }

    /// The curve in force for `year` (the newest recorded), if any.
    pub async fn curve_policy(&self, agency: AgencyId, year: u16) -> Result<Option<CurvePolicy>> {
        policy_in_force(&self.db, agency.0, year).await
    }

    /// Records the agency's curve for `policy.year` (checked by the domain; a new row, the
    /// newest is in force) with its legal basis and its audit row, in one transaction. The
    /// caller has authorised `by` (BKPSDM for the agency).
    pub async fn set_curve_policy(
        &self,
        agency: AgencyId,
        policy: &CurvePolicy,
        legal_basis: &str,
        by: &AuditActor,
    ) -> Result<()> {
        by.checked_label()?;
        policy.check().map_err(refused)?;
        let basis = legal_basis.trim();
        if basis.is_empty() {
            return Err(StorageError::invalid(
                "legal_basis_blank",
                "Dasar hukum atau alasan penetapan kurva wajib diisi (mis. nomor dan tanggal SK).",
            ));
        }
        check_as(TextKind::Name, basis)
            .map_err(|p| StorageError::invalid(p.code(), p.message("dasar hukum")))?;
        let txn = self.begin_write().await?;
        agency::Entity::find_by_id(agency.0)
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency))?;
        let bounds = serde_json::to_string(&policy.bounds).unwrap_or_else(|_| "[]".to_string());
        let id = assessment_curve::Entity::insert(assessment_curve::ActiveModel {
            agency_id: Set(agency.0),
            year: Set(i32::from(policy.year)),
            organisation_rating: Set(policy.organisation_rating.code().to_string()),
            mode: Set(policy.mode.code().to_string()),
            bounds: Set(bounds),
            legal_basis: Set(basis.to_string()),
            recorded_by: Set(by.label.clone()),
            recorded_at: Set(Utc::now().trunc_subsecs(6)),
            ..Default::default()
        })
        .exec(&*txn)
        .await?
        .last_insert_id;
        audit::append_by(
            &txn,
            by,
            AuditAction::AssessmentCurveSet,
            audit::Subject::new(AuditSubject::Agency, agency.0, agency.0),
            json!({
                "curve_id": id,
                "year": policy.year,
                "organisation_rating": policy.organisation_rating.code(),
                "mode": policy.mode.code(),
                "bounds": policy.bounds,
                "legal_basis": basis,
                "rule_id": "KIN-02",
                "article": "Pasal 18 ayat (2)",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
