//! The organisation change pages (issue 14 points 2-3): who reaches them (HR admin,
//! organisation keeper, a plain official, a head, nobody), a staff change previewed with what
//! it does and then saved (applied, with its audit row), a keeper refused a staff change
//! (ORG-01: BKPSDM keeps the staff), a tampered hidden batch refused, a refusal showing its
//! rule (ORG-05), bad input shown next to its field, a future change pending then cancelled.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::assignments::official;
use common::{Browser, TestApp, app, nip, setup_actor, text, texts};
use sikerja_domain::access::GrantedRole;
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_storage::org_changes::OrgChangeState;
use sikerja_storage::policies::today;

const LIST: &str = "/organisasi/perubahan";
const PREVIEW: &str = "/organisasi/perubahan/pratinjau";

async fn agency(app: &TestApp) -> AgencyId {
    app.store.agency_by_code("kab-uji").await.unwrap().id
}

/// The Sekretaris, granted Admin Bagian Organisasi, signed in.
async fn keeper(app: &TestApp) -> Browser {
    let id = app.employee_id(nip::SEKRETARIS).await;
    app.store
        .grant_role(
            EmployeeId(id),
            GrantedRole::OrganisationKeeper,
            &setup_actor(),
            "Admin Bagian Organisasi uji",
        )
        .await
        .unwrap();
    official(app, nip::SEKRETARIS).await
}

