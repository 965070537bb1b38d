//! Conformance: an agency's dated policies (issue 14 point 5) on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects — the check reads the version in force on the day of
//! the decision, a change effective tomorrow leaves today's check alone, refused values write
//! nothing, and the reporting settings are part of the same record.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::{Dinkes, dinkes};
use sikerja_domain::Nip;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentMethod, CountWindow, Day, Member, MemberRole,
};
use sikerja_domain::execution::report::ReportPeriod;
use sikerja_domain::organisation::{AgencyId, PositionId, UnitId};
use sikerja_domain::planning::target::Execution;
use sikerja_domain::policy::{AgencyPolicies, PolicyChange};
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::policies::today;
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_storage::{AssignmentInput, AuditActor, AuditFilter, StorageError};

struct World {
    store: TestStore,
    agency: AgencyId,
    root: UnitId,
    d: Dinkes,
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
        let org = store.load_organisation(agency).await.unwrap();
        let root = org.units.iter().find(|u| u.parent.is_none()).unwrap().id;
        World {
            store,
            agency,
            root,
            d,
        }
    }

    async fn actor(&self, nip: &Nip) -> PlanningActor {
        PlanningActor {
            employee: Some(self.store.employee_by_nip(nip).await.unwrap().employee.id),
            regional_head_of: None,
            audit: AuditActor::new(format!("NIP {}", nip.as_str())),
        }
    }

    async fn team(&self, lead: &Nip, member: &Nip, from: &str, until: &str) -> AssignmentInput {
        let mut members = Vec::new();
        for (nip, role) in [(lead, MemberRole::TeamLead), (member, MemberRole::Member)] {
            members.push(Member {
                employee: self.store.employee_by_nip(nip).await.unwrap().employee.id,
                role,
                from: Day::parse(from).unwrap(),
                until: Day::parse(until).unwrap(),
            });
        }
        AssignmentInput {
            draft: AssignmentDraft {
                id: None,
                execution: Execution::Team,
                owner_unit: self.root,
                owner_agency: self.agency,
                method: AssignmentMethod::Appointment,
                members,
                responsible_official: None,
                field: "Pelayanan kesehatan".into(),
                team_lead_reason: Some("Berpengalaman di bidang rujukan".into()),
            },
            title: "Tim Percepatan Rujukan".into(),
            target: None,
        }
    }

    async fn policy_rows(&self) -> (usize, u64) {
        let versions = self
            .store
            .agency_policy_history(self.agency)
            .await
            .unwrap()
            .len();
        let audited = self
            .store
            .audit_entries(&AuditFilter {
                action: Some("agency.policy".into()),
                ..Default::default()
            })
            .await
            .unwrap()
            .total;
        (versions, audited)
    }
}

fn change(effective_from: Day, policies: AgencyPolicies) -> PolicyChange {
    PolicyChange {
        effective_from,
        policies,
        legal_basis: "Keputusan Bupati Banjar Nomor 800/15/2026".into(),
    }
}

fn admin() -> AuditActor {
    AuditActor::new("Admin BKPSDM")
}

/// Whether the check refuses the draft under PEN-05 counting (the fourth team of the year).
async fn counted_out(w: &World, draft: &AssignmentDraft) -> bool {
    let report = w.store.check_assignment(draft).await.unwrap();
    report
        .violations
        .iter()
        .any(|v| v.code == "own_unit_term_count")
}

#[tokio::test]
async fn pen_07_the_window_in_force_today_decides_and_a_change_from_tomorrow_does_not() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    for (from, until) in [
        ("2027-01-01", "2027-03-31"),
        ("2027-04-01", "2027-06-30"),
        ("2027-07-01", "2027-09-30"),
    ] {
        let input = w.team(&w.d.ahli_muda, &w.d.pelaksana, from, until).await;
        w.store.create_assignment(&input, &kadis).await.unwrap();
    }
    let fourth = w
        .team(
            &w.d.ahli_pertama,
            &w.d.pelaksana,
            "2027-10-01",
            "2027-12-31",
        )
        .await;
    // Default reading (calendar year): three in 2027 already, the fourth is refused.
    assert!(counted_out(&w, &fourth.draft).await);

    let mut concurrent = AgencyPolicies::default();
    concurrent.assignment.window = CountWindow::Concurrent;
    let tomorrow = today().add_days(1).unwrap();
    w.store
        .change_agency_policies(w.agency, &change(tomorrow, concurrent.clone()), &admin())
        .await
        .unwrap();
    // Effective tomorrow: today's check still counts the calendar year.
    assert!(counted_out(&w, &fourth.draft).await);
    assert!(w.store.create_assignment(&fourth, &kadis).await.is_err());
    let history = w.store.agency_policy_history(w.agency).await.unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].scheduled && !history[0].in_force);
    assert_eq!(
        w.store
            .agency_policies_on(w.agency, tomorrow)
            .await
            .unwrap()
            .assignment
            .window,
        CountWindow::Concurrent
    );

    // In force today: none of the three runs at the same time as the fourth, which passes.
    w.store
        .change_agency_policies(w.agency, &change(today(), concurrent), &admin())
        .await
        .unwrap();
    assert!(!counted_out(&w, &fourth.draft).await);
    w.store.create_assignment(&fourth, &kadis).await.unwrap();
    let history = w.store.agency_policy_history(w.agency).await.unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[1].in_force, "{history:?}");
    assert_eq!(
        history[1].legal_basis,
        "Keputusan Bupati Banjar Nomor 800/15/2026"
    );
    assert_eq!(history[1].recorded_by, "Admin BKPSDM");
    assert_eq!(w.policy_rows().await, (2, 2));
}

