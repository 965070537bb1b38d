//! Assignment checks (PEN-01..12) on small hand-built organisations: one Dinas that owns the
//! target (with a Seksi two levels down and an UPTD that is its own Unit Organisasi), another
//! Perangkat Daerah of the same Pemda, and a department of another Instansi.

mod lead;
mod limits;
mod offer;
mod picker;
mod scope;
mod shape;

use super::*;
use crate::education::Education;
use crate::grade::Grade;
use crate::org::*;
use crate::organisation::*;
use crate::placement::tests::Builder;
use crate::placement::{ManualDecisions, Outcome, compute_placements};
use crate::planning::target::Execution;

use FunctionalLevel::*;
use PositionClass::{Administrator, Jpt, Pengawas};

pub(super) const FIELD: &str = "Kesehatan";
pub(super) const OTHER_AGENCY: AgencyId = AgencyId(2);

pub(super) fn d(s: &str) -> Day {
    Day::parse(s).expect("valid day")
}

pub(super) struct Fx {
    pub b: Builder,
    /// Root of the Dinas that owns the target.
    pub dinas: UnitId,
    /// A Seksi of the Dinas, under a Bidang.
    pub seksi: UnitId,
    /// An UPTD under the Dinas, flagged as a Unit Organisasi of its own.
    pub uptd: UnitId,
    /// Root of another Perangkat Daerah of the same Pemda.
    pub other: UnitId,
    /// A Seksi of that other Perangkat Daerah.
    pub other_seksi: UnitId,
    /// A Seksi of a department of another Instansi.
    pub province_seksi: UnitId,
}

/// A Bidang with a Seksi under `root`; returns the Seksi.
fn bidang_seksi(b: &mut Builder, root: UnitId, name: &str) -> UnitId {
    let (bidang, _) = b.headed(
        root,
        UnitKind::Field,
        Administrator,
        &format!("Bidang {name}"),
    );
    let (seksi, _) = b.headed(
        bidang,
        UnitKind::Section,
        Pengawas,
        &format!("Seksi {name}"),
    );
    seksi
}

pub(super) fn fx() -> Fx {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (dinas, _) = b.dept(DepartmentKind::Office, Jpt);
    let seksi = bidang_seksi(&mut b, dinas, "Pelayanan Kesehatan");
    let (uptd, _) = b.headed(
        dinas,
        UnitKind::TechnicalUnit,
        Pengawas,
        "UPTD Puskesmas Martapura",
    );
    for u in &mut b.org.units {
        if u.id == uptd {
            u.is_org_unit = true;
        }
        if u.id == dinas {
            u.name = "Dinas Kesehatan".into();
        }
    }
    let (other, _) = b.dept(DepartmentKind::Board, Jpt);
    let other_seksi = bidang_seksi(&mut b, other, "Perencanaan");
    let (province, _) = b.dept(DepartmentKind::Office, Jpt);
    let province_seksi = bidang_seksi(&mut b, province, "Kesehatan Provinsi");
    b.org.agencies.push(Agency {
        id: OTHER_AGENCY,
        code: "prov".into(),
        name: "Pemerintah Provinsi Uji".into(),
        kind: AgencyKind::ProvincialGovernment,
        policy: AgencyPolicy::default(),
    });
    let province_dept = b
        .org
        .units
        .iter()
        .find(|u| u.id == province)
        .map(|u| u.department)
        .expect("department");
    for dep in &mut b.org.departments {
        if dep.id == province_dept {
            dep.agency = OTHER_AGENCY;
        }
    }
    let mut fx = Fx {
        b,
        dinas,
        seksi,
        uptd,
        other,
        other_seksi,
        province_seksi,
    };
    fx.fix_agencies();
    fx
}

impl Fx {
    /// Every employee belongs to the agency of their position's department.
    fn fix_agencies(&mut self) {
        let org = &self.b.org;
        let agency_of: std::collections::HashMap<PositionId, AgencyId> = org
            .positions
            .iter()
            .filter_map(|p| {
                let u = org.units.iter().find(|u| u.id == p.unit)?;
                let dep = org.departments.iter().find(|x| x.id == u.department)?;
                Some((p.id, dep.agency))
            })
            .collect();
        for e in &mut self.b.org.employees {
            if let Some(a) = e.position.and_then(|p| agency_of.get(&p)) {
                e.agency = *a;
            }
        }
    }

    /// A JF Ahli Pertama in `unit` who meets every PEN-08 requirement for a 2025 assignment in
    /// the field of the task.
    pub fn jf(&mut self, unit: UnitId) -> EmployeeId {
        let e = self.b.jf(unit, AhliPertama);
        self.fix_agencies();
        self.edit(e, |x| {
            x.ratings.push(YearRating {
                year: 2024,
                rating: PerformanceRating::Baik,
            });
            x.experience.push(Experience {
                field: FIELD.into(),
                years: 3,
            });
        });
        e
    }

    pub fn pelaksana(&mut self, unit: UnitId) -> EmployeeId {
        let e = self.b.pelaksana(unit);
        self.fix_agencies();
        e
    }

