//! Dated organisation changes: applying, refusing with the rule, the organisation as of a day,
//! and the impact preview (issue 14 points 1–2; ORG-03, ORG-05, KED-11).

use super::*;
use crate::holders::Exercise;
use crate::org::{AssessorPolicy, DepartmentKind, FunctionalLevel, UnitKind};
use crate::placement::tests::Builder;
use crate::placement::{ManualDecisions, Outcome, compute_placements};
use crate::refusals::RefusalKind;
use crate::rules::RuleId;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

/// A Dinas with a Bidang (Kepala Bidang held) and a JF Ahli Muda under it, and a second Bidang.
struct World {
    b: Builder,
    dinas: UnitId,
    bidang: UnitId,
    kabid: PositionId,
    bidang2: UnitId,
    kabid2: PositionId,
    jf: EmployeeId,
}

fn world() -> World {
    let mut b = Builder::new(AssessorPolicy::PlacementDecides);
    let (dinas, _) = b.dept(DepartmentKind::Office, PositionClass::Jpt);
    let (bidang, kabid) = b.headed(
        dinas,
        UnitKind::Field,
        PositionClass::Administrator,
        "Bidang Aplikasi",
    );
    let (bidang2, kabid2) = b.headed(
        dinas,
        UnitKind::Field,
        PositionClass::Administrator,
        "Bidang Statistik",
    );
    let jf = b.jf(bidang, FunctionalLevel::AhliMuda);
    World {
        b,
        dinas,
        bidang,
        kabid,
        bidang2,
        kabid2,
        jf,
    }
}

fn placed_assessor(org: &Organisation, e: EmployeeId) -> Option<PositionId> {
    compute_placements(org, &ManualDecisions::new())
        .into_iter()
        .find(|o| o.employee() == e)
        .and_then(|o| match o {
            Outcome::Placed(p) => Some(p.assessor.position),
            Outcome::Unresolved(_) => None,
        })
}

#[test]
fn org_05_a_plt_named_for_a_vacant_post_takes_its_work_and_its_placements() {
    let mut w = world();
    let kabid = w.b.holder(w.kabid);
    let other = w.b.holder(w.kabid2);
    // The Kepala Bidang leaves: the post is vacant, her JF becomes unresolved or moves up.
    let before = w.b.org.clone();
    apply(
        &mut w.b.org,
        &OrgChange::Leave {
            employee: kabid,
            reason: LeaveReason::Retirement,
        },
    )
    .unwrap();
    let step = HeldItem {
        kind: HeldItemKind::WorkflowStep,
        id: 7,
        label: "Langkah persetujuan Kepala Bidang".into(),
        position: w.kabid,
    };
    let vacated = impact(
        &before,
        &w.b.org,
        &ManualDecisions::new(),
        std::slice::from_ref(&step),
    );
    assert_eq!(
        vacated.flagged(),
        1,
        "the step loses its holder and is flagged"
    );
    assert!(matches!(vacated.holdings[0], HolderShift::Vacant { .. }));
    assert!(
        vacated.placements.iter().any(|s| s.employee == w.jf),
        "the JF's placement changes when the post empties"
    );
    // A Plt. is named: the step moves to her, and the JF's PPK is the post again.
    let vacant = w.b.org.clone();
    apply(
        &mut w.b.org,
        &OrgChange::NameActing {
            position: w.kabid,
            employee: other,
            acting: ActingKind::Plt,
        },
    )
    .unwrap();
    let named = impact(&vacant, &w.b.org, &ManualDecisions::new(), &[step]);
    assert_eq!(named.flagged(), 0);
    match &named.holdings[0] {
        HolderShift::MovesTo { after, before, .. } => {
            assert_eq!(after.employee, other);
            assert_eq!(after.exercise, Exercise::Acting(ActingKind::Plt));
            assert_eq!(*before, None);
        }
        h => panic!("expected the step to move to the Plt., got {h:?}"),
    }
    assert_eq!(placed_assessor(&w.b.org, w.jf), Some(w.kabid));
}