#[tokio::test]
async fn refused_policies_write_nothing() {
    let w = World::new().await;
    let mut bad = AgencyPolicies::default();
    bad.placement.span_of_control_threshold = 0;
    let err = w
        .store
        .change_agency_policies(w.agency, &change(today(), bad), &admin())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            StorageError::Invalid {
                code: "span_threshold_out_of_range",
                ..
            }
        ),
        "{err:?}"
    );
    let yesterday = today().add_days(-1).unwrap();
    let err = w
        .store
        .change_agency_policies(
            w.agency,
            &change(yesterday, AgencyPolicies::default()),
            &admin(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "policy_backdated");
    let unknown = AgencyPolicies {
        authority_position: Some(PositionId(987_654)),
        ..AgencyPolicies::default()
    };
    let err = w
        .store
        .change_agency_policies(w.agency, &change(today(), unknown), &admin())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "authority_position_unknown");
    let mut blank = change(today(), AgencyPolicies::default());
    blank.legal_basis = "  ".into();
    let err = w
        .store
        .change_agency_policies(w.agency, &blank, &admin())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "legal_basis_blank");
    assert_eq!(w.policy_rows().await, (0, 0));
    assert_eq!(
        w.store.agency_policies_on(w.agency, today()).await.unwrap(),
        AgencyPolicies::default()
    );
}

#[tokio::test]
async fn lap_02_the_reporting_settings_are_a_version_of_the_same_policies() {
    let w = World::new().await;
    let mut p = AgencyPolicies::default();
    p.assignment.window = CountWindow::Concurrent;
    w.store
        .change_agency_policies(w.agency, &change(today(), p), &admin())
        .await
        .unwrap();
    let mut report = w.store.report_policy(w.agency).await.unwrap();
    report.period = ReportPeriod::Quarterly;
    w.store
        .set_report_policy(w.agency, &report, &admin())
        .await
        .unwrap();
    let now = w.store.agency_policies_on(w.agency, today()).await.unwrap();
    assert_eq!(now.report.period, ReportPeriod::Quarterly);
    // The other readings are carried over, not reset.
    assert_eq!(now.assignment.window, CountWindow::Concurrent);
    assert_eq!(w.store.report_policy(w.agency).await.unwrap(), report);
    assert_eq!(
        w.store.agency_policy_history(w.agency).await.unwrap().len(),
        2
    );
}

#[tokio::test]
async fn kin_01_the_assessment_periods_are_a_dated_version_of_the_same_policies() {
    use sikerja_domain::performance::{PeriodCadence, PeriodKind, PeriodPolicy};
    let w = World::new().await;
    // Defaults: quarterly, the window closes 15 days after a quarter's end.
    let ps = w.store.assessment_periods(w.agency, 2026).await.unwrap();
    assert_eq!(ps.len(), 5);
    assert_eq!(ps[0].closes, Day::parse("2026-04-15").unwrap());
    // A window beyond a year is refused and nothing is written.
    let mut bad = AgencyPolicies::default();
    bad.assessment.closes_days_after_end = 400;
    let err = w
        .store
        .change_agency_policies(w.agency, &change(today(), bad), &admin())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "period_policy_invalid", "{err:?}");
    assert_eq!(w.policy_rows().await, (0, 0));
    // Monthly from tomorrow: today's periods stay quarterly.
    let monthly = AgencyPolicies {
        assessment: PeriodPolicy {
            cadence: PeriodCadence::Monthly,
            opens_days_before_end: 3,
            closes_days_after_end: 10,
            annual_closes_days_after_end: 20,
        },
        ..AgencyPolicies::default()
    };
    let tomorrow = today().add_days(1).unwrap();
    w.store
        .change_agency_policies(w.agency, &change(tomorrow, monthly.clone()), &admin())
        .await
        .unwrap();
    assert_eq!(
        w.store
            .assessment_periods(w.agency, 2026)
            .await
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        w.store
            .agency_policies_on(w.agency, tomorrow)
            .await
            .unwrap()
            .assessment,
        monthly.assessment
    );
    // In force today: twelve months and the year, with the agency's window.
    w.store
        .change_agency_policies(w.agency, &change(today(), monthly), &admin())
        .await
        .unwrap();
    let ps = w.store.assessment_periods(w.agency, 2026).await.unwrap();
    assert_eq!(ps.len(), 13);
    assert_eq!(ps[1].kind, PeriodKind::Month);
    assert_eq!(
        (ps[1].opens, ps[1].closes),
        (
            Day::parse("2026-02-25").unwrap(),
            Day::parse("2026-03-10").unwrap()
        )
    );
    assert_eq!(ps[12].closes, Day::parse("2027-01-20").unwrap());
}
