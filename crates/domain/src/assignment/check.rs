//! The regulation's checks of a drafted assignment (PEN-01..12): every violation at once, each
//! naming its rule and article and the data it used, plus non-blocking advice.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::model::{
    AssignmentDraft, AssignmentMethod, AssignmentPolicy, AssignmentScope, Instrument, Member,
    PastAssignment,
};
use super::scope::{Index, instrument_for, scope_citation};
use crate::org::PositionClass;
use crate::organisation::{EmployeeId, Organisation};
use crate::placement::Outcome;
use crate::planning::target::Execution;
use crate::rules::{Citation, RuleId};

/// One piece of data a finding used: a stable key and its value as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// Stable `snake_case` key, e.g. `counted_assignments`.
    pub key: &'static str,
    pub value: String,
}

pub(super) fn fact(key: &'static str, value: impl ToString) -> Fact {
    Fact {
        key,
        value: value.to_string(),
    }
}

/// A violation (blocks the assignment) or an advice (shown, does not block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Citation,
    /// Stable `snake_case` code the UI and API can translate.
    pub code: &'static str,
    /// Indonesian, for people.
    pub message: String,
    /// The member it is about, if any.
    pub employee: Option<EmployeeId>,
    /// The data used, e.g. the assignments counted.
    pub facts: Vec<Fact>,
}

/// The answer of [`check`]: the derived scope and instrument, every violation, every advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// PEN-03, derived from the members.
    pub scope: AssignmentScope,
    pub scope_citation: Citation,
    /// PEN-12, from the scope.
    pub instrument: Instrument,
    pub instrument_citation: Citation,
    /// Ordered by rule, then by member as drafted.
    pub violations: Vec<Finding>,
    pub advice: Vec<Finding>,
}

impl Report {
    /// No violation: the assignment may go ahead (advice does not block).
    pub fn is_allowed(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks a drafted assignment against the regulation and reports every violation at once.
///
/// `outcomes` are the placement outcomes of every agency the members come from (PEN-02);
/// `history` the past team assignments of the members (PEN-05..07) — a row with the draft's
/// own `id` is ignored. The scope is recomputed from the members on every call (PEN-03).
pub fn check(
    org: &Organisation,
    outcomes: &[Outcome],
    history: &[PastAssignment],
    draft: &AssignmentDraft,
    policy: &AssignmentPolicy,
) -> Report {
    let index = Index::new(org);
    let scope = index.scope_of(draft);
    let (instrument, instrument_citation) = instrument_for(scope);
    let mut c = Checker {
        index: &index,
        org,
        draft,
        policy,
        scope,
        violations: Vec::new(),
        advice: Vec::new(),
    };
    c.pen_01_shape();
    c.pen_02_placement_settled(outcomes);
    c.pen_03_owner();
    c.pen_04_lead_from_owner_unit();
    c.pen_05_06_limits(history);
    c.pen_08_lead_requirements();
    c.pen_09_equalized_first();
    c.pen_11_no_volunteering_across_agencies();
    Report {
        scope,
        scope_citation: scope_citation(),
        instrument,
        instrument_citation,
        violations: c.violations,
        advice: c.advice,
    }
}

/// The state of one [`check`]: the team checks live in `team.rs`.
pub(super) struct Checker<'a> {
    pub index: &'a Index<'a>,
    pub org: &'a Organisation,
    pub draft: &'a AssignmentDraft,
    pub policy: &'a AssignmentPolicy,
    pub scope: AssignmentScope,
    pub violations: Vec<Finding>,
    pub advice: Vec<Finding>,
}

impl<'a> Checker<'a> {
    pub(super) fn violation(
        &mut self,
        rule: Citation,
        code: &'static str,
        employee: Option<EmployeeId>,
        message: String,
        facts: Vec<Fact>,
    ) {
        self.violations.push(Finding {
            rule,
            code,
            message,
            employee,
            facts,
        });
    }

    pub(super) fn name(&self, e: EmployeeId) -> String {
        self.index.employee_name(e)
    }