#[test]
fn a_transfer_moves_the_person_and_their_placement_and_empties_the_old_post() {
    let mut w = world();
    let new_post = w.b.position(
        w.bidang2,
        PositionClass::Fungsional,
        Some(FunctionalLevel::AhliMuda),
        "Statistisi",
        false,
    );
    let old_post = w.b.position_of(w.jf);
    let before = w.b.org.clone();
    apply(
        &mut w.b.org,
        &OrgChange::Appoint {
            employee: w.jf,
            position: new_post,
        },
    )
    .unwrap();
    assert_eq!(
        holder_of(&w.b.org, old_post),
        None,
        "the old post is vacant"
    );
    assert_eq!(placed_assessor(&w.b.org, w.jf), Some(w.kabid2));
    let shift = impact(&before, &w.b.org, &ManualDecisions::new(), &[]);
    let mine = shift
        .placements
        .iter()
        .find(|s| s.employee == w.jf)
        .unwrap();
    assert!(mine.what.contains(&ShiftKind::Superior));
    assert!(mine.what.contains(&ShiftKind::Assessor));
}

#[test]
fn org_05_a_post_held_by_someone_else_is_refused_and_nothing_changes() {
    let mut w = world();
    let before = w.b.org.clone();
    let taken = apply(
        &mut w.b.org,
        &OrgChange::Appoint {
            employee: w.jf,
            position: w.kabid,
        },
    )
    .unwrap_err();
    assert_eq!(taken.code, "position_taken");
    assert_eq!(taken.kind, RefusalKind::Conflict);
    assert_eq!(taken.citation.rule_id, RuleId::ORG_05);
    assert_eq!(w.b.org, before);
    // In one batch, vacating first makes it possible; a refused batch changes nothing.
    let kabid = w.b.holder(w.kabid);
    let batch = [
        OrgChange::Vacate { employee: kabid },
        OrgChange::Appoint {
            employee: w.jf,
            position: w.kabid,
        },
    ];
    let mut org = w.b.org.clone();
    apply_all(&mut org, &batch).unwrap();
    assert_eq!(holder_of(&org, w.kabid).map(|h| h.employee), Some(w.jf));
    let wrong = [batch[1].clone(), batch[0].clone()];
    let mut org = w.b.org.clone();
    let (at, r) = apply_all(&mut org, &wrong).unwrap_err();
    assert_eq!((at, r.code), (0, "position_taken"));
    assert_eq!(org, before);
}

#[test]
fn org_03_units_stay_a_tree_with_one_head_each() {
    let mut w = world();
    let seksi = w.b.unit(w.bidang, UnitKind::Section, "Seksi Layanan");
    let cycle = apply(
        &mut w.b.org,
        &OrgChange::MoveUnit {
            unit: w.bidang,
            parent: seksi,
        },
    )
    .unwrap_err();
    assert_eq!(
        (cycle.code, cycle.citation.rule_id),
        ("unit_cycle", RuleId::ORG_03)
    );
    let second_head = OrgChange::AddPosition {
        position: crate::organisation::Position {
            id: PositionId(9_001),
            unit: w.bidang,
            code: "p9001".into(),
            name: "Kepala Bidang Kedua".into(),
            class: PositionClass::Administrator,
            is_head: true,
            functional_level: None,
            substance: None,
            acting: None,
        },
    };
    assert_eq!(
        apply(&mut w.b.org, &second_head).unwrap_err().code,
        "unit_head_exists"
    );
    let not_empty = apply(&mut w.b.org, &OrgChange::CloseUnit { unit: w.bidang }).unwrap_err();
    assert_eq!(not_empty.code, "unit_not_empty");
    // Moving the Seksi under the other Bidang is fine; the root unit stays where it is.
    apply(
        &mut w.b.org,
        &OrgChange::MoveUnit {
            unit: seksi,
            parent: w.bidang2,
        },
    )
    .unwrap();
    let root = apply(
        &mut w.b.org,
        &OrgChange::MoveUnit {
            unit: w.dinas,
            parent: w.bidang2,
        },
    )
    .unwrap_err();
    assert!(["department_root_fixed", "unit_cycle"].contains(&root.code));
}

