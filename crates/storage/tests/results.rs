//! Conformance: results up the review chain (issue 13 point 7; MEK-04, MEK-05, KIN-04) on
//! whichever backend `SIKERJA_TEST_DATABASE_URL` selects: the chain fixed as rows at
//! submission, a step decided once under 50 parallel reviewers, a returned result back with
//! the submitter with the notes and resubmitted, acceptance realising the linked target and
//! the roll-up showing it, and nothing written on a refused action.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::Dinkes;
use common::workflow::World;
use sikerja_domain::Nip;
use sikerja_domain::assignment::AssignmentStatus;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentId, AssignmentMethod, Member, MemberRole,
};
use sikerja_domain::execution::review::{DecisionKind, ReviewState};
use sikerja_domain::org::ActingKind;
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{CheckedTarget, Execution, IndicatorKind};
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{
    AssignmentInput, RequestStart, ResultDecision, ResultResubmission, ResultSubmission, StepInput,
    StorageError, WorkResultId,
};

const KABID_POST: &str = "Kepala Bidang Pelayanan Kesehatan";
const KADIS_POST: &str = "Kepala Dinas Kesehatan";

fn code(e: &StorageError) -> &'static str {
    e.code()
}

fn target(indicator: &str) -> CheckedTarget {
    CheckedTarget {
        indicator: indicator.into(),
        kind: IndicatorKind::Quantitative,
        target: "90".into(),
        target_number: Some(90.0),
        unit: "%".into(),
        budget: 1_000_000,
        strategic_plan_ref: "Renstra 2025–2029 Sasaran 1".into(),
        annual_work_plan_ref: "Renja 2026 Program 1.02".into(),
        weight: 1,
    }
}

async fn post(w: &World, code: &str, nip: &Nip) -> Post {
    let org = w.store.load_organisation(w.agency).await.unwrap();
    Post {
        position: org.positions.iter().find(|p| p.code == code).unwrap().id,
        employee: Some(w.id(nip).await),
    }
}

/// The Kepala Dinas's target cascaded to the Kepala Bidang: (parent, child, kadis agreement).
async fn targets(w: &World) -> (i64, i64, i64) {
    let kadis = w.actor(&w.d.kadis).await;
    let top = w
        .store
        .create_agreement(w.agency, post(w, "kadis", &w.d.kadis).await, 2026, &kadis)
        .await
        .unwrap();
    let t1 = w
        .store
        .add_target(top, &target("Cakupan layanan rujukan"), None, &kadis)
        .await
        .unwrap();
    let (_, t2) = w
        .store
        .cascade_target(
            t1,
            post(w, "kabid-yankes", &w.d.kabid).await,
            &target("Rujukan tertangani tepat waktu"),
            &kadis,
        )
        .await
        .unwrap();
    (t1, t2, top)
}

/// A team of the Dinkes (lead: the JF Ahli Muda of the Bidang; member: the Pelaksana of the
/// Seksi) whose Surat Tugas was received by both: running.
async fn running_team(w: &World, target: Option<i64>) -> AssignmentId {
    running_team_led(w, &w.d.ahli_muda.clone(), target).await
}

/// The same team led by `lead`.
async fn running_team_led(w: &World, lead: &Nip, target: Option<i64>) -> AssignmentId {
    let members: Vec<Member> = vec![
        w.member(lead, MemberRole::TeamLead).await,
        w.member(&w.d.pelaksana, MemberRole::Member).await,
    ];
    let id = draft_team(w, members, target).await;
    let kadis = w.actor(&w.d.kadis).await;
    let request = w
        .store
        .start_request(
            id,
            &RequestStart {
                text: "Ditugaskan mempercepat rujukan".into(),
                ..Default::default()
            },
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    for nip in [lead, &w.d.pelaksana] {
        w.store
            .decide_step(
                request,
                &StepInput {
                    step: "receive".into(),
                    refuse: false,
                    text: "Diterima".into(),
                },
                &w.actor(nip).await,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap();
    }
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Active
    );
    id
}

async fn draft_team(w: &World, members: Vec<Member>, target: Option<i64>) -> AssignmentId {
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: w.root,
            owner_agency: w.agency,
            method: AssignmentMethod::Appointment,
            members,
            responsible_official: None,
            field: "Pelayanan kesehatan".into(),
            team_lead_reason: Some("Berpengalaman di bidang rujukan".into()),
        },
        title: "Tim Percepatan Rujukan".into(),
        target,
    };
    w.store
        .create_assignment(&input, &w.actor(&w.d.kadis).await)
        .await
        .unwrap()
}

