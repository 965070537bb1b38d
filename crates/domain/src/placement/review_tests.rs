//! Review of the placement engine against Lampiran I.A–E of Perbup Banjar 39/2024 and the
//! catalogue (KED-01..12, STR-06, STR-07): every department kind, every employee kind, and
//! the structural variations that change the answer (Pengawas absent, vacant, acted in by a
//! Plt./Plh. or by the employee themself; Administrator or JPT vacant; the employee in the
//! root unit, in a Bagian/Bidang without sub-units, in a UPTD; Wakil Direktur layers; Seksi
//! directly under the Camat).
//!
//! A test marked `#[ignore = "REVIEW: …"]` asserts what the regulation says where the engine
//! currently answers otherwise; the review report quotes the passage.

use super::tests::Builder;
use super::*;
use crate::org::*;
use crate::organisation::*;

use FunctionalLevel::*;
use PositionClass::{Administrator, Fungsional, Jpt, Pengawas};

const KETERAMPILAN: [FunctionalLevel; 4] = [Penyelia, Mahir, Terampil, Pemula];

const SECTION_B: [DepartmentKind; 5] = [
    DepartmentKind::CouncilSecretariat,
    DepartmentKind::Inspectorate,
    DepartmentKind::Office,
    DepartmentKind::Board,
    DepartmentKind::CivilServicePolice,
];

fn cite(p: &Placement) -> (&'static str, &'static str) {
    (p.citation.rule_id.as_str(), p.citation.article)
}

fn assessor_cite(p: &Placement) -> Option<(&'static str, &'static str)> {
    p.assessor_citation
        .as_ref()
        .map(|c| (c.rule_id.as_str(), c.article))
}

fn unresolved_cite(u: &Unresolved) -> (&'static str, &'static str) {
    (u.citation.rule_id.as_str(), u.citation.article)
}

fn has_note(p: &Placement, needle: &str) -> bool {
    p.notes.iter().any(|n| n.contains(needle))
}

/// A functional position heading `unit` (a UPTD led by a JF, or a post converted by
/// penyetaraan jabatan), held by a JF from penyetaraan.
fn jf_head(b: &mut Builder, unit: UnitId, level: FunctionalLevel) -> EmployeeId {
    let p = b.position(unit, Fungsional, Some(level), "Penata Kelola", true);
    let e = b.employee(Some(p));
    if let Some(x) = b.org.employees.iter_mut().find(|x| x.id == e) {
        x.from_equalization = true;
    }
    e
}

// ---------------------------------------------------------------------------------------
// Sekretariat Daerah (Lampiran I.A)
// ---------------------------------------------------------------------------------------

/// Sekda → Asisten → Bagian Hukum → Sub Bagian; Bagian Organisasi without sub-units.
struct Setda {
    b: Builder,
    sekda: PositionId,
    asisten_u: UnitId,
    asisten: PositionId,
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
        "Sub Bagian Bantuan Hukum",
    );
    Setda {
        b,
        sekda,
        asisten_u,
        asisten,
        bagian,
        kabag,
        bagian_flat,
        kabag_flat,
        subbag,
        kasubbag,
    }
}

#[test]
fn ked_01_setda_ahli_madya_in_a_sub_bagian_sits_under_the_asisten_and_the_kepala_bagian_recommends()
{
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.jf(s.subbag, AhliMadya);
    let p = s.b.placed(e);
    assert_eq!(
        (p.superior.position, p.assessor.position),
        (s.asisten, s.asisten)
    );
    assert_eq!(cite(&p), ("KED-01", "Lampiran I.A.1.c.1"));
    // STR-06 (I.A.2.d): the Kepala Bagian of the Unit Kerja recommends, the Asisten assesses.
    assert_eq!(p.recommender.map(|r| r.position), Some(s.kabag));
    assert!(has_note(&p, "STR-06, Lampiran I.A.2.d"), "{:?}", p.notes);
}

#[test]
fn ked_01_setda_ahli_madya_directly_in_the_asisten_unit_sits_under_the_asisten_without_recommender()
{
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.jf(s.asisten_u, AhliMadya);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.asisten);
    assert_eq!(p.recommender, None);
}

#[test]
fn ked_01_setda_plt_asisten_is_the_superior_of_an_ahli_madya_and_shown_as_acting() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    s.b.vacate(s.asisten);
    let plt = s.b.holder(s.kabag_flat);
    s.b.act(plt, s.asisten, ActingKind::Plt);
    let e = s.b.jf(s.bagian, AhliMadya);
    let p = s.b.placed(e);
    assert_eq!(
        (p.superior.position, p.superior.employee, p.superior.acting),
        (s.asisten, plt, Some(ActingKind::Plt))
    );
}

#[test]
fn ked_01_setda_ahli_madya_acting_as_their_own_asisten_passes_to_the_sekda_with_a_note() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    s.b.vacate(s.asisten);
    let e = s.b.jf(s.bagian, AhliMadya);
    s.b.act(e, s.asisten, ActingKind::Plh);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.sekda);
    assert!(has_note(&p, "sendiri"), "{:?}", p.notes);
}

#[test]
fn ked_09_setda_ahli_madya_with_asisten_and_sekda_both_vacant_is_unresolved() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    s.b.vacate(s.asisten);
    s.b.vacate(s.sekda);
    let e = s.b.jf(s.bagian, AhliMadya);
    let u = s.b.unresolved(e);
    assert_eq!(unresolved_cite(&u), ("KED-09", "Lampiran I.A.1.c"));
    assert!(u.reason.contains("KED-01"), "{}", u.reason);
}

#[test]
fn ked_02_setda_ahli_muda_in_a_bagian_without_sub_bagian_sits_under_the_kepala_bagian() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.jf(s.bagian_flat, AhliMuda);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.kabag_flat);
    assert_eq!(cite(&p), ("KED-02", "Lampiran I.A.1.c.2"));
    assert_eq!(p.recommender, None);
}

