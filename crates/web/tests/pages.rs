//! The pages, read by CSS selector: start page, department, position map (ORG-06), rincian
//! kedudukan with rule and article per row and its filters (KED-11), span of control (KED-10),
//! employee, rule explanation, errors, escaping and security headers.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{app, nip, sel, text, texts};
use scraper::Html;

fn spaced(nip: &str) -> String {
    sikerja_domain::Nip::parse(nip).expect("nip").spaced()
}

fn row_selector(nip: &str) -> String {
    format!("tr.placement[data-nip=\"{}\"]", spaced(nip))
}

#[tokio::test]
async fn start_page_lists_agencies_and_departments_with_counts_under_the_demo_banner() {
    let app = app().await;
    let page = app.page("/").await;
    assert_eq!(
        text(&page, ".demo-banner").as_deref(),
        Some("Data fiktif untuk demonstrasi")
    );
    // Issue 15 point 11: the banner sits in the header's landmark, a skip link leads to the
    // content, the header's links are a menu (collapsed on phones by CSS), and a scrolling
    // table can be reached by keyboard and is named.
    assert!(text(&page, "header.site-header .demo-banner").is_some());
    assert_eq!(
        page.select(&sel("body > a.skip-link[href='#isi']")).count(),
        1
    );
    assert!(page.select(&sel("main#isi")).next().is_some());
    assert!(text(&page, "header details.site-menu > summary").is_some());
    assert!(
        page.select(&sel("details.site-menu nav.account form.sign-out"))
            .next()
            .is_some()
    );
    let scrolls: Vec<_> = page.select(&sel(".table-scroll")).collect();
    assert!(!scrolls.is_empty());
    for s in scrolls {
        assert_eq!(s.value().attr("tabindex"), Some("0"));
        assert_eq!(s.value().attr("role"), Some("region"));
        assert!(s.value().attr("aria-label").is_some_and(|l| !l.is_empty()));
    }
    assert!(texts(&page, "section.agency h2")[0].contains("Pemerintah Kabupaten Uji"));
    let row = texts(&page, "table.departments tbody tr");
    assert_eq!(row.len(), 1);
    assert!(row[0].starts_with("Dinas Kesehatan Dinas"), "{row:?}");
    let dept = app.department_id("dinkes").await;
    let link = format!("a[href=\"/perangkat-daerah/{dept}\"]");
    assert_eq!(text(&page, &link).as_deref(), Some("Dinas Kesehatan"));
}

#[tokio::test]
async fn without_demo_mode_there_is_no_demo_banner() {
    let app = app().await;
    let router = sikerja_web::router(sikerja_web::AppState {
        store: app.store.store().clone(),
        demo_mode: false,
        secure_cookies: false,
        demo_sign_ins: Default::default(),
        letters: Default::default(),
        proxy: Default::default(),
        files: std::sync::Arc::new(sikerja_files::FileStore::in_memory()),
    });
    let response = tower::ServiceExt::oneshot(router, common::get("/"))
        .await
        .expect("answer");
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body")
        .to_bytes();
    let page = Html::parse_document(&String::from_utf8_lossy(&body));
    assert!(page.select(&sel(".demo-banner")).next().is_none());
}

#[tokio::test]
async fn department_page_links_to_its_four_views() {
    let app = app().await;
    let dept = app.department_id("dinkes").await;
    let page = app.page(&format!("/perangkat-daerah/{dept}")).await;
    assert_eq!(text(&page, "h1").as_deref(), Some("Dinas Kesehatan"));
    for view in [
        "peta-jabatan",
        "kedudukan",
        "belum-terselesaikan",
        "rentang-kendali",
    ] {
        let link = format!("a[href=\"/perangkat-daerah/{dept}/{view}\"]");
        assert!(page.select(&sel(&link)).next().is_some(), "link to {view}");
    }
}

