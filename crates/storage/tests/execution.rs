//! Conformance: execution after the letter (issue 13 points 2, 3, 5; MEK-04, LAP-01..04) on
//! whichever backend `SIKERJA_TEST_DATABASE_URL` selects: the breakdown edited by the team
//! lead, periodic reports to the lead and from the lead to the head and PPK, late reports
//! seen by whoever awaits them, reports asked for by the head, feedback and its
//! acknowledgement — each decided once, a refused action writing nothing.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::workflow::{World, step};
use sikerja_domain::assignment::AssignmentStatus;
use sikerja_domain::assignment::{AssignmentId, Day};
use sikerja_domain::execution::breakdown::WorkItemDraft;
use sikerja_domain::execution::report::{ReportDraft, ReportKind, Timing};
use sikerja_storage::{ReportInput, StorageError, WorkRef};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn code(e: &StorageError) -> &'static str {
    e.code()
}

fn item(name: &str, who: i64, from: &str, until: &str) -> WorkItemDraft {
    WorkItemDraft {
        name: name.into(),
        responsible: who.to_string(),
        from: from.into(),
        until: until.into(),
        output: "Draf SOP".into(),
        budget: "1.500.000".into(),
    }
}

fn periodic(kind: ReportKind, start: &str, narrative: &str) -> ReportInput {
    ReportInput {
        kind: Some(kind),
        period_start: Some(day(start)),
        draft: ReportDraft {
            narrative: narrative.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

async fn audited(w: &World, action: &str) -> usize {
    w.store
        .audit_entries(&sikerja_storage::AuditFilter {
            action: Some(action.into()),
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .len()
}

#[tokio::test]
async fn mek_04_the_lead_breaks_the_work_down_the_members_and_head_read_it_nobody_else() {
    let w = World::new().await;
    let id = w.running_team().await;
    let work = WorkRef::Assignment(id);
    let pelaksana = w.id(&w.d.pelaksana).await;
    let ahli_pertama = w.id(&w.d.ahli_pertama).await;
    let drafts = [
        item(
            "Inventarisasi alur rujukan",
            pelaksana.0,
            "2026-03-01",
            "2026-03-31",
        ),
        item(
            "Penyusunan draf SOP",
            ahli_pertama.0,
            "2026-04-01",
            "2026-05-31",
        ),
    ];
    // A member is refused and nothing is written.
    let err = w
        .store
        .set_work_breakdown(work, &drafts, &w.actor(&w.d.pelaksana).await)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_breakdown_editor");
    assert!(err.to_string().contains("MEK-04"), "{err}");
    assert_eq!(audited(&w, "work.breakdown_set").await, 0);
    // Someone outside the work neither edits nor reads it.
    let outsider = w.actor(&w.perencana).await;
    assert_eq!(
        code(&w.store.work_breakdown(work, &outsider).await.unwrap_err()),
        "not_involved_in_work"
    );
    // The lead sets it; the head reads it, not editable.
    let lead = w.actor(&w.d.ahli_muda).await;
    let saved = w
        .store
        .set_work_breakdown(work, &drafts, &lead)
        .await
        .unwrap();
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[1].responsible, ahli_pertama);
    assert_eq!(saved[1].budget, 1_500_000);
    let seen = w
        .store
        .work_breakdown(work, &w.actor(&w.d.kadis).await)
        .await
        .unwrap();
    assert_eq!(seen.items, saved);
    assert!(!seen.editable);
    assert_eq!(seen.members.len(), 3);
    assert!(w.store.work_breakdown(work, &lead).await.unwrap().editable);
    // An activity outside the work's period is refused; the stored breakdown stays.
    let err = w
        .store
        .set_work_breakdown(
            work,
            &[item("Terlambat", pelaksana.0, "2026-06-01", "2026-07-31")],
            &lead,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "item_outside_period");
    assert_eq!(
        w.store.work_breakdown(work, &lead).await.unwrap().items,
        saved
    );
    assert_eq!(audited(&w, "work.breakdown_set").await, 1);
}

#[tokio::test]
async fn lap_02_members_report_to_the_lead_and_the_lead_to_the_head_once_per_period() {
    let w = World::new().await;
    let id = w.running_team().await;
    let work = WorkRef::Assignment(id);
    let pelaksana = w.actor(&w.d.pelaksana).await;
    let lead = w.actor(&w.d.ahli_muda).await;
    let today = day("2026-03-20");
    let report = w
        .store
        .submit_report(
            work,
            &periodic(
                ReportKind::MemberToLead,
                "2026-03-01",
                "Alur rujukan terdata.",
            ),
            &pelaksana,
            today,
        )
        .await
        .unwrap();
    // Once per period.
    let again = w
        .store
        .submit_report(
            work,
            &periodic(ReportKind::MemberToLead, "2026-03-01", "Lagi."),
            &pelaksana,
            today,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&again), "report_already_submitted");
    // A member does not report the team's work; a period not yet begun is refused.
    let err = w
        .store
        .submit_report(
            work,
            &periodic(ReportKind::TeamToHead, "2026-03-01", "Tim."),
            &pelaksana,
            today,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_team_lead_reporter");
    assert!(err.to_string().contains("LAP-02"), "{err}");
    let err = w
        .store
        .submit_report(
            work,
            &periodic(ReportKind::MemberToLead, "2026-04-01", "Nanti."),
            &pelaksana,
            today,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "report_period_not_started");
    assert_eq!(audited(&w, "work.report_submitted").await, 1);
    // The lead reports the team's work to the head (and the PPK).
    w.store
        .submit_report(
            work,
            &periodic(ReportKind::TeamToHead, "2026-03-01", "Tim berjalan."),
            &lead,
            today,
        )
        .await
        .unwrap();
    // The lead reads the member's report; the head reads both; the other member reads only
    // their own (none).
    assert_eq!(w.store.work_reports(work, &lead).await.unwrap().len(), 2);
    let kadis = w.actor(&w.d.kadis).await;
    let all = w.store.work_reports(work, &kadis).await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .any(|r| r.id == report && r.timing == Timing::OnTime)
    );
    let ahli_pertama = w.actor(&w.d.ahli_pertama).await;
    assert!(
        w.store
            .work_reports(work, &ahli_pertama)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        code(
            &w.store
                .work_report(report, &ahli_pertama)
                .await
                .unwrap_err()
        ),
        "not_a_report_reader"
    );
}

#[tokio::test]
async fn lap_02_a_late_report_is_visible_to_whoever_awaits_it() {
    let w = World::new().await;
    let id = w.running_team().await;
    let work = WorkRef::Assignment(id);
    // 10 April: March's reports were due on 5 April (monthly, five days).
    let today = day("2026-04-10");
    let schedule = w
        .store
        .work_schedule(work, &w.actor(&w.d.kadis).await, today)
        .await
        .unwrap();
    let march: Vec<_> = schedule
        .due
        .iter()
        .filter(|d| d.start == day("2026-03-01"))
        .collect();
    assert_eq!(march.len(), 3, "{march:?}");
    assert!(
        march
            .iter()
            .all(|d| d.timing == Timing::Late && d.due == day("2026-04-05"))
    );
    // The lead awaits the members' late reports; the head the lead's.
    let (_, lead_sees) = w
        .store
        .reporting_inbox(&w.actor(&w.d.ahli_muda).await, today)
        .await
        .unwrap();
    let pelaksana = w.id(&w.d.pelaksana).await;
    assert!(lead_sees.iter().any(|d| d.reporter == pelaksana
        && d.kind == ReportKind::MemberToLead
        && d.timing == Timing::Late));
    let (_, head_sees) = w
        .store
        .reporting_inbox(&w.actor(&w.d.kadis).await, today)
        .await
        .unwrap();
    assert!(
        head_sees
            .iter()
            .any(|d| d.kind == ReportKind::TeamToHead && d.timing == Timing::Late)
    );
    // The member sees their own late report and the open one of April.
    let (_, own) = w
        .store
        .reporting_inbox(&w.actor(&w.d.pelaksana).await, today)
        .await
        .unwrap();
    assert!(own.iter().any(|d| d.timing == Timing::Late));
    assert!(
        own.iter()
            .any(|d| d.timing == Timing::Open && d.start == day("2026-04-01"))
    );
    // Submitted late, it says so.
    w.store
        .submit_report(
            work,
            &periodic(ReportKind::MemberToLead, "2026-03-01", "Terlambat."),
            &w.actor(&w.d.pelaksana).await,
            today,
        )
        .await
        .unwrap();
    let schedule = w
        .store
        .work_schedule(work, &w.actor(&w.d.ahli_muda).await, today)
        .await
        .unwrap();
    let mine = schedule
        .due
        .iter()
        .find(|d| d.reporter == pelaksana && d.start == day("2026-03-01"))
        .unwrap();
    assert!(mine.report.is_some());
    assert!(matches!(
        mine.timing,
        Timing::SubmittedLate | Timing::OnTime
    ));
}

#[tokio::test]
async fn lap_03_the_head_asks_a_member_for_a_report_and_the_answer_is_recorded_once() {
    let w = World::new().await;
    let id = w.running_team().await;
    let work = WorkRef::Assignment(id);
    let today = day("2026-03-10");
    let pelaksana_id = w.id(&w.d.pelaksana).await;
    // The Kepala Bidang is not the head of the Unit Organisasi.
    let err = w
        .store
        .request_report(
            work,
            pelaksana_id,
            day("2026-03-12"),
            "Laporkan kemajuan",
            &w.actor(&w.d.kabid).await,
            today,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_org_unit_head");
    assert!(err.to_string().contains("LAP-03"), "{err}");
    let kadis = w.actor(&w.d.kadis).await;
    let request = w
        .store
        .request_report(
            work,
            pelaksana_id,
            day("2026-03-12"),
            "Laporkan kemajuan inventarisasi",
            &kadis,
            today,
        )
        .await
        .unwrap();
    let pelaksana = w.actor(&w.d.pelaksana).await;
    let (asked, _) = w.store.reporting_inbox(&pelaksana, today).await.unwrap();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].id, request);
    assert_eq!(asked[0].timing, Timing::Open);
    // Only the person asked answers it.
    let answer = ReportInput {
        request: Some(request),
        draft: ReportDraft {
            narrative: "Inventarisasi 60%.".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let err = w
        .store
        .submit_report(work, &answer, &w.actor(&w.d.ahli_pertama).await, today)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_requested_reporter");
    let report = w
        .store
        .submit_report(work, &answer, &pelaksana, today)
        .await
        .unwrap();
    let err = w
        .store
        .submit_report(work, &answer, &pelaksana, today)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "report_already_submitted");
    let (asked, _) = w.store.reporting_inbox(&pelaksana, today).await.unwrap();
    assert!(asked.is_empty());
    let schedule = w.store.work_schedule(work, &kadis, today).await.unwrap();
    assert_eq!(schedule.requests[0].report, Some(report));
    assert_eq!(
        w.store.work_report(report, &kadis).await.unwrap().kind,
        ReportKind::Requested
    );
    assert_eq!(audited(&w, "work.report_requested").await, 1);
}

#[tokio::test]
async fn mek_04_feedback_from_head_and_lead_is_kept_with_its_position_and_acknowledged_once() {
    let w = World::new().await;
    let id = w.running_team().await;
    let work = WorkRef::Assignment(id);
    let pelaksana_id = w.id(&w.d.pelaksana).await;
    let lead_id = w.id(&w.d.ahli_muda).await;
    let pelaksana = w.actor(&w.d.pelaksana).await;
    let report = w
        .store
        .submit_report(
            work,
            &periodic(
                ReportKind::MemberToLead,
                "2026-03-01",
                "Alur rujukan terdata.",
            ),
            &pelaksana,
            day("2026-03-20"),
        )
        .await
        .unwrap();
    let kadis = w.actor(&w.d.kadis).await;
    let lead = w.actor(&w.d.ahli_muda).await;
    let on_report = w
        .store
        .give_feedback(
            work,
            pelaksana_id,
            Some(report),
            "Lengkapi data puskesmas.",
            &lead,
        )
        .await
        .unwrap();
    w.store
        .give_feedback(work, lead_id, None, "Percepat draf SOP.", &kadis)
        .await
        .unwrap();
    // A member gives no feedback; nobody to themself.
    let err = w
        .store
        .give_feedback(work, lead_id, None, "Saran.", &pelaksana)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_a_feedback_giver");
    let err = w
        .store
        .give_feedback(work, lead_id, None, "Saya.", &lead)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "feedback_to_self");
    assert_eq!(audited(&w, "work.feedback_given").await, 2);
    let all = w.store.work_feedback(work, &kadis).await.unwrap();
    assert_eq!(all.len(), 2);
    let head_fb = all.iter().find(|f| f.to == lead_id).unwrap();
    assert!(
        head_fb.author_label.contains("Kepala Dinas Kesehatan"),
        "{head_fb:?}"
    );
    assert!(head_fb.author_position.is_some());
    // The member sees what was given to them and acknowledges it once; nobody else may.
    let mine = w.store.unacknowledged_feedback(&pelaksana).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].report, Some(report));
    let err = w
        .store
        .acknowledge_feedback(on_report, &lead)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_feedback_recipient");
    let mut all_at_once = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let store = w.store.store().clone();
        let by = pelaksana.clone();
        all_at_once.spawn(async move { store.acknowledge_feedback(on_report, &by).await });
    }
    let mut passed = 0;
    while let Some(r) = all_at_once.join_next().await {
        match r.unwrap() {
            Ok(()) => passed += 1,
            Err(e) => assert_eq!(code(&e), "feedback_already_acknowledged"),
        }
    }
    assert_eq!(passed, 1);
    assert_eq!(audited(&w, "work.feedback_acknowledged").await, 1);
    assert!(
        w.store
            .unacknowledged_feedback(&pelaksana)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn lap_02_fifty_identical_reports_at_once_are_recorded_once() {
    let w = World::new().await;
    let id = w.running_team().await;
    let work = WorkRef::Assignment(id);
    let pelaksana = w.actor(&w.d.pelaksana).await;
    let mut all = tokio::task::JoinSet::new();
    for i in 0..50 {
        let store = w.store.store().clone();
        let by = pelaksana.clone();
        all.spawn(async move {
            store
                .submit_report(
                    work,
                    &periodic(
                        ReportKind::MemberToLead,
                        "2026-03-01",
                        &format!("Laporan {i}"),
                    ),
                    &by,
                    day("2026-03-20"),
                )
                .await
        });
    }
    let mut passed = 0;
    while let Some(r) = all.join_next().await {
        match r.unwrap() {
            Ok(_) => passed += 1,
            Err(e) => assert_eq!(code(&e), "report_already_submitted", "{e}"),
        }
    }
    assert_eq!(passed, 1);
    assert_eq!(audited(&w, "work.report_submitted").await, 1);
    assert_eq!(
        w.store
            .work_reports(work, &w.actor(&w.d.kadis).await)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn mek_04_nothing_is_reported_before_the_letter_is_issued() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let err = w
        .store
        .submit_report(
            WorkRef::Assignment(id),
            &periodic(ReportKind::MemberToLead, "2026-03-01", "Terlalu dini."),
            &w.actor(&w.perencana).await,
            day("2026-03-20"),
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "work_not_running");
}

#[tokio::test]
async fn lap_01_the_agency_sets_the_period_and_addressees_and_the_schedule_follows() {
    use sikerja_domain::execution::report::{ReportAddressees, ReportPeriod, ReportPolicy};
    let w = World::new().await;
    let id = w.running_team().await;
    assert_eq!(
        w.store.report_policy(w.agency).await.unwrap(),
        ReportPolicy::default()
    );
    let quarterly = ReportPolicy {
        period: ReportPeriod::Quarterly,
        grace_days: 10,
        addressees: ReportAddressees::OrgUnitHead,
    };
    let admin = sikerja_storage::AuditActor::new("admin");
    w.store
        .set_report_policy(w.agency, &quarterly, &admin)
        .await
        .unwrap();
    let err = w
        .store
        .set_report_policy(
            w.agency,
            &ReportPolicy {
                grace_days: 40,
                ..quarterly
            },
            &admin,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "grace_days_out_of_range");
    assert_eq!(w.store.report_policy(w.agency).await.unwrap(), quarterly);
    let schedule = w
        .store
        .work_schedule(
            WorkRef::Assignment(id),
            &w.actor(&w.d.kadis).await,
            day("2026-03-10"),
        )
        .await
        .unwrap();
    let lead_duty: Vec<_> = schedule
        .due
        .iter()
        .filter(|d| d.kind == ReportKind::TeamToHead)
        .collect();
    // March, then April–June: two quarters cut to the work.
    assert_eq!(lead_duty.len(), 2);
    assert_eq!(lead_duty[0].due, day("2026-04-10"));
    assert_eq!(lead_duty[0].to, ["Kepala Dinas Kesehatan"]);
}

/// The cross-unit team of Dinkes with Bappeda's Perencana, run through Gambar 1 to active.
async fn running_cross_unit_team(w: &World) -> AssignmentId {
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    let ka_bappeda = w.actor(&w.ka_bappeda).await;
    for s in ["ppk_decision", "head_recommendation", "compose", "issue"] {
        w.store
            .decide_step(
                request,
                &step(s, false, "Setuju"),
                &ka_bappeda,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap();
    }
    w.store
        .decide_step(
            request,
            &step("establish", false, "Ditetapkan"),
            &w.actor(&w.sekda).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    for nip in [&w.perencana, &w.d.ahli_muda] {
        w.store
            .decide_step(
                request,
                &step("receive", false, "Diterima"),
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

fn problem() -> sikerja_domain::execution::issue::IssueDraft {
    sikerja_domain::execution::issue::IssueDraft {
        title: "Data rujukan Bappeda belum tersedia".into(),
        description: "Data rujukan antarwilayah dipegang Bappeda dan belum dibagikan.".into(),
        recommendations: vec![
            "Surat Kepala Dinas kepada Kepala Bappeda".into(),
            "Rapat koordinasi kedua unit".into(),
        ],
        due: "2026-04-10".into(),
    }
}

#[tokio::test]
async fn lap_05_a_cross_unit_problem_goes_to_the_owner_head_and_the_members_home_head() {
    use sikerja_domain::execution::issue::{Collaboration, IssueDecision};
    let w = World::new().await;
    let id = running_cross_unit_team(&w).await;
    let today = day("2026-04-01");
    let lead = w.actor(&w.d.ahli_muda).await;
    // A member raises nothing; nothing is written.
    let err = w
        .store
        .raise_issue(
            id,
            &problem(),
            Collaboration::UnitHeads,
            &w.actor(&w.perencana).await,
            today,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_team_raising");
    assert!(err.to_string().contains("LAP-05"), "{err}");
    assert_eq!(audited(&w, "work.issue_raised").await, 0);
    let issue = w
        .store
        .raise_issue(id, &problem(), Collaboration::UnitHeads, &lead, today)
        .await
        .unwrap();
    let kadis = w.actor(&w.d.kadis).await;
    let ka_bappeda = w.actor(&w.ka_bappeda).await;
    // Each addressee sees it to decide.
    let to_kadis = w.store.issues_to_decide(&kadis).await.unwrap();
    assert_eq!(to_kadis.len(), 1);
    let v = &to_kadis[0];
    assert_eq!(v.id, issue);
    let labels: Vec<&str> = v.addressees.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(labels, ["Kepala Dinas Kesehatan", "Kepala Bappeda"]);
    assert_eq!(
        w.store.issues_to_decide(&ka_bappeda).await.unwrap().len(),
        1
    );
    // The home head, outside the work, reads the problems sent to them.
    assert_eq!(w.store.work_issues(id, &ka_bappeda).await.unwrap().len(), 1);
    // Nobody decides for another; a decision needs its reason; each decides once.
    let kadis_row = v.addressees[0].id;
    let bappeda_row = v.addressees[1].id;
    let err = w
        .store
        .decide_issue(bappeda_row, &IssueDecision::Recommendation(0), "x", &kadis)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_issue_addressee");
    let err = w
        .store
        .decide_issue(kadis_row, &IssueDecision::Recommendation(0), " ", &kadis)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "issue_reason_required");
    w.store
        .decide_issue(
            kadis_row,
            &IssueDecision::Recommendation(0),
            "Paling cepat ditempuh",
            &kadis,
        )
        .await
        .unwrap();
    let mut at_once = tokio::task::JoinSet::new();
    for i in 0..10 {
        let store = w.store.store().clone();
        let by = ka_bappeda.clone();
        at_once.spawn(async move {
            store
                .decide_issue(
                    bappeda_row,
                    &IssueDecision::Other(format!("Data dibagikan melalui portal ({i})")),
                    "Sesuai tugas dan fungsi Bappeda",
                    &by,
                )
                .await
        });
    }
    let mut passed = 0;
    while let Some(r) = at_once.join_next().await {
        match r.unwrap() {
            Ok(()) => passed += 1,
            Err(e) => assert_eq!(code(&e), "issue_already_decided"),
        }
    }
    assert_eq!(passed, 1);
    assert_eq!(audited(&w, "work.issue_decided").await, 2);
    let issues = w.store.work_issues(id, &lead).await.unwrap();
    assert!(issues[0].decided());
    assert_eq!(
        issues[0].addressees[0].decision.as_ref().unwrap().decision,
        "Surat Kepala Dinas kepada Kepala Bappeda"
    );
    assert_eq!(
        issues[0].addressees[0]
            .decision
            .as_ref()
            .unwrap()
            .recommendation,
        Some(1)
    );
    assert!(w.store.issues_to_decide(&kadis).await.unwrap().is_empty());
}

#[tokio::test]
async fn lap_05_an_undecided_problem_is_overdue_after_its_due_day_and_nudged_once_a_day() {
    use sikerja_domain::execution::issue::Collaboration;
    let w = World::new().await;
    let id = w.running_team().await;
    let lead = w.actor(&w.d.ahli_muda).await;
    // Within one Unit Organisasi there is nobody to collaborate with.
    let err = w
        .store
        .raise_issue(
            id,
            &problem(),
            Collaboration::UnitHeads,
            &lead,
            day("2026-04-01"),
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "issue_no_collaboration");
    let issue = w
        .store
        .raise_issue(
            id,
            &problem(),
            Collaboration::OwnerHead,
            &lead,
            day("2026-04-01"),
        )
        .await
        .unwrap();
    let views = w
        .store
        .issues_to_decide(&w.actor(&w.d.kadis).await)
        .await
        .unwrap();
    assert!(!views[0].overdue(day("2026-04-10")));
    assert!(views[0].overdue(day("2026-04-11")));
    let now = chrono::Utc::now();
    w.store.nudge_issue(issue, &lead, now).await.unwrap();
    let err = w
        .store
        .nudge_issue(issue, &lead, now + chrono::TimeDelta::hours(2))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "issue_nudge_too_soon");
    w.store
        .nudge_issue(issue, &lead, now + chrono::TimeDelta::hours(25))
        .await
        .unwrap();
    assert_eq!(audited(&w, "work.issue_nudged").await, 2);
    // Only the lead nudges.
    let err = w
        .store
        .nudge_issue(
            issue,
            &w.actor(&w.d.pelaksana).await,
            now + chrono::TimeDelta::hours(60),
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_team_raising");
}

#[tokio::test]
async fn lap_05_a_problem_is_read_by_its_team_and_addressees_only() {
    use sikerja_domain::execution::issue::Collaboration;
    let w = World::new().await;
    let id = w.running_team().await;
    let lead = w.actor(&w.d.ahli_muda).await;
    let issue = w
        .store
        .raise_issue(
            id,
            &problem(),
            Collaboration::OwnerHead,
            &lead,
            day("2026-04-01"),
        )
        .await
        .unwrap();
    let v = w
        .store
        .team_issue(issue, &w.actor(&w.d.pelaksana).await)
        .await
        .unwrap();
    assert_eq!(v.recommendations.len(), 2);
    assert_eq!(v.addressees[0].label, "Kepala Dinas Kesehatan");
    assert!(!v.addressees[0].yours);
    let head_view = w
        .store
        .team_issue(issue, &w.actor(&w.d.kadis).await)
        .await
        .unwrap();
    assert!(head_view.addressees[0].yours);
    assert_eq!(
        code(
            &w.store
                .team_issue(issue, &w.actor(&w.perencana).await)
                .await
                .unwrap_err()
        ),
        "not_involved_in_work"
    );
}
