//! Assignments (issue 5, PEN-01..12, PEN-19): checking a draft against the regulation with the
//! data it needs — the organisation of every agency a member comes from, their placements
//! (PEN-02) and their past team assignments (PEN-05..07) — and recording a draft that passes,
//! in one transaction with its audit row. A draft with any violation writes nothing and
//! answers every violation at once.
//!
//! Past assignments count while they are drafted, requested or running (not once cancelled or
//! refused): a planned assignment takes a place of the three as soon as it is drafted.

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentId, AssignmentMethod, AssignmentPolicy, AssignmentScope,
    AssignmentStatus, Day, Instrument, MemberRole, MembershipKind, PastAssignment, Report, check,
    org_units,
};
use sikerja_domain::assignment::{OwnerOffer, OwnerRoute, owner_offer, owner_route};
use sikerja_domain::experience_fields::{canonical_name, resolve_experience};
use sikerja_domain::organisation::{AgencyId, EmployeeId, Organisation, PositionId, UnitId};
use sikerja_domain::placement::{Outcome, compute_placements};
use sikerja_domain::planning::target::Execution;

use crate::entities::{assignment, assignment_member, employee, unit};
use crate::error::{Result, StorageError, corrupt};
use crate::load::{agency_rows, organisation};
use crate::planning::PlanningActor;
use crate::recompute::manual_decisions;
use crate::{Store, audit};

/// Statuses that no longer count against the limits (PEN-05..07).
pub(crate) fn ended() -> impl Iterator<Item = &'static str> {
    AssignmentStatus::ENDED.iter().map(|s| s.code())
}

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
    pub status: AssignmentStatus,
    pub members: Vec<MemberView>,
    /// Why the team lead is not a JF from *penyetaraan* (PEN-09), as recorded.
    pub team_lead_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// What the check of a draft reads.
pub(crate) struct Context {
    pub(crate) org: Organisation,
    pub(crate) outcomes: Vec<Outcome>,
    pub(crate) history: Vec<PastAssignment>,
    /// The owner agency's readings in force on the day of the decision (issue 14 point 5).
    pub(crate) policy: AssignmentPolicy,
    /// The draft's field as the controlled field's name (the text itself when it names none).
    pub(crate) task_field: String,
}

impl Context {
    /// The regulation's check of `draft`, its field read through the controlled list.
    pub(crate) fn check(&self, draft: &AssignmentDraft) -> Report {
        let draft = AssignmentDraft {
            field: self.task_field.clone(),
            ..draft.clone()
        };
        check(
            &self.org,
            &self.outcomes,
            &self.history,
            &draft,
            &self.policy,
        )
    }
}

/// The organisations of the owner agency and every member's agency (merged), their
/// placements as the engine computes them, and the members' past team assignments.
pub(crate) async fn context(db: &DatabaseTransaction, draft: &AssignmentDraft) -> Result<Context> {
    context_with(db, draft, &[]).await
}

/// The organisation (without ratings) of every agency the employees `ids` belong to: what
/// [`owner_offer`] reads.
pub(crate) async fn organisation_of(
    txn: &DatabaseTransaction,
    ids: &[EmployeeId],
) -> Result<Organisation> {
    let agencies: BTreeSet<i64> = employee::Entity::find()
        .filter(employee::Column::Id.is_in(ids.iter().map(|e| e.0)))
        .all(txn)
        .await?
        .into_iter()
        .map(|e| e.agency_id)
        .collect();
    let mut org = Organisation::default();
    for a in agencies {
        let rows = agency_rows(txn, AgencyId(a)).await?;
        let one = organisation(&rows, None)?;
        org.agencies.extend(one.agencies);
        org.departments.extend(one.departments);
        org.units.extend(one.units);
        org.positions.extend(one.positions);
        org.employees.extend(one.employees);
    }
    Ok(org)
}

