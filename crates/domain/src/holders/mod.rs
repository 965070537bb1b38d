//! Who holds a post, and whom a post answers to (ORG-05, PEN-18): the organisation facts a
//! decision needs as a snapshot, the one check "does this person exercise this position", and
//! the questions asked of the unit tree — the head of a unit, its Unit Organisasi, the
//! superior of a unit head, of a position or of an employee, the Sekretaris Daerah and the
//! Pejabat yang Berwenang of an agency. [`lanes`] answers who holds each lane of an
//! approval workflow with them.
//!
//! Pure: storage loads an [`OrgSnapshot`] (a bounded number of queries) and asks. Tree walks
//! are loops over maps that stop on a cycle or a unit the snapshot does not hold; what the
//! snapshot does not hold is not there (no holder), so storage loads every unit of the
//! departments involved.
//!
//! Readings written once here:
//! - a department's root unit is its parentless unit with the lowest id (as the placement
//!   engine picks it);
//! - the Sekretaris Daerah is the head of the root unit of the agency's Sekretariat Daerah
//!   (of the one with the lowest id, should an agency hold two);
//! - the Pejabat yang Berwenang of an agency is the position it names
//!   (`AgencyFacts::authority`), else its Sekretaris Daerah;
//! - the regional head of an agency is the one whose term covers the snapshot's day (the day
//!   of the decision, [`OrgSnapshot::set_day`]); none: the office is vacant
//!   ([`crate::regional_heads`]).

pub mod lanes;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::assignment::Day;
use crate::org::DepartmentKind;
use crate::organisation::{Acting, AgencyId, DepartmentId, EmployeeId, PositionId, UnitId};
use crate::regional_heads::Term;

/// A node of the unit tree, as far as holders are concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitFacts {
    pub id: UnitId,
    pub department: DepartmentId,
    /// `None` for a root unit of its department.
    pub parent: Option<UnitId>,
    /// A Unit Organisasi rather than a Unit Kerja (ORG-03).
    pub is_org_unit: bool,
}

/// A Perangkat Daerah: its agency and kind (ORG-02).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentFacts {
    pub id: DepartmentId,
    pub agency: AgencyId,
    pub kind: DepartmentKind,
}

/// A position: where it sits, whether it heads its unit and who acts in it (ORG-04, ORG-05).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionFacts {
    pub id: PositionId,
    pub unit: UnitId,
    pub agency: AgencyId,
    /// The name letters and the inbox show ("Kepala Dinas Kesehatan").
    pub name: String,
    pub is_head: bool,
    /// The Plt./Plh. appointed to it, if any.
    pub acting: Option<Acting>,
}

/// A person: their definitive position and, from placement, their superior and PPK.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    pub id: EmployeeId,
    pub agency: AgencyId,
    pub name: String,
    /// The position held definitively, if any.
    pub position: Option<PositionId>,
    /// The superior position from placement (any status).
    pub superior: Option<PositionId>,
    /// The PPK (assessor position) from a settled placement.
    pub assessor: Option<PositionId>,
}

/// An agency's named Pejabat yang Berwenang, if it names one, and its head's office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyFacts {
    pub id: AgencyId,
    pub authority: Option<PositionId>,
    /// The head's office as letters name it ("Bupati Banjar"), from the agency's kind and
    /// name ([`crate::regional_heads::head_office_title`]): named in a letter's copies even
    /// when nobody is recorded in it.
    pub head_office: Option<String>,
}

/// A term of an elected regional head (the Bupati, not the deputy) and their account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionalHeadFacts {
    /// The regional head's account (`regional_heads.id`).
    pub id: i64,
    pub agency: AgencyId,
    /// The office as letters name it ("Bupati Banjar").
    pub title: String,
    /// The term of office: the head acts only on the days it covers.
    pub term: Term,
}

/// How someone exercises a position (ORG-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exercise {
    /// Holds it definitively.
    Definitive,
    /// Acts in it as Plt./Plh.
    Acting(crate::org::ActingKind),
}

/// How `employee`, whose definitive position is `definitive`, exercises `post` now: holds it,
/// or is its Plt./Plh. (ORG-05, PEN-18). The definitive holding wins over an acting one.
pub fn exercise(
    employee: EmployeeId,
    definitive: Option<PositionId>,
    post: &PositionFacts,
) -> Option<Exercise> {
    if definitive == Some(post.id) {
        return Some(Exercise::Definitive);
    }
    post.acting
        .filter(|a| a.employee == employee)
        .map(|a| Exercise::Acting(a.kind))
}

