//! Who assesses (KIN-04, KED-09) over a small Dinas, and the assessment's life (KIN-02,
//! KIN-04) walked through its states.
//!
//! Dinas (agency 1, dept 1): root unit 10 (Kepala Dinas, post 100, held by 1) → Bidang 11
//! (Kepala Bidang, post 110, held by 2) → Seksi 12 (Kepala Seksi, post 120, held by 3) with a
//! JF post 121 held by employee 5, whose PPK is post 120. The Bupati's account is 77.

use super::assessment::{Action, ActorFacts, AssessmentFacts, AssessmentState as S, next};
use super::assessor::{
    Decider, FixedAssessor, check_assessor, check_assessor_superior, current_assessor, fix_assessor,
};
use super::rating::{PerformanceRating, RatingOutcome, rating_citation};
use crate::holders::{
    DepartmentFacts, Exercise, OrgSnapshot, PersonFacts, PositionFacts, RegionalHeadFacts,
    UnitFacts,
};
use crate::org::PositionClass;
use crate::org::{ActingKind, DepartmentKind};
use crate::organisation::{Acting, AgencyId, DepartmentId, EmployeeId, PositionId, UnitId};
use crate::placement::{Official, Outcome, Placement, Unresolved};
use crate::regional_heads::Term;
use crate::rules::{Citation, RuleId};

const AGENCY: AgencyId = AgencyId(1);
const JF: EmployeeId = EmployeeId(5);

fn snapshot() -> OrgSnapshot {
    let mut org = OrgSnapshot::default();
    org.add_department(DepartmentFacts {
        id: DepartmentId(1),
        agency: AGENCY,
        kind: DepartmentKind::Office,
    });
    for (id, parent) in [(10, None), (11, Some(10)), (12, Some(11))] {
        org.add_unit(UnitFacts {
            id: UnitId(id),
            department: DepartmentId(1),
            parent: parent.map(UnitId),
            is_org_unit: id == 10,
        });
    }
    for (id, unit, name, head) in [
        (100, 10, "Kepala Dinas", true),
        (110, 11, "Kepala Bidang", true),
        (120, 12, "Kepala Seksi", true),
        (121, 12, "Analis Kebijakan Ahli Pertama", false),
    ] {
        org.add_position(PositionFacts {
            id: PositionId(id),
            unit: UnitId(unit),
            agency: AGENCY,
            name: name.to_string(),
            is_head: head,
            acting: None,
        });
    }
    for (id, post) in [(1, 100), (2, 110), (3, 120), (5, 121)] {
        person(&mut org, id, Some(post));
    }
    org
}

fn person(org: &mut OrgSnapshot, id: i64, post: Option<i64>) {
    org.add_person(PersonFacts {
        id: EmployeeId(id),
        agency: AGENCY,
        name: format!("Pegawai {id}"),
        position: post.map(PositionId),
        superior: Some(PositionId(120)),
        assessor: Some(PositionId(120)),
    });
}

fn act(org: &mut OrgSnapshot, post: i64, employee: i64, kind: ActingKind) {
    let mut p = org.position(PositionId(post)).unwrap().clone();
    p.acting = Some(Acting {
        employee: EmployeeId(employee),
        kind,
    });
    org.add_position(p);
}

fn fixed(position: i64) -> FixedAssessor {
    FixedAssessor {
        employee: JF,
        position: PositionId(position),
        recommender: None,
        citation: Citation::new(RuleId::KED_03, "Lampiran I.B.1.c.3"),
    }
}

#[test]
fn kin_04_the_holder_of_the_fixed_ppk_post_assesses() {
    let org = snapshot();
    assert_eq!(
        check_assessor(&org, EmployeeId(3), &fixed(120)),
        Ok(Exercise::Definitive)
    );
    assert_eq!(
        current_assessor(&org, &fixed(120)),
        Ok((EmployeeId(3), Exercise::Definitive))
    );
    // The head above is not the PPK: never a role filter.
    let e = check_assessor(&org, EmployeeId(2), &fixed(120)).unwrap_err();
    assert_eq!(e.code, "not_the_assessor");
    assert_eq!(e.citation.rule_id, RuleId::KIN_04);
}

