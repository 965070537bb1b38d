//! Who sets whose Perjanjian Kinerja (STR-01..05, MEK-02): for every post of an organisation,
//! the position whose holder divides the targets down to it.
//!
//! The answer is computed from the unit tree and the placement outcomes, never chosen from a
//! list of all staff (KIN-04): a structural post's agreement is set by the head of the nearest
//! unit above it, a JF's or Pelaksana's by their Pejabat Penilai Kinerja, and a department
//! head's agreement is made with the regional head (MEK-02, Lampiran I.x.3.a.1).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::org::{AnnexSection, FunctionalLevel, PositionClass, vocabulary};
use crate::organisation::{DepartmentId, EmployeeId, Organisation, Position, PositionId, UnitId};
use crate::placement::Outcome;
use crate::rules::{Citation, RuleId};

/// A post whose holder has a Perjanjian Kinerja: a position and who exercises it (the
/// definitive holder, else the acting holder (Plt./Plh.), else `None` for a vacant structural
/// post). JF/Pelaksana posts always have `Some(employee)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Post {
    pub position: PositionId,
    pub employee: Option<EmployeeId>,
}

/// Who sets a post's performance agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Setter {
    /// The holder (or acting holder) of this position sets the post's agreement.
    Position {
        position: PositionId,
        citation: Citation,
    },
    /// Head of a department (top of its unit tree): the agreement is made with the regional
    /// head (Bupati/Wali Kota/Gubernur).
    RegionalHead { citation: Citation },
    /// No setter can be derived: an unresolved JF/Pelaksana (KED-09) — reason in Indonesian.
    Unresolved { reason: String, citation: Citation },
}

vocabulary! {
    /// Who a stored agreement's setter is (*pihak kedua*, STR-01..05): the holder of a
    /// position, or the regional head for a department head's agreement (MEK-02).
    SetterKind {
        Position => "position", "Pemegang jabatan atasan";
        RegionalHead => "regional_head", "Kepala Daerah";
    }
}

impl Setter {
    /// The kind of a derived setter; `None` while it cannot be derived (KED-09).
    pub fn kind(&self) -> Option<SetterKind> {
        match self {
            Setter::Position { .. } => Some(SetterKind::Position),
            Setter::RegionalHead { .. } => Some(SetterKind::RegionalHead),
            Setter::Unresolved { .. } => None,
        }
    }
}

/// A post whose agreement a setter sets, with the rule that makes it so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    pub post: Post,
    pub citation: Citation,
}

/// The assignment structure of an organisation: every post, its setter, and the reverse.
#[derive(Debug, Clone)]
pub struct AgreementStructure {
    /// Sorted, without duplicates.
    posts: Vec<Post>,
    setters: HashMap<Post, Setter>,
    /// Sorted by post.
    recipients: HashMap<PositionId, Vec<Recipient>>,
    /// Sorted.
    posts_of: HashMap<EmployeeId, Vec<Post>>,
}

impl AgreementStructure {
    /// Built in O(n) (hash maps, no quadratic scans) from the organisation and the placement
    /// outcomes ([`crate::placement::compute_placements`] output).
    pub fn new(org: &Organisation, outcomes: &[Outcome]) -> AgreementStructure {
        let tree = Tree::new(org);
        let outcome_of: HashMap<EmployeeId, &Outcome> =
            outcomes.iter().map(|o| (o.employee(), o)).collect();
        let mut setters = HashMap::new();

        for p in tree.positions.values() {
            if p.is_head && p.class.structural_rank().is_some() {
                let post = Post {
                    position: p.id,
                    employee: tree.exerciser(p.id),
                };
                setters.insert(post, tree.structural_setter(p, post.employee));
            }
        }
        let mut seen = HashSet::new();
        for e in &org.employees {
            let Some(p) = e.position.and_then(|id| tree.positions.get(&id)) else {
                continue;
            };
            if !p.class.is_placed() || !seen.insert(e.id) {
                continue;
            }
            let post = Post {
                position: p.id,
                employee: Some(e.id),
            };
            let setter = tree.placed_setter(p, outcome_of.get(&e.id).copied());
            setters.insert(post, setter);
        }

        let mut posts: Vec<Post> = setters.keys().copied().collect();
        posts.sort_unstable();
        let mut recipients: HashMap<PositionId, Vec<Recipient>> = HashMap::new();
        let mut posts_of: HashMap<EmployeeId, Vec<Post>> = HashMap::new();
        // `posts` is sorted, so every list below comes out sorted.
        for &post in &posts {
            if let Some(Setter::Position { position, citation }) = setters.get(&post) {
                recipients.entry(*position).or_default().push(Recipient {
                    post,
                    citation: citation.clone(),
                });
            }
            if let Some(e) = post.employee {
                posts_of.entry(e).or_default().push(post);
            }
        }
        AgreementStructure {
            posts,
            setters,
            recipients,
            posts_of,
        }
    }

    /// Every post, sorted.
    pub fn posts(&self) -> Vec<Post> {
        self.posts.clone()
    }

