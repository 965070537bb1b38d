//! The walk up the unit tree that decides each placement (KED-01..09, KED-12, STR-06).

use super::index::{IdIndex, MAX_DEPTH, OrgIndex};
use super::{ManualDecisions, Official, Outcome, Placement, Unresolved};
use crate::org::{AnnexSection, AssessorPolicy, FunctionalLevel, PositionClass, Substance};
use crate::organisation::{EmployeeId, Organisation};
use crate::rules::{Citation, RuleId};

/// Where a rule looks for the official.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The nearest held head position of this class on the way up.
    Class(PositionClass),
    /// The head of the department's Sekretariat (DPMPTSP: Sekretaris; Kecamatan: Sekcam).
    Secretariat,
    /// The head of the department (Kepala DPMPTSP).
    DepartmentHead,
}

/// What to do when the primary target yields nobody.
#[derive(Debug, Clone, Copy)]
enum Fallback {
    None,
    /// "atau Pejabat satu tingkat di atasnya": taken when no holder of the primary is found.
    OneLevelUp(Target),
    /// KED-05 and KED-07 c.5: taken only when the structure has no Pengawas on the way up
    /// (simplification), never because a Pengawas post is vacant.
    StructuralAbsence(Target, RuleId, u8),
}

struct Plan {
    rule: RuleId,
    item: u8,
    primary: Target,
    fallback: Fallback,
}

enum Decision {
    Plan(Plan),
    Uncovered(String),
}

/// `Lampiran I.<section>.1.c.<item>`, without allocating: placement runs millions of times.
fn article(section: AnnexSection, item: u8) -> &'static str {
    const A: [&str; 5] = [
        "Lampiran I.A.1.c.1",
        "Lampiran I.A.1.c.2",
        "Lampiran I.A.1.c.3",
        "Lampiran I.A.1.c.4",
        "Lampiran I.A.1.c.5",
    ];
    const B: [&str; 5] = [
        "Lampiran I.B.1.c.1",
        "Lampiran I.B.1.c.2",
        "Lampiran I.B.1.c.3",
        "Lampiran I.B.1.c.4",
        "Lampiran I.B.1.c.5",
    ];
    const C: [&str; 5] = [
        "Lampiran I.C.1.c.1",
        "Lampiran I.C.1.c.2",
        "Lampiran I.C.1.c.3",
        "Lampiran I.C.1.c.4",
        "Lampiran I.C.1.c.5",
    ];
    const D: [&str; 5] = [
        "Lampiran I.D.1.c.1",
        "Lampiran I.D.1.c.2",
        "Lampiran I.D.1.c.3",
        "Lampiran I.D.1.c.4",
        "Lampiran I.D.1.c.5",
    ];
    const E: [&str; 5] = [
        "Lampiran I.E.1.c.1",
        "Lampiran I.E.1.c.2",
        "Lampiran I.E.1.c.3",
        "Lampiran I.E.1.c.4",
        "Lampiran I.E.1.c.5",
    ];
    let table = match section {
        AnnexSection::A => &A,
        AnnexSection::B => &B,
        AnnexSection::C => &C,
        AnnexSection::D => &D,
        AnnexSection::E => &E,
    };
    table[usize::from(item.clamp(1, 5)) - 1]
}

/// `Lampiran I.<section>.1.c`: the list of cases the rules cover (KED-09 cites it).
fn section_article(section: AnnexSection) -> &'static str {
    match section {
        AnnexSection::A => "Lampiran I.A.1.c",
        AnnexSection::B => "Lampiran I.B.1.c",
        AnnexSection::C => "Lampiran I.C.1.c",
        AnnexSection::D => "Lampiran I.D.1.c",
        AnnexSection::E => "Lampiran I.E.1.c",
    }
}

