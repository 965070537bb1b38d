//! Holders of posts and lanes over a small regency: a Setda, two Dinas, and a second agency
//! that names its Pejabat yang Berwenang.

use super::lanes::{Holder, HolderKind, RequestFacts, RequestMember, holders, parties, per_member};
use super::*;
use crate::assignment::MembershipKind;
use crate::org::ActingKind;
use crate::workflow::Lane;

const BANJAR: AgencyId = AgencyId(1);
const PROV: AgencyId = AgencyId(2);

fn unit(org: &mut OrgSnapshot, id: i64, dept: i64, parent: Option<i64>, is_org_unit: bool) {
    org.add_unit(UnitFacts {
        id: UnitId(id),
        department: DepartmentId(dept),
        parent: parent.map(UnitId),
        is_org_unit,
    });
}

fn post(org: &mut OrgSnapshot, id: i64, unit: i64, agency: AgencyId, name: &str, is_head: bool) {
    org.add_position(PositionFacts {
        id: PositionId(id),
        unit: UnitId(unit),
        agency,
        name: name.to_string(),
        is_head,
        acting: None,
    });
}

fn act(org: &mut OrgSnapshot, position: i64, employee: i64, kind: ActingKind) {
    let mut p = org.position(PositionId(position)).unwrap().clone();
    p.acting = Some(Acting {
        employee: EmployeeId(employee),
        kind,
    });
    org.add_position(p);
}

fn person(org: &mut OrgSnapshot, id: i64, agency: AgencyId, position: i64, ppk: Option<i64>) {
    org.add_person(PersonFacts {
        id: EmployeeId(id),
        agency,
        name: format!("Pegawai {id}"),
        position: Some(PositionId(position)),
        superior: ppk.map(PositionId),
        assessor: ppk.map(PositionId),
    });
}

/// Banjar: Setda (dept 1) with root 10 and a later parentless unit 11; Dinas Kesehatan
/// (dept 2): root 20 → Bidang 21 → (Seksi 22 | headless Subkoordinator 23 → Seksi 24); Dinas
/// Pendidikan (dept 3): root 30 (Kepala vacant, a Plt.) → Bidang 31 with JF 311. The province
/// (agency 2) names its Kepala BKD (900) as Pejabat yang Berwenang.
fn regency() -> OrgSnapshot {
    let mut org = OrgSnapshot::default();
    for (id, agency, kind) in [
        (1, BANJAR, DepartmentKind::RegionalSecretariat),
        (2, BANJAR, DepartmentKind::Office),
        (3, BANJAR, DepartmentKind::Office),
        (4, PROV, DepartmentKind::Board),
    ] {
        org.add_department(DepartmentFacts {
            id: DepartmentId(id),
            agency,
            kind,
        });
    }
    unit(&mut org, 10, 1, None, true);
    unit(&mut org, 11, 1, None, false);
    post(&mut org, 100, 10, BANJAR, "Sekretaris Daerah", true);
    post(&mut org, 110, 11, BANJAR, "Kepala Unit Lain", true);
    unit(&mut org, 20, 2, None, true);
    unit(&mut org, 21, 2, Some(20), false);
    unit(&mut org, 22, 2, Some(21), false);
    unit(&mut org, 23, 2, Some(21), false);
    unit(&mut org, 24, 2, Some(23), false);
    post(&mut org, 200, 20, BANJAR, "Kepala Dinas Kesehatan", true);
    post(&mut org, 210, 21, BANJAR, "Kepala Bidang P2P", true);
    post(&mut org, 220, 22, BANJAR, "Kepala Seksi Surveilans", true);
    post(&mut org, 240, 24, BANJAR, "Kepala Seksi Imunisasi", true);
    post(&mut org, 241, 24, BANJAR, "Epidemiolog Ahli Muda", false);
    post(&mut org, 231, 23, BANJAR, "Sanitarian Ahli Muda", false);
    unit(&mut org, 30, 3, None, true);
    unit(&mut org, 31, 3, Some(30), false);
    post(&mut org, 300, 30, BANJAR, "Kepala Dinas Pendidikan", true);
    post(&mut org, 310, 31, BANJAR, "Kepala Bidang SD", true);
    post(
        &mut org,
        311,
        31,
        BANJAR,
        "Pengawas Sekolah Ahli Madya",
        false,
    );
    act(&mut org, 300, 31, ActingKind::Plt);
    unit(&mut org, 40, 4, None, true);
    post(
        &mut org,
        900,
        40,
        PROV,
        "Kepala Badan Kepegawaian Daerah",
        true,
    );
    post(
        &mut org,
        901,
        40,
        PROV,
        "Analis SDM Aparatur Ahli Muda",
        false,
    );
    org.add_agency(AgencyFacts {
        id: BANJAR,
        authority: None,
        head_office: Some("Bupati Banjar".into()),
    });
    org.add_agency(AgencyFacts {
        id: PROV,
        authority: Some(PositionId(900)),
        head_office: Some("Gubernur Kalimantan Selatan".into()),
    });
    org.add_regional_head(RegionalHeadFacts {
        id: 7,
        agency: BANJAR,
        title: " Bupati Banjar ".into(),
        term: crate::regional_heads::Term {
            from: None,
            until: None,
        },
    });
    person(&mut org, 1, BANJAR, 100, None);
    person(&mut org, 21, BANJAR, 210, None);
    person(&mut org, 31, BANJAR, 310, None);
    person(&mut org, 5, BANJAR, 311, Some(310));
    person(&mut org, 6, BANJAR, 241, Some(240));
    person(&mut org, 9, PROV, 901, Some(900));
    org
}

