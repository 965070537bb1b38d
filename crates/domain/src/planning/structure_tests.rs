//! Who sets whose Perjanjian Kinerja in every department kind (STR-01..05, MEK-02, KIN-04,
//! KED-09), on the hand-built organisations of the placement tests.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::org::*;
use crate::organisation::*;
use crate::placement::tests::Builder;
use crate::placement::{ManualDecisions, compute_placements};

use FunctionalLevel::*;
use PositionClass::{Administrator, Jpt, Pengawas};

fn structure(b: &Builder) -> AgreementStructure {
    AgreementStructure::new(&b.org, &compute_placements(&b.org, &ManualDecisions::new()))
}

/// The post of a held structural position.
fn held(b: &Builder, p: PositionId) -> Post {
    Post {
        position: p,
        employee: Some(b.holder(p)),
    }
}

/// The post of a JF or Pelaksana.
fn staff(b: &Builder, e: EmployeeId) -> Post {
    Post {
        position: b.position_of(e),
        employee: Some(e),
    }
}

/// The setting position and its citation, as (position, rule, article).
fn set_by(s: &AgreementStructure, post: Post) -> (PositionId, &'static str, &'static str) {
    match s.setter_of(post) {
        Some(Setter::Position { position, citation }) => {
            (*position, citation.rule_id.as_str(), citation.article)
        }
        other => panic!("expected a setting position for {post:?}, got {other:?}"),
    }
}

/// The citation of an agreement made with the regional head.
fn with_regional_head(s: &AgreementStructure, post: Post) -> (&'static str, &'static str) {
    match s.setter_of(post) {
        Some(Setter::RegionalHead { citation }) => (citation.rule_id.as_str(), citation.article),
        other => panic!("expected the regional head for {post:?}, got {other:?}"),
    }
}

fn recipient_posts(s: &AgreementStructure, setter: PositionId) -> Vec<Post> {
    s.recipients_of(setter)
        .into_iter()
        .map(|r| r.post)
        .collect()
}

#[test]
fn str_01_setda_sekda_sets_the_asisten_who_sets_the_kepala_bagian_and_the_ahli_madya() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, sekda) = b.dept(DepartmentKind::RegionalSecretariat, Jpt);
    let (asisten_u, asisten) = b.headed(root, UnitKind::Assistant, Jpt, "Asisten Pemerintahan");
    let (bagian, kabag) = b.headed(asisten_u, UnitKind::Division, Administrator, "Bagian Hukum");
    let (subbag, kasubbag) = b.headed(bagian, UnitKind::SubDivision, Pengawas, "Sub Bagian");
    let madya = b.jf(subbag, AhliMadya);
    let muda = b.jf(bagian, AhliMuda);
    let s = structure(&b);
    let str_01 = ("STR-01", "Lampiran I.A.2.a–c");

    assert_eq!(
        with_regional_head(&s, held(&b, sekda)),
        ("MEK-02", "Lampiran I.A.3.a.1")
    );
    assert_eq!(set_by(&s, held(&b, asisten)), (sekda, str_01.0, str_01.1));
    assert_eq!(set_by(&s, held(&b, kabag)), (asisten, str_01.0, str_01.1));
    assert_eq!(set_by(&s, held(&b, kasubbag)), (kabag, str_01.0, str_01.1));
    assert_eq!(set_by(&s, staff(&b, madya)), (asisten, str_01.0, str_01.1));
    assert_eq!(
        set_by(&s, staff(&b, muda)),
        (kabag, "MEK-02", "Lampiran I.A.3.a")
    );
    let mut expected = vec![held(&b, kabag), staff(&b, madya)];
    expected.sort();
    assert_eq!(recipient_posts(&s, asisten), expected);
}