#[test]
fn ked_02_setda_ahli_muda_with_a_vacant_kepala_bagian_is_unresolved_not_sent_to_the_asisten() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    s.b.vacate(s.kabag);
    let e = s.b.jf(s.subbag, AhliMuda);
    let u = s.b.unresolved(e);
    assert_eq!(unresolved_cite(&u), ("KED-09", "Lampiran I.A.1.c"));
    assert!(
        u.reason.contains("Kepala Bagian Hukum kosong"),
        "{}",
        u.reason
    );
}

#[test]
fn ked_02_setda_ahli_muda_directly_in_the_asisten_unit_is_unresolved() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.jf(s.asisten_u, AhliMuda);
    assert_eq!(s.b.unresolved(e).citation.rule_id.as_str(), "KED-09");
}

#[test]
fn ked_03_setda_every_keterampilan_level_without_kasubbag_goes_one_level_above_to_the_kepala_bagian()
 {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    for level in KETERAMPILAN.into_iter().chain([AhliPertama]) {
        let e = s.b.jf(s.bagian_flat, level);
        let p = s.b.placed(e);
        assert_eq!(p.superior.position, s.kabag_flat, "{level:?}");
        assert_eq!(cite(&p), ("KED-03", "Lampiran I.A.1.c.3"));
        assert!(has_note(&p, "satu tingkat di atasnya"), "{:?}", p.notes);
    }
}

#[test]
fn ked_03_setda_ahli_pertama_with_kasubbag_and_kabag_both_vacant_is_unresolved_not_sent_to_the_asisten()
 {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    s.b.vacate(s.kasubbag);
    s.b.vacate(s.kabag);
    let e = s.b.jf(s.subbag, AhliPertama);
    let u = s.b.unresolved(e);
    assert!(u.reason.contains("KED-03"), "{}", u.reason);
    assert!(u.reason.contains("kosong"), "{}", u.reason);
}

#[test]
fn ked_03_setda_plh_kepala_sub_bagian_of_a_vacant_post_is_the_superior() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    s.b.vacate(s.kasubbag);
    let plh = s.b.holder(s.kabag);
    s.b.act(plh, s.kasubbag, ActingKind::Plh);
    let e = s.b.jf(s.subbag, Mahir);
    let p = s.b.placed(e);
    assert_eq!(
        (p.superior.position, p.superior.employee, p.superior.acting),
        (s.kasubbag, plh, Some(ActingKind::Plh))
    );
    assert_eq!(cite(&p), ("KED-03", "Lampiran I.A.1.c.3"));
}

#[test]
fn ked_05_setda_pelaksana_in_a_bagian_without_sub_bagian_sits_under_the_kepala_bagian_citing_c_5() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.pelaksana(s.bagian_flat);
    let p = s.b.placed(e);
    assert_eq!(
        (p.superior.position, p.assessor.position),
        (s.kabag_flat, s.kabag_flat)
    );
    assert_eq!(cite(&p), ("KED-05", "Lampiran I.A.1.c.5"));
    assert!(has_note(&p, "penyederhanaan"), "{:?}", p.notes);
}

#[test]
fn ked_05_setda_pelaksana_without_pengawas_and_with_a_vacant_kepala_bagian_is_unresolved() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    s.b.vacate(s.kabag_flat);
    let e = s.b.pelaksana(s.bagian_flat);
    let u = s.b.unresolved(e);
    assert!(u.reason.contains("KED-05"), "{}", u.reason);
}

#[test]
fn ked_05_setda_pelaksana_directly_in_the_asisten_unit_is_unresolved() {
    let mut s = setda(AssessorPolicy::PlacementDecides);
    let e = s.b.pelaksana(s.asisten_u);
    assert_eq!(s.b.unresolved(e).citation.rule_id.as_str(), "KED-09");
}

#[test]
fn ked_12_setda_alternative_makes_the_kepala_bagian_assess_and_the_kasubbag_coordinate() {
    let mut s = setda(AssessorPolicy::AdministratorAssesses);
    let e = s.b.pelaksana(s.subbag);
    let p = s.b.placed(e);
    assert_eq!(p.superior.position, s.kasubbag);
    assert_eq!(p.assessor.position, s.kabag);
    assert_eq!(p.coordinator.map(|c| c.position), Some(s.kasubbag));
    assert_eq!(cite(&p), ("KED-04", "Lampiran I.A.1.c.4"));
    assert_eq!(assessor_cite(&p), Some(("KED-12", "Lampiran I.A.2.d–e")));
}

// ---------------------------------------------------------------------------------------
// Sekretariat DPRD, Inspektorat, Dinas, Badan, Satpol PP (Lampiran I.B)
// ---------------------------------------------------------------------------------------

/// Kepala → Sekretariat (Sub Bagian Umum) / Bidang (Seksi) / Bidang without sub-units / a
/// UPTD led by a Pengawas directly under the Kepala.
struct Dinas {
    b: Builder,
    root: UnitId,
    kadis: PositionId,
    sekretariat: UnitId,
    sekretaris: PositionId,
    subbag: UnitId,
    kasubbag: PositionId,
    bidang: UnitId,
    kabid: PositionId,
    seksi: UnitId,
    kasi: PositionId,
    bidang_flat: UnitId,
    kabid_flat: PositionId,
    uptd: UnitId,
    kepala_uptd: PositionId,
}