fn positions(hs: &[Holder]) -> Vec<(Option<i64>, i64)> {
    hs.iter()
        .filter_map(|h| match h.kind {
            HolderKind::Position(p) => Some((h.party.map(|e| e.0), p.0)),
            _ => None,
        })
        .collect()
}

fn request(owner_unit: i64, members: &[(i64, MembershipKind)]) -> RequestFacts {
    RequestFacts {
        owner_unit: Some(UnitId(owner_unit)),
        owner_agency: BANJAR,
        members: members
            .iter()
            .map(|(e, kind)| RequestMember {
                employee: Some(EmployeeId(*e)),
                name: format!("Anggota {e}"),
                kind: *kind,
            })
            .collect(),
    }
}

#[test]
fn org_05_the_definitive_holder_and_the_plt_or_plh_exercise_a_post_nobody_else_does() {
    let mut org = regency();
    act(&mut org, 210, 5, ActingKind::Plh);
    let kabid = org.position(PositionId(210)).unwrap();
    assert!(exercises(EmployeeId(21), Some(PositionId(210)), kabid));
    assert_eq!(
        exercise(EmployeeId(5), Some(PositionId(311)), kabid),
        Some(Exercise::Acting(ActingKind::Plh))
    );
    assert!(!exercises(EmployeeId(6), Some(PositionId(241)), kabid));
    // Acting in one's own position is no acting: the definitive holding wins.
    act(&mut org, 210, 21, ActingKind::Plt);
    let kabid = org.position(PositionId(210)).unwrap();
    assert_eq!(
        exercise(EmployeeId(21), Some(PositionId(210)), kabid),
        Some(Exercise::Definitive)
    );
    assert!(org.exercises(EmployeeId(21), PositionId(210)));
    assert!(!org.exercises(EmployeeId(5), PositionId(210)));
}

#[test]
fn org_05_a_vacant_post_is_exercised_by_its_plt_and_a_held_one_by_its_holder() {
    let org = regency();
    assert_eq!(
        org.exercised_by(PositionId(300)),
        Some((EmployeeId(31), Exercise::Acting(ActingKind::Plt)))
    );
    assert_eq!(
        org.exercised_by(PositionId(210)),
        Some((EmployeeId(21), Exercise::Definitive))
    );
    assert_eq!(org.exercised_by(PositionId(220)), None);
}

