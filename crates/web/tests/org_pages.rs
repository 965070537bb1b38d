//! The organisation pages of issue 14 (points 1, 3): the employee profile with its change
//! history and, for the HR admin only, the links to the change forms; the unit-tree page for
//! Bagian Organisasi and BKPSDM (refused to everyone else); and `?per=` showing the
//! organisation and the placements as of a day — the old holder before a transfer, the new
//! one after.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::assignments::official;
use common::{TestApp, app, nip, setup_actor, texts};
use scraper::Html;
use sikerja_domain::access::GrantedRole;
use sikerja_domain::assignment::Day;
use sikerja_domain::changes::{DatedChange, LegalBasis, OrgChange};
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_storage::AuditActor;

fn today() -> Day {
    sikerja_storage::policies::today()
}

async fn agency(app: &TestApp) -> AgencyId {
    app.store.agency_by_code("kab-uji").await.unwrap().id
}

async fn record(app: &TestApp, effective: Day, change: OrgChange) {
    app.store
        .record_org_changes(
            agency(app).await,
            &[DatedChange {
                effective,
                basis: LegalBasis {
                    number: "800.1.3/17/BKPSDM/2026".into(),
                    date: today(),
                },
                change,
            }],
            &AuditActor::in_position("Admin Kepegawaian", "Kepala BKPSDM"),
            today(),
        )
        .await
        .unwrap();
}

