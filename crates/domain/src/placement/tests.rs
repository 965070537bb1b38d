//! Placement rules in every department kind (KED-01..12, STR-06), on small hand-built
//! organisations.

use super::*;
use crate::education::Education;
use crate::grade::Grade;
use crate::nip::Nip;
use crate::org::*;
use crate::organisation::*;

pub(crate) struct Builder {
    pub org: Organisation,
    next: i64,
}

impl Builder {
    pub fn new(policy: AssessorPolicy) -> Self {
        let mut b = Builder {
            org: Organisation::default(),
            next: 1,
        };
        b.org.agencies.push(Agency {
            id: AgencyId(1),
            code: "test".into(),
            name: "Pemerintah Kabupaten Uji".into(),
            kind: AgencyKind::RegionalGovernment,
            policy: AgencyPolicy {
                assessor_policy: policy,
                span_of_control_threshold: 3,
            },
        });
        b
    }

    fn id(&mut self) -> i64 {
        self.next += 1;
        self.next
    }

    /// A department with its root unit and head (held unless `vacant`).
    pub fn dept(&mut self, kind: DepartmentKind, head: PositionClass) -> (UnitId, PositionId) {
        let d = DepartmentId(self.id());
        self.org.departments.push(Department {
            id: d,
            agency: AgencyId(1),
            code: format!("d{}", d.0),
            name: kind.label().into(),
            kind,
        });
        let u = UnitId(self.id());
        self.org.units.push(Unit {
            id: u,
            department: d,
            parent: None,
            code: format!("u{}", u.0),
            name: kind.label().into(),
            kind: UnitKind::Department,
            is_org_unit: true,
        });
        let p = self.head(u, head, "Kepala");
        (u, p)
    }

    pub fn unit(&mut self, parent: UnitId, kind: UnitKind, name: &str) -> UnitId {
        let department = self
            .org
            .units
            .iter()
            .find(|u| u.id == parent)
            .map(|u| u.department)
            .expect("parent exists");
        let u = UnitId(self.id());
        self.org.units.push(Unit {
            id: u,
            department,
            parent: Some(parent),
            code: format!("u{}", u.0),
            name: name.into(),
            kind,
            is_org_unit: false,
        });
        u
    }

    /// A unit with a held head position.
    pub fn headed(
        &mut self,
        parent: UnitId,
        kind: UnitKind,
        class: PositionClass,
        name: &str,
    ) -> (UnitId, PositionId) {
        let u = self.unit(parent, kind, name);
        let p = self.head(u, class, &format!("Kepala {name}"));
        (u, p)
    }

    pub fn position(
        &mut self,
        unit: UnitId,
        class: PositionClass,
        level: Option<FunctionalLevel>,
        name: &str,
        is_head: bool,
    ) -> PositionId {
        let p = PositionId(self.id());
        self.org.positions.push(Position {
            id: p,
            unit,
            code: format!("p{}", p.0),
            name: name.into(),
            class,
            is_head,
            functional_level: level,
            substance: None,
            acting: None,
        });
        p
    }

    pub fn head(&mut self, unit: UnitId, class: PositionClass, name: &str) -> PositionId {
        let p = self.position(unit, class, None, name, true);
        self.employee(Some(p));
        p
    }

    pub fn employee(&mut self, position: Option<PositionId>) -> EmployeeId {
        let e = EmployeeId(self.id());
        self.org.employees.push(Employee {
            id: e,
            agency: AgencyId(1),
            nip: Nip::parse(&format!("198001012005011{:03}", e.0 % 999 + 1)).expect("valid"),
            name: format!("Pegawai {}", e.0),
            front_title: String::new(),
            back_title: String::new(),
            employment_type: EmploymentType::Pns,
            grade: Grade::Pns {
                group: 3,
                sub: b'a',
            },
            education: Education::S1,
            position,
            from_equalization: false,
            ratings: vec![],
            experience: vec![],
        });
        e
    }