    pub(super) fn leads(&self) -> Vec<&'a Member> {
        let draft: &'a AssignmentDraft = self.draft;
        draft.team_leads().collect()
    }

    pub(super) fn is_team(&self) -> bool {
        self.draft.execution == Execution::Team
    }

    /// PEN-01 (Pasal 9 ayat 1; Lampiran II.A.1, 4, 5): the shape of an individual or team
    /// assignment, its members (JF and Pelaksana only, each once) and their periods.
    fn pen_01_shape(&mut self) {
        let d = self.draft;
        let shape = Citation::new(RuleId::PEN_01, "Pasal 9 ayat 1; Lampiran II.A.1");
        let lead_count = self.leads().len();
        let others = d.members.len() - lead_count;
        match d.execution {
            Execution::Individual => {
                if d.members.len() != 1 {
                    self.violation(
                        shape.clone(),
                        "individual_member_count",
                        None,
                        format!(
                            "Penugasan individu harus tepat satu orang; konsep ini memuat {} orang.",
                            d.members.len()
                        ),
                        vec![fact("members", d.members.len())],
                    );
                }
                if lead_count > 0 {
                    self.violation(
                        shape.clone(),
                        "individual_with_team_lead",
                        None,
                        "Penugasan individu tidak mempunyai Ketua Tim.".into(),
                        vec![fact("team_leads", lead_count)],
                    );
                }
            }
            Execution::Team => {
                if lead_count != 1 {
                    self.violation(
                        shape.clone(),
                        "team_lead_count",
                        None,
                        format!("Tim kerja harus mempunyai tepat satu Ketua Tim; konsep ini memuat {lead_count}."),
                        vec![fact("team_leads", lead_count)],
                    );
                }
                if others == 0 {
                    self.violation(
                        shape.clone(),
                        "team_without_members",
                        None,
                        "Tim kerja harus mempunyai paling sedikit satu Anggota selain Ketua Tim."
                            .into(),
                        vec![fact("members", others)],
                    );
                }
            }
        }

        let mut seen = HashSet::new();
        let mut reported = HashSet::new();
        for m in &d.members {
            if !seen.insert(m.employee) && reported.insert(m.employee) {
                let name = self.name(m.employee);
                self.violation(
                    shape.clone(),
                    "member_duplicate",
                    Some(m.employee),
                    format!("{name} tercantum lebih dari satu kali dalam penugasan."),
                    vec![fact("employee", m.employee)],
                );
            }
        }

        for m in &d.members {
            self.pen_01_member(m);
        }
    }

    fn pen_01_member(&mut self, m: &Member) {
        let Some(e) = self.index.employees.get(&m.employee) else {
            self.violation(
                Citation::new(RuleId::PEN_01, "Pasal 9 ayat 1"),
                "member_unknown",
                Some(m.employee),
                format!(
                    "Pegawai dengan id {} tidak ditemukan dalam data organisasi.",
                    m.employee
                ),
                vec![fact("employee", m.employee)],
            );
            return;
        };
        let class = e
            .position
            .and_then(|p| self.index.positions.get(&p))
            .map(|p| p.class);
        if !class.is_some_and(PositionClass::is_placed) {
            let held = class.map_or("tidak memegang jabatan", PositionClass::label);
            self.violation(
                Citation::new(RuleId::PEN_01, "Pasal 9 ayat 1"),
                "member_not_functional_or_executor",
                Some(m.employee),
                format!(
                    "{} bukan Pejabat Fungsional atau Pelaksana ({held}); yang ditugaskan hanya Pejabat Fungsional dan Pelaksana.",
                    e.display_name()
                ),
                vec![fact("employee", m.employee), fact("position_class", held)],
            );
        }
        if m.until < m.from {
            self.violation(
                Citation::new(RuleId::PEN_01, "Lampiran II.A.5"),
                "member_period_inverted",
                Some(m.employee),
                format!(
                    "Masa penugasan {} berakhir ({}) sebelum dimulai ({}).",
                    e.display_name(),
                    m.until.label(),
                    m.from.label()
                ),
                vec![fact("from", m.from), fact("until", m.until)],
            );
        }
    }

