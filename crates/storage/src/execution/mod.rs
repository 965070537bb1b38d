//! Execution after an assignment's letter is issued (MEK-04, MEK-05, LAP-01..06): the
//! records of work breakdowns, reports, feedback, team issues and results, each decision in
//! one transaction with its audit row; who may and what comes next are decided by
//! `sikerja_domain::execution` over the facts loaded here.

mod breakdown;
mod feedback;
mod issues;
mod plans;
mod policy;
mod reports;
mod reports_due;
pub mod results;

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use sikerja_domain::assignment::{AssignmentId, AssignmentStatus, Day, MemberRole};
use sikerja_domain::execution::{Actor, Refusal, RefusalKind, Work, WorkKind, WorkMember};
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::planning::target::Execution;
use sikerja_domain::planning::target::PlanStatus;

pub use breakdown::{BreakdownMember, BreakdownView, Offers, WorkItemView};
pub use feedback::FeedbackView;
pub use issues::{IssueAddresseeView, IssueDecisionView, IssueView};
pub use reports::{
    DueReport, EvidenceRecord, MAX_EVIDENCE_FILES, ReportInput, ReportLineView, ReportRequestView,
    ReportView, WorkSchedule,
};

use crate::entities::{
    activity_plan, activity_plan_version, assignment, assignment_member, employee,
    performance_agreement, placement, position,
};
use crate::error::{Result, StorageError, corrupt};
use crate::planning::PlanningActor;
use crate::views::PlacementStatus;

/// A piece of work being carried out: an assignment or an approved activity plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum WorkRef {
    Assignment(AssignmentId),
    Plan(i64),
}

impl WorkRef {
    /// The key every execution record carries (`a:<id>`, `p:<id>`).
    pub fn key(self) -> String {
        match self {
            WorkRef::Assignment(a) => format!("a:{}", a.0),
            WorkRef::Plan(p) => format!("p:{p}"),
        }
    }

    fn assignment_id(self) -> Option<i64> {
        match self {
            WorkRef::Assignment(a) => Some(a.0),
            WorkRef::Plan(_) => None,
        }
    }

    fn plan_id(self) -> Option<i64> {
        match self {
            WorkRef::Plan(p) => Some(p),
            WorkRef::Assignment(_) => None,
        }
    }
}

/// The facts of a piece of work as loaded, with what pages show beside them.
#[derive(Debug, Clone)]
pub(crate) struct LoadedWork {
    pub work_ref: WorkRef,
    pub agency: AgencyId,
    pub title: String,
    pub work: Work,
    /// Member names by employee id.
    pub names: HashMap<EmployeeId, String>,
    /// The planning targets the work serves.
    pub targets: Vec<i64>,
}

impl LoadedWork {
    pub fn name(&self, e: EmployeeId) -> String {
        self.names.get(&e).cloned().unwrap_or_default()
    }
}

/// Loads the facts of a piece of work (inside the caller's transaction).
pub(crate) async fn load_work<C: ConnectionTrait>(db: &C, r: WorkRef) -> Result<LoadedWork> {
    match r {
        WorkRef::Assignment(id) => load_assignment(db, id).await,
        WorkRef::Plan(id) => load_plan(db, id).await,
    }
}

async fn assessors<C: ConnectionTrait>(db: &C, people: &[i64]) -> Result<HashMap<i64, PositionId>> {
    let rows = placement::Entity::find()
        .filter(placement::Column::EmployeeId.is_in(people.iter().copied()))
        .filter(placement::Column::Status.eq(PlacementStatus::Placed.code()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r.employee_id, PositionId(r.assessor_position_id?))))
        .collect())
}

async fn load_assignment<C: ConnectionTrait>(db: &C, id: AssignmentId) -> Result<LoadedWork> {
    let a = assignment::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("assignment", id.0))?;
    let rows = assignment_member::Entity::find()
        .filter(assignment_member::Column::AssignmentId.eq(a.id))
        .all(db)
        .await?;
    let people: Vec<i64> = rows.iter().filter_map(|m| m.employee_id).collect();
    let assessors = assessors(db, &people).await?;
    let mut members = Vec::new();
    let mut names = HashMap::new();
    for m in &rows {
        let Some(e) = m.employee_id else { continue };
        let day = |s: &str| Day::parse(s).map_err(|_| corrupt("member day", s));
        members.push(WorkMember {
            employee: EmployeeId(e),
            role: MemberRole::from_code(&m.role).ok_or_else(|| corrupt("member role", &m.role))?,
            from: day(&m.from_day)?,
            until: day(&m.until_day)?,
            assessor: assessors.get(&e).copied(),
        });
        names.insert(EmployeeId(e), m.name.clone());
    }
    let owner_heads = match a.owner_unit_id {
        Some(u) => position::Entity::find()
            .filter(position::Column::UnitId.eq(u))
            .filter(position::Column::IsHead.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|p| PositionId(p.id))
            .collect(),
        None => Vec::new(),
    };
    let budget = match a.target_id {
        Some(t) => crate::entities::agreement_target::Entity::find_by_id(t)
            .one(db)
            .await?
            .map(|t| t.budget)
            .filter(|b| *b > 0),
        None => None,
    };
    let kind = if Execution::from_code(&a.execution) == Some(Execution::Team) {
        WorkKind::Team
    } else {
        WorkKind::Individual
    };
    let from = members.iter().map(|m| m.from).min();
    let until = members.iter().map(|m| m.until).max();
    let (Some(from), Some(until)) = (from, until) else {
        return Err(StorageError::invalid(
            "work_without_members",
            "Penugasan ini belum memiliki anggota.",
        ));
    };
    Ok(LoadedWork {
        work_ref: WorkRef::Assignment(id),
        agency: AgencyId(a.agency_id),
        title: a.title.clone(),
        work: Work {
            kind,
            running: a.status == AssignmentStatus::Active.code(),
            members,
            owner_heads,
            responsible: a.responsible_position_id.map(PositionId),
            from,
            until,
            budget,
        },
        names,
        targets: a.target_id.into_iter().collect(),
    })
}

