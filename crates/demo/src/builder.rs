//! Building an agency bundle step by step: departments, units with their heads, functional and
//! executor positions, the people in them, vacancies and acting officials.

use std::collections::HashMap;

use sikerja_domain::bundle::{
    AgencyBundle, AgencyRecord, DepartmentRecord, PositionRecord, UnitRecord,
};
use sikerja_domain::nip::Nip;
use sikerja_domain::org::{ActingKind, DepartmentKind, FunctionalLevel, PositionClass, UnitKind};

use crate::catalog::{self, Jf};
use crate::known::KnownPerson;
use crate::names::Discipline;
use crate::person::{self, NipRegistry, Role};
use crate::rng::Rng;

/// Who fills a head position.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Staff {
    /// A generated person.
    Filled,
    /// Nobody (an acting official may be added with [`Builder::act`]).
    Vacant,
    /// A well-known demo person.
    Known(&'static KnownPerson),
}

/// An agency under construction.
pub(crate) struct Builder {
    pub(crate) bundle: AgencyBundle,
    pub(crate) rng: Rng,
    nips: NipRegistry,
    /// Unit code → its department code.
    unit_dept: HashMap<String, String>,
    /// Next position number per unit.
    position_seq: HashMap<String, usize>,
    /// Position code → index of its definitive holder.
    holder: HashMap<String, usize>,
    /// Discipline of the current department (structural posts, Pelaksana).
    pub(crate) discipline: Discipline,
    /// Percentage of functional and executor posts left vacant (formasi kosong).
    pub(crate) vacancy_percent: u32,
    /// Whether the well-known people are placed (only in the demo government).
    pub(crate) with_known: bool,
}

/// Short code of a unit kind, the first part of generated unit codes.
fn kind_prefix(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Department => "pd",
        UnitKind::Assistant => "asisten",
        UnitKind::Secretariat => "sekretariat",
        UnitKind::Division => "bag",
        UnitKind::Field => "bid",
        UnitKind::AssistantInspector => "irban",
        UnitKind::DeputyDirector => "wadir",
        UnitKind::SubDivision => "subbag",
        UnitKind::SubField => "subbid",
        UnitKind::Section => "seksi",
        UnitKind::TechnicalUnit => "uptd",
        UnitKind::Other => "unit",
    }
}

