//! Conformance: importing, exporting and reading the organisation, on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects (SQLite temp files otherwise).
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::{Builder, dinkes, nip};
use sikerja_domain::org::{ActingKind, DepartmentKind, PositionClass, UnitKind};
use sikerja_storage::testing::{backend_banner, fresh_store};
use sikerja_storage::{EmployeeFilter, StorageError, Store};

#[tokio::test]
async fn import_then_export_round_trips_to_an_equal_bundle() {
    eprintln!("{}", backend_banner());
    let store = fresh_store().await;
    let mut d = dinkes("kab-banjar");
    let sekdis_holder = d.kasi.clone();
    d.builder
        .acting(&sekdis_holder, "kabid-yankes", ActingKind::Plh);
    let bundle = d.builder.build();
    let summary = store.import_agency(&bundle, "tester").await.unwrap();
    assert!(!summary.replaced);
    assert_eq!(summary.employees, bundle.employees.len() as u32);
    let exported = store.export_agency(summary.agency).await.unwrap();
    assert_eq!(exported, common::with_seeded_fields(bundle));
}

#[tokio::test]
async fn importing_an_agency_with_the_same_code_replaces_it_and_keeps_employee_ids() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let first = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();
    let kadis_id = store.employee_by_nip(&d.kadis).await.unwrap().employee.id;

    // The new file drops Bappeda and the Ahli Utama, and renames the Dinas.
    let mut next = d.builder.build();
    next.departments.retain(|x| x.code != "bappeda");
    next.units.retain(|u| u.department_code != "bappeda");
    next.positions
        .retain(|p| !p.unit_code.starts_with("bappeda") && p.code != "jf-utama");
    next.employees.retain(|e| {
        e.nip != d.ahli_utama
            && e.position_code
                .as_deref()
                .is_none_or(|p| !p.contains("bappeda"))
    });
    next.departments[0].name = "Dinas Kesehatan Kabupaten".into();
    let second = store.import_agency(&next, "tester").await.unwrap();

    assert!(second.replaced);
    assert_eq!(second.agency, first.agency);
    assert_eq!(store.agencies().await.unwrap().len(), 1);
    assert_eq!(
        store.export_agency(first.agency).await.unwrap(),
        common::with_seeded_fields(next)
    );
    let departments = store.departments(Some(first.agency)).await.unwrap();
    assert_eq!(departments.len(), 1);
    assert_eq!(departments[0].department.name, "Dinas Kesehatan Kabupaten");
    assert_eq!(
        store.employee_by_nip(&d.kadis).await.unwrap().employee.id,
        kadis_id
    );
    assert!(matches!(
        store.employee_by_nip(&d.ahli_utama).await,
        Err(StorageError::NotFound { .. })
    ));
}

#[tokio::test]
async fn a_failed_import_leaves_nothing_behind() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();

    // A second agency that reuses a NIP of the first is a conflict, and nothing of it stays.
    let mut other = Builder::new("kab-tapin").nips_from(5000);
    other
        .department(
            "setda",
            "Sekretariat Daerah",
            DepartmentKind::RegionalSecretariat,
        )
        .unit(
            "setda",
            "setda",
            None,
            "Sekretariat Daerah",
            UnitKind::Department,
        )
        .head("sekda", "setda", "Sekretaris Daerah", PositionClass::Jpt);
    other.employee("Orang Baru", Some("sekda"));
    let mut bundle = other.build();
    bundle.employees[0].nip = d.kadis.clone();
    let err = store.import_agency(&bundle, "tester").await.unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Conflict {
                code: "nip_in_other_agency",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(matches!(
        store.agency_by_code("kab-tapin").await,
        Err(StorageError::NotFound { .. })
    ));
    assert_eq!(store.agencies().await.unwrap().len(), 1);

    // A bundle with a broken reference is invalid, and the stored agency is untouched.
    let mut broken = d.builder.build();
    broken.departments[0].name = "Berubah".into();
    broken.employees[0].position_code = Some("tidak-ada".into());
    let err = store.import_agency(&broken, "tester").await.unwrap_err();
    assert_eq!(err.code(), "employee_position_unknown");
    let agency = store.agency_by_code("kab-banjar").await.unwrap();
    assert_eq!(
        store.export_agency(agency.id).await.unwrap(),
        common::with_seeded_fields(d.builder.build())
    );
}