    pub fn jf(&mut self, unit: UnitId, level: FunctionalLevel) -> EmployeeId {
        let p = self.position(
            unit,
            PositionClass::Fungsional,
            Some(level),
            "Analis Kebijakan",
            false,
        );
        self.employee(Some(p))
    }

    pub fn jf_substance(
        &mut self,
        unit: UnitId,
        level: FunctionalLevel,
        s: Substance,
    ) -> EmployeeId {
        let e = self.jf(unit, level);
        let p = self.position_of(e);
        if let Some(pos) = self.org.positions.iter_mut().find(|x| x.id == p) {
            pos.substance = Some(s);
        }
        e
    }

    pub fn pelaksana(&mut self, unit: UnitId) -> EmployeeId {
        let p = self.position(
            unit,
            PositionClass::Pelaksana,
            None,
            "Pengadministrasi Umum",
            false,
        );
        self.employee(Some(p))
    }

    pub fn position_of(&self, e: EmployeeId) -> PositionId {
        self.org
            .employees
            .iter()
            .find(|x| x.id == e)
            .and_then(|x| x.position)
            .expect("has position")
    }

    pub fn holder(&self, p: PositionId) -> EmployeeId {
        self.org
            .employees
            .iter()
            .find(|x| x.position == Some(p))
            .map(|x| x.id)
            .expect("held")
    }

    /// Makes a position vacant: its definitive holder leaves the organisation.
    pub fn vacate(&mut self, p: PositionId) {
        self.org.employees.retain(|e| e.position != Some(p));
    }

    pub fn act(&mut self, e: EmployeeId, p: PositionId, kind: ActingKind) {
        if let Some(pos) = self.org.positions.iter_mut().find(|x| x.id == p) {
            pos.acting = Some(Acting { employee: e, kind });
        }
    }

    pub fn outcome(&self, e: EmployeeId) -> Outcome {
        self.outcome_with(e, &ManualDecisions::new())
    }

    pub fn outcome_with(&self, e: EmployeeId, manual: &ManualDecisions) -> Outcome {
        compute_placements(&self.org, manual)
            .into_iter()
            .find(|o| o.employee() == e)
            .expect("every JF/Pelaksana gets an outcome")
    }

    pub fn placed(&self, e: EmployeeId) -> Placement {
        match self.outcome(e) {
            Outcome::Placed(p) => p,
            Outcome::Unresolved(u) => panic!("expected placed, got unresolved: {}", u.reason),
        }
    }

    pub fn unresolved(&self, e: EmployeeId) -> Unresolved {
        match self.outcome(e) {
            Outcome::Unresolved(u) => u,
            Outcome::Placed(p) => panic!("expected unresolved, got placed: {p:?}"),
        }
    }
}

use FunctionalLevel::*;
use PositionClass::{Administrator, Jpt, Pengawas};

fn cite(p: &Placement) -> (String, String) {
    (
        p.citation.rule_id.to_string(),
        p.citation.article.to_string(),
    )
}

fn pair(rule: &str, article: &str) -> (String, String) {
    (rule.to_string(), article.to_string())
}

/// Setda: Sekda → Asisten → Bagian → Sub Bagian.
struct Setda {
    b: Builder,
    asisten: PositionId,
    sekda: PositionId,
    bagian: UnitId,
    kabag: PositionId,
    bagian_flat: UnitId,
    kabag_flat: PositionId,
    subbag: UnitId,
    kasubbag: PositionId,
}

fn setda(policy: AssessorPolicy) -> Setda {
    let mut b = Builder::new(policy);
    let (root, sekda) = b.dept(DepartmentKind::RegionalSecretariat, Jpt);
    let (asisten_u, asisten) = b.headed(root, UnitKind::Assistant, Jpt, "Asisten Pemerintahan");
    let (bagian, kabag) = b.headed(asisten_u, UnitKind::Division, Administrator, "Bagian Hukum");
    let (bagian_flat, kabag_flat) = b.headed(
        asisten_u,
        UnitKind::Division,
        Administrator,
        "Bagian Organisasi",
    );
    let (subbag, kasubbag) = b.headed(
        bagian,
        UnitKind::SubDivision,
        Pengawas,
        "Sub Bagian Perundang-undangan",
    );
    Setda {
        b,
        asisten,
        sekda,
        bagian,
        kabag,
        bagian_flat,
        kabag_flat,
        subbag,
        kasubbag,
    }
}

