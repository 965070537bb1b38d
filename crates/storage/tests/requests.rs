//! Conformance: the approval workflows across Unit Organisasi and Instansi (issue 5; PEN-14,
//! PEN-15, PEN-17, PEN-18, DOC-04) on whichever backend `SIKERJA_TEST_DATABASE_URL` selects:
//! each lane is held by the position the regulation names, per member where the step is about
//! the member's side; the inbox, copies, letters, nudges and escalation follow the steps.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::{Duration, Utc};
use common::workflow::{World, involvement, step};
use sikerja_domain::assignment::AssignmentStatus;
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, MemberRole};
use sikerja_domain::planning::target::Execution;
use sikerja_domain::workflow::LetterKind;
use sikerja_domain::workflow::{ReminderKind, RequestState};
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{AssignmentInput, AuditActor, RequestStart, StorageError, TaskCategory};

fn code_of(e: &StorageError) -> &'static str {
    e.code()
}

#[tokio::test]
async fn pen_14_an_involvement_request_without_its_four_contents_is_refused_and_nothing_starts() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let mut start = involvement();
    start.involvement.competence = " ".into();
    start.involvement.duration = String::new();
    let err = w
        .store
        .start_request(
            id,
            &start,
            &w.actor(&w.d.kadis).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "involvement_incomplete", "{err:?}");
    let message = err.to_string();
    assert!(message.contains("ompetensi"), "{message}");
    assert!(message.contains("waktu"), "{message}");
    assert_eq!(w.store.request_of(id).await.unwrap(), None);
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Draft
    );
}