    /// PEN-02 (Lampiran II.A.2): assignment only after placement is settled. JF and Pelaksana
    /// only — others are refused by PEN-01 and not reported twice.
    fn pen_02_placement_settled(&mut self, outcomes: &[Outcome]) {
        let rule = Citation::new(RuleId::PEN_02, "Lampiran II.A.2");
        let by_employee: HashMap<EmployeeId, &Outcome> =
            outcomes.iter().map(|o| (o.employee(), o)).rev().collect();
        let mut seen = HashSet::new();
        for m in &self.draft.members {
            if !seen.insert(m.employee) || !self.is_placed_class(m.employee) {
                continue;
            }
            let name = self.name(m.employee);
            match by_employee.get(&m.employee) {
                Some(Outcome::Placed(_)) => {}
                Some(Outcome::Unresolved(u)) => self.violation(
                    rule.clone(),
                    "member_placement_unresolved",
                    Some(m.employee),
                    format!(
                        "Kedudukan {name} belum ditetapkan ({}): penugasan dilakukan setelah penetapan kedudukan.",
                        u.reason
                    ),
                    vec![
                        fact("employee", m.employee),
                        fact("placement_rule", &u.citation),
                        fact("placement_reason", &u.reason),
                    ],
                ),
                None => self.violation(
                    rule.clone(),
                    "member_placement_missing",
                    Some(m.employee),
                    format!(
                        "Kedudukan {name} belum dihitung: penugasan dilakukan setelah penetapan kedudukan."
                    ),
                    vec![fact("employee", m.employee)],
                ),
            }
        }
    }

    fn is_placed_class(&self, e: EmployeeId) -> bool {
        self.index
            .employees
            .get(&e)
            .and_then(|e| e.position)
            .and_then(|p| self.index.positions.get(&p))
            .is_some_and(|p| p.class.is_placed())
    }

    /// PEN-03 (Pasal 9 ayat 2): the owner is a Unit Organisasi of the owner agency — the scope
    /// is measured from it.
    fn pen_03_owner(&mut self) {
        let d = self.draft;
        let unit = d.owner_unit;
        if !self.index.is_org_unit(unit) {
            let name = self.index.unit_name(unit);
            self.violation(
                scope_citation(),
                "owner_not_org_unit",
                None,
                format!("Pemilik kinerja ({name}) bukan Unit Organisasi."),
                vec![fact("owner_unit", unit)],
            );
        }
        if let Some(agency) = self.index.agency_of_unit(unit)
            && agency != d.owner_agency
        {
            let name = self.index.unit_name(unit);
            self.violation(
                scope_citation(),
                "owner_agency_mismatch",
                None,
                format!("Unit Organisasi pemilik kinerja ({name}) tidak berada pada Instansi Pemerintah pemilik kinerja."),
                vec![
                    fact("owner_unit", unit),
                    fact("owner_agency", d.owner_agency),
                    fact("unit_agency", agency),
                ],
            );
        }
    }

    /// PEN-11 (Lampiran II.B.2): voluntary requests within the Unit Organisasi or across Unit
    /// Organisasi, never across Instansi.
    fn pen_11_no_volunteering_across_agencies(&mut self) {
        if self.draft.method == AssignmentMethod::Volunteer
            && self.scope == AssignmentScope::CrossAgency
        {
            self.violation(
                Citation::new(RuleId::PEN_11, "Lampiran II.B.2"),
                "volunteer_cross_agency",
                None,
                "Pengajuan sukarela hanya dapat dilakukan di dalam Unit Organisasi atau lintas Unit Organisasi, tidak lintas Instansi Pemerintah; gunakan penunjukan.".into(),
                vec![
                    fact("method", self.draft.method.code()),
                    fact("scope", self.scope.code()),
                ],
            );
        }
    }
}