#[test]
fn kin_04_a_plt_assesses_as_such() {
    let mut org = snapshot();
    // The Kepala Seksi leaves; the Kepala Bidang is Plt. Kepala Seksi.
    person(&mut org, 3, None);
    act(&mut org, 120, 2, ActingKind::Plt);
    assert_eq!(
        check_assessor(&org, EmployeeId(2), &fixed(120)),
        Ok(Exercise::Acting(ActingKind::Plt))
    );
    assert_eq!(
        check_assessor(&org, EmployeeId(3), &fixed(120))
            .unwrap_err()
            .code,
        "not_the_assessor"
    );
}

#[test]
fn kin_04_a_vacant_ppk_post_waits_for_a_holder() {
    let mut org = snapshot();
    person(&mut org, 3, None);
    assert_eq!(
        current_assessor(&org, &fixed(120)).unwrap_err().code,
        "assessor_vacant"
    );
}

#[test]
fn kin_04_nobody_assesses_themselves_or_someone_placed_above_them() {
    let org = snapshot();
    assert_eq!(
        check_assessor(&org, JF, &fixed(120)).unwrap_err().code,
        "assessing_oneself"
    );
    // The JF is Plt. of their own PPK post: nobody else exercises it, and they would assess
    // themselves.
    let mut own = snapshot();
    person(&mut own, 3, None);
    act(&mut own, 120, 5, ActingKind::Plh);
    assert_eq!(
        check_assessor(&own, EmployeeId(3), &fixed(120))
            .unwrap_err()
            .code,
        "assessing_oneself"
    );
    // The JF is Plt. Kepala Bidang, above their PPK: the Kepala Seksi may not assess them.
    let mut above = org.clone();
    act(&mut above, 110, 5, ActingKind::Plt);
    let e = check_assessor(&above, EmployeeId(3), &fixed(120)).unwrap_err();
    assert_eq!(e.code, "assessing_superior");
    assert_eq!(e.citation.rule_id, RuleId::KIN_04);
}

fn official(position: i64, employee: i64, class: PositionClass) -> Official {
    Official {
        position: PositionId(position),
        employee: EmployeeId(employee),
        class,
        acting: None,
    }
}

#[test]
fn kin_04_str_06_the_assessor_is_fixed_as_the_placements_ppk_post_with_its_recommender() {
    // An Ahli Madya: PPK the Kepala Dinas (post 100), the Kepala Bidang recommends (STR-06);
    // the KED-12 citation wins when the policy moved the assessor.
    let placed = Outcome::Placed(Placement {
        employee: JF,
        superior: official(110, 2, PositionClass::Administrator),
        assessor: official(100, 1, PositionClass::Jpt),
        coordinator: None,
        recommender: Some(official(110, 2, PositionClass::Administrator)),
        citation: Citation::new(RuleId::KED_01, "Lampiran I.B.1.c.1"),
        assessor_citation: Some(Citation::new(RuleId::STR_06, "Lampiran I.B.2.c")),
        notes: Vec::new(),
        manual: false,
    });
    let f = fix_assessor(&placed).unwrap();
    assert_eq!(f.employee, JF);
    // The post is fixed, not its holder of the day.
    assert_eq!(f.position, PositionId(100));
    assert_eq!(f.recommender, Some(PositionId(110)));
    assert_eq!(f.citation.rule_id, RuleId::STR_06);
}

