//! Issue 15 point 5: the audit trail reads as sentences. A row names who did what to whom, in
//! Indonesian, with the official and the record linked and the summary as labelled facts (the
//! codes and JSON only under "Rincian teknis"); the action filter is a list of labels; sign-ins
//! have their own view, and nobody but an audit reader sees a client address.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::{Browser, TEST_PASSWORD, TestApp, app, give_password, nip, sel, text, texts};
use scraper::Html;
use sikerja_domain::audit::{AuditAction, AuditSubject};

fn spaced(nip: &str) -> String {
    sikerja_domain::Nip::parse(nip).unwrap().spaced()
}

/// The admin's browser, on the roles page (so that it holds the page's CSRF token).
async fn admin(app: &TestApp) -> Browser {
    let mut b = app.admin.clone();
    let page = b.get(app, "/admin/peran").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    b
}

fn hrefs(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn an_audit_row_reads_as_a_sentence_naming_and_linking_who_did_what_to_whom() {
    let app = app().await;
    let mut admin = admin(&app).await;
    let answer = admin
        .post(
            &app,
            "/admin/peran",
            &[
                ("nip", nip::KABID),
                ("role", "process_map_keeper"),
                ("reason", "Nota dinas 12"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let kadis = app.employee_id(nip::KADIS).await;
    let kabid = app.employee_id(nip::KABID).await;

    let html = admin
        .get(&app, "/admin/audit?action=role.granted")
        .await
        .html();
    let first = "#tabel-audit tr.audit-entry:first-child";
    let sentence = text(&html, &format!("{first} .audit-sentence")).unwrap();
    // "Hj. Siti Aminah, S.E., Kepala Dinas Kesehatan, memberikan peran kepada Dewi Lestari,
    // S.E. (NIP 19760404 200303 2 004)."
    assert!(
        sentence.starts_with("Hj. Siti Aminah")
            && sentence.contains(", Kepala Dinas Kesehatan, memberikan peran kepada Dewi Lestari"),
        "who, in which position, did what to whom: {sentence}"
    );
    assert!(
        sentence.ends_with(&format!("(NIP {}).", spaced(nip::KABID))),
        "{sentence}"
    );
    assert!(
        !sentence.contains('#') && !sentence.contains("role"),
        "{sentence}"
    );
    assert_eq!(
        hrefs(&html, &format!("{first} a.audit-actor")),
        vec![format!("/pegawai/{kadis}")]
    );
    assert_eq!(
        hrefs(&html, &format!("{first} a.audit-subject")),
        vec![format!("/pegawai/{kabid}")]
    );
    let facts = texts(&html, &format!("{first} .audit-facts li"));
    assert_eq!(
        facts,
        vec![
            "Peran: Pengelola Peta Proses Bisnis".to_string(),
            "Alasan: Nota dinas 12".to_string()
        ]
    );
    // The stored codes and JSON only under "Rincian teknis", for the audit reader.
    let technical = text(&html, &format!("{first} details.audit-technical")).unwrap();
    assert!(technical.starts_with("Rincian teknis"), "{technical}");
    assert!(
        technical.contains("role.granted") && technical.contains("\"reason\""),
        "{technical}"
    );
    let shown = format!("{sentence} {}", facts.join(" "));
    assert!(!shown.contains('{') && !shown.contains("role.granted"));
}

#[tokio::test]
async fn the_action_filter_is_a_grouped_list_of_indonesian_labels_without_sign_ins() {
    let app = app().await;
    let mut admin = admin(&app).await;
    let html = admin
        .get(&app, "/admin/audit?action=role.granted")
        .await
        .html();
    let options: Vec<(String, String)> = html
        .select(&sel("select[name=action] option"))
        .map(|o| {
            (
                o.value().attr("value").unwrap_or_default().to_string(),
                o.text().collect::<String>(),
            )
        })
        .collect();
    // Every action but the sign-ins, by its label; "all" first.
    assert_eq!(options[0], (String::new(), "Semua tindakan".to_string()));
    let listed: Vec<&str> = options[1..].iter().map(|(v, _)| v.as_str()).collect();
    let expected: Vec<&str> = AuditAction::ALL
        .iter()
        .filter(|a| !a.is_sign_in())
        .map(|a| a.code())
        .collect();
    assert_eq!(listed.len(), expected.len());
    assert!(expected.iter().all(|c| listed.contains(c)));
    for (code, label) in &options[1..] {
        let action = AuditAction::from_code(code).unwrap();
        assert!(
            label.eq_ignore_ascii_case(action.label()) && !label.contains('.'),
            "{code}: {label}"
        );
    }
    let groups: Vec<String> = html
        .select(&sel("select[name=action] optgroup"))
        .map(|g| g.value().attr("label").unwrap().to_string())
        .collect();
    assert!(groups.contains(&"Peran, token API dan kata sandi".to_string()));
    assert!(!groups.contains(&"Masuk dan keluar".to_string()));
    assert_eq!(
        text(&html, "select[name=action] option[selected]").as_deref(),
        Some("Pemberian peran"),
        "the chosen action stays chosen"
    );
    // The record filter is a list of labels too.
    assert_eq!(
        texts(&html, "select[name=entity] option").len(),
        AuditSubject::ALL.len() + 1
    );
}

#[tokio::test]
async fn sign_ins_have_their_own_view_and_only_audit_readers_see_an_address() {
    let app = app().await;
    let pelaksana_id = app.employee_id(nip::PELAKSANA).await;
    give_password(&app.store, nip::PELAKSANA, TEST_PASSWORD, false).await;
    let mut pelaksana = Browser::new();
    let answer = pelaksana.sign_in(&app, nip::PELAKSANA, TEST_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let address = "203.0.113.9";
    app.store
        .record_event(
            &format!("Ani (NIP {})", nip::PELAKSANA),
            None,
            AuditAction::SessionSignedIn,
            AuditSubject::Employee,
            &pelaksana_id.to_string(),
            serde_json::json!({ "client": address, "known_device": true }),
        )
        .await
        .unwrap();

    // The trail of changes lists no sign-in.
    let mut admin = admin(&app).await;
    let changes = admin.get(&app, "/admin/audit").await;
    assert_eq!(changes.status, StatusCode::OK);
    assert!(!changes.body.contains(address));
    let rows = texts(&changes.html(), "tr.audit-entry");
    assert!(
        !rows
            .iter()
            .any(|r| r.contains("session.") || r.contains("masuk ke Sikerja")),
        "{rows:?}"
    );

    // "Riwayat masuk" lists them, with the address, for the audit reader.
    let page = admin.get(&app, "/admin/audit/masuk").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    assert_eq!(
        text(&html, ".audit-views a[aria-current=page]").as_deref(),
        Some("Riwayat masuk")
    );
    let rows = texts(&html, "tr.sign-in-entry");
    assert!(
        rows.iter()
            .any(|r| r.contains("Ani") && r.contains(address) && r.contains("Masuk")),
        "{rows:?}"
    );
    assert!(
        hrefs(&html, "tr.sign-in-entry td.person a").contains(&format!("/pegawai/{pelaksana_id}")),
        "the person is linked"
    );
    let n = rows.len();
    let filtered = admin
        .get(&app, "/admin/audit/masuk?from=2001-01-01&until=2001-12-31")
        .await
        .html();
    assert!(texts(&filtered, "tr.sign-in-entry").len() < n);

    // The employee's own history holds no sign-in, and no address.
    let own = pelaksana
        .get(&app, &format!("/pegawai/{pelaksana_id}"))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(!own.body.contains(address), "no address on the own page");
    let html = own.html();
    assert!(text(&html, "#jejak-audit").is_some(), "the own history");
    assert!(
        !texts(&html, "#jejak-audit tr.audit-entry")
            .iter()
            .any(|r| r.contains("masuk ke Sikerja")),
    );
    assert!(
        texts(&html, "details.audit-technical").is_empty(),
        "the technical details are for audit readers"
    );
    // Nor does the audit reader's view of the record.
    let theirs = admin.get(&app, &format!("/pegawai/{pelaksana_id}")).await;
    assert!(!theirs.body.contains(address));

    // The view itself is for audit readers only.
    let refused = pelaksana.get(&app, "/admin/audit/masuk").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains(address));
}
