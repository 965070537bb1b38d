//! Conformance: the dashboards' aggregates (issue 18) on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects — each on a small built agency with known answers, for
//! the whole agency, a department and a unit with its subtree.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::dinkes;
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::organisation::{AgencyId, UnitId};
use sikerja_storage::dashboards::PlacementDashboard;
use sikerja_storage::testing::{TestStore, fresh_store};

struct World {
    store: TestStore,
    agency: AgencyId,
}

impl World {
    async fn new() -> World {
        let store = fresh_store().await;
        let d = dinkes("kab-banjar");
        let agency = store
            .import_agency(&d.builder.build(), "tester")
            .await
            .unwrap()
            .agency;
        World { store, agency }
    }

    async fn unit(&self, code: &str) -> UnitId {
        let org = self.store.load_organisation(self.agency).await.unwrap();
        org.units.iter().find(|u| u.code == code).expect(code).id
    }

    async fn department(&self, code: &str) -> sikerja_domain::organisation::DepartmentId {
        let org = self.store.load_organisation(self.agency).await.unwrap();
        org.departments
            .iter()
            .find(|d| d.code == code)
            .expect(code)
            .id
    }
}

fn departments(d: &PlacementDashboard) -> Vec<(&str, u32, u32)> {
    d.departments
        .iter()
        .map(|r| (r.name.as_str(), r.placed, r.unresolved))
        .collect()
}

fn spans(d: &PlacementDashboard) -> Vec<(&str, u32, u32)> {
    d.spans
        .iter()
        .map(|r| (r.position_name.as_str(), r.placed, r.assessed))
        .collect()
}

#[tokio::test]
async fn placement_dashboard_counts_per_department_and_ked_10_spans_within_the_scope() {
    let w = World::new().await;
    let all = w
        .store
        .placement_dashboard(&DashboardScope::Agency { agency: w.agency })
        .await
        .unwrap();
    // Dinas Kesehatan: five JF/Pelaksana, the Ahli Utama unresolved; Bappeda: one.
    assert_eq!(
        departments(&all),
        vec![
            ("Dinas Kesehatan", 4, 1),
            ("Badan Perencanaan Pembangunan Daerah", 1, 0),
        ]
    );
    assert_eq!(
        spans(&all),
        vec![
            ("Kepala Seksi Pelayanan Rujukan", 2, 2),
            ("Kepala Dinas Kesehatan", 1, 1),
            ("Kepala Bidang Pelayanan Kesehatan", 1, 1),
            ("Kepala Bappeda", 1, 1),
        ]
    );
    // KED-10: the agency's threshold in force (the default), nobody above it.
    assert_eq!(all.threshold, 15);
    assert_eq!(all.over_threshold(), 0);

    let dinkes = w.department("dinkes").await;
    let by_dept = w
        .store
        .placement_dashboard(&DashboardScope::Within {
            agency: w.agency,
            departments: vec![dinkes],
            units: vec![],
        })
        .await
        .unwrap();
    assert_eq!(departments(&by_dept), vec![("Dinas Kesehatan", 4, 1)]);
    assert_eq!(spans(&by_dept).len(), 3);

    // A Kepala Bidang: the Bidang and its Seksi (the subtree), not the Dinas' root unit.
    let yankes = w.unit("dinkes-yankes").await;
    let by_unit = w
        .store
        .placement_dashboard(&DashboardScope::Within {
            agency: w.agency,
            departments: vec![],
            units: vec![yankes],
        })
        .await
        .unwrap();
    assert_eq!(departments(&by_unit), vec![("Dinas Kesehatan", 3, 0)]);
    assert_eq!(
        spans(&by_unit),
        vec![
            ("Kepala Seksi Pelayanan Rujukan", 2, 2),
            ("Kepala Bidang Pelayanan Kesehatan", 1, 1),
        ]
    );

    // Another agency's scope sees none of it.
    let other = w
        .store
        .placement_dashboard(&DashboardScope::Agency {
            agency: AgencyId(w.agency.0 + 100),
        })
        .await;
    if let Ok(other) = other {
        assert!(other.departments.is_empty() && other.spans.is_empty());
    }
}

