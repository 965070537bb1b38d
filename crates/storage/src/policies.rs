//! An agency's policies as dated versions (issue 14 point 5; `sikerja_domain::policy`): the
//! one place every reading is kept. Each change is a new row — its values, the first day in
//! force, the legal basis, who and when — written with its audit row in one transaction;
//! rows are never updated, so the history is the table. Every check reads the version in
//! force on the day of its decision ([`today`], in WITA); an agency without a version has the
//! defaults.

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sikerja_domain::assignment::{CountWindow, Day};
use sikerja_domain::execution::report::{ReportAddressees, ReportPeriod};
use sikerja_domain::org::AssessorPolicy;
use sikerja_domain::organisation::{AgencyId, PositionId};
use sikerja_domain::performance::{PeriodCadence, PeriodPolicy};
use sikerja_domain::policy::{
    AgencyPolicies, Classification, PolicyChange, PolicyHistory, PolicyVersion, validate_change,
};
use sikerja_domain::workflow::LetterKind;

use crate::connect::WriteTxn;
use crate::entities::{agency, agency_policy, position};
use crate::error::{Result, StorageError, corrupt};
use crate::{AuditActor, Store, audit, recompute};

/// The day of a decision: today in WITA (UTC+8, the zone of Kabupaten Banjar), the day the
/// policy in force is read for.
pub fn today() -> Day {
    day_of(Utc::now())
}

/// The day (in WITA) of an instant.
pub fn day_of(at: DateTime<Utc>) -> Day {
    let local = at + Duration::hours(8);
    u16::try_from(local.year())
        .ok()
        .and_then(|y| {
            Day::new(
                y,
                u8::try_from(local.month()).ok()?,
                u8::try_from(local.day()).ok()?,
            )
            .ok()
        })
        .unwrap_or_else(|| Day::new(2000, 1, 1).unwrap_or_else(|_| unreachable!()))
}

/// One recorded version as pages and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyVersionView {
    pub id: i64,
    pub effective_from: Day,
    pub policies: AgencyPolicies,
    /// Code and name of the PEN-15 position, when one is named.
    pub authority_position_code: Option<String>,
    pub authority_position_name: Option<String>,
    pub legal_basis: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    /// In force today.
    pub in_force: bool,
    /// Takes effect after today.
    pub scheduled: bool,
}

#[derive(Serialize, Deserialize)]
struct StoredClassification {
    kind: String,
    code: String,
}

fn classifications_json(p: &AgencyPolicies) -> String {
    let list: Vec<StoredClassification> = p
        .letters
        .classifications
        .iter()
        .map(|c| StoredClassification {
            kind: c.kind.code().to_string(),
            code: c.code.clone(),
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_string())
}

fn parse<T>(what: &str, value: &str, f: impl Fn(&str) -> Option<T>) -> Result<T> {
    f(value).ok_or_else(|| corrupt(what, value))
}

fn days(what: &str, v: i32) -> Result<u16> {
    u16::try_from(v).map_err(|_| corrupt(what, &v.to_string()))
}

fn version(m: &agency_policy::Model) -> Result<PolicyVersion> {
    let mut p = AgencyPolicies::default();
    p.placement.assessor_policy = parse(
        "assessor policy",
        &m.assessor_policy,
        AssessorPolicy::from_code,
    )?;
    p.placement.span_of_control_threshold = u32::try_from(m.span_threshold)
        .map_err(|_| corrupt("span threshold", &m.span_threshold.to_string()))?;
    p.assignment.window = parse("count window", &m.count_window, CountWindow::from_code)?;
    p.assignment.enforce_lead_rules_within_unit = m.enforce_lead_rules_within_unit;
    p.assignment.pppk_min_golongan = u8::try_from(m.pppk_min_golongan)
        .map_err(|_| corrupt("pppk golongan", &m.pppk_min_golongan.to_string()))?;
    p.authority_position = m.authority_position_id.map(PositionId);
    p.report.period = parse("report period", &m.report_period, ReportPeriod::from_code)?;
    p.report.grace_days = u8::try_from(m.report_grace_days)
        .map_err(|_| corrupt("grace days", &m.report_grace_days.to_string()))?;
    p.report.addressees = parse(
        "report addressees",
        &m.report_addressees,
        ReportAddressees::from_code,
    )?;
    let stored: Vec<StoredClassification> = serde_json::from_str(&m.classifications)
        .map_err(|_| corrupt("classifications", &m.classifications))?;
    p.letters.classifications = stored
        .into_iter()
        .map(|c| {
            Ok(Classification {
                kind: parse("letter kind", &c.kind, LetterKind::from_code)?,
                code: c.code,
            })
        })
        .collect::<Result<_>>()?;
    p.letters.budget_regulation = m.budget_regulation.clone();
    p.assessment = PeriodPolicy {
        cadence: parse(
            "assessment cadence",
            &m.assessment_cadence,
            PeriodCadence::from_code,
        )?,
        opens_days_before_end: days("assessment opens", m.assessment_opens_days_before_end)?,
        closes_days_after_end: days("assessment closes", m.assessment_closes_days_after_end)?,
        annual_closes_days_after_end: days(
            "annual assessment closes",
            m.assessment_annual_closes_days_after_end,
        )?,
    };
    Ok(PolicyVersion {
        id: m.id,
        effective_from: Day::parse(&m.effective_from)
            .map_err(|_| corrupt("effective from", &m.effective_from))?,
        policies: p,
    })
}

/// Every version of the agencies' policies effective on or before `day`, by agency.
async fn histories<C: ConnectionTrait>(
    db: &C,
    agencies: &[i64],
    day: Option<Day>,
) -> Result<HashMap<i64, PolicyHistory>> {
    let mut q = agency_policy::Entity::find()
        .filter(agency_policy::Column::AgencyId.is_in(agencies.iter().copied()));
    if let Some(d) = day {
        q = q.filter(agency_policy::Column::EffectiveFrom.lte(d.to_string()));
    }
    let mut out: HashMap<i64, PolicyHistory> = HashMap::new();
    for m in q.all(db).await? {
        out.entry(m.agency_id)
            .or_default()
            .versions
            .push(version(&m)?);
    }
    Ok(out)
}

/// The policies of `agency` in force on `day` (the defaults if it never set any).
pub(crate) async fn in_force<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
    day: Day,
) -> Result<AgencyPolicies> {
    Ok(histories(db, &[agency.0], Some(day))
        .await?
        .remove(&agency.0)
        .unwrap_or_default()
        .as_of(day))
}