/// The appointment form of the Ahli Muda to the vacant Arsiparis post, dated `day`.
async fn appointment(app: &TestApp, day: &str) -> Vec<(&'static str, String)> {
    let dept = app.department_id("dinkes").await;
    let post = app.position_id(dept, "jf-kosong").await;
    vec![
        ("jenis", "appoint".into()),
        ("tanggal_berlaku", day.into()),
        ("nomor_keputusan", "800/12/BKPSDM/2026".into()),
        ("tanggal_keputusan", today().to_string()),
        ("pegawai", format!("{} — Rina Wulandari", nip::AHLI_MUDA)),
        ("jabatan", post.to_string()),
    ]
}

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The hidden batch of a preview page.
fn batch_of(body: &str) -> String {
    let html = scraper::Html::parse_document(body);
    html.select(&scraper::Selector::parse("input[name=batch]").unwrap())
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn org_01_the_pages_open_to_the_hr_admin_and_the_keeper_by_area_and_to_nobody_else() {
    let app = app().await;
    let mut admin = app.admin.clone();
    let mut keeper = keeper(&app).await;
    let mut plain = official(&app, nip::PELAKSANA).await;
    let mut head = official(&app, nip::KABID).await;
    let mut nobody = Browser::new();
    let staff_form = "/organisasi/perubahan/baru?jenis=appoint";
    let unit_form = "/organisasi/perubahan/baru?jenis=add_unit";
    for (who, b, list, staff, unit) in [
        ("HR admin", &mut admin, 200, 200, 200),
        ("keeper", &mut keeper, 200, 403, 200),
        ("plain official", &mut plain, 403, 403, 403),
        ("head", &mut head, 403, 403, 403),
    ] {
        for (uri, expected) in [
            (LIST, list),
            ("/organisasi/perubahan/baru", list),
            (staff_form, staff),
            (unit_form, unit),
        ] {
            let answer = b.get(&app, uri).await;
            assert_eq!(answer.status.as_u16(), expected, "{who} GET {uri}");
        }
    }
    for uri in [LIST, "/organisasi/perubahan/baru", staff_form] {
        let answer = nobody.get(&app, uri).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{uri}");
        // Issue 15 point 8: the sign-in page is told where to return.
        let back: String = form_urlencoded::byte_serialize(uri.as_bytes()).collect();
        assert_eq!(answer.location, Some(format!("/masuk?ke={back}")));
    }

    // The chooser offers the keeper structural kinds only; the header links by role.
    let kinds = keeper.get(&app, "/organisasi/perubahan/baru").await;
    let links = texts(&kinds.html(), ".kinds a");
    assert!(links.iter().any(|l| l == "Pembentukan unit"), "{links:?}");
    assert!(
        !links.iter().any(|l| l.starts_with("Pengangkatan")),
        "{links:?}"
    );
    let menu = keeper.get(&app, "/admin/menu").await;
    assert_eq!(
        texts(&menu.html(), "a.admin-link"),
        vec![
            "Perubahan organisasi".to_string(),
            "Struktur organisasi".to_string()
        ]
    );
    let menu = admin.get(&app, "/admin/menu").await;
    assert_eq!(
        texts(&menu.html(), "a.admin-link"),
        vec![
            "Administrasi".to_string(),
            "Perubahan organisasi".to_string(),
            "Struktur organisasi".to_string()
        ]
    );
    assert_eq!(
        plain.get(&app, "/admin/menu").await.status,
        StatusCode::NO_CONTENT
    );

    // A link from a profile fills the employee in.
    let muda = app.employee_id(nip::AHLI_MUDA).await;
    let form = admin
        .get(&app, &format!("{staff_form}&pegawai={muda}"))
        .await;
    let html = form.html();
    let value = html
        .select(&scraper::Selector::parse("input[name=pegawai]").unwrap())
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_string();
    assert!(value.starts_with(nip::AHLI_MUDA), "{value}");
    assert!(!form.body.contains(" SK "), "never 'SK' on a page (DOC-05)");
}

#[tokio::test]
async fn ked_11_an_appointment_is_previewed_with_its_impact_then_saved_applied_and_audited() {
    let app = app().await;
    let agency = agency(&app).await;
    let mut admin = app.admin.clone();
    admin
        .get(&app, "/organisasi/perubahan/baru?jenis=appoint")
        .await;
    let form = appointment(&app, &today().to_string()).await;
    let preview = admin.post(&app, PREVIEW, &pairs(&form)).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let html = preview.html();
    let change = text(&html, "#perubahan li").unwrap();
    assert!(
        change.contains("Rina Wulandari") && change.contains("Arsiparis Ahli Muda"),
        "{change}"
    );
    // Her superior and PPK move from the Kepala Bidang to the Sekretaris, dated (KED-11).
    let shifts = texts(&html, "#akibat-kedudukan li");
    assert!(
        shifts.iter().any(|s| s.contains("Rina Wulandari")
            && s.contains("sebelum: atasan Kepala Bidang")
            && s.contains("sesudah: atasan Sekretaris")
            && s.contains("KED-11")),
        "{shifts:?}"
    );
    assert!(app.store.org_changes(agency).await.unwrap().is_empty());

    let batch = batch_of(&preview.body);
    let audit_before = app.store.audit_rows().await.unwrap().len();
    let saved = admin.post(&app, LIST, &[("batch", &batch)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let location = saved.location.unwrap();
    assert!(
        location.starts_with("/organisasi/perubahan?baru="),
        "{location}"
    );
    let stored = app.store.org_changes(agency).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].state, OrgChangeState::Applied);
    assert!(
        stored[0].recorded_by.contains("Siti Aminah"),
        "{}",
        stored[0].recorded_by
    );
    let dept = app.department_id("dinkes").await;
    let post = app.position_id(dept, "jf-kosong").await;
    let muda = app
        .store
        .employee(EmployeeId(app.employee_id(nip::AHLI_MUDA).await))
        .await
        .unwrap();
    assert_eq!(muda.employee.position, Some(PositionId(post)));
    let audit = app.store.audit_rows().await.unwrap();
    assert!(
        audit[audit_before..]
            .iter()
            .any(|r| r.action == "org_change.applied" && r.entity_id == stored[0].id.to_string()),
        "an audit row for the change"
    );
    let list = admin.get(&app, &location).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(text(&list.html(), ".notice").unwrap().contains("disimpan"));
    let row = text(&list.html(), "tr.new-change").unwrap();
    assert!(
        row.contains("Berlaku") && row.contains("800/12/BKPSDM/2026"),
        "{row}"
    );

    // The same batch confirmed again is a full batch of its own: the domain refuses it.
    let again = admin.post(&app, LIST, &[("batch", &batch)]).await;
    assert!(
        again.status == StatusCode::CONFLICT || again.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}: {}",
        again.status,
        again.body
    );
    assert!(
        again.body.contains("ORG-0"),
        "cites the rule: {}",
        again.body
    );
    assert_eq!(app.store.org_changes(agency).await.unwrap().len(), 1);
}