fn dinas(kind: DepartmentKind, policy: AssessorPolicy) -> Dinas {
    let mut b = Builder::new(policy);
    let (root, kadis) = b.dept(kind, Jpt);
    let (sekretariat, sekretaris) =
        b.headed(root, UnitKind::Secretariat, Administrator, "Sekretariat");
    let (subbag, kasubbag) = b.headed(
        sekretariat,
        UnitKind::SubDivision,
        Pengawas,
        "Sub Bagian Umum",
    );
    let (bidang, kabid) = b.headed(root, UnitKind::Field, Administrator, "Bidang Pelayanan");
    let (seksi, kasi) = b.headed(bidang, UnitKind::Section, Pengawas, "Seksi Pelayanan");
    let (bidang_flat, kabid_flat) =
        b.headed(root, UnitKind::Field, Administrator, "Bidang Statistik");
    let (uptd, kepala_uptd) = b.headed(root, UnitKind::TechnicalUnit, Pengawas, "UPTD Pasar");
    Dinas {
        b,
        root,
        kadis,
        sekretariat,
        sekretaris,
        subbag,
        kasubbag,
        bidang,
        kabid,
        seksi,
        kasi,
        bidang_flat,
        kabid_flat,
        uptd,
        kepala_uptd,
    }
}

#[test]
fn ked_01_to_05_every_section_b_kind_places_every_level_and_cites_lampiran_i_b() {
    for kind in SECTION_B {
        let mut d = dinas(kind, AssessorPolicy::PlacementDecides);
        let madya = d.b.jf(d.subbag, AhliMadya);
        let muda = d.b.jf(d.subbag, AhliMuda);
        let pertama = d.b.jf(d.subbag, AhliPertama);
        let pemula = d.b.jf(d.seksi, Pemula);
        let pelaksana = d.b.pelaksana(d.subbag);
        let flat_jf = d.b.jf(d.bidang_flat, Penyelia);
        let flat = d.b.pelaksana(d.bidang_flat);
        let expect = [
            (madya, d.kadis, ("KED-01", "Lampiran I.B.1.c.1")),
            (muda, d.sekretaris, ("KED-02", "Lampiran I.B.1.c.2")),
            (pertama, d.kasubbag, ("KED-03", "Lampiran I.B.1.c.3")),
            (pemula, d.kasi, ("KED-03", "Lampiran I.B.1.c.3")),
            (pelaksana, d.kasubbag, ("KED-04", "Lampiran I.B.1.c.4")),
            (flat_jf, d.kabid_flat, ("KED-03", "Lampiran I.B.1.c.3")),
            (flat, d.kabid_flat, ("KED-05", "Lampiran I.B.1.c.5")),
        ];
        for (e, superior, citation) in expect {
            let p = d.b.placed(e);
            assert_eq!(
                (p.superior.position, cite(&p)),
                (superior, citation),
                "{kind:?}"
            );
            assert_eq!(p.assessor, p.superior, "{kind:?}: default policy");
        }
        // STR-06 (I.B.2.c): the Sekretaris, head of the Unit Kerja, recommends.
        let p = d.b.placed(madya);
        assert_eq!(p.recommender.map(|r| r.position), Some(d.sekretaris));
        assert!(has_note(&p, "STR-06, Lampiran I.B.2.c"), "{:?}", p.notes);
    }
}

#[test]
fn ked_01_dinas_ahli_madya_directly_in_the_root_sits_under_the_kepala_without_recommender() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.root, AhliMadya);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kadis);
    assert_eq!(p.recommender, None);
}

#[test]
fn ked_01_dinas_vacant_kepala_leaves_ahli_madya_unresolved_and_a_plt_kepala_assesses() {
    let mut d = dinas(DepartmentKind::Board, AssessorPolicy::PlacementDecides);
    d.b.vacate(d.kadis);
    let e = d.b.jf(d.seksi, AhliMadya);
    let u = d.b.unresolved(e);
    assert_eq!(unresolved_cite(&u), ("KED-09", "Lampiran I.B.1.c"));
    let plt = d.b.holder(d.sekretaris);
    d.b.act(plt, d.kadis, ActingKind::Plt);
    let p = d.b.placed(e);
    assert_eq!(
        (p.assessor.position, p.assessor.employee, p.assessor.acting),
        (d.kadis, plt, Some(ActingKind::Plt))
    );
    assert_eq!(p.recommender.map(|r| r.position), Some(d.kabid));
}

#[test]
fn str_06_dinas_vacant_kepala_bidang_gives_an_ahli_madya_no_recommender() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    d.b.vacate(d.kabid);
    let e = d.b.jf(d.seksi, AhliMadya);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kadis);
    assert_eq!(p.recommender, None);
}

#[test]
fn ked_02_dinas_ahli_muda_in_a_seksi_sits_under_the_kepala_bidang_not_the_kepala_seksi() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.seksi, AhliMuda);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kabid);
    assert_eq!(cite(&p), ("KED-02", "Lampiran I.B.1.c.2"));
}

#[test]
fn ked_02_dinas_ahli_muda_acting_as_their_own_kepala_bidang_is_unresolved() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    d.b.vacate(d.kabid);
    let e = d.b.jf(d.seksi, AhliMuda);
    d.b.act(e, d.kabid, ActingKind::Plt);
    let u = d.b.unresolved(e);
    assert!(u.reason.contains("sendiri"), "{}", u.reason);
}

#[test]
fn ked_03_04_dinas_pertama_and_pelaksana_directly_in_the_root_unit_are_unresolved() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let pertama = d.b.jf(d.root, AhliPertama);
    let pelaksana = d.b.pelaksana(d.root);
    let muda = d.b.jf(d.root, AhliMuda);
    for e in [pertama, pelaksana, muda] {
        assert_eq!(
            unresolved_cite(&d.b.unresolved(e)),
            ("KED-09", "Lampiran I.B.1.c")
        );
    }
}

#[test]
fn ked_02_05_dinas_ahli_muda_and_pelaksana_directly_in_the_sekretariat_sit_under_the_sekretaris() {
    let mut d = dinas(
        DepartmentKind::CouncilSecretariat,
        AssessorPolicy::PlacementDecides,
    );
    let muda = d.b.jf(d.sekretariat, AhliMuda);
    let pelaksana = d.b.pelaksana(d.sekretariat);
    let p = d.b.placed(muda);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.sekretaris, ("KED-02", "Lampiran I.B.1.c.2"))
    );
    let p = d.b.placed(pelaksana);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.sekretaris, ("KED-05", "Lampiran I.B.1.c.5"))
    );
}