#[tokio::test]
async fn an_empty_store_reports_empty_until_the_first_import() {
    let store = fresh_store().await;
    assert!(store.is_empty().await.unwrap());
    store
        .import_agency(&dinkes("kab-banjar").builder.build(), "tester")
        .await
        .unwrap();
    assert!(!store.is_empty().await.unwrap());
}

#[tokio::test]
async fn unknown_url_scheme_is_an_error_and_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.db");
    let url = format!("mysql://{}", file.display());
    let err = Store::connect(&url).await.unwrap_err();
    assert!(matches!(err, StorageError::UnknownScheme { .. }));
    assert_eq!(err.code(), "database_url_unknown_scheme");
    assert!(!file.exists());
    assert!(Store::connect("sqlite::memory:").await.is_err());
}

#[tokio::test]
async fn sqlite_url_without_mode_creates_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.db");
    let store = Store::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    assert!(store.is_empty().await.unwrap());
    assert!(file.exists());
}

#[tokio::test]
async fn departments_units_and_positions_read_back_with_counts_and_tree_order() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    let departments = store.departments(None).await.unwrap();
    assert_eq!(departments.len(), 2);
    let dinkes = &departments[0];
    assert_eq!(dinkes.department.code, "dinkes");
    assert_eq!(dinkes.employees, 9);
    assert_eq!(dinkes.placed, 4);
    assert_eq!(dinkes.unresolved, 1);
    assert_eq!(dinkes.vacant_positions, 0);
    assert_eq!(dinkes.agency_name, "Pemerintah kab-banjar");

    let units = store.units(dinkes.department.id).await.unwrap();
    let codes: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "dinkes",
            "dinkes-sek",
            "dinkes-yankes",
            "dinkes-yankes-rujukan"
        ]
    );

    let positions = store.positions(dinkes.department.id).await.unwrap();
    assert_eq!(positions[0].position.code, "kadis");
    assert_eq!(positions[0].holder.as_ref().unwrap().nip, d.kadis);
    assert_eq!(positions.len(), 9);

    let org = store.load_organisation(agency).await.unwrap();
    assert_eq!(org.employees.len(), 11);
    assert_eq!(org.employees[0].ratings.len(), 1);
}

#[tokio::test]
async fn employees_page_filters_by_department_and_search_and_shows_acting_posts() {
    let store = fresh_store().await;
    let mut d = dinkes("kab-banjar");
    let kasi = d.kasi.clone();
    d.builder.acting(&kasi, "kabid-yankes", ActingKind::Plt);
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    let dept = store.departments(Some(agency)).await.unwrap()[0]
        .department
        .id;

    let page = store
        .employees(&EmployeeFilter {
            agency: Some(agency),
            department: Some(dept),
            search: None,
            limit: 3,
            offset: 0,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 9);
    assert_eq!(page.items.len(), 3);

    let page = store
        .employees(&EmployeeFilter {
            search: Some("nurul".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    let nurul = &page.items[0];
    assert_eq!(nurul.employee.nip, kasi);
    assert_eq!(
        nurul.acting_in.as_ref().unwrap().position.code,
        "kabid-yankes"
    );
    assert_eq!(
        nurul.acting_in.as_ref().unwrap().acting_kind,
        Some(ActingKind::Plt)
    );
    assert_eq!(nurul.unit_name.as_deref(), Some("Seksi Pelayanan Rujukan"));
    assert_eq!(nurul.department.as_ref().unwrap().code, "dinkes");

    let by_nip = store
        .employees(&EmployeeFilter {
            search: Some(nip(3).spaced()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_nip.total, 1);
    assert_eq!(
        store
            .employee(nurul.employee.id)
            .await
            .unwrap()
            .employee
            .name,
        "Nurul Huda"
    );
}
