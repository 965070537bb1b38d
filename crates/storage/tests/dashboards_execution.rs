//! Conformance: the execution dashboard's aggregates (issue 18; LAP-01..05, MEK-05) on
//! whichever backend `SIKERJA_TEST_DATABASE_URL` selects — a running Dinkes team with reports
//! on time and late, a request left unanswered, results waiting at the Kepala Bidang and the
//! Kepala Dinas, problems ageing; known answers for the agency, a department and unit subtrees.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::{DateTime, Duration, Utc};
use common::workflow::World;
use sikerja_domain::assignment::{AssignmentId, Day};
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::execution::issue::{Collaboration, IssueDecision, IssueDraft};
use sikerja_domain::execution::report::{ReportDraft, ReportKind};
use sikerja_domain::execution::review::DecisionKind;
use sikerja_domain::organisation::UnitId;
use sikerja_storage::dashboards::ExecutionDashboard;
use sikerja_storage::{ReportInput, ResultDecision, ResultSubmission, WorkRef};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn periodic(kind: ReportKind, start: &str) -> ReportInput {
    ReportInput {
        kind: Some(kind),
        period_start: Some(day(start)),
        draft: ReportDraft {
            narrative: "Pekerjaan berjalan.".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn problem(title: &str) -> IssueDraft {
    IssueDraft {
        title: title.into(),
        description: "Data rujukan belum lengkap.".into(),
        recommendations: vec!["Rapat koordinasi".into()],
        due: "2026-04-10".into(),
    }
}

fn submission(assignment: AssignmentId, title: &str) -> ResultSubmission {
    ResultSubmission {
        assignment,
        activity: None,
        title: title.into(),
        summary: "Draf SOP selesai.".into(),
        realisation: None,
        meets_target: true,
    }
}

async fn unit(w: &World, code: &str) -> UnitId {
    let org = w.store.load_organisation(w.agency).await.unwrap();
    org.units.iter().find(|u| u.code == code).expect(code).id
}

fn reports(d: &ExecutionDashboard) -> Vec<(&str, u32, u32, u32)> {
    d.reports
        .iter()
        .map(|r| (r.name.as_str(), r.on_time, r.late, r.requests_overdue))
        .collect()
}

fn reviewers(d: &ExecutionDashboard) -> Vec<(&str, u32, u32)> {
    d.reviewers
        .iter()
        .map(|r| (r.position_name.as_str(), r.waiting, r.oldest_days))
        .collect()
}

fn issues(d: &ExecutionDashboard) -> Vec<(&str, u32, u32, u32)> {
    d.issues
        .iter()
        .map(|r| (r.name.as_str(), r.under_week, r.week_to_month, r.over_month))
        .collect()
}

#[tokio::test]
async fn lap_01_mek_05_lap_05_execution_dashboard_counts_within_the_scope() {
    let w = World::new().await;
    let id = w.running_team().await;
    let work = WorkRef::Assignment(id);
    let lead = w.actor(&w.d.ahli_muda).await;
    let kabid = w.actor(&w.d.kabid).await;
    let kadis = w.actor(&w.d.kadis).await;

    // March's reports were due on 5 April (monthly, five days): two on time, one late.
    let pelaksana = w.actor(&w.d.pelaksana).await;
    w.store
        .submit_report(
            work,
            &periodic(ReportKind::MemberToLead, "2026-03-01"),
            &pelaksana,
            day("2026-03-31"),
        )
        .await
        .unwrap();
    w.store
        .submit_report(
            work,
            &periodic(ReportKind::TeamToHead, "2026-03-01"),
            &lead,
            day("2026-04-05"),
        )
        .await
        .unwrap();
    w.store
        .submit_report(
            work,
            &periodic(ReportKind::MemberToLead, "2026-03-01"),
            &w.actor(&w.d.ahli_pertama).await,
            day("2026-04-10"),
        )
        .await
        .unwrap();
    // LAP-03: a report asked of the Pelaksana by 15 April, never answered.
    let pelaksana_id = w.id(&w.d.pelaksana).await;
    w.store
        .request_report(
            work,
            pelaksana_id,
            day("2026-04-15"),
            "Mohon laporan data rujukan.",
            &kadis,
            day("2026-04-01"),
        )
        .await
        .unwrap();

    // MEK-05: two results; one passed by the Kepala Bidang to the Kepala Dinas.
    let first = w
        .store
        .submit_result(&submission(id, "Draf SOP rujukan"), &lead)
        .await
        .unwrap();
    w.store
        .submit_result(&submission(id, "Data rujukan triwulan I"), &lead)
        .await
        .unwrap();
    w.store
        .decide_result(
            first,
            &ResultDecision {
                step: 0,
                kind: DecisionKind::Pass,
                meets_target: true,
                meets_expectation: false,
                notes: "Sesuai target".into(),
            },
            &kabid,
        )
        .await
        .unwrap();
    let waits_since: DateTime<Utc> = w.store.work_result(first).await.unwrap().updated_at;

    // LAP-05: two problems; one decided by the Kepala Dinas later.
    let decided = w
        .store
        .raise_issue(
            id,
            &problem("Data Puskesmas belum masuk"),
            Collaboration::OwnerHead,
            &lead,
            day("2026-04-01"),
        )
        .await
        .unwrap();
    w.store
        .raise_issue(
            id,
            &problem("Format rujukan berbeda"),
            Collaboration::OwnerHead,
            &lead,
            day("2026-04-01"),
        )
        .await
        .unwrap();
    let raised: DateTime<Utc> = w.store.work_issues(id, &lead).await.unwrap()[0].raised_at;

    let agency = DashboardScope::Agency { agency: w.agency };
    let now = waits_since.max(raised) + Duration::days(10);
    let all = w.store.execution_dashboard(&agency, now).await.unwrap();
    assert_eq!(reports(&all), vec![("Dinas Kesehatan", 2, 1, 1)]);
    // The longest wait first; each post once.
    let mut seen = reviewers(&all);
    seen.sort();
    assert_eq!(
        seen,
        vec![
            ("Kepala Bidang Pelayanan Kesehatan", 1, 10),
            ("Kepala Dinas Kesehatan", 1, 10),
        ]
    );
    assert_eq!(issues(&all), vec![("Dinas Kesehatan", 0, 2, 0)]);

    // The age buckets: < 7 days, 7–30 days, > 30 days.
    let fresh = w
        .store
        .execution_dashboard(&agency, raised + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(issues(&fresh), vec![("Dinas Kesehatan", 2, 0, 0)]);
    let old = w
        .store
        .execution_dashboard(&agency, raised + Duration::days(31))
        .await
        .unwrap();
    assert_eq!(issues(&old), vec![("Dinas Kesehatan", 0, 0, 2)]);

    // A problem every addressee decided is no longer open.
    let view = w
        .store
        .work_issues(id, &lead)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.id == decided)
        .unwrap();
    for a in &view.addressees {
        w.store
            .decide_issue(
                a.id,
                &IssueDecision::Recommendation(0),
                "Paling cepat ditempuh",
                &kadis,
            )
            .await
            .unwrap();
    }
    let all = w.store.execution_dashboard(&agency, now).await.unwrap();
    assert_eq!(issues(&all), vec![("Dinas Kesehatan", 0, 1, 0)]);

    // The Kepala Bidang's subtree: the whole team sits there, the Kepala Dinas' post not.
    let yankes = DashboardScope::Within {
        agency: w.agency,
        departments: vec![],
        units: vec![unit(&w, "dinkes-yankes").await],
    };
    let d = w.store.execution_dashboard(&yankes, now).await.unwrap();
    assert_eq!(reports(&d), vec![("Dinas Kesehatan", 2, 1, 1)]);
    assert_eq!(
        reviewers(&d),
        vec![("Kepala Bidang Pelayanan Kesehatan", 1, 10)]
    );
    assert_eq!(issues(&d), vec![("Dinas Kesehatan", 0, 1, 0)]);

    // The Kepala Seksi's unit: the two members, not the lead; no reviewer, no problem.
    let rujukan = DashboardScope::Within {
        agency: w.agency,
        departments: vec![],
        units: vec![unit(&w, "dinkes-yankes-rujukan").await],
    };
    let d = w.store.execution_dashboard(&rujukan, now).await.unwrap();
    assert_eq!(reports(&d), vec![("Dinas Kesehatan", 1, 1, 1)]);
    assert!(d.reviewers.is_empty() && d.issues.is_empty());

    // Bappeda's head sees nothing of Dinkes.
    let org = w.store.load_organisation(w.agency).await.unwrap();
    let bappeda = org
        .departments
        .iter()
        .find(|d| d.code == "bappeda")
        .unwrap()
        .id;
    let d = w
        .store
        .execution_dashboard(
            &DashboardScope::Within {
                agency: w.agency,
                departments: vec![bappeda],
                units: vec![],
            },
            now,
        )
        .await
        .unwrap();
    assert!(d.reports.is_empty() && d.reviewers.is_empty() && d.issues.is_empty());
}
