//! MEK-05 review chains on hand-built trees of every department kind, with vacancy, acting,
//! own-result, same-reviewer and cross-unit cases (KIN-04).

use super::*;
use crate::org::{ActingKind, AssessorPolicy, FunctionalLevel, UnitKind};
use crate::placement::tests::Builder;
use PositionClass::{Administrator, Jpt, Pengawas};

fn builder() -> Builder {
    Builder::new(AssessorPolicy::PlacementDecides)
}

/// The reviewing posts of a chain, in order.
fn posts(chain: &ReviewChain) -> Vec<PositionId> {
    chain.steps.iter().map(|s| s.position).collect()
}

fn assert_well_formed(chain: &ReviewChain, article: &str) {
    assert!(!chain.steps.is_empty());
    for (i, s) in chain.steps.iter().enumerate() {
        assert_eq!(s.accepts, i == chain.last(), "only the last step accepts");
        assert_eq!(s.citation.rule_id, RuleId::MEK_05);
        assert_eq!(s.citation.article, article);
    }
    assert_eq!(chain.citation.article, article);
}

#[test]
fn mek_05_setda_kepala_bagian_asisten_sekda() {
    let mut b = builder();
    let (root, sekda) = b.dept(DepartmentKind::RegionalSecretariat, Jpt);
    let (asisten_u, asisten) = b.headed(root, UnitKind::Assistant, Jpt, "Asisten Pemerintahan");
    let (bagian, kabag) = b.headed(asisten_u, UnitKind::Division, Administrator, "Bagian Hukum");
    let (sub, _kasubbag) = b.headed(bagian, UnitKind::SubDivision, Pengawas, "Sub Bagian");
    let jf = b.jf(sub, FunctionalLevel::AhliPertama);
    let chain = review_chain(&b.org, jf, root).expect("chain");
    // The Kepala Sub Bagian (Pengawas) does not review in a Setda.
    assert_eq!(posts(&chain), vec![kabag, asisten, sekda]);
    assert!(!chain.from_outside);
    assert_well_formed(&chain, "Lampiran I.A.3.c");
    assert_eq!(chain.steps[0].reviewer.employee, b.holder(kabag));
    assert_eq!(chain.steps[0].reviewer.acting, None);

    // A JF placed directly in the Bagian: same chain.
    let jf2 = b.jf(bagian, FunctionalLevel::AhliMuda);
    assert_eq!(
        posts(&review_chain(&b.org, jf2, root).expect("chain")),
        vec![kabag, asisten, sekda]
    );
}

#[test]
fn mek_05_section_b_administrator_then_jpt_in_every_kind() {
    for kind in [
        DepartmentKind::CouncilSecretariat,
        DepartmentKind::Inspectorate,
        DepartmentKind::Office,
        DepartmentKind::Board,
        DepartmentKind::CivilServicePolice,
    ] {
        let mut b = builder();
        let (root, head) = b.dept(kind, Jpt);
        let (bidang, kabid) = b.headed(root, UnitKind::Field, Administrator, "Bidang");
        let (seksi, _kasi) = b.headed(bidang, UnitKind::SubField, Pengawas, "Sub Bidang");
        let jf = b.jf(seksi, FunctionalLevel::AhliPertama);
        let chain = review_chain(&b.org, jf, root).expect("chain");
        assert_eq!(posts(&chain), vec![kabid, head], "{kind:?}");
        assert_well_formed(&chain, "Lampiran I.B.3.c");
        assert_eq!(chain.kind, kind);
    }
}

#[test]
fn mek_05_dpmptsp_sekretaris_or_team_lead_under_the_kepala() {
    let mut b = builder();
    let (root, kepala) = b.dept(DepartmentKind::OneStopService, Jpt);
    let (sekre, sekretaris) = b.headed(root, UnitKind::Secretariat, Administrator, "Sekretariat");
    let (sub, _) = b.headed(sekre, UnitKind::SubDivision, Pengawas, "Sub Bagian Umum");
    let jf = b.jf(sub, FunctionalLevel::Terampil);
    let chain = review_chain(&b.org, jf, root).expect("chain");
    assert_eq!(posts(&chain), vec![sekretaris, kepala]);
    assert_well_formed(&chain, "Lampiran I.C.3.c");

    // A team lead working directly under the Kepala: straight to the Kepala.
    let lead = b.jf(root, FunctionalLevel::AhliMuda);
    let chain = review_chain(&b.org, lead, root).expect("chain");
    assert_eq!(posts(&chain), vec![kepala]);
    assert!(chain.steps[0].accepts);
}

