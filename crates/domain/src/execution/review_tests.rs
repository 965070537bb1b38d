//! The review machine of a result (MEK-05, KIN-04): who submits, who decides each step, what
//! comes next.

use super::*;
use crate::assignment::{Day, MemberRole};
use crate::execution::work::WorkMember;
use crate::org::DepartmentKind;

const LEAD: EmployeeId = EmployeeId(1);
const ANA: EmployeeId = EmployeeId(2);
const KABID: EmployeeId = EmployeeId(10);
const KADIS: EmployeeId = EmployeeId(11);
const BIDANG: PositionId = PositionId(100);
const DINAS: PositionId = PositionId(101);
const CHAIN: &[PositionId] = &[BIDANG, DINAS];
const OFFICE: DepartmentKind = DepartmentKind::Office;

fn member(e: EmployeeId, role: MemberRole) -> WorkMember {
    let day = Day::parse("2026-02-01").expect("day");
    WorkMember {
        employee: e,
        role,
        from: day,
        until: day,
        assessor: None,
    }
}

fn team() -> Work {
    let day = Day::parse("2026-02-01").expect("day");
    Work {
        kind: WorkKind::Team,
        running: true,
        members: vec![
            member(LEAD, MemberRole::TeamLead),
            member(ANA, MemberRole::Member),
        ],
        owner_heads: vec![DINAS],
        responsible: None,
        from: day,
        until: day,
        budget: None,
    }
}

fn person(e: EmployeeId, exercises: &[PositionId]) -> Actor {
    Actor {
        employee: Some(e),
        own_position: exercises.first().copied(),
        exercises: exercises.to_vec(),
    }
}

fn pass(step: usize) -> Decision {
    Decision {
        step,
        kind: DecisionKind::Pass,
        meets_target: true,
        meets_expectation: false,
        notes: String::new(),
    }
}

fn code<T: std::fmt::Debug>(r: Result<T, Refusal>) -> &'static str {
    r.expect_err("refused").code
}

#[test]
fn mek_04_only_the_team_lead_or_the_individual_submits_a_result_that_meets_the_target() {
    let work = team();
    assert_eq!(check_submission(&work, &person(LEAD, &[]), true), Ok(LEAD));
    let refused = check_submission(&work, &person(ANA, &[]), true).expect_err("member");
    assert_eq!(refused.code, "not_the_result_submitter");
    assert_eq!(refused.citation.rule_id, RuleId::MEK_04);
    assert_eq!(
        code(check_submission(&work, &person(LEAD, &[]), false)),
        "result_target_not_met"
    );
    let individual = Work {
        kind: WorkKind::Individual,
        members: vec![member(ANA, MemberRole::Member)],
        ..team()
    };
    assert_eq!(
        check_submission(&individual, &person(ANA, &[]), true),
        Ok(ANA)
    );
    assert_eq!(
        code(check_submission(&individual, &person(LEAD, &[]), true)),
        "not_the_result_submitter"
    );
    let pending = Work {
        running: false,
        ..team()
    };
    assert_eq!(
        code(check_submission(&pending, &person(LEAD, &[]), true)),
        "work_not_running"
    );
}

#[test]
fn mek_05_pass_up_the_chain_then_the_head_accepts() {
    let kabid = person(KABID, &[BIDANG]);
    let kadis = person(KADIS, &[DINAS]);
    let s = ReviewState::SUBMITTED;
    let s = decide(CHAIN, OFFICE, LEAD, s, &kabid, &pass(0)).expect("kabid passes");
    assert_eq!(s, ReviewState::AtStep { step: 1 });
    let refused = decide(CHAIN, OFFICE, LEAD, s, &kadis, &pass(1)).expect_err("last passes");
    assert_eq!(refused.code, "pass_at_last_reviewer");
    assert_eq!(refused.citation.rule_id, RuleId::MEK_05);
    let accept = Decision {
        kind: DecisionKind::Accept,
        ..pass(1)
    };
    assert_eq!(
        decide(CHAIN, OFFICE, LEAD, s, &kadis, &accept),
        Ok(ReviewState::Completed)
    );
}