/// Chooses the rule for a JF level (or a Pelaksana, `level == None`) in a department section.
fn decide(
    section: AnnexSection,
    class: PositionClass,
    level: Option<FunctionalLevel>,
    substance: Option<Substance>,
) -> Decision {
    use FunctionalLevel::*;
    use PositionClass::{Administrator, Jpt, Pengawas};
    let plan = |rule, item, primary, fallback| {
        Decision::Plan(Plan {
            rule,
            item,
            primary,
            fallback,
        })
    };
    let pelaksana = class == PositionClass::Pelaksana;
    let Some(level) = level.filter(|_| !pelaksana) else {
        if !pelaksana {
            return Decision::Uncovered(
                "jabatan fungsional tanpa jenjang: lengkapi jenjang jabatan".into(),
            );
        }
        return match section {
            // KED-07 c.4–5: Kepala Sub Bagian, else Sekretaris.
            AnnexSection::C => plan(
                RuleId::KED_07,
                4,
                Target::Class(Pengawas),
                Fallback::StructuralAbsence(Target::Secretariat, RuleId::KED_07, 5),
            ),
            // KED-08 c.3: Kepala Sub Bagian/Kepala Seksi.
            AnnexSection::E => plan(RuleId::KED_08, 3, Target::Class(Pengawas), Fallback::None),
            // KED-04 / KED-05.
            _ => plan(
                RuleId::KED_04,
                4,
                Target::Class(Pengawas),
                Fallback::StructuralAbsence(Target::Class(Administrator), RuleId::KED_05, 5),
            ),
        };
    };
    match section {
        AnnexSection::C => {
            // KED-06: Ahli Madya and every JF of substansi Penanaman Modal or PTSP, at any level.
            if level == AhliMadya || substance.is_some() {
                return plan(RuleId::KED_06, 1, Target::DepartmentHead, Fallback::None);
            }
            match level {
                AhliUtama => uncovered_level(level, section),
                AhliMuda => plan(
                    RuleId::KED_07,
                    2,
                    Target::Secretariat,
                    Fallback::OneLevelUp(Target::DepartmentHead),
                ),
                // "Pejabat Pengawas (Kepala Sub Bagian) atau Pejabat satu tingkat di atasnya":
                // in DPMPTSP the level above the Kepala Sub Bagian is the Sekretaris (I.C.1.a).
                _ => plan(
                    RuleId::KED_07,
                    3,
                    Target::Class(Pengawas),
                    Fallback::OneLevelUp(Target::Secretariat),
                ),
            }
        }
        AnnexSection::E => match level {
            AhliUtama | AhliMadya => uncovered_level(level, section),
            AhliMuda => plan(RuleId::KED_08, 1, Target::Secretariat, Fallback::None),
            _ => plan(RuleId::KED_08, 2, Target::Class(Pengawas), Fallback::None),
        },
        AnnexSection::A | AnnexSection::B | AnnexSection::D => match level {
            AhliUtama => uncovered_level(level, section),
            AhliMadya => plan(RuleId::KED_01, 1, Target::Class(Jpt), Fallback::None),
            AhliMuda => plan(
                RuleId::KED_02,
                2,
                Target::Class(Administrator),
                Fallback::None,
            ),
            _ => plan(
                RuleId::KED_03,
                3,
                Target::Class(Pengawas),
                Fallback::OneLevelUp(Target::Class(Administrator)),
            ),
        },
    }
}

fn uncovered_level(level: FunctionalLevel, section: AnnexSection) -> Decision {
    Decision::Uncovered(format!(
        "Lampiran I.{}.1.c tidak mengatur kedudukan Pejabat Fungsional {}",
        section.letter(),
        level.label()
    ))
}

/// The result of looking for a target on the way up.
enum Search {
    /// Found, with the vacant posts of the same kind passed over on the way (for the notes).
    Found(Official, Vec<usize>),
    /// Such posts exist but none is exercised by someone else; their positions (indices).
    NoneHeld(Vec<usize>),
    /// The structure has no such post on the way up.
    Absent,
}

struct Walk<'i, 'a> {
    idx: &'i OrgIndex<'a>,
    employee: EmployeeId,
    dept: usize,
    /// Units from the start unit up to the department root.
    path: &'i [usize],
}

impl Walk<'_, '_> {
    fn official(&self, position: usize) -> Option<Official> {
        let h = self.idx.holder[position]?;
        if h.employee == self.employee {
            return None;
        }
        Some(Official {
            position: self.idx.org.positions[position].id,
            employee: h.employee,
            class: self.idx.org.positions[position].class,
            acting: h.acting,
        })
    }

    /// The head of `unit`, when it is of the class the rule names.
    fn head_of(&self, unit: Option<usize>, class: PositionClass) -> Search {
        let Some(p) = unit
            .and_then(|u| self.idx.unit_head[u])
            .filter(|&p| self.idx.org.positions[p].class == class)
        else {
            return Search::Absent;
        };
        match self.official(p) {
            Some(o) => Search::Found(o, Vec::new()),
            None => Search::NoneHeld(vec![p]),
        }
    }

