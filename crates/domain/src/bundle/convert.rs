//! From codes to ids: the [`Organisation`] of one bundle, as the placement engine reads it.

use std::collections::HashMap;

use super::AgencyBundle;
use crate::organisation::{
    Acting, Agency, AgencyId, Department, DepartmentId, Employee, EmployeeId, Organisation,
    Position, PositionId, Unit, UnitId,
};

/// Ids are 1-based positions in the bundle's lists; 0 marks a reference that points nowhere.
fn ids<'a>(codes: impl Iterator<Item = &'a str>) -> HashMap<&'a str, i64> {
    codes.zip(1..).collect()
}

impl AgencyBundle {
    /// The organisation of this bundle under agency id `agency`, with ids numbered from 1 in
    /// list order. Meant for a bundle that passed [`AgencyBundle::validate`]: a reference that
    /// points nowhere becomes id 0, which the placement engine reports as unresolved.
    pub fn to_organisation(&self, agency: AgencyId) -> Organisation {
        let dept = ids(self.departments.iter().map(|d| d.code.as_str()));
        let unit = ids(self.units.iter().map(|u| u.code.as_str()));
        let pos = ids(self.positions.iter().map(|p| p.code.as_str()));
        let look = |map: &HashMap<&str, i64>, code: &str| map.get(code).copied().unwrap_or(0);

        let mut positions: Vec<Position> = self
            .positions
            .iter()
            .zip(1..)
            .map(|(p, id)| Position {
                id: PositionId(id),
                unit: UnitId(look(&unit, &p.unit_code)),
                code: p.code.clone(),
                name: p.name.clone(),
                class: p.class,
                is_head: p.is_head,
                functional_level: p.functional_level,
                substance: p.substance,
                acting: None,
            })
            .collect();
        let mut employees = Vec::with_capacity(self.employees.len());
        for (e, id) in self.employees.iter().zip(1..) {
            if let (Some(code), Some(kind)) = (&e.acting_position_code, e.acting_kind) {
                let target = look(&pos, code);
                if let Some(p) = usize::try_from(target - 1)
                    .ok()
                    .and_then(|i| positions.get_mut(i))
                {
                    p.acting = Some(Acting {
                        employee: EmployeeId(id),
                        kind,
                    });
                }
            }
            employees.push(Employee {
                id: EmployeeId(id),
                agency,
                nip: e.nip.clone(),
                name: e.name.clone(),
                front_title: e.front_title.clone(),
                back_title: e.back_title.clone(),
                employment_type: e.employment_type,
                grade: e.grade,
                education: e.education,
                position: e
                    .position_code
                    .as_deref()
                    .map(|c| PositionId(look(&pos, c))),
                from_equalization: e.from_equalization,
                ratings: e.ratings.clone(),
                experience: e.experience.clone(),
            });
        }
        Organisation {
            agencies: vec![Agency {
                id: agency,
                code: self.agency.code.clone(),
                name: self.agency.name.clone(),
                kind: self.agency.kind,
                policy: self.agency.policy,
            }],
            departments: self
                .departments
                .iter()
                .zip(1..)
                .map(|(d, id)| Department {
                    id: DepartmentId(id),
                    agency,
                    code: d.code.clone(),
                    name: d.name.clone(),
                    kind: d.kind,
                })
                .collect(),
            units: self
                .units
                .iter()
                .zip(1..)
                .map(|(u, id)| Unit {
                    id: UnitId(id),
                    department: DepartmentId(look(&dept, &u.department_code)),
                    parent: u.parent_code.as_deref().map(|c| UnitId(look(&unit, c))),
                    code: u.code.clone(),
                    name: u.name.clone(),
                    kind: u.kind,
                    is_org_unit: u.is_org_unit,
                })
                .collect(),
            positions: std::mem::take(&mut positions),
            employees,
        }
    }
}