fn submission(assignment: AssignmentId, realisation: Option<f64>) -> ResultSubmission {
    ResultSubmission {
        assignment,
        activity: Some(7),
        title: "Laporan percepatan rujukan triwulan I".into(),
        summary: "Waktu tunggu rujukan turun menjadi 2 hari.".into(),
        realisation,
        meets_target: true,
    }
}

fn decision(step: usize, kind: DecisionKind, notes: &str) -> ResultDecision {
    ResultDecision {
        step,
        kind,
        meets_target: kind != DecisionKind::Return,
        meets_expectation: false,
        notes: notes.into(),
    }
}

/// How many audit rows of `action` the result has.
async fn audited(w: &World, id: WorkResultId, action: &str) -> usize {
    w.store
        .audit_of(
            sikerja_domain::audit::AuditSubject::WorkResult,
            &id.to_string(),
        )
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == action)
        .count()
}

async fn result_audit_rows(w: &World) -> u64 {
    w.store
        .audit_entries(&sikerja_storage::AuditFilter {
            entity: Some("work_result".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn mek_05_a_team_result_is_returned_with_notes_resubmitted_and_accepted_realising_the_target()
{
    let w = World::new().await;
    let (t1, t2, top) = targets(&w).await;
    let id = running_team(&w, Some(t2)).await;
    let lead = w.actor(&w.d.ahli_muda).await;
    let kabid = w.actor(&w.d.kabid).await;
    let kadis = w.actor(&w.d.kadis).await;

    // MEK-04: a member does not submit the team's result; nor does the lead one that does not
    // meet the target. Nothing is written.
    let err = w
        .store
        .submit_result(&submission(id, Some(60.0)), &w.actor(&w.d.pelaksana).await)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_result_submitter");
    let mut not_met = submission(id, Some(60.0));
    not_met.meets_target = false;
    let err = w.store.submit_result(&not_met, &lead).await.unwrap_err();
    assert_eq!(code(&err), "result_target_not_met");
    assert!(w.store.results_of_assignment(id).await.unwrap().is_empty());
    assert_eq!(result_audit_rows(&w).await, 0);

    // The chain of a Dinas (Lampiran I.B.3.c): Kepala Bidang → Kepala Dinas, fixed as rows.
    let r = w
        .store
        .submit_result(&submission(id, Some(60.0)), &lead)
        .await
        .unwrap();
    let view = w.store.work_result(r).await.unwrap();
    assert_eq!(view.state, ReviewState::AtStep { step: 0 });
    assert_eq!(view.activity, Some(7));
    assert_eq!(view.waiting_at.as_deref(), Some(KABID_POST));
    let steps = view.current_steps();
    let names: Vec<&str> = steps.iter().map(|s| s.position_name.as_str()).collect();
    assert_eq!(names, [KABID_POST, KADIS_POST]);
    assert!(steps[1].accepts && !steps[0].accepts);
    assert!(
        steps
            .iter()
            .all(|s| s.rule_id == "MEK-05" && s.article == "Lampiran I.B.3.c")
    );
    assert_eq!(steps[0].reviewer, Some(w.id(&w.d.kabid).await));

    // It waits for the Kepala Bidang only.
    let waiting = w
        .store
        .results_waiting_for(w.id(&w.d.kabid).await)
        .await
        .unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].id, r);
    assert!(
        w.store
            .results_waiting_for(w.id(&w.d.kadis).await)
            .await
            .unwrap()
            .is_empty()
    );

    // The head of the Unit Organisasi cannot decide in the Kepala Bidang's place; a return
    // needs notes. Nothing is written.
    let err = w
        .store
        .decide_result(r, &decision(0, DecisionKind::Pass, ""), &kadis)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_reviewer");
    let err = w
        .store
        .decide_result(r, &decision(0, DecisionKind::Return, "  "), &kabid)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "return_notes_blank");
    assert_eq!(result_audit_rows(&w).await, 1);

    // Returned with notes: back with the submitter.
    let state = w
        .store
        .decide_result(
            r,
            &decision(
                0,
                DecisionKind::Return,
                "Lampirkan data waktu tunggu per puskesmas",
            ),
            &kabid,
        )
        .await
        .unwrap();
    assert_eq!(state, ReviewState::Returned { step: 0 });
    let view = w.store.work_result(r).await.unwrap();
    let returned = view.current_steps()[0].decision.as_ref().unwrap();
    assert_eq!(returned.decision, "return");
    assert_eq!(returned.notes, "Lampirkan data waktu tunggu per puskesmas");
    assert_eq!(view.submitter, Some(w.id(&w.d.ahli_muda).await));
    assert!(
        w.store
            .results_waiting_for(w.id(&w.d.kabid).await)
            .await
            .unwrap()
            .is_empty()
    );

    // Only the submitter side resubmits, and only a returned result.
    let again = ResultResubmission {
        summary: "Data waktu tunggu per puskesmas terlampir.".into(),
        realisation: Some(60.0),
        meets_target: true,
    };
    let err = w
        .store
        .resubmit_result(r, &again, &w.actor(&w.d.pelaksana).await)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_result_submitter");
    w.store.resubmit_result(r, &again, &lead).await.unwrap();
    let err = w.store.resubmit_result(r, &again, &lead).await.unwrap_err();
    assert_eq!(code(&err), "result_not_returned");

    // Round 2: the Kepala Bidang passes it up; the Kepala Dinas must accept or return.
    let view = w.store.work_result(r).await.unwrap();
    assert_eq!(view.round, 2);
    assert_eq!(view.rounds.len(), 2);
    assert!(view.current_steps().iter().all(|s| s.decision.is_none()));
    let state = w
        .store
        .decide_result(r, &decision(0, DecisionKind::Pass, "Sesuai target"), &kabid)
        .await
        .unwrap();
    assert_eq!(state, ReviewState::AtStep { step: 1 });
    let err = w
        .store
        .decide_result(r, &decision(1, DecisionKind::Pass, ""), &kadis)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "pass_at_last_reviewer");
    let state = w
        .store
        .decide_result(r, &decision(1, DecisionKind::Accept, ""), &kadis)
        .await
        .unwrap();
    assert_eq!(state, ReviewState::Completed);

    // The target is realised and the cascade's roll-up shows it.
    let view = w.store.work_result(r).await.unwrap();
    assert!(view.accepted_at.is_some());
    let z = view.realisation.unwrap();
    assert_eq!((z.target, z.before, z.after), (t2, 0.0, 60.0));
    let agreement = w.store.agreement(top).await.unwrap();
    let parent = agreement.targets.iter().find(|t| t.id == t1).unwrap();
    assert!((parent.progress - 60.0).abs() < 1e-9, "{}", parent.progress);

    // Every change is in the audit trail, once.
    for (action, n) in [
        ("result.submitted", 1),
        ("result.returned", 1),
        ("result.resubmitted", 1),
        ("result.passed", 1),
        ("result.accepted", 1),
    ] {
        assert_eq!(audited(&w, r, action).await, n, "{action}");
    }
    let listed = w.store.results_of_assignment(id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].state_label, "Diterima (selesai)");
}