    fn find(&self, target: Target) -> Search {
        match target {
            Target::Secretariat => self.head_of(
                self.idx.dept_secretariat[self.dept],
                PositionClass::Administrator,
            ),
            Target::DepartmentHead => {
                self.head_of(self.idx.dept_root[self.dept], PositionClass::Jpt)
            }
            Target::Class(class) => self.nearest(class, usize::MAX),
        }
    }

    /// Nearest exercised head of `class` among the first `limit` units of the path.
    fn nearest(&self, class: PositionClass, limit: usize) -> Search {
        let mut vacant = Vec::new();
        for &u in self.path.iter().take(limit) {
            let Some(p) = self.idx.unit_head[u] else {
                continue;
            };
            if self.idx.org.positions[p].class != class {
                continue;
            }
            match self.official(p) {
                Some(o) => return Search::Found(o, vacant),
                None => vacant.push(p),
            }
        }
        if vacant.is_empty() {
            Search::Absent
        } else {
            Search::NoneHeld(vacant)
        }
    }

    fn vacancy_notes(&self, vacant: &[usize], notes: &mut Vec<String>) {
        for &p in vacant {
            let pos = &self.idx.org.positions[p];
            if self.idx.holder[p].is_some_and(|h| h.employee == self.employee) {
                notes.push(format!(
                    "{} dijabat sendiri oleh pegawai yang bersangkutan (Plt./Plh.); tidak dapat menilai diri sendiri",
                    pos.name
                ));
            } else if let Some(note) = self.idx.vacant_note.get(&p) {
                notes.push(note.clone());
            } else {
                notes.push(format!("{} kosong", pos.name));
            }
        }
    }

    fn describe(&self, target: Target) -> String {
        match target {
            Target::Class(c) => c.label().to_string(),
            Target::Secretariat => "Sekretaris".into(),
            Target::DepartmentHead => "Kepala Perangkat Daerah".into(),
        }
    }
}

/// Computes the placement of every JF and Pelaksana of `org` (KED-01..12).
///
/// `manual` holds the manual placements recorded for unresolved cases (KED-09). The result is
/// sorted by employee and independent of the order of the input.
pub fn compute_placements(org: &Organisation, manual: &ManualDecisions) -> Vec<Outcome> {
    let idx = OrgIndex::new(org);
    // Visit employees in id order so the output is sorted without moving large outcomes.
    let mut order: Vec<(EmployeeId, usize)> = org
        .employees
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id, i))
        .collect();
    // Storage loads employees in id order already; sorting is then a wasted pass.
    if !order.is_sorted() {
        order.sort_unstable();
    }
    order.dedup_by_key(|(id, _)| *id);
    let mut path = Vec::with_capacity(MAX_DEPTH);
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(order.len());
    for &(_, i) in &order {
        if let Some(o) = place_one(&idx, i, manual, &mut path) {
            outcomes.push(o);
        }
    }
    break_cycles(&mut outcomes, &idx);
    outcomes
}

fn unresolved(employee: EmployeeId, section: Option<AnnexSection>, reason: String) -> Outcome {
    let article = match section {
        Some(s) => section_article(s),
        None => "Lampiran I",
    };
    Outcome::Unresolved(Unresolved {
        employee,
        reason,
        citation: Citation::new(RuleId::KED_09, article),
    })
}

