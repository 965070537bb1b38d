//! The business-process map pages (issue 17 point 2, PRO-01..03): the keeper creates a map
//! from a workflow and from a `.bpmn` file, saves a version, publishes it, compares versions
//! and records a review with the SOP it changed; a broken file is refused with its `bpmn_*`
//! reason; a reader of the agency sees the list, the map and its review and downloads the
//! version as saved, but cannot change anything.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::{Browser, TEST_PASSWORD, TestApp, app, give_password, nip, setup_actor, text, texts};
use sikerja_domain::access::GrantedRole;
use sikerja_domain::organisation::EmployeeId;
use sikerja_domain::workflow::WorkflowKind;

async fn keeper_app() -> TestApp {
    let app = app().await;
    let kadis = EmployeeId(app.employee_id(nip::KADIS).await);
    app.store
        .grant_role(
            kadis,
            GrantedRole::ProcessMapKeeper,
            &setup_actor(),
            "Peta proses",
        )
        .await
        .unwrap();
    app
}

async fn reader(app: &TestApp) -> Browser {
    give_password(&app.store, nip::PELAKSANA, TEST_PASSWORD, false).await;
    let mut b = Browser::new();
    let answer = b.sign_in(app, nip::PELAKSANA, TEST_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    b.get(app, "/akun/kata-sandi").await;
    b
}

fn map_id(location: &str) -> i64 {
    location
        .trim_start_matches("/peta-proses/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

fn with_added_task(xml: &str) -> String {
    xml.replacen(
        "</bpmn:process>",
        "  <bpmn:task id=\"Task_verifikasi\" name=\"Verifikasi berkas\" />\n  </bpmn:process>",
        1,
    )
}

#[tokio::test]
async fn pro_03_the_keeper_creates_saves_publishes_compares_and_reviews_a_map() {
    let app = keeper_app().await;
    let mut keeper = app.admin.clone();
    let list = keeper.get(&app, "/peta-proses").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("Belum ada peta proses bisnis"));
    assert!(
        list.html()
            .select(&common::sel("#peta-baru"))
            .next()
            .is_some()
    );

    let form = keeper.get(&app, "/peta-proses/baru").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let created = keeper
        .post_files_as(
            &app,
            "/peta-proses/baru",
            &[
                ("title", "Penunjukan lintas unit"),
                ("kind", "cross_functional_map"),
                ("alur", "cross_unit_appointment"),
                ("note", "Dari Gambar 1"),
            ],
            "berkas",
            &[],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let location = created.location.unwrap();
    let id = map_id(&location);

    let page = keeper.get(&app, &location).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Peta proses dibuat sebagai konsep"));
    assert_eq!(text(&page.html(), "#status-peta").unwrap(), "Konsep");
    assert!(
        page.body
            .contains(&format!("data-xml=\"/peta-proses/{id}/versi/1.bpmn\""))
    );
    assert!(page.body.contains("bpmn-viewer.production.min.js"));

    // A broken file is refused with its reason, nothing saved.
    let broken = keeper
        .post_files_as(
            &app,
            &format!("/peta-proses/{id}/versi"),
            &[("note", "rusak")],
            "berkas",
            &[("peta.bpmn", "application/xml", b"<bpmn:definitions")],
        )
        .await;
    assert_eq!(
        broken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        broken.body
    );
    assert!(
        text(&broken.html(), "#penolakan")
            .unwrap()
            .contains("Berkas BPMN ditolak")
    );

    // The version 1 as generated, plus a task: version 2.
    let v1 = String::from_utf8(
        sikerja_maps::write(&sikerja_maps::generate(
            &WorkflowKind::CrossUnitAppointment.definition(),
        ))
        .into_bytes(),
    )
    .unwrap();
    let v2 = with_added_task(&v1);
    let saved = keeper
        .post_files_as(
            &app,
            &format!("/peta-proses/{id}/versi"),
            &[("note", "Tambah verifikasi")],
            "berkas",
            &[("peta.bpmn", "application/xml", v2.as_bytes())],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    keeper.get(&app, &format!("/peta-proses/{id}")).await;
    let published = keeper
        .post(&app, &format!("/peta-proses/{id}/terbitkan"), &[])
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );

    let diff = keeper
        .get(&app, &format!("/peta-proses/{id}?dari=1&ke=2&versi=2"))
        .await;
    assert_eq!(diff.status, StatusCode::OK, "{}", diff.body);
    let rows = texts(&diff.html(), "#perubahan-elemen tr.diff-added");
    assert!(
        rows.iter().any(|r| r.contains("Task_verifikasi")),
        "{rows:?}"
    );
    assert!(diff.body.contains("data-added=\"Task_verifikasi"));

    let reviewed = keeper
        .post(
            &app,
            &format!("/peta-proses/{id}/reviu"),
            &[
                ("versi", "2"),
                ("findings", "Persetujuan PPK terlalu lama"),
                ("decisions", "Tambah verifikasi berkas"),
                ("sop_number", "SOP-07/2026"),
                ("sop_title", "SOP Penunjukan Lintas Unit"),
                ("sop_number", ""),
                ("sop_title", ""),
            ],
        )
        .await;
    assert_eq!(reviewed.status, StatusCode::SEE_OTHER, "{}", reviewed.body);

    // A reader of the agency sees the published version and the review…
    let mut reader = reader(&app).await;
    let list = reader.get(&app, "/peta-proses?q=lintas").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(
        list.html()
            .select(&common::sel("#peta-baru"))
            .next()
            .is_none()
    );
    assert_eq!(texts(&list.html(), "#daftar-peta tbody tr").len(), 1);
    let page = reader.get(&app, &format!("/peta-proses/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(text(&page.html(), "#status-peta").unwrap(), "Terbit");
    assert!(
        page.body
            .contains(&format!("data-xml=\"/peta-proses/{id}/versi/2.bpmn\""))
    );
    let sops = texts(&page.html(), ".sop-changes li");
    assert_eq!(sops, vec!["SOP-07/2026 — SOP Penunjukan Lintas Unit"]);
    assert!(
        page.html()
            .select(&common::sel("#form-reviu"))
            .next()
            .is_none()
    );
    let file = reader
        .get(&app, &format!("/peta-proses/{id}/versi/2.bpmn"))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.body, v2, "the version is served as saved");

    // …and changes nothing.
    for path in ["terbitkan", "arsipkan"] {
        let refused = reader
            .post(&app, &format!("/peta-proses/{id}/{path}"), &[])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
    }
    let refused = reader.get(&app, &format!("/peta-proses/{id}/ubah")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = reader.get(&app, "/peta-proses/baru").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The keeper's editor loads the latest version into the modeler.
    let editor = keeper.get(&app, &format!("/peta-proses/{id}/ubah")).await;
    assert_eq!(editor.status, StatusCode::OK, "{}", editor.body);
    assert!(
        editor
            .body
            .contains(&format!("data-xml=\"/peta-proses/{id}/versi/2.bpmn\""))
    );
    assert!(editor.body.contains("bpmn-modeler.production.min.js"));
    assert!(!editor.body.contains("unsafe-eval"));
}

#[tokio::test]
async fn the_vendored_bpmn_js_is_served_by_the_app() {
    let app = app().await;
    for (path, kind) in [
        (
            "/static/vendor/bpmn-js/bpmn-viewer.production.min.js",
            "text/javascript",
        ),
        (
            "/static/vendor/bpmn-js/bpmn-modeler.production.min.js",
            "text/javascript",
        ),
        ("/static/vendor/bpmn-js/assets/bpmn-js.css", "text/css"),
        ("/static/vendor/bpmn-js/LICENSE", "text/plain"),
        ("/static/process-map.js", "text/javascript"),
    ] {
        let (status, response, body) = app.send(common::get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let ct = response.headers()["content-type"].to_str().unwrap();
        assert!(ct.starts_with(kind), "{path}: {ct}");
        assert!(!body.is_empty());
    }
    let (status, _, _) = app
        .send(common::get("/static/vendor/bpmn-js/../Cargo.toml"))
        .await;
    assert_ne!(status, StatusCode::OK);
}

/// The lanes' table of a map page: (lane id, bound to, holder) per row.
fn lane_rows(page: &common::Answer) -> Vec<(String, String, String)> {
    let html = page.html();
    html.select(&common::sel("#lajur-peta tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&common::sel("td"))
                .map(|td| td.text().collect::<Vec<_>>().join(" "))
                .collect();
            (
                tr.value().attr("data-lane").unwrap_or_default().to_string(),
                cells.get(1).cloned().unwrap_or_default(),
                cells.get(2).cloned().unwrap_or_default(),
            )
        })
        .collect()
}

#[tokio::test]
async fn pro_01_lanes_bound_to_posts_show_their_holders_and_a_vacant_post_on_the_page_and_api() {
    let app = keeper_app().await;
    let mut keeper = app.admin.clone();
    let created = keeper
        .post_files_as(
            &app,
            "/peta-proses/baru",
            &[
                ("title", "Penunjukan lintas unit"),
                ("kind", "cross_functional_map"),
                ("alur", "cross_unit_appointment"),
            ],
            "berkas",
            &[],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id = map_id(&created.location.unwrap());
    let page = keeper.get(&app, &format!("/peta-proses/{id}")).await;
    let lanes: Vec<String> = lane_rows(&page).into_iter().map(|r| r.0).collect();
    assert!(lanes.len() >= 3, "{lanes:?}");

    // Bound to the Kepala Dinas's post, to the Seksi whose head has a Plt., to a vacant post.
    let mut bind = async |lane: &str, kind: &str, code: &str| {
        keeper
            .post(
                &app,
                &format!("/peta-proses/{id}/lajur"),
                &[
                    ("versi", "1"),
                    ("lajur", lane),
                    ("jenis", kind),
                    ("kode", code),
                ],
            )
            .await
    };
    for (lane, kind, code) in [
        (&lanes[0], "position", "kadis"),
        (&lanes[1], "unit", "u-rujukan"),
    ] {
        let answer = bind(lane, kind, code).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    }
    let vacant_lane = lanes.last().unwrap().clone();
    let answer = bind(&vacant_lane, "position", "jf-kosong").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let unknown = bind(&lanes[0], "position", "tidak-ada").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(&unknown.html(), "#penolakan")
            .unwrap()
            .contains("PRO-01")
    );

    let mut reader = reader(&app).await;
    let page = reader.get(&app, &format!("/peta-proses/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let rows = lane_rows(&page);
    let row = |lane: &str| rows.iter().find(|r| r.0 == lane).unwrap().clone();
    assert!(row(&lanes[0]).1.contains("Kepala Dinas"), "{rows:?}");
    assert!(row(&lanes[0]).2.contains("Hj. Siti Aminah"), "{rows:?}");
    assert!(row(&lanes[1]).2.contains("Plt. Rahmat Hidayat"), "{rows:?}");
    assert!(row(&vacant_lane).2.contains("lowong"), "{rows:?}");
    assert!(
        page.body
            .contains(&format!("data-vacant=\"{vacant_lane}\"")),
        "the vacant lane is marked on the diagram"
    );
    assert!(
        page.html()
            .select(&common::sel("#form-lajur"))
            .next()
            .is_none()
    );
    let refused = reader
        .post(
            &app,
            &format!("/peta-proses/{id}/lajur"),
            &[("versi", "1"), ("lajur", &lanes[0]), ("kode", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The API: the bindings in the map's answer, and the keeper's write.
    let detail =
        common::assignments::get_ok(&mut reader, &app, &format!("/api/v1/process-maps/{id}")).await;
    assert_eq!(detail["lanes_version"], 1);
    let api_lanes = detail["lanes"].as_array().unwrap();
    let vacant = api_lanes
        .iter()
        .find(|l| l["lane"] == vacant_lane.as_str())
        .unwrap();
    assert_eq!(vacant["vacant"], true);
    assert_eq!(vacant["bound_to"], "position");
    let plt = api_lanes
        .iter()
        .find(|l| l["lane"] == lanes[1].as_str())
        .unwrap();
    assert_eq!(plt["exercise"], "plt");
    assert_eq!(plt["holder"], "Plt. Rahmat Hidayat");

    let (status, body) = common::assignments::post(
        &mut keeper,
        &app,
        &format!("/api/v1/process-maps/{id}/lanes"),
        serde_json::json!({"version": 1, "lane": vacant_lane}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let unbound = body
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["lane"] == vacant_lane.as_str())
        .unwrap();
    assert_eq!(unbound["bound_to"], serde_json::Value::Null);
    assert_eq!(unbound["vacant"], false);
    let (status, body) = common::assignments::post(
        &mut reader,
        &app,
        &format!("/api/v1/process-maps/{id}/lanes"),
        serde_json::json!({"version": 1, "lane": vacant_lane}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "process_map_not_keeper");
    assert_eq!(
        body["error"]["details"][0]["rule_id"], "PRO-01",
        "the refusal cites its rule: {body}"
    );
}

#[tokio::test]
async fn pro_01_03_are_in_the_rule_catalogue_and_cited_on_the_map_pages() {
    let app = keeper_app().await;
    let mut keeper = app.admin.clone();
    for (rule, article) in [
        ("PRO-01", "Pasal 21 ayat (1)"),
        ("PRO-02", "Pasal 21 ayat (4)"),
        ("PRO-03", "Pasal 21 ayat (3)"),
    ] {
        let page = keeper.get(&app, &format!("/aturan/{rule}")).await;
        assert_eq!(page.status, StatusCode::OK, "{rule}");
        assert!(page.body.contains(article), "{rule}: {article}");
    }
    let catalogue = keeper.get(&app, "/aturan?q=Pasal+21").await;
    assert!(catalogue.body.contains("PRO-02"));
    let list = keeper.get(&app, "/peta-proses").await;
    assert!(list.body.contains("href=\"/aturan/PRO-01\""));
    let created = keeper
        .post_files_as(
            &app,
            "/peta-proses/baru",
            &[
                ("title", "Peta level 1"),
                ("kind", "level_1_map"),
                ("alur", "within_unit_appointment"),
            ],
            "berkas",
            &[],
        )
        .await;
    let id = map_id(&created.location.unwrap());
    let page = keeper.get(&app, &format!("/peta-proses/{id}")).await;
    let cited = text(&page.html(), "#dasar-peta").unwrap();
    assert!(cited.contains("PRO-03 · Pasal 21 ayat (3)"), "{cited}");
    // A refused review names its rule and article on the page.
    let refused = keeper
        .post(
            &app,
            &format!("/peta-proses/{id}/reviu"),
            &[("versi", "1"), ("findings", " ")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("PRO-03"),
        "{}",
        text(&refused.html(), "#penolakan").unwrap_or_default()
    );
}

async fn with_token(
    app: &TestApp,
    token: &str,
    mut request: axum::http::Request<axum::body::Body>,
) -> (StatusCode, serde_json::Value, Vec<u8>) {
    request.headers_mut().insert(
        axum::http::header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    let (status, _, body) = app.send(request).await;
    (
        status,
        serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
        body,
    )
}

#[tokio::test]
async fn pro_03_another_system_reads_the_maps_with_an_api_token_but_never_writes() {
    let app = keeper_app().await;
    let mut keeper = app.admin.clone();
    let created = keeper
        .post_files_as(
            &app,
            "/peta-proses/baru",
            &[
                ("title", "Peta relasi"),
                ("kind", "relation_map"),
                ("alur", "cross_unit_appointment"),
            ],
            "berkas",
            &[],
        )
        .await;
    let id = map_id(&created.location.unwrap());
    let agency = app
        .store
        .process_map_agency(sikerja_storage::process_maps::ProcessMapId(id))
        .await
        .unwrap();
    let (_, scoped) = app
        .store
        .create_api_token("e-Kinerja", Some(agency), false, &setup_actor())
        .await
        .unwrap();

    let (status, list, _) = with_token(&app, &scoped, common::get("/api/v1/process-maps")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (status, detail, _) = with_token(
        &app,
        &scoped,
        common::get(&format!("/api/v1/process-maps/{id}")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["map"]["kind"], "relation_map");
    let (status, _, xml) = with_token(
        &app,
        &scoped,
        common::get(&format!("/api/v1/process-maps/{id}/versions/1")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(xml).unwrap().contains("bpmn:definitions"));
    let (status, reviews, _) = with_token(
        &app,
        &scoped,
        common::get(&format!("/api/v1/process-maps/{id}/reviews")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reviews}");

    // Writes stay with people: even a write token is refused.
    let review = serde_json::json!({"version": 1, "findings": "Dari sistem lain"});
    for token in [scoped.as_str(), app.token.as_str()] {
        let (status, body, _) = with_token(
            &app,
            token,
            common::post_json(&format!("/api/v1/process-maps/{id}/reviews"), &review),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body["error"]["code"], "official_only");
    }

    // An unscoped token names the agency it lists.
    let (status, body, _) = with_token(&app, &app.token, common::get("/api/v1/process-maps")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "process_map_agency_required");
    let (status, list, _) = with_token(
        &app,
        &app.token,
        common::get(&format!("/api/v1/process-maps?agency={}", agency.0)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 1);
}