#[test]
fn pen_18_the_owner_head_lane_is_the_head_post_of_the_owner_unit_even_when_a_plt_acts_in_it() {
    let org = regency();
    let hs = holders(&org, &request(30, &[]), Lane::OwnerHead);
    assert_eq!(positions(&hs), vec![(None, 300)]);
    assert_eq!(hs[0].label, "Kepala Dinas Pendidikan");
    assert!(org.exercises(EmployeeId(31), PositionId(300)));
}

#[test]
fn pen_18_the_requester_ppk_is_the_head_of_the_nearest_unit_above_that_has_one() {
    let org = regency();
    let of = |u| positions(&holders(&org, &request(u, &[]), Lane::RequesterPpk));
    assert_eq!(of(21), vec![(None, 200)]);
    assert_eq!(of(22), vec![(None, 210)]);
    // Unit 23 has no head: the head of Seksi 24 answers to the Kepala Bidang above it.
    assert_eq!(of(24), vec![(None, 210)]);
}

#[test]
fn pen_18_the_head_of_a_perangkat_daerah_answers_to_the_regional_head() {
    let org = regency();
    let hs = holders(&org, &request(20, &[]), Lane::RequesterPpk);
    assert_eq!(
        hs,
        vec![Holder {
            party: None,
            kind: HolderKind::RegionalHead {
                id: 7,
                agency: BANJAR
            },
            label: "Bupati Banjar".into(),
        }]
    );
    assert_eq!(holders(&org, &request(20, &[]), Lane::RegionalHead), hs);
}

#[test]
fn pen_18_a_cycle_in_the_unit_tree_ends_the_walk_at_the_regional_head() {
    let mut org = regency();
    unit(&mut org, 50, 2, Some(51), false);
    unit(&mut org, 51, 2, Some(50), false);
    let hs = holders(&org, &request(50, &[]), Lane::RequesterPpk);
    assert!(matches!(
        hs[..],
        [Holder {
            kind: HolderKind::RegionalHead { id: 7, .. },
            ..
        }]
    ));
    assert_eq!(
        org.org_unit_of_unit(UnitId(50)).map(|u| u.id),
        Some(UnitId(51))
    );
}

#[test]
fn pen_18_the_sekda_is_the_head_of_the_lowest_id_root_unit_of_the_sekretariat_daerah() {
    let org = regency();
    assert_eq!(org.department_root(DepartmentId(1)), Some(UnitId(10)));
    let hs = holders(&org, &request(21, &[]), Lane::RegionalSecretary);
    assert_eq!(positions(&hs), vec![(None, 100)]);
    // An agency that names no Pejabat yang Berwenang: the Sekda is.
    assert_eq!(
        positions(&holders(&org, &request(21, &[]), Lane::OwnerAuthority)),
        vec![(None, 100)]
    );
}

#[test]
fn pen_18_an_agency_naming_its_authority_position_is_answered_by_that_position() {
    let org = regency();
    let mut r = request(21, &[]);
    r.owner_agency = PROV;
    assert_eq!(
        positions(&holders(&org, &r, Lane::OwnerAuthority)),
        vec![(None, 900)]
    );
    // The province has no Sekretariat Daerah in the snapshot: no Sekda.
    assert!(holders(&org, &r, Lane::RegionalSecretary).is_empty());
}

