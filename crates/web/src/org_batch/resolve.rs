//! Resolving a batch's natural keys against the agency's stored organisation (and the rows the
//! batch itself creates) into the domain's dated changes, every problem collected.

use std::collections::HashMap;

use sikerja_domain::Nip;
use sikerja_domain::assignment::Day;
use sikerja_domain::changes::{DatedChange, LeaveReason, LegalBasis, OrgChange};
use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::limits::{self, TextKind};
use sikerja_domain::org::{
    ActingKind, EmploymentType, FunctionalLevel, PositionClass, Substance, UnitKind,
};
use sikerja_domain::organisation::{
    AgencyId, DepartmentId, Employee, EmployeeId, Organisation, Position, PositionId, Unit, UnitId,
};

use super::{ChangeItem, ItemProblem};

/// The kinds of change, by their codes.
const KINDS: &[&str] = &[
    "hire",
    "appoint",
    "vacate",
    "set_grade",
    "leave",
    "name_acting",
    "end_acting",
    "add_unit",
    "rename_unit",
    "move_unit",
    "merge_unit",
    "close_unit",
    "add_position",
    "change_position",
    "close_position",
];

/// A resolved batch: the dated changes, and the natural key of every identity they name
/// (stored rows and the batch's placeholders), to describe them back in natural keys.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub changes: Vec<DatedChange>,
    pub employee_keys: HashMap<EmployeeId, (String, String)>,
    pub position_keys: HashMap<PositionId, (String, String)>,
    pub unit_keys: HashMap<UnitId, (String, String)>,
}

impl Resolved {
    /// The natural keys (and names) of an organisation's rows, no changes.
    pub fn of(org: &Organisation) -> Resolved {
        Resolved {
            changes: Vec::new(),
            employee_keys: org
                .employees
                .iter()
                .map(|e| (e.id, (e.nip.as_str().to_string(), e.display_name())))
                .collect(),
            position_keys: org
                .positions
                .iter()
                .map(|p| (p.id, (p.code.clone(), p.name.clone())))
                .collect(),
            unit_keys: org
                .units
                .iter()
                .map(|u| (u.id, (u.code.clone(), u.name.clone())))
                .collect(),
        }
    }
}

/// The natural keys known so far: the stored organisation's, then the batch's new rows.
struct Keys {
    employees: HashMap<String, EmployeeId>,
    positions: HashMap<String, PositionId>,
    units: HashMap<String, (UnitId, DepartmentId)>,
    departments: HashMap<String, DepartmentId>,
    /// Name, class and level of each position, the defaults of `change_position`.
    position_values: HashMap<PositionId, (String, PositionClass, Option<FunctionalLevel>)>,
    next: i64,
}

impl Keys {
    fn of(org: &Organisation) -> Keys {
        Keys {
            employees: org
                .employees
                .iter()
                .map(|e| (e.nip.as_str().to_string(), e.id))
                .collect(),
            positions: org
                .positions
                .iter()
                .map(|p| (p.code.clone(), p.id))
                .collect(),
            units: org
                .units
                .iter()
                .map(|u| (u.code.clone(), (u.id, u.department)))
                .collect(),
            departments: org
                .departments
                .iter()
                .map(|d| (d.code.clone(), d.id))
                .collect(),
            position_values: org
                .positions
                .iter()
                .map(|p| (p.id, (p.name.clone(), p.class, p.functional_level)))
                .collect(),
            next: -1,
        }
    }

    fn placeholder(&mut self) -> i64 {
        let id = self.next;
        self.next -= 1;
        id
    }
}

/// One item being read: its problems go to the batch's list.
struct Reader<'a> {
    index: usize,
    item: &'a ChangeItem,
    problems: &'a mut Vec<ItemProblem>,
}

