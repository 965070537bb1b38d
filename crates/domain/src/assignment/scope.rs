//! Scope derived from the members (PEN-03) and the instrument it calls for (PEN-12).

use std::collections::HashMap;

use super::model::{AssignmentDraft, AssignmentScope, Instrument};
use crate::organisation::{
    AgencyId, DepartmentId, Employee, EmployeeId, Organisation, Position, PositionId, Unit, UnitId,
};
use crate::rules::{Citation, RuleId};

/// PEN-03 is Pasal 9 ayat 2.
pub(super) fn scope_citation() -> Citation {
    Citation::new(RuleId::PEN_03, "Pasal 9 ayat 2")
}

/// Lookups over the organisation for one check, built once (first occurrence wins on
/// duplicate ids, as in placement).
pub(super) struct Index<'a> {
    pub units: HashMap<UnitId, &'a Unit>,
    pub positions: HashMap<PositionId, &'a Position>,
    pub employees: HashMap<EmployeeId, &'a Employee>,
    pub department_agency: HashMap<DepartmentId, AgencyId>,
}

impl<'a> Index<'a> {
    pub fn new(org: &'a Organisation) -> Index<'a> {
        let mut units = HashMap::with_capacity(org.units.len());
        for u in &org.units {
            units.entry(u.id).or_insert(u);
        }
        let mut positions = HashMap::with_capacity(org.positions.len());
        for p in &org.positions {
            positions.entry(p.id).or_insert(p);
        }
        let mut employees = HashMap::with_capacity(org.employees.len());
        for e in &org.employees {
            employees.entry(e.id).or_insert(e);
        }
        let mut department_agency = HashMap::with_capacity(org.departments.len());
        for d in &org.departments {
            department_agency.entry(d.id).or_insert(d.agency);
        }
        Index {
            units,
            positions,
            employees,
            department_agency,
        }
    }

    /// A Unit Organisasi: flagged so, or the root of its department (the PD itself).
    pub fn is_org_unit(&self, unit: UnitId) -> bool {
        self.units
            .get(&unit)
            .is_some_and(|u| u.is_org_unit || u.parent.is_none())
    }

    /// The Unit Organisasi a unit belongs to: the unit itself or the nearest one above it
    /// flagged `is_org_unit`, else the department's root. `None` for an unknown unit or a
    /// parent chain that loops.
    pub fn org_unit_of_unit(&self, unit: UnitId) -> Option<UnitId> {
        let mut cur = unit;
        for _ in 0..=self.units.len() {
            let u = self.units.get(&cur)?;
            if u.is_org_unit {
                return Some(u.id);
            }
            match u.parent {
                Some(parent) => cur = parent,
                None => return Some(u.id),
            }
        }
        None
    }

    /// The Unit Organisasi of an employee's definitive position.
    pub fn org_unit_of(&self, employee: EmployeeId) -> Option<UnitId> {
        let e = self.employees.get(&employee)?;
        let p = self.positions.get(&e.position?)?;
        self.org_unit_of_unit(p.unit)
    }

    /// The agency a unit belongs to, through its department.
    pub fn agency_of_unit(&self, unit: UnitId) -> Option<AgencyId> {
        let u = self.units.get(&unit)?;
        self.department_agency.get(&u.department).copied()
    }

    pub fn unit_name(&self, unit: UnitId) -> String {
        self.units
            .get(&unit)
            .map_or_else(|| format!("unit {unit}"), |u| u.name.clone())
    }

    pub fn employee_name(&self, employee: EmployeeId) -> String {
        self.employees
            .get(&employee)
            .map_or_else(|| format!("pegawai {employee}"), |e| e.display_name())
    }

    /// PEN-03 for one member: where they stand relative to the owner. `None` when their Unit
    /// Organisasi cannot be found (not in the organisation, no position): such a member is
    /// reported by PEN-01 and does not decide the scope.
    pub fn member_scope(
        &self,
        draft: &AssignmentDraft,
        employee: EmployeeId,
    ) -> Option<AssignmentScope> {
        let e = self.employees.get(&employee)?;
        if e.agency != draft.owner_agency {
            return Some(AssignmentScope::CrossAgency);
        }
        let unit = self.org_unit_of(employee)?;
        Some(if unit == draft.owner_unit {
            AssignmentScope::WithinUnit
        } else {
            AssignmentScope::CrossUnit
        })
    }

    pub fn scope_of(&self, draft: &AssignmentDraft) -> AssignmentScope {
        draft
            .members
            .iter()
            .filter_map(|m| self.member_scope(draft, m.employee))
            .max()
            .unwrap_or(AssignmentScope::WithinUnit)
    }
}

/// PEN-03: the Unit Organisasi an employee belongs to — walking up from the unit of their
/// definitive position to the nearest unit flagged `is_org_unit`, else the department's root.
/// `None` without a position or for an employee not in the organisation.
pub fn org_unit_of(org: &Organisation, employee: EmployeeId) -> Option<UnitId> {
    Index::new(org).org_unit_of(employee)
}

/// PEN-03 (Pasal 9 ayat 2): the scope of an assignment, derived from its members and never
/// typed in. A member of another Instansi than the owner makes it *lintas Instansi
/// Pemerintah*; else a member of another Unit Organisasi makes it *lintas Unit Organisasi*;
/// else it is *dalam Unit Organisasi*. Members not in the organisation, and members of the
/// owner Instansi without a position (no Unit Organisasi), are left out here — PEN-01 reports
/// them; a draft without members is within the unit.
pub fn scope_of(org: &Organisation, draft: &AssignmentDraft) -> AssignmentScope {
    Index::new(org).scope_of(draft)
}

/// PEN-12 (Pasal 14): the instrument that establishes an assignment of this scope.
pub fn instrument_for(scope: AssignmentScope) -> (Instrument, Citation) {
    match scope {
        AssignmentScope::CrossAgency => (
            Instrument::RegentDecree,
            Citation::new(RuleId::PEN_12, "Pasal 14 ayat 1"),
        ),
        AssignmentScope::CrossUnit => (
            Instrument::SecretaryDecree,
            Citation::new(RuleId::PEN_12, "Pasal 14 ayat 2"),
        ),
        AssignmentScope::WithinUnit => (
            Instrument::AssignmentLetter,
            Citation::new(RuleId::PEN_12, "Pasal 14 ayat 3"),
        ),
    }
}