    pub fn edit(&mut self, e: EmployeeId, f: impl FnOnce(&mut Employee)) {
        let x = self
            .b
            .org
            .employees
            .iter_mut()
            .find(|x| x.id == e)
            .expect("employee exists");
        f(x);
    }

    pub fn employee(&self, e: EmployeeId) -> &Employee {
        self.b
            .org
            .employees
            .iter()
            .find(|x| x.id == e)
            .expect("employee exists")
    }

    pub fn outcomes(&self) -> Vec<Outcome> {
        compute_placements(&self.b.org, &ManualDecisions::new())
    }

    pub fn check(&self, draft: &AssignmentDraft) -> Report {
        self.check_with(draft, &[], &AssignmentPolicy::default())
    }

    pub fn check_with(
        &self,
        draft: &AssignmentDraft,
        history: &[PastAssignment],
        policy: &AssignmentPolicy,
    ) -> Report {
        check(&self.b.org, &self.outcomes(), history, draft, policy)
    }

    /// A team of the Dinas, 1 February – 30 June 2025 (5 months), by appointment.
    pub fn team(&self, lead: EmployeeId, members: &[EmployeeId]) -> AssignmentDraft {
        let mut all = vec![person(lead, MemberRole::TeamLead)];
        all.extend(members.iter().map(|m| person(*m, MemberRole::Member)));
        AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: self.dinas,
            owner_agency: AgencyId(1),
            method: AssignmentMethod::Appointment,
            members: all,
            responsible_official: None,
            field: FIELD.into(),
            team_lead_reason: None,
        }
    }

    pub fn individual(&self, e: EmployeeId) -> AssignmentDraft {
        AssignmentDraft {
            execution: Execution::Individual,
            members: vec![person(e, MemberRole::Member)],
            ..self.team(e, &[])
        }
    }
}

/// A member for 1 February – 30 June 2025.
pub(super) fn person(e: EmployeeId, role: MemberRole) -> Member {
    Member {
        employee: e,
        role,
        from: d("2025-02-01"),
        until: d("2025-06-30"),
    }
}

pub(super) fn past(
    id: i64,
    e: EmployeeId,
    kind: MembershipKind,
    from: &str,
    until: &str,
) -> PastAssignment {
    PastAssignment {
        id: AssignmentId(id),
        employee: e,
        kind,
        from: d(from),
        until: d(until),
    }
}

/// The violation codes, in order.
pub(super) fn codes(r: &Report) -> Vec<&'static str> {
    r.violations.iter().map(|v| v.code).collect()
}

pub(super) fn advice_codes(r: &Report) -> Vec<&'static str> {
    r.advice.iter().map(|v| v.code).collect()
}

/// The value of a fact of the first violation with `code`.
pub(super) fn fact_of(r: &Report, code: &str, key: &str) -> Option<String> {
    r.violations
        .iter()
        .find(|v| v.code == code)?
        .facts
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.value.clone())
}

pub(super) fn rule_of(f: &Finding) -> String {
    f.rule.to_string()
}

#[test]
fn a_draft_within_the_rules_is_allowed_with_a_surat_tugas() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let r = fx.check(&fx.team(lead, &[member]));
    assert_eq!(codes(&r), Vec::<&str>::new(), "{:#?}", r.violations);
    assert!(r.advice.is_empty(), "{:#?}", r.advice);
    assert!(r.is_allowed());
    assert_eq!(r.scope, AssignmentScope::WithinUnit);
    assert_eq!(r.instrument, Instrument::AssignmentLetter);
    assert_eq!(r.scope_citation.to_string(), "PEN-03 · Pasal 9 ayat 2");
}

#[test]
fn all_violations_are_reported_at_once_a_draft_breaking_four_rules_reports_four() {
    let mut fx = fx();
    // Lead from another Perangkat Daerah (PEN-04) in a cross-unit team; a member whose
    // placement is unresolved (PEN-02); a seconded member for 8 months (PEN-06); and a
    // voluntary request across agencies (PEN-11).
    let lead = fx.jf(fx.other_seksi);
    let unresolved = fx.b.jf(fx.seksi, AhliUtama);
    fx.fix_agencies();
    let seconded = fx.jf(fx.province_seksi);
    let mut draft = fx.team(lead, &[unresolved, seconded]);
    draft.method = AssignmentMethod::Volunteer;
    draft.members[2].until = d("2025-09-30");
    let r = fx.check(&draft);
    assert_eq!(
        codes(&r),
        [
            "member_placement_unresolved",
            "team_lead_not_from_owner_unit",
            "secondment_too_long",
            "volunteer_cross_agency",
        ],
        "{:#?}",
        r.violations
    );
    let rules: Vec<String> = r
        .violations
        .iter()
        .map(|v| v.rule.rule_id.to_string())
        .collect();
    assert_eq!(rules, ["PEN-02", "PEN-04", "PEN-06", "PEN-11"]);
    assert_eq!(r.scope, AssignmentScope::CrossAgency);
    assert_eq!(r.instrument, Instrument::RegentDecree);
    // Each names the data it used.
    assert!(
        r.violations
            .iter()
            .all(|v| !v.facts.is_empty() && !v.message.is_empty())
    );
}