#[test]
fn ked_09_reason_for_ked_03_without_pengawas_or_administrator_does_not_claim_a_placement() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.root, AhliPertama);
    let u = d.b.unresolved(e);
    assert!(!u.reason.contains("ditempatkan"), "{}", u.reason);
    assert!(u.reason.contains("Pejabat Administrator"), "{}", u.reason);
}

#[test]
fn ked_09_manual_decision_naming_a_jf_head_as_assessor_is_refused() {
    // Pasal 1 angka 23 also allows "pejabat lain yang diberi pendelegasian kewenangan"; the
    // engine only accepts Pengawas or above (see the review report: a policy question).
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let puskesmas = d.b.unit(d.root, UnitKind::TechnicalUnit, "Puskesmas");
    let kepala = jf_head(&mut d.b, puskesmas, AhliMuda);
    let staf = d.b.pelaksana(puskesmas);
    assert_eq!(d.b.unresolved(staf).citation.rule_id.as_str(), "KED-09");
    let head = d.b.position_of(kepala);
    let mut manual = ManualDecisions::new();
    manual.insert(
        staf,
        ManualDecision {
            superior_position: head,
            assessor_position: head,
        },
    );
    let Outcome::Unresolved(u) = d.b.outcome_with(staf, &manual) else {
        panic!("a JF assessor is refused");
    };
    assert!(
        u.reason.contains("paling rendah Pejabat Pengawas"),
        "{}",
        u.reason
    );
}

#[test]
fn ked_03_dinas_vacant_kepala_seksi_moves_ahli_pertama_to_the_kepala_bidang_with_a_note() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    d.b.vacate(d.kasi);
    let e = d.b.jf(d.seksi, Terampil);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kabid);
    assert_eq!(cite(&p), ("KED-03", "Lampiran I.B.1.c.3"));
    assert!(
        has_note(&p, "Kepala Seksi Pelayanan kosong"),
        "{:?}",
        p.notes
    );
}

#[test]
fn ked_04_dinas_pelaksana_under_a_vacant_kepala_seksi_is_unresolved_because_c_5_needs_simplification()
 {
    let mut d = dinas(
        DepartmentKind::CivilServicePolice,
        AssessorPolicy::PlacementDecides,
    );
    d.b.vacate(d.kasi);
    let e = d.b.pelaksana(d.seksi);
    let u = d.b.unresolved(e);
    assert_eq!(unresolved_cite(&u), ("KED-09", "Lampiran I.B.1.c"));
    assert!(
        u.reason.contains("KED-04 (Lampiran I.B.1.c.4)"),
        "{}",
        u.reason
    );
    assert!(
        u.reason.contains("Kepala Seksi Pelayanan kosong"),
        "{}",
        u.reason
    );
}

#[test]
fn ked_09_dinas_pelaksana_acting_as_their_own_kepala_seksi_is_unresolved_with_the_reason() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    d.b.vacate(d.kasi);
    let e = d.b.pelaksana(d.seksi);
    d.b.act(e, d.kasi, ActingKind::Plt);
    let u = d.b.unresolved(e);
    assert!(u.reason.contains("sendiri"), "{}", u.reason);
}

#[test]
fn ked_04_dinas_a_plh_in_a_vacant_seksi_is_the_superior_but_a_definitive_kepala_seksi_comes_first()
{
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let plh = d.b.holder(d.kasubbag);
    d.b.act(plh, d.kasi, ActingKind::Plh);
    let e = d.b.pelaksana(d.seksi);
    // The definitive holder exercises the post (ORG-05); the Plh does not displace them.
    let definitive = d.b.holder(d.kasi);
    assert_eq!(d.b.placed(e).superior.employee, definitive);
    d.b.vacate(d.kasi);
    let p = d.b.placed(e);
    assert_eq!(
        (p.superior.employee, p.superior.acting),
        (plh, Some(ActingKind::Plh))
    );
    assert_eq!(cite(&p), ("KED-04", "Lampiran I.B.1.c.4"));
}

#[test]
fn ked_03_04_dinas_uptd_led_by_a_pengawas_places_pertama_and_pelaksana_under_the_kepala_uptd() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let pertama = d.b.jf(d.uptd, AhliPertama);
    let pelaksana = d.b.pelaksana(d.uptd);
    let muda = d.b.jf(d.uptd, AhliMuda);
    let madya = d.b.jf(d.uptd, AhliMadya);
    let p = d.b.placed(pertama);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kepala_uptd, ("KED-03", "Lampiran I.B.1.c.3"))
    );
    let p = d.b.placed(pelaksana);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kepala_uptd, ("KED-04", "Lampiran I.B.1.c.4"))
    );
    // No Administrator between the UPTD and the Kepala Dinas: c.2 has no level above.
    assert_eq!(d.b.unresolved(muda).citation.rule_id.as_str(), "KED-09");
    let p = d.b.placed(madya);
    assert_eq!((p.superior.position, p.recommender), (d.kadis, None));
}

#[test]
fn ked_04_dinas_pelaksana_in_a_uptd_sub_unit_with_a_vacant_head_goes_to_the_nearest_held_pengawas()
{
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let (tu, ka_tu) = d.b.headed(
        d.uptd,
        UnitKind::SubDivision,
        Pengawas,
        "Sub Bagian Tata Usaha",
    );
    d.b.vacate(ka_tu);
    let e = d.b.pelaksana(tu);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kepala_uptd);
    assert_eq!(cite(&p), ("KED-04", "Lampiran I.B.1.c.4"));
    assert!(
        has_note(&p, "Kepala Sub Bagian Tata Usaha kosong"),
        "{:?}",
        p.notes
    );
}