#[tokio::test]
async fn org_01_a_keeper_is_refused_a_staff_change_in_the_form_and_in_a_forged_batch() {
    let app = app().await;
    let agency = agency(&app).await;
    let mut admin = app.admin.clone();
    admin
        .get(&app, "/organisasi/perubahan/baru?jenis=appoint")
        .await;
    let form = appointment(&app, &today().to_string()).await;
    let preview = admin.post(&app, PREVIEW, &pairs(&form)).await;
    let batch = batch_of(&preview.body);

    let mut keeper = keeper(&app).await;
    keeper.get(&app, LIST).await;
    let refused = keeper.post(&app, PREVIEW, &pairs(&form)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(refused.body.contains("Admin BKPSDM"));
    let refused = keeper.post(&app, LIST, &[("batch", &batch)]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(app.store.org_changes(agency).await.unwrap().is_empty());

    // A structural change is theirs: a unit under the Sekretariat, saved.
    let dept = app.department_id("dinkes").await;
    let sekre = app
        .store
        .units(sikerja_domain::organisation::DepartmentId(dept))
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.name == "Sekretariat")
        .unwrap()
        .id;
    keeper
        .get(
            &app,
            &format!("/organisasi/perubahan/baru?jenis=add_unit&unit={}", sekre.0),
        )
        .await;
    let preview = keeper
        .post(
            &app,
            PREVIEW,
            &[
                ("jenis", "add_unit"),
                ("tanggal_berlaku", &today().to_string()),
                ("nomor_keputusan", "188.4/7/2026"),
                ("tanggal_keputusan", &today().to_string()),
                ("induk", &sekre.0.to_string()),
                ("nama", "Sub Bagian Perencanaan"),
                ("kode", "u-rencana"),
                ("jenis_unit", "sub_division"),
            ],
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let saved = keeper
        .post(&app, LIST, &[("batch", &batch_of(&preview.body))])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = app.store.org_changes(agency).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].change.change.code(), "add_unit");
}