impl Reader<'_> {
    fn problem(&mut self, field: &'static str, code: &'static str, message: String) {
        self.problems.push(ItemProblem {
            index: self.index,
            field,
            code,
            message,
        });
    }

    fn missing(&mut self, field: &'static str) {
        self.problem(
            field,
            "org_change_field_missing",
            format!(
                "Isian \"{}\" wajib diisi untuk jenis perubahan ini.",
                label(field)
            ),
        );
    }

    /// A required text: trimmed, within the limit of `kind`, without control characters.
    fn text(
        &mut self,
        field: &'static str,
        value: Option<&String>,
        kind: TextKind,
    ) -> Option<String> {
        match value.map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => {
                self.missing(field);
                None
            }
            Some(v) => self.checked(field, v, kind),
        }
    }

    /// An optional text ("" when absent).
    fn optional_text(
        &mut self,
        field: &'static str,
        value: Option<&String>,
        kind: TextKind,
    ) -> String {
        match value.map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => String::new(),
            Some(v) => self.checked(field, v, kind).unwrap_or_default(),
        }
    }

    fn checked(&mut self, field: &'static str, v: &str, kind: TextKind) -> Option<String> {
        match limits::check_as(kind, v) {
            Ok(()) => Some(v.to_string()),
            Err(e) => {
                self.problem(field, e.code(), e.message(&format!("\"{}\"", label(field))));
                None
            }
        }
    }

    fn day(&mut self, field: &'static str, value: Option<&String>) -> Option<Day> {
        let v = self.text(field, value, TextKind::Code)?;
        match Day::parse(&v) {
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(
                    field,
                    "org_change_value_invalid",
                    format!("Isian \"{}\": {e}.", label(field)),
                );
                None
            }
        }
    }

    /// A required code of a closed vocabulary.
    fn code<T>(
        &mut self,
        field: &'static str,
        value: Option<&String>,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<T> {
        let v = self.text(field, value, TextKind::Code)?;
        self.parsed(field, &v, parse, allowed)
    }

    /// An optional code of a closed vocabulary.
    fn optional_code<T>(
        &mut self,
        field: &'static str,
        value: Option<&String>,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<T> {
        let v = value.map(|v| v.trim()).filter(|v| !v.is_empty())?;
        self.parsed(field, v, parse, allowed)
    }

    fn parsed<T>(
        &mut self,
        field: &'static str,
        v: &str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<T> {
        let found = parse(v);
        if found.is_none() {
            self.problem(
                field,
                "org_change_value_invalid",
                format!(
                    "Isian \"{}\": nilai \"{}\" tidak dikenal (pilihan: {allowed}).",
                    label(field),
                    shorten(v)
                ),
            );
        }
        found
    }

    /// A row named by its natural key, which must be known.
    fn key<T: Copy>(
        &mut self,
        field: &'static str,
        value: Option<&String>,
        known: &HashMap<String, T>,
        what: &str,
    ) -> Option<T> {
        let v = self.text(field, value, TextKind::Code)?;
        let found = known.get(v.as_str()).copied();
        if found.is_none() {
            self.problem(
                field,
                "org_change_key_unknown",
                format!(
                    "{what} \"{}\" tidak ada pada organisasi instansi ini (atau pada perubahan \
                     sebelumnya dalam berkas ini).",
                    shorten(&v)
                ),
            );
        }
        found
    }

    fn employee(&mut self, keys: &Keys) -> Option<EmployeeId> {
        let item = self.item;
        let nip = item
            .employee
            .as_ref()
            .map(|v| v.chars().filter(|c| !c.is_whitespace()).collect::<String>());
        self.key(
            "employee",
            nip.as_ref(),
            &keys.employees,
            "Pegawai dengan NIP",
        )
    }

    fn position(&mut self, keys: &Keys) -> Option<PositionId> {
        let item = self.item;
        self.key(
            "position",
            item.position.as_ref(),
            &keys.positions,
            "Jabatan berkode",
        )
    }

    fn unit_at(
        &mut self,
        field: &'static str,
        value: Option<&String>,
        keys: &Keys,
    ) -> Option<UnitId> {
        let units: HashMap<String, UnitId> = keys
            .units
            .iter()
            .map(|(k, (u, _))| (k.clone(), *u))
            .collect();
        self.key(field, value, &units, "Unit berkode")
    }

    /// A new row's code: required and not used yet in the agency or earlier in the batch.
    fn new_code<T>(
        &mut self,
        field: &'static str,
        value: Option<&String>,
        known: &HashMap<String, T>,
    ) -> Option<String> {
        let code = self.text(field, value, TextKind::Code)?;
        if known.contains_key(&code) {
            self.problem(
                field,
                "org_change_code_taken",
                format!(
                    "Kode \"{}\" sudah dipakai pada organisasi instansi ini atau pada perubahan \
                     sebelumnya dalam berkas ini.",
                    shorten(&code)
                ),
            );
            return None;
        }
        Some(code)
    }
}

fn shorten(v: &str) -> String {
    let short: String = v.chars().take(64).collect();
    if short.len() < v.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// The Indonesian name of a field (messages; the upload's column headers are
/// [`super::sheet::COLUMNS`]).
pub fn label(field: &str) -> &'static str {
    super::sheet::COLUMNS
        .iter()
        .find(|c| c.field == field)
        .map_or("isian", |c| c.header)
}

const EMPLOYMENT_TYPES: &str = "pns, pppk";
const REASONS: &str = "retirement, resignation, death, dismissal, transfer_out";
const ACTING: &str = "plt, plh";
const CLASSES: &str = "jpt, administrator, pengawas, fungsional, pelaksana";
const LEVELS: &str =
    "ahli_utama, ahli_madya, ahli_muda, ahli_pertama, penyelia, mahir, terampil, pemula";
const EDUCATION: &str = "SD, SMP, SMA, D1, D2, D3, D4, S1, S2, S3";

/// Resolves every item; any problem refuses the batch with all of them.
pub fn resolve(
    org: &Organisation,
    agency: AgencyId,
    items: &[ChangeItem],
) -> Result<Resolved, Vec<ItemProblem>> {
    let mut keys = Keys::of(org);
    let mut problems = Vec::new();
    let mut out = Resolved::of(org);
    if items.is_empty() {
        problems.push(ItemProblem {
            index: 0,
            field: "kind",
            code: "org_change_batch_empty",
            message: "Tidak ada perubahan yang dicatat.".into(),
        });
    }
    for (index, item) in items.iter().enumerate() {
        let mut r = Reader {
            index,
            item,
            problems: &mut problems,
        };
        let kind = r.code(
            "kind",
            item.kind.as_ref(),
            |k| KINDS.iter().find(|x| **x == k).copied(),
            &KINDS.join(", "),
        );
        let effective = r.day("effective", item.effective.as_ref());
        let basis = item.basis.clone().unwrap_or_default();
        let number = r.text("basis.number", basis.number.as_ref(), TextKind::Title);
        let date = r.day("basis.date", basis.date.as_ref());
        let change = kind.and_then(|k| change(&mut r, k, agency, &mut keys, &mut out));
        if let (Some(effective), Some(number), Some(date), Some(change)) =
            (effective, number, date, change)
        {
            out.changes.push(DatedChange {
                effective,
                basis: LegalBasis { number, date },
                change,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The change of one item of kind `kind`; `None` when any of its fields has a problem.
fn change(
    r: &mut Reader<'_>,
    kind: &str,
    agency: AgencyId,
    keys: &mut Keys,
    out: &mut Resolved,
) -> Option<OrgChange> {
    let item = r.item;
    match kind {
        "hire" => hire(r, agency, keys, out),
        "appoint" => {
            let employee = r.employee(keys);
            let position = r.position(keys);
            Some(OrgChange::Appoint {
                employee: employee?,
                position: position?,
            })
        }
        "vacate" => Some(OrgChange::Vacate {
            employee: r.employee(keys)?,
        }),
        "set_grade" => {
            let employee = r.employee(keys);
            let grade = r.text("grade", item.grade.as_ref(), TextKind::Code);
            let grade = grade.and_then(|g| match Grade::parse_any(&g) {
                Ok(g) => Some(g),
                Err(e) => {
                    r.problem("grade", "org_change_value_invalid", format!("{e}."));
                    None
                }
            });
            Some(OrgChange::SetGrade {
                employee: employee?,
                grade: grade?,
            })
        }
        "leave" => {
            let employee = r.employee(keys);
            let reason = r.code(
                "reason",
                item.reason.as_ref(),
                LeaveReason::from_code,
                REASONS,
            );
            Some(OrgChange::Leave {
                employee: employee?,
                reason: reason?,
            })
        }
        "name_acting" => {
            let position = r.position(keys);
            let employee = r.employee(keys);
            let acting = r.code(
                "acting",
                item.acting.as_ref(),
                ActingKind::from_code,
                ACTING,
            );
            Some(OrgChange::NameActing {
                position: position?,
                employee: employee?,
                acting: acting?,
            })
        }
        "end_acting" => Some(OrgChange::EndActing {
            position: r.position(keys)?,
        }),
        "add_unit" => add_unit(r, keys, out),
        "rename_unit" => {
            let unit = r.unit_at("unit", item.unit.as_ref(), keys);
            let name = r.text("name", item.name.as_ref(), TextKind::Name);
            Some(OrgChange::RenameUnit {
                unit: unit?,
                name: name?,
            })
        }
        "move_unit" => {
            let unit = r.unit_at("unit", item.unit.as_ref(), keys);
            let parent = r.unit_at("parent", item.parent.as_ref(), keys);
            Some(OrgChange::MoveUnit {
                unit: unit?,
                parent: parent?,
            })
        }
        "merge_unit" => {
            let unit = r.unit_at("unit", item.unit.as_ref(), keys);
            let into = r.unit_at("into", item.into.as_ref(), keys);
            Some(OrgChange::MergeUnit {
                unit: unit?,
                into: into?,
            })
        }
        "close_unit" => Some(OrgChange::CloseUnit {
            unit: r.unit_at("unit", item.unit.as_ref(), keys)?,
        }),
        "add_position" => add_position(r, keys, out),
        "change_position" => change_position(r, keys),
        "close_position" => Some(OrgChange::ClosePosition {
            position: r.position(keys)?,
        }),
        _ => None,
    }
}

fn hire(
    r: &mut Reader<'_>,
    agency: AgencyId,
    keys: &mut Keys,
    out: &mut Resolved,
) -> Option<OrgChange> {
    let item = r.item;
    let nip = r
        .text("employee", item.employee.as_ref(), TextKind::Nip)
        .and_then(|v| match Nip::parse(&v) {
            Ok(n) => Some(n),
            Err(e) => {
                r.problem("employee", "org_change_value_invalid", format!("{e}."));
                None
            }
        });
    let name = r.text("name", item.name.as_ref(), TextKind::Name);
    let front_title = r.optional_text("front_title", item.front_title.as_ref(), TextKind::Name);
    let back_title = r.optional_text("back_title", item.back_title.as_ref(), TextKind::Name);
    let employment_type = r.code(
        "employment_type",
        item.employment_type.as_ref(),
        EmploymentType::from_code,
        EMPLOYMENT_TYPES,
    );
    let grade = r.text("grade", item.grade.as_ref(), TextKind::Code);
    let grade = match (grade, employment_type) {
        (Some(g), Some(t)) => match Grade::parse(&g, t == EmploymentType::Pppk) {
            Ok(g) => Some(g),
            Err(e) => {
                r.problem("grade", "org_change_value_invalid", format!("{e}."));
                None
            }
        },
        _ => None,
    };
    let education = r.code(
        "education",
        item.education.as_ref(),
        Education::parse,
        EDUCATION,
    );
    let position = match item.position.as_ref().filter(|p| !p.trim().is_empty()) {
        Some(_) => Some(r.position(keys)?),
        None => None,
    };
    let id = EmployeeId(keys.placeholder());
    let nip = nip?;
    let name = name?;
    keys.employees.insert(nip.as_str().to_string(), id);
    let employee = Employee {
        id,
        agency,
        nip,
        name,
        front_title,
        back_title,
        employment_type: employment_type?,
        grade: grade?,
        education: education?,
        position,
        from_equalization: item.from_equalization.unwrap_or(false),
        ratings: Vec::new(),
        experience: Vec::new(),
    };
    out.employee_keys.insert(
        id,
        (employee.nip.as_str().to_string(), employee.display_name()),
    );
    Some(OrgChange::Hire { employee })
}

fn add_unit(r: &mut Reader<'_>, keys: &mut Keys, out: &mut Resolved) -> Option<OrgChange> {
    let item = r.item;
    let code = r.new_code("unit", item.unit.as_ref(), &keys.units);
    let name = r.text("name", item.name.as_ref(), TextKind::Name);
    let kind = r.code(
        "unit_kind",
        item.unit_kind.as_ref(),
        UnitKind::from_code,
        &UnitKind::ALL
            .iter()
            .map(|k| k.code())
            .collect::<Vec<_>>()
            .join(", "),
    );
    let (parent, department) = match item.parent.as_ref().filter(|p| !p.trim().is_empty()) {
        Some(p) => {
            let units = keys.units.clone();
            let parent = r.key("parent", Some(p), &units, "Unit berkode")?;
            (Some(parent.0), parent.1)
        }
        None => {
            let departments = keys.departments.clone();
            let d = r.key(
                "department",
                item.department.as_ref(),
                &departments,
                "Perangkat Daerah berkode",
            )?;
            (None, d)
        }
    };
    let (code, name, kind) = (code?, name?, kind?);
    let id = UnitId(keys.placeholder());
    keys.units.insert(code.clone(), (id, department));
    out.unit_keys.insert(id, (code.clone(), name.clone()));
    Some(OrgChange::AddUnit {
        unit: Unit {
            id,
            department,
            parent,
            code,
            name,
            kind,
            is_org_unit: item.is_org_unit.unwrap_or(false),
        },
    })
}

fn add_position(r: &mut Reader<'_>, keys: &mut Keys, out: &mut Resolved) -> Option<OrgChange> {
    let item = r.item;
    let code = r.new_code("position", item.position.as_ref(), &keys.positions);
    let unit = r.unit_at("unit", item.unit.as_ref(), keys);
    let name = r.text("name", item.name.as_ref(), TextKind::Name);
    let class = r.code(
        "class",
        item.class.as_ref(),
        PositionClass::from_code,
        CLASSES,
    );
    let level = r.optional_code(
        "functional_level",
        item.functional_level.as_ref(),
        FunctionalLevel::from_code,
        LEVELS,
    );
    let substance = r.optional_code(
        "substance",
        item.substance.as_ref(),
        Substance::from_code,
        "investment, one_stop_service",
    );
    let (code, unit, name, class) = (code?, unit?, name?, class?);
    let id = PositionId(keys.placeholder());
    keys.positions.insert(code.clone(), id);
    keys.position_values
        .insert(id, (name.clone(), class, level));
    out.position_keys.insert(id, (code.clone(), name.clone()));
    Some(OrgChange::AddPosition {
        position: Position {
            id,
            unit,
            code,
            name,
            class,
            is_head: item.is_head.unwrap_or(false),
            functional_level: level,
            substance,
            acting: None,
        },
    })
}

/// A position's name, class and level; a field left out keeps its value.
fn change_position(r: &mut Reader<'_>, keys: &Keys) -> Option<OrgChange> {
    let item = r.item;
    let position = r.position(keys)?;
    let (old_name, old_class, old_level) = keys.position_values.get(&position)?.clone();
    let name = match item.name.as_ref().filter(|v| !v.trim().is_empty()) {
        Some(v) => r.checked("name", v.trim(), TextKind::Name)?,
        None => old_name,
    };
    let class = match item.class.as_ref().filter(|v| !v.trim().is_empty()) {
        Some(v) => r.parsed("class", v.trim(), PositionClass::from_code, CLASSES)?,
        None => old_class,
    };
    let functional_level = match item.functional_level.as_ref() {
        Some(v) if v.trim() == "-" || v.trim() == "none" => None,
        Some(v) if !v.trim().is_empty() => Some(r.parsed(
            "functional_level",
            v.trim(),
            FunctionalLevel::from_code,
            LEVELS,
        )?),
        _ => old_level,
    };
    Some(OrgChange::ChangePosition {
        position,
        name,
        class,
        functional_level,
    })
}