/// Whether `employee` (definitive position `definitive`) exercises `post` now: holds it or
/// acts in it (ORG-05, PEN-18). The one check every "who may" about a position asks.
pub fn exercises(
    employee: EmployeeId,
    definitive: Option<PositionId>,
    post: &PositionFacts,
) -> bool {
    exercise(employee, definitive, post).is_some()
}

/// The organisation facts one decision reads, indexed for the questions below.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgSnapshot {
    units: BTreeMap<UnitId, UnitFacts>,
    departments: BTreeMap<DepartmentId, DepartmentFacts>,
    positions: BTreeMap<PositionId, PositionFacts>,
    people: BTreeMap<EmployeeId, PersonFacts>,
    agencies: BTreeMap<AgencyId, AgencyFacts>,
    regional_heads: Vec<RegionalHeadFacts>,
    /// The day of the decision: the regional heads in term on it act. `None`: every term
    /// loaded counts (a snapshot built without terms in mind).
    day: Option<Day>,
    /// Head positions per unit, by id.
    heads: BTreeMap<UnitId, BTreeSet<PositionId>>,
}

impl OrgSnapshot {
    pub fn add_unit(&mut self, u: UnitFacts) {
        self.units.insert(u.id, u);
    }

    pub fn add_department(&mut self, d: DepartmentFacts) {
        self.departments.insert(d.id, d);
    }

    pub fn add_position(&mut self, p: PositionFacts) {
        if let Some(old) = self.positions.get(&p.id)
            && let Some(set) = self.heads.get_mut(&old.unit)
        {
            set.remove(&p.id);
        }
        if p.is_head {
            self.heads.entry(p.unit).or_default().insert(p.id);
        }
        self.positions.insert(p.id, p);
    }

    pub fn add_person(&mut self, p: PersonFacts) {
        self.people.insert(p.id, p);
    }

    pub fn add_agency(&mut self, a: AgencyFacts) {
        self.agencies.insert(a.id, a);
    }

    /// Adds a term of a regional head (an account may have several terms).
    pub fn add_regional_head(&mut self, r: RegionalHeadFacts) {
        if !self.regional_heads.contains(&r) {
            self.regional_heads.push(r);
            self.regional_heads.sort_by_key(|x| x.id);
        }
    }

    /// Sets the day of the decision the snapshot answers for.
    pub fn set_day(&mut self, day: Day) {
        self.day = Some(day);
    }

    /// The day of the decision, if set.
    pub fn day(&self) -> Option<Day> {
        self.day
    }

    pub fn unit(&self, id: UnitId) -> Option<&UnitFacts> {
        self.units.get(&id)
    }

    pub fn department(&self, id: DepartmentId) -> Option<&DepartmentFacts> {
        self.departments.get(&id)
    }

    pub fn position(&self, id: PositionId) -> Option<&PositionFacts> {
        self.positions.get(&id)
    }

    pub fn person(&self, id: EmployeeId) -> Option<&PersonFacts> {
        self.people.get(&id)
    }

    /// Whether a person of the snapshot exercises a position of it (see [`exercises`]).
    pub fn exercises(&self, person: EmployeeId, position: PositionId) -> bool {
        match (self.person(person), self.position(position)) {
            (Some(who), Some(post)) => exercises(who.id, who.position, post),
            _ => false,
        }
    }

    /// Who exercises a position now, among the people of the snapshot: its definitive holder
    /// (the lowest id, should two hold it), else its Plt./Plh. (ORG-05). `None`: vacant.
    pub fn exercised_by(&self, position: PositionId) -> Option<(EmployeeId, Exercise)> {
        let post = self.position(position)?;
        if let Some(p) = self.people.values().find(|p| p.position == Some(position)) {
            return Some((p.id, Exercise::Definitive));
        }
        post.acting.map(|a| (a.employee, Exercise::Acting(a.kind)))
    }

    /// The head positions of a unit, by id.
    pub fn heads_of(&self, unit: UnitId) -> Vec<&PositionFacts> {
        self.heads
            .get(&unit)
            .into_iter()
            .flatten()
            .filter_map(|p| self.positions.get(p))
            .collect()
    }