async fn load_plan<C: ConnectionTrait>(db: &C, id: i64) -> Result<LoadedWork> {
    let plan = activity_plan::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("activity plan", id))?;
    let agreement = performance_agreement::Entity::find_by_id(plan.agreement_id)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("agreement", plan.agreement_id))?;
    // The newest approved version is the plan in force.
    let approved = activity_plan_version::Entity::find()
        .filter(activity_plan_version::Column::PlanId.eq(plan.id))
        .filter(activity_plan_version::Column::Status.eq(PlanStatus::Approved.code()))
        .all(db)
        .await?
        .into_iter()
        .max_by_key(|v| v.version);
    let year =
        u16::try_from(agreement.year).map_err(|_| corrupt("year", &agreement.year.to_string()))?;
    let (from, until) = (
        Day::new(year, 1, 1).map_err(|_| corrupt("year", &year.to_string()))?,
        Day::new(year, 12, 31).map_err(|_| corrupt("year", &year.to_string()))?,
    );
    let mut members = Vec::new();
    let mut names = HashMap::new();
    if let Some(e) = agreement.employee_id {
        let assessors = assessors(db, &[e]).await?;
        members.push(WorkMember {
            employee: EmployeeId(e),
            role: MemberRole::Member,
            from,
            until,
            assessor: assessors.get(&e).copied(),
        });
        names.insert(EmployeeId(e), agreement.holder_name.clone());
    }
    Ok(LoadedWork {
        work_ref: WorkRef::Plan(id),
        agency: AgencyId(agreement.agency_id),
        title: plan.title.clone(),
        work: Work {
            kind: WorkKind::ActivityPlan,
            running: approved.is_some(),
            members,
            owner_heads: agreement
                .setter_position_id
                .map(PositionId)
                .into_iter()
                .collect(),
            responsible: None,
            from,
            until,
            budget: approved.map(|v| v.total_budget),
        },
        names,
        targets: plan.target_id.into_iter().collect(),
    })
}

/// The person acting and every position they exercise now: their definitive position and
/// those they are Plt./Plh. of (ORG-05).
pub(crate) async fn load_actor<C: ConnectionTrait>(db: &C, by: &PlanningActor) -> Result<Actor> {
    let Some(me) = by.employee else {
        return Ok(Actor::default());
    };
    let own = employee::Entity::find_by_id(me.0)
        .one(db)
        .await?
        .and_then(|e| e.position_id)
        .map(PositionId);
    let mut exercises: Vec<PositionId> = crate::holders::positions_exercised_by(db, me)
        .await?
        .into_iter()
        .map(|p| PositionId(p.id))
        .collect();
    exercises.sort_unstable();
    exercises.dedup();
    Ok(Actor {
        employee: Some(me),
        own_position: own,
        exercises,
    })
}

/// A domain refusal as a storage error, answered as the domain classed it (its code carries
/// the citation, see `sikerja_domain::refusals`).
pub(crate) fn refused(r: Refusal) -> StorageError {
    let message = r.to_string();
    let code = r.code;
    match r.kind {
        RefusalKind::NotPermitted => StorageError::Forbidden { code, message },
        RefusalKind::Conflict => StorageError::Conflict { code, message },
        RefusalKind::Invalid => StorageError::Invalid { code, message },
    }
}

/// Refuses unless `by` plays a part in the work (who may see its records).
pub(crate) fn require_sight(actor: &Actor, w: &LoadedWork) -> Result<()> {
    if sikerja_domain::execution::breakdown::may_see(actor, &w.work) {
        Ok(())
    } else {
        Err(StorageError::forbidden(
            "not_involved_in_work",
            "Catatan pelaksanaan ini hanya dapat dilihat oleh anggota, Pimpinan Unit Organisasi pemilik kinerja, Penanggungjawab dan Pejabat Penilai Kinerja anggota.",
        ))
    }
}

/// Takes the row lock of the work's assignment (PostgreSQL), so that two decisions about one
/// piece of work queue instead of interleaving.
pub(crate) async fn lock_work<C: ConnectionTrait>(db: &C, r: WorkRef) -> Result<()> {
    match r {
        WorkRef::Assignment(AssignmentId(id)) => {
            assignment::Entity::find_by_id(id)
                .lock_exclusive()
                .one(db)
                .await?
                .ok_or_else(|| StorageError::not_found("assignment", id))?;
        }
        WorkRef::Plan(id) => {
            crate::entities::activity_plan::Entity::find_by_id(id)
                .lock_exclusive()
                .one(db)
                .await?
                .ok_or_else(|| StorageError::not_found("activity plan", id))?;
        }
    }
    Ok(())
}
