//! Whole-bundle validation (ORG-01..07): every problem of a bundle at once, each with the
//! record it is in, the field, a stable `snake_case` code and an Indonesian message, so an
//! import can show a user everything to fix in one go.

use std::collections::HashMap;

use serde::Serialize;

mod fields;
mod heads;
mod people;
mod structure;
mod text;

use super::AgencyBundle;
use crate::code::Code;

/// Which list of the bundle a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Agency,
    Department,
    Unit,
    Position,
    Employee,
    RegionalHead,
    ExperienceField,
}

impl Entity {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Entity::Agency => "agency",
            Entity::Department => "department",
            Entity::Unit => "unit",
            Entity::Position => "position",
            Entity::Employee => "employee",
            Entity::RegionalHead => "regional_head",
            Entity::ExperienceField => "experience_field",
        }
    }

    /// Indonesian label.
    pub fn label(self) -> &'static str {
        match self {
            Entity::Agency => "Instansi",
            Entity::Department => "Perangkat Daerah",
            Entity::Unit => "Unit",
            Entity::Position => "Jabatan",
            Entity::Employee => "Pegawai",
            Entity::RegionalHead => "Kepala Daerah",
            Entity::ExperienceField => "Bidang Tugas",
        }
    }
}

/// One thing wrong with a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub entity: Entity,
    /// 0-based index in the entity's list (0 for the agency).
    pub index: usize,
    /// For problems inside an employee's `ratings` or `experience`: the 0-based index there.
    pub item: Option<usize>,
    /// Field name as serialized (`parent_code`, `nip`, `ratings`, …).
    pub field: &'static str,
    /// Stable `snake_case` code.
    pub code: &'static str,
    /// Indonesian message for the user.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ke-{}, {}: {} [{}]",
            self.entity.label(),
            self.index + 1,
            self.field,
            self.message,
            self.code
        )
    }
}

/// Collects problems for one entity list.
pub(super) struct Report(Vec<Problem>);

impl Report {
    pub(super) fn add(
        &mut self,
        entity: Entity,
        index: usize,
        field: &'static str,
        code: &'static str,
        message: String,
    ) {
        self.0.push(Problem {
            entity,
            index,
            item: None,
            field,
            code,
            message,
        });
    }

    pub(super) fn item(
        &mut self,
        index: usize,
        item: usize,
        field: &'static str,
        code: &'static str,
        m: String,
    ) {
        self.0.push(Problem {
            entity: Entity::Employee,
            index,
            item: Some(item),
            field,
            code,
            message: m,
        });
    }

    pub(super) fn blank(
        &mut self,
        entity: Entity,
        index: usize,
        field: &'static str,
        value: &str,
        what: &str,
    ) {
        if value.trim().is_empty() {
            let code = match (entity, field) {
                (Entity::Agency, "code") => "agency_code_blank",
                (Entity::Agency, _) => "agency_name_blank",
                (Entity::Department, "code") => "department_code_blank",
                (Entity::Department, _) => "department_name_blank",
                (Entity::Unit, "code") => "unit_code_blank",
                (Entity::Unit, _) => "unit_name_blank",
                (Entity::Position, "code") => "position_code_blank",
                (Entity::Position, _) => "position_name_blank",
                (Entity::Employee, _) => "employee_name_blank",
                (Entity::RegionalHead, _) => "regional_head_name_blank",
                (Entity::ExperienceField, _) => "experience_field_name_blank",
            };
            self.add(
                entity,
                index,
                field,
                code,
                format!("{what} tidak boleh kosong"),
            );
        } else if field == "code"
            && let Err(e) = Code::parse(value)
        {
            // ORG-01: codes are keys that also appear in URLs and file names; they follow
            // the pattern of `Code` (docs/import-format.md).
            let code = match entity {
                Entity::Agency => "agency_code_invalid",
                Entity::Department => "department_code_invalid",
                Entity::Unit => "unit_code_invalid",
                Entity::Position => "position_code_invalid",
                Entity::Employee => "employee_code_invalid",
                Entity::RegionalHead => "regional_head_code_invalid",
                Entity::ExperienceField => "experience_field_code_invalid",
            };
            self.add(entity, index, field, code, format!("{what}: {e}"));
        }
    }
}

/// Maps each code to its first index and reports later duplicates (ORG-03: codes are keys).
pub(super) fn index_codes<'a>(
    report: &mut Report,
    entity: Entity,
    codes: impl Iterator<Item = &'a str>,
    code: &'static str,
    what: &str,
) -> HashMap<&'a str, usize> {
    let mut map = HashMap::new();
    for (i, c) in codes.enumerate() {
        if c.trim().is_empty() {
            continue;
        }
        // The first occurrence is the one references resolve to.
        if let std::collections::hash_map::Entry::Vacant(v) = map.entry(c) {
            v.insert(i);
        } else {
            let m = format!("{what} \"{c}\" dipakai lebih dari sekali");
            report.add(entity, i, "code", code, m);
        }
    }
    map
}

impl AgencyBundle {
    /// Checks the bundle as a whole and returns every problem found (ORG-01..07).
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut r = Report(Vec::new());
        // ORG-01: the agency is identified by its code.
        r.blank(
            Entity::Agency,
            0,
            "code",
            &self.agency.code,
            "kode instansi",
        );
        r.blank(
            Entity::Agency,
            0,
            "name",
            &self.agency.name,
            "nama instansi",
        );
        let depts = self.check_departments(&mut r);
        let units = self.check_units(&mut r, &depts);
        let positions = self.check_positions(&mut r, &units);
        self.check_employees(&mut r, &positions);
        self.check_regional_heads(&mut r);
        self.check_experience_fields(&mut r);
        self.check_text(&mut r);
        if r.0.is_empty() { Ok(()) } else { Err(r.0) }
    }
}