#[test]
fn mek_05_rsud_kepala_bidang_wakil_direktur_direktur() {
    let mut b = builder();
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
    let (seksi, _) = b.headed(bidang, UnitKind::Section, Pengawas, "Seksi Asuhan");
    let jf = b.jf(seksi, FunctionalLevel::AhliPertama);
    let chain = review_chain(&b.org, jf, root).expect("chain");
    assert_eq!(posts(&chain), vec![kabid, wadir, direktur]);
    assert_well_formed(&chain, "Lampiran I.D.3.c");
}

struct Kecamatan {
    b: Builder,
    root: UnitId,
    camat: PositionId,
    sekcam: PositionId,
    kasubbag: PositionId,
    kasi: PositionId,
    sub: UnitId,
    seksi: UnitId,
}

fn kecamatan() -> Kecamatan {
    let mut b = builder();
    let (root, camat) = b.dept(DepartmentKind::District, Administrator);
    let (sekre, sekcam) = b.headed(
        root,
        UnitKind::Secretariat,
        Administrator,
        "Sekretariat Kecamatan",
    );
    let (sub, kasubbag) = b.headed(sekre, UnitKind::SubDivision, Pengawas, "Sub Bagian Umum");
    let (seksi, kasi) = b.headed(root, UnitKind::Section, Pengawas, "Seksi Pemerintahan");
    Kecamatan {
        b,
        root,
        camat,
        sekcam,
        kasubbag,
        kasi,
        sub,
        seksi,
    }
}

#[test]
fn mek_05_kecamatan_kepala_sub_bagian_sekretaris_camat_camat() {
    let mut k = kecamatan();
    let jf = k.b.jf(k.sub, FunctionalLevel::AhliPertama);
    let chain = review_chain(&k.b.org, jf, k.root).expect("chain");
    assert_eq!(posts(&chain), vec![k.kasubbag, k.sekcam, k.camat]);
    assert_well_formed(&chain, "Lampiran I.E.3.c");
    assert_eq!(
        chain.steps[2].class, Administrator,
        "the Camat is an Administrator"
    );
}

#[test]
fn mek_05_kecamatan_kepala_seksi_directly_under_the_camat() {
    let mut k = kecamatan();
    let jf = k.b.pelaksana(k.seksi);
    let chain = review_chain(&k.b.org, jf, k.root).expect("chain");
    assert_eq!(posts(&chain), vec![k.kasi, k.camat]);
    assert_well_formed(&chain, "Lampiran I.E.3.c");
}

#[test]
fn mek_05_vacant_post_goes_to_the_next_reviewer_with_a_note() {
    let mut k = kecamatan();
    let jf = k.b.jf(k.sub, FunctionalLevel::AhliPertama);
    k.b.vacate(k.sekcam);
    let chain = review_chain(&k.b.org, jf, k.root).expect("chain");
    assert_eq!(posts(&chain), vec![k.kasubbag, k.camat]);
    let skipped = &chain.steps[1].skipped;
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].position, k.sekcam);
    assert_eq!(skipped[0].reason, SkipReason::Vacant);
    assert!(skipped[0].note.contains("Kepala Sekretariat Kecamatan"));
    assert!(skipped[0].note.contains("kosong"));
    assert_eq!(skipped[0].citation.rule_id, RuleId::MEK_05);
}

#[test]
fn mek_05_vacant_post_is_taken_by_its_plt() {
    let mut k = kecamatan();
    let jf = k.b.jf(k.sub, FunctionalLevel::AhliPertama);
    k.b.vacate(k.kasubbag);
    let plt = k.b.employee(None);
    k.b.act(plt, k.kasubbag, ActingKind::Plh);
    let chain = review_chain(&k.b.org, jf, k.root).expect("chain");
    assert_eq!(posts(&chain), vec![k.kasubbag, k.sekcam, k.camat]);
    assert_eq!(
        chain.steps[0].reviewer,
        Exerciser {
            employee: plt,
            acting: Some(ActingKind::Plh)
        }
    );
    assert!(chain.steps.iter().all(|s| s.skipped.is_empty()));
}