/// The policies in force on `day` of several agencies; each asked agency is in the map.
pub(crate) async fn in_force_many<C: ConnectionTrait>(
    db: &C,
    agencies: &[i64],
    day: Day,
) -> Result<HashMap<i64, AgencyPolicies>> {
    let mut h = histories(db, agencies, Some(day)).await?;
    Ok(agencies
        .iter()
        .map(|a| (*a, h.remove(a).unwrap_or_default().as_of(day)))
        .collect())
}

/// Records a version inside the caller's transaction (after the caller validated it) and
/// returns its id. Rows are only ever inserted.
pub(crate) async fn insert_version(
    txn: &DatabaseTransaction,
    agency: AgencyId,
    change: &PolicyChange,
    by: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let p = &change.policies;
    let row = agency_policy::ActiveModel {
        agency_id: Set(agency.0),
        effective_from: Set(change.effective_from.to_string()),
        assessor_policy: Set(p.placement.assessor_policy.code().to_string()),
        span_threshold: Set(i64::from(p.placement.span_of_control_threshold)),
        count_window: Set(p.assignment.window.code().to_string()),
        enforce_lead_rules_within_unit: Set(p.assignment.enforce_lead_rules_within_unit),
        pppk_min_golongan: Set(i32::from(p.assignment.pppk_min_golongan)),
        authority_position_id: Set(p.authority_position.map(|x| x.0)),
        report_period: Set(p.report.period.code().to_string()),
        report_grace_days: Set(i32::from(p.report.grace_days)),
        report_addressees: Set(p.report.addressees.code().to_string()),
        classifications: Set(classifications_json(p)),
        budget_regulation: Set(p.letters.budget_regulation.clone()),
        assessment_cadence: Set(p.assessment.cadence.code().to_string()),
        assessment_opens_days_before_end: Set(i32::from(p.assessment.opens_days_before_end)),
        assessment_closes_days_after_end: Set(i32::from(p.assessment.closes_days_after_end)),
        assessment_annual_closes_days_after_end: Set(i32::from(
            p.assessment.annual_closes_days_after_end,
        )),
        legal_basis: Set(change.legal_basis.trim().to_string()),
        recorded_by: Set(by.to_string()),
        recorded_at: Set(now.trunc_subsecs(6)),
        ..Default::default()
    };
    Ok(agency_policy::Entity::insert(row)
        .exec(txn)
        .await?
        .last_insert_id)
}

/// The policies as the audit row and the API write them.
pub(crate) fn policies_json(p: &AgencyPolicies) -> serde_json::Value {
    json!({
        "assessor_policy": p.placement.assessor_policy.code(),
        "span_of_control_threshold": p.placement.span_of_control_threshold,
        "count_window": p.assignment.window.code(),
        "enforce_lead_rules_within_unit": p.assignment.enforce_lead_rules_within_unit,
        "pppk_min_golongan": p.assignment.pppk_min_golongan,
        "authority_position_id": p.authority_position.map(|x| x.0),
        "report_period": p.report.period.code(),
        "report_grace_days": p.report.grace_days,
        "report_addressees": p.report.addressees.code(),
        "classifications": p.letters.classifications.iter().map(|c| json!({"kind": c.kind.code(), "code": c.code})).collect::<Vec<_>>(),
        "budget_regulation": p.letters.budget_regulation,
        "assessment_cadence": p.assessment.cadence.code(),
        "assessment_opens_days_before_end": p.assessment.opens_days_before_end,
        "assessment_closes_days_after_end": p.assessment.closes_days_after_end,
        "assessment_annual_closes_days_after_end": p.assessment.annual_closes_days_after_end,
    })
}