#[test]
fn mek_05_only_results_that_meet_the_target_go_up() {
    let kabid = person(KABID, &[BIDANG]);
    let not_met = Decision {
        meets_target: false,
        ..pass(0)
    };
    assert_eq!(
        code(decide(
            CHAIN,
            OFFICE,
            LEAD,
            ReviewState::SUBMITTED,
            &kabid,
            &not_met
        )),
        "result_target_not_met"
    );
    let at_head = ReviewState::AtStep { step: 1 };
    let accept_not_met = Decision {
        kind: DecisionKind::Accept,
        meets_target: false,
        ..pass(1)
    };
    assert_eq!(
        code(decide(
            CHAIN,
            OFFICE,
            LEAD,
            at_head,
            &person(KADIS, &[DINAS]),
            &accept_not_met
        )),
        "result_target_not_met"
    );
}

#[test]
fn mek_05_only_the_last_step_accepts() {
    let accept = Decision {
        kind: DecisionKind::Accept,
        ..pass(0)
    };
    assert_eq!(
        code(decide(
            CHAIN,
            OFFICE,
            LEAD,
            ReviewState::SUBMITTED,
            &person(KABID, &[BIDANG]),
            &accept
        )),
        "accept_by_last_reviewer"
    );
}

#[test]
fn mek_05_return_needs_notes_and_goes_back_for_resubmission() {
    let kabid = person(KABID, &[BIDANG]);
    let blank = Decision {
        kind: DecisionKind::Return,
        notes: "  ".into(),
        ..pass(0)
    };
    assert_eq!(
        code(decide(
            CHAIN,
            OFFICE,
            LEAD,
            ReviewState::SUBMITTED,
            &kabid,
            &blank
        )),
        "return_notes_blank"
    );
    // Returning does not need the result to meet the target.
    let ret = Decision {
        kind: DecisionKind::Return,
        notes: "Lengkapi lampiran data".into(),
        meets_target: false,
        meets_expectation: false,
        step: 0,
    };
    let s = decide(CHAIN, OFFICE, LEAD, ReviewState::SUBMITTED, &kabid, &ret).expect("returned");
    assert_eq!(s, ReviewState::Returned { step: 0 });
    // Nothing more to decide until it is resubmitted.
    assert_eq!(
        code(decide(CHAIN, OFFICE, LEAD, s, &kabid, &pass(0))),
        "result_already_decided"
    );
    let work = team();
    assert_eq!(
        check_resubmission(s, &work, &person(LEAD, &[]), true),
        Ok(LEAD)
    );
    assert_eq!(
        code(check_resubmission(
            ReviewState::SUBMITTED,
            &work,
            &person(LEAD, &[]),
            true
        )),
        "result_not_returned"
    );
}

#[test]
fn mek_05_who_decides_is_the_exerciser_of_the_waiting_step() {
    let s = ReviewState::SUBMITTED;
    // The head of the Unit Organisasi cannot decide the first step in place of the Kabid.
    let refused =
        decide(CHAIN, OFFICE, LEAD, s, &person(KADIS, &[DINAS]), &pass(0)).expect_err("kadis");
    assert_eq!(refused.code, "not_the_reviewer");
    // A Plt. of the Kabid post decides: rights follow the position.
    let plt = person(EmployeeId(50), &[PositionId(7), BIDANG]);
    assert!(decide(CHAIN, OFFICE, LEAD, s, &plt, &pass(0)).is_ok());
    // A stale step (the result moved on) is already decided, whoever sends it.
    let moved = ReviewState::AtStep { step: 1 };
    assert_eq!(
        code(decide(
            CHAIN,
            OFFICE,
            LEAD,
            moved,
            &person(KABID, &[BIDANG]),
            &pass(0)
        )),
        "result_already_decided"
    );
    assert_eq!(
        code(decide(
            CHAIN,
            OFFICE,
            LEAD,
            ReviewState::Completed,
            &person(KADIS, &[DINAS]),
            &pass(1)
        )),
        "result_already_decided"
    );
}