#[test]
fn str_02_every_section_b_kepala_sets_the_kabid_and_the_ahli_madya_and_agrees_with_the_regional_head()
 {
    for kind in [
        DepartmentKind::CouncilSecretariat,
        DepartmentKind::Inspectorate,
        DepartmentKind::Office,
        DepartmentKind::Board,
        DepartmentKind::CivilServicePolice,
    ] {
        let mut b = Builder::new(AssessorPolicy::PlacementDecides);
        let (root, kadis) = b.dept(kind, Jpt);
        let (bidang, kabid) = b.headed(root, UnitKind::Field, Administrator, "Bidang Pelayanan");
        let (seksi, kasi) = b.headed(bidang, UnitKind::Section, Pengawas, "Seksi Pelayanan");
        let madya = b.jf(bidang, AhliMadya);
        let muda = b.jf(seksi, AhliMuda);
        let pelaksana = b.pelaksana(seksi);
        let s = structure(&b);
        let str_02 = ("STR-02", "Lampiran I.B.2.a–b");

        assert_eq!(
            with_regional_head(&s, held(&b, kadis)),
            ("MEK-02", "Lampiran I.B.3.a.1"),
            "{kind:?}"
        );
        assert_eq!(set_by(&s, held(&b, kabid)), (kadis, str_02.0, str_02.1));
        assert_eq!(set_by(&s, held(&b, kasi)), (kabid, str_02.0, str_02.1));
        assert_eq!(set_by(&s, staff(&b, madya)), (kadis, str_02.0, str_02.1));
        assert_eq!(
            set_by(&s, staff(&b, muda)),
            (kabid, "MEK-02", "Lampiran I.B.3.a")
        );
        assert_eq!(
            set_by(&s, staff(&b, pelaksana)),
            (kasi, "MEK-02", "Lampiran I.B.3.a")
        );
    }
}

#[test]
fn str_03_dpmptsp_kepala_sets_the_sekretaris_and_the_jf_under_him_and_the_sekretaris_the_kasubbag()
{
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, kepala) = b.dept(DepartmentKind::OneStopService, Jpt);
    let (sekretariat, sekretaris) =
        b.headed(root, UnitKind::Secretariat, Administrator, "Sekretariat");
    let (subbag, kasubbag) = b.headed(sekretariat, UnitKind::SubDivision, Pengawas, "Umum");
    let (bidang, _kabid) = b.headed(root, UnitKind::Field, Administrator, "Penanaman Modal");
    let substansi = b.jf_substance(bidang, Mahir, Substance::Investment);
    let madya = b.jf(bidang, AhliMadya);
    let muda = b.jf(subbag, AhliMuda);
    let pelaksana = b.pelaksana(subbag);
    let s = structure(&b);
    let str_03 = ("STR-03", "Lampiran I.C.2.a–b");

    assert_eq!(
        with_regional_head(&s, held(&b, kepala)),
        ("MEK-02", "Lampiran I.C.3.a.1")
    );
    assert_eq!(
        set_by(&s, held(&b, sekretaris)),
        (kepala, str_03.0, str_03.1)
    );
    assert_eq!(
        set_by(&s, held(&b, kasubbag)),
        (sekretaris, str_03.0, str_03.1)
    );
    assert_eq!(
        set_by(&s, staff(&b, substansi)),
        (kepala, str_03.0, str_03.1)
    );
    assert_eq!(set_by(&s, staff(&b, madya)), (kepala, str_03.0, str_03.1));
    assert_eq!(
        set_by(&s, staff(&b, muda)),
        (sekretaris, "MEK-02", "Lampiran I.C.3.a")
    );
    assert_eq!(
        set_by(&s, staff(&b, pelaksana)),
        (kasubbag, "MEK-02", "Lampiran I.C.3.a")
    );
}

