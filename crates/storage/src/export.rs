//! Exporting an agency back to the code-keyed bundle it was imported from, in the same order,
//! so that `import(export(x)) == x`.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sikerja_domain::assignment::Day;
use sikerja_domain::bundle::{
    AgencyBundle, AgencyRecord, DepartmentRecord, EmployeeRecord, PositionRecord,
    RegionalHeadRecord, UnitRecord,
};
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::regional_heads::RegionalOffice;

use crate::Store;
use crate::convert;
use crate::entities::regional_head;
use crate::error::{Result, corrupt};
use crate::load::{agency_rows, details};

impl Store {
    /// The agency as a bundle: departments, units, positions and employees in import order.
    pub async fn export_agency(&self, agency: AgencyId) -> Result<AgencyBundle> {
        let rows = agency_rows(&self.db, agency).await?;
        let ids: Vec<i64> = rows.employees.iter().map(|e| e.id).collect();
        let details = details(&self.db, &ids).await?;
        let org = crate::load::organisation(&rows, Some(&details))?;

        let a = &org.agencies[..];
        let Some(a) = a.first() else {
            return Err(crate::error::StorageError::not_found("agency", agency));
        };
        let dept_code: HashMap<i64, &str> = rows
            .departments
            .iter()
            .map(|d| (d.id, d.code.as_str()))
            .collect();
        let unit_code: HashMap<i64, &str> =
            rows.units.iter().map(|u| (u.id, u.code.as_str())).collect();
        let position_code: HashMap<i64, &str> = rows
            .positions
            .iter()
            .map(|p| (p.id, p.code.as_str()))
            .collect();
        let mut acting: HashMap<i64, (&str, Option<&str>)> = HashMap::new();
        for p in &rows.positions {
            if let Some(e) = p.acting_employee_id {
                acting
                    .entry(e)
                    .or_insert((p.code.as_str(), p.acting_kind.as_deref()));
            }
        }
        let code =
            |m: &HashMap<i64, &str>, id: i64| m.get(&id).map(|s| s.to_string()).unwrap_or_default();

        let mut employees = Vec::with_capacity(org.employees.len());
        for e in org.employees {
            let (acting_position_code, acting_kind) = match acting.get(&e.id.0) {
                Some((c, k)) => (Some(c.to_string()), convert::acting_kind(*k)?),
                None => (None, None),
            };
            employees.push(EmployeeRecord {
                nip: e.nip,
                name: e.name,
                front_title: e.front_title,
                back_title: e.back_title,
                employment_type: e.employment_type,
                grade: e.grade,
                education: e.education,
                position_code: e.position.map(|p| code(&position_code, p.0)),
                acting_position_code,
                acting_kind,
                from_equalization: e.from_equalization,
                ratings: e.ratings,
                experience: e.experience,
            });
        }
        Ok(AgencyBundle {
            regional_heads: regional_heads(&self.db, agency).await?,
            experience_fields: crate::experience_fields::fields_of(&self.db, agency).await?,
            agency: AgencyRecord {
                code: a.code.clone(),
                name: a.name.clone(),
                kind: a.kind,
                seat: rows.agency.seat.clone(),
                address: rows.agency.address.clone(),
                policy: a.policy,
            },
            departments: org
                .departments
                .into_iter()
                .map(|d| DepartmentRecord {
                    code: d.code,
                    name: d.name,
                    kind: d.kind,
                })
                .collect(),
            units: org
                .units
                .into_iter()
                .map(|u| UnitRecord {
                    code: u.code,
                    department_code: code(&dept_code, u.department.0),
                    parent_code: u.parent.map(|p| code(&unit_code, p.0)),
                    name: u.name,
                    kind: u.kind,
                    is_org_unit: u.is_org_unit,
                })
                .collect(),
            positions: org
                .positions
                .into_iter()
                .map(|p| PositionRecord {
                    code: p.code,
                    unit_code: code(&unit_code, p.unit.0),
                    name: p.name,
                    class: p.class,
                    is_head: p.is_head,
                    functional_level: p.functional_level,
                    substance: p.substance,
                })
                .collect(),
            employees,
        })
    }
}

fn stored_day(what: &str, value: Option<&str>) -> Result<Option<Day>> {
    value
        .map(|v| Day::parse(v).map_err(|_| corrupt(what, v)))
        .transpose()
}

/// The terms of office of the agency's regional heads, as recorded (issue 14 point 4).
async fn regional_heads<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
) -> Result<Vec<RegionalHeadRecord>> {
    let terms = crate::regional_head_terms::terms_of(db, agency).await?;
    let accounts = regional_head::Entity::find()
        .filter(regional_head::Column::AgencyId.eq(agency.0))
        .all(db)
        .await?;
    terms
        .iter()
        .map(|t| {
            let a = accounts
                .iter()
                .find(|a| a.id == t.regional_head_id)
                .ok_or_else(|| corrupt("regional head of term", &t.id.to_string()))?;
            let office = convert::code("regional office", &t.office, RegionalOffice::from_code)?;
            Ok(RegionalHeadRecord {
                office,
                title: if t.title == office.label() {
                    String::new()
                } else {
                    t.title.clone()
                },
                name: a.name.clone(),
                username: a.username.clone(),
                from: stored_day("term start", t.starts_on.as_deref())?,
                until: stored_day("term end", t.ends_on.as_deref())?,
                basis_number: t.basis_number.clone(),
                basis_date: stored_day("basis date", t.basis_date.as_deref())?,
                end_basis_number: t.end_basis_number.clone(),
                end_basis_date: stored_day("end basis date", t.end_basis_date.as_deref())?,
            })
        })
        .collect()
}