#[test]
fn ked_05_dinas_seksi_converted_by_penyetaraan_jabatan_counts_as_no_pengawas() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let seksi =
        d.b.unit(d.bidang_flat, UnitKind::Section, "Seksi Data (disetarakan)");
    let converted = jf_head(&mut d.b, seksi, AhliPertama);
    let e = d.b.pelaksana(seksi);
    let p = d.b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kabid_flat, ("KED-05", "Lampiran I.B.1.c.5"))
    );
    // The converted JF heads the unit and sits under the unit above it.
    let p = d.b.placed(converted);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kabid_flat, ("KED-03", "Lampiran I.B.1.c.3"))
    );
}

#[test]
fn ked_03_dinas_jf_leading_a_uptd_sits_under_the_unit_above_and_never_assesses_its_staff() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let puskesmas = d.b.unit(d.bidang, UnitKind::TechnicalUnit, "Puskesmas");
    let kepala = jf_head(&mut d.b, puskesmas, AhliMuda);
    let staf = d.b.pelaksana(puskesmas);
    assert_eq!(d.b.placed(kepala).superior.position, d.kabid);
    // Pasal 1 angka 23: the PPK is at least a Pengawas, so the JF head is passed over.
    let p = d.b.placed(staf);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kabid, ("KED-05", "Lampiran I.B.1.c.5"))
    );
}

#[test]
fn ked_01_to_05_inspektorat_places_auditors_under_the_inspektur_pembantu() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, inspektur) = b.dept(DepartmentKind::Inspectorate, Jpt);
    let (irban_u, irban) = b.headed(
        root,
        UnitKind::AssistantInspector,
        Administrator,
        "Inspektur Pembantu Wilayah I",
    );
    let madya = b.jf(irban_u, AhliMadya);
    let muda = b.jf(irban_u, AhliMuda);
    let pertama = b.jf(irban_u, AhliPertama);
    let pelaksana = b.pelaksana(irban_u);
    let p = b.placed(madya);
    assert_eq!(
        (p.superior.position, p.recommender.map(|r| r.position)),
        (inspektur, Some(irban))
    );
    for (e, citation) in [
        (muda, ("KED-02", "Lampiran I.B.1.c.2")),
        (pertama, ("KED-03", "Lampiran I.B.1.c.3")),
        (pelaksana, ("KED-05", "Lampiran I.B.1.c.5")),
    ] {
        let p = b.placed(e);
        assert_eq!((p.superior.position, cite(&p)), (irban, citation));
    }
}

#[test]
fn ked_03_dinas_substansi_is_ignored_outside_dpmptsp() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let e =
        d.b.jf_substance(d.seksi, AhliPertama, Substance::Investment);
    let p = d.b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kasi, ("KED-03", "Lampiran I.B.1.c.3"))
    );
}

#[test]
fn ked_09_dinas_jf_without_jenjang_and_ahli_utama_are_unresolved() {
    let mut d = dinas(DepartmentKind::Office, AssessorPolicy::PlacementDecides);
    let p = d.b.position(d.seksi, Fungsional, None, "Analis", false);
    let no_level = d.b.employee(Some(p));
    let utama = d.b.jf(d.seksi, AhliUtama);
    assert!(d.b.unresolved(no_level).reason.contains("jenjang"));
    assert_eq!(
        unresolved_cite(&d.b.unresolved(utama)),
        ("KED-09", "Lampiran I.B.1.c")
    );
}

#[test]
fn ked_12_dinas_alternative_leaves_administrator_placements_and_ahli_madya_alone() {
    let mut d = dinas(
        DepartmentKind::Office,
        AssessorPolicy::AdministratorAssesses,
    );
    let flat = d.b.pelaksana(d.bidang_flat);
    let madya = d.b.jf(d.seksi, AhliMadya);
    let muda = d.b.jf(d.seksi, AhliMuda);
    for e in [flat, madya, muda] {
        let p = d.b.placed(e);
        assert_eq!(p.assessor, p.superior);
        assert_eq!((p.coordinator, p.assessor_citation), (None, None));
    }
}

#[test]
fn ked_12_dinas_alternative_keeps_the_pengawas_as_assessor_when_no_administrator_is_above() {
    let mut d = dinas(
        DepartmentKind::Office,
        AssessorPolicy::AdministratorAssesses,
    );
    let e = d.b.pelaksana(d.uptd);
    let p = d.b.placed(e);
    assert_eq!(p.assessor.position, d.kepala_uptd);
    assert_eq!(p.coordinator, None);
    assert!(has_note(&p, "KED-12"), "{:?}", p.notes);
}

#[test]
fn ked_10_span_of_control_under_the_alternative_counts_placed_on_the_pengawas_and_assessed_on_the_administrator()
 {
    let mut d = dinas(
        DepartmentKind::Office,
        AssessorPolicy::AdministratorAssesses,
    );
    d.b.pelaksana(d.seksi);
    d.b.jf(d.seksi, Mahir);
    let outcomes = compute_placements(&d.b.org, &ManualDecisions::new());
    let rows = span_of_control(&outcomes, 15);
    let row = |p: PositionId| rows.iter().find(|r| r.position == p).expect("row");
    assert_eq!((row(d.kasi).placed, row(d.kasi).assessed), (2, 0));
    assert_eq!((row(d.kabid).placed, row(d.kabid).assessed), (0, 2));
}

#[test]
fn ked_12_alternative_pelaksana_under_a_vacant_kepala_seksi_is_assessed_by_the_kepala_bidang() {
    let mut d = dinas(
        DepartmentKind::Office,
        AssessorPolicy::AdministratorAssesses,
    );
    d.b.vacate(d.kasi);
    let e = d.b.pelaksana(d.seksi);
    let p = d.b.placed(e);
    assert_eq!(p.assessor.position, d.kabid);
    assert_eq!(p.coordinator, None);
    assert_eq!(assessor_cite(&p), Some(("KED-12", "Lampiran I.B.2.c–d")));
}