#[test]
fn org_03_a_merge_moves_positions_and_sub_units_and_needs_the_merged_head_post_vacant() {
    let mut w = world();
    let seksi = w.b.unit(w.bidang, UnitKind::Section, "Seksi Layanan");
    let merge = OrgChange::MergeUnit {
        unit: w.bidang,
        into: w.bidang2,
    };
    assert_eq!(
        apply(&mut w.b.org, &merge).unwrap_err().code,
        "position_not_vacant"
    );
    let kabid = w.b.holder(w.kabid);
    apply(&mut w.b.org, &OrgChange::Vacate { employee: kabid }).unwrap();
    apply(&mut w.b.org, &merge).unwrap();
    let jf_post = w.b.position_of(w.jf);
    let post = w.b.org.positions.iter().find(|p| p.id == jf_post).unwrap();
    assert_eq!(post.unit, w.bidang2);
    assert!(
        !w.b.org.positions.iter().any(|p| p.id == w.kabid),
        "the merged head post closed"
    );
    assert_eq!(
        w.b.org.units.iter().find(|u| u.id == seksi).unwrap().parent,
        Some(w.bidang2)
    );
    assert!(!w.b.org.units.iter().any(|u| u.id == w.bidang));
    assert_eq!(placed_assessor(&w.b.org, w.jf), Some(w.kabid2));
}

#[test]
fn closing_a_post_with_held_work_flags_it_as_closed() {
    let mut w = world();
    let post = w.b.position(
        w.bidang,
        PositionClass::Pelaksana,
        None,
        "Pengadministrasi",
        false,
    );
    let before = w.b.org.clone();
    apply(&mut w.b.org, &OrgChange::ClosePosition { position: post }).unwrap();
    let held = HeldItem {
        kind: HeldItemKind::ResultReview,
        id: 3,
        label: "Hasil".into(),
        position: post,
    };
    let i = impact(&before, &w.b.org, &ManualDecisions::new(), &[held]);
    assert!(matches!(
        i.holdings[..],
        [HolderShift::PositionClosed { .. }]
    ));
    // A held post cannot close.
    let jf_post = w.b.position_of(w.jf);
    let r = apply(
        &mut w.b.org,
        &OrgChange::ClosePosition { position: jf_post },
    )
    .unwrap_err();
    assert_eq!(
        (r.code, r.citation.rule_id),
        ("position_not_vacant", RuleId::ORG_05)
    );
}

