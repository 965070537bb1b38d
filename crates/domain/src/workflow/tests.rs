//! The workflows step by step (PEN-13..18).

use super::*;

fn run(kind: WorkflowKind, decisions: &[(&str, Decision)]) -> (State, Vec<Transition>) {
    let mut state = start(kind);
    let mut taken = Vec::new();
    for (step, d) in decisions {
        let t = advance(kind, &state, step, d).unwrap();
        state = t.to.clone();
        taken.push(t);
    }
    (state, taken)
}

fn proceed(steps: &[&'static str]) -> Vec<(&'static str, Decision)> {
    steps.iter().map(|s| (*s, Decision::Proceed)).collect()
}

fn refuse(reasons: &str) -> Decision {
    Decision::Refuse(Refusal {
        reasons: reasons.into(),
    })
}

#[test]
fn pen_13_within_the_unit_the_head_assigns_with_a_surat_tugas_and_the_employee_receives_it() {
    let (state, taken) = run(
        WorkflowKind::WithinUnitAppointment,
        &proceed(&["assign", "receive"]),
    );
    assert_eq!(state, State::Assigned);
    assert_eq!(taken[0].lane, Lane::OwnerHead);
    assert_eq!(taken[0].letter, Some(LetterKind::SuratTugas));
    assert_eq!(taken[1].lane, Lane::Employee);
}

#[test]
fn pen_14_a_cross_unit_appointment_goes_through_the_target_ppk_and_head_to_a_secretary_decree() {
    let steps = [
        "request",
        "ppk_decision",
        "head_recommendation",
        "compose",
        "issue",
        "establish",
        "receive",
    ];
    let (state, taken) = run(WorkflowKind::CrossUnitAppointment, &proceed(&steps));
    assert_eq!(state, State::Assigned);
    let lanes: Vec<Lane> = taken.iter().map(|t| t.lane).collect();
    assert_eq!(
        lanes,
        [
            Lane::OwnerHead,
            Lane::TargetPpk,
            Lane::TargetHead,
            Lane::TargetPpk,
            Lane::TargetHead,
            Lane::RegionalSecretary,
            Lane::Employee
        ]
    );
    assert_eq!(taken[0].letter, Some(LetterKind::InvolvementRequest));
    assert_eq!(taken[0].copies, [Lane::RequesterPpk]);
    assert_eq!(taken[4].letter, Some(LetterKind::AssignmentLetter));
    // PEN-12: cross-unit → Keputusan Sekretaris Daerah.
    assert_eq!(taken[5].letter, Some(LetterKind::SecretaryDecree));
    let def = WorkflowKind::CrossUnitAppointment.definition();
    assert_eq!(
        def.citation().to_string(),
        "PEN-14 · Lampiran II.B.1.b, Gambar 1"
    );
}

#[test]
fn pen_14_a_refusal_needs_reasons_ends_the_request_and_answers_with_a_letter() {
    let kind = WorkflowKind::CrossUnitAppointment;
    let state = advance(kind, &start(kind), "request", &Decision::Proceed)
        .unwrap()
        .to;
    assert_eq!(
        advance(kind, &state, "ppk_decision", &refuse("  ")),
        Err(WorkflowError::ReasonsRequired)
    );
    let t = advance(
        kind,
        &state,
        "ppk_decision",
        &refuse("Pegawai sedang bertugas pada tim lain"),
    )
    .unwrap();
    assert_eq!(
        t.to,
        State::Refused {
            step: "ppk_decision"
        }
    );
    assert_eq!(t.letter, Some(LetterKind::InvolvementAnswer));
    assert_eq!(
        advance(kind, &t.to, "head_recommendation", &Decision::Proceed),
        Err(WorkflowError::Closed)
    );
}

#[test]
fn pen_15_a_cross_agency_appointment_passes_both_authorities_and_ends_with_a_regent_decree() {
    let steps = [
        "request",
        "owner_authority_decision",
        "target_authority_decision",
        "head_recommendation",
        "ppk_answer",
        "target_authority_answer",
        "issue",
        "establish",
        "receive",
    ];
    let (state, taken) = run(WorkflowKind::CrossAgencyAppointment, &proceed(&steps));
    assert_eq!(state, State::Assigned);
    assert_eq!(taken[1].lane, Lane::OwnerAuthority);
    assert_eq!(taken[2].lane, Lane::TargetAuthority);
    // The Surat Penugasan is copied to both authorities and the PPK (II.B.1.c.5.b).
    assert_eq!(
        taken[6].copies,
        [Lane::TargetAuthority, Lane::TargetPpk, Lane::OwnerAuthority]
    );
    assert_eq!(taken[7].letter, Some(LetterKind::RegentDecree));
    assert_eq!(taken[7].lane, Lane::RegionalHead);
    // A refusal at any decision ends it.
    for refusable in [
        "owner_authority_decision",
        "target_authority_decision",
        "head_recommendation",
        "ppk_answer",
        "target_authority_answer",
    ] {
        let kind = WorkflowKind::CrossAgencyAppointment;
        let mut state = start(kind);
        for s in steps.iter().take_while(|s| **s != refusable) {
            state = advance(kind, &state, s, &Decision::Proceed).unwrap().to;
        }
        let t = advance(kind, &state, refusable, &refuse("Tidak tersedia")).unwrap();
        assert_eq!(t.to, State::Refused { step: refusable }, "{refusable}");
    }
}

#[test]
fn pen_16_a_volunteer_within_the_unit_is_assigned_when_the_head_agrees() {
    let (state, taken) = run(
        WorkflowKind::VolunteerWithinUnit,
        &proceed(&["wish", "head_decision", "receive"]),
    );
    assert_eq!(state, State::Assigned);
    assert_eq!(taken[0].lane, Lane::Employee);
    assert_eq!(taken[1].letter, Some(LetterKind::SuratTugas));
    let kind = WorkflowKind::VolunteerWithinUnit;
    let state = advance(kind, &start(kind), "wish", &Decision::Proceed)
        .unwrap()
        .to;
    let t = advance(
        kind,
        &state,
        "head_decision",
        &refuse("Beban kerja sudah penuh"),
    )
    .unwrap();
    assert_eq!(
        t.to,
        State::Refused {
            step: "head_decision"
        }
    );
}

#[test]
fn pen_17_a_volunteer_across_units_needs_the_target_head_then_their_own_head() {
    let steps = [
        "request",
        "owner_decision",
        "forward",
        "own_head_decision",
        "establish",
        "receive",
    ];
    let (state, taken) = run(WorkflowKind::VolunteerCrossUnit, &proceed(&steps));
    assert_eq!(state, State::Assigned);
    assert_eq!(taken[0].copies, [Lane::OwnPpk, Lane::OwnHead]);
    assert_eq!(taken[1].lane, Lane::OwnerHead);
    assert_eq!(taken[3].lane, Lane::OwnHead);
    assert_eq!(taken[3].letter, Some(LetterKind::AssignmentLetter));
}

#[test]
fn pen_18_a_step_is_decided_once_and_only_in_its_turn() {
    let kind = WorkflowKind::CrossUnitAppointment;
    let s0 = start(kind);
    // Not yet its turn.
    assert!(matches!(
        advance(kind, &s0, "compose", &Decision::Proceed),
        Err(WorkflowError::AlreadyDecided { .. })
    ));
    let s1 = advance(kind, &s0, "request", &Decision::Proceed)
        .unwrap()
        .to;
    // Taken already: the second decision of the same step is refused.
    assert!(matches!(
        advance(kind, &s1, "request", &Decision::Proceed),
        Err(WorkflowError::AlreadyDecided { .. })
    ));
    assert!(matches!(
        advance(kind, &s1, "nonsense", &Decision::Proceed),
        Err(WorkflowError::UnknownStep { .. })
    ));
    // A submission cannot be refused.
    assert_eq!(
        advance(kind, &s0, "request", &refuse("x")),
        Err(WorkflowError::NotRefusable)
    );
}

#[test]
fn every_workflow_is_a_path_from_its_first_step_to_assigned_over_known_steps() {
    for kind in WorkflowKind::ALL {
        let def = kind.definition();
        assert_eq!(WorkflowKind::from_code(kind.code()), Some(kind));
        let mut state = start(kind);
        let mut seen = 0;
        while let Some(step) = state.current() {
            assert!(def.step(step).is_some(), "{kind:?}: {step}");
            state = advance(kind, &state, step, &Decision::Proceed).unwrap().to;
            seen += 1;
            assert!(seen <= def.steps.len(), "{kind:?} loops");
        }
        assert_eq!(state, State::Assigned, "{kind:?}");
        assert_eq!(seen, def.steps.len(), "{kind:?}: every step is on the path");
        // Each lane of the swimlane has a label, and the employee receives the letter last.
        assert!(def.lanes().iter().all(|l| !l.label().is_empty()));
        assert_eq!(def.steps.last().map(|s| s.lane), Some(Lane::Employee));
    }
}

#[test]
fn pen_14_pen_15_a_recommendation_is_recommended_and_a_keputusan_established() {
    for kind in WorkflowKind::ALL {
        let def = kind.definition();
        for s in def.steps {
            if s.code == "head_recommendation" {
                assert_eq!(s.kind, StepKind::Recommend, "{kind:?}");
                assert_eq!(s.kind.action_label(), "Rekomendasikan");
                assert!(s.refusable(), "a recommendation may be refused");
            }
            if matches!(
                s.letter,
                Some(LetterKind::SecretaryDecree | LetterKind::RegentDecree)
            ) {
                assert_eq!(s.kind, StepKind::Establish, "{kind:?} {}", s.code);
                assert_eq!(s.kind.action_label(), "Tetapkan");
            }
        }
    }
}

#[test]
fn pen_12_the_step_making_an_instrument_issues_it_and_a_request_or_answer_does_not() {
    for kind in WorkflowKind::ALL {
        for s in kind.definition().steps {
            let issues = s.issues_on_proceed();
            match s.letter {
                Some(
                    l @ (LetterKind::SuratTugas
                    | LetterKind::AssignmentLetter
                    | LetterKind::SecretaryDecree
                    | LetterKind::RegentDecree),
                ) => assert_eq!(issues, Some(l), "{kind:?} {}", s.code),
                _ => assert_eq!(issues, None, "{kind:?} {}", s.code),
            }
        }
    }
}

#[test]
fn doc_05_an_involvement_request_is_answered_only_once_issued() {
    for kind in [
        WorkflowKind::CrossUnitAppointment,
        WorkflowKind::CrossAgencyAppointment,
    ] {
        let answer = kind.definition().steps[1].code;
        let refused = check_answerable(kind, answer, |_| false);
        assert!(
            matches!(refused, Err(WorkflowError::LetterNotIssued { .. })),
            "{kind:?}: {refused:?}"
        );
        assert_eq!(
            check_answerable(kind, answer, |l| l == LetterKind::InvolvementRequest),
            Ok(())
        );
        // The request itself, and later steps, need nothing issued.
        assert_eq!(check_answerable(kind, "request", |_| false), Ok(()));
        assert_eq!(check_answerable(kind, "receive", |_| false), Ok(()));
    }
    // A volunteer's request carries no letter: nothing to wait for.
    assert_eq!(
        check_answerable(WorkflowKind::VolunteerCrossUnit, "owner_decision", |_| {
            false
        }),
        Ok(())
    );
}