/// [`context`] with the organisation of `also` loaded too (the members of a stored draft being
/// changed: the changer's standing to it depends on their units).
pub(crate) async fn context_with(
    db: &DatabaseTransaction,
    draft: &AssignmentDraft,
    also: &[EmployeeId],
) -> Result<Context> {
    let mut ids: Vec<i64> = draft.members.iter().map(|m| m.employee.0).collect();
    for e in also {
        if !ids.contains(&e.0) {
            ids.push(e.0);
        }
    }
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
    // Ratings and experience are read for the members only (PEN-08), once for every agency.
    let details = crate::load::details(db, &ids).await?;
    for a in agencies {
        let rows = match agency_rows(db, AgencyId(a)).await {
            Ok(rows) => rows,
            Err(StorageError::NotFound { .. }) => continue,
            Err(e) => return Err(e),
        };
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
    // PEN-08 huruf d through the owner agency's fields of experience: a synonym counts as the
    // field (issue 14 point 6).
    let fields = crate::experience_fields::fields_of(db, draft.owner_agency).await?;
    let task_field = canonical_name(&fields, &draft.field);
    for a in org.agencies.iter().map(|a| a.id).collect::<Vec<_>>() {
        resolve_experience(&mut org, a, &fields, &draft.field);
    }
    Ok(Context {
        org,
        outcomes,
        history,
        policy,
        task_field,
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
        .filter(assignment::Column::Status.is_not_in(ended()))
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

pub(crate) fn day(s: &str) -> Result<Day> {
    Day::parse(s).map_err(|_| corrupt("day", s))
}

/// Who may record a draft, decided by the domain (issue 14 point 6; PEN-10, PEN-13..15): the
/// head (or Plt./Plh.) of the owner Unit Organisasi appoints; a Kepala Bidang/Seksi of it
/// prepares the draft for that head (`prepare`); someone heading no unit volunteers. A draft
/// outside the offer — a forged form naming a Bidang as owner — is refused with the rule.
/// Records the members of draft `id`, each as own unit or seconded (PEN-02): the Unit
/// Organisasi they sit in is the owner's or not.
pub(crate) async fn insert_members<C: ConnectionTrait>(
    txn: &C,
    id: i64,
    draft: &AssignmentDraft,
    org: &Organisation,
) -> Result<()> {
    let people: HashMap<EmployeeId, &sikerja_domain::organisation::Employee> =
        org.employees.iter().map(|e| (e.id, e)).collect();
    let org_units = org_units(org);
    for m in &draft.members {
        let membership = if org_units.get(&m.employee) == Some(&draft.owner_unit) {
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
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

fn require_author(
    org: &Organisation,
    draft: &AssignmentDraft,
    by: &PlanningActor,
    prepare: bool,
) -> Result<OwnerRoute> {
    let Some(me) = by.employee else {
        return Err(not_author());
    };
    let members: Vec<EmployeeId> = draft.members.iter().map(|m| m.employee).collect();
    let offer = owner_offer(org, me, &members);
    let route = owner_route(&offer, draft.owner_unit, draft.method)
        .map_err(|r| StorageError::forbidden(r.code, r.message))?
        .route;
    match route {
        OwnerRoute::Volunteer if !members.contains(&me) => Err(not_author()),
        OwnerRoute::Prepare if !prepare => Err(StorageError::forbidden(
            "not_the_appointing_head",
            offer
                .limits
                .iter()
                .find(|l| l.org_unit == draft.owner_unit)
                .map_or_else(|| not_author().to_string(), |l| l.message.clone()),
        )),
        OwnerRoute::Appoint | OwnerRoute::Volunteer if prepare => Err(StorageError::invalid(
            "prepare_not_needed",
            "Anda dapat menunjuk sendiri untuk unit ini; simpan sebagai konsep biasa.",
        )),
        r => Ok(r),
    }
}

fn not_author() -> StorageError {
    StorageError::forbidden(
        "not_the_appointing_head",
        "Penunjukan dilakukan oleh pimpinan Unit Organisasi pemilik kinerja; pengajuan sukarela oleh pegawai yang bersangkutan (PEN-10, Pasal 11–13).",
    )
}

/// Every violation of a report as one refusal (nothing is written).
pub(crate) fn refusal(report: &Report) -> StorageError {
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
        Ok(c.check(draft))
    }

    /// The owners and methods `actor` may use for a draft of `members` (issue 14 point 6):
    /// what the form offers. Reads the organisation of the actor's agency and the members'.
    pub async fn owner_offer(
        &self,
        actor: EmployeeId,
        members: &[EmployeeId],
    ) -> Result<OwnerOffer> {
        let txn = self.read_txn().await?;
        let mut everyone = members.to_vec();
        everyone.push(actor);
        let org = organisation_of(&txn, &everyone).await?;
        txn.commit().await?;
        Ok(owner_offer(&org, actor, members))
    }

    /// Records a draft a Kepala Bidang/Seksi prepared for the head of the owner Unit
    /// Organisasi (issue 14 point 6): checked like any draft, status `draft`, with who prepared
    /// it; the head finds it among their drafts, may change it and starts the workflow.
    pub async fn prepare_assignment(
        &self,
        input: &AssignmentInput,
        by: &PlanningActor,
    ) -> Result<AssignmentId> {
        self.record_assignment(input, by, true).await
    }

    /// Records a draft that passes every check, with its derived scope and instrument and each
    /// member's membership (own unit or seconded), in one transaction with its audit row.
    pub async fn create_assignment(
        &self,
        input: &AssignmentInput,
        by: &PlanningActor,
    ) -> Result<AssignmentId> {
        self.record_assignment(input, by, false).await
    }

    async fn record_assignment(
        &self,
        input: &AssignmentInput,
        by: &PlanningActor,
        prepare: bool,
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
        let c = context(&txn, &draft).await?;
        let route = require_author(&c.org, &draft, by, prepare)?;
        let report = c.check(&draft);
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
            field: Set(c.task_field.trim().to_string()),
            execution: Set(draft.execution.code().to_string()),
            method: Set(draft.method.code().to_string()),
            scope: Set(report.scope.code().to_string()),
            instrument: Set(report.instrument.code().to_string()),
            status: Set(AssignmentStatus::Draft.code().to_string()),
            responsible_position_id: Set(draft.responsible_official.map(|p: PositionId| p.0)),
            team_lead_reason: Set(draft.team_lead_reason.clone()),
            created_at: Set(now),
            created_by: Set(by.audit.label.clone()),
            prepared_by_employee_id: Set(match route {
                OwnerRoute::Prepare => by.employee.map(|e| e.0),
                _ => None,
            }),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        insert_members(&txn, id, &draft, &c.org).await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::AssignmentDrafted,
            audit::Subject::new(AuditSubject::Assignment, id, draft.owner_agency.0),
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
                "prepared_for_head": route == OwnerRoute::Prepare,
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
            status: AssignmentStatus::from_code(&a.status)
                .ok_or_else(|| corrupt("assignment status", &a.status))?,
            members,
            team_lead_reason: a.team_lead_reason,
            created_at: a.created_at,
            created_by: a.created_by,
        })
    }
}