#[tokio::test]
async fn mek_05_a_step_is_decided_once_under_50_parallel_reviewers() {
    let w = World::new().await;
    let id = running_team(&w, None).await;
    let r = w
        .store
        .submit_result(&submission(id, None), &w.actor(&w.d.ahli_muda).await)
        .await
        .unwrap();
    let kabid = w.actor(&w.d.kabid).await;
    let mut runs = Vec::new();
    for i in 0..50 {
        let store = w.store.clone();
        let by = kabid.clone();
        let kind = if i % 2 == 0 {
            DecisionKind::Pass
        } else {
            DecisionKind::Return
        };
        runs.push(tokio::spawn(async move {
            store
                .decide_result(r, &decision(0, kind, "Catatan peninjau"), &by)
                .await
        }));
    }
    let mut ok = 0;
    for run in runs {
        match run.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => assert_eq!(code(&e), "result_already_decided", "{e:?}"),
        }
    }
    assert_eq!(ok, 1);
    let view = w.store.work_result(r).await.unwrap();
    assert_eq!(
        view.current_steps()
            .iter()
            .filter(|s| s.decision.is_some())
            .count(),
        1
    );
    let decided = audited(&w, r, "result.passed").await + audited(&w, r, "result.returned").await;
    assert_eq!(decided, 1);
}