#[test]
fn str_04_rsud_direktur_sets_the_wakil_direktur_who_sets_the_kepala_bidang_who_sets_the_kasi() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, direktur) = b.dept(DepartmentKind::Hospital, Jpt);
    let (wadir_u, wadir) = b.headed(
        root,
        UnitKind::DeputyDirector,
        Administrator,
        "Wakil Direktur Pelayanan",
    );
    let (bidang, kabid) = b.headed(wadir_u, UnitKind::Field, Administrator, "Keperawatan");
    let (bagian, kabag) = b.headed(wadir_u, UnitKind::Division, Administrator, "Bagian Umum");
    let (seksi, kasi) = b.headed(bidang, UnitKind::Section, Pengawas, "Seksi Asuhan");
    let (_subbag, kasubbag) = b.headed(bagian, UnitKind::SubDivision, Pengawas, "Kepegawaian");
    let madya = b.jf(bidang, AhliMadya);
    let pertama = b.jf(seksi, AhliPertama);
    let s = structure(&b);
    let str_04 = ("STR-04", "Lampiran I.D.2.a–c");

    assert_eq!(
        with_regional_head(&s, held(&b, direktur)),
        ("MEK-02", "Lampiran I.D.3.a.1")
    );
    assert_eq!(set_by(&s, held(&b, wadir)), (direktur, str_04.0, str_04.1));
    assert_eq!(set_by(&s, held(&b, kabid)), (wadir, str_04.0, str_04.1));
    assert_eq!(set_by(&s, held(&b, kabag)), (wadir, str_04.0, str_04.1));
    assert_eq!(set_by(&s, held(&b, kasi)), (kabid, str_04.0, str_04.1));
    assert_eq!(set_by(&s, held(&b, kasubbag)), (kabag, str_04.0, str_04.1));
    assert_eq!(set_by(&s, staff(&b, madya)), (direktur, str_04.0, str_04.1));
    assert_eq!(
        set_by(&s, staff(&b, pertama)),
        (kasi, "MEK-02", "Lampiran I.D.3.a")
    );
}

#[test]
fn str_05_kecamatan_camat_sets_sekcam_and_kasi_sekcam_sets_kasubbag_and_pengawas_sets_their_staff()
{
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, camat) = b.dept(DepartmentKind::District, Administrator);
    let (sekretariat, sekcam) = b.headed(root, UnitKind::Secretariat, Administrator, "Sekretariat");
    let (subbag, kasubbag) = b.headed(sekretariat, UnitKind::SubDivision, Pengawas, "Umum");
    let (seksi, kasi) = b.headed(root, UnitKind::Section, Pengawas, "Seksi Pemerintahan");
    let pelaksana = b.pelaksana(seksi);
    let terampil = b.jf(subbag, Terampil);
    let muda = b.jf(subbag, AhliMuda);
    let s = structure(&b);
    let str_05 = ("STR-05", "Lampiran I.E.2.a–c");

    assert_eq!(
        with_regional_head(&s, held(&b, camat)),
        ("MEK-02", "Lampiran I.E.3.a.1")
    );
    assert_eq!(set_by(&s, held(&b, sekcam)), (camat, str_05.0, str_05.1));
    assert_eq!(set_by(&s, held(&b, kasi)), (camat, str_05.0, str_05.1));
    assert_eq!(set_by(&s, held(&b, kasubbag)), (sekcam, str_05.0, str_05.1));
    assert_eq!(set_by(&s, staff(&b, pelaksana)), (kasi, str_05.0, str_05.1));
    assert_eq!(
        set_by(&s, staff(&b, terampil)),
        (kasubbag, str_05.0, str_05.1)
    );
    assert_eq!(set_by(&s, staff(&b, muda)), (sekcam, str_05.0, str_05.1));
    let mut expected = vec![held(&b, sekcam), held(&b, kasi)];
    expected.sort();
    assert_eq!(recipient_posts(&s, camat), expected);
}

#[test]
fn str_02_a_vacant_kepala_bidang_still_sets_the_kasi_and_is_still_a_recipient_of_the_kepala() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, kadis) = b.dept(DepartmentKind::Office, Jpt);
    let (bidang, kabid) = b.headed(root, UnitKind::Field, Administrator, "Bidang Pelayanan");
    let (_seksi, kasi) = b.headed(bidang, UnitKind::Section, Pengawas, "Seksi Pelayanan");
    b.vacate(kabid);
    b.vacate(kasi);
    let s = structure(&b);
    let vacant_kabid = Post {
        position: kabid,
        employee: None,
    };
    let vacant_kasi = Post {
        position: kasi,
        employee: None,
    };

    assert!(s.posts().contains(&vacant_kabid));
    assert_eq!(set_by(&s, vacant_kasi).0, kabid);
    assert_eq!(recipient_posts(&s, kabid), vec![vacant_kasi]);
    assert_eq!(recipient_posts(&s, kadis), vec![vacant_kabid]);
}