#[tokio::test]
async fn pen_14_pen_18_a_cross_unit_appointment_passes_every_lane_of_gambar_1_with_copies_and_letters()
 {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.workflow.code(), "cross_unit_appointment");
    assert_eq!(view.current_step.as_deref(), Some("ppk_decision"));
    // The PPK of the wanted person (from placement) is waited on, for that member.
    assert_eq!(view.waiting.len(), 1, "{:?}", view.waiting);
    assert_eq!(view.waiting[0].holder, "Kepala Bappeda");
    assert_eq!(view.waiting[0].party, w.id(&w.perencana).await.0);
    assert_eq!(view.purpose, "Menyusun rencana layanan rujukan 2026");
    // The request letter carries the four contents and goes to the target PPK.
    let letter = &view.letters[0];
    assert_eq!(letter.kind, LetterKind::InvolvementRequest);
    assert_eq!(
        letter.content.addressees,
        vec!["Kepala Bappeda".to_string()]
    );
    let inv = letter.content.involvement.as_ref().unwrap();
    assert_eq!(inv.duration, "4 bulan");
    assert_eq!(letter.content.rule_id, "PEN-14");
    // The copy goes to the requesting head's PPK: for the head of a Perangkat Daerah, the Bupati.
    let bupati = w.bupati();
    let inbox = w.store.inbox(&bupati).await.unwrap();
    assert!(
        inbox
            .iter()
            .any(|i| i.request == request && i.category == TaskCategory::Copy),
        "{inbox:?}"
    );
    // The target PPK sees the step to decide; someone else cannot take it.
    let ka_bappeda = w.actor(&w.ka_bappeda).await;
    let inbox = w.store.inbox(&ka_bappeda).await.unwrap();
    assert_eq!(inbox.len(), 1, "{inbox:?}");
    assert_eq!(w.store.inbox_count(&ka_bappeda).await.unwrap(), 1);
    assert_eq!(inbox[0].category, TaskCategory::Decide);
    assert_eq!(inbox[0].step, "ppk_decision");
    let kabid = w.actor(&w.d.kabid).await;
    let err = w
        .store
        .decide_step(
            request,
            &step("ppk_decision", false, "Setuju"),
            &kabid,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "not_the_step_holder");
    // Gambar 1: PPK agrees, head recommends, PPK composes, head issues the Surat Penugasan.
    for s in ["ppk_decision", "head_recommendation", "compose", "issue"] {
        w.store
            .decide_step(
                request,
                &step(s, false, "Setuju"),
                &ka_bappeda,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap_or_else(|e| panic!("{s}: {e:?}"));
    }
    assert!(w.store.inbox(&ka_bappeda).await.unwrap().is_empty());
    // The Sekda establishes it by Keputusan (PEN-12); only the Sekda.
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.current_step.as_deref(), Some("establish"));
    assert_eq!(view.waiting[0].holder, "Sekretaris Daerah");
    assert_eq!(view.waiting[0].held_by.as_deref(), Some("Muhammad Ridwan"));
    let err = w
        .store
        .decide_step(
            request,
            &step("establish", false, ""),
            &ka_bappeda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "not_the_step_holder");
    let sekda = w.actor(&w.sekda).await;
    w.store
        .decide_step(
            request,
            &step("establish", false, "Ditetapkan"),
            &sekda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    // Each member receives.
    let perencana = w.actor(&w.perencana).await;
    let inbox = w.store.inbox(&perencana).await.unwrap();
    assert_eq!(inbox[0].category, TaskCategory::Receive);
    w.store
        .decide_step(
            request,
            &step("receive", false, "Diterima"),
            &perencana,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Requested
    );
    w.store
        .decide_step(
            request,
            &step("receive", false, "Diterima"),
            &w.actor(&w.d.ahli_muda).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.state, RequestState::Assigned);
    assert!(view.waiting.is_empty());
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Active
    );
    let kinds: Vec<LetterKind> = view.letters.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        vec![
            LetterKind::InvolvementRequest,
            LetterKind::InvolvementAnswer,
            LetterKind::AssignmentLetter,
            LetterKind::SecretaryDecree,
        ]
    );
    let decree = &view.letters[3].content;
    assert_eq!(decree.signer.name, "Muhammad Ridwan, S.E.");
    assert_eq!(decree.members.len(), 2);
    let steps: Vec<&str> = view.steps.iter().map(|s| s.step.as_str()).collect();
    assert_eq!(
        steps,
        vec![
            "request",
            "ppk_decision",
            "head_recommendation",
            "compose",
            "issue",
            "establish",
            "receive",
            "receive"
        ]
    );
    assert_eq!(
        view.steps[1].actor_position.as_deref(),
        Some("Kepala Bappeda")
    );
}

#[tokio::test]
async fn pen_14_a_refusal_by_the_target_ppk_needs_reasons_ends_the_request_and_answers_with_them() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    let ka_bappeda = w.actor(&w.ka_bappeda).await;
    let err = w
        .store
        .decide_step(
            request,
            &step("ppk_decision", true, "  "),
            &ka_bappeda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "reasons_required");
    w.store
        .decide_step(
            request,
            &step("ppk_decision", true, "Perencana sedang menyusun RKPD"),
            &ka_bappeda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.state, RequestState::Refused);
    assert!(view.waiting.is_empty());
    let answer = view.letters.last().unwrap();
    assert_eq!(answer.kind, LetterKind::InvolvementAnswer);
    assert_eq!(answer.content.approved, Some(false));
    assert_eq!(
        answer.content.reasons.as_deref(),
        Some("Perencana sedang menyusun RKPD")
    );
    assert_eq!(
        answer.content.addressees,
        vec!["Kepala Dinas Kesehatan".to_string()]
    );
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Refused
    );
    let err = w
        .store
        .decide_step(
            request,
            &step("head_recommendation", false, ""),
            &ka_bappeda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "already_decided");
}