#[test]
fn ked_12_alternative_pelaksana_acting_as_their_own_kepala_seksi_is_assessed_by_the_kepala_bidang()
{
    let mut d = dinas(
        DepartmentKind::Office,
        AssessorPolicy::AdministratorAssesses,
    );
    d.b.vacate(d.kasi);
    let e = d.b.pelaksana(d.seksi);
    d.b.act(e, d.kasi, ActingKind::Plt);
    let p = d.b.placed(e);
    assert_eq!(p.assessor.position, d.kabid);
    assert_ne!(p.assessor.employee, e);
}

// ---------------------------------------------------------------------------------------
// DPMPTSP (Lampiran I.C)
// ---------------------------------------------------------------------------------------

/// Kepala → Sekretariat (Sub Bagian Umum) and a Bidang without sub-units.
struct Dpmptsp {
    b: Builder,
    root: UnitId,
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
    let (bidang, _kabid) = b.headed(
        root,
        UnitKind::Field,
        Administrator,
        "Bidang Penanaman Modal",
    );
    Dpmptsp {
        b,
        root,
        kepala,
        sekretariat,
        sekretaris,
        subbag,
        kasubbag,
        bidang,
    }
}

#[test]
fn ked_06_dpmptsp_ahli_utama_of_a_substansi_sits_under_the_kepala_but_without_one_is_unresolved() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let pm = d.b.jf_substance(d.bidang, AhliUtama, Substance::Investment);
    let plain = d.b.jf(d.bidang, AhliUtama);
    let p = d.b.placed(pm);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kepala, ("KED-06", "Lampiran I.C.1.c.1"))
    );
    assert_eq!(
        unresolved_cite(&d.b.unresolved(plain)),
        ("KED-09", "Lampiran I.C.1.c")
    );
}

#[test]
fn ked_06_dpmptsp_ahli_muda_of_substansi_ptsp_sits_under_the_kepala_not_the_sekretaris() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let e =
        d.b.jf_substance(d.subbag, AhliMuda, Substance::OneStopService);
    let p = d.b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.kepala, ("KED-06", "Lampiran I.C.1.c.1"))
    );
}

#[test]
fn ked_06_dpmptsp_ahli_madya_gets_no_str_06_recommender_because_i_c_2_has_none() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.subbag, AhliMadya);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kepala);
    assert_eq!(p.recommender, None);
}

#[test]
fn ked_06_dpmptsp_vacant_kepala_leaves_substansi_jf_unresolved_and_a_plt_kepala_assesses() {
    let mut d = dpmptsp(AssessorPolicy::AdministratorAssesses);
    d.b.vacate(d.kepala);
    let e = d.b.jf_substance(d.bidang, Mahir, Substance::OneStopService);
    assert_eq!(d.b.unresolved(e).citation.rule_id.as_str(), "KED-09");
    let plt = d.b.holder(d.sekretaris);
    d.b.act(plt, d.kepala, ActingKind::Plt);
    let p = d.b.placed(e);
    assert_eq!(
        (p.assessor.employee, p.assessor.acting, p.coordinator),
        (plt, Some(ActingKind::Plt), None)
    );
}

#[test]
fn ked_07_dpmptsp_ahli_muda_directly_in_the_root_sits_under_the_sekretaris() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.root, AhliMuda);
    let p = d.b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.sekretaris, ("KED-07", "Lampiran I.C.1.c.2"))
    );
}

#[test]
fn ked_07_dpmptsp_ahli_muda_without_a_sekretariat_goes_one_level_above_to_the_kepala() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, kepala) = b.dept(DepartmentKind::OneStopService, Jpt);
    let e = b.jf(root, AhliMuda);
    let p = b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (kepala, ("KED-07", "Lampiran I.C.1.c.2"))
    );
    assert!(has_note(&p, "satu tingkat di atasnya"), "{:?}", p.notes);
}

#[test]
fn ked_07_dpmptsp_ahli_muda_acting_as_their_own_sekretaris_goes_to_the_kepala() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    d.b.vacate(d.sekretaris);
    let e = d.b.jf(d.sekretariat, AhliMuda);
    d.b.act(e, d.sekretaris, ActingKind::Plt);
    let p = d.b.placed(e);
    assert_eq!(p.superior.position, d.kepala);
    assert!(has_note(&p, "sendiri"), "{:?}", p.notes);
}

#[test]
fn ked_07_dpmptsp_keterampilan_with_a_vacant_kasubbag_goes_one_level_above_to_the_sekretaris() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    d.b.vacate(d.kasubbag);
    for level in KETERAMPILAN.into_iter().chain([AhliPertama]) {
        let e = d.b.jf(d.subbag, level);
        let p = d.b.placed(e);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (d.sekretaris, ("KED-07", "Lampiran I.C.1.c.3")),
            "{level:?}"
        );
    }
}

#[test]
fn ked_07_dpmptsp_pelaksana_with_a_vacant_kasubbag_is_unresolved_because_c_4_has_no_level_above() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    d.b.vacate(d.kasubbag);
    let e = d.b.pelaksana(d.subbag);
    let u = d.b.unresolved(e);
    assert_eq!(unresolved_cite(&u), ("KED-09", "Lampiran I.C.1.c"));
    assert!(u.reason.contains("Lampiran I.C.1.c.4"), "{}", u.reason);
}

#[test]
fn ked_07_dpmptsp_pelaksana_without_pengawas_in_the_sekretariat_or_root_sits_under_the_sekretaris()
{
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    for unit in [d.sekretariat, d.root, d.bidang] {
        let e = d.b.pelaksana(unit);
        let p = d.b.placed(e);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (d.sekretaris, ("KED-07", "Lampiran I.C.1.c.5"))
        );
    }
    d.b.vacate(d.sekretaris);
    let e = d.b.pelaksana(d.sekretariat);
    assert_eq!(d.b.unresolved(e).citation.rule_id.as_str(), "KED-09");
}

#[test]
fn ked_07_dpmptsp_keterampilan_in_a_bidang_without_kasubbag_goes_one_level_above_to_the_sekretaris()
{
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.bidang, Terampil);
    let p = d.b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.sekretaris, ("KED-07", "Lampiran I.C.1.c.3"))
    );
}

