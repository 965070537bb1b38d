//! The admin pages (issue 3 points 3, 5, 6): granting and revoking roles takes effect at once
//! and a refused form changes nothing; a new API token shows its secret once, works on the API
//! and stops when revoked; the audit page lists the changes with actor and position, filters
//! them and reports the state of the hash chain; free text is escaped everywhere.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{
    Answer, Browser, TEST_PASSWORD, TestApp, app, app_with, give_password, nip, post_form,
    setup_actor, test_agency, text, texts,
};
use scraper::Html;
use sikerja_domain::access::GrantedRole;
use sikerja_domain::organisation::{AgencyId, EmployeeId};
use sikerja_storage::{AuditFilter, RoleGrantView};

fn spaced(nip: &str) -> String {
    sikerja_domain::Nip::parse(nip).unwrap().spaced()
}

/// Someone of the test agency, signed in with a fresh session.
async fn signed_in(app: &TestApp, login: &str) -> Browser {
    give_password(&app.store, login, TEST_PASSWORD, false).await;
    let mut b = Browser::new();
    let answer = b.sign_in(app, login, TEST_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    b.get(app, "/akun/kata-sandi").await;
    b
}

async fn agency(app: &TestApp) -> AgencyId {
    app.store.agency_by_code("kab-uji").await.unwrap().id
}

async fn grants(app: &TestApp) -> Vec<RoleGrantView> {
    app.store.role_grants(agency(app).await).await.unwrap()
}

async fn active_grant_of(app: &TestApp, nip: &str) -> Option<RoleGrantView> {
    let id = EmployeeId(app.employee_id(nip).await);
    grants(app)
        .await
        .into_iter()
        .find(|g| g.employee == id && g.is_active())
}

async fn audit_total(app: &TestApp) -> u64 {
    app.store
        .audit_entries(&AuditFilter::default())
        .await
        .unwrap()
        .total
}

/// The admin's browser, on the roles page (so that it holds the page's CSRF token).
async fn admin(app: &TestApp) -> Browser {
    let mut b = app.admin.clone();
    let page = b.get(app, "/admin/peran").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    b
}

async fn grant(b: &mut Browser, app: &TestApp, nip: &str, role: &str, reason: &str) -> Answer {
    b.post(
        app,
        "/admin/peran",
        &[("nip", nip), ("role", role), ("reason", reason)],
    )
    .await
}

#[tokio::test]
async fn a_granted_role_gives_the_right_at_once_and_a_revoked_one_takes_it_back_at_once() {
    let app = app().await;
    let mut pelaksana = signed_in(&app, nip::PELAKSANA).await;
    assert_eq!(
        pelaksana.get(&app, "/admin/peran").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        pelaksana.get(&app, "/admin/menu").await.status,
        StatusCode::NO_CONTENT
    );

    let mut admin = admin(&app).await;
    let answer = grant(
        &mut admin,
        &app,
        &spaced(nip::PELAKSANA),
        "hr_admin",
        "SK Kepala BKPSDM 800/12/2025",
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location.unwrap();
    let page = admin.get(&app, &location).await.html();
    assert!(text(&page, ".notice").unwrap().contains("diberikan"));
    let active = texts(&page, "#peran-aktif tr.grant");
    assert!(
        active
            .iter()
            .any(|r| r.contains("Maya Sari") && r.contains("Admin BKPSDM")),
        "{active:?}"
    );

    // The same session, no new sign-in: the right is there at once.
    let opened = pelaksana.get(&app, "/admin/peran").await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let menu = pelaksana.get(&app, "/admin/menu").await;
    assert_eq!(menu.status, StatusCode::OK);
    assert_eq!(
        text(&menu.html(), "a.admin-link").as_deref(),
        Some("Administrasi")
    );

    let id = active_grant_of(&app, nip::PELAKSANA).await.unwrap().id;
    let answer = admin
        .post(
            &app,
            &format!("/admin/peran/{id}/cabut"),
            &[("reason", "Mutasi ke Dinas Pendidikan")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        pelaksana.get(&app, "/admin/peran").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        pelaksana.get(&app, "/admin/menu").await.status,
        StatusCode::NO_CONTENT
    );

    // The revoked grant stays listed with who took it back and why.
    let page = admin.get(&app, "/admin/peran").await.html();
    let past = texts(&page, "#peran-dicabut tr.grant");
    assert_eq!(past.len(), 1, "{past:?}");
    assert!(past[0].contains("Mutasi ke Dinas Pendidikan"), "{past:?}");
    assert!(past[0].contains("Hj. Siti Aminah"), "{past:?}");
    assert!(past[0].contains("SK Kepala BKPSDM 800/12/2025"), "{past:?}");
}

#[tokio::test]
async fn a_refused_grant_or_revocation_explains_itself_and_changes_nothing() {
    let app = app_with(&[test_agency(), sikerja_demo::small_agency()]).await;
    let other = app.store.agency_by_code("kab-contoh").await.unwrap().id;
    let stranger = app
        .store
        .employees(&sikerja_storage::EmployeeFilter {
            agency: Some(other),
            department: None,
            search: None,
            limit: 1,
            offset: 0,
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .employee
        .nip
        .as_str()
        .to_string();
    let before = grants(&app).await.len();
    let audit_before = audit_total(&app).await;
    let mut admin = admin(&app).await;
    let cases = [
        (
            nip::PELAKSANA,
            "hr_admin",
            "   ",
            "Alasan pemberian peran wajib diisi",
        ),
        (nip::PELAKSANA, "", "SK 1", "Pilih peran"),
        ("12345", "hr_admin", "SK 1", "NIP tidak sah"),
        (
            "199001012015031999",
            "hr_admin",
            "SK 1",
            "Tidak ada pegawai dengan NIP",
        ),
        (
            stranger.as_str(),
            "hr_admin",
            "SK 1",
            "bukan pegawai instansi Anda",
        ),
        (
            nip::KADIS,
            "hr_admin",
            "SK 1",
            "sudah memiliki peran Admin BKPSDM",
        ),
    ];
    for (nip, role, reason, message) in cases {
        let answer = grant(&mut admin, &app, nip, role, reason).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{nip}: {}",
            answer.body
        );
        let html = answer.html();
        let error = text(&html, "#beri-peran .form-error").unwrap_or_default();
        assert!(error.contains(message), "{nip}: {error}");
        // The input is kept for correcting.
        let kept = html
            .select(&common::sel("#beri-peran input[name=nip]"))
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or_default()
            .to_string();
        assert_eq!(kept, nip);
    }
    assert_eq!(grants(&app).await.len(), before);

    // Revoking without a reason is refused at that grant's form; the grant still applies.
    let kadis = active_grant_of(&app, nip::KADIS).await.unwrap().id;
    let answer = admin
        .post(
            &app,
            &format!("/admin/peran/{kadis}/cabut"),
            &[("reason", " ")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = text(&answer.html(), &format!("#peran-{kadis} .form-error")).unwrap();
    assert!(error.contains("Alasan pencabutan wajib diisi"), "{error}");
    assert!(active_grant_of(&app, nip::KADIS).await.is_some());

    // Another agency's grant is unknown here, like a missing one.
    let stranger_id = app
        .store
        .employee_by_nip(&sikerja_domain::Nip::parse(&stranger).unwrap())
        .await
        .unwrap()
        .employee
        .id;
    let foreign = app
        .store
        .grant_role(
            stranger_id,
            GrantedRole::HrAdmin,
            &setup_actor(),
            "admin lain",
        )
        .await
        .unwrap();
    let audit_before = audit_before + 1;
    for id in [foreign.0, 999_999] {
        let answer = admin
            .post(
                &app,
                &format!("/admin/peran/{id}/cabut"),
                &[("reason", "coba")],
            )
            .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{id}");
    }
    let foreign_grants = app.store.role_grants(other).await.unwrap();
    assert!(foreign_grants.iter().all(|g| g.is_active()));
    assert_eq!(
        audit_total(&app).await,
        audit_before,
        "nothing was recorded"
    );
}

#[tokio::test]
async fn a_new_token_shows_its_secret_once_works_on_the_api_and_stops_when_revoked() {
    let app = app().await;
    let mut admin = admin(&app).await;
    admin.get(&app, "/admin/token-api").await;

    // The answer to the creation, with its headers (the admin's session and CSRF token).
    let (status, response, body) = app
        .send_authed(post_form(
            "/admin/token-api",
            &[
                ("name", "SIMPEG BKPSDM"),
                ("access", "baca"),
                ("agency", ""),
            ],
        ))
        .await;
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        response.headers().get(header::CACHE_CONTROL).unwrap(),
        "no-store"
    );
    let html = Html::parse_document(&body);
    let secret = text(&html, "#token-baru #rahasia-token").unwrap();
    assert!(secret.starts_with("skj_"), "{secret}");
    assert!(
        text(&html, "#token-baru")
            .unwrap()
            .contains("Token tidak akan ditampilkan lagi")
    );

    // Scoped to the admin's agency, read only; listed without its secret from now on.
    let tokens = app.store.api_tokens().await.unwrap();
    let view = tokens.iter().find(|t| t.name == "SIMPEG BKPSDM").unwrap();
    assert_eq!(view.agency, Some(agency(&app).await));
    assert!(!view.can_write);
    let list = admin.get(&app, "/admin/token-api").await;
    assert!(
        !list.body.contains(&secret),
        "the secret is shown only once"
    );
    let row = text(&list.html(), &format!("#token-{}", view.id)).unwrap();
    assert!(row.contains("SIMPEG BKPSDM"), "{row}");
    assert!(row.contains(&view.prefix), "{row}");
    assert!(row.contains("Pemerintah Kabupaten Uji"), "{row}");
    assert!(row.contains("baca saja") && row.contains("aktif"), "{row}");

    // It works on the API, and no longer once revoked.
    let bearer = |uri: &str| {
        Request::get(uri)
            .header(header::AUTHORIZATION, format!("Bearer {secret}"))
            .body(Body::empty())
            .unwrap()
    };
    let (status, _, _) = app.send(bearer("/api/v1/agencies")).await;
    assert_eq!(status, StatusCode::OK);
    let answer = admin
        .post(&app, &format!("/admin/token-api/{}/cabut", view.id), &[])
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let (status, _, _) = app.send(bearer("/api/v1/agencies")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let row = text(
        &admin.get(&app, "/admin/token-api").await.html(),
        &format!("#token-{}", view.id),
    )
    .unwrap();
    assert!(
        row.contains("dicabut") && row.contains("Hj. Siti Aminah"),
        "{row}"
    );

    // A read-and-write token; a blank name is refused.
    let answer = admin
        .post(
            &app,
            "/admin/token-api",
            &[("name", "Integrasi"), ("access", "tulis")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let tokens = app.store.api_tokens().await.unwrap();
    let write = tokens.iter().find(|t| t.name == "Integrasi").unwrap();
    assert!(write.can_write && write.agency == Some(agency(&app).await));
    let count = tokens.len();
    let answer = admin
        .post(
            &app,
            "/admin/token-api",
            &[("name", "  "), ("access", "baca")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(&answer.html(), "#buat-token .form-error")
            .unwrap()
            .contains("Nama token wajib diisi")
    );
    assert!(text(&answer.html(), "#token-baru").is_none());
    assert_eq!(app.store.api_tokens().await.unwrap().len(), count);

    // The operator's unscoped token is listed but cannot be revoked from here.
    let unscoped = tokens.iter().find(|t| t.agency.is_none()).unwrap();
    let answer = admin
        .post(
            &app,
            &format!("/admin/token-api/{}/cabut", unscoped.id),
            &[],
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let (status, _) = app.get("/api/v1/agencies").await;
    assert_eq!(status, StatusCode::OK, "the unscoped token still works");
}

#[tokio::test]
async fn the_audit_page_lists_a_grant_with_actor_and_position_and_the_filters_narrow_it() {
    let app = app().await;
    let mut admin = admin(&app).await;
    let answer = grant(
        &mut admin,
        &app,
        nip::KABID,
        "process_map_keeper",
        "Nota dinas 12",
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let grant_id = active_grant_of(&app, nip::KABID).await.unwrap().id;

    let page = admin.get(&app, "/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    assert!(
        text(&html, "#status-rantai").unwrap().contains("utuh"),
        "{:?}",
        text(&html, "#status-rantai")
    );
    let all = texts(&html, "tr.audit-entry");
    let granted: Vec<_> = all.iter().filter(|r| r.contains("role.granted")).collect();
    // The test set-up granted the admin's role too.
    assert_eq!(granted.len(), 2, "{all:?}");
    let row = granted[0];
    assert!(
        row.contains("Hj. Siti Aminah") && row.contains(nip::KADIS),
        "{row}"
    );
    assert!(row.contains("Kepala Dinas Kesehatan"), "{row}");
    assert!(
        row.contains("WITA") && row.contains("Nota dinas 12"),
        "{row}"
    );

    // By action, by record, by actor, by dates.
    let count = |html: &Html| texts(html, "tr.audit-entry").len();
    let by_action = admin
        .get(&app, "/admin/audit?action=role.granted")
        .await
        .html();
    assert_eq!(count(&by_action), 2);
    assert!(count(&by_action) < all.len());
    let by_record = admin
        .get(
            &app,
            &format!("/admin/audit?entity=role_grant&entity_id={grant_id}"),
        )
        .await
        .html();
    assert_eq!(texts(&by_record, "tr.audit-entry"), vec![row.clone()]);
    let actor = app
        .store
        .audit_entries(&AuditFilter {
            entity: Some("role_grant".into()),
            entity_id: Some(grant_id.to_string()),
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .actor
        .clone();
    let query = serde_urlencoded::to_string([("actor", actor.as_str())]).unwrap();
    let by_actor = admin
        .get(&app, &format!("/admin/audit?{query}"))
        .await
        .html();
    let rows = texts(&by_actor, "tr.audit-entry");
    assert!(!rows.is_empty() && rows.len() < all.len(), "{rows:?}");
    assert!(rows.iter().all(|r| r.contains(&actor)), "{rows:?}");
    let long_ago = admin
        .get(&app, "/admin/audit?from=2001-01-01&until=2001-12-31")
        .await
        .html();
    assert_eq!(count(&long_ago), 0);
    assert!(
        text(&long_ago, "#jumlah-audit")
            .unwrap()
            .starts_with("0 entri")
    );
    let today = (chrono::Utc::now() + chrono::TimeDelta::hours(8))
        .format("%Y-%m-%d")
        .to_string();
    let since_today = admin
        .get(&app, &format!("/admin/audit?from={today}&until={today}"))
        .await
        .html();
    assert_eq!(count(&since_today), all.len());
    let unreadable = admin.get(&app, "/admin/audit?from=kemarin").await.html();
    assert!(
        text(&unreadable, "#tabel-audit .form-error")
            .unwrap()
            .contains("tidak dapat dibaca")
    );

    // htmx gets the table alone.
    let mut request = Request::get("/admin/audit?action=role.granted")
        .header("hx-request", "true")
        .body(Body::empty())
        .unwrap();
    request.headers_mut().insert(
        header::COOKIE,
        admin.cookie.clone().unwrap().parse().unwrap(),
    );
    let (status, _, body) = app.send(request).await;
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("<html"), "{body}");
    assert_eq!(count(&Html::parse_fragment(&body)), 2);
}

/// An agency's admin browses the entries about their own agency's records only: the other
/// agency's import, grants and sign-ins stay out of the list (and out of the counts).
#[tokio::test]
async fn the_audit_page_shows_the_admins_own_agency_only() {
    let app = app_with(&[test_agency(), sikerja_demo::small_agency()]).await;
    let other = app.store.agency_by_code("kab-contoh").await.unwrap().id;
    let someone_else = app
        .store
        .employees(&sikerja_storage::EmployeeFilter {
            agency: Some(other),
            department: None,
            search: None,
            limit: 1,
            offset: 0,
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .employee
        .id;
    app.store
        .grant_role(
            someone_else,
            GrantedRole::HrAdmin,
            &setup_actor(),
            "admin contoh",
        )
        .await
        .unwrap();
    let mut admin = admin(&app).await;
    let page = admin.get(&app, "/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    let rows = texts(&html, "tr.audit-entry");
    assert!(
        rows.iter()
            .any(|r| r.contains("agency.import") && r.contains("kab-uji")),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.contains("kab-contoh")), "{rows:?}");
    assert!(!rows.iter().any(|r| r.contains("admin contoh")), "{rows:?}");
    let everything = app
        .store
        .audit_entries(&AuditFilter::default())
        .await
        .unwrap()
        .total;
    let own = app
        .store
        .audit_entries(&AuditFilter {
            agency: Some(agency(&app).await.0),
            // The page lists sign-ins in their own view (issue 15 point 5).
            sign_ins: sikerja_storage::SignIns::Excluded,
            ..Default::default()
        })
        .await
        .unwrap()
        .total;
    assert!(own < everything, "{own} of {everything}");
    assert!(
        text(&html, "#jumlah-audit")
            .unwrap()
            .starts_with(&format!("{own} entri")),
        "{:?}",
        text(&html, "#jumlah-audit")
    );
    // The chain itself spans the installation and stays whole.
    assert!(text(&html, "#status-rantai").unwrap().contains("utuh"));
}

#[tokio::test]
async fn markup_in_a_reason_or_a_token_name_is_shown_as_text() {
    let app = app().await;
    let mut admin = admin(&app).await;
    let reason = "<script>alert(1)</script> SK <b>12</b> & 'kutip'";
    let answer = grant(&mut admin, &app, nip::KABID, "hr_admin", reason).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    admin.get(&app, "/admin/token-api").await;
    let answer = admin
        .post(
            &app,
            "/admin/token-api",
            &[("name", "<img src=x onerror=alert(1)>"), ("access", "baca")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert!(!answer.body.contains("<img src=x"));

    for uri in ["/admin/peran", "/admin/audit", "/admin/token-api"] {
        let page = admin.get(&app, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(!page.body.contains("<script>alert"), "{uri}");
        assert!(!page.body.contains("<b>12</b>"), "{uri}");
        assert!(!page.body.contains("<img src=x"), "{uri}");
    }
    let roles = admin.get(&app, "/admin/peran").await.html();
    let reasons = texts(&roles, "#peran-aktif td.granted .reason");
    assert!(
        reasons.iter().any(|r| r.contains("<b>12</b>")),
        "the text itself is kept: {reasons:?}"
    );
}

#[tokio::test]
async fn only_the_hr_admin_reaches_the_admin_pages_and_sees_the_link() {
    let app = app().await;
    let mut pelaksana = signed_in(&app, nip::PELAKSANA).await;
    for uri in [
        "/admin/peran",
        "/admin/token-api",
        "/admin/pemberitahuan",
        "/admin/audit",
    ] {
        assert_eq!(
            pelaksana.get(&app, uri).await.status,
            StatusCode::FORBIDDEN,
            "{uri}"
        );
    }
    let before = grants(&app).await.len();
    let answer = grant(
        &mut pelaksana,
        &app,
        nip::PELAKSANA,
        "hr_admin",
        "saya sendiri",
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(grants(&app).await.len(), before);

    // Every signed-in page renders the link with the page (issue 15 point 11: no htmx load
    // after it, no layout shift); only the admin gets one.
    let mut admin = app.admin.clone();
    let start = admin.get(&app, "/").await.html();
    let link = start
        .select(&common::sel(".account a.admin-link[href=\"/admin/peran\"]"))
        .count();
    assert_eq!(link, 1);
    assert_eq!(start.select(&common::sel("[hx-trigger=load]")).count(), 0);
    let theirs = pelaksana.get(&app, "/").await.html();
    assert_eq!(
        theirs.select(&common::sel(".account a.admin-link")).count(),
        0
    );
    let menu = admin.get(&app, "/admin/menu").await;
    assert_eq!(menu.status, StatusCode::OK);
    assert_eq!(
        menu.html()
            .select(&common::sel("a.admin-link[href=\"/admin/peran\"]"))
            .count(),
        1
    );

    // The tabs lead to each other.
    let page = admin.get(&app, "/admin/audit").await.html();
    assert_eq!(
        text(&page, ".admin-tabs a[aria-current=page]").as_deref(),
        Some("Jejak audit")
    );
    // Roles, API tokens, reporting settings (issue 13), agency policies, regional heads,
    // fields of experience and the agency import (issue 14), registers and letterheads,
    // the assessments (issue 16), the notification desk (issue 18) and the audit trail.
    assert_eq!(texts(&page, ".admin-tabs a").len(), 11);
}

#[tokio::test]
async fn the_only_admin_cannot_take_back_their_own_role_from_the_page() {
    let app = app().await;
    let mut admin = admin(&app).await;
    let own = active_grant_of(&app, nip::KADIS).await.unwrap().id;
    let audit_before = audit_total(&app).await;
    let answer = admin
        .post(
            &app,
            &format!("/admin/peran/{own}/cabut"),
            &[("reason", "Serah terima tugas")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = text(&answer.html(), &format!("#peran-{own} .form-error")).unwrap();
    assert!(error.contains("pemegang terakhir"), "{error}");
    assert!(error.contains("Admin BKPSDM"), "{error}");
    assert!(active_grant_of(&app, nip::KADIS).await.is_some());
    assert_eq!(audit_total(&app).await, audit_before, "nothing recorded");
    assert_eq!(
        admin.get(&app, "/admin/peran").await.status,
        StatusCode::OK,
        "the admin keeps the page"
    );
}

#[tokio::test]
async fn an_admin_taking_back_their_own_role_lands_on_the_start_page_without_it() {
    let app = app().await;
    let mut admin = admin(&app).await;
    // A second admin first: the last one is never taken back from the page.
    let answer = grant(
        &mut admin,
        &app,
        &spaced(nip::PELAKSANA),
        "hr_admin",
        "Serah terima tugas",
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let own = active_grant_of(&app, nip::KADIS).await.unwrap().id;
    let answer = admin
        .post(
            &app,
            &format!("/admin/peran/{own}/cabut"),
            &[("reason", "Serah terima tugas")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location.as_deref(), Some("/"));
    assert_eq!(
        admin.get(&app, "/admin/peran").await.status,
        StatusCode::FORBIDDEN
    );
    assert!(active_grant_of(&app, nip::KADIS).await.is_none());
}

#[tokio::test]
async fn pen_08_the_hr_admin_keeps_the_fields_of_experience_with_their_synonyms() {
    let app = app().await;
    let mut admin = admin(&app).await;
    // Seeded from the imported experience.
    let page = admin.get(&app, "/admin/bidang-tugas").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    assert_eq!(
        text(&html, ".admin-tabs a[aria-current=page]").as_deref(),
        Some("Bidang tugas")
    );
    assert!(
        html.select(&common::sel("tr.experience-field[data-code=kesehatan]"))
            .next()
            .is_some()
    );
    // A synonym added; a new field with its code made from the name.
    let answer = admin
        .post(
            &app,
            "/admin/bidang-tugas",
            &[
                ("code", "kesehatan"),
                ("name", "Kesehatan"),
                ("synonyms", "Pelayanan Kesehatan, Bidang Kesehatan"),
                ("code", ""),
                ("name", "Keuangan Daerah"),
                ("synonyms", ""),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let agency = agency(&app).await;
    let (status, list) = app
        .json(&format!("/api/v1/agencies/{}/experience-fields", agency.0))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list[0]["code"], "kesehatan");
    assert_eq!(list[0]["synonyms"][1], "Bidang Kesehatan");
    assert_eq!(list[1]["code"], "keuangan-daerah");
    // A synonym naming another field: refused whole, what was typed kept, nothing changed.
    let before = audit_total(&app).await;
    let answer = admin
        .post(
            &app,
            "/admin/bidang-tugas",
            &[
                ("code", "kesehatan"),
                ("name", "Kesehatan"),
                ("synonyms", "Keuangan daerah"),
                ("code", "keuangan-daerah"),
                ("name", "Keuangan Daerah"),
                ("synonyms", ""),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.html();
    let error = text(&html, ".form-error").unwrap();
    assert!(error.contains("sudah menjadi nama atau sinonim"), "{error}");
    assert!(
        html.select(&common::sel(
            "input[name=synonyms][value='Keuangan daerah']"
        ))
        .next()
        .is_some()
    );
    assert_eq!(audit_total(&app).await, before);
    // Removing a field the stored experience names: refused.
    let answer = admin
        .post(
            &app,
            "/admin/bidang-tugas",
            &[("code", ""), ("name", ""), ("synonyms", "")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(&answer.html(), ".form-error")
            .unwrap()
            .contains("masih dipakai")
    );
}

/// Issue 15 point 8 (DOC-05): the HR admin adds and changes a numbering register and sets a
/// letterhead through the admin page; each change is one audit row; a refused form (a pattern
/// without `{seq}`, a foreign issuer, a control character, too many lines) shows the reason
/// and changes nothing; nobody else reaches the page.
#[tokio::test]
async fn doc_05_the_admin_sets_numbering_registers_and_letterheads_on_a_page() {
    let app = app().await;
    let mut admin = admin(&app).await;
    let agency = agency(&app).await;
    let audit_count = |action: &'static str| {
        let store = app.store.clone();
        async move {
            store
                .audit_entries(&AuditFilter {
                    action: Some(action.into()),
                    limit: 100,
                    ..Default::default()
                })
                .await
                .unwrap()
                .total
        }
    };

    let page = admin.get(&app, "/admin/surat").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    assert_eq!(
        text(&html, ".admin-tabs a[aria-current=page]").as_deref(),
        Some("Register dan kop surat")
    );
    assert_eq!(html.select(&common::sel("tr.register")).count(), 0);

    let dept = app.department_id("dinkes").await.to_string();
    let saved = admin
        .post(
            &app,
            "/admin/surat/register",
            &[
                ("issuer", dept.as_str()),
                ("kind", "surat_tugas"),
                ("year", "2027"),
                ("classification", "800.1.11"),
                ("unit_code", "Dinkes"),
                ("pattern", "{classification}/{seq}/{unit}/{year}"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(audit_count("letter.register").await, 1);
    let registers = app.store.letter_registers(agency).await.unwrap();
    assert_eq!(registers.len(), 1);
    assert_eq!(registers[0].unit_code, "Dinkes");
    let page = admin
        .get(&app, "/admin/surat?tersimpan=register")
        .await
        .html();
    assert!(text(&page, "#tersimpan").is_some());
    let row = text(&page, "tr.register").unwrap();
    assert!(row.contains("800.1.11/1/Dinkes/2027"), "{row}");

    // Changing it: the same issuer, kind and year, a new unit code.
    let changed = admin
        .post(
            &app,
            "/admin/surat/register",
            &[
                ("issuer", dept.as_str()),
                ("kind", "surat_tugas"),
                ("year", "2027"),
                ("classification", "800.1.11"),
                ("unit_code", "Dinkes.2"),
                ("pattern", "{classification}/{seq}/{unit}/{year}"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let registers = app.store.letter_registers(agency).await.unwrap();
    assert_eq!(registers.len(), 1);
    assert_eq!(registers[0].unit_code, "Dinkes.2");
    let form = admin
        .get(&app, &format!("/admin/surat?register={}", registers[0].id))
        .await
        .html();
    assert_eq!(
        form.select(&common::sel("input[name=unit_code]"))
            .next()
            .and_then(|i| i.value().attr("value")),
        Some("Dinkes.2")
    );

    // Refusals: the reason shown, nothing written.
    let before = audit_count("letter.register").await;
    for (fields, expected) in [
        (
            vec![
                ("issuer", dept.as_str()),
                ("kind", "surat_tugas"),
                ("year", "2027"),
                ("classification", "800"),
                ("unit_code", "X"),
                ("pattern", "{classification}/{unit}"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            vec![
                ("issuer", "999999"),
                ("kind", "surat_tugas"),
                ("year", "2027"),
                ("classification", "800"),
                ("unit_code", "X"),
                ("pattern", "{seq}"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            vec![
                ("issuer", dept.as_str()),
                ("kind", "surat_tugas"),
                ("year", "dua ribu"),
                ("classification", "800"),
                ("unit_code", "X"),
                ("pattern", "{seq}"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            vec![
                ("issuer", dept.as_str()),
                ("kind", "surat_tugas"),
                ("year", "2027"),
                ("classification", "800\u{7}"),
                ("unit_code", "X"),
                ("pattern", "{seq}"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let refused = admin.post(&app, "/admin/surat/register", &fields).await;
        assert_eq!(refused.status, expected, "{fields:?}: {}", refused.body);
        assert!(refused.body.contains("form-error") || refused.body.contains("error-status"));
    }
    let refused = admin
        .post(
            &app,
            "/admin/surat/register",
            &[
                ("issuer", dept.as_str()),
                ("kind", "surat_tugas"),
                ("year", "2027"),
                ("classification", "800"),
                ("unit_code", "X"),
                ("pattern", "{classification}"),
            ],
        )
        .await;
    assert!(
        text(&refused.html(), ".form-error")
            .unwrap()
            .contains("{seq}")
    );
    assert_eq!(audit_count("letter.register").await, before);
    assert_eq!(
        app.store.letter_registers(agency).await.unwrap()[0].unit_code,
        "Dinkes.2"
    );

    // Issue 15 point 6: the register of performance agreements is offered and set the same way.
    let form = admin.get(&app, "/admin/surat").await.html();
    let offered: Vec<(String, String)> = form
        .select(&common::sel("select[name=kind] option"))
        .map(|o| {
            (
                o.value().attr("value").unwrap_or_default().to_string(),
                o.text().collect::<String>(),
            )
        })
        .collect();
    assert!(
        offered.contains(&(
            "performance_agreement".to_string(),
            "Perjanjian Kinerja".to_string()
        )),
        "{offered:?}"
    );
    let saved = admin
        .post(
            &app,
            "/admin/surat/register",
            &[
                ("issuer", dept.as_str()),
                ("kind", "performance_agreement"),
                ("year", "2027"),
                ("classification", "000.8.3"),
                ("unit_code", "Dinkes"),
                ("pattern", "{classification}/{seq}/{unit}/PK/{year}"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = admin.get(&app, "/admin/surat").await.html();
    let rows = texts(&page, "tr.register");
    assert!(
        rows.iter()
            .any(|r| r.contains("Perjanjian Kinerja") && r.contains("000.8.3/1/Dinkes/PK/2027")),
        "{rows:?}"
    );

    // The agency's letterhead.
    admin.get(&app, "/admin/surat?kop=instansi").await;
    let set = admin
        .post(
            &app,
            "/admin/surat/kop",
            &[
                ("issuer", "instansi"),
                ("line", "PEMERINTAH KABUPATEN UJI"),
                ("line", ""),
                ("address", "Jalan Uji No. 1, Martapura"),
                ("contact", "Telepon (0511) 123456"),
            ],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    let head = app.store.letterhead(agency, None).await.unwrap();
    assert!(head.stored);
    assert_eq!(head.lines, vec!["PEMERINTAH KABUPATEN UJI".to_string()]);
    assert_eq!(head.contacts, vec!["Telepon (0511) 123456".to_string()]);
    assert_eq!(audit_count("letter.letterhead").await, 1);
    let form = admin.get(&app, "/admin/surat?kop=instansi").await.html();
    assert_eq!(
        form.select(&common::sel("#form-kop input[name=line]"))
            .next()
            .and_then(|i| i.value().attr("value")),
        Some("PEMERINTAH KABUPATEN UJI")
    );
    // No name line, or more lines than the form has: refused, nothing written.
    let refused = admin
        .post(
            &app,
            "/admin/surat/kop",
            &[("issuer", "instansi"), ("line", " "), ("address", "x")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let many: Vec<(&str, &str)> = std::iter::once(("issuer", "instansi"))
        .chain(std::iter::repeat_n(("line", "BARIS"), 5))
        .collect();
    let refused = admin.post(&app, "/admin/surat/kop", &many).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(audit_count("letter.letterhead").await, 1);
    assert_eq!(
        app.store.letterhead(agency, None).await.unwrap().lines,
        vec!["PEMERINTAH KABUPATEN UJI".to_string()]
    );

    // A Pelaksana does not reach the page nor its forms.
    let mut pelaksana = signed_in(&app, nip::PELAKSANA).await;
    assert_eq!(
        pelaksana.get(&app, "/admin/surat").await.status,
        StatusCode::FORBIDDEN
    );
    let answer = pelaksana
        .post(
            &app,
            "/admin/surat/kop",
            &[("issuer", "instansi"), ("line", "X")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

/// Issue 15 (DOC-05): the letterhead form takes a logo. A PNG is stored with the letterhead,
/// previewed on the page (served as PNG) and carried by the letters; a file that is no image
/// (whatever its name and declared type) is refused and changes nothing; "Hapus logo"
/// removes it; a form sent without a file keeps it.
#[tokio::test]
async fn doc_05_the_letterhead_form_takes_a_png_logo_previews_and_removes_it() {
    let app = app().await;
    let mut admin = admin(&app).await;
    let agency = agency(&app).await;
    let form = admin.get(&app, "/admin/surat?kop=instansi").await.html();
    assert_eq!(
        form.select(&common::sel(
            "#form-kop form[enctype='multipart/form-data'] input[type=file][name=logo]"
        ))
        .count(),
        1
    );
    assert!(
        form.select(&common::sel("#form-kop figure.letterhead-logo"))
            .next()
            .is_none()
    );
    let texts = [
        ("issuer", "instansi"),
        ("line", "PEMERINTAH KABUPATEN UJI"),
        ("address", "Jalan Uji No. 1, Martapura"),
    ];
    let png = sikerja_letters::qr_png("https://contoh.invalid/v/logo").unwrap();

    // A text file named and declared as PNG: refused, nothing stored.
    let refused = admin
        .post_files_as(
            &app,
            "/admin/surat/kop",
            &texts,
            "logo",
            &[("logo.png", "image/png", b"bukan gambar sama sekali")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        text(&refused.html(), "#form-kop .form-error")
            .unwrap()
            .contains("PNG atau JPEG"),
        "{}",
        refused.body
    );
    assert!(!app.store.letterhead(agency, None).await.unwrap().stored);

    // A PNG: stored with the letterhead and previewed.
    admin.get(&app, "/admin/surat?kop=instansi").await;
    let set = admin
        .post_files_as(
            &app,
            "/admin/surat/kop",
            &texts,
            "logo",
            &[("kop.png", "image/png", &png)],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    let head = app.store.letterhead(agency, None).await.unwrap();
    assert_eq!(head.logo.as_deref(), Some(png.as_slice()));
    let form = admin.get(&app, "/admin/surat?kop=instansi").await.html();
    let src = form
        .select(&common::sel("#form-kop figure.letterhead-logo img"))
        .next()
        .and_then(|i| i.value().attr("src"))
        .map(str::to_string)
        .unwrap();
    let preview = admin.get(&app, &src).await;
    assert_eq!(preview.status, StatusCode::OK);
    // The body read as text: the PNG signature's "PNG" survives.
    assert!(
        preview
            .body
            .chars()
            .take(4)
            .collect::<String>()
            .ends_with("PNG"),
        "a PNG is served"
    );

    // Sent again without a file: the logo stays.
    let kept = admin
        .post_files_as(&app, "/admin/surat/kop", &texts, "logo", &[])
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.body);
    assert!(
        app.store
            .letterhead(agency, None)
            .await
            .unwrap()
            .logo
            .is_some()
    );

    // "Hapus logo": removed, and the preview is gone.
    admin.get(&app, "/admin/surat?kop=instansi").await;
    let mut removing = texts.to_vec();
    removing.push(("remove_logo", "ya"));
    let removed = admin
        .post_files_as(&app, "/admin/surat/kop", &removing, "logo", &[])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert!(
        app.store
            .letterhead(agency, None)
            .await
            .unwrap()
            .logo
            .is_none()
    );
    assert_eq!(admin.get(&app, &src).await.status, StatusCode::NOT_FOUND);
}