#[test]
fn ked_01_setda_ahli_madya_sits_under_the_asisten_with_the_kepala_bagian_recommending() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.jf(s.bagian, AhliMadya);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.asisten);
    assert_eq!(p.assessor.position, s.asisten);
    assert_eq!(cite(&p), pair("KED-01", "Lampiran I.A.1.c.1"));
    // STR-06: the Kepala Bagian recommends but is not the PPK.
    assert_eq!(p.recommender.map(|r| r.position), Some(s.kabag));
}

#[test]
fn str_06_vacant_kepala_bagian_leaves_no_recommender_and_says_so() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    s.b.vacate(s.kabag);
    let e = s.b.jf(s.bagian, AhliMadya);
    let p = s.b.placed(e);
    assert_eq!(p.assessor.position, s.asisten);
    assert_eq!(p.recommender, None);
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("Unit Kerja kosong") && n.contains("STR-06")),
        "{:?}",
        p.notes
    );
}

#[test]
fn ked_01_vacant_asisten_passes_to_the_next_jpt_with_a_note() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let holder = s.b.holder(s.asisten);
    s.b.org.employees.retain(|e| e.id != holder);
    let e = s.b.jf(s.bagian, AhliMadya);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.sekda);
    assert!(
        p.notes.iter().any(|n| n.contains("kosong")),
        "{:?}",
        p.notes
    );
}

#[test]
fn ked_02_setda_ahli_muda_sits_under_the_kepala_bagian() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.jf(s.subbag, AhliMuda);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.kabag);
    assert_eq!(cite(&p), pair("KED-02", "Lampiran I.A.1.c.2"));
}

#[test]
fn ked_03_setda_ahli_pertama_and_keterampilan_sit_under_the_kepala_sub_bagian() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    for level in [AhliPertama, Penyelia, Mahir, Terampil, Pemula] {
        let e = s.b.jf(s.subbag, level);
        let p = s.b.placed(e);
        assert_eq!(p.superior.position, s.kasubbag, "{level:?}");
        assert_eq!(cite(&p), pair("KED-03", "Lampiran I.A.1.c.3"));
    }
}

#[test]
fn ked_03_without_a_pengawas_takes_one_level_above() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.jf(s.bagian_flat, Terampil);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.kabag_flat);
    assert_eq!(cite(&p), pair("KED-03", "Lampiran I.A.1.c.3"));
    assert!(!p.notes.is_empty());
}

#[test]
fn ked_03_vacant_kepala_sub_bagian_takes_one_level_above_and_says_it_is_vacant() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let holder = s.b.holder(s.kasubbag);
    s.b.org.employees.retain(|e| e.id != holder);
    let e = s.b.jf(s.subbag, AhliPertama);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.kabag);
    assert!(
        p.notes
            .iter()
            .any(|n| n == "Kepala Sub Bagian Perundang-undangan kosong"),
        "{:?}",
        p.notes
    );
}

#[test]
fn ked_04_setda_pelaksana_sits_under_the_kepala_sub_bagian() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.pelaksana(s.subbag);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.kasubbag);
    assert_eq!(cite(&p), pair("KED-04", "Lampiran I.A.1.c.4"));
}

#[test]
fn ked_05_setda_pelaksana_without_any_pengawas_sits_under_the_kepala_bagian() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.pelaksana(s.bagian_flat);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.kabag_flat);
    assert_eq!(cite(&p), pair("KED-05", "Lampiran I.A.1.c.5"));
}

#[test]
fn ked_09_pelaksana_under_a_vacant_pengawas_is_unresolved_not_moved_up() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let holder = s.b.holder(s.kasubbag);
    s.b.org.employees.retain(|e| e.id != holder);
    let e = s.b.pelaksana(s.subbag);
    let u = s.b.unresolved(e);
    assert_eq!(u.citation.rule_id, crate::rules::RuleId::KED_09);
    assert!(u.reason.contains("kosong"), "{}", u.reason);
}

