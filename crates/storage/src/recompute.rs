//! Recomputing placements (KED-01..12) with the domain engine inside the caller's transaction:
//! the agency's rows of `placements` are rewritten and a `placement_history` row is appended
//! for every employee whose PPK (position or person) or deciding rule changed (KED-11).

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect,
};
use serde_json::json;
use sikerja_domain::organisation::{AgencyId, AgencyPolicy, EmployeeId, PositionId};
use sikerja_domain::placement::{
    ManualDecision, ManualDecisions, Official, Outcome, compute_placements,
};
use sikerja_domain::policy::PolicyChange;

use crate::entities::{agency, employee, manual_placement, placement, placement_history, position};
use crate::error::{Result, StorageError, corrupt};
use crate::load::{agency_rows, organisation};
use crate::views::{PlacementStatus, RecomputeSummary};
use crate::{AuditActor, Store, audit, batch, policies};

impl Store {
    /// Recomputes the placements of one agency and records PPK changes (KED-11).
    pub async fn recompute_placements(&self, agency: AgencyId) -> Result<RecomputeSummary> {
        let txn = self.begin_write().await?;
        let summary = recompute_in(&txn, agency, Utc::now()).await?;
        audit::append(
            &txn,
            "sistem",
            AuditAction::PlacementsRecompute,
            audit::Subject::new(AuditSubject::Agency, agency, agency.0),
            json!(summary_json(&summary)),
        )
        .await?;
        txn.commit().await?;
        Ok(summary)
    }

    /// Changes the KED-10 threshold and the KED-12 assessor policy of an agency from today —
    /// a new version of its dated policies with the other readings unchanged (issue 14 point
    /// 5) — and recomputes its placements in the same transaction.
    pub async fn set_agency_policy(
        &self,
        id: AgencyId,
        policy: AgencyPolicy,
        actor: &str,
    ) -> Result<()> {
        let by = AuditActor::new(actor);
        by.checked_label()?;
        let txn = self.begin_write().await?;
        let day = policies::today();
        let mut values = policies::in_force(&*txn, id, day).await?;
        values.placement = policy;
        let change = PolicyChange {
            effective_from: day,
            policies: values,
            legal_basis: "Kebijakan penempatan diubah (KED-10, KED-12)".to_string(),
        };
        policies::change_in(&txn, id, &change, &by, AuditAction::AgencyPolicy, true).await?;
        txn.commit().await?;
        Ok(())
    }
}

fn summary_json(s: &RecomputeSummary) -> serde_json::Value {
    json!({"placed": s.placed, "unresolved": s.unresolved, "assessor_changes": s.assessor_changes})
}

/// Manual decisions (KED-09) recorded for the agency's employees.
pub(crate) async fn manual_decisions(
    txn: &DatabaseTransaction,
    agency: AgencyId,
) -> Result<ManualDecisions> {
    let of_agency = Query::select()
        .column(employee::Column::Id)
        .from(employee::Entity)
        .and_where(employee::Column::AgencyId.eq(agency.0))
        .to_owned();
    let rows = manual_placement::Entity::find()
        .filter(manual_placement::Column::EmployeeId.in_subquery(of_agency))
        .all(txn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            (
                EmployeeId(m.employee_id),
                ManualDecision {
                    superior_position: PositionId(m.superior_position_id),
                    assessor_position: PositionId(m.assessor_position_id),
                },
            )
        })
        .collect())
}

/// What a history row compares: the PPK position and person, the deciding rule, manual.
type AssessorKey = (Option<i64>, Option<i64>, String, bool);

fn key_of_row(r: &placement::Model) -> AssessorKey {
    let rule = r
        .assessor_rule_id
        .clone()
        .unwrap_or_else(|| r.rule_id.clone());
    (
        r.assessor_position_id,
        r.assessor_employee_id,
        rule,
        r.manual,
    )
}

/// Runs the engine for one agency and rewrites its placements inside `txn`.
pub(crate) async fn recompute_in(
    txn: &DatabaseTransaction,
    agency: AgencyId,
    now: DateTime<Utc>,
) -> Result<RecomputeSummary> {
    recompute_dated(txn, agency, now, now).await
}