#[tokio::test]
async fn pen_17_a_volunteer_across_units_goes_to_the_target_head_then_their_own_head_and_the_sekda()
{
    let w = World::new().await;
    let perencana = w.actor(&w.perencana).await;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Individual,
            owner_unit: w.root,
            owner_agency: w.agency,
            method: AssignmentMethod::Volunteer,
            members: vec![w.member(&w.perencana, MemberRole::Member).await],
            responsible_official: None,
            field: "Kesehatan".into(),
            team_lead_reason: None,
        },
        title: "Analisis kebutuhan puskesmas".into(),
        target: None,
    };
    let id = w.store.create_assignment(&input, &perencana).await.unwrap();
    let request = w
        .store
        .start_request(
            id,
            &RequestStart {
                text: "Saya ingin terlibat".into(),
                ..Default::default()
            },
            &perencana,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    // Copies to their own PPK and own head (here one person: Kepala Bappeda).
    let ka_bappeda = w.actor(&w.ka_bappeda).await;
    let copies = w.store.inbox(&ka_bappeda).await.unwrap();
    assert!(copies.iter().all(|i| i.category == TaskCategory::Copy));
    assert!(!copies.is_empty());
    // The copy is read: its line leaves the inbox (both lanes' copies, one person).
    w.store
        .mark_read(copies[0].task, &ka_bappeda)
        .await
        .unwrap();
    assert!(w.store.inbox(&ka_bappeda).await.unwrap().is_empty());
    assert_eq!(w.store.inbox_count(&ka_bappeda).await.unwrap(), 0);
    let kadis = w.actor(&w.d.kadis).await;
    w.store
        .decide_step(
            request,
            &step("owner_decision", false, "Setuju"),
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    w.store
        .decide_step(
            request,
            &step("forward", false, "Diteruskan"),
            &perencana,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    // The own head decides, not the owner head.
    let err = w
        .store
        .decide_step(
            request,
            &step("own_head_decision", false, ""),
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "not_the_step_holder");
    w.store
        .decide_step(
            request,
            &step("own_head_decision", false, "Setuju"),
            &ka_bappeda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    w.store
        .decide_step(
            request,
            &step("establish", false, ""),
            &w.actor(&w.sekda).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    w.store
        .decide_step(
            request,
            &step("receive", false, ""),
            &perencana,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.workflow.code(), "volunteer_cross_unit");
    assert_eq!(view.state, RequestState::Assigned);
}

#[tokio::test]
async fn pen_18_the_requester_nudges_and_a_step_waiting_too_long_is_escalated_to_the_superior() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    // Only the requester nudges.
    let err = w
        .store
        .nudge(request, "Mohon segera", &w.actor(&w.d.kabid).await)
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "not_the_requester");
    let n = w
        .store
        .nudge(request, "Mohon segera", &w.actor(&w.d.kadis).await)
        .await
        .unwrap();
    assert_eq!(n, 1);
    let ka_bappeda = w.actor(&w.ka_bappeda).await;
    let inbox = w.store.inbox(&ka_bappeda).await.unwrap();
    assert!(inbox[0].reminded_at.is_some());
    // Not yet overdue: nothing escalated.
    assert_eq!(w.store.escalate_overdue(Utc::now()).await.unwrap(), 0);
    // After the agency's 72 hours: a reminder to the holder, a notice to their superior (the
    // head of a Perangkat Daerah answers to the Bupati), once.
    let later = Utc::now() + Duration::hours(73);
    assert_eq!(w.store.escalate_overdue(later).await.unwrap(), 1);
    assert_eq!(w.store.escalate_overdue(later).await.unwrap(), 0);
    let view = w.store.assignment_request(request).await.unwrap();
    let kinds: Vec<ReminderKind> = view.reminders.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ReminderKind::Nudge,
            ReminderKind::Reminder,
            ReminderKind::Escalation
        ]
    );
    assert!(view.waiting[0].escalated_at.is_some());
    let notices = w.store.inbox(&w.bupati()).await.unwrap();
    assert!(
        notices
            .iter()
            .any(|i| i.category == TaskCategory::Notice && i.request == request),
        "{notices:?}"
    );
}