#[test]
fn ked_09_an_unresolved_placement_blocks_with_its_reason() {
    let outcome = Outcome::Unresolved(Unresolved {
        employee: JF,
        reason: "Tidak ada Pejabat Pengawas maupun Administrator di atas jabatan ini".into(),
        citation: Citation::new(RuleId::KED_09, "Lampiran I"),
    });
    let e = fix_assessor(&outcome).unwrap_err();
    assert_eq!(e.code, "placement_unresolved");
    assert_eq!(e.citation.rule_id, RuleId::KED_09);
    assert!(
        e.message.contains("Tidak ada Pejabat Pengawas"),
        "{}",
        e.message
    );
}

#[test]
fn kin_04_objections_and_reopenings_are_decided_by_the_assessors_superior() {
    let mut org = snapshot();
    let ok = check_assessor_superior(&org, Decider::Employee(EmployeeId(2)), &fixed(120)).unwrap();
    assert_eq!(ok.position, Some(PositionId(110)));
    assert!(!ok.also_assessor);
    for (who, code) in [
        (
            Decider::Employee(EmployeeId(1)),
            "not_the_assessor_superior",
        ),
        (
            Decider::Employee(EmployeeId(3)),
            "not_the_assessor_superior",
        ),
        (Decider::Employee(JF), "own_assessment_decision"),
        (Decider::RegionalHead(77), "not_the_assessor_superior"),
    ] {
        assert_eq!(
            check_assessor_superior(&org, who, &fixed(120))
                .unwrap_err()
                .code,
            code,
            "{who:?}"
        );
    }
    // The head of the Perangkat Daerah answers to the Bupati; none in term: vacant.
    assert_eq!(
        check_assessor_superior(&org, Decider::RegionalHead(77), &fixed(100))
            .unwrap_err()
            .code,
        "assessor_superior_vacant"
    );
    org.add_regional_head(RegionalHeadFacts {
        id: 77,
        agency: AGENCY,
        title: "Bupati Banjar".into(),
        term: Term {
            from: None,
            until: None,
        },
    });
    assert!(check_assessor_superior(&org, Decider::RegionalHead(77), &fixed(100)).is_ok());
    // The Kepala Bidang's post vacant, no Plt.: nobody decides yet.
    person(&mut org, 2, None);
    assert_eq!(
        check_assessor_superior(&org, Decider::Employee(EmployeeId(1)), &fixed(120))
            .unwrap_err()
            .code,
        "assessor_superior_vacant"
    );
}

fn outcome(rating: PerformanceRating) -> RatingOutcome {
    RatingOutcome {
        rating,
        citation: rating_citation(),
    }
}

const ASSESSOR: ActorFacts = ActorFacts {
    is_employee: false,
    is_assessor: true,
    is_assessor_superior: false,
};
const EMPLOYEE: ActorFacts = ActorFacts {
    is_employee: true,
    is_assessor: false,
    is_assessor_superior: false,
};
const SUPERIOR: ActorFacts = ActorFacts {
    is_employee: false,
    is_assessor: false,
    is_assessor_superior: true,
};

fn facts(state: S, rating: Option<PerformanceRating>, objected_before: bool) -> AssessmentFacts {
    AssessmentFacts {
        state,
        rating,
        objected_before,
    }
}

#[test]
fn kin_02_finalise_acknowledge() {
    let draft = facts(S::Draft, None, false);
    let t = next(
        &draft,
        &Action::Finalise {
            rating: Some(outcome(PerformanceRating::Baik)),
        },
        &ASSESSOR,
    )
    .unwrap();
    assert_eq!(t.state, S::Finalised);
    assert_eq!(t.rating, Some(PerformanceRating::Baik));
    assert_eq!(t.citation.rule_id, RuleId::KIN_02);
    let fin = facts(S::Finalised, t.rating, false);
    assert_eq!(
        next(&fin, &Action::Acknowledge, &EMPLOYEE).unwrap().state,
        S::Acknowledged
    );
    // Only the employee acknowledges.
    assert_eq!(
        next(&fin, &Action::Acknowledge, &ASSESSOR)
            .unwrap_err()
            .code,
        "not_the_assessed_employee"
    );
}