/// As [`recompute_in`], with the KED-11 history rows dated `changed_at` (the day a dated
/// change of the organisation took effect) rather than the time of the computation.
pub(crate) async fn recompute_dated(
    txn: &DatabaseTransaction,
    agency: AgencyId,
    now: DateTime<Utc>,
    changed_at: DateTime<Utc>,
) -> Result<RecomputeSummary> {
    // Recomputations of one agency queue on its row (PostgreSQL; SQLite serialises writers):
    // two at once would both diff against the same old placements and record each PPK change
    // twice (issue 12 point 2).
    agency::Entity::find_by_id(agency.0)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("agency", agency))?;
    let rows = agency_rows(txn, agency).await?;
    let org = organisation(&rows, None)?;
    let manual = manual_decisions(txn, agency).await?;
    let outcomes = compute_placements(&org, &manual);

    let employees: HashMap<i64, &employee::Model> =
        rows.employees.iter().map(|e| (e.id, e)).collect();
    let positions: HashMap<i64, &position::Model> =
        rows.positions.iter().map(|p| (p.id, p)).collect();
    let unit_dept: HashMap<i64, i64> = rows.units.iter().map(|u| (u.id, u.department_id)).collect();

    let old: HashMap<i64, AssessorKey> = placement::Entity::find()
        .filter(placement::Column::AgencyId.eq(agency.0))
        .all(txn)
        .await?
        .iter()
        .map(|r| (r.employee_id, key_of_row(r)))
        .collect();

    let mut summary = RecomputeSummary::default();
    let mut new_rows = Vec::with_capacity(outcomes.len());
    let mut history = Vec::new();
    for outcome in &outcomes {
        let e = outcome.employee().0;
        let position_id = employees
            .get(&e)
            .and_then(|m| m.position_id)
            .ok_or_else(|| corrupt("placement employee", &e.to_string()))?;
        let unit_id = positions
            .get(&position_id)
            .map(|p| p.unit_id)
            .ok_or_else(|| corrupt("placement position", &position_id.to_string()))?;
        let department_id = unit_dept.get(&unit_id).copied().unwrap_or_default();
        let row = row_of(outcome, agency.0, department_id, unit_id, position_id, now);
        match outcome {
            Outcome::Placed(_) => summary.placed += 1,
            Outcome::Unresolved(_) => summary.unresolved += 1,
        }
        let key = key_of_row(&row);
        if old.get(&e) != Some(&key) {
            if old.contains_key(&e) {
                summary.assessor_changes += 1;
            }
            history.push(history_row(&row, &key, &employees, &positions, changed_at));
        }
        new_rows.push(placement::ActiveModel::from(row).reset_all());
    }

    placement::Entity::delete_many()
        .filter(placement::Column::AgencyId.eq(agency.0))
        .exec(txn)
        .await?;
    batch::insert_all(txn, new_rows, 26).await?;
    batch::insert_all(txn, history, 15).await?;
    Ok(summary)
}

fn official_cols(o: Option<&Official>) -> (Option<i64>, Option<i64>, Option<String>) {
    match o {
        Some(o) => (
            Some(o.position.0),
            Some(o.employee.0),
            o.acting.map(|a| a.code().to_string()),
        ),
        None => (None, None, None),
    }
}

fn row_of(
    outcome: &Outcome,
    agency: i64,
    department: i64,
    unit: i64,
    position: i64,
    now: DateTime<Utc>,
) -> placement::Model {
    let (superior, assessor, coordinator, recommender) = match outcome {
        Outcome::Placed(p) => (
            official_cols(Some(&p.superior)),
            official_cols(Some(&p.assessor)),
            official_cols(p.coordinator.as_ref()),
            official_cols(p.recommender.as_ref()),
        ),
        Outcome::Unresolved(_) => Default::default(),
    };
    let mut row = placement::Model {
        employee_id: outcome.employee().0,
        agency_id: agency,
        department_id: department,
        unit_id: unit,
        position_id: position,
        status: PlacementStatus::Placed.code().to_string(),
        superior_position_id: superior.0,
        superior_employee_id: superior.1,
        superior_acting: superior.2,
        assessor_position_id: assessor.0,
        assessor_employee_id: assessor.1,
        assessor_acting: assessor.2,
        coordinator_position_id: coordinator.0,
        coordinator_employee_id: coordinator.1,
        coordinator_acting: coordinator.2,
        recommender_position_id: recommender.0,
        recommender_employee_id: recommender.1,
        recommender_acting: recommender.2,
        rule_id: String::new(),
        article: String::new(),
        assessor_rule_id: None,
        assessor_article: None,
        notes: "[]".into(),
        reason: None,
        manual: false,
        computed_at: now,
    };
    match outcome {
        Outcome::Placed(p) => {
            row.rule_id = p.citation.rule_id.as_str().to_string();
            row.article = p.citation.article.to_string();
            row.assessor_rule_id = p
                .assessor_citation
                .as_ref()
                .map(|c| c.rule_id.as_str().to_string());
            row.assessor_article = p.assessor_citation.as_ref().map(|c| c.article.to_string());
            row.notes = serde_json::to_string(&p.notes).unwrap_or_else(|_| "[]".into());
            row.manual = p.manual;
        }
        Outcome::Unresolved(u) => {
            row.status = PlacementStatus::Unresolved.code().to_string();
            row.rule_id = u.citation.rule_id.as_str().to_string();
            row.article = u.citation.article.to_string();
            row.reason = Some(u.reason.clone());
        }
    }
    row
}

fn history_row(
    row: &placement::Model,
    key: &AssessorKey,
    employees: &HashMap<i64, &employee::Model>,
    positions: &HashMap<i64, &position::Model>,
    now: DateTime<Utc>,
) -> placement_history::ActiveModel {
    let person = key.1.and_then(|id| employees.get(&id));
    let post = key.0.and_then(|id| positions.get(&id));
    placement_history::ActiveModel {
        employee_id: Set(row.employee_id),
        changed_at: Set(now),
        status: Set(row.status.clone()),
        assessor_position_id: Set(key.0),
        assessor_employee_id: Set(key.1),
        assessor_acting: Set(row.assessor_acting.clone()),
        assessor_nip: Set(person.map(|p| p.nip.clone())),
        assessor_name: Set(person.map(|p| crate::convert::display_name(p))),
        assessor_grade: Set(person.map(|p| p.grade.clone())),
        assessor_position_name: Set(post.map(|p| p.name.clone())),
        assessor_class: Set(post.map(|p| p.class.clone())),
        rule_id: Set(key.2.clone()),
        article: Set(row
            .assessor_article
            .clone()
            .unwrap_or_else(|| row.article.clone())),
        manual: Set(key.3),
        ..Default::default()
    }
}