fn place_one(
    idx: &OrgIndex<'_>,
    employee_index: usize,
    manual: &ManualDecisions,
    path: &mut Vec<usize>,
) -> Option<Outcome> {
    let e = &idx.org.employees[employee_index];
    let p = idx.employee_position[employee_index]?;
    let position = &idx.org.positions[p];
    if !position.class.is_placed() {
        return None;
    }
    let Some(unit) = idx.position_unit[p] else {
        return Some(unresolved(
            e.id,
            None,
            "unit jabatan tidak ditemukan".into(),
        ));
    };
    let Some(dept) = idx.unit_dept[unit] else {
        return Some(unresolved(
            e.id,
            None,
            "unit tidak terhubung ke Perangkat Daerah".into(),
        ));
    };
    let section = idx.dept_kind[dept].annex_section();

    // A JF who heads an independent unit sits under the unit above it.
    path.clear();
    let mut cur = if idx.unit_head[unit] == Some(p) {
        idx.unit_parent[unit]
    } else {
        Some(unit)
    };
    while let Some(u) = cur {
        if path.len() >= MAX_DEPTH {
            return Some(unresolved(
                e.id,
                Some(section),
                "pohon unit rusak (melingkar)".into(),
            ));
        }
        path.push(u);
        cur = idx.unit_parent[u];
    }
    let walk = Walk {
        idx,
        employee: e.id,
        dept,
        path: path.as_slice(),
    };

    let computed = match decide(
        section,
        position.class,
        position.functional_level,
        position.substance,
    ) {
        Decision::Uncovered(reason) => unresolved(e.id, Some(section), reason),
        Decision::Plan(plan) => apply_plan(&walk, e.id, section, &plan),
    };
    if let (Outcome::Unresolved(u), Some(m)) = (&computed, manual.get(&e.id)) {
        return Some(apply_manual(&walk, e.id, section, *m, &u.reason));
    }
    Some(computed)
}

fn apply_plan(
    walk: &Walk<'_, '_>,
    employee: EmployeeId,
    section: AnnexSection,
    plan: &Plan,
) -> Outcome {
    let mut notes = Vec::new();
    let mut rule = plan.rule;
    let mut item = plan.item;
    // The targets looked for in vain, for the reason of an unresolved case.
    let mut sought = vec![plan.primary];
    let found = match (walk.find(plan.primary), plan.fallback) {
        (Search::Found(o, passed), _) => {
            walk.vacancy_notes(&passed, &mut notes);
            Some(o)
        }
        (Search::NoneHeld(vacant), Fallback::OneLevelUp(up)) => {
            walk.vacancy_notes(&vacant, &mut notes);
            sought.push(up);
            let up_found = take(walk.find(up), walk, &mut notes);
            if up_found.is_some() {
                notes.push(format!(
                    "ditempatkan pada {} (satu tingkat di atasnya)",
                    walk.describe(up)
                ));
            }
            up_found
        }
        (Search::Absent, Fallback::OneLevelUp(up)) => {
            sought.push(up);
            let up_found = take(walk.find(up), walk, &mut notes);
            if up_found.is_some() {
                notes.push(format!(
                    "tidak ada {} di atasnya; ditempatkan pada {} (satu tingkat di atasnya)",
                    walk.describe(plan.primary),
                    walk.describe(up)
                ));
            }
            up_found
        }
        (Search::Absent, Fallback::StructuralAbsence(up, r, i)) => {
            rule = r;
            item = i;
            sought = vec![up];
            notes.push(format!(
                "tidak ada {} karena penyederhanaan struktur organisasi dan/atau penyetaraan jabatan",
                walk.describe(plan.primary)
            ));
            take(walk.find(up), walk, &mut notes)
        }
        (Search::NoneHeld(vacant), _) => {
            walk.vacancy_notes(&vacant, &mut notes);
            // KED-12: where the Administrator assesses every JF/Pelaksana, a Pengawas post
            // that nobody else exercises leaves the Administrator as superior and PPK.
            if let Some(placement) = administrator_for_vacant_pengawas(
                walk, employee, section, plan, rule, item, &mut notes,
            ) {
                return Outcome::Placed(placement);
            }
            None
        }
        (Search::Absent, Fallback::None) => None,
    };
    let citation = Citation::new(rule, article(section, item));
    let Some(superior) = found else {
        let wanted: Vec<String> = sought.iter().map(|t| walk.describe(*t)).collect();
        let mut reason = format!(
            "{} ({}) tidak menemukan {} yang menjabat",
            rule,
            citation.article,
            wanted.join(" maupun ")
        );
        if !notes.is_empty() {
            reason.push_str(": ");
            reason.push_str(&notes.join("; "));
        }
        return unresolved(employee, Some(section), reason);
    };

    let mut placement = Placement {
        employee,
        superior,
        assessor: superior,
        coordinator: None,
        recommender: None,
        citation,
        assessor_citation: None,
        notes,
        manual: false,
    };
    if rule == RuleId::KED_01 {
        add_recommender(walk, section, &mut placement);
    }
    apply_assessor_policy(walk, section, &mut placement);
    Outcome::Placed(placement)
}