#[tokio::test]
async fn dashboard_departments_lists_what_the_scope_reaches() {
    let w = World::new().await;
    let all = w
        .store
        .dashboard_departments(&DashboardScope::Agency { agency: w.agency })
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|d| d.units.is_empty()));
    let yankes = w.unit("dinkes-yankes").await;
    let bappeda = w.department("bappeda").await;
    let within = w
        .store
        .dashboard_departments(&DashboardScope::Within {
            agency: w.agency,
            departments: vec![bappeda],
            units: vec![yankes],
        })
        .await
        .unwrap();
    let seen: Vec<(&str, usize)> = within
        .iter()
        .map(|d| (d.name.as_str(), d.units.len()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("Dinas Kesehatan", 1),
            ("Badan Perencanaan Pembangunan Daerah", 0)
        ]
    );
}

/// The world of the assignment and workflow dashboards: the cross-unit team of Dinkes with
/// Bappeda's Perencana (2026-03-01..06-30), its request answered by the Kepala Bappeda after
/// five hours and waiting on her recommendation, nudged and escalated; and a within-unit team
/// of Dinkes in 2027 (a draft).
struct WorkWorld {
    w: common::workflow::World,
    /// The moment the escalation ran: the open step is overdue then.
    later: chrono::DateTime<chrono::Utc>,
}

impl WorkWorld {
    async fn new() -> WorkWorld {
        use chrono::{Duration, Utc};
        use common::workflow::step;
        use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, MemberRole};
        use sikerja_domain::planning::target::Execution;

        let w = common::workflow::World::new().await;
        let id = w.cross_unit_team().await;
        let request = w.request_involvement(id).await;
        let ka_bappeda = w.actor(&w.ka_bappeda).await;
        w.store
            .decide_step(
                request,
                &step("ppk_decision", false, "Setuju"),
                &ka_bappeda,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap();
        // The PPK's step was opened five hours before it was taken.
        let shift = if w.store.url().starts_with("postgres") {
            "UPDATE request_tasks SET created_at = done_at - INTERVAL '5 hours' WHERE step = 'ppk_decision' AND kind = 'decide'"
        } else {
            "UPDATE request_tasks SET created_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', julianday(done_at) - 5.0 / 24.0) WHERE step = 'ppk_decision' AND kind = 'decide'"
        };
        w.store.execute_sql(shift).await.unwrap();
        let kadis = w.actor(&w.d.kadis).await;
        w.store
            .nudge(request, "Mohon segera", &kadis)
            .await
            .unwrap();
        let later = Utc::now() + Duration::hours(73);
        assert_eq!(w.store.escalate_overdue(later).await.unwrap(), 1);

        let member = |nip: &sikerja_domain::Nip, role| {
            let w = &w;
            let nip = nip.clone();
            async move {
                let mut m = w.member(&nip, role).await;
                m.from = Day::parse("2027-01-01").unwrap();
                m.until = Day::parse("2027-03-31").unwrap();
                m
            }
        };
        let input = sikerja_storage::AssignmentInput {
            draft: AssignmentDraft {
                id: None,
                execution: Execution::Team,
                owner_unit: w.root,
                owner_agency: w.agency,
                method: AssignmentMethod::Appointment,
                members: vec![
                    member(&w.d.ahli_muda, MemberRole::TeamLead).await,
                    member(&w.d.ahli_pertama, MemberRole::Member).await,
                ],
                responsible_official: None,
                field: "Kesehatan".into(),
                team_lead_reason: Some("Menguasai data rujukan".into()),
            },
            title: "Tim Evaluasi Rujukan 2027".into(),
            target: None,
        };
        w.store.create_assignment(&input, &kadis).await.unwrap();
        WorkWorld { w, later }
    }

    fn agency(&self) -> DashboardScope {
        DashboardScope::Agency {
            agency: self.w.agency,
        }
    }

    async fn unit_scope(&self, code: &str) -> DashboardScope {
        let org = self.w.store.load_organisation(self.w.agency).await.unwrap();
        let unit = org.units.iter().find(|u| u.code == code).expect(code).id;
        DashboardScope::Within {
            agency: self.w.agency,
            departments: vec![],
            units: vec![unit],
        }
    }