#[tokio::test]
async fn pen_15_a_cross_agency_appointment_passes_both_authorities_and_the_bupati() {
    let w = World::new().await;
    // A second agency with its own Sekda and a JF.
    let (sekda_tala, kadis_tala, epid) = w.second_agency().await;
    let kadis = w.actor(&w.d.kadis).await;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: w.root,
            owner_agency: w.agency,
            method: AssignmentMethod::Appointment,
            members: vec![
                w.member(&w.d.ahli_muda, MemberRole::TeamLead).await,
                w.member(&epid, MemberRole::Member).await,
            ],
            responsible_official: None,
            field: "Kesehatan".into(),
            team_lead_reason: Some("Menguasai data".into()),
        },
        title: "Tim Surveilans Lintas Daerah".into(),
        target: None,
    };
    let id = w.store.create_assignment(&input, &kadis).await.unwrap();
    let request = w
        .store
        .start_request(
            id,
            &involvement(),
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    // Issue 15 point 4: the request is answered once issued.
    w.issue_request_letter(request, &kadis).await;
    let sekda = w.actor(&w.sekda).await;
    let sekda_tala = w.actor(&sekda_tala).await;
    let kadis_tala = w.actor(&kadis_tala).await;
    // The requesting agency's PyB (its Sekda) first; the other agency's Sekda cannot.
    let err = w
        .store
        .decide_step(
            request,
            &step("owner_authority_decision", false, ""),
            &sekda_tala,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "not_the_step_holder");
    let takes: [(&str, &PlanningActor); 7] = [
        ("owner_authority_decision", &sekda),
        ("target_authority_decision", &sekda_tala),
        ("head_recommendation", &kadis_tala),
        ("ppk_answer", &kadis_tala),
        ("target_authority_answer", &sekda_tala),
        ("issue", &kadis_tala),
        ("establish", &w.bupati()),
    ];
    for (s, by) in takes {
        w.store
            .decide_step(
                request,
                &step(s, false, "Setuju"),
                by,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap_or_else(|e| panic!("{s}: {e:?}"));
    }
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.current_step.as_deref(), Some("receive"));
    assert_eq!(view.letters.last().unwrap().kind, LetterKind::RegentDecree);
    // The Surat Penugasan is copied to both authorities and the PPK.
    let issue = view.steps.iter().find(|s| s.step == "issue").unwrap();
    assert_eq!(
        issue.copies,
        vec!["target_authority", "target_ppk", "owner_authority"]
    );
    let copies = w.store.inbox(&sekda).await.unwrap();
    assert!(copies.iter().any(|i| i.category == TaskCategory::Copy));
}