/// The KED-12 article of a section (Kecamatan has none: I.E.2.c keeps the Pengawas as PPK).
fn ked_12_article(section: AnnexSection) -> Option<&'static str> {
    match section {
        AnnexSection::A => Some("Lampiran I.A.2.d–e"),
        AnnexSection::B => Some("Lampiran I.B.2.c–d"),
        AnnexSection::C => Some("Lampiran I.C.2.c–d"),
        AnnexSection::D => Some("Lampiran I.D.2.d–e"),
        AnnexSection::E => None,
    }
}

/// The Administrator who assesses under KED-12 (DPMPTSP: the Sekretaris).
fn ked_12_administrator(walk: &Walk<'_, '_>, section: AnnexSection) -> Search {
    match section {
        AnnexSection::C => walk.find(Target::Secretariat),
        _ => walk.find(Target::Class(PositionClass::Administrator)),
    }
}

/// Under KED-12 `administrator_assesses`, a JF/Pelaksana whose Pengawas post is vacant (or
/// held by themselves as Plt./Plh.) sits under the Administrator who assesses them anyway.
fn administrator_for_vacant_pengawas(
    walk: &Walk<'_, '_>,
    employee: EmployeeId,
    section: AnnexSection,
    plan: &Plan,
    rule: RuleId,
    item: u8,
    notes: &mut Vec<String>,
) -> Option<Placement> {
    let policy = walk.idx.dept_policy[walk.dept].assessor_policy;
    if policy != AssessorPolicy::AdministratorAssesses
        || plan.primary != Target::Class(PositionClass::Pengawas)
    {
        return None;
    }
    let ked_12 = ked_12_article(section)?;
    let Search::Found(admin, passed) = ked_12_administrator(walk, section) else {
        return None;
    };
    walk.vacancy_notes(&passed, notes);
    notes.push(
        "KED-12: Pejabat Pengawas tidak menjabat; Pejabat Administrator menjadi atasan langsung dan Pejabat Penilai Kinerja"
            .into(),
    );
    Some(Placement {
        employee,
        superior: admin,
        assessor: admin,
        coordinator: None,
        recommender: None,
        citation: Citation::new(rule, article(section, item)),
        assessor_citation: Some(Citation::new(RuleId::KED_12, ked_12)),
        notes: std::mem::take(notes),
        manual: false,
    })
}

fn take(search: Search, walk: &Walk<'_, '_>, notes: &mut Vec<String>) -> Option<Official> {
    match search {
        Search::Found(o, passed) => {
            walk.vacancy_notes(&passed, notes);
            Some(o)
        }
        Search::NoneHeld(vacant) => {
            walk.vacancy_notes(&vacant, notes);
            None
        }
        Search::Absent => None,
    }
}

/// STR-06: the Administrator of the Unit Kerja where an Ahli Madya works recommends their
/// assessment; that Administrator is not the PPK.
fn add_recommender(walk: &Walk<'_, '_>, section: AnnexSection, p: &mut Placement) {
    let item = match section {
        AnnexSection::A | AnnexSection::D => 'd',
        AnnexSection::B => 'c',
        AnnexSection::C | AnnexSection::E => return,
    };
    let jpt_unit = walk
        .path
        .iter()
        .position(|&u| {
            walk.idx.unit_head[u]
                .is_some_and(|h| walk.idx.org.positions[h].id == p.superior.position)
        })
        .unwrap_or(walk.path.len());
    match walk.nearest(PositionClass::Administrator, jpt_unit) {
        Search::Found(o, _) => {
            p.recommender = Some(o);
            p.notes.push(format!(
                "rekomendasi penilaian dari Pejabat Administrator Unit Kerja (STR-06, Lampiran I.{}.2.{})",
                section.letter(),
                item
            ));
        }
        Search::NoneHeld(_) => p.notes.push(format!(
            "Pejabat Administrator Unit Kerja kosong: rekomendasi penilaian (STR-06, Lampiran I.{}.2.{}) belum dapat diberikan",
            section.letter(),
            item
        )),
        Search::Absent => {}
    }
}

