//! The demo government (Kabupaten Banjar and Provinsi Kalimantan Selatan) renders on every
//! page of every department: the realistic data set the product starts with.

mod common;

use axum::http::StatusCode;
use common::{app_with, sel, text};

#[tokio::test]
async fn every_page_of_every_demo_department_renders() {
    let app = app_with(&sikerja_demo::demo_government()).await;
    // The admin is the BKPSDM admin of Kabupaten Banjar: the whole regency, not the province.
    let home = app.page("/").await;
    assert_eq!(home.select(&sel("section.agency")).count(), 1);
    let banjar = app
        .store
        .agency_by_code("kab-banjar")
        .await
        .expect("Banjar");
    let departments = app
        .store
        .departments(Some(banjar.id))
        .await
        .expect("departments");
    assert!(departments.len() >= 20, "{}", departments.len());
    let mut unresolved = 0;
    for d in &departments {
        let id = d.department.id.0;
        for view in [
            "",
            "/peta-jabatan",
            "/kedudukan",
            "/belum-terselesaikan",
            "/rentang-kendali",
        ] {
            let page = app.page(&format!("/perangkat-daerah/{id}{view}")).await;
            assert_eq!(
                text(&page, "h1").as_deref(),
                Some(d.department.name.as_str()),
                "{view} of {}",
                d.department.name
            );
        }
        let kedudukan = app.page(&format!("/perangkat-daerah/{id}/kedudukan")).await;
        let rows = kedudukan.select(&sel("tr.placement")).count();
        assert_eq!(
            rows as u32,
            d.placed + d.unresolved,
            "{}",
            d.department.name
        );
        // Every row names a rule with an article.
        assert_eq!(
            kedudukan
                .select(&sel("tr.placement td.rule .article"))
                .count(),
            rows
        );
        unresolved += d.unresolved;
    }
    assert!(unresolved > 0, "the demo shows unresolved cases");
    let (status, _, _) = app
        .send_authed(common::get(&format!(
            "/perangkat-daerah/{}/kedudukan.xlsx",
            departments[0].department.id
        )))
        .await;
    assert_eq!(status, StatusCode::OK);
}

/// The Sekda reads the regency's audit trail (ReadAudit: the Sekda and the BKPSDM admin of the
/// agency), never the province's; a Pelaksana and the province's official do not get in.
#[tokio::test]
async fn the_sekda_reads_the_regencys_audit_trail_and_not_the_provinces() {
    let app = app_with(&sikerja_demo::demo_government()).await;
    let people = &sikerja_demo::DEMO_PEOPLE;
    let mut sekda = common::Browser::new();
    common::give_password(
        &app.store,
        people.regional_secretary.nip,
        common::TEST_PASSWORD,
        false,
    )
    .await;
    let answer = sekda
        .sign_in(&app, people.regional_secretary.nip, common::TEST_PASSWORD)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    let page = sekda.get(&app, "/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let rows = common::texts(&page.html(), "tr.audit-entry");
    assert!(
        rows.iter()
            .any(|r| r.contains("agency.import") && r.contains("kab-banjar")),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.contains("session.signed_in")),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.contains("prov-kalsel")), "{rows:?}");

    for nip in [people.pelaksana.nip, people.province_official.nip] {
        common::give_password(&app.store, nip, common::TEST_PASSWORD, false).await;
        let mut b = common::Browser::new();
        b.sign_in(&app, nip, common::TEST_PASSWORD).await;
        let page = b.get(&app, "/admin/audit").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{nip}: {}", page.body);
    }
}