/// Validates and records a change inside `txn`, with its audit row; with `recompute`,
/// recomputes the agency's placements when the change is in force today and changes a
/// placement reading (KED-10, KED-12). The agency row is locked, so changes of one agency
/// queue.
pub(crate) async fn change_in(
    txn: &WriteTxn,
    agency_id: AgencyId,
    change: &PolicyChange,
    by: &AuditActor,
    action: AuditAction,
    recompute: bool,
) -> Result<i64> {
    let today = today();
    if let Some(p) = validate_change(change, today).first() {
        let all = validate_change(change, today)
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join(" ");
        return Err(StorageError::invalid(p.code, all));
    }
    agency::Entity::find_by_id(agency_id.0)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("agency", agency_id))?;
    if let Some(pos) = change.policies.authority_position {
        let found = position::Entity::find_by_id(pos.0)
            .filter(position::Column::AgencyId.eq(agency_id.0))
            .one(txn)
            .await?;
        if found.is_none() {
            return Err(authority_unknown(&pos.0.to_string()));
        }
    }
    let before = in_force(txn, agency_id, change.effective_from).await?;
    let now = Utc::now();
    let id = insert_version(txn, agency_id, change, &by.label, now).await?;
    let recompute = if recompute
        && change.effective_from <= today
        && before.placement != change.policies.placement
    {
        let s = recompute::recompute_in(txn, agency_id, now).await?;
        json!({"placed": s.placed, "unresolved": s.unresolved, "assessor_changes": s.assessor_changes})
    } else {
        serde_json::Value::Null
    };
    audit::append_by(
        txn,
        by,
        action,
        audit::Subject::new(AuditSubject::Agency, agency_id, agency_id.0),
        json!({
            "version_id": id,
            "effective_from": change.effective_from.to_string(),
            "legal_basis": change.legal_basis.trim(),
            "before": policies_json(&before),
            "after": policies_json(&change.policies),
            "recompute": recompute,
        }),
    )
    .await?;
    Ok(id)
}

pub(crate) fn authority_unknown(code: &str) -> StorageError {
    StorageError::invalid(
        "authority_position_unknown",
        format!(
            "Jabatan \"{code}\" tidak ada di instansi ini; Pejabat yang Berwenang (PEN-15) harus jabatan instansi sendiri."
        ),
    )
}

impl Store {
    /// The policies of an agency in force on `day` (defaults if it never set any).
    pub async fn agency_policies_on(&self, agency: AgencyId, day: Day) -> Result<AgencyPolicies> {
        in_force(&self.db, agency, day).await
    }

    /// Every recorded version of an agency's policies, the latest effective first.
    pub async fn agency_policy_history(&self, agency: AgencyId) -> Result<Vec<PolicyVersionView>> {
        let rows = agency_policy::Entity::find()
            .filter(agency_policy::Column::AgencyId.eq(agency.0))
            .order_by_desc(agency_policy::Column::EffectiveFrom)
            .order_by_desc(agency_policy::Column::Id)
            .all(&self.db)
            .await?;
        let positions: HashMap<i64, position::Model> = position::Entity::find()
            .filter(position::Column::Id.is_in(rows.iter().filter_map(|r| r.authority_position_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let history = PolicyHistory {
            versions: rows.iter().map(version).collect::<Result<_>>()?,
        };
        let today = today();
        let current = history.version_on(today).map(|v| v.id);
        Ok(rows
            .iter()
            .zip(history.versions.iter())
            .map(|(r, v)| {
                let named = r.authority_position_id.and_then(|p| positions.get(&p));
                PolicyVersionView {
                    id: v.id,
                    effective_from: v.effective_from,
                    policies: v.policies.clone(),
                    authority_position_code: named.map(|p| p.code.clone()),
                    authority_position_name: named.map(|p| p.name.clone()),
                    legal_basis: r.legal_basis.clone(),
                    recorded_by: r.recorded_by.clone(),
                    recorded_at: r.recorded_at,
                    in_force: Some(v.id) == current,
                    scheduled: v.effective_from > today,
                }
            })
            .collect())
    }

    /// The id of the position with `code` in `agency`, for naming the Pejabat yang Berwenang.
    pub async fn agency_position_id(&self, agency: AgencyId, code: &str) -> Result<PositionId> {
        position::Entity::find()
            .filter(position::Column::AgencyId.eq(agency.0))
            .filter(position::Column::Code.eq(code.trim()))
            .one(&self.db)
            .await?
            .map(|p| PositionId(p.id))
            .ok_or_else(|| authority_unknown(code.trim()))
    }

    /// Records a change of an agency's policies (validated: nothing is written when a value is
    /// refused), with its audit row `agency.policy`, in one transaction. Returns the id of
    /// the new version.
    pub async fn change_agency_policies(
        &self,
        agency: AgencyId,
        change: &PolicyChange,
        by: &AuditActor,
    ) -> Result<i64> {
        by.checked_label()?;
        let txn = self.begin_write().await?;
        let id = change_in(&txn, agency, change, by, AuditAction::AgencyPolicy, true).await?;
        txn.commit().await?;
        Ok(id)
    }
}