/// KED-12: under the alternative policy the Administrator assesses and the Pengawas
/// coordinates like a team lead (STR-07). Kecamatan has no conflict (I.E.2.c).
fn apply_assessor_policy(walk: &Walk<'_, '_>, section: AnnexSection, p: &mut Placement) {
    let policy = walk.idx.dept_policy[walk.dept].assessor_policy;
    if policy != AssessorPolicy::AdministratorAssesses
        || p.superior.class != PositionClass::Pengawas
    {
        return;
    }
    let Some(article) = ked_12_article(section) else {
        return;
    };
    match ked_12_administrator(walk, section) {
        Search::Found(o, _) => {
            p.coordinator = Some(p.superior);
            p.assessor = o;
            p.assessor_citation = Some(Citation::new(RuleId::KED_12, article));
        }
        _ => p.notes.push(
            "KED-12: tidak ada Pejabat Administrator yang menjabat; Pejabat Pengawas tetap sebagai Pejabat Penilai Kinerja"
                .into(),
        ),
    }
}

fn apply_manual(
    walk: &Walk<'_, '_>,
    employee: EmployeeId,
    section: AnnexSection,
    m: super::ManualDecision,
    reason: &str,
) -> Outcome {
    let lookup = |id: crate::organisation::PositionId| walk.idx.position_at.get(id.0);
    let (Some(sp), Some(ap)) = (lookup(m.superior_position), lookup(m.assessor_position)) else {
        return unresolved(
            employee,
            Some(section),
            format!("{reason}; penetapan manual merujuk jabatan yang sudah tidak ada"),
        );
    };
    let assessor_class = walk.idx.org.positions[ap].class;
    if assessor_class.structural_rank().is_none() {
        return unresolved(
            employee,
            Some(section),
            format!(
                "{reason}; penetapan manual tidak berlaku: Pejabat Penilai Kinerja harus paling rendah Pejabat Pengawas"
            ),
        );
    }
    let (Some(superior), Some(assessor)) = (walk.official(sp), walk.official(ap)) else {
        return unresolved(
            employee,
            Some(section),
            format!("{reason}; penetapan manual tidak berlaku: jabatan yang ditetapkan kosong"),
        );
    };
    Outcome::Placed(Placement {
        employee,
        superior,
        assessor,
        coordinator: None,
        recommender: None,
        citation: Citation::new(RuleId::KED_09, section_article(section)),
        assessor_citation: None,
        notes: vec![format!("penetapan manual (sebelumnya: {reason})")],
        manual: true,
    })
}

/// A PPK is never the employee nor anyone placed under them: assessor chains that loop back
/// (possible only through acting posts) are not guessed but listed as unresolved (KED-09).
fn break_cycles(outcomes: &mut [Outcome], idx: &OrgIndex<'_>) {
    // Only an acting official can also have a placement of their own (a definitive holder of
    // a head post is not a JF/Pelaksana), so only chains through acting assessors can loop.
    if !outcomes
        .iter()
        .filter_map(Outcome::placed)
        .any(|p| p.assessor.acting.is_some())
    {
        return;
    }
    let at = IdIndex::new(outcomes.iter().map(|o| o.employee().0));
    let next = |i: usize| -> Option<usize> {
        let p = outcomes[i].placed()?;
        p.assessor.acting?;
        at.get(p.assessor.employee.0)
    };
    // 0 = unvisited, 1 = on the current chain, 2 = done.
    let mut state = vec![0u8; outcomes.len()];
    let mut in_cycle = vec![false; outcomes.len()];
    let mut chain = Vec::new();
    for start in 0..outcomes.len() {
        chain.clear();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&c| c == i).unwrap_or(0);
                    for &c in &chain[from..] {
                        in_cycle[c] = true;
                    }
                    break;
                }
                _ => {
                    state[i] = 1;
                    chain.push(i);
                    cur = next(i);
                }
            }
        }
        for &c in &chain {
            state[c] = 2;
        }
    }
    for (i, flag) in in_cycle.into_iter().enumerate() {
        if !flag {
            continue;
        }
        let employee = outcomes[i].employee();
        let section = idx
            .org
            .employees
            .iter()
            .find(|e| e.id == employee)
            .and_then(|e| e.position)
            .and_then(|p| idx.position_at.get(p.0))
            .and_then(|p| idx.position_unit[p])
            .and_then(|u| idx.unit_dept[u])
            .map(|d| idx.dept_kind[d].annex_section());
        outcomes[i] = unresolved(
            employee,
            section,
            "Pejabat Penilai Kinerja melingkar melalui jabatan Plt./Plh. (penilai berada di bawah pegawai ini)".into(),
        );
    }
}