#[test]
fn ked_11_the_organisation_as_of_a_day_replays_the_changes_effective_by_then() {
    let w = world();
    let base = w.b.org.clone();
    let kabid = w.b.holder(w.kabid);
    let other = w.b.holder(w.kabid2);
    let basis = LegalBasis {
        number: "800/12/BKPSDM/2027".into(),
        date: day("2027-02-20"),
    };
    let changes = vec![
        DatedChange {
            effective: day("2027-04-01"),
            basis: basis.clone(),
            change: OrgChange::EndActing { position: w.kabid },
        },
        DatedChange {
            effective: day("2027-03-01"),
            basis: basis.clone(),
            change: OrgChange::Leave {
                employee: kabid,
                reason: LeaveReason::Retirement,
            },
        },
        DatedChange {
            effective: day("2027-03-01"),
            basis,
            change: OrgChange::NameActing {
                position: w.kabid,
                employee: other,
                acting: ActingKind::Plt,
            },
        },
    ];
    let base_day = day("2027-01-01");
    // "Who assessed whom on 1 February / 15 March / 1 April"
    let feb = as_of(&base, base_day, &changes, day("2027-02-01")).unwrap();
    assert_eq!(holder_of(&feb, w.kabid).map(|h| h.employee), Some(kabid));
    let march = as_of(&base, base_day, &changes, day("2027-03-15")).unwrap();
    let h = holder_of(&march, w.kabid).unwrap();
    assert_eq!(
        (h.employee, h.exercise),
        (other, Exercise::Acting(ActingKind::Plt))
    );
    assert_eq!(placed_assessor(&march, w.jf), Some(w.kabid));
    let april = as_of(&base, base_day, &changes, day("2027-04-01")).unwrap();
    assert_eq!(holder_of(&april, w.kabid), None);
    // A change that no longer applies is named.
    let broken = vec![DatedChange {
        effective: day("2027-03-01"),
        basis: changes[0].basis.clone(),
        change: OrgChange::EndActing { position: w.kabid },
    }];
    let (at, r) = as_of(&base, base_day, &broken, day("2027-12-31")).unwrap_err();
    assert_eq!((at, r.code), (0, "org_change_no_effect"));
    // Changes on or before the base day are in the base already.
    assert_eq!(
        as_of(&base, day("2027-06-01"), &changes, day("2027-12-31")).unwrap(),
        base
    );
    let _ = w.dinas;
}

#[test]
fn org_07_grades_follow_the_employment_type_and_every_change_has_a_code_and_label() {
    let mut w = world();
    let r = apply(
        &mut w.b.org,
        &OrgChange::SetGrade {
            employee: w.jf,
            grade: crate::grade::Grade::Pppk(9),
        },
    )
    .unwrap_err();
    assert_eq!(
        (r.code, r.citation.rule_id),
        ("grade_kind_mismatch", RuleId::ORG_07)
    );
    apply(
        &mut w.b.org,
        &OrgChange::SetGrade {
            employee: w.jf,
            grade: crate::grade::Grade::Pns {
                group: 3,
                sub: b'b',
            },
        },
    )
    .unwrap();
    let change = OrgChange::RenameUnit {
        unit: w.bidang,
        name: "Bidang\u{0}Aplikasi".into(),
    };
    assert_eq!(
        apply(&mut w.b.org, &change).unwrap_err().code,
        "org_change_name_invalid"
    );
    assert_eq!(change.code(), "rename_unit");
    assert!(!change.label().is_empty());
    assert_eq!(
        change.agency(&w.b.org),
        Some(crate::organisation::AgencyId(1))
    );
    for r in LeaveReason::ALL {
        assert_eq!(LeaveReason::from_code(r.code()), Some(*r));
    }
}

/// Issue 14 point 7: the kind of a change is the domain's `ChangeKind`, whose code is the
/// change's JSON tag (one mapping), and its area is the kind's.
#[test]
fn a_changes_kind_code_is_its_json_tag() {
    let e = EmployeeId(1);
    let p = PositionId(2);
    let u = UnitId(3);
    let samples = [
        OrgChange::Appoint {
            employee: e,
            position: p,
        },
        OrgChange::Vacate { employee: e },
        OrgChange::Leave {
            employee: e,
            reason: LeaveReason::ALL[0],
        },
        OrgChange::NameActing {
            position: p,
            employee: e,
            acting: ActingKind::Plt,
        },
        OrgChange::EndActing { position: p },
        OrgChange::RenameUnit {
            unit: u,
            name: "Bidang Baru".into(),
        },
        OrgChange::MoveUnit { unit: u, parent: u },
        OrgChange::MergeUnit { unit: u, into: u },
        OrgChange::CloseUnit { unit: u },
        OrgChange::ClosePosition { position: p },
    ];
    for c in samples {
        let json = serde_json::to_value(&c).expect("serialises");
        assert_eq!(json["kind"], c.kind().code());
        assert_eq!(ChangeKind::from_code(c.code()), Some(c.kind()));
        assert_eq!(c.area(), c.kind().area());
    }
    assert_eq!(ChangeKind::ALL.len(), 15);
}