#[test]
fn pen_18_target_lanes_are_taken_per_seconded_member_and_skip_own_unit_members() {
    let org = regency();
    let r = request(
        21,
        &[
            (5, MembershipKind::Seconded),
            (6, MembershipKind::OwnUnit),
            (9, MembershipKind::Seconded),
        ],
    );
    assert_eq!(
        positions(&holders(&org, &r, Lane::TargetPpk)),
        vec![(Some(5), 310), (Some(9), 900)]
    );
    // Member 5 sits in Bidang 31 (a Unit Kerja): the head of its Unit Organisasi is the
    // Kepala Dinas Pendidikan, exercised by the Plt.
    assert_eq!(
        positions(&holders(&org, &r, Lane::TargetHead)),
        vec![(Some(5), 300), (Some(9), 900)]
    );
    assert_eq!(
        positions(&holders(&org, &r, Lane::TargetAuthority)),
        vec![(Some(5), 100), (Some(9), 900)]
    );
    assert_eq!(
        positions(&holders(&org, &r, Lane::OwnPpk)),
        positions(&holders(&org, &r, Lane::TargetPpk))
    );
    assert_eq!(
        positions(&holders(&org, &r, Lane::OwnHead)),
        positions(&holders(&org, &r, Lane::TargetHead))
    );
    let hs = holders(&org, &r, Lane::TargetPpk);
    assert_eq!(
        parties(Lane::TargetPpk, &hs),
        vec![Some(EmployeeId(5)), Some(EmployeeId(9))]
    );
    assert_eq!(parties(Lane::OwnerHead, &hs), vec![None]);
}

#[test]
fn pen_18_the_employee_lane_is_every_matched_member() {
    let org = regency();
    let mut r = request(
        21,
        &[(5, MembershipKind::Seconded), (6, MembershipKind::OwnUnit)],
    );
    r.members.push(RequestMember {
        employee: None,
        name: "Tanpa data".into(),
        kind: MembershipKind::OwnUnit,
    });
    let hs = holders(&org, &r, Lane::Employee);
    assert_eq!(
        hs.iter().map(|h| (h.party, h.kind)).collect::<Vec<_>>(),
        vec![
            (Some(EmployeeId(5)), HolderKind::Member(EmployeeId(5))),
            (Some(EmployeeId(6)), HolderKind::Member(EmployeeId(6))),
        ]
    );
    assert_eq!(hs[0].label, "Anggota 5");
    assert!(per_member(Lane::Employee) && !per_member(Lane::RegionalSecretary));
}

#[test]
fn pen_18_a_member_without_a_ppk_or_position_has_no_target_holder() {
    let mut org = regency();
    org.add_person(PersonFacts {
        id: EmployeeId(77),
        agency: BANJAR,
        name: "Baru".into(),
        position: None,
        superior: None,
        assessor: None,
    });
    let r = request(21, &[(77, MembershipKind::Seconded)]);
    assert!(holders(&org, &r, Lane::TargetPpk).is_empty());
    assert!(holders(&org, &r, Lane::TargetHead).is_empty());
    // The authority of their agency is still known.
    assert_eq!(
        positions(&holders(&org, &r, Lane::TargetAuthority)),
        vec![(Some(77), 100)]
    );
}

#[test]
fn pen_18_superiors_of_positions_and_people_for_escalation() {
    let org = regency();
    let heads = |s: Superior<'_>| match s {
        Superior::Positions(ps) => ps.iter().map(|p| p.id.0).collect::<Vec<_>>(),
        Superior::RegionalHeads(rs) => rs.iter().map(|r| -r.id).collect(),
    };
    // A JF: the head of their own unit.
    assert_eq!(heads(org.superior_of_position(PositionId(311))), vec![310]);
    // A JF in a unit without a head: the head above.
    assert_eq!(heads(org.superior_of_position(PositionId(231))), vec![210]);
    // A head: the head above their unit; the Kepala Dinas: the Bupati.
    assert_eq!(heads(org.superior_of_position(PositionId(240))), vec![210]);
    assert_eq!(heads(org.superior_of_position(PositionId(200))), vec![-7]);
    assert_eq!(
        heads(org.superior_of_position(PositionId(999))),
        Vec::<i64>::new()
    );
    assert_eq!(
        org.superior_of_person(EmployeeId(6))
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        vec![PositionId(240)]
    );
    assert!(org.superior_of_person(EmployeeId(1)).is_empty());
}