    /// The units from `start` up to its root, each once (stops on a cycle or a unit the
    /// snapshot does not hold).
    pub fn ancestry(&self, start: UnitId) -> Vec<&UnitFacts> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let mut cur = Some(start);
        while let Some(id) = cur {
            if !seen.insert(id) {
                break;
            }
            let Some(u) = self.units.get(&id) else { break };
            out.push(u);
            cur = u.parent;
        }
        out
    }

    /// The Unit Organisasi of a unit: itself if flagged, else the nearest flagged ancestor,
    /// else the top of its tree (as `Organisation::org_unit_of_unit`).
    pub fn org_unit_of_unit(&self, unit: UnitId) -> Option<&UnitFacts> {
        let path = self.ancestry(unit);
        path.iter().find(|u| u.is_org_unit).or(path.last()).copied()
    }

    /// The Unit Organisasi of a person's definitive position.
    pub fn org_unit_of_person(&self, person: EmployeeId) -> Option<&UnitFacts> {
        let post = self.position(self.person(person)?.position?)?;
        self.org_unit_of_unit(post.unit)
    }

    /// The root unit of a department: its parentless unit with the lowest id.
    pub fn department_root(&self, department: DepartmentId) -> Option<UnitId> {
        department_root(
            self.units
                .values()
                .filter(|u| u.department == department)
                .map(|u| (u.id, u.parent)),
        )
    }

    /// The Sekretaris Daerah of an agency: the head positions of the root unit of its
    /// Sekretariat Daerah (the one with the lowest id).
    pub fn secretary_of(&self, agency: AgencyId) -> Vec<&PositionFacts> {
        self.departments
            .values()
            .find(|d| d.agency == agency && d.kind == DepartmentKind::RegionalSecretariat)
            .and_then(|d| self.department_root(d.id))
            .map(|root| self.heads_of(root))
            .unwrap_or_default()
    }

    /// The Pejabat yang Berwenang of an agency: the position it names, else its Sekretaris
    /// Daerah.
    /// The head's office of `agency` as letters name it, held or not ("Bupati Banjar").
    pub fn head_office_of(&self, agency: AgencyId) -> Option<&str> {
        self.agencies
            .get(&agency)
            .and_then(|a| a.head_office.as_deref())
    }

    pub fn authority_of(&self, agency: AgencyId) -> Vec<&PositionFacts> {
        let named = self
            .agencies
            .get(&agency)
            .and_then(|a| a.authority)
            .and_then(|p| self.position(p));
        match named {
            Some(p) => vec![p],
            None => self.secretary_of(agency),
        }
    }

    /// The regional head (not the deputy) of an agency whose term covers the snapshot's day
    /// (one at most, as terms of one office never overlap); empty: the office is vacant.
    pub fn regional_heads_of(&self, agency: AgencyId) -> Vec<&RegionalHeadFacts> {
        let mut seen = BTreeSet::new();
        self.regional_heads
            .iter()
            .filter(|r| r.agency == agency)
            .filter(|r| self.day.is_none_or(|d| r.term.covers(d)))
            .filter(|r| seen.insert(r.id))
            .collect()
    }

    /// The superior of the head of `unit`: the heads of the nearest unit above it that has
    /// one, else (the head of a Perangkat Daerah) the regional head of `agency`.
    pub fn superior_of_unit_head(&self, unit: UnitId, agency: AgencyId) -> Superior<'_> {
        let above = self.ancestry(unit).into_iter().skip(1);
        for u in above {
            let heads = self.heads_of(u.id);
            if !heads.is_empty() {
                return Superior::Positions(heads);
            }
        }
        Superior::RegionalHeads(self.regional_heads_of(agency))
    }

    /// The superior of whoever holds `position`: for a head, the head above their unit (or
    /// the regional head); for anyone else, the head of their own unit or above.
    pub fn superior_of_position(&self, position: PositionId) -> Superior<'_> {
        let Some(p) = self.position(position) else {
            return Superior::Positions(Vec::new());
        };
        if !p.is_head {
            let heads = self.heads_of(p.unit);
            if !heads.is_empty() {
                return Superior::Positions(heads);
            }
        }
        self.superior_of_unit_head(p.unit, p.agency)
    }

    /// The superior of an employee: their superior position from placement.
    pub fn superior_of_person(&self, person: EmployeeId) -> Vec<&PositionFacts> {
        self.person(person)
            .and_then(|p| p.superior)
            .and_then(|p| self.position(p))
            .into_iter()
            .collect()
    }
}

/// Whom a post answers to: head positions, or the regional head(s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Superior<'a> {
    Positions(Vec<&'a PositionFacts>),
    RegionalHeads(Vec<&'a RegionalHeadFacts>),
}

/// The root among a department's units `(id, parent)`: the parentless one with the lowest id.
pub fn department_root(
    units: impl IntoIterator<Item = (UnitId, Option<UnitId>)>,
) -> Option<UnitId> {
    units
        .into_iter()
        .filter(|(_, parent)| parent.is_none())
        .map(|(id, _)| id)
        .min()
}