#[tokio::test]
async fn ked_11_kedudukan_page_names_the_rule_and_article_of_every_row() {
    let app = app().await;
    let dept = app.department_id("dinkes").await;
    let page = app
        .page(&format!("/perangkat-daerah/{dept}/kedudukan"))
        .await;
    let expected = [
        (nip::AHLI_MADYA, "KED-01", "Lampiran I.B.1.c.1"),
        (nip::AHLI_MUDA, "KED-02", "Lampiran I.B.1.c.2"),
        (nip::AHLI_PERTAMA, "KED-03", "Lampiran I.B.1.c.3"),
        (nip::PELAKSANA, "KED-04", "Lampiran I.B.1.c.4"),
        (nip::AHLI_UTAMA, "KED-09", "Lampiran I.B.1.c"),
    ];
    for (nip, rule, article) in expected {
        let row = row_selector(nip);
        assert_eq!(
            text(&page, &format!("{row} td.rule a.rule-id")).as_deref(),
            Some(rule),
            "rule of {nip}"
        );
        assert_eq!(
            text(&page, &format!("{row} td.rule .article")).as_deref(),
            Some(article),
            "article of {nip}"
        );
        let href = page
            .select(&sel(&format!("{row} td.rule a.rule-id")))
            .next()
            .and_then(|a| a.value().attr("href"))
            .map(str::to_string);
        assert_eq!(href, Some(format!("/aturan/{rule}")));
    }
    // KED-03: under the Kepala Sub Bagian Umum, who is also the PPK (KED-12 default).
    let row = row_selector(nip::AHLI_PERTAMA);
    let superior = text(&page, &format!("{row} td.superior")).unwrap_or_default();
    assert!(superior.contains("Ahmad Fauzi, S.E."), "{superior}");
    assert!(superior.contains("Kepala Sub Bagian Umum"), "{superior}");
    let assessor = text(&page, &format!("{row} td.assessor")).unwrap_or_default();
    assert!(assessor.contains("Ahmad Fauzi, S.E."), "{assessor}");
    // STR-06: the Ahli Madya's assessment comes with the Kepala Bidang's recommendation.
    let row = row_selector(nip::AHLI_MADYA);
    let extra = text(&page, &format!("{row} td.assessor .recommender")).unwrap_or_default();
    assert!(extra.contains("Dewi Lestari, S.E."), "{extra}");
    // KED-09: the unresolved case says so, with its reason.
    let row = row_selector(nip::AHLI_UTAMA);
    assert_eq!(
        text(&page, &format!("{row} .status")).as_deref(),
        Some("Belum terselesaikan")
    );
    assert!(text(&page, &format!("{row} .reason")).is_some_and(|r| r.contains("Ahli Utama")));
}