#[test]
fn ked_09_ahli_utama_is_never_guessed() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.jf(s.bagian, AhliUtama);
    let u = s.b.unresolved(e);
    assert_eq!(u.citation.rule_id.as_str(), "KED-09");
    assert_eq!(u.citation.article, "Lampiran I.A.1.c");
}

/// Dinas (I.B): Kepala Dinas → Sekretariat/Bidang → Sub Bagian/Seksi.
struct Dinas {
    b: Builder,
    kadis: PositionId,
    bidang: UnitId,
    kabid: PositionId,
    bidang_flat: UnitId,
    kabid_flat: PositionId,
    seksi: UnitId,
    kasi: PositionId,
    root: UnitId,
}

fn dinas(kind: DepartmentKind, policy: AssessorPolicy) -> Dinas {
    let mut b = Builder::new(policy);
    let (root, kadis) = b.dept(kind, Jpt);
    let (bidang, kabid) = b.headed(root, UnitKind::Field, Administrator, "Bidang Pelayanan");
    let (bidang_flat, kabid_flat) =
        b.headed(root, UnitKind::Field, Administrator, "Bidang Statistik");
    let (seksi, kasi) = b.headed(bidang, UnitKind::Section, Pengawas, "Seksi Pelayanan");
    Dinas {
        b,
        kadis,
        bidang,
        kabid,
        bidang_flat,
        kabid_flat,
        seksi,
        kasi,
        root,
    }
}

#[test]
fn ked_01_to_05_apply_in_every_section_b_department_kind() {
    for kind in [
        DepartmentKind::CouncilSecretariat,
        DepartmentKind::Inspectorate,
        DepartmentKind::Office,
        DepartmentKind::Board,
        DepartmentKind::CivilServicePolice,
    ] {
        let mut d = dinas(kind, AssessorPolicy::PlacementDecides);
        let madya = d.b.jf(d.seksi, AhliMadya);
        let muda = d.b.jf(d.seksi, AhliMuda);
        let pertama = d.b.jf(d.seksi, AhliPertama);
        let pelaksana = d.b.pelaksana(d.seksi);
        let flat = d.b.pelaksana(d.bidang_flat);
        let p = d.b.placed(madya);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (d.kadis, pair("KED-01", "Lampiran I.B.1.c.1")),
            "{kind:?}"
        );
        assert_eq!(p.recommender.map(|r| r.position), Some(d.kabid));
        let p = d.b.placed(muda);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (d.kabid, pair("KED-02", "Lampiran I.B.1.c.2"))
        );
        let p = d.b.placed(pertama);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (d.kasi, pair("KED-03", "Lampiran I.B.1.c.3"))
        );
        let p = d.b.placed(pelaksana);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (d.kasi, pair("KED-04", "Lampiran I.B.1.c.4"))
        );
        let p = d.b.placed(flat);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (d.kabid_flat, pair("KED-05", "Lampiran I.B.1.c.5"))
        );
    }
}

#[test]
fn ked_02_ahli_muda_directly_under_the_kepala_dinas_is_unresolved() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.root, AhliMuda);
    assert_eq!(d.b.unresolved(e).citation.rule_id.as_str(), "KED-09");
}

#[test]
fn ked_04_acting_kepala_seksi_is_the_superior_and_shown_as_acting() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let holder = d.b.holder(d.kasi);
    d.b.org.employees.retain(|e| e.id != holder);
    let plt = d.b.jf(d.bidang, AhliMuda);
    d.b.act(plt, d.kasi, ActingKind::Plt);
    let e = d.b.pelaksana(d.seksi);
    let p = d.b.placed(e);
    assert_eq!(p.superior.employee, plt);
    assert_eq!(p.superior.acting, Some(ActingKind::Plt));
}