#[test]
fn kin_04_the_submitter_never_reviews_their_own_result() {
    // The team lead became Plt. of the reviewing post after submitting.
    let lead_acting = person(LEAD, &[BIDANG]);
    let refused = decide(
        CHAIN,
        OFFICE,
        LEAD,
        ReviewState::SUBMITTED,
        &lead_acting,
        &pass(0),
    )
    .expect_err("own result");
    assert_eq!(refused.code, "own_result_review");
    assert_eq!(refused.citation.rule_id, RuleId::KIN_04);
}

#[test]
fn review_state_codes_read_back() {
    for s in [
        ReviewState::AtStep { step: 2 },
        ReviewState::Returned { step: 0 },
        ReviewState::Completed,
    ] {
        assert_eq!(ReviewState::parse(s.code(), s.step()), Some(s));
    }
    for k in [
        DecisionKind::Pass,
        DecisionKind::Return,
        DecisionKind::Accept,
    ] {
        assert_eq!(DecisionKind::parse(k.code()), Some(k));
    }
    assert_eq!(ReviewState::parse("at_step", None), None);
}

/// Lampiran I.A.3.c angka 3, I.D.3.c angka 3, I.E.3.c angka 3: the pass that delivers a result
/// to the Sekda, the Direktur or the Camat may rest on the expectation; every other pass and
/// the acceptance need the target, and sections B and C say target only.
#[test]
fn mek_05_target_or_expectation_only_on_the_pass_to_the_final_reviewer_of_setda_rsud_kecamatan() {
    const KABAG: PositionId = PositionId(200);
    const ASISTEN: PositionId = PositionId(201);
    const SEKDA: PositionId = PositionId(202);
    let three: &[PositionId] = &[KABAG, ASISTEN, SEKDA];
    let on_expectation = |step| Decision {
        meets_target: false,
        meets_expectation: true,
        ..pass(step)
    };
    for kind in DepartmentKind::ALL.iter().copied() {
        let text_allows = matches!(
            kind,
            DepartmentKind::RegionalSecretariat
                | DepartmentKind::Hospital
                | DepartmentKind::District
        );
        // The last-but-one step (the Asisten, Wakil Direktur, Sekretaris Camat).
        let asisten = person(KADIS, &[ASISTEN]);
        let at_one = ReviewState::AtStep { step: 1 };
        let got = decide(three, kind, LEAD, at_one, &asisten, &on_expectation(1));
        if text_allows {
            assert_eq!(got, Ok(ReviewState::AtStep { step: 2 }), "{kind:?}");
        } else {
            assert_eq!(code(got), "result_target_not_met", "{kind:?}");
        }
        assert_eq!(expectation_suffices(kind, 3, 1), text_allows, "{kind:?}");
        // The first step (Kepala Bagian) needs the target in every kind.
        let kabag = person(KABID, &[KABAG]);
        assert_eq!(
            code(decide(
                three,
                kind,
                LEAD,
                ReviewState::SUBMITTED,
                &kabag,
                &on_expectation(0)
            )),
            "result_target_not_met",
            "{kind:?}"
        );
        // The final reviewer accepts only a result meeting the target.
        let accept = Decision {
            kind: DecisionKind::Accept,
            ..on_expectation(2)
        };
        let sekda = person(EmployeeId(12), &[SEKDA]);
        let at_two = ReviewState::AtStep { step: 2 };
        assert_eq!(
            code(decide(three, kind, LEAD, at_two, &sekda, &accept)),
            "result_target_not_met",
            "{kind:?}"
        );
        // Neither target nor expectation: refused, citing MEK-05.
        let neither = Decision {
            meets_expectation: false,
            ..on_expectation(1)
        };
        let refused = decide(three, kind, LEAD, at_one, &asisten, &neither).expect_err("neither");
        assert_eq!(refused.code, "result_target_not_met");
        assert_eq!(refused.citation.rule_id, RuleId::MEK_05);
    }
    // A one-step chain (a Kepala Seksi directly under the Camat) has no pass at all.
    assert!(!expectation_suffices(DepartmentKind::District, 1, 0));
}
