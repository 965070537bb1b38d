//! The candidate picker's list (PEN-02, PEN-08, PEN-09; issue 15 point 3): every JF and
//! Pelaksana of an agency with their unit, Perangkat Daerah, grade, placement, current
//! assignments and load, and each team-lead requirement, ranked by fit
//! ([`sikerja_domain::assignment::Fit`]). The organisation is loaded and indexed once per call
//! — the Unit Organisasi of every employee from one index, not one index per candidate.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use sikerja_domain::assignment::{
    AssignmentId, Day, Fit, MemberRole, Requirement, Search, equalized_candidates,
    lead_eligibility, org_units,
};
use sikerja_domain::experience_fields::resolve_experience;
use sikerja_domain::grade::Grade;
use sikerja_domain::organisation::{AgencyId, EmployeeId, UnitId};
use sikerja_domain::placement::{Outcome, compute_placements};

use crate::Store;
use crate::assignments::{day, ended};
use crate::entities::{assignment, assignment_member};
use crate::error::{Result, corrupt};
use crate::load::{agency_rows, organisation};
use crate::recompute::manual_decisions;

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
    /// The draft being changed (issue 14 point 6): not listed among the candidates'
    /// assignments nor counted in their load.
    pub exclude: Option<AssignmentId>,
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
    /// The unit of their position (a Seksi, a Bidang, an UPTD …).
    pub unit_name: String,
    /// Their Perangkat Daerah.
    pub department_name: String,
    /// Golongan (PNS: its pangkat follows from it).
    pub grade: Grade,
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
    pub lead_requirements: Vec<Requirement>,
}

impl Candidate {
    /// Every PEN-08 requirement is met.
    pub fn lead_eligible(&self) -> bool {
        self.lead_requirements.iter().all(|r| r.met)
    }

    /// What ranks them (PEN-09, PEN-02, PEN-08, owner unit, load).
    pub fn fit(&self) -> Fit {
        Fit {
            equalized_first: self.equalized_first,
            placed: self.placed,
            lead_eligible: self.lead_eligible(),
            in_owner_unit: self.in_owner_unit,
            load: self.load,
        }
    }

    /// Whether the search finds them by name, NIP, position, unit or Perangkat Daerah.
    pub fn matches(&self, search: &Search) -> bool {
        search.matches([
            self.name.as_str(),
            self.nip.as_str(),
            self.position_name.as_str(),
            self.unit_name.as_str(),
            self.department_name.as_str(),
        ])
    }
}

impl Store {
    /// The JF and Pelaksana of `query.agency` as candidates: unit, Perangkat Daerah and grade,
    /// placement (PEN-02), the assignments they have and their load on the start day, lead
    /// eligibility with each requirement (PEN-08); ranked by fit — JF from *penyetaraan* of the
    /// owner unit first (PEN-09), then the placed, the lead-eligible, the owner unit's people,
    /// the lighter load — and by name.
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
            .filter(assignment::Column::Status.is_not_in(ended()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        // PEN-08 huruf d through the owner agency's fields of experience (issue 14 point 6).
        let fields = crate::experience_fields::fields_of(&txn, query.owner_agency).await?;
        let task_field = resolve_experience(&mut org, query.agency, &fields, &query.field);
        txn.commit().await?;
        let mut current: HashMap<i64, Vec<CurrentAssignment>> = HashMap::new();
        for m in members {
            let (Some(e), Some(a)) = (m.employee_id, live.get(&m.assignment_id)) else {
                continue;
            };
            if query.exclude == Some(AssignmentId(a.id)) {
                continue;
            }
            current.entry(e).or_default().push(CurrentAssignment {
                id: AssignmentId(a.id),
                title: a.title.clone(),
                role: MemberRole::from_code(&m.role).ok_or_else(|| corrupt("role", &m.role))?,
                from: day(&m.from_day)?,
                until: day(&m.until_day)?,
            });
        }
        let equalized: BTreeSet<EmployeeId> =
            equalized_candidates(&org, query.owner_unit, query.owner_agency)
                .into_iter()
                .collect();
        // One index of the organisation for every candidate (issue 15 point 3: one per
        // candidate made the picker quadratic).
        let org_unit = org_units(&org);
        let outcome_of: HashMap<EmployeeId, &Outcome> =
            outcomes.iter().map(|o| (o.employee(), o)).collect();
        let positions: HashMap<_, _> = org.positions.iter().map(|p| (p.id, p)).collect();
        let units: HashMap<_, _> = org.units.iter().map(|u| (u.id, u)).collect();
        let departments: HashMap<_, _> = org.departments.iter().map(|d| (d.id, d)).collect();
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
                let unit = units.get(&p.unit);
                Candidate {
                    employee: e.id,
                    name: e.display_name(),
                    nip: e.nip.as_str().to_string(),
                    position_name: p.name.clone(),
                    unit_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
                    department_name: unit
                        .and_then(|u| departments.get(&u.department))
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                    grade: e.grade,
                    in_owner_unit: org_unit.get(&e.id) == Some(&query.owner_unit),
                    equalized_first: equalized.contains(&e.id),
                    placed,
                    placement_note,
                    load: u32::try_from(load).unwrap_or(u32::MAX),
                    assignments,
                    lead_requirements: lead_eligibility(e, &task_field, query.start, &policy),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            a.fit()
                .best_first(&b.fit())
                .then_with(|| a.name.cmp(&b.name))
                .then(a.employee.cmp(&b.employee))
        });
        Ok(out)
    }
}