fn kinds(html: &Html, scope: &str) -> Vec<String> {
    html.select(&common::sel(&format!("{scope} a[data-kind]")))
        .filter_map(|a| a.value().attr("data-kind").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn org_07_the_profile_lists_a_recorded_promotion_and_the_hr_admin_gets_the_change_links() {
    let app = app().await;
    let budi = app.employee_id(nip::AHLI_PERTAMA).await;
    record(
        &app,
        today(),
        OrgChange::SetGrade {
            employee: EmployeeId(budi),
            grade: sikerja_domain::Grade::parse_any("III/b").unwrap(),
        },
    )
    .await;

    // The HR admin (the Kepala Dinas of the test agency) sees the history and the links.
    let page = app.page(&format!("/pegawai/{budi}")).await;
    let rows = texts(&page, "#riwayat-perubahan tr.org-change");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Kenaikan pangkat/golongan"), "{}", rows[0]);
    assert!(rows[0].contains("menjadi III/b"), "{}", rows[0]);
    assert!(rows[0].contains("800.1.3/17/BKPSDM/2026"), "{}", rows[0]);
    assert!(rows[0].contains("Berlaku"), "{}", rows[0]);
    assert_eq!(
        kinds(&page, "#catat-perubahan"),
        ["appoint", "set_grade", "name_acting", "vacate", "leave"]
    );
    let href = page
        .select(&common::sel("#catat-perubahan a[data-kind=appoint]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(
        href,
        format!("/organisasi/perubahan/baru?jenis=appoint&pegawai={budi}")
    );
    // The Plt. of the Kepala Seksi: the acting post with its link to end it.
    let plt = app.employee_id(nip::PLT_KASI).await;
    let page = app.page(&format!("/pegawai/{plt}")).await;
    let acting = texts(&page, ".acting-post");
    assert_eq!(acting.len(), 1, "{acting:?}");
    assert!(acting[0].contains("Kepala Seksi Rujukan"), "{}", acting[0]);
    assert_eq!(kinds(&page, ".acting-post"), ["end_acting"]);

    // A plain official of the same department sees the profile, neither links nor history.
    let mut maya = official(&app, nip::PELAKSANA).await;
    let answer = maya.get(&app, &format!("/pegawai/{budi}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let html = answer.html();
    assert!(kinds(&html, "main").is_empty(), "{}", answer.body);
    assert!(texts(&html, "#riwayat-perubahan").is_empty());
    assert!(!answer.body.contains("/organisasi/perubahan/baru"));
}

#[tokio::test]
async fn org_03_the_structure_page_is_the_unit_tree_for_the_hr_admin_and_the_keeper_only() {
    let app = app().await;
    let dinkes = app.department_id("dinkes").await;

    // Without a department: the list of departments.
    let page = app.page("/organisasi/struktur").await;
    let listed = texts(&page, ".department-list li");
    assert_eq!(listed.len(), 1);
    assert!(listed[0].contains("Dinas Kesehatan"), "{}", listed[0]);

    let uri = format!("/organisasi/struktur?perangkat-daerah={dinkes}");
    let page = app.page(&uri).await;
    // Five units nested as the tree: the Seksi inside the Bidang inside the Dinas.
    assert_eq!(texts(&page, "details.unit").len(), 5);
    let seksi = texts(
        &page,
        "details.unit[data-depth='0'] details.unit[data-depth='1'] details.unit[data-depth='2'] > summary",
    );
    assert!(
        seksi.iter().any(|s| s.contains("Seksi Rujukan")),
        "{seksi:?}"
    );
    let body = page.html();
    assert!(body.contains("Lowong"), "the vacant Arsiparis");
    assert!(body.contains("Plt."), "the Plt. of the Kepala Seksi");
    let kasi = app.position_id(dinkes, "kasi-yankes").await;
    assert_eq!(
        kinds(&page, &format!("#jabatan-{kasi}")),
        ["change_position", "appoint", "close_position", "end_acting"]
    );
    // The top unit cannot move, merge or close; a sub-unit can.
    let root = &kinds(&page, "details.unit[data-depth='0'] > .change-links");
    assert_eq!(root, &["add_unit", "add_position", "rename_unit"]);
    let sub = kinds(&page, "details.unit[data-depth='1'] > .change-links");
    assert!(sub.contains(&"merge_unit".to_string()), "{sub:?}");

    // Bagian Organisasi: the same tree with the structural links only.
    let sekretaris = app.employee_id(nip::SEKRETARIS).await;
    app.store
        .grant_role(
            EmployeeId(sekretaris),
            GrantedRole::OrganisationKeeper,
            &setup_actor(),
            "uji",
        )
        .await
        .unwrap();
    let mut keeper = official(&app, nip::SEKRETARIS).await;
    // The header menu leads there.
    let menu = keeper.get(&app, "/admin/menu").await;
    assert!(
        menu.body.contains("href=\"/organisasi/struktur\""),
        "{}",
        menu.body
    );
    let answer = keeper.get(&app, &uri).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        kinds(&answer.html(), &format!("#jabatan-{kasi}")),
        ["change_position", "close_position"]
    );

    // Anyone else: refused.
    let mut maya = official(&app, nip::PELAKSANA).await;
    assert_eq!(maya.get(&app, &uri).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        maya.get(&app, "/organisasi/struktur").await.status,
        StatusCode::FORBIDDEN
    );
    // A department of no agency the person keeps, and a day that is no day.
    assert_eq!(
        app.get("/organisasi/struktur?perangkat-daerah=999999")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (status, body) = app.get("/organisasi/struktur?per=1-Maret").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("TTTT-BB-HH"), "{body}");
}

#[tokio::test]
async fn ked_11_as_of_a_day_shows_the_old_holder_before_a_transfer_and_the_new_after() {
    let app = app().await;
    let dinkes = app.department_id("dinkes").await;
    let budi = app.employee_id(nip::AHLI_PERTAMA).await;
    let vacant = app.position_id(dinkes, "jf-kosong").await;
    let tomorrow = today().add_days(1).unwrap();
    // A transfer to the vacant Arsiparis post, effective tomorrow: pending today.
    record(
        &app,
        tomorrow,
        OrgChange::Appoint {
            employee: EmployeeId(budi),
            position: PositionId(vacant),
        },
    )
    .await;

    let holder = |page: &Html| {
        texts(page, &format!("#jabatan-{vacant} .holder"))
            .first()
            .cloned()
            .unwrap_or_default()
    };
    let now = app
        .page(&format!("/organisasi/struktur?perangkat-daerah={dinkes}"))
        .await;
    assert!(holder(&now).contains("Lowong"), "{}", holder(&now));
    assert!(texts(&now, "#per-tanggal").is_empty());
    let then = app
        .page(&format!(
            "/organisasi/struktur?perangkat-daerah={dinkes}&per={tomorrow}"
        ))
        .await;
    assert!(holder(&then).contains("Budi Santoso"), "{}", holder(&then));
    let banner = texts(&then, "#per-tanggal");
    assert!(banner[0].contains(&tomorrow.label()), "{banner:?}");
    // No change links on another day than today.
    assert!(kinds(&then, ".org-tree").is_empty());

    // The placements: Budi's post today, the Arsiparis post tomorrow.
    let post_of_budi = |page: &Html| {
        texts(page, "table.placements tbody tr")
            .into_iter()
            .find(|r| r.contains("Budi Santoso"))
            .unwrap_or_default()
    };
    let now = app
        .page(&format!("/perangkat-daerah/{dinkes}/kedudukan"))
        .await;
    assert!(
        post_of_budi(&now).contains("Pranata Komputer Ahli Pertama"),
        "{}",
        post_of_budi(&now)
    );
    let then = app
        .page(&format!(
            "/perangkat-daerah/{dinkes}/kedudukan?per={tomorrow}"
        ))
        .await;
    let row = post_of_budi(&then);
    assert!(row.contains("Arsiparis Ahli Muda"), "{row}");
    assert!(!row.contains("Pranata Komputer"), "{row}");
    assert!(!texts(&then, "#per-tanggal").is_empty());
    // The filters still apply on another day.
    let filtered = app
        .page(&format!(
            "/perangkat-daerah/{dinkes}/kedudukan?per={tomorrow}&q=Budi"
        ))
        .await;
    assert_eq!(texts(&filtered, "table.placements tbody tr").len(), 1);
    // The profile lists the transfer as pending.
    let page = app.page(&format!("/pegawai/{budi}")).await;
    let rows = texts(&page, "#riwayat-perubahan tr.org-change");
    assert!(rows[0].contains("Menunggu tanggal berlaku"), "{rows:?}");
    assert!(rows[0].contains("Arsiparis Ahli Muda"), "{rows:?}");
}

#[tokio::test]
async fn the_hr_admin_s_search_filters_by_department_type_and_no_position_with_a_hire_link() {
    let app = app().await;
    let dinkes = app.department_id("dinkes").await;
    let page = app
        .page(&format!("/pegawai?perangkat-daerah={dinkes}&jenis=pns"))
        .await;
    assert_eq!(texts(&page, "table.employees tbody tr").len(), 11);
    assert_eq!(kinds(&page, "main"), ["hire"]);
    let page = app.page("/pegawai?jenis=pppk").await;
    assert!(texts(&page, "table.employees tbody tr").is_empty());
    let page = app.page("/pegawai?jabatan=tanpa").await;
    assert!(texts(&page, "table.employees tbody tr").is_empty());
    let budi = app.employee_id(nip::AHLI_PERTAMA).await;
    record(
        &app,
        today(),
        OrgChange::Vacate {
            employee: EmployeeId(budi),
        },
    )
    .await;
    let page = app.page("/pegawai?jabatan=tanpa").await;
    let rows = texts(&page, "table.employees tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("Tanpa jabatan"), "{}", rows[0]);
    // A plain official: no hire link.
    let mut maya = official(&app, nip::PELAKSANA).await;
    let answer = maya.get(&app, "/pegawai?q=Budi").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(kinds(&answer.html(), "main").is_empty());
}