    async fn department_scope(&self, code: &str) -> DashboardScope {
        let org = self.w.store.load_organisation(self.w.agency).await.unwrap();
        let d = org
            .departments
            .iter()
            .find(|d| d.code == code)
            .expect(code)
            .id;
        DashboardScope::Within {
            agency: self.w.agency,
            departments: vec![d],
            units: vec![],
        }
    }
}

fn day(s: &str) -> sikerja_domain::assignment::Day {
    sikerja_domain::assignment::Day::parse(s).unwrap()
}

fn workload(d: &sikerja_storage::dashboards::AssignmentDashboard) -> Vec<(&str, u32, u32)> {
    d.workload
        .iter()
        .map(|r| (r.name.as_str(), r.own_unit, r.seconded))
        .collect()
}

fn by_scope(d: &sikerja_storage::dashboards::AssignmentDashboard) -> Vec<(&str, &str, &str, u32)> {
    d.by_scope
        .iter()
        .map(|c| {
            (
                c.scope.code(),
                c.instrument.code(),
                c.status.code(),
                c.count,
            )
        })
        .collect()
}

#[tokio::test]
async fn pen_05_06_assignment_dashboard_counts_team_assignments_as_the_check_does_within_the_scope()
{
    use sikerja_domain::assignment::CountWindow;
    let ww = WorkWorld::new().await;
    let store = &ww.w.store;
    // PEN-07 by calendar year (the default): 2026 counts the cross-unit team only — the
    // Dinkes JF in her own Unit Organisasi (PEN-05), the Perencana seconded (PEN-06).
    let all = store
        .assignment_dashboard(&ww.agency(), day("2026-06-01"), None)
        .await
        .unwrap();
    assert_eq!(all.window, CountWindow::CalendarYear);
    assert_eq!(
        workload(&all),
        vec![("Agus Salim", 0, 1), ("Rina Marlina", 1, 0)]
    );
    assert_eq!(
        all.at_limit(sikerja_domain::assignment::MembershipKind::OwnUnit),
        0
    );
    // 2027: the within-unit team only.
    let next = store
        .assignment_dashboard(&ww.agency(), day("2027-02-01"), None)
        .await
        .unwrap();
    assert_eq!(
        workload(&next),
        vec![("Dewi Lestari", 1, 0), ("Rina Marlina", 1, 0)]
    );
    // By scope and instrument (PEN-03, PEN-12), whatever the year.
    assert_eq!(
        by_scope(&all),
        vec![
            ("within_unit", "assignment_letter", "draft", 1),
            ("cross_unit", "secretary_decree", "requested", 1),
        ]
    );
    // The timeline: the first unit with members (the Bidang of the Ahli Muda), her two periods.
    let names: Vec<&str> = all.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Bidang Pelayanan Kesehatan",
            "Seksi Pelayanan Rujukan",
            "Bappeda"
        ]
    );
    assert_eq!(all.unit, Some(all.units[0].id));
    let periods: Vec<(String, String, &str)> = all
        .timeline
        .iter()
        .map(|p| (p.from.to_string(), p.until.to_string(), p.title.as_str()))
        .collect();
    assert_eq!(
        periods,
        vec![
            (
                "2026-03-01".into(),
                "2026-06-30".into(),
                "Tim Perencanaan Layanan Rujukan"
            ),
            (
                "2027-01-01".into(),
                "2027-03-31".into(),
                "Tim Evaluasi Rujukan 2027"
            ),
        ]
    );
    // A unit asked for: the Seksi; a unit outside the scope: none.
    let seksi = all.units[1].id;
    let d = store
        .assignment_dashboard(&ww.agency(), day("2026-06-01"), Some(seksi))
        .await
        .unwrap();
    assert_eq!(d.unit, Some(seksi));
    assert_eq!(d.timeline.len(), 1);
    assert_eq!(d.timeline[0].name, "Dewi Lestari");

    // Bappeda: the Perencana and the team she is in.
    let bappeda = ww.department_scope("bappeda").await;
    let b = store
        .assignment_dashboard(&bappeda, day("2026-06-01"), Some(seksi))
        .await
        .unwrap();
    assert_eq!(workload(&b), vec![("Agus Salim", 0, 1)]);
    assert_eq!(
        by_scope(&b),
        vec![("cross_unit", "secretary_decree", "requested", 1)]
    );
    // The Seksi is outside the scope: never drawn, the scope's first unit instead.
    assert_eq!(b.units.len(), 1);
    assert_eq!(b.unit, Some(b.units[0].id));
    let names: Vec<&str> = b.timeline.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Agus Salim"]);

    // The Seksi's subtree: the Ahli Pertama, and the within-unit team.
    let rujukan = ww.unit_scope("dinkes-yankes-rujukan").await;
    let r = store
        .assignment_dashboard(&rujukan, day("2027-02-01"), None)
        .await
        .unwrap();
    assert_eq!(workload(&r), vec![("Dewi Lestari", 1, 0)]);
    assert_eq!(
        by_scope(&r),
        vec![("within_unit", "assignment_letter", "draft", 1)]
    );
    // The Sekretariat: nothing.
    let sek = ww.unit_scope("dinkes-sek").await;
    let s = store
        .assignment_dashboard(&sek, day("2026-06-01"), None)
        .await
        .unwrap();
    assert!(s.workload.is_empty() && s.by_scope.is_empty() && s.units.is_empty());
    assert!(s.unit.is_none() && s.timeline.is_empty());
}