#[tokio::test]
async fn pen_15_the_agency_names_its_pejabat_yang_berwenang_and_that_position_decides() {
    let w = World::new().await;
    let admin = AuditActor::new("admin");
    let mut policy = w.store.workflow_policy(w.agency).await.unwrap();
    assert_eq!(policy.authority_position, None);
    assert_eq!(policy.escalation_hours, 72);
    policy.escalation_hours = 10_000;
    let err = w
        .store
        .set_workflow_policy(w.agency, &policy, &admin)
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "escalation_hours_out_of_range");
    policy.escalation_hours = 24;
    policy.authority_position = Some("tidak-ada".into());
    let err = w
        .store
        .set_workflow_policy(w.agency, &policy, &admin)
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "authority_position_unknown");
    assert_eq!(
        w.store
            .workflow_policy(w.agency)
            .await
            .unwrap()
            .escalation_hours,
        72
    );
    // The Kepala Bappeda's position is named: it, not the Sekda, decides for the agency.
    policy.authority_position = Some("ka-bappeda".into());
    w.store
        .set_workflow_policy(w.agency, &policy, &admin)
        .await
        .unwrap();
    let (_, _, epid) = w.second_agency().await;
    let kadis = w.actor(&w.d.kadis).await;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Individual,
            owner_unit: w.root,
            owner_agency: w.agency,
            method: AssignmentMethod::Appointment,
            members: vec![w.member(&epid, MemberRole::Member).await],
            responsible_official: None,
            field: "Kesehatan".into(),
            team_lead_reason: None,
        },
        title: "Kajian surveilans".into(),
        target: None,
    };
    let id = w.store.create_assignment(&input, &kadis).await.unwrap();
    let request = w
        .store
        .start_request(
            id,
            &involvement(),
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    // Issue 15 point 4: the request is answered once issued.
    w.issue_request_letter(request, &kadis).await;
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.waiting[0].holder, "Kepala Bappeda");
    let err = w
        .store
        .decide_step(
            request,
            &step("owner_authority_decision", false, ""),
            &w.actor(&w.sekda).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "not_the_step_holder");
    w.store
        .decide_step(
            request,
            &step("owner_authority_decision", false, "Setuju"),
            &w.actor(&w.ka_bappeda).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn pen_18_two_escalation_runs_at_once_escalate_a_step_once() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    let later = Utc::now() + Duration::hours(73);
    let mut runs = Vec::new();
    for _ in 0..4 {
        let store = w.store.clone();
        runs.push(tokio::spawn(
            async move { store.escalate_overdue(later).await },
        ));
    }
    let mut escalated = 0;
    for r in runs {
        escalated += r.await.unwrap().unwrap();
    }
    assert_eq!(escalated, 1);
    let view = w.store.assignment_request(request).await.unwrap();
    let reminders = view
        .reminders
        .iter()
        .filter(|r| r.kind == ReminderKind::Reminder)
        .count();
    assert_eq!(reminders, 1);
    let audited = w
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::Assignment,
            &id.to_string(),
        )
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == "request.escalated")
        .count();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn nudges_are_limited_to_one_per_request_and_person_per_interval_even_at_once() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    let kadis = w.actor(&w.d.kadis).await;
    // Eight nudges by the requester at once: exactly one is recorded.
    let mut all = tokio::task::JoinSet::new();
    for i in 0..8 {
        let store = w.store.store().clone();
        let by = kadis.clone();
        all.spawn(async move {
            store
                .nudge(request, &format!("Mohon segera {i}"), &by)
                .await
        });
    }
    let mut passed = 0;
    while let Some(result) = all.join_next().await {
        match result.unwrap() {
            Ok(_) => passed += 1,
            Err(e) => {
                assert_eq!(code_of(&e), "nudge_too_soon");
                assert!(e.to_string().contains("dapat dikirim mulai"), "{e}");
            }
        }
    }
    assert_eq!(passed, 1);
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.reminders.len(), 1);
    // Configured without a limit, the next one passes.
    let unlimited = w
        .store
        .store()
        .clone()
        .with_nudge_interval(Duration::zero());
    assert_eq!(
        unlimited
            .nudge(request, "Sekali lagi", &kadis)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn doc_04_a_request_copies_the_bupati_office_even_without_a_bupati_account_and_names_each_persons_perangkat_daerah()
 {
    // Issue 15 point 7: a Kepala Dinas's request printed no tembusan when the copy to their
    // PPK — the Bupati — had no account behind it.
    let w = World::without_regional_head(|d| {
        d.builder.bundle.agency.name = "Pemerintah Kabupaten Banjar".into();
    })
    .await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    let view = w.store.assignment_request(request).await.unwrap();
    let letter = &view.letters[0];
    assert_eq!(letter.kind, LetterKind::InvolvementRequest);
    assert!(
        letter.content.copies.contains(&"Bupati Banjar".to_string()),
        "{:?}",
        letter.content.copies
    );
    // Each person wanted is named with the Perangkat Daerah and Instansi of their own post.
    assert!(!letter.content.members.is_empty());
    for m in &letter.content.members {
        assert!(!m.department.is_empty(), "{m:?}");
        assert_eq!(m.agency, "Pemerintah Kabupaten Banjar", "{m:?}");
    }
    assert_eq!(letter.content.team, Some(true));
}

/// Issue 15 point 4 (DOC-05, PEN-14): the involvement request is answered only once it has
/// gone out numbered; the refusal changes nothing.
#[tokio::test]
async fn doc_05_pen_14_a_draft_involvement_request_cannot_be_answered_until_issued() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement_draft(id).await;
    let ka_bappeda = w.actor(&w.ka_bappeda).await;
    let audit_before = w.store.audit_rows().await.unwrap().len();
    let err = w
        .store
        .decide_step(
            request,
            &step("ppk_decision", false, "Setuju"),
            &ka_bappeda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "request_letter_not_issued", "{err:?}");
    assert!(err.to_string().contains("belum diterbitkan"), "{err}");
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.current_step.as_deref(), Some("ppk_decision"));
    assert_eq!(view.letters.len(), 1);
    assert_eq!(w.store.audit_rows().await.unwrap().len(), audit_before);
    // Issued by its signer, it is answered.
    w.issue_request_letter(request, &w.actor(&w.d.kadis).await)
        .await;
    w.store
        .decide_step(
            request,
            &step("ppk_decision", false, "Setuju"),
            &ka_bappeda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
}