/// Initials of the significant words of a name: "Bidang Pelayanan Kesehatan" → "pk".
fn initials(name: &str) -> String {
    const SKIP: &[&str] = &[
        "dan",
        "di",
        "bidang",
        "bagian",
        "seksi",
        "sub",
        "subbagian",
        "sekretariat",
        "wakil",
        "direktur",
        "asisten",
        "inspektur",
        "pembantu",
        "biro",
        "uptd",
    ];
    name.split([' ', ',', '/', '-'])
        .filter(|w| !w.is_empty() && !SKIP.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Head class of a unit kind (ORG-03, ORG-04).
fn head_class(kind: UnitKind) -> PositionClass {
    match kind {
        UnitKind::Department | UnitKind::Assistant => PositionClass::Jpt,
        UnitKind::Secretariat
        | UnitKind::Division
        | UnitKind::Field
        | UnitKind::AssistantInspector
        | UnitKind::DeputyDirector => PositionClass::Administrator,
        _ => PositionClass::Pengawas,
    }
}

impl Builder {
    pub(crate) fn new(agency: AgencyRecord, seed: u64) -> Builder {
        Builder {
            bundle: AgencyBundle {
                regional_heads: Vec::new(),
                experience_fields: Vec::new(),
                agency,
                departments: Vec::new(),
                units: Vec::new(),
                positions: Vec::new(),
                employees: Vec::new(),
            },
            rng: Rng::new(seed),
            nips: NipRegistry::default(),
            unit_dept: HashMap::new(),
            position_seq: HashMap::new(),
            holder: HashMap::new(),
            discipline: Discipline::Government,
            vacancy_percent: 4,
            with_known: true,
        }
    }

    /// Reserves the NIPs of well-known people so generated ones never collide with them.
    pub(crate) fn reserve(&mut self, people: &[KnownPerson]) {
        for p in people {
            if let Ok(nip) = Nip::parse(p.nip) {
                self.nips.reserve(&nip);
            }
        }
    }

    /// A department with its root unit (a Unit Organisasi) headed by `head_title` of `head`
    /// class. Returns (root unit code, head position code).
    pub(crate) fn department(
        &mut self,
        code: &str,
        name: &str,
        kind: DepartmentKind,
        discipline: Discipline,
        head_title: &str,
        head: (PositionClass, Staff),
    ) -> (String, String) {
        self.discipline = discipline;
        self.bundle.departments.push(DepartmentRecord {
            code: code.into(),
            name: name.into(),
            kind,
        });
        let unit = code.to_string();
        self.unit_dept.insert(unit.clone(), code.into());
        self.bundle.units.push(UnitRecord {
            code: unit.clone(),
            department_code: code.into(),
            parent_code: None,
            name: name.into(),
            kind: UnitKind::Department,
            is_org_unit: true,
        });
        let pos = self.position(&unit, head_title, head.0, true, None);
        self.staff(&pos, head.1);
        (unit, pos)
    }

    /// A unit under `parent` with its head; the head is titled by the domain's
    /// [`sikerja_domain::org::head_title`] ("Kepala <name>", or "Asisten …" itself) unless given.
    /// Returns (unit code, head position code).
    pub(crate) fn unit(
        &mut self,
        parent: &str,
        kind: UnitKind,
        name: &str,
        head_title: Option<&str>,
        staff: Staff,
    ) -> (String, String) {
        let dept = self.unit_dept.get(parent).cloned().unwrap_or_default();
        let stem = match initials(name) {
            i if i.is_empty() => format!("{dept}-{}", kind_prefix(kind)),
            i => format!("{dept}-{}-{i}", kind_prefix(kind)),
        };
        let mut code = stem.clone();
        let mut n = 2;
        while self.unit_dept.contains_key(&code) {
            code = format!("{stem}{n}");
            n += 1;
        }
        self.unit_dept.insert(code.clone(), dept.clone());
        self.bundle.units.push(UnitRecord {
            code: code.clone(),
            department_code: dept,
            parent_code: Some(parent.into()),
            name: name.into(),
            kind,
            is_org_unit: false,
        });
        let title =
            head_title.map_or_else(|| sikerja_domain::org::head_title(name), str::to_string);
        let pos = self.position(&code, &title, head_class(kind), true, None);
        self.staff(&pos, staff);
        (code, pos)
    }

    /// A filled unit with the default head title.
    pub(crate) fn sub(&mut self, parent: &str, kind: UnitKind, name: &str) -> String {
        self.unit(parent, kind, name, None, Staff::Filled).0
    }

    fn position(
        &mut self,
        unit: &str,
        name: &str,
        class: PositionClass,
        is_head: bool,
        jf: Option<(&Jf, FunctionalLevel)>,
    ) -> String {
        let code = if is_head {
            format!("{unit}-kepala")
        } else {
            let n = self.position_seq.entry(unit.to_string()).or_insert(0);
            *n += 1;
            format!("{unit}-{n}")
        };
        self.bundle.positions.push(PositionRecord {
            code: code.clone(),
            unit_code: unit.into(),
            name: name.into(),
            class,
            is_head,
            functional_level: jf.map(|(_, l)| l),
            substance: jf.and_then(|(j, _)| j.substance),
        });
        code
    }

    fn staff(&mut self, position: &str, staff: Staff) {
        let Some(p) = self
            .bundle
            .positions
            .iter()
            .rev()
            .find(|p| p.code == position)
        else {
            return;
        };
        let role = Role {
            class: p.class,
            level: p.functional_level,
            discipline: self.discipline,
            pppk_allowed: false,
        };
        match staff {
            Staff::Vacant => {}
            Staff::Filled => self.fill(position, role, false),
            Staff::Known(k) => self.known(position, k),
        }
    }

    /// Puts a well-known person in `position` (a generated one outside the demo government).
    pub(crate) fn known(&mut self, position: &str, k: &KnownPerson) {
        let field = self.discipline.experience_fields()[0];
        match k.employee(position, field).filter(|_| self.with_known) {
            Some(e) => {
                self.holder
                    .insert(position.into(), self.bundle.employees.len());
                self.bundle.employees.push(e);
            }
            None => {
                let Some(p) = self
                    .bundle
                    .positions
                    .iter()
                    .rev()
                    .find(|p| p.code == position)
                else {
                    return;
                };
                let role = Role {
                    class: p.class,
                    level: p.functional_level,
                    discipline: self.discipline,
                    pppk_allowed: false,
                };
                self.fill(position, role, false);
            }
        }
    }

    fn fill(&mut self, position: &str, role: Role, equalised: bool) {
        let mut e = person::generate(&mut self.rng, &mut self.nips, role, Some(position.into()));
        e.from_equalization = equalised;
        self.holder
            .insert(position.into(), self.bundle.employees.len());
        self.bundle.employees.push(e);
    }

    /// `count` functional positions of `jf` at `level` in `unit`, most of them filled.
    pub(crate) fn jf(&mut self, unit: &str, jf: &Jf, level: FunctionalLevel, count: usize) {
        for _ in 0..count {
            let name = format!("{} {}", jf.name, level.label());
            let pos = self.position(
                unit,
                &name,
                PositionClass::Fungsional,
                false,
                Some((jf, level)),
            );
            if self.rng.chance(self.vacancy_percent) {
                continue;
            }
            let role = Role {
                class: PositionClass::Fungsional,
                level: Some(level),
                discipline: jf.discipline,
                pppk_allowed: matches!(
                    level,
                    FunctionalLevel::AhliPertama
                        | FunctionalLevel::Terampil
                        | FunctionalLevel::Mahir
                ),
            };
            let equalised = jf.equalised
                && matches!(
                    level,
                    FunctionalLevel::AhliMuda | FunctionalLevel::AhliPertama
                )
                && self.rng.chance(30);
            self.fill(&pos, role, equalised);
        }
    }

    /// Several JF groups in one unit.
    pub(crate) fn jfs(&mut self, unit: &str, groups: &[(Jf, FunctionalLevel, usize)]) {
        for (jf, level, n) in groups {
            self.jf(unit, jf, *level, *n);
        }
    }

    /// A filled JF position held by a well-known person.
    pub(crate) fn known_jf(
        &mut self,
        unit: &str,
        jf: &Jf,
        level: FunctionalLevel,
        k: &KnownPerson,
    ) {
        let name = format!("{} {}", jf.name, level.label());
        let pos = self.position(
            unit,
            &name,
            PositionClass::Fungsional,
            false,
            Some((jf, level)),
        );
        self.known(&pos, k);
    }

    /// `count` Pelaksana positions in `unit`, most of them filled.
    pub(crate) fn pelaksana(&mut self, unit: &str, count: usize) {
        let names = catalog::pelaksana_names(self.discipline);
        for _ in 0..count {
            let name = self.rng.pick(names);
            let pos = self.position(unit, name, PositionClass::Pelaksana, false, None);
            if self.rng.chance(self.vacancy_percent) {
                continue;
            }
            let role = Role {
                class: PositionClass::Pelaksana,
                level: None,
                discipline: self.discipline,
                pppk_allowed: false,
            };
            self.fill(&pos, role, false);
        }
    }

    /// A Pelaksana position held by a well-known person.
    pub(crate) fn known_pelaksana(&mut self, unit: &str, name: &str, k: &KnownPerson) {
        let pos = self.position(unit, name, PositionClass::Pelaksana, false, None);
        self.known(&pos, k);
    }

    /// The holder of `actor` acts (Plt./Plh.) in the vacant position `target`.
    pub(crate) fn act(&mut self, actor: &str, target: &str, kind: ActingKind) {
        if self.holder.contains_key(target) {
            return;
        }
        if let Some(&i) = self.holder.get(actor) {
            let e = &mut self.bundle.employees[i];
            if e.acting_position_code.is_none() {
                e.acting_position_code = Some(target.into());
                e.acting_kind = Some(kind);
            }
        }
    }

    pub(crate) fn finish(self) -> AgencyBundle {
        self.bundle
    }
}
