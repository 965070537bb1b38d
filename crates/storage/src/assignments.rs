//! Assignments (issue 5, PEN-01..12, PEN-19): checking a draft against the regulation with the
//! data it needs — the organisation of every agency a member comes from, their placements
//! (PEN-02) and their past team assignments (PEN-05..07) — and recording a draft that passes,
//! in one transaction with its audit row. A draft with any violation writes nothing and
//! answers every violation at once.
//!
//! Past assignments count while they are drafted, requested or running (not once cancelled or
//! refused): a planned assignment takes a place of the three as soon as it is drafted.

use sikerja_domain::audit::AuditAction;
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentId, AssignmentMethod, AssignmentPolicy, AssignmentScope, Day,
    Instrument, MemberRole, MembershipKind, PastAssignment, Report, check, org_unit_of,
};
use sikerja_domain::holders::exercises;
use sikerja_domain::organisation::{AgencyId, EmployeeId, Organisation, PositionId, UnitId};
use sikerja_domain::placement::{Outcome, compute_placements};
use sikerja_domain::planning::target::Execution;

use crate::entities::{assignment, assignment_member, employee, position, unit};
use crate::error::{Result, StorageError, corrupt};
use crate::load::{agency_rows, organisation};
use crate::planning::PlanningActor;
use crate::recompute::manual_decisions;
use crate::{Store, audit};

/// Statuses that no longer count against the limits.
const ENDED: [&str; 2] = ["cancelled", "refused"];

/// A draft to record, with what the check does not need.
#[derive(Debug, Clone)]
pub struct AssignmentInput {
    pub draft: AssignmentDraft,
    /// What the work is, e.g. "Tim Penyusunan Arsitektur SPBE".
    pub title: String,
    /// The Perjanjian Kinerja target it serves (PEN-19).
    pub target: Option<i64>,
}

/// A member as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberView {
    pub employee: Option<EmployeeId>,
    pub name: String,
    pub nip: String,
    pub role: MemberRole,
    pub membership: MembershipKind,
    pub from: Day,
    pub until: Day,
}

/// An assignment as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssignmentView {
    pub id: AssignmentId,
    pub agency: AgencyId,
    pub owner_unit: Option<UnitId>,
    pub owner_unit_name: String,
    pub target: Option<i64>,
    pub title: String,
    pub field: String,
    pub execution: Execution,
    pub method: AssignmentMethod,
    pub scope: AssignmentScope,
    pub instrument: Instrument,
    pub status: String,
    pub members: Vec<MemberView>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// What the check of a draft reads.
struct Context {
    org: Organisation,
    outcomes: Vec<Outcome>,
    history: Vec<PastAssignment>,
    /// The owner agency's readings in force on the day of the decision (issue 14 point 5).
    policy: AssignmentPolicy,
}

/// The organisations of the owner agency and every member's agency (merged), their
/// placements as the engine computes them, and the members' past team assignments.
async fn context(db: &DatabaseTransaction, draft: &AssignmentDraft) -> Result<Context> {
    let ids: Vec<i64> = draft.members.iter().map(|m| m.employee.0).collect();
    let mut agencies: BTreeSet<i64> = employee::Entity::find()
        .filter(employee::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.agency_id)
        .collect();
    agencies.insert(draft.owner_agency.0);
    let mut org = Organisation::default();
    let mut outcomes = Vec::new();
    for a in agencies {
        let rows = match agency_rows(db, AgencyId(a)).await {
            Ok(rows) => rows,
            Err(StorageError::NotFound { .. }) => continue,
            Err(e) => return Err(e),
        };
        // Ratings and experience are read for the members only (PEN-08).
        let details = crate::load::details(db, &ids).await?;
        let one = organisation(&rows, Some(&details))?;
        let manual = manual_decisions(db, AgencyId(a)).await?;
        outcomes.extend(compute_placements(&one, &manual));
        org.agencies.extend(one.agencies);
        org.departments.extend(one.departments);
        org.units.extend(one.units);
        org.positions.extend(one.positions);
        org.employees.extend(one.employees);
    }
    let history = history(db, &ids, draft.id).await?;
    let policy = crate::policies::in_force(db, draft.owner_agency, crate::policies::today())
        .await?
        .assignment;
    Ok(Context {
        org,
        outcomes,
        history,
        policy,
    })
}

