//! Conformance: an approved activity plan as work (issue 13 point 2; MEK-04, LAP-01, LAP-04)
//! on whichever backend `SIKERJA_TEST_DATABASE_URL` selects: the JF Ahli Pertama's plan of
//! 2026, approved by the Kepala Seksi who sets their agreement, runs only once approved; it is
//! listed for its holder and its approver, broken down by its holder within the approved total,
//! reported on to the head, and given feedback by the head; outsiders do nothing; a refused
//! action writes nothing.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::workflow::World;
use sikerja_domain::assignment::Day;
use sikerja_domain::execution::breakdown::WorkItemDraft;
use sikerja_domain::execution::report::{ReportDraft, ReportKind, Timing};
use sikerja_domain::planning::activity::Activity;
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{CheckedTarget, IndicatorKind};
use sikerja_storage::{ReportInput, WorkRef};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn item(name: &str, who: i64, budget: &str) -> WorkItemDraft {
    WorkItemDraft {
        name: name.into(),
        responsible: who.to_string(),
        from: "2026-03-02".into(),
        until: "2026-03-31".into(),
        output: "Data rujukan".into(),
        budget: budget.into(),
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

/// The Kepala Seksi sets the JF Ahli Pertama's agreement of 2026 with one target; the JF
/// drafts a plan of 2,000,000 for it and submits it (not yet approved).
async fn submitted_plan(w: &World) -> i64 {
    let kasi = w.actor(&w.d.kasi).await;
    let jf = w.actor(&w.d.ahli_pertama).await;
    let org = w.store.load_organisation(w.agency).await.unwrap();
    let position = org
        .positions
        .iter()
        .find(|p| p.code == "jf-pertama")
        .unwrap()
        .id;
    let post = Post {
        position,
        employee: Some(w.id(&w.d.ahli_pertama).await),
    };
    let pk = w
        .store
        .create_agreement(w.agency, post, 2026, &kasi)
        .await
        .unwrap();
    let target = CheckedTarget {
        indicator: "Laporan surveilans".into(),
        kind: IndicatorKind::Quantitative,
        target: "1".into(),
        target_number: Some(1.0),
        unit: "dokumen".into(),
        budget: 2_000_000,
        strategic_plan_ref: String::new(),
        annual_work_plan_ref: String::new(),
        weight: 1,
    };
    let t = w.store.add_target(pk, &target, None, &kasi).await.unwrap();
    let plan = w
        .store
        .draft_activity_plan(
            t,
            "Rencana surveilans",
            &[Activity {
                name: "Pengumpulan data".into(),
                output: "Data rujukan".into(),
                month_from: 1,
                month_to: 12,
                budget: 2_000_000,
            }],
            &jf,
        )
        .await
        .unwrap();
    w.store.submit_activity_plan(plan, &jf).await.unwrap();
    plan
}

#[tokio::test]
async fn mek_04_a_plan_runs_once_approved_and_nothing_is_written_before() {
    let w = World::new().await;
    let plan = submitted_plan(&w).await;
    let r = WorkRef::Plan(plan);
    let jf = w.actor(&w.d.ahli_pertama).await;
    let kasi = w.actor(&w.d.kasi).await;
    let me = w.id(&w.d.ahli_pertama).await.0;

    // Submitted, not approved: not running, listed for nobody, nothing recorded.
    assert!(w.store.plans_involving(&jf).await.unwrap().is_empty());
    let bd = w.store.work_breakdown(r, &jf).await.unwrap();
    assert!(!bd.running);
    let err = w
        .store
        .set_work_breakdown(r, &[item("Pengumpulan", me, "500.000")], &jf)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "work_not_running");
    assert!(err.to_string().contains("MEK-04"), "{err}");
    assert_eq!(audited(&w, "work.breakdown_set").await, 0);

    // Approved by the Kepala Seksi: running, listed for the holder and the approver only.
    w.store.approve_activity_plan(plan, &kasi).await.unwrap();
    assert_eq!(w.store.plans_involving(&jf).await.unwrap(), vec![r]);
    assert_eq!(w.store.plans_involving(&kasi).await.unwrap(), vec![r]);
    let outsider = w.actor(&w.d.pelaksana).await;
    assert!(w.store.plans_involving(&outsider).await.unwrap().is_empty());
    let bd = w.store.work_breakdown(r, &jf).await.unwrap();
    assert!(bd.running);
    assert!(bd.editable);
    assert_eq!(bd.budget, Some(2_000_000));
    assert_eq!(bd.members.len(), 1);
    assert_eq!(bd.members[0].employee.0, me);
    assert!(bd.reader.member.is_some());
    let head = w.store.work_breakdown(r, &kasi).await.unwrap();
    assert!(head.reader.owner_head.is_some());
    assert!(!head.editable);
    let err = w.store.work_breakdown(r, &outsider).await.unwrap_err();
    assert_eq!(err.code(), "not_involved_in_work");
}

#[tokio::test]
async fn mek_04_lap_01_lap_04_the_holder_breaks_down_and_reports_the_head_gives_feedback() {
    let w = World::new().await;
    let plan = submitted_plan(&w).await;
    let r = WorkRef::Plan(plan);
    let jf = w.actor(&w.d.ahli_pertama).await;
    let kasi = w.actor(&w.d.kasi).await;
    let outsider = w.actor(&w.d.pelaksana).await;
    let me = w.id(&w.d.ahli_pertama).await;
    w.store.approve_activity_plan(plan, &kasi).await.unwrap();

    // MEK-04: only the holder, only within the approved total; refusals write nothing.
    let err = w
        .store
        .set_work_breakdown(r, &[item("Pengumpulan", me.0, "500.000")], &kasi)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_the_breakdown_editor");
    let err = w
        .store
        .set_work_breakdown(r, &[item("Pengumpulan", me.0, "2.000.001")], &jf)
        .await
        .unwrap_err();
    assert!(
        matches!(err, sikerja_storage::StorageError::Invalid { .. }),
        "{err}"
    );
    assert_eq!(audited(&w, "work.breakdown_set").await, 0);
    let items = w
        .store
        .set_work_breakdown(r, &[item("Pengumpulan", me.0, "1.500.000")], &jf)
        .await
        .unwrap();
    assert_eq!(items.len(), 1);

    // LAP-01: on 20 March the holder owes January and February (late) and March (open);
    // the head awaits the late ones. Both inboxes carry the plan.
    let today = day("2026-03-20");
    let (_, due) = w.store.reporting_inbox(&jf, today).await.unwrap();
    let mine: Vec<_> = due.iter().filter(|d| d.work == r).collect();
    assert_eq!(mine.len(), 3, "{mine:?}");
    assert!(mine.iter().all(|d| d.kind == ReportKind::IndividualToHead));
    assert_eq!(mine.iter().filter(|d| d.timing == Timing::Late).count(), 2);
    let (_, awaited) = w.store.reporting_inbox(&kasi, today).await.unwrap();
    assert_eq!(
        awaited
            .iter()
            .filter(|d| d.work == r && d.timing == Timing::Late)
            .count(),
        2
    );
    let (_, none) = w.store.reporting_inbox(&outsider, today).await.unwrap();
    assert!(none.iter().all(|d| d.work != r));

    let input = ReportInput {
        kind: Some(ReportKind::IndividualToHead),
        period_start: Some(day("2026-03-01")),
        draft: ReportDraft {
            progress: vec![(items[0].id, "30".into())],
            narrative: "Data puskesmas terkumpul.".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let err = w
        .store
        .submit_report(r, &input, &outsider, today)
        .await
        .unwrap_err();
    assert!(err.code().starts_with("not_"), "{err}");
    let report = w.store.submit_report(r, &input, &jf, today).await.unwrap();
    let read = w.store.work_report(report, &kasi).await.unwrap();
    assert_eq!(read.work, r);
    let err = w.store.work_report(report, &outsider).await.unwrap_err();
    assert!(err.code().starts_with("not_"), "{err}");

    // LAP-04: the head gives feedback on the report; an outsider and the holder to
    // themself are refused; the holder acknowledges it.
    let err = w
        .store
        .give_feedback(r, me, Some(report), "Bagus.", &outsider)
        .await
        .unwrap_err();
    assert!(err.code().starts_with("not_"), "{err}");
    let err = w
        .store
        .give_feedback(r, me, None, "Catatan saya.", &jf)
        .await
        .unwrap_err();
    assert!(
        matches!(err.code(), "feedback_to_self" | "not_a_feedback_giver"),
        "{err}"
    );
    let given = w
        .store
        .give_feedback(r, me, Some(report), "Sertakan data klinik.", &kasi)
        .await
        .unwrap();
    let open = w.store.unacknowledged_feedback(&jf).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].work, r);
    w.store.acknowledge_feedback(given, &jf).await.unwrap();
    assert!(
        w.store
            .unacknowledged_feedback(&jf)
            .await
            .unwrap()
            .is_empty()
    );
}