#[test]
fn mek_05_kin_04_nobody_reviews_their_own_result() {
    let mut k = kecamatan();
    // A JF who is Plh. Kepala Sub Bagian while its holder is away.
    let jf = k.b.jf(k.sub, FunctionalLevel::AhliMuda);
    k.b.vacate(k.kasubbag);
    k.b.act(jf, k.kasubbag, ActingKind::Plh);
    let chain = review_chain(&k.b.org, jf, k.root).expect("chain");
    assert_eq!(posts(&chain), vec![k.sekcam, k.camat]);
    let skipped = &chain.steps[0].skipped;
    assert_eq!(skipped[0].reason, SkipReason::OwnResult);
    assert_eq!(skipped[0].citation.rule_id, RuleId::KIN_04);
    assert!(chain.steps.iter().all(|s| s.reviewer.employee != jf));
}

#[test]
fn mek_05_one_person_in_two_posts_reviews_once_at_the_higher() {
    let mut k = kecamatan();
    let jf = k.b.jf(k.sub, FunctionalLevel::AhliPertama);
    k.b.vacate(k.camat);
    let sekcam = k.b.holder(k.sekcam);
    k.b.act(sekcam, k.camat, ActingKind::Plt);
    let chain = review_chain(&k.b.org, jf, k.root).expect("chain");
    assert_eq!(posts(&chain), vec![k.kasubbag, k.camat]);
    assert_eq!(chain.steps[1].reviewer.employee, sekcam);
    assert_eq!(chain.steps[1].reviewer.acting, Some(ActingKind::Plt));
    assert_eq!(chain.steps[1].skipped[0].reason, SkipReason::SameReviewer);
}

#[test]
fn mek_05_acceptor_vacant_or_the_submitter_refuses_the_chain() {
    let mut k = kecamatan();
    let jf = k.b.jf(k.sub, FunctionalLevel::AhliPertama);
    k.b.vacate(k.camat);
    assert!(matches!(
        review_chain(&k.b.org, jf, k.root),
        Err(ChainError::AcceptorVacant { .. })
    ));
    k.b.act(jf, k.camat, ActingKind::Plh);
    assert!(matches!(
        review_chain(&k.b.org, jf, k.root),
        Err(ChainError::AcceptorIsSubmitter { citation, .. }) if citation.rule_id == RuleId::KIN_04
    ));
}

#[test]
fn mek_05_submitter_from_another_unit_organisasi_goes_to_the_owner_head() {
    let mut b = builder();
    let (owner, kadis) = b.dept(DepartmentKind::Office, Jpt);
    let (_bidang, _kabid) = b.headed(owner, UnitKind::Field, Administrator, "Bidang");
    let (other, _) = b.dept(DepartmentKind::District, Administrator);
    let (seksi, _) = b.headed(other, UnitKind::Section, Pengawas, "Seksi");
    let lead = b.jf(seksi, FunctionalLevel::AhliPertama);
    let chain = review_chain(&b.org, lead, owner).expect("chain");
    assert!(chain.from_outside);
    assert_eq!(posts(&chain), vec![kadis]);
    assert_well_formed(&chain, "Lampiran I.B.3.c");
}

#[test]
fn mek_05_nested_unit_organisasi_head_reviews_on_the_way() {
    let mut b = builder();
    let (root, kadis) = b.dept(DepartmentKind::Office, Jpt);
    // A UPTD flagged as its own Unit Organisasi, led by a Pengawas, under a Bidang.
    let (bidang, kabid) = b.headed(root, UnitKind::Field, Administrator, "Bidang");
    let (uptd, ka_uptd) = b.headed(bidang, UnitKind::TechnicalUnit, Pengawas, "UPTD");
    if let Some(u) = b.org.units.iter_mut().find(|u| u.id == uptd) {
        u.is_org_unit = true;
    }
    let jf = b.jf(uptd, FunctionalLevel::Terampil);
    assert_eq!(
        posts(&review_chain(&b.org, jf, root).expect("chain")),
        vec![ka_uptd, kabid, kadis]
    );
    // Owned by the UPTD itself: its head accepts.
    let chain = review_chain(&b.org, jf, uptd).expect("chain");
    assert_eq!(posts(&chain), vec![ka_uptd]);
}

#[test]
fn mek_05_submitter_without_position_here_or_unknown_owner() {
    let mut b = builder();
    let (root, _) = b.dept(DepartmentKind::Office, Jpt);
    // Without a definitive position here (another Instansi, say): the owner head only.
    let nobody = b.employee(None);
    let chain = review_chain(&b.org, nobody, root).expect("chain");
    assert!(chain.from_outside);
    assert_eq!(chain.steps.len(), 1);
    let jf = b.jf(root, FunctionalLevel::AhliMuda);
    assert_eq!(
        review_chain(&b.org, jf, UnitId(9999)),
        Err(ChainError::OwnerUnitUnknown)
    );
}