/// Issue 15 point 4 (DOC-05, DOC-06, PEN-14): the head's step that makes the Surat Penugasan
/// issues it in the same decision — number from the register, both files stored, status
/// issued; a failed issue refuses the step and changes nothing.
#[tokio::test]
async fn doc_05_pen_14_the_signers_step_issues_its_letter_and_a_failed_issue_changes_nothing() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    let ka_bappeda = w.actor(&w.ka_bappeda).await;
    for s in ["ppk_decision", "head_recommendation", "compose"] {
        w.store
            .decide_step(
                request,
                &step(s, false, "Setuju"),
                &ka_bappeda,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap_or_else(|e| panic!("{s}: {e:?}"));
    }
    let before = w.store.assignment_request(request).await.unwrap();
    let audit_before = w.store.audit_rows().await.unwrap().len();
    let err = w
        .store
        .decide_step(
            request,
            &step("issue", false, "Ditetapkan"),
            &ka_bappeda,
            &sikerja_storage::testing::FailingLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "render_failed", "{err:?}");
    assert!(
        err.to_string().starts_with("Langkah tidak diambil"),
        "{err}"
    );
    let after = w.store.assignment_request(request).await.unwrap();
    assert_eq!(after.current_step.as_deref(), Some("issue"));
    assert_eq!(after.letters.len(), before.letters.len());
    assert_eq!(after.steps.len(), before.steps.len());
    assert_eq!(w.store.audit_rows().await.unwrap().len(), audit_before);

    w.store
        .decide_step(
            request,
            &step("issue", false, "Ditetapkan"),
            &ka_bappeda,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.current_step.as_deref(), Some("establish"));
    let letter = view
        .letters
        .iter()
        .find(|l| l.kind == LetterKind::AssignmentLetter)
        .expect("the Surat Penugasan");
    let issues = w.store.issues_of_letter(letter.id).await.unwrap();
    assert_eq!(issues.len(), 1, "{issues:?}");
    let issued = &issues[0];
    assert_eq!(
        issued.status,
        sikerja_domain::workflow::LetterStatus::Issued
    );
    assert!(!issued.number.is_empty() && !issued.number.contains('…'));
    let pdf = w
        .store
        .issued_file(issued.id, sikerja_storage::LetterFile::Pdf)
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // The step and the issue are audited together.
    let actions = w
        .store
        .audit_rows()
        .await
        .unwrap()
        .into_iter()
        .skip(audit_before)
        .map(|r| r.action)
        .collect::<Vec<_>>();
    assert!(actions.iter().any(|a| a == "request.step"), "{actions:?}");
    assert!(actions.iter().any(|a| a == "letter.issue"), "{actions:?}");
}