#[test]
fn the_department_root_is_the_parentless_unit_with_the_lowest_id() {
    let units = [
        (UnitId(12), None),
        (UnitId(3), Some(UnitId(12))),
        (UnitId(8), None),
    ];
    assert_eq!(department_root(units), Some(UnitId(8)));
    assert_eq!(department_root([(UnitId(3), Some(UnitId(1)))]), None);
}

fn day(s: &str) -> crate::assignment::Day {
    crate::assignment::Day::parse(s).unwrap()
}

/// The Bupati whose term covers the day of the decision takes the Keputusan Bupati step
/// (PEN-12, PEN-15); between two terms the office is vacant and the lane says so, citing the
/// rule, instead of having no holder silently.
#[test]
fn pen_12_the_regional_head_in_term_on_the_day_holds_the_lane_and_a_gap_is_a_vacancy() {
    let mut org = regency();
    let terms = [
        (8, "2016-02-17", Some("2021-02-16"), "Bupati Banjar (lama)"),
        (9, "2021-02-26", None, "Bupati Banjar"),
    ];
    for (id, from, until, title) in terms {
        org.add_regional_head(RegionalHeadFacts {
            id,
            agency: BANJAR,
            title: title.into(),
            term: crate::regional_heads::Term {
                from: Some(day(from)),
                until: until.map(day),
            },
        });
    }
    // Drop the term-less account of `regency()`: only the dated terms count here.
    org.regional_heads.retain(|r| r.id != 7);
    let r = request(20, &[]);
    org.set_day(day("2020-06-01"));
    assert!(matches!(
        holders(&org, &r, Lane::RegionalHead)[..],
        [Holder {
            kind: HolderKind::RegionalHead { id: 8, .. },
            ..
        }]
    ));
    assert_eq!(super::lanes::vacancy(&org, &r, Lane::RegionalHead), None);
    org.set_day(day("2021-02-20"));
    assert!(holders(&org, &r, Lane::RegionalHead).is_empty());
    let v = super::lanes::vacancy(&org, &r, Lane::RegionalHead).unwrap();
    assert_eq!(v.citation.rule_id, crate::rules::RuleId::PEN_12);
    assert!(v.note.contains("20 Februari 2021"), "{}", v.note);
    org.set_day(day("2026-12-19"));
    assert!(matches!(
        holders(&org, &r, Lane::RegionalHead)[..],
        [Holder {
            kind: HolderKind::RegionalHead { id: 9, .. },
            ..
        }]
    ));
}

#[test]
fn doc_04_a_copy_names_the_bupati_office_when_nobody_is_recorded_in_it() {
    let mut org = regency();
    let r = request(20, &[]);
    let labels = |org: &OrgSnapshot, lane| super::lanes::office_labels(org, &r, lane);
    assert_eq!(labels(&org, Lane::RequesterPpk), vec!["Bupati Banjar"]);
    // No Bupati recorded (an agency imported without its regional head): the office is still
    // named in the requester's PPK lane and the regional head's.
    org.regional_heads.clear();
    assert!(holders(&org, &r, Lane::RequesterPpk).is_empty());
    assert_eq!(labels(&org, Lane::RequesterPpk), vec!["Bupati Banjar"]);
    assert_eq!(labels(&org, Lane::RegionalHead), vec!["Bupati Banjar"]);
    // A position lane names its post whoever holds it.
    assert_eq!(
        labels(&org, Lane::OwnerHead),
        holders(&org, &r, Lane::OwnerHead)
            .into_iter()
            .map(|h| h.label)
            .collect::<Vec<_>>()
    );
    assert!(!labels(&org, Lane::OwnerHead).is_empty());
}
