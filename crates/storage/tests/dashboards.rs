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