#[tokio::test]
async fn a_tampered_hidden_batch_is_refused_and_changes_nothing() {
    let app = app().await;
    let agency = agency(&app).await;
    let mut admin = app.admin.clone();
    admin.get(&app, LIST).await;
    let form = appointment(&app, &today().to_string()).await;
    let preview = admin.post(&app, PREVIEW, &pairs(&form)).await;
    let batch = batch_of(&preview.body);
    let mut value: serde_json::Value = serde_json::from_str(&batch).unwrap();

    // Not JSON, too many changes, a control character hidden in an escaped string, a
    // position that does not exist, a blank basis number.
    let mut three = value.clone();
    three
        .as_array_mut()
        .unwrap()
        .extend([value[0].clone(), value[0].clone()]);
    let mut control = value.clone();
    control[0]["basis"]["number"] = serde_json::json!("800/\u{1}/2026");
    let mut missing = value.clone();
    missing[0]["change"]["position"] = serde_json::json!(999_999);
    value[0]["basis"]["number"] = serde_json::json!("  ");
    for (what, forged, status) in [
        (
            "not JSON",
            "{bukan json".to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "three changes",
            three.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "control character",
            control.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "unknown position",
            missing.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "blank basis",
            value.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let answer = admin.post(&app, LIST, &[("batch", &forged)]).await;
        assert_eq!(answer.status, status, "{what}: {}", answer.body);
    }
    assert!(app.store.org_changes(agency).await.unwrap().is_empty());
}

#[tokio::test]
async fn org_05_a_refused_change_shows_its_rule_and_bad_input_its_field() {
    let app = app().await;
    let agency = agency(&app).await;
    let mut admin = app.admin.clone();
    admin.get(&app, LIST).await;
    // The Kepala Dinas post is held: appointing the Ahli Muda to it is refused (ORG-05).
    let dept = app.department_id("dinkes").await;
    let kadis = app.position_id(dept, "kadis").await.to_string();
    let mut form = appointment(&app, &today().to_string()).await;
    form[5].1 = kadis;
    let refused = admin.post(&app, PREVIEW, &pairs(&form)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let error = text(&refused.html(), ".form-error").unwrap();
    assert!(error.contains("ORG-05"), "{error}");
    assert!(refused.body.contains("href=\"/aturan/ORG-05\""));

    // A new employee with a bad NIP and no basis number: each message next to its field.
    let refused = admin
        .post(
            &app,
            PREVIEW,
            &[
                ("jenis", "hire"),
                ("tanggal_berlaku", &today().to_string()),
                ("nomor_keputusan", ""),
                ("tanggal_keputusan", &today().to_string()),
                ("nip", "12345"),
                ("nama", "Pegawai Baru"),
                ("jenis_pegawai", "pns"),
                ("golongan", "III/a"),
                ("pendidikan", "S1"),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let html = refused.html();
    assert!(text(&html, "#galat-nip").unwrap().contains("NIP"));
    assert!(
        text(&html, "#galat-nomor_keputusan")
            .unwrap()
            .contains("wajib")
    );
    assert!(app.store.org_changes(agency).await.unwrap().is_empty());

    // The same hire, well formed, is saved with its placeholder identity replaced.
    let hired = admin
        .post(
            &app,
            PREVIEW,
            &[
                ("jenis", "hire"),
                ("tanggal_berlaku", &today().to_string()),
                ("nomor_keputusan", "800/3/2026"),
                ("tanggal_keputusan", &today().to_string()),
                ("nip", "199901012024031001"),
                ("nama", "Pegawai Baru"),
                ("jenis_pegawai", "pns"),
                ("golongan", "III/a"),
                ("pendidikan", "S1"),
            ],
        )
        .await;
    assert_eq!(hired.status, StatusCode::OK, "{}", hired.body);
    let saved = admin
        .post(&app, LIST, &[("batch", &batch_of(&hired.body))])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    app.employee_id("199901012024031001").await;
}

#[tokio::test]
async fn org_05_a_future_plt_is_listed_pending_and_can_be_cancelled() {
    let app = app().await;
    let agency = agency(&app).await;
    let mut admin = app.admin.clone();
    admin.get(&app, LIST).await;
    let dept = app.department_id("dinkes").await;
    let post = app.position_id(dept, "jf-kosong").await.to_string();
    let tomorrow = today().add_days(1).unwrap().to_string();
    let later = today().add_days(30).unwrap().to_string();
    let preview = admin
        .post(
            &app,
            PREVIEW,
            &[
                ("jenis", "name_acting"),
                ("tanggal_berlaku", &tomorrow),
                ("nomor_keputusan", "800/9/2026"),
                ("tanggal_keputusan", &today().to_string()),
                ("jabatan", &post),
                ("pegawai", nip::PELAKSANA),
                ("jenis_plt", "plh"),
                ("sampai", &later),
            ],
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    // A named period: the naming and its dated end.
    assert_eq!(texts(&preview.html(), "#perubahan li").len(), 2);
    let saved = admin
        .post(&app, LIST, &[("batch", &batch_of(&preview.body))])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = app.store.org_changes(agency).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|c| c.state == OrgChangeState::Pending));

    let pending = admin
        .get(&app, "/organisasi/perubahan?status=pending")
        .await;
    let rows = texts(&pending.html(), "tr.change");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.contains("Menunggu")), "{rows:?}");

    // The end first (the naming would leave it nothing to end), then the naming.
    let end = stored
        .iter()
        .find(|c| c.change.change.code() == "end_acting")
        .unwrap()
        .id;
    let named = stored
        .iter()
        .find(|c| c.change.change.code() == "name_acting")
        .unwrap()
        .id;
    for id in [end, named] {
        let cancelled = admin
            .post(&app, &format!("/organisasi/perubahan/{id}/batal"), &[])
            .await;
        assert_eq!(
            cancelled.status,
            StatusCode::SEE_OTHER,
            "{}",
            cancelled.body
        );
    }
    let again = admin
        .post(&app, &format!("/organisasi/perubahan/{named}/batal"), &[])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    let stored = app.store.org_changes(agency).await.unwrap();
    assert!(stored.iter().all(|c| c.state == OrgChangeState::Cancelled));
    let list = admin
        .get(&app, "/organisasi/perubahan?status=cancelled")
        .await;
    assert_eq!(texts(&list.html(), "tr.change").len(), 2);
    assert!(texts(&list.html(), "tr.change button").is_empty());
}