#[tokio::test]
async fn ked_11_filters_by_status_rule_unit_and_name_and_answer_htmx_with_the_table_only() {
    let app = app().await;
    let dept = app.department_id("dinkes").await;
    let base = format!("/perangkat-daerah/{dept}/kedudukan");

    let page = app.page(&format!("{base}?status=belum")).await;
    let statuses = texts(&page, "tr.placement .status");
    assert!(!statuses.is_empty());
    assert!(
        statuses.iter().all(|s| s == "Belum terselesaikan"),
        "{statuses:?}"
    );
    assert!(
        page.select(&sel(&row_selector(nip::AHLI_UTAMA)))
            .next()
            .is_some()
    );

    let page = app.page(&format!("{base}?rule=KED-02")).await;
    assert_eq!(page.select(&sel("tr.placement")).count(), 1);
    assert!(
        page.select(&sel(&row_selector(nip::AHLI_MUDA)))
            .next()
            .is_some()
    );
    assert_eq!(
        text(&page, "select[name=rule] option[selected]")
            .as_deref()
            .map(|s| &s[..6]),
        Some("KED-02")
    );

    let page = app
        .page(&format!("{base}?q=budi&status=&rule=&unit="))
        .await;
    assert_eq!(page.select(&sel("tr.placement")).count(), 1);
    assert!(
        page.select(&sel(&row_selector(nip::AHLI_PERTAMA)))
            .next()
            .is_some()
    );

    let umum = app
        .store
        .units(sikerja_domain::organisation::DepartmentId(dept))
        .await
        .expect("units")
        .into_iter()
        .find(|u| u.code == "u-umum")
        .expect("unit")
        .id;
    let page = app.page(&format!("{base}?unit={umum}")).await;
    let units: Vec<String> = texts(&page, "tr.placement td.position");
    assert!(!units.is_empty());
    assert!(
        units.iter().all(|u| u.contains("Sub Bagian Umum")),
        "{units:?}"
    );

    let request = Request::get(format!("{base}?rule=KED-03"))
        .header("HX-Request", "true")
        .body(Body::empty())
        .expect("request");
    let (status, _, body) = app.send_authed(request).await;
    assert_eq!(status, StatusCode::OK);
    let fragment = Html::parse_fragment(&String::from_utf8(body).expect("utf-8"));
    assert!(fragment.select(&sel("header.site-header")).next().is_none());
    assert_eq!(fragment.select(&sel("tr.placement")).count(), 1);
    let export = fragment
        .select(&sel("a#ekspor-xlsx"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap_or_default()
        .to_string();
    assert!(export.ends_with("kedudukan.xlsx?rule=KED-03"), "{export}");
}

#[tokio::test]
async fn org_06_position_map_shows_the_unit_tree_vacancies_and_acting_officials() {
    let app = app().await;
    let dept = app.department_id("dinkes").await;
    let page = app
        .page(&format!("/perangkat-daerah/{dept}/peta-jabatan"))
        .await;
    // Nested: Sub Bagian Umum sits inside Sekretariat, which sits inside the department.
    let nested = "section.unit section.unit section.unit h3";
    assert!(
        texts(&page, nested)
            .iter()
            .any(|h| h.starts_with("Sub Bagian Umum"))
    );
    let lines = texts(&page, "li.position");
    let line = |name: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(name))
            .cloned()
            .unwrap_or_else(|| panic!("{name} in {lines:?}"))
    };
    assert!(line("Arsiparis Ahli Muda").contains("Lowong"));
    let kasi = line("Kepala Seksi Rujukan");
    assert!(kasi.contains("Plt. Rahmat Hidayat, S.E."), "{kasi}");
    let kadis = line("Kepala Dinas Kesehatan");
    assert!(kadis.contains("NIP 19700101 200003 1 001"), "{kadis}");
    assert!(kadis.contains("Pembina Utama Muda, IV/c"), "{kadis}");
}

#[tokio::test]
async fn ked_10_span_of_control_counts_people_per_official() {
    let app = app().await;
    let dept = app.department_id("dinkes").await;
    let page = app
        .page(&format!("/perangkat-daerah/{dept}/rentang-kendali"))
        .await;
    let row = "tr[data-position-name=\"Kepala Sub Bagian Umum\"]";
    let placed: u32 = text(&page, &format!("{row} td.placed"))
        .and_then(|t| t.parse().ok())
        .expect("placed count");
    assert!(placed >= 3, "{placed}");
    assert!(page.select(&sel("tr.flagged")).next().is_none());
}

#[tokio::test]
async fn employee_page_shows_identity_position_and_placement_with_rule() {
    let app = app().await;
    let id = app.employee_id(nip::AHLI_PERTAMA).await;
    let page = app.page(&format!("/pegawai/{id}")).await;
    assert_eq!(text(&page, "h1").as_deref(), Some("Budi Santoso, S.E."));
    assert_eq!(
        text(&page, "#nip").as_deref(),
        Some("NIP 19900101 201503 1 005")
    );
    let facts = text(&page, "dl.facts").unwrap_or_default();
    assert!(facts.contains("Penata Muda, III/a"), "{facts}");
    assert!(facts.contains("S1"), "{facts}");
    let rule = text(&page, "#kedudukan .rule").unwrap_or_default();
    assert_eq!(rule, "KED-03 · Lampiran I.B.1.c.3");
    assert!(text(&page, "#riwayat").is_some());

    let search = app.page("/pegawai?q=19900101+201503").await;
    let link = format!("a[href=\"/pegawai/{id}\"]");
    assert_eq!(text(&search, &link).as_deref(), Some("Budi Santoso, S.E."));
}

