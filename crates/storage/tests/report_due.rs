//! Conformance: the `report_due` scan (issue 18 point 4; LAP-01/02) on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects: periodic reports falling due are told to the reporter
//! once per schedule, period, due day and reporter — two scans at once write each event once,
//! a later scan writes nothing more, a report already submitted is not told.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::Utc;
use common::workflow::World;
use sikerja_domain::assignment::Day;
use sikerja_domain::execution::report::{ReportDraft, ReportKind};
use sikerja_domain::notification::{NotificationKind, Recipient};
use sikerja_storage::notifications::EventView;
use sikerja_storage::{ReportInput, WorkRef};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

async fn due_events(w: &World) -> Vec<EventView> {
    w.store
        .notification_events()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == NotificationKind::ReportDue)
        .collect()
}

#[tokio::test]
async fn lap_02_reports_falling_due_are_told_once_to_whoever_owes_them() {
    let w = World::new().await;
    let id = w.running_team().await;
    // The Pelaksana already sent March's report (due 5 April, monthly with five days).
    w.store
        .submit_report(
            WorkRef::Assignment(id),
            &ReportInput {
                kind: Some(ReportKind::MemberToLead),
                period_start: Some(day("2026-03-01")),
                draft: ReportDraft {
                    narrative: "Alur rujukan terdata.".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
            &w.actor(&w.d.pelaksana).await,
            day("2026-03-31"),
        )
        .await
        .unwrap();

    // Two days before: nothing falls due yet with one day's notice.
    assert_eq!(
        w.store
            .scan_reports_due(day("2026-04-03"), 1, Utc::now())
            .await
            .unwrap(),
        0
    );
    assert!(due_events(&w).await.is_empty());

    // The day before, two servers scan at once: the lead's team report and the Ahli
    // Pertama's member report, each written once.
    let mut at_once = tokio::task::JoinSet::new();
    for _ in 0..2 {
        let store = w.store.store().clone();
        at_once.spawn(async move {
            store
                .scan_reports_due(day("2026-04-04"), 1, Utc::now())
                .await
        });
    }
    let mut written = 0;
    while let Some(r) = at_once.join_next().await {
        written += r.unwrap().unwrap();
    }
    assert_eq!(written, 2);
    let events = due_events(&w).await;
    assert_eq!(events.len(), 2, "{events:?}");
    let lead = w.id(&w.d.ahli_muda).await;
    let ahli_pertama = w.id(&w.d.ahli_pertama).await;
    let mut to: Vec<Recipient> = events.iter().map(|e| e.recipient).collect();
    to.sort_by_key(|r| format!("{r:?}"));
    let mut expected = vec![Recipient::Employee(lead), Recipient::Employee(ahli_pertama)];
    expected.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(to, expected);
    for e in &events {
        assert_eq!(e.link, format!("/pelaksanaan/penugasan/{}", id.0));
        assert!(
            e.title
                .starts_with("Laporan jatuh tempo 5 April 2026: Tim Penyusunan SOP Rujukan"),
            "{e:?}"
        );
        assert_eq!(e.subject, id.0);
    }

    // A later scan — the same day, or the due day itself — writes nothing more.
    for today in ["2026-04-04", "2026-04-05"] {
        assert_eq!(
            w.store
                .scan_reports_due(day(today), 1, Utc::now())
                .await
                .unwrap(),
            0
        );
    }
    assert_eq!(due_events(&w).await.len(), 2);

    // Once late, a report is no longer "falling due"; April's falls due on 4 May, except for
    // a report sent early.
    assert_eq!(
        w.store
            .scan_reports_due(day("2026-04-06"), 1, Utc::now())
            .await
            .unwrap(),
        0
    );
    w.store
        .submit_report(
            WorkRef::Assignment(id),
            &ReportInput {
                kind: Some(ReportKind::MemberToLead),
                period_start: Some(day("2026-04-01")),
                draft: ReportDraft {
                    narrative: "Sudah selesai lebih awal.".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
            &w.actor(&w.d.pelaksana).await,
            day("2026-04-30"),
        )
        .await
        .unwrap();
    assert_eq!(
        w.store
            .scan_reports_due(day("2026-05-04"), 1, Utc::now())
            .await
            .unwrap(),
        2
    );
    let pelaksana = w.id(&w.d.pelaksana).await;
    assert!(
        due_events(&w)
            .await
            .iter()
            .all(|e| e.recipient != Recipient::Employee(pelaksana))
    );
}
