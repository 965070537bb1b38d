//! Rows to domain values. Stored codes are parsed back with the domain's own parsers; a value
//! that does not parse means the database was edited by hand and is reported as corrupt.

use sikerja_domain::education::Education;
use sikerja_domain::org::{
    ActingKind, AgencyKind, DepartmentKind, EmploymentType, FunctionalLevel, PerformanceRating,
    PositionClass, Substance, UnitKind,
};
use sikerja_domain::organisation::{
    Acting, Agency, AgencyId, AgencyPolicy, Department, DepartmentId, Employee, EmployeeId,
    Experience, Position, PositionId, Unit, UnitId, YearRating,
};
use sikerja_domain::{Grade, Nip};

use crate::entities::{agency, department, employee, experience, position, rating, unit};
use crate::error::{Result, corrupt};
use crate::views::PersonRef;

/// Parses a stored vocabulary code.
pub(crate) fn code<T>(what: &str, value: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
    parse(value).ok_or_else(|| corrupt(what, value))
}

/// Parses an optional stored vocabulary code.
pub(crate) fn opt_code<T>(
    what: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>> {
    value.map(|v| code(what, v, parse)).transpose()
}

pub(crate) fn acting_kind(value: Option<&str>) -> Result<Option<ActingKind>> {
    opt_code("acting kind", value, ActingKind::from_code)
}

/// An agency with the KED-10/KED-12 readings in force (`crate::policies`); the `agencies`
/// columns of the same names are no longer read.
pub(crate) fn agency(m: &agency::Model, policy: AgencyPolicy) -> Result<Agency> {
    Ok(Agency {
        id: AgencyId(m.id),
        code: m.code.clone(),
        name: m.name.clone(),
        kind: code("agency kind", &m.kind, AgencyKind::from_code)?,
        policy,
    })
}

pub(crate) fn department(m: &department::Model) -> Result<Department> {
    Ok(Department {
        id: DepartmentId(m.id),
        agency: AgencyId(m.agency_id),
        code: m.code.clone(),
        name: m.name.clone(),
        kind: code("department kind", &m.kind, DepartmentKind::from_code)?,
    })
}

pub(crate) fn unit(m: &unit::Model) -> Result<Unit> {
    Ok(Unit {
        id: UnitId(m.id),
        department: DepartmentId(m.department_id),
        parent: m.parent_id.map(UnitId),
        code: m.code.clone(),
        name: m.name.clone(),
        kind: code("unit kind", &m.kind, UnitKind::from_code)?,
        is_org_unit: m.is_org_unit,
    })
}

pub(crate) fn position(m: &position::Model) -> Result<Position> {
    let acting = match (m.acting_employee_id, acting_kind(m.acting_kind.as_deref())?) {
        (Some(e), kind) => Some(Acting {
            employee: EmployeeId(e),
            kind: kind.unwrap_or(ActingKind::Plt),
        }),
        (None, _) => None,
    };
    Ok(Position {
        id: PositionId(m.id),
        unit: UnitId(m.unit_id),
        code: m.code.clone(),
        name: m.name.clone(),
        class: position_class(&m.class)?,
        is_head: m.is_head,
        functional_level: opt_code(
            "functional level",
            m.functional_level.as_deref(),
            FunctionalLevel::from_code,
        )?,
        substance: opt_code("substance", m.substance.as_deref(), Substance::from_code)?,
        acting,
    })
}

pub(crate) fn position_class(value: &str) -> Result<PositionClass> {
    code("position class", value, PositionClass::from_code)
}

pub(crate) fn nip(value: &str) -> Result<Nip> {
    Nip::parse(value).map_err(|_| corrupt("NIP", value))
}

pub(crate) fn grade(value: &str) -> Result<Grade> {
    Grade::parse_any(value).map_err(|_| corrupt("grade", value))
}

/// An employee without ratings and experience (filled in by the caller when needed).
pub(crate) fn employee(m: &employee::Model) -> Result<Employee> {
    Ok(Employee {
        id: EmployeeId(m.id),
        agency: AgencyId(m.agency_id),
        nip: nip(&m.nip)?,
        name: m.name.clone(),
        front_title: m.front_title.clone(),
        back_title: m.back_title.clone(),
        employment_type: code(
            "employment type",
            &m.employment_type,
            EmploymentType::from_code,
        )?,
        grade: grade(&m.grade)?,
        education: code("education", &m.education, Education::parse)?,
        position: m.position_id.map(PositionId),
        from_equalization: m.from_equalization,
        ratings: Vec::new(),
        experience: Vec::new(),
    })
}

pub(crate) fn rating(m: &rating::Model) -> Result<YearRating> {
    Ok(YearRating {
        year: u16::try_from(m.year).map_err(|_| corrupt("rating year", &m.year.to_string()))?,
        rating: code(
            "performance rating",
            &m.rating,
            PerformanceRating::from_code,
        )?,
    })
}

pub(crate) fn experience(m: &experience::Model) -> Experience {
    Experience {
        field: m.field.clone(),
        years: u8::try_from(m.years).unwrap_or(u8::MAX),
    }
}

/// Name with titles, as [`Employee::display_name`] writes it.
pub(crate) fn display_name(m: &employee::Model) -> String {
    let mut s = String::new();
    if !m.front_title.is_empty() {
        s.push_str(&m.front_title);
        s.push(' ');
    }
    s.push_str(&m.name);
    if !m.back_title.is_empty() {
        s.push_str(", ");
        s.push_str(&m.back_title);
    }
    s
}

pub(crate) fn person(m: &employee::Model) -> Result<PersonRef> {
    let grade = grade(&m.grade)?;
    Ok(PersonRef {
        employee: EmployeeId(m.id),
        nip: nip(&m.nip)?,
        name: display_name(m),
        grade,
        rank: grade.rank().map(|r| r.to_string()),
    })
}

/// The *pangkat/golongan* line under a signer's name (DOC-05): "Pembina Tingkat I (IV/b)" for
/// a PNS, "Golongan IX" for a PPPK, the stored text if it does not parse, none if empty.
pub(crate) fn rank_line(grade: &str) -> Option<String> {
    let grade = grade.trim();
    if grade.is_empty() {
        return None;
    }
    Some(match sikerja_domain::grade::Grade::parse_any(grade) {
        Ok(g) => match g.rank() {
            Some(rank) => format!("{rank} ({g})"),
            None => format!("Golongan {g}"),
        },
        Err(_) => grade.to_string(),
    })
}

#[cfg(test)]
mod rank_tests {
    use super::rank_line;

    #[test]
    fn doc_05_the_signer_s_rank_line_names_pangkat_and_golongan() {
        assert_eq!(
            rank_line("IV/b").as_deref(),
            Some("Pembina Tingkat I (IV/b)")
        );
        assert_eq!(rank_line("III/a").as_deref(), Some("Penata Muda (III/a)"));
        assert_eq!(rank_line("IX").as_deref(), Some("Golongan IX"));
        assert_eq!(rank_line("  "), None);
        assert_eq!(rank_line("lainnya").as_deref(), Some("lainnya"));
    }
}