/// The members' past team assignments that still count (PEN-05..07).
async fn history<C: ConnectionTrait>(
    db: &C,
    employees: &[i64],
    except: Option<AssignmentId>,
) -> Result<Vec<PastAssignment>> {
    let rows = assignment_member::Entity::find()
        .filter(assignment_member::Column::EmployeeId.is_in(employees.iter().copied()))
        .all(db)
        .await?;
    let assignment_ids: BTreeSet<i64> = rows.iter().map(|m| m.assignment_id).collect();
    let counting: HashMap<i64, assignment::Model> = assignment::Entity::find()
        .filter(assignment::Column::Id.is_in(assignment_ids))
        .filter(assignment::Column::Execution.eq(Execution::Team.code()))
        .filter(assignment::Column::Status.is_not_in(ENDED))
        .all(db)
        .await?
        .into_iter()
        .filter(|a| Some(AssignmentId(a.id)) != except)
        .map(|a| (a.id, a))
        .collect();
    rows.into_iter()
        .filter(|m| counting.contains_key(&m.assignment_id))
        .filter_map(|m| m.employee_id.map(|e| (e, m)))
        .map(|(e, m)| {
            Ok(PastAssignment {
                id: AssignmentId(m.assignment_id),
                employee: EmployeeId(e),
                kind: MembershipKind::from_code(&m.membership)
                    .ok_or_else(|| corrupt("membership", &m.membership))?,
                from: day(&m.from_day)?,
                until: day(&m.until_day)?,
            })
        })
        .collect()
}

fn day(s: &str) -> Result<Day> {
    Day::parse(s).map_err(|_| corrupt("day", s))
}

/// Who may record a draft: for an appointment, the holder (or Plt./Plh.) of a head position
/// of the owner Unit Organisasi (PEN-10, Pasal 12); for a volunteer, the volunteer.
async fn require_author(
    txn: &DatabaseTransaction,
    draft: &AssignmentDraft,
    by: &PlanningActor,
) -> Result<()> {
    let Some(me) = by.employee else {
        return Err(not_author());
    };
    let allowed = match draft.method {
        AssignmentMethod::Volunteer => draft.members.iter().any(|m| m.employee == me),
        AssignmentMethod::Appointment => {
            let heads = position::Entity::find()
                .filter(position::Column::UnitId.eq(draft.owner_unit.0))
                .filter(position::Column::IsHead.eq(true))
                .all(txn)
                .await?;
            let mine = employee::Entity::find_by_id(me.0)
                .one(txn)
                .await?
                .and_then(|e| e.position_id)
                .map(PositionId);
            let mut any = false;
            for p in &heads {
                // ORG-05: the holder or the Plt./Plh. of the head post.
                any |= exercises(me, mine, &crate::holders::position_facts(p)?);
            }
            any
        }
    };
    if allowed { Ok(()) } else { Err(not_author()) }
}

fn not_author() -> StorageError {
    StorageError::forbidden(
        "not_the_appointing_head",
        "Penunjukan dilakukan oleh pimpinan Unit Organisasi pemilik kinerja; pengajuan sukarela oleh pegawai yang bersangkutan (PEN-10, Pasal 11–13).",
    )
}