#[test]
fn str_01_a_plt_asisten_exercises_both_posts_and_sets_the_kepala_bagian() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, sekda) = b.dept(DepartmentKind::RegionalSecretariat, Jpt);
    let (asisten_u, asisten) = b.headed(root, UnitKind::Assistant, Jpt, "Asisten Pemerintahan");
    let (_bagian, kabag) = b.headed(asisten_u, UnitKind::Division, Administrator, "Bagian Hukum");
    let (other_u, other) = b.headed(root, UnitKind::Assistant, Jpt, "Asisten Administrasi");
    let (_b2, _kabag2) = b.headed(other_u, UnitKind::Division, Administrator, "Bagian Umum");
    b.vacate(asisten);
    let plt = b.holder(other);
    b.act(plt, asisten, ActingKind::Plt);
    let s = structure(&b);
    let acting_post = Post {
        position: asisten,
        employee: Some(plt),
    };

    let mut expected = vec![acting_post, held(&b, other)];
    expected.sort();
    assert_eq!(s.posts_of(plt), expected);
    assert_eq!(set_by(&s, acting_post).0, sekda);
    assert_eq!(recipient_posts(&s, asisten), vec![held(&b, kabag)]);
    assert_eq!(s.posts_of(EmployeeId(-1)), vec![]);
}

#[test]
fn kin_04_a_kepala_bagian_acting_as_asisten_does_not_set_their_own_agreement_the_sekda_does() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, sekda) = b.dept(DepartmentKind::RegionalSecretariat, Jpt);
    let (asisten_u, asisten) = b.headed(root, UnitKind::Assistant, Jpt, "Asisten Pemerintahan");
    let (bagian, kabag) = b.headed(asisten_u, UnitKind::Division, Administrator, "Bagian Hukum");
    let (_subbag, kasubbag) = b.headed(bagian, UnitKind::SubDivision, Pengawas, "Sub Bagian");
    b.vacate(asisten);
    let plt = b.holder(kabag);
    b.act(plt, asisten, ActingKind::Plt);
    let s = structure(&b);

    assert_eq!(
        set_by(&s, held(&b, kabag)),
        (sekda, "STR-01", "Lampiran I.A.2.a–c")
    );
    assert_eq!(set_by(&s, held(&b, kasubbag)).0, kabag);
    assert!(recipient_posts(&s, asisten).is_empty());
}

#[test]
fn ked_09_an_unresolved_or_uncomputed_jf_has_no_setter_and_the_reason_says_why() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, _camat) = b.dept(DepartmentKind::District, Administrator);
    let (seksi, _kasi) = b.headed(root, UnitKind::Section, Pengawas, "Seksi Pemerintahan");
    let madya = b.jf(seksi, AhliMadya);
    let outcomes = compute_placements(&b.org, &ManualDecisions::new());
    let s = AgreementStructure::new(&b.org, &outcomes);

    let Some(Setter::Unresolved { reason, citation }) = s.setter_of(staff(&b, madya)) else {
        panic!("an Ahli Madya in a Kecamatan is unresolved");
    };
    assert!(
        reason.starts_with("Kedudukan belum ditetapkan: "),
        "{reason}"
    );
    assert_eq!(
        (citation.rule_id.as_str(), citation.article),
        ("KED-09", "Lampiran I.E.1.c")
    );

    let uncomputed = AgreementStructure::new(&b.org, &[]);
    assert_eq!(
        uncomputed.setter_of(staff(&b, madya)),
        Some(&Setter::Unresolved {
            reason: "Kedudukan belum dihitung".into(),
            citation: Citation::new(RuleId::KED_09, "Lampiran I"),
        })
    );
}

#[test]
fn str_a_post_outside_the_organisation_or_with_another_employee_has_no_setter() {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (root, kadis) = b.dept(DepartmentKind::Office, Jpt);
    let pelaksana = b.pelaksana(root);
    let s = structure(&b);
    let stranger = Post {
        position: kadis,
        employee: Some(pelaksana),
    };
    let unknown = Post {
        position: PositionId(-7),
        employee: None,
    };
    assert_eq!(s.setter_of(stranger), None);
    assert_eq!(s.setter_of(unknown), None);
    assert!(s.recipients_of(PositionId(-7)).is_empty());
}

// ---------------------------------------------------------------------------------------
// Random organisations
// ---------------------------------------------------------------------------------------