#[tokio::test]
async fn pen_18_workflow_dashboard_waiting_times_overdue_steps_and_reminders_within_the_scope() {
    let ww = WorkWorld::new().await;
    let store = &ww.w.store;
    let d = store
        .workflow_dashboard(&ww.agency(), ww.later)
        .await
        .unwrap();
    assert_eq!(d.escalation_hours, 72);
    // The PPK's decision waited five hours: median and p90.
    let steps: Vec<(&str, u32, i64, i64)> = d
        .steps
        .iter()
        .map(|r| (r.key.as_str(), r.taken, r.median, r.p90))
        .collect();
    assert_eq!(steps, vec![("ppk_decision", 1, 18_000, 18_000)]);
    assert_eq!(
        d.steps[0].workflow.map(|w| w.code()),
        Some("cross_unit_appointment")
    );
    let holders: Vec<(&str, u32, i64)> = d
        .holders
        .iter()
        .map(|r| (r.key.as_str(), r.taken, r.median))
        .collect();
    assert_eq!(holders, vec![("Kepala Bappeda", 1, 18_000)]);
    // The recommendation waits, past the 72 hours, escalated.
    let open: Vec<(&str, &str, u32, u32, u32)> = d
        .open
        .iter()
        .map(|r| {
            (
                r.step.as_str(),
                r.holder.as_str(),
                r.open,
                r.overdue,
                r.escalated,
            )
        })
        .collect();
    assert_eq!(
        open,
        vec![("head_recommendation", "Kepala Bappeda", 1, 1, 1)]
    );
    assert_eq!(d.overdue(), 1);
    let reminders: Vec<(&str, u32, u32, u32)> = d
        .reminders
        .iter()
        .map(|r| (r.step.as_str(), r.nudges, r.reminders, r.escalations))
        .collect();
    assert_eq!(reminders, vec![("head_recommendation", 1, 1, 1)]);
    // Now, not yet overdue.
    let now = store
        .workflow_dashboard(&ww.agency(), chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(now.overdue(), 0);
    assert_eq!(now.open[0].open, 1);
    // The Bidang of the Dinkes lead sees the request; the Sekretariat nothing.
    let yankes = ww.unit_scope("dinkes-yankes").await;
    let y = store.workflow_dashboard(&yankes, ww.later).await.unwrap();
    assert_eq!(y.steps.len(), 1);
    assert_eq!(y.overdue(), 1);
    let sek = ww.unit_scope("dinkes-sek").await;
    let s = store.workflow_dashboard(&sek, ww.later).await.unwrap();
    assert!(s.steps.is_empty() && s.holders.is_empty() && s.open.is_empty());
    assert!(s.reminders.is_empty());
}