#[test]
fn a_jf_acting_as_their_own_kepala_seksi_never_assesses_themself() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let holder = d.b.holder(d.kasi);
    d.b.org.employees.retain(|e| e.id != holder);
    let e = d.b.jf(d.seksi, AhliPertama);
    d.b.act(e, d.kasi, ActingKind::Plh);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kabid);
    assert_ne!(p.assessor.employee, e);
    assert!(
        p.notes.iter().any(|n| n.contains("sendiri")),
        "{:?}",
        p.notes
    );
}

#[test]
fn ked_12_default_policy_makes_the_pengawas_the_assessor() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let e = d.b.pelaksana(d.seksi);
    let p = d.b.placed(e);
    assert_eq!(p.assessor.position, d.kasi);
    assert_eq!(p.coordinator, None);
    assert_eq!(p.assessor_citation, None);
}

#[test]
fn ked_12_alternative_policy_makes_the_administrator_assess_and_the_pengawas_coordinate() {
    let mut d = dinas(
        DepartmentKind::Office,
        AssessorPolicy::AdministratorAssesses,
    );
    let e = d.b.jf(d.seksi, Terampil);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kasi);
    assert_eq!(p.assessor.position, d.kabid);
    assert_eq!(p.coordinator.map(|c| c.position), Some(d.kasi));
    let c = p.assessor_citation.expect("KED-12 cited");
    assert_eq!(
        (c.rule_id.as_str(), c.article),
        ("KED-12", "Lampiran I.B.2.c–d")
    );
}

/// DPMPTSP (I.C).
struct Dpmptsp {
    b: Builder,
    kepala: PositionId,
    sekretariat: UnitId,
    sekretaris: PositionId,
    subbag: UnitId,
    kasubbag: PositionId,
    bidang: UnitId,
}

fn dpmptsp(policy: AssessorPolicy) -> Dpmptsp {
    let mut b = Builder::new(policy);
    let (root, kepala) = b.dept(DepartmentKind::OneStopService, Jpt);
    let (sekretariat, sekretaris) =
        b.headed(root, UnitKind::Secretariat, Administrator, "Sekretariat");
    let (subbag, kasubbag) = b.headed(
        sekretariat,
        UnitKind::SubDivision,
        Pengawas,
        "Sub Bagian Umum",
    );
    let (bidang, _) = b.headed(
        root,
        UnitKind::Field,
        Administrator,
        "Bidang Pelayanan Perizinan",
    );
    Dpmptsp {
        b,
        kepala,
        sekretariat,
        sekretaris,
        subbag,
        kasubbag,
        bidang,
    }
}

#[test]
fn ked_06_dpmptsp_substance_jf_at_any_level_and_ahli_madya_sit_under_the_kepala() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let pm =
        d.b.jf_substance(d.bidang, AhliPertama, Substance::Investment);
    let ptsp =
        d.b.jf_substance(d.bidang, Terampil, Substance::OneStopService);
    let madya = d.b.jf(d.subbag, AhliMadya);
    for e in [pm, ptsp, madya] {
        let p = d.b.placed(e);
        assert_eq!(p.superior.position, d.kepala);
        assert_eq!(cite(&p), pair("KED-06", "Lampiran I.C.1.c.1"));
    }
}

#[test]
fn ked_07_dpmptsp_ahli_muda_sits_under_the_sekretaris_even_from_a_bidang() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.bidang, AhliMuda);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.sekretaris);
    assert_eq!(cite(&p), pair("KED-07", "Lampiran I.C.1.c.2"));
}

#[test]
fn ked_07_dpmptsp_ahli_muda_with_a_vacant_sekretaris_goes_one_level_above() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let holder = d.b.holder(d.sekretaris);
    d.b.org.employees.retain(|e| e.id != holder);
    let e = d.b.jf(d.sekretariat, AhliMuda);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kepala);
    assert!(p.notes.iter().any(|n| n.contains("kosong")));
}

