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
        // Issue 15 point 8: at most one page of rows; the count names them all.
        let all = (d.placed + d.unresolved) as usize;
        assert_eq!(rows, all.min(PAGE), "{}", d.department.name);
        assert!(
            text(&kedudukan, "#jumlah-kedudukan")
                .is_some_and(|t| t.starts_with(&format!("{all} pegawai"))),
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

/// Rows of the kedudukan table per page (`sikerja_web` pages it by 100).
const PAGE: usize = 100;

/// Issue 15 point 8: the kedudukan list of a large department (the demo's RSUD, about 570
/// rows) is paged on the server, 100 rows a page; the page links keep the filters and the
/// day, the filter form starts again at the first page, and the XLSX link exports every row
/// matching the filters (no page).
#[tokio::test]
async fn the_kedudukan_list_of_a_large_department_is_paged_with_its_filters_kept() {
    let app = app_with(&sikerja_demo::demo_government()).await;
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
    let big = departments
        .iter()
        .max_by_key(|d| d.placed + d.unresolved)
        .expect("a department");
    let all = (big.placed + big.unresolved) as usize;
    assert!(all > 3 * PAGE, "{all}");
    let pages = all.div_ceil(PAGE);
    let id = big.department.id.0;
    let base = format!("/perangkat-daerah/{id}/kedudukan");
    // Today in WITA: the demo records are stamped with the day they were loaded.
    let per = sikerja_storage::policies::today().to_string();
    let per = per.as_str();

    let first = app.page(&format!("{base}?per={per}")).await;
    assert_eq!(first.select(&sel("tr.placement")).count(), PAGE);
    assert!(first.select(&sel("#halaman-sebelumnya")).next().is_none());
    let next = first
        .select(&sel("#halaman-berikutnya"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("a next page")
        .to_string();
    assert_eq!(next, format!("{base}?per={per}&halaman=2"));
    let export = first
        .select(&sel("#ekspor-xlsx"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("export link")
        .to_string();
    assert_eq!(export, format!("{base}.xlsx?per={per}"));

    // The last page has the rest; a page past the end shows the last; rows do not repeat.
    let last = app.page(&format!("{base}?per={per}&halaman={pages}")).await;
    let rest = all - (pages - 1) * PAGE;
    assert_eq!(last.select(&sel("tr.placement")).count(), rest);
    assert!(last.select(&sel("#halaman-berikutnya")).next().is_none());
    let beyond = app.page(&format!("{base}?per={per}&halaman=999")).await;
    assert_eq!(beyond.select(&sel("tr.placement")).count(), rest);
    let ids = |html: &scraper::Html| -> Vec<String> {
        html.select(&sel("tr.placement"))
            .filter_map(|r| r.value().attr("data-employee").map(str::to_string))
            .collect()
    };
    let second = app.page(&next).await;
    assert!(ids(&second).iter().all(|i| !ids(&first).contains(i)));
    // Nonsense for a page number is the first page.
    let odd = app.page(&format!("{base}?halaman=abc")).await;
    assert_eq!(ids(&odd), ids(&first));

    // A filter narrowing to fewer than a page has no pager; one that keeps several pages
    // keeps the filter in the links and in the export.
    let unresolved = app.page(&format!("{base}?status=belum")).await;
    let shown = unresolved.select(&sel("tr.placement")).count();
    assert_eq!(shown, (big.unresolved as usize).min(PAGE));
    let placed = app
        .page(&format!("{base}?status=ditetapkan&per={per}"))
        .await;
    if big.placed as usize > PAGE {
        let href = placed
            .select(&sel("#halaman-berikutnya"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .expect("next page")
            .to_string();
        assert_eq!(
            href,
            format!("{base}?status=ditetapkan&per={per}&halaman=2")
        );
    }
    let export = placed
        .select(&sel("#ekspor-xlsx"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("export link")
        .to_string();
    assert_eq!(export, format!("{base}.xlsx?status=ditetapkan&per={per}"));
    // The workbook holds every matching row, not a page of them.
    let (status, _, bytes) = app
        .send_authed(common::get(&format!("{base}.xlsx?halaman=2")))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a workbook");
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0)
        .expect("a sheet")
        .expect("readable");
    assert!(sheet.height() > all, "{} rows for {all}", sheet.height());
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
    // Sign-ins have their own view (issue 15 point 5).
    assert!(!rows.iter().any(|r| r.contains("session.")), "{rows:?}");
    let sign_ins = sekda.get(&app, "/admin/audit/masuk").await;
    assert_eq!(sign_ins.status, StatusCode::OK, "{}", sign_ins.body);
    let sign_ins = common::texts(&sign_ins.html(), "tr.sign-in-entry");
    assert!(sign_ins.iter().any(|r| r.contains("Masuk")), "{sign_ins:?}");
    assert!(!rows.iter().any(|r| r.contains("prov-kalsel")), "{rows:?}");

    for nip in [people.pelaksana.nip, people.province_official.nip] {
        common::give_password(&app.store, nip, common::TEST_PASSWORD, false).await;
        let mut b = common::Browser::new();
        b.sign_in(&app, nip, common::TEST_PASSWORD).await;
        let page = b.get(&app, "/admin/audit").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{nip}: {}", page.body);
    }
}