#[test]
fn kin_02_an_incomplete_draft_is_not_finalised_and_only_the_assessor_finalises() {
    let draft = facts(S::Draft, None, false);
    assert_eq!(
        next(&draft, &Action::Finalise { rating: None }, &ASSESSOR)
            .unwrap_err()
            .code,
        "assessment_incomplete"
    );
    let finalise = Action::Finalise {
        rating: Some(outcome(PerformanceRating::Baik)),
    };
    assert_eq!(
        next(&draft, &finalise, &SUPERIOR).unwrap_err().code,
        "not_the_assessor"
    );
    // An employee holding the assessor part too (misloaded facts) still never rates
    // themselves.
    let both = ActorFacts {
        is_employee: true,
        is_assessor: true,
        is_assessor_superior: false,
    };
    assert_eq!(
        next(&draft, &finalise, &both).unwrap_err().code,
        "assessing_oneself"
    );
}

#[test]
fn kin_04_a_finalised_assessment_is_locked() {
    for state in [
        S::Finalised,
        S::Acknowledged,
        S::Objected,
        S::ObjectionUpheld,
        S::ObjectionDismissed,
    ] {
        let f = facts(state, Some(PerformanceRating::Baik), false);
        assert!(state.is_locked());
        assert_eq!(
            super::assessment::may_edit(&f, &ASSESSOR).unwrap_err().code,
            "assessment_locked"
        );
        let e = next(
            &f,
            &Action::Finalise {
                rating: Some(outcome(PerformanceRating::SangatBaik)),
            },
            &ASSESSOR,
        )
        .unwrap_err();
        assert_eq!(
            (e.code, e.citation.rule_id),
            ("assessment_locked", RuleId::KIN_04)
        );
    }
    assert!(super::assessment::may_edit(&facts(S::Draft, None, false), &ASSESSOR).is_ok());
}

#[test]
fn kin_02_an_objection_is_made_once_with_reasons_and_decided_by_the_superior() {
    let fin = facts(S::Finalised, Some(PerformanceRating::ButuhPerbaikan), false);
    assert_eq!(
        next(
            &fin,
            &Action::Object {
                reasons: "  ".into()
            },
            &EMPLOYEE
        )
        .unwrap_err()
        .code,
        "objection_reasons_blank"
    );
    let object = Action::Object {
        reasons: "Target triwulan tercapai seluruhnya; bukti terlampir.".into(),
    };
    assert_eq!(next(&fin, &object, &EMPLOYEE).unwrap().state, S::Objected);
    let used = facts(S::Finalised, Some(PerformanceRating::ButuhPerbaikan), true);
    assert_eq!(
        next(&used, &object, &EMPLOYEE).unwrap_err().code,
        "objection_already_made"
    );

    let objected = facts(S::Objected, Some(PerformanceRating::ButuhPerbaikan), true);
    let uphold = Action::UpholdObjection {
        rating: outcome(PerformanceRating::Baik),
        reason: "Bukti capaian target diterima.".into(),
    };
    // The assessor does not decide the objection to their own rating.
    assert_eq!(
        next(&objected, &uphold, &ASSESSOR).unwrap_err().code,
        "not_the_assessor_superior"
    );
    assert_eq!(
        next(&objected, &uphold, &EMPLOYEE).unwrap_err().code,
        "own_assessment_decision"
    );
    let t = next(&objected, &uphold, &SUPERIOR).unwrap();
    assert_eq!(
        (t.state, t.rating),
        (S::ObjectionUpheld, Some(PerformanceRating::Baik))
    );
    // Upheld means a changed rating.
    let same = Action::UpholdObjection {
        rating: outcome(PerformanceRating::ButuhPerbaikan),
        reason: "Tetap.".into(),
    };
    assert_eq!(
        next(&objected, &same, &SUPERIOR).unwrap_err().code,
        "objection_rating_unchanged"
    );
    let dismiss = Action::DismissObjection {
        reason: "Target tidak tercapai.".into(),
    };
    let t = next(&objected, &dismiss, &SUPERIOR).unwrap();
    assert_eq!((t.state, t.rating), (S::ObjectionDismissed, None));
    assert_eq!(
        next(
            &objected,
            &Action::DismissObjection { reason: "".into() },
            &SUPERIOR
        )
        .unwrap_err()
        .code,
        "objection_decision_blank"
    );
    // Nothing pending any more.
    let decided = facts(
        S::ObjectionDismissed,
        Some(PerformanceRating::ButuhPerbaikan),
        true,
    );
    assert_eq!(
        next(&decided, &dismiss, &SUPERIOR).unwrap_err().code,
        "objection_not_pending"
    );
    // An objection is made only to a finalised assessment.
    assert_eq!(
        next(&decided, &object, &EMPLOYEE).unwrap_err().code,
        "assessment_not_finalised"
    );
}