#[test]
fn ked_07_dpmptsp_pertama_and_pelaksana_sit_under_the_kepala_sub_bagian_else_sekretaris() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let pertama = d.b.jf(d.subbag, AhliPertama);
    let pelaksana = d.b.pelaksana(d.subbag);
    let flat = d.b.pelaksana(d.bidang);
    let p = d.b.placed(pertama);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kasubbag, pair("KED-07", "Lampiran I.C.1.c.3"))
    );
    let p = d.b.placed(pelaksana);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kasubbag, pair("KED-07", "Lampiran I.C.1.c.4"))
    );
    let p = d.b.placed(flat);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.sekretaris, pair("KED-07", "Lampiran I.C.1.c.5"))
    );
}

#[test]
fn ked_12_alternative_in_dpmptsp_makes_the_sekretaris_assess() {
    let mut d = dpmptsp(AssessorPolicy::AdministratorAssesses);
    let e = d.b.pelaksana(d.subbag);
    let p = d.b.placed(e);
    assert_eq!(p.assessor.position, d.sekretaris);
    assert_eq!(p.coordinator.map(|c| c.position), Some(d.kasubbag));
}

#[test]
fn ked_01_02_rsud_ahli_madya_under_the_direktur_and_ahli_muda_under_the_kepala_bidang_not_the_wadir()
 {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, direktur) = b.dept(DepartmentKind::Hospital, Jpt);
    let (wadir, _) = b.headed(
        root,
        UnitKind::DeputyDirector,
        Administrator,
        "Wakil Direktur Pelayanan",
    );
    let (bidang, kabid) = b.headed(wadir, UnitKind::Field, Administrator, "Bidang Keperawatan");
    let (seksi, kasi) = b.headed(
        bidang,
        UnitKind::Section,
        Pengawas,
        "Seksi Asuhan Keperawatan",
    );
    let madya = b.jf(seksi, AhliMadya);
    let muda = b.jf(seksi, AhliMuda);
    let mahir = b.jf(seksi, Mahir);
    let p = b.placed(madya);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (direktur, pair("KED-01", "Lampiran I.D.1.c.1"))
    );
    let p = b.placed(muda);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (kabid, pair("KED-02", "Lampiran I.D.1.c.2"))
    );
    let p = b.placed(mahir);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (kasi, pair("KED-03", "Lampiran I.D.1.c.3"))
    );
}

/// Kecamatan (I.E): Camat (Administrator) → Sekretariat (Sekcam) → Sub Bagian; Seksi under
/// the Camat.
struct Kecamatan {
    b: Builder,
    sekcam: PositionId,
    sekretariat: UnitId,
    subbag: UnitId,
    kasubbag: PositionId,
    seksi: UnitId,
    kasi: PositionId,
}

fn kecamatan(policy: AssessorPolicy) -> Kecamatan {
    let mut b = Builder::new(policy);
    let (root, _camat) = b.dept(DepartmentKind::District, Administrator);
    let (sekretariat, sekcam) = b.headed(
        root,
        UnitKind::Secretariat,
        Administrator,
        "Sekretariat Kecamatan",
    );
    let (subbag, kasubbag) = b.headed(
        sekretariat,
        UnitKind::SubDivision,
        Pengawas,
        "Sub Bagian Umum",
    );
    let (seksi, kasi) = b.headed(root, UnitKind::Section, Pengawas, "Seksi Pemerintahan");
    Kecamatan {
        b,
        sekcam,
        sekretariat,
        subbag,
        kasubbag,
        seksi,
        kasi,
    }
}

#[test]
fn ked_08_kecamatan_ahli_muda_sits_under_the_sekretaris_camat_not_the_camat() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    let e = k.b.jf(k.seksi, AhliMuda);
    let p = k.b.placed(e);
    assert_eq!(p.superior.position, k.sekcam);
    assert_eq!(cite(&p), pair("KED-08", "Lampiran I.E.1.c.1"));
}

#[test]
fn ked_08_kecamatan_pertama_keterampilan_and_pelaksana_sit_under_the_kasubbag_or_kasi() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    let a = k.b.jf(k.seksi, AhliPertama);
    let b2 = k.b.jf(k.subbag, Pemula);
    let c = k.b.pelaksana(k.seksi);
    let d = k.b.pelaksana(k.subbag);
    let p = k.b.placed(a);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (k.kasi, pair("KED-08", "Lampiran I.E.1.c.2"))
    );
    assert_eq!(k.b.placed(b2).superior.position, k.kasubbag);
    let p = k.b.placed(c);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (k.kasi, pair("KED-08", "Lampiran I.E.1.c.3"))
    );
    assert_eq!(k.b.placed(d).superior.position, k.kasubbag);
}