#[test]
fn ked_07_dpmptsp_ahli_pertama_directly_in_the_root_goes_one_level_above_to_the_sekretaris() {
    let mut d = dpmptsp(AssessorPolicy::PlacementDecides);
    let e = d.b.jf(d.root, AhliPertama);
    let p = d.b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (d.sekretaris, ("KED-07", "Lampiran I.C.1.c.3"))
    );
}

#[test]
fn ked_12_dpmptsp_alternative_cites_lampiran_i_c_2_c_d() {
    let mut d = dpmptsp(AssessorPolicy::AdministratorAssesses);
    let e = d.b.jf(d.subbag, Pemula);
    let p = d.b.placed(e);
    assert_eq!(
        (p.superior.position, p.assessor.position),
        (d.kasubbag, d.sekretaris)
    );
    assert_eq!(assessor_cite(&p), Some(("KED-12", "Lampiran I.C.2.c–d")));
}

// ---------------------------------------------------------------------------------------
// Rumah Sakit Umum Daerah (Lampiran I.D)
// ---------------------------------------------------------------------------------------

/// Direktur → Wakil Direktur → Bidang Keperawatan (Seksi) / Bagian Umum (Sub Bagian) /
/// Bidang Penunjang without sub-units.
struct Rsud {
    b: Builder,
    direktur: PositionId,
    wadir_u: UnitId,
    wadir: PositionId,
    bidang: UnitId,
    kabid: PositionId,
    seksi: UnitId,
    kasi: PositionId,
    subbag: UnitId,
    kasubbag: PositionId,
    bidang_flat: UnitId,
    kabid_flat: PositionId,
}

fn rsud(policy: AssessorPolicy) -> Rsud {
    let mut b = Builder::new(policy);
    let (root, direktur) = b.dept(DepartmentKind::Hospital, Jpt);
    let (wadir_u, wadir) = b.headed(
        root,
        UnitKind::DeputyDirector,
        Administrator,
        "Wakil Direktur Pelayanan",
    );
    let (bidang, kabid) = b.headed(
        wadir_u,
        UnitKind::Field,
        Administrator,
        "Bidang Keperawatan",
    );
    let (seksi, kasi) = b.headed(bidang, UnitKind::Section, Pengawas, "Seksi Asuhan");
    let (bagian, _kabag) = b.headed(wadir_u, UnitKind::Division, Administrator, "Bagian Umum");
    let (subbag, kasubbag) = b.headed(
        bagian,
        UnitKind::SubDivision,
        Pengawas,
        "Sub Bagian Kepegawaian",
    );
    let (bidang_flat, kabid_flat) =
        b.headed(wadir_u, UnitKind::Field, Administrator, "Bidang Penunjang");
    Rsud {
        b,
        direktur,
        wadir_u,
        wadir,
        bidang,
        kabid,
        seksi,
        kasi,
        subbag,
        kasubbag,
        bidang_flat,
        kabid_flat,
    }
}

#[test]
fn ked_01_rsud_ahli_madya_sits_under_the_direktur_and_the_kepala_bidang_not_the_wadir_recommends() {
    let mut r = rsud(AssessorPolicy::PlacementDecides);
    let e = r.b.jf(r.seksi, AhliMadya);
    let p = r.b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (r.direktur, ("KED-01", "Lampiran I.D.1.c.1"))
    );
    assert_eq!(p.recommender.map(|x| x.position), Some(r.kabid));
    assert!(has_note(&p, "STR-06, Lampiran I.D.2.d"), "{:?}", p.notes);
}

#[test]
fn ked_01_rsud_vacant_direktur_leaves_ahli_madya_unresolved() {
    let mut r = rsud(AssessorPolicy::PlacementDecides);
    r.b.vacate(r.direktur);
    let e = r.b.jf(r.bidang, AhliMadya);
    assert_eq!(
        unresolved_cite(&r.b.unresolved(e)),
        ("KED-09", "Lampiran I.D.1.c")
    );
}

#[test]
fn ked_02_rsud_ahli_muda_in_a_wakil_direktur_unit_without_bidang_sits_under_the_wakil_direktur() {
    let mut r = rsud(AssessorPolicy::PlacementDecides);
    let e = r.b.jf(r.wadir_u, AhliMuda);
    let p = r.b.placed(e);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (r.wadir, ("KED-02", "Lampiran I.D.1.c.2"))
    );
}

#[test]
fn ked_02_rsud_ahli_muda_with_a_vacant_kepala_bidang_passes_to_the_wakil_direktur_with_a_note() {
    let mut r = rsud(AssessorPolicy::PlacementDecides);
    r.b.vacate(r.kabid);
    let e = r.b.jf(r.seksi, AhliMuda);
    let p = r.b.placed(e);
    assert_eq!(p.superior.position, r.wadir);
    assert!(
        has_note(&p, "Kepala Bidang Keperawatan kosong"),
        "{:?}",
        p.notes
    );
}

#[test]
fn ked_03_rsud_pertama_and_keterampilan_sit_under_the_kasi_or_the_kepala_bidang_without_seksi() {
    let mut r = rsud(AssessorPolicy::PlacementDecides);
    for level in KETERAMPILAN.into_iter().chain([AhliPertama]) {
        let in_seksi = r.b.jf(r.seksi, level);
        let flat = r.b.jf(r.bidang_flat, level);
        let p = r.b.placed(in_seksi);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (r.kasi, ("KED-03", "Lampiran I.D.1.c.3"))
        );
        let p = r.b.placed(flat);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (r.kabid_flat, ("KED-03", "Lampiran I.D.1.c.3"))
        );
    }
}