    /// The setter of a post; `None` when the post is not in the organisation.
    pub fn setter_of(&self, post: Post) -> Option<&Setter> {
        self.setters.get(&post)
    }

    /// The posts whose agreement the holder of `setter` sets, sorted by post. Vacant posts are
    /// included: their targets are still divided and wait for the next holder.
    pub fn recipients_of(&self, setter: PositionId) -> Vec<Recipient> {
        self.recipients.get(&setter).cloned().unwrap_or_default()
    }

    /// The posts an employee exercises (definitive position and positions they act in), sorted.
    pub fn posts_of(&self, employee: EmployeeId) -> Vec<Post> {
        self.posts_of.get(&employee).cloned().unwrap_or_default()
    }
}

/// Lookups over the organisation, built once.
struct Tree<'a> {
    positions: HashMap<PositionId, &'a Position>,
    unit_parent: HashMap<UnitId, Option<UnitId>>,
    unit_section: HashMap<UnitId, AnnexSection>,
    holder: HashMap<PositionId, EmployeeId>,
    /// Per unit: the nearest structural head position at or above it (`None`: none up to the
    /// root). Filled for every unit so a walk never repeats.
    nearest_head: HashMap<UnitId, Option<PositionId>>,
}

impl<'a> Tree<'a> {
    fn new(org: &'a Organisation) -> Tree<'a> {
        // First occurrence wins on duplicate ids, as in placement.
        let mut positions = HashMap::with_capacity(org.positions.len());
        for p in &org.positions {
            positions.entry(p.id).or_insert(p);
        }
        let sections: HashMap<DepartmentId, AnnexSection> = org
            .departments
            .iter()
            .map(|d| (d.id, d.kind.annex_section()))
            .rev()
            .collect();
        let mut unit_parent = HashMap::with_capacity(org.units.len());
        let mut unit_section = HashMap::with_capacity(org.units.len());
        for u in &org.units {
            unit_parent.entry(u.id).or_insert(u.parent);
            if let Some(&s) = sections.get(&u.department) {
                unit_section.entry(u.id).or_insert(s);
            }
        }
        // Only structural heads set agreements: a JF heading a unit (penyetaraan jabatan) does
        // not assess its staff (KED-03), so it sets nobody's targets either. Lowest id wins.
        let mut unit_head: HashMap<UnitId, PositionId> = HashMap::new();
        for p in positions.values() {
            if p.is_head && p.class.structural_rank().is_some() && unit_parent.contains_key(&p.unit)
            {
                let h = unit_head.entry(p.unit).or_insert(p.id);
                *h = (*h).min(p.id);
            }
        }
        let employees: HashSet<EmployeeId> = org.employees.iter().map(|e| e.id).collect();
        // Definitive holder (lowest employee id), else an acting holder who exists.
        let mut holder: HashMap<PositionId, EmployeeId> = HashMap::new();
        for e in &org.employees {
            if let Some(p) = e.position.filter(|p| positions.contains_key(p)) {
                let h = holder.entry(p).or_insert(e.id);
                *h = (*h).min(e.id);
            }
        }
        for p in positions.values() {
            if let Some(a) = p.acting.filter(|a| employees.contains(&a.employee)) {
                holder.entry(p.id).or_insert(a.employee);
            }
        }

        let mut nearest_head: HashMap<UnitId, Option<PositionId>> =
            unit_head.iter().map(|(&u, &h)| (u, Some(h))).collect();
        let mut path = Vec::new();
        let mut on_path = HashSet::new();
        for &start in unit_parent.keys() {
            // Walk up to the first unit with a head or a known answer; every unit on the way
            // shares that answer. A unit seen twice on one walk means a cycle: no head.
            path.clear();
            on_path.clear();
            let mut cur = Some(start);
            let answer = loop {
                let Some(u) = cur.filter(|u| unit_parent.contains_key(u)) else {
                    break None;
                };
                if let Some(&known) = nearest_head.get(&u) {
                    break known;
                }
                if !on_path.insert(u) {
                    break None;
                }
                path.push(u);
                cur = unit_parent.get(&u).copied().flatten();
            };
            for &u in &path {
                nearest_head.insert(u, answer);
            }
        }

        Tree {
            positions,
            unit_parent,
            unit_section,
            holder,
            nearest_head,
        }
    }

    /// Who exercises a position: its definitive holder, else its acting holder (ORG-05).
    fn exerciser(&self, position: PositionId) -> Option<EmployeeId> {
        self.holder.get(&position).copied()
    }

    fn section_of(&self, p: &Position) -> Option<AnnexSection> {
        self.unit_section.get(&p.unit).copied()
    }

    /// STR-01..05: the head of the nearest unit above sets the agreement, whether that head post
    /// is vacant or not; the department head's agreement is with the regional head (MEK-02).
    /// KIN-04: nobody sets their own agreement, so a head exercised by the post's own employee
    /// (a Plt./Plh. of the post above) is passed over for the next head up.
    fn structural_setter(&self, p: &Position, employee: Option<EmployeeId>) -> Setter {
        let section = self.section_of(p);
        let mut from = self.unit_parent.get(&p.unit).copied().flatten();
        for _ in 0..=self.unit_parent.len() {
            let Some(head) = from.and_then(|u| self.nearest_head.get(&u).copied().flatten()) else {
                break;
            };
            if employee.is_some() && self.exerciser(head) == employee {
                from = self
                    .positions
                    .get(&head)
                    .and_then(|h| self.unit_parent.get(&h.unit).copied().flatten());
                continue;
            }
            return Setter::Position {
                position: head,
                citation: structure_citation(section),
            };
        }
        Setter::RegionalHead {
            citation: regional_head_citation(section),
        }
    }

    /// A JF's or Pelaksana's agreement is set by their Pejabat Penilai Kinerja, as placement
    /// decided it (KED, KIN-04); an unresolved placement leaves the setter unresolved (KED-09).
    fn placed_setter(&self, p: &Position, outcome: Option<&Outcome>) -> Setter {
        match outcome {
            None => Setter::Unresolved {
                reason: "Kedudukan belum dihitung".into(),
                citation: Citation::new(RuleId::KED_09, "Lampiran I"),
            },
            Some(Outcome::Unresolved(u)) => Setter::Unresolved {
                reason: format!("Kedudukan belum ditetapkan: {}", u.reason),
                citation: Citation::new(RuleId::KED_09, u.citation.article),
            },
            Some(Outcome::Placed(placed)) => {
                let setter = placed.assessor.position;
                Setter::Position {
                    position: setter,
                    citation: self.placed_citation(p, setter),
                }
            }
        }
    }

    /// STR-01, STR-02, STR-04 name the JF Ahli Madya; STR-03 the JF under the Kepala DPMPTSP;
    /// STR-05 every JF and Pelaksana of a Kecamatan. Everyone else falls under the general
    /// division of targets among the officials below (MEK-02, Lampiran I.x.3.a).
    fn placed_citation(&self, p: &Position, setter: PositionId) -> Citation {
        let madya = p.class == PositionClass::Fungsional
            && p.functional_level == Some(FunctionalLevel::AhliMadya);
        let jf_under_department_head = p.class == PositionClass::Fungsional
            && self.positions.get(&setter).is_some_and(|s| {
                s.is_head && self.unit_parent.get(&s.unit).is_some_and(Option::is_none)
            });
        match self.section_of(p) {
            Some(s @ (AnnexSection::A | AnnexSection::B | AnnexSection::D)) if madya => {
                structure_citation(Some(s))
            }
            Some(s @ AnnexSection::C) if jf_under_department_head => structure_citation(Some(s)),
            Some(s @ AnnexSection::E) => structure_citation(Some(s)),
            Some(s) => Citation::new(RuleId::MEK_02, division_article(s)),
            None => Citation::new(RuleId::MEK_02, GENERAL_ARTICLE),
        }
    }
}

/// MEK-02 in general (Lampiran A.1), for a post whose department is unknown.
const GENERAL_ARTICLE: &str = "Lampiran A.1";

/// The STR rule of a section with its article (Lampiran I.x.2).
fn structure_citation(section: Option<AnnexSection>) -> Citation {
    match section {
        Some(AnnexSection::A) => Citation::new(RuleId::STR_01, "Lampiran I.A.2.a–c"),
        Some(AnnexSection::B) => Citation::new(RuleId::STR_02, "Lampiran I.B.2.a–b"),
        Some(AnnexSection::C) => Citation::new(RuleId::STR_03, "Lampiran I.C.2.a–b"),
        Some(AnnexSection::D) => Citation::new(RuleId::STR_04, "Lampiran I.D.2.a–c"),
        Some(AnnexSection::E) => Citation::new(RuleId::STR_05, "Lampiran I.E.2.a–c"),
        None => Citation::new(RuleId::MEK_02, GENERAL_ARTICLE),
    }
}

/// MEK-02: the head of the Unit Organisasi fixes the Perjanjian Kinerja (Lampiran I.x.3.a.1).
fn regional_head_citation(section: Option<AnnexSection>) -> Citation {
    let article = match section {
        Some(AnnexSection::A) => "Lampiran I.A.3.a.1",
        Some(AnnexSection::B) => "Lampiran I.B.3.a.1",
        Some(AnnexSection::C) => "Lampiran I.C.3.a.1",
        Some(AnnexSection::D) => "Lampiran I.D.3.a.1",
        Some(AnnexSection::E) => "Lampiran I.E.3.a.1",
        None => GENERAL_ARTICLE,
    };
    Citation::new(RuleId::MEK_02, article)
}

/// MEK-02: targets are divided among the officials below (Lampiran I.x.3.a).
fn division_article(section: AnnexSection) -> &'static str {
    match section {
        AnnexSection::A => "Lampiran I.A.3.a",
        AnnexSection::B => "Lampiran I.B.3.a",
        AnnexSection::C => "Lampiran I.C.3.a",
        AnnexSection::D => "Lampiran I.D.3.a",
        AnnexSection::E => "Lampiran I.E.3.a",
    }
}

#[cfg(test)]
#[path = "structure_tests.rs"]
mod tests;