#[tokio::test]
async fn mek_05_a_vacant_reviewer_is_passed_over_with_a_note_and_a_plt_reviews_in_the_post() {
    // The Kepala Bidang leaves; nobody acts. A team led by the JF of the Seksi: the Kepala
    // Seksi (Pengawas) does not review in a Dinas, the vacant Kepala Bidang is passed over
    // with a note, the Kepala Dinas reviews and accepts.
    let w = World::new_with(|d: &mut Dinkes| {
        let kabid = d.kabid.clone();
        d.builder.bundle.employees.retain(|e| e.nip != kabid);
    })
    .await;
    let id = running_team_led(&w, &w.d.ahli_pertama.clone(), None).await;
    let r = w
        .store
        .submit_result(&submission(id, None), &w.actor(&w.d.ahli_pertama).await)
        .await
        .unwrap();
    let view = w.store.work_result(r).await.unwrap();
    let steps = view.current_steps();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].position_name, KADIS_POST);
    assert_eq!(steps[0].skipped.len(), 1);
    assert_eq!(steps[0].skipped[0].reason, "vacant");
    assert!(steps[0].skipped[0].note.contains(KABID_POST));

    // With the Kepala Seksi as Plt. Kepala Bidang, the Plt. reviews, and it is recorded.
    let w = World::new_with(|d: &mut Dinkes| {
        let (kabid, kasi) = (d.kabid.clone(), d.kasi.clone());
        d.builder.bundle.employees.retain(|e| e.nip != kabid);
        d.builder.acting(&kasi, "kabid-yankes", ActingKind::Plt);
    })
    .await;
    let id = running_team_led(&w, &w.d.ahli_pertama.clone(), None).await;
    let r = w
        .store
        .submit_result(&submission(id, None), &w.actor(&w.d.ahli_pertama).await)
        .await
        .unwrap();
    let view = w.store.work_result(r).await.unwrap();
    let steps = view.current_steps();
    assert_eq!(steps[0].position_name, KABID_POST);
    assert_eq!(steps[0].reviewer, Some(w.id(&w.d.kasi).await));
    assert_eq!(steps[0].acting.as_deref(), Some("plt"));
    let kasi: PlanningActor = w.actor(&w.d.kasi).await;
    w.store
        .decide_result(r, &decision(0, DecisionKind::Pass, ""), &kasi)
        .await
        .unwrap();
    let view = w.store.work_result(r).await.unwrap();
    let passed = view.current_steps()[0].decision.as_ref().unwrap();
    assert_eq!(passed.acting.as_deref(), Some("plt"));
    assert_eq!(view.waiting_at.as_deref(), Some(KADIS_POST));
}

#[tokio::test]
async fn mek_04_a_result_of_an_assignment_not_running_is_refused_and_nothing_is_written() {
    let w = World::new().await;
    let members = vec![
        w.member(&w.d.ahli_muda, MemberRole::TeamLead).await,
        w.member(&w.d.pelaksana, MemberRole::Member).await,
    ];
    let id = draft_team(&w, members, None).await;
    let err = w
        .store
        .submit_result(&submission(id, None), &w.actor(&w.d.ahli_muda).await)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "work_not_running");
    assert!(w.store.results_of_assignment(id).await.unwrap().is_empty());
    assert_eq!(result_audit_rows(&w).await, 0);
}