#[test]
fn ked_04_05_rsud_pelaksana_under_kasubbag_else_the_kepala_bidang_else_the_wakil_direktur() {
    let mut r = rsud(AssessorPolicy::PlacementDecides);
    let in_subbag = r.b.pelaksana(r.subbag);
    let flat = r.b.pelaksana(r.bidang_flat);
    let in_wadir = r.b.pelaksana(r.wadir_u);
    let p = r.b.placed(in_subbag);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (r.kasubbag, ("KED-04", "Lampiran I.D.1.c.4"))
    );
    let p = r.b.placed(flat);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (r.kabid_flat, ("KED-05", "Lampiran I.D.1.c.5"))
    );
    let p = r.b.placed(in_wadir);
    assert_eq!(
        (p.superior.position, cite(&p)),
        (r.wadir, ("KED-05", "Lampiran I.D.1.c.5"))
    );
}

#[test]
fn ked_12_rsud_alternative_makes_the_kepala_bidang_assess_not_the_wakil_direktur() {
    let mut r = rsud(AssessorPolicy::AdministratorAssesses);
    let e = r.b.pelaksana(r.seksi);
    let p = r.b.placed(e);
    assert_eq!(
        (
            p.superior.position,
            p.assessor.position,
            p.coordinator.map(|c| c.position)
        ),
        (r.kasi, r.kabid, Some(r.kasi))
    );
    assert_eq!(assessor_cite(&p), Some(("KED-12", "Lampiran I.D.2.d–e")));
}

// ---------------------------------------------------------------------------------------
// Kecamatan (Lampiran I.E)
// ---------------------------------------------------------------------------------------

/// Camat → Sekretariat (Sekcam → Sub Bagian) and a Seksi directly under the Camat.
struct Kecamatan {
    b: Builder,
    root: UnitId,
    sekretariat: UnitId,
    sekcam: PositionId,
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
        root,
        sekretariat,
        sekcam,
        subbag,
        kasubbag,
        seksi,
        kasi,
    }
}

#[test]
fn ked_08_kecamatan_ahli_muda_in_a_sub_bagian_or_the_root_sits_under_the_sekretaris_camat() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    for unit in [k.subbag, k.root] {
        let e = k.b.jf(unit, AhliMuda);
        let p = k.b.placed(e);
        assert_eq!(
            (p.superior.position, cite(&p)),
            (k.sekcam, ("KED-08", "Lampiran I.E.1.c.1"))
        );
    }
}

#[test]
fn ked_08_kecamatan_ahli_muda_with_a_vacant_sekcam_is_unresolved_and_a_plt_sekcam_assesses() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    k.b.vacate(k.sekcam);
    let e = k.b.jf(k.seksi, AhliMuda);
    let u = k.b.unresolved(e);
    assert_eq!(unresolved_cite(&u), ("KED-09", "Lampiran I.E.1.c"));
    let plt = k.b.holder(k.kasi);
    k.b.act(plt, k.sekcam, ActingKind::Plt);
    let p = k.b.placed(e);
    assert_eq!(
        (p.superior.employee, p.superior.acting),
        (plt, Some(ActingKind::Plt))
    );
}

#[test]
fn ked_08_kecamatan_every_keterampilan_level_in_a_seksi_under_the_camat_sits_under_the_kepala_seksi()
 {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    for level in KETERAMPILAN.into_iter().chain([AhliPertama]) {
        let e = k.b.jf(k.seksi, level);
        let p = k.b.placed(e);
        assert_eq!(
            (p.superior.position, p.assessor.position, cite(&p)),
            (k.kasi, k.kasi, ("KED-08", "Lampiran I.E.1.c.2")),
            "{level:?}"
        );
    }
}

#[test]
fn ked_08_kecamatan_vacant_kepala_seksi_leaves_jf_and_pelaksana_unresolved_because_i_e_has_no_level_above()
 {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    k.b.vacate(k.kasi);
    let jf = k.b.jf(k.seksi, AhliPertama);
    let pelaksana = k.b.pelaksana(k.seksi);
    for e in [jf, pelaksana] {
        let u = k.b.unresolved(e);
        assert_eq!(unresolved_cite(&u), ("KED-09", "Lampiran I.E.1.c"));
        assert!(
            u.reason.contains("Kepala Seksi Pemerintahan kosong"),
            "{}",
            u.reason
        );
    }
}

#[test]
fn ked_08_kecamatan_jf_acting_as_their_own_kepala_seksi_is_unresolved() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    k.b.vacate(k.kasi);
    let e = k.b.jf(k.seksi, Pemula);
    k.b.act(e, k.kasi, ActingKind::Plt);
    assert!(k.b.unresolved(e).reason.contains("sendiri"));
}

#[test]
fn ked_08_kecamatan_jf_and_pelaksana_without_a_pengawas_above_are_unresolved() {
    let mut k = kecamatan(AssessorPolicy::PlacementDecides);
    let jf = k.b.jf(k.sekretariat, AhliPertama);
    let root_pelaksana = k.b.pelaksana(k.root);
    let utama = k.b.jf(k.seksi, AhliUtama);
    for e in [jf, root_pelaksana, utama] {
        assert_eq!(
            unresolved_cite(&k.b.unresolved(e)),
            ("KED-09", "Lampiran I.E.1.c")
        );
    }
}

#[test]
fn ked_08_kecamatan_pelaksana_in_a_unit_nested_under_a_seksi_sits_under_the_kepala_seksi() {
    let mut k = kecamatan(AssessorPolicy::AdministratorAssesses);
    let nested = k.b.unit(k.seksi, UnitKind::Other, "Pos Pelayanan");
    let e = k.b.pelaksana(nested);
    let p = k.b.placed(e);
    assert_eq!(
        (p.superior.position, p.assessor.position, cite(&p)),
        (k.kasi, k.kasi, ("KED-08", "Lampiran I.E.1.c.3"))
    );
    assert_eq!(p.coordinator, None);
    let e = k.b.pelaksana(k.subbag);
    let p = k.b.placed(e);
    assert_eq!(p.assessor.position, k.kasubbag);
}