#[test]
fn kin_04_a_reopening_is_a_decision_with_a_reason_by_the_superior() {
    let reopen = Action::Reopen {
        reason: "Realisasi triwulan salah dimasukkan.".into(),
    };
    for state in [
        S::Finalised,
        S::Acknowledged,
        S::ObjectionUpheld,
        S::ObjectionDismissed,
    ] {
        let f = facts(state, Some(PerformanceRating::Baik), false);
        let t = next(&f, &reopen, &SUPERIOR).unwrap();
        assert_eq!((t.state, t.citation.rule_id), (S::Draft, RuleId::KIN_04));
        assert_eq!(
            next(&f, &reopen, &ASSESSOR).unwrap_err().code,
            "not_the_assessor_superior"
        );
        assert_eq!(
            next(&f, &reopen, &EMPLOYEE).unwrap_err().code,
            "own_assessment_decision"
        );
        assert_eq!(
            next(&f, &Action::Reopen { reason: " ".into() }, &SUPERIOR)
                .unwrap_err()
                .code,
            "reopen_reason_blank"
        );
    }
    assert_eq!(
        next(&facts(S::Draft, None, false), &reopen, &SUPERIOR)
            .unwrap_err()
            .code,
        "assessment_not_locked"
    );
    assert_eq!(
        next(
            &facts(S::Objected, Some(PerformanceRating::Baik), true),
            &reopen,
            &SUPERIOR
        )
        .unwrap_err()
        .code,
        "objection_pending"
    );
    // After a reopening the objection right stays used.
    let refinalised = facts(S::Finalised, Some(PerformanceRating::Baik), true);
    assert_eq!(
        next(
            &refinalised,
            &Action::Object {
                reasons: "Lagi.".into()
            },
            &EMPLOYEE
        )
        .unwrap_err()
        .code,
        "objection_already_made"
    );
}

#[test]
fn every_refusal_code_of_the_module_is_listed_with_its_rule() {
    for code in [
        "behaviour_value_missing",
        "behaviour_value_twice",
        "behaviour_evidence_blank",
        "period_policy_invalid",
        "period_year_invalid",
        "placement_unresolved",
        "assessor_vacant",
        "assessing_oneself",
        "assessing_superior",
        "not_the_assessor",
        "own_assessment_decision",
        "assessor_superior_vacant",
        "not_the_assessor_superior",
        "assessment_incomplete",
        "assessment_locked",
        "not_the_assessed_employee",
        "assessment_not_finalised",
        "objection_already_made",
        "objection_reasons_blank",
        "objection_not_pending",
        "objection_decision_blank",
        "objection_rating_unchanged",
        "assessment_not_locked",
        "objection_pending",
        "reopen_reason_blank",
        "curve_policy_invalid",
        "distribution_exceeded",
        "follow_up_kind_twice",
    ] {
        assert!(
            crate::refusals::citation_of(code).is_some(),
            "{code} is not in RULE_REFUSALS"
        );
    }
}