/// One unit below an earlier one: (parent index, head class, vacant, acting holder index).
type UnitSpec = (usize, u8, bool, Option<usize>);

fn random_org(kind: usize, units: &[UnitSpec], people: &[(usize, u8)]) -> Builder {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let kind = DepartmentKind::ALL[kind % DepartmentKind::ALL.len()];
    let head = if kind == DepartmentKind::District {
        Administrator
    } else {
        Jpt
    };
    let (root, _) = b.dept(kind, head);
    let mut all = vec![root];
    let mut heads = Vec::new();
    for &(parent, class, vacant, _) in units {
        let parent = all[parent % all.len()];
        let u = match class % 4 {
            0 => b.unit(parent, UnitKind::Other, "Tanpa kepala"),
            1 => b.headed(parent, UnitKind::Field, Administrator, "Bidang").0,
            _ => b.headed(parent, UnitKind::Section, Pengawas, "Seksi").0,
        };
        if class % 4 != 0 {
            let p = b.org.positions.last().map(|p| p.id).expect("just added");
            if vacant {
                b.vacate(p);
            }
            heads.push(p);
        }
        all.push(u);
    }
    for &(unit, level) in people {
        let unit = all[unit % all.len()];
        match FunctionalLevel::ALL.get(usize::from(level)) {
            Some(&l) => b.jf(unit, l),
            None => b.pelaksana(unit),
        };
    }
    let employees: Vec<EmployeeId> = b.org.employees.iter().map(|e| e.id).collect();
    for (&(_, _, _, acting), &p) in units.iter().filter(|u| u.1 % 4 != 0).zip(&heads) {
        if let Some(i) = acting {
            b.act(employees[i % employees.len()], p, ActingKind::Plt);
        }
    }
    b
}

fn unit_spec() -> impl Strategy<Value = UnitSpec> {
    (
        0usize..16,
        0u8..4,
        proptest::bool::weighted(0.3),
        proptest::option::weighted(0.3, 0usize..64),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn str_recipients_partition_the_posts_set_by_a_position_each_once_under_its_setter(
        kind in 0usize..9,
        units in proptest::collection::vec(unit_spec(), 0..14),
        people in proptest::collection::vec((0usize..16, 0u8..10), 0..30),
    ) {
        let b = random_org(kind, &units, &people);
        let s = structure(&b);
        let posts = s.posts();
        let mut sorted = posts.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(&sorted, &posts);

        let mut listed: HashMap<Post, PositionId> = HashMap::new();
        for p in &b.org.positions {
            for r in s.recipients_of(p.id) {
                prop_assert!(listed.insert(r.post, p.id).is_none(), "{:?} listed twice", r.post);
                let expected = Setter::Position { position: p.id, citation: r.citation.clone() };
                prop_assert_eq!(s.setter_of(r.post), Some(&expected));
            }
        }
        let exerciser: HashMap<PositionId, Option<EmployeeId>> =
            posts.iter().map(|p| (p.position, p.employee)).collect();
        for post in &posts {
            match s.setter_of(*post) {
                Some(Setter::Position { position, .. }) => {
                    prop_assert_eq!(listed.get(post), Some(position));
                    // KIN-04: nobody sets their own agreement.
                    if post.employee.is_some() {
                        prop_assert_ne!(exerciser.get(position).copied().flatten(), post.employee);
                    }
                }
                Some(_) => prop_assert!(!listed.contains_key(post)),
                None => prop_assert!(false, "{:?} has no setter", post),
            }
            if let Some(e) = post.employee {
                prop_assert!(s.posts_of(e).contains(post));
            }
        }
        prop_assert_eq!(
            listed.len(),
            posts
                .iter()
                .filter(|p| matches!(s.setter_of(**p), Some(Setter::Position { .. })))
                .count()
        );

        // Input order does not matter.
        let mut reversed = b.org.clone();
        reversed.units.reverse();
        reversed.positions.reverse();
        reversed.employees.reverse();
        let r = AgreementStructure::new(&reversed, &compute_placements(&reversed, &ManualDecisions::new()));
        prop_assert_eq!(r.posts(), posts.clone());
        for post in &posts {
            prop_assert_eq!(r.setter_of(*post), s.setter_of(*post));
        }
    }
}