#[test]
fn ked_09_kecamatan_ahli_madya_and_pelaksana_without_pengawas_are_unresolved() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    let madya = k.b.jf(k.seksi, AhliMadya);
    let flat = k.b.pelaksana(k.sekretariat);
    assert_eq!(k.b.unresolved(madya).citation.article, "Lampiran I.E.1.c");
    assert_eq!(k.b.unresolved(flat).citation.rule_id.as_str(), "KED-09");
}

#[test]
fn ked_12_alternative_does_not_apply_in_a_kecamatan() {
    let mut k = kecamatan(AssessorPolicy::AdministratorAssesses);
    let e = k.b.pelaksana(k.seksi);
    let p = k.b.placed(e);
    assert_eq!(p.assessor.position, k.kasi);
    assert_eq!(p.coordinator, None);
}

#[test]
fn ked_09_manual_decision_places_an_unresolved_case_and_shows_it_as_manual() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    let e = k.b.jf(k.seksi, AhliMadya);
    let mut manual = ManualDecisions::new();
    manual.insert(
        e,
        ManualDecision {
            superior_position: k.sekcam,
            assessor_position: k.sekcam,
        },
    );
    let Outcome::Placed(p) = k.b.outcome_with(e, &manual) else {
        panic!("manual decision applies");
    };
    assert!(p.manual);
    assert_eq!(p.citation.rule_id.as_str(), "KED-09");
    assert_eq!(p.assessor.position, k.sekcam);
}

#[test]
fn ked_09_manual_decision_does_not_override_a_rule() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    let e = k.b.pelaksana(k.seksi);
    let mut manual = ManualDecisions::new();
    manual.insert(
        e,
        ManualDecision {
            superior_position: k.sekcam,
            assessor_position: k.sekcam,
        },
    );
    let Outcome::Placed(p) = k.b.outcome_with(e, &manual) else {
        panic!("rule applies");
    };
    assert!(!p.manual);
    assert_eq!(p.superior.position, k.kasi);
}

#[test]
fn ked_09_assessors_that_loop_through_acting_posts_are_unresolved() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let (seksi2, kasi2) =
        d.b.headed(d.bidang, UnitKind::Section, Pengawas, "Seksi Kedua");
    for k in [d.kasi, kasi2] {
        let h = d.b.holder(k);
        d.b.org.employees.retain(|e| e.id != h);
    }
    let a = d.b.pelaksana(d.seksi);
    let b2 = d.b.pelaksana(seksi2);
    d.b.act(a, kasi2, ActingKind::Plt);
    d.b.act(b2, d.kasi, ActingKind::Plt);
    assert!(d.b.unresolved(a).reason.contains("melingkar"));
    assert!(d.b.unresolved(b2).reason.contains("melingkar"));
}

#[test]
fn ked_10_span_of_control_counts_and_flags_above_the_threshold() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    for _ in 0..4 {
        d.b.pelaksana(d.seksi);
    }
    d.b.pelaksana(d.bidang_flat);
    let outcomes = compute_placements(&d.b.org, &ManualDecisions::new());
    let rows = span_of_control(&outcomes, 3);
    let kasi = rows
        .iter()
        .find(|r| r.position == d.kasi)
        .expect("kasi row");
    assert_eq!(
        (kasi.placed, kasi.assessed, kasi.over_threshold),
        (4, 4, true)
    );
    let flat = rows
        .iter()
        .find(|r| r.position == d.kabid_flat)
        .expect("kabid row");
    assert_eq!((flat.placed, flat.over_threshold), (1, false));
}

#[test]
fn structural_positions_get_no_placement_outcome() {
    let d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    assert!(compute_placements(&d.b.org, &ManualDecisions::new()).is_empty());
}