#[tokio::test]
async fn rule_page_explains_the_rule_with_its_catalogue_title() {
    let app = app().await;
    let page = app.page("/aturan/KED-03").await;
    let title = sikerja_domain::rules::RuleId::KED_03.title();
    assert_eq!(text(&page, "h1 .rule-title").as_deref(), Some(title));
    assert!(text(&page, ".rule-source").is_some_and(|s| s.contains("I.B.1.c.3")));
}

#[tokio::test]
async fn unknown_pages_answer_an_indonesian_404_page() {
    let app = app().await;
    for uri in [
        "/tidak-ada",
        "/perangkat-daerah/abc",
        "/perangkat-daerah/999999/kedudukan",
        "/pegawai/999999",
        "/aturan/KED-99",
    ] {
        let (status, body) = app.get(uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        let page = Html::parse_document(&body);
        assert_eq!(
            text(&page, ".error-status").as_deref(),
            Some("404"),
            "{uri}"
        );
        assert!(
            text(&page, "h1").is_some_and(|h| h.contains("tidak ditemukan")),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn names_are_escaped_and_render_as_text() {
    let app = app().await;
    let dept = app.department_id("dinkes").await;
    let (_, body) = app
        .get(&format!("/perangkat-daerah/{dept}/kedudukan"))
        .await;
    assert!(!body.contains("<script>alert(1)</script>"));
    let page = Html::parse_document(&body);
    let row = row_selector(nip::SCRIPT);
    assert_eq!(
        text(&page, &format!("{row} a.name")).as_deref(),
        Some("<script>alert(1)</script>, S.E.")
    );
    let scripts: Vec<_> = page.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1, "only the htmx script tag");
    assert_eq!(scripts[0].value().attr("src"), Some("/static/htmx.min.js"));
}

#[tokio::test]
async fn pages_carry_security_headers_and_assets_are_cached() {
    let app = app().await;
    let (status, response, body) = app.send_authed(common::get("/")).await;
    assert_eq!(status, StatusCode::OK);
    let h = response.headers();
    let csp = h
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Scripts only with this response's nonce, which the page's own script tag carries.
    let nonce = csp
        .split("script-src 'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_string();
    assert!(nonce.len() >= 32 && !csp.contains("unsafe-inline"), "{csp}");
    let html = String::from_utf8(body).expect("utf-8");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the script carries the nonce"
    );
    let (_, again, _) = app.send_authed(common::get("/")).await;
    let csp2 = again
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(!csp2.contains(&nonce), "a fresh nonce per response");
    assert_eq!(
        h.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert_eq!(
        h.get(header::X_FRAME_OPTIONS).map(|v| v.as_bytes()),
        Some(&b"DENY"[..])
    );
    assert!(h.get(header::REFERRER_POLICY).is_some());

    let (status, response, body) = app.send(common::get("/static/htmx.min.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.len() > 40_000);
    let cache = response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(cache.contains("immutable"), "{cache}");
    let (status, _, _) = app.send(common::get("/static/sikerja.css")).await;
    assert_eq!(status, StatusCode::OK);
}

/// Issue 15 point 11: the stylesheet is linked with its version and cached for a year under
/// it; pages go out gzipped to a browser that accepts it.
#[tokio::test]
async fn the_stylesheet_is_versioned_for_long_caching_and_pages_are_compressed() {
    let app = common::app().await;
    let page = app.page("/").await;
    let href = page
        .select(&sel("link[rel=stylesheet]"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .map(str::to_string)
        .expect("a stylesheet link");
    assert!(href.starts_with("/static/sikerja.css?v="), "{href}");
    let cache_of = |response: &axum::http::Response<()>| {
        response
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (status, response, _) = app.send(common::get(&href)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(cache_of(&response).contains("immutable"));
    // An old version (or none) is not promised for a year.
    let (_, response, _) = app.send(common::get("/static/sikerja.css?v=0")).await;
    assert!(!cache_of(&response).contains("immutable"));

    let mut request = common::get("/masuk");
    request
        .headers_mut()
        .insert(header::ACCEPT_ENCODING, "gzip".parse().expect("header"));
    let (status, response, body) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok()),
        Some("gzip")
    );
    assert_eq!(&body[..2], &[0x1f, 0x8b], "a gzip stream");
    let (_, plain, _) = app.send(common::get("/masuk")).await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
}

/// Issue 15 point 8: `/aturan` lists every catalogued rule by topic, each linked to its page,
/// and the server-side search (`?q=`, no JavaScript) finds by ID, article and words.
#[tokio::test]
async fn rule_catalogue_lists_every_rule_by_topic_and_searches() {
    let app = app().await;
    // Public: nobody signed in reads it, without the employee search of signed-in people.
    let mut nobody = common::Browser::new();
    let all = nobody.get(&app, "/aturan").await;
    assert_eq!(all.status, StatusCode::OK);
    let page = Html::parse_document(&all.body);
    let count = sikerja_domain::rules::RuleId::all().count();
    assert_eq!(page.select(&sel("li.rule-entry")).count(), count);
    assert!(page.select(&sel("section.rule-topic h2")).count() >= 8);
    assert!(page.select(&sel(".header-search")).next().is_none());
    assert!(
        page.select(&sel("a.rule-link[href='/aturan/KED-03']"))
            .next()
            .is_some()
    );
    assert_eq!(
        text(&page, "#topik-ked h2").as_deref(),
        Some("Kedudukan Pejabat Fungsional dan Pelaksana")
    );

    let by_id = app.page("/aturan?q=KED-03").await;
    assert_eq!(
        texts(&by_id, "li.rule-entry")
            .iter()
            .map(|t| t.split_whitespace().next().unwrap_or_default().to_string())
            .collect::<Vec<_>>(),
        vec!["KED-03".to_string()]
    );
    let by_article = app.page("/aturan?q=Pasal+9+ayat+%286%29").await;
    assert!(
        by_article
            .select(&sel("li.rule-entry[data-rule='PEN-08']"))
            .next()
            .is_some()
    );
    let by_words = app.page("/aturan?q=ketua+tim").await;
    assert!(
        by_words
            .select(&sel("li.rule-entry[data-rule='PEN-04']"))
            .next()
            .is_some()
    );
    assert_eq!(
        by_words
            .select(&sel("form[action='/aturan'] input[name=q]"))
            .next()
            .and_then(|i| i.value().attr("value")),
        Some("ketua tim")
    );
    let none = app.page("/aturan?q=tidak+ada+kata+ini").await;
    assert!(text(&none, "#tidak-ditemukan").is_some());
    assert_eq!(none.select(&sel("li.rule-entry")).count(), 0);
    // A control character in the search is refused before anything is read.
    let (status, _) = app.get("/aturan?q=KED%0003").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Each rule's page leads back to the catalogue.
    let rule = app.page("/aturan/KED-03").await;
    assert!(
        rule.select(&sel("nav.crumbs a[href='/aturan']"))
            .next()
            .is_some()
    );
}

/// Issue 15 point 8: an unknown verification code gets its own 404 page in Indonesian, shows
/// the public no employee search nor sign-in-only navigation, and a malformed code is not
/// echoed.
#[tokio::test]
async fn an_unknown_verification_code_has_its_own_page() {
    let app = app().await;
    let mut nobody = common::Browser::new();
    let answer = nobody.get(&app, "/verifikasi/TIDAKADA123").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let page = Html::parse_document(&answer.body);
    assert_eq!(
        text(&page, "h1").as_deref(),
        Some("Kode verifikasi tidak dikenal")
    );
    assert_eq!(text(&page, "#kode").as_deref(), Some("TIDAKADA123"));
    assert!(text(&page, "#status-surat").is_some_and(|s| s.contains("Tidak ada surat")));
    assert!(page.select(&sel(".header-search")).next().is_none());
    assert!(page.select(&sel("a[href='/kinerja']")).next().is_none());
    assert!(page.select(&sel("nav.crumbs a[href='/']")).next().is_none());
    assert!(
        page.select(&sel("a.sign-in-link[href='/masuk']"))
            .next()
            .is_some()
    );

    let odd = nobody.get(&app, "/verifikasi/%3Cb%3E").await;
    assert_eq!(odd.status, StatusCode::NOT_FOUND);
    let page = Html::parse_document(&odd.body);
    assert!(text(&page, "#kode").is_none());
    assert!(!odd.body.contains("<b>"));
}