/// Every violation of a report as one refusal (nothing is written).
fn refusal(report: &Report) -> StorageError {
    let code = report
        .violations
        .first()
        .map_or("assignment_invalid", |v| v.code);
    let message = report
        .violations
        .iter()
        .map(|v| {
            format!(
                "{} ({} · {}): {}",
                v.rule.rule_id,
                v.rule.rule_id.title(),
                v.rule.article,
                v.message
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    StorageError::invalid(code, message)
}

impl Store {
    /// Checks a draft against the regulation (PEN-01..12) with the stored organisation,
    /// placements and past assignments, under the owner agency's policy in force today
    /// (PEN-07, PEN-08); writes nothing.
    pub async fn check_assignment(&self, draft: &AssignmentDraft) -> Result<Report> {
        let txn = self.read_txn().await?;
        let c = context(&txn, draft).await?;
        txn.commit().await?;
        Ok(check(&c.org, &c.outcomes, &c.history, draft, &c.policy))
    }

    /// Records a draft that passes every check, with its derived scope and instrument and each
    /// member's membership (own unit or seconded), in one transaction with its audit row.
    pub async fn create_assignment(
        &self,
        input: &AssignmentInput,
        by: &PlanningActor,
    ) -> Result<AssignmentId> {
        by.audit.checked_label()?;
        let title = input.title.trim();
        if title.is_empty() {
            return Err(StorageError::invalid(
                "assignment_title_blank",
                "Nama penugasan wajib diisi.",
            ));
        }
        let draft = AssignmentDraft {
            id: None,
            ..input.draft.clone()
        };
        let txn = self.begin_write().await?;
        require_author(&txn, &draft, by).await?;
        let c = context(&txn, &draft).await?;
        let report = check(&c.org, &c.outcomes, &c.history, &draft, &c.policy);
        if !report.is_allowed() {
            return Err(refusal(&report));
        }
        let owner_unit_name = unit::Entity::find_by_id(draft.owner_unit.0)
            .one(&txn)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        let now = Utc::now().trunc_subsecs(6);
        let id = assignment::Entity::insert(assignment::ActiveModel {
            agency_id: Set(draft.owner_agency.0),
            owner_unit_id: Set(Some(draft.owner_unit.0)),
            owner_unit_name: Set(owner_unit_name),
            target_id: Set(input.target),
            title: Set(title.to_string()),
            field: Set(draft.field.trim().to_string()),
            execution: Set(draft.execution.code().to_string()),
            method: Set(draft.method.code().to_string()),
            scope: Set(report.scope.code().to_string()),
            instrument: Set(report.instrument.code().to_string()),
            status: Set("draft".to_string()),
            responsible_position_id: Set(draft.responsible_official.map(|p: PositionId| p.0)),
            team_lead_reason: Set(draft.team_lead_reason.clone()),
            created_at: Set(now),
            created_by: Set(by.audit.label.clone()),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let people: HashMap<EmployeeId, &sikerja_domain::organisation::Employee> =
            c.org.employees.iter().map(|e| (e.id, e)).collect();
        for m in &draft.members {
            let membership = if org_unit_of(&c.org, m.employee) == Some(draft.owner_unit) {
                MembershipKind::OwnUnit
            } else {
                MembershipKind::Seconded
            };
            let person = people.get(&m.employee);
            assignment_member::Entity::insert(assignment_member::ActiveModel {
                assignment_id: Set(id),
                employee_id: Set(Some(m.employee.0)),
                name: Set(person.map(|p| p.display_name()).unwrap_or_default()),
                nip: Set(person
                    .map(|p| p.nip.as_str().to_string())
                    .unwrap_or_default()),
                role: Set(m.role.code().to_string()),
                membership: Set(membership.code().to_string()),
                from_day: Set(m.from.to_string()),
                until_day: Set(m.until.to_string()),
                ..Default::default()
            })
            .exec_without_returning(&txn)
            .await?;
        }
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::AssignmentDrafted,
            audit::Subject::new("assignment", id, draft.owner_agency.0),
            json!({
                "title": title,
                "execution": draft.execution.code(),
                "method": draft.method.code(),
                "scope": report.scope.code(),
                "scope_rule": report.scope_citation.to_string(),
                "instrument": report.instrument.code(),
                "instrument_rule": report.instrument_citation.to_string(),
                "members": draft.members.iter().map(|m| json!({"employee": m.employee.0, "role": m.role.code(), "from": m.from.to_string(), "until": m.until.to_string()})).collect::<Vec<_>>(),
                "advice": report.advice.iter().map(|a| a.code).collect::<Vec<_>>(),
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(AssignmentId(id))
    }

    /// One assignment with its members.
    pub async fn assignment(&self, id: AssignmentId) -> Result<AssignmentView> {
        let a = assignment::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("assignment", id))?;
        let members = assignment_member::Entity::find()
            .filter(assignment_member::Column::AssignmentId.eq(id.0))
            .order_by_asc(assignment_member::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| {
                Ok(MemberView {
                    employee: m.employee_id.map(EmployeeId),
                    name: m.name,
                    nip: m.nip,
                    role: MemberRole::from_code(&m.role).ok_or_else(|| corrupt("role", &m.role))?,
                    membership: MembershipKind::from_code(&m.membership)
                        .ok_or_else(|| corrupt("membership", &m.membership))?,
                    from: day(&m.from_day)?,
                    until: day(&m.until_day)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(AssignmentView {
            id,
            agency: AgencyId(a.agency_id),
            owner_unit: a.owner_unit_id.map(UnitId),
            owner_unit_name: a.owner_unit_name,
            target: a.target_id,
            title: a.title,
            field: a.field,
            execution: Execution::from_code(&a.execution)
                .ok_or_else(|| corrupt("execution", &a.execution))?,
            method: AssignmentMethod::from_code(&a.method)
                .ok_or_else(|| corrupt("method", &a.method))?,
            scope: AssignmentScope::from_code(&a.scope)
                .ok_or_else(|| corrupt("scope", &a.scope))?,
            instrument: Instrument::from_code(&a.instrument)
                .ok_or_else(|| corrupt("instrument", &a.instrument))?,
            status: a.status,
            members,
            created_at: a.created_at,
            created_by: a.created_by,
        })
    }
}

/// Who the candidate picker lists (PEN-02, PEN-08, PEN-09).
#[derive(Debug, Clone)]
pub struct CandidateQuery {
    pub owner_unit: UnitId,
    pub owner_agency: AgencyId,
    /// The agency whose JF and Pelaksana are listed (the owner's, or another for a
    /// cross-agency request).
    pub agency: AgencyId,
    /// Field of the task, for the lead's experience (PEN-08 huruf d).
    pub field: String,
    /// First day of the assignment (the year before it is the rating year, PEN-08 huruf c).
    pub start: Day,
}

/// An assignment a candidate already has (drafted, requested or running).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrentAssignment {
    pub id: AssignmentId,
    pub title: String,
    pub role: MemberRole,
    pub from: Day,
    pub until: Day,
}

/// One candidate with what choosing needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub employee: EmployeeId,
    pub name: String,
    pub nip: String,
    pub position_name: String,
    /// The candidate's Unit Organisasi is the owner unit.
    pub in_owner_unit: bool,
    /// A JF from *penyetaraan* of the owner unit: proposed first as team lead (PEN-09).
    pub equalized_first: bool,
    /// Placement settled (PEN-02); otherwise the KED-09 reason.
    pub placed: bool,
    pub placement_note: String,
    /// Assignments that still count, and how many run on the start day (the load).
    pub assignments: Vec<CurrentAssignment>,
    pub load: u32,
    /// Each PEN-08 requirement for a team lead, met or not, with what the record shows.
    pub lead_requirements: Vec<sikerja_domain::assignment::Requirement>,
}

impl Store {
    /// The JF and Pelaksana of `query.agency` as candidates: placement (PEN-02), the
    /// assignments they have and their load on the start day, lead eligibility with each
    /// requirement (PEN-08); JF from *penyetaraan* of the owner unit first (PEN-09), then the
    /// owner unit's people, then the rest, by name.
    pub async fn assignment_candidates(&self, query: &CandidateQuery) -> Result<Vec<Candidate>> {
        let txn = self.read_txn().await?;
        let rows = agency_rows(&txn, query.agency).await?;
        let ids: Vec<i64> = rows.employees.iter().map(|e| e.id).collect();
        let details = crate::load::details(&txn, &ids).await?;
        let mut org = organisation(&rows, Some(&details))?;
        let outcomes = compute_placements(&org, &manual_decisions(&txn, query.agency).await?);
        if query.owner_agency != query.agency {
            // The owner unit must be known to tell who is "in the owner unit" (nobody, then)
            // and which JF are equalized there (none of this agency).
            let owner = agency_rows(&txn, query.owner_agency).await?;
            let owner_org = organisation(&owner, None)?;
            org.agencies.extend(owner_org.agencies);
            org.departments.extend(owner_org.departments);
            org.units.extend(owner_org.units);
        }
        let members = assignment_member::Entity::find()
            .filter(assignment_member::Column::EmployeeId.is_in(ids.iter().copied()))
            .all(&txn)
            .await?;
        let assignment_ids: BTreeSet<i64> = members.iter().map(|m| m.assignment_id).collect();
        let live: HashMap<i64, assignment::Model> = assignment::Entity::find()
            .filter(assignment::Column::Id.is_in(assignment_ids))
            .filter(assignment::Column::Status.is_not_in(ENDED))
            .all(&txn)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        txn.commit().await?;
        let mut current: HashMap<i64, Vec<CurrentAssignment>> = HashMap::new();
        for m in members {
            let (Some(e), Some(a)) = (m.employee_id, live.get(&m.assignment_id)) else {
                continue;
            };
            current.entry(e).or_default().push(CurrentAssignment {
                id: AssignmentId(a.id),
                title: a.title.clone(),
                role: MemberRole::from_code(&m.role).ok_or_else(|| corrupt("role", &m.role))?,
                from: day(&m.from_day)?,
                until: day(&m.until_day)?,
            });
        }
        let equalized: BTreeSet<EmployeeId> = sikerja_domain::assignment::equalized_candidates(
            &org,
            query.owner_unit,
            query.owner_agency,
        )
        .into_iter()
        .collect();
        let outcome_of: HashMap<EmployeeId, &Outcome> =
            outcomes.iter().map(|o| (o.employee(), o)).collect();
        let positions: HashMap<_, _> = org.positions.iter().map(|p| (p.id, p)).collect();
        // PEN-08 as the owner agency reads it today (issue 14 point 5).
        let policy =
            crate::policies::in_force(&self.db, query.owner_agency, crate::policies::today())
                .await?
                .assignment;
        let mut out: Vec<Candidate> = org
            .employees
            .iter()
            .filter(|e| e.agency == query.agency)
            .filter_map(|e| {
                let p = positions.get(&e.position?)?;
                p.class.is_placed().then_some((e, p))
            })
            .map(|(e, p)| {
                let (placed, placement_note) = match outcome_of.get(&e.id) {
                    Some(Outcome::Placed(pl)) => (true, pl.citation.to_string()),
                    Some(Outcome::Unresolved(u)) => (false, u.reason.clone()),
                    None => (false, "Kedudukan belum dihitung".to_string()),
                };
                let mut assignments = current.remove(&e.id.0).unwrap_or_default();
                assignments.sort_by_key(|a| (a.from, a.id));
                let load = assignments
                    .iter()
                    .filter(|a| a.from <= query.start && query.start <= a.until)
                    .count();
                Candidate {
                    employee: e.id,
                    name: e.display_name(),
                    nip: e.nip.as_str().to_string(),
                    position_name: p.name.clone(),
                    in_owner_unit: org_unit_of(&org, e.id) == Some(query.owner_unit),
                    equalized_first: equalized.contains(&e.id),
                    placed,
                    placement_note,
                    load: u32::try_from(load).unwrap_or(u32::MAX),
                    assignments,
                    lead_requirements: sikerja_domain::assignment::lead_eligibility(
                        e,
                        &query.field,
                        query.start,
                        &policy,
                    ),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.equalized_first
                .cmp(&a.equalized_first)
                .then(b.in_owner_unit.cmp(&a.in_owner_unit))
                .then(a.name.cmp(&b.name))
        });
        Ok(out)
    }
}
