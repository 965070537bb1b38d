//! The planning pages through HTTP (issue 4): a Kepala Dinas starts an agreement and cascades
//! a target to the Kepala Bidang (STR-02), who sees it waiting, cascades it to a JF under them
//! (their PPK, MEK-02), who drafts an activity plan; signatures lock; refusals explain
//! themselves and change nothing; the department's target tree and the printable PK show it.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::{Browser, TEST_PASSWORD, TestApp, app, give_password, nip, text, texts};
use scraper::Html;

const YEAR: &str = "2027";

async fn person(app: &TestApp, login: &str) -> Browser {
    give_password(&app.store, login, TEST_PASSWORD, false).await;
    let mut b = Browser::new();
    let answer = b.sign_in(app, login, TEST_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    b
}

/// The value of the hidden `post` field of the "create" form in a table row holding `label`.
fn create_form_post(html: &Html, row_selector: &str, label: &str) -> String {
    let rows = common::sel(row_selector);
    for row in html.select(&rows) {
        if row.text().collect::<String>().contains(label) {
            let input = row
                .select(&common::sel(
                    "form[action='/kinerja/perjanjian'] input[name=post]",
                ))
                .next()
                .unwrap_or_else(|| panic!("no create form for {label}"));
            return input.value().attr("value").unwrap().to_string();
        }
    }
    panic!("no row for {label}");
}

fn agency_of(html: &Html) -> String {
    html.select(&common::sel(
        "form[action='/kinerja/perjanjian'] input[name=agency]",
    ))
    .next()
    .unwrap()
    .value()
    .attr("value")
    .unwrap()
    .to_string()
}

/// The id at the end of a `/kinerja/perjanjian/{id}` redirect.
fn id_of(location: Option<&str>) -> String {
    location
        .unwrap()
        .trim_start_matches("/kinerja/perjanjian/")
        .split(['#', '/'])
        .next()
        .unwrap()
        .to_string()
}

fn target_fields<'a>(indicator: &'a str, weight: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("indicator", indicator),
        ("kind", "quantitative"),
        ("target", "90"),
        ("unit", "%"),
        ("budget", "2.500.000"),
        ("strategic_plan_ref", "Renstra 2025–2029 Sasaran 1"),
        ("annual_work_plan_ref", "Renja 2027"),
        ("weight", weight),
    ]
}

#[tokio::test]
async fn mek_02_str_02_a_target_cascades_from_the_kepala_dinas_to_a_kepala_bidang_to_a_jf_who_plans()
 {
    let app = app().await;
    let mut kadis = person(&app, nip::KADIS).await;

    // The planning page lists the Kepala Dinas' own post and, derived, the posts under them.
    let page = kadis.get(&app, &format!("/kinerja?tahun={YEAR}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    let recipients = texts(&html, "tr.recipient");
    assert!(
        recipients
            .iter()
            .any(|r| r.contains("Kepala Bidang Pelayanan Kesehatan") && r.contains("STR-02")),
        "{recipients:?}"
    );
    assert!(
        !recipients
            .iter()
            .any(|r| r.contains("Kepala Seksi Rujukan")),
        "a Kepala Seksi's agreement is set by their Kepala Bidang: {recipients:?}"
    );
    let agency = agency_of(&html);
    let own = create_form_post(&html, "tr.own-post", "Kepala Dinas");
    let kabid_post = create_form_post(&html, "tr.recipient", "Kepala Bidang Pelayanan Kesehatan");

    let created = kadis
        .post(
            &app,
            "/kinerja/perjanjian",
            &[("agency", &agency), ("year", YEAR), ("post", &own)],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let top = id_of(created.location.as_deref());
    let page = kadis.get(&app, &format!("/kinerja/perjanjian/{top}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let setter = text(&page.html(), "#aturan-penetap").unwrap();
    assert!(setter.contains("MEK-02"), "{setter}");

    // A bad target is refused with every reason and nothing is added.
    let bad = kadis
        .post(
            &app,
            &format!("/kinerja/perjanjian/{top}/target"),
            &[
                ("indicator", ""),
                ("kind", "quantitative"),
                ("target", "banyak"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = text(&bad.html(), ".form-error").unwrap();
    assert!(
        message.contains("Indikator kinerja wajib diisi") && message.contains("berupa angka"),
        "{message}"
    );
    assert!(texts(&bad.html(), "article.target").is_empty());

    let added = kadis
        .post(
            &app,
            &format!("/kinerja/perjanjian/{top}/target"),
            &target_fields("Persentase fasilitas kesehatan terakreditasi", ""),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let page = kadis.get(&app, &format!("/kinerja/perjanjian/{top}")).await;
    let html = page.html();
    let target_id = html
        .select(&common::sel("article.target"))
        .next()
        .unwrap()
        .value()
        .attr("data-target")
        .unwrap()
        .to_string();
    // The cascade form offers exactly the derived posts.
    let options = texts(&html, "form.cascade select[name=post] option");
    assert!(
        options
            .iter()
            .any(|o| o.contains("Kepala Bidang Pelayanan Kesehatan")),
        "{options:?}"
    );
    assert!(
        !options.iter().any(|o| o.contains("Kepala Seksi")),
        "{options:?}"
    );
    let mut fields = target_fields("Persentase puskesmas terakreditasi", "3");
    fields.push(("post", &kabid_post));
    let cascaded = kadis
        .post(
            &app,
            &format!("/kinerja/target/{target_id}/turunkan"),
            &fields,
        )
        .await;
    assert_eq!(cascaded.status, StatusCode::SEE_OTHER, "{}", cascaded.body);

    // The Kepala Bidang finds it on their planning page and cascades to the JF Ahli Muda,
    // whose PPK they are.
    let mut kabid = person(&app, nip::KABID).await;
    let page = kabid.get(&app, &format!("/kinerja?tahun={YEAR}")).await;
    let html = page.html();
    let link = html
        .select(&common::sel("tr.own-post a.button"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let kabid_page = kabid.get(&app, &link).await;
    let html = kabid_page.html();
    let kabid_target = html
        .select(&common::sel("article.target"))
        .next()
        .unwrap()
        .value()
        .attr("data-target")
        .unwrap()
        .to_string();
    assert!(text(&html, "#aturan-penetap").unwrap().contains("STR-02"));
    let jf_option = html
        .select(&common::sel("form.cascade select[name=post] option"))
        .find(|o| o.text().collect::<String>().contains("Ahli Muda"))
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let mut fields = target_fields("Dokumen akreditasi puskesmas tersusun", "1");
    fields.push(("post", &jf_option));
    let cascaded = kabid
        .post(
            &app,
            &format!("/kinerja/target/{kabid_target}/turunkan"),
            &fields,
        )
        .await;
    assert_eq!(cascaded.status, StatusCode::SEE_OTHER, "{}", cascaded.body);

    // The JF drafts an activity plan for their target.
    let mut jf = person(&app, nip::AHLI_MUDA).await;
    let page = jf.get(&app, &format!("/kinerja?tahun={YEAR}")).await;
    let link = page
        .html()
        .select(&common::sel("tr.own-post a.button"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let jf_page = jf.get(&app, &link).await;
    let html = jf_page.html();
    assert!(
        text(&html, "#para-pihak")
            .unwrap()
            .contains("Kepala Bidang Pelayanan Kesehatan")
    );
    let jf_target = html
        .select(&common::sel("article.target"))
        .next()
        .unwrap()
        .value()
        .attr("data-target")
        .unwrap()
        .to_string();
    let drafted = jf
        .post(
            &app,
            &format!("/kinerja/target/{jf_target}/rencana"),
            &[
                ("title", "Rencana penyusunan dokumen akreditasi"),
                ("name", "Pengumpulan dokumen"),
                ("output", "Berkas akreditasi"),
                ("month_from", "1"),
                ("month_to", "3"),
                ("budget", "1.500.000"),
                ("name", "Penyusunan laporan"),
                ("output", "Laporan"),
                ("month_from", "4"),
                ("month_to", "4"),
                ("budget", "500.000"),
                ("name", ""),
                ("output", ""),
                ("month_from", ""),
                ("month_to", ""),
                ("budget", ""),
            ],
        )
        .await;
    assert_eq!(drafted.status, StatusCode::SEE_OTHER, "{}", drafted.body);
    let plan = drafted.location.unwrap();
    let submitted = jf.post(&app, &format!("{plan}/ajukan"), &[]).await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );

    // The Kepala Bidang sees the plan waiting on the start page and approves it.
    let home = kabid.get(&app, "/").await;
    let waiting = text(&home.html(), "#menunggu-anda").unwrap();
    assert!(
        waiting.contains("Rencana penyusunan dokumen akreditasi"),
        "{waiting}"
    );
    // Issue 15 point 6: before approval the status names the head it waits for, not an
    // approver. The Kepala Bidang first returns it with notes (blank notes are refused); the
    // JF sees them, changes the plan (a new version) and submits again.
    let waiting_page = jf.get(&app, &plan).await;
    let head = text(&waiting_page.html(), "header.page-head").unwrap();
    assert!(
        head.contains("Diajukan")
            && head.contains("persetujuan oleh")
            && !head.contains("disetujui oleh"),
        "{head}"
    );
    // Issue 15 point 4: the buttons follow the domain's plan_steps_open — the JF, who
    // submitted, has nothing to press; the head who sets the agreement has the decision.
    assert!(texts(&waiting_page.html(), "#keputusan-rencana").is_empty());
    assert!(texts(&waiting_page.html(), "#ajukan").is_empty());
    let deciding = kabid.get(&app, &plan).await;
    assert_eq!(
        texts(&deciding.html(), "#setujui").len(),
        1,
        "{}",
        deciding.body
    );
    assert!(texts(&deciding.html(), "#ajukan").is_empty());
    let blank = kabid
        .post(&app, &format!("{plan}/kembalikan"), &[("note", " ")])
        .await;
    assert_eq!(
        blank.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        blank.body
    );
    assert!(blank.body.contains("Tuliskan catatan"), "{}", blank.body);
    let returned = kabid
        .post(
            &app,
            &format!("{plan}/kembalikan"),
            &[("note", "Pisahkan penyusunan laporan per triwulan")],
        )
        .await;
    assert_eq!(returned.status, StatusCode::SEE_OTHER, "{}", returned.body);
    let back = jf.get(&app, &plan).await;
    let html = back.html();
    assert_eq!(text(&html, "#status-rencana").unwrap(), "Dikembalikan");
    assert!(
        text(&html, "#catatan-versi-1")
            .unwrap()
            .contains("Pisahkan penyusunan laporan per triwulan")
    );
    let revised = jf
        .post(
            &app,
            &format!("{plan}/versi"),
            &[
                ("name", "Pengumpulan dokumen"),
                ("output", "Berkas akreditasi"),
                ("month_from", "1"),
                ("month_to", "3"),
                ("budget", "1.500.000"),
                ("name", "Penyusunan laporan triwulan"),
                ("output", "Laporan"),
                ("month_from", "4"),
                ("month_to", "4"),
                ("budget", "500.000"),
                ("reason", "Laporan dipisah per triwulan"),
            ],
        )
        .await;
    assert_eq!(revised.status, StatusCode::SEE_OTHER, "{}", revised.body);
    let again = jf.post(&app, &format!("{plan}/ajukan"), &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    let approved = kabid.post(&app, &format!("{plan}/setujui"), &[]).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    let plan_page = kabid.get(&app, &plan).await;
    let html = plan_page.html();
    assert_eq!(text(&html, "#status-rencana").unwrap(), "Disetujui");
    assert!(
        text(&html, "header.page-head")
            .unwrap()
            .contains("disetujui oleh")
    );
    assert!(text(&html, "#versi-1").unwrap().contains("Rp2.000.000"));
    assert!(
        text(&html, "#versi-2").unwrap().contains("Dikembalikan")
            || text(&html, "#versi-1").unwrap().contains("Dikembalikan")
    );

    // The tree of the department shows the cascade, three levels deep.
    let dept = app.department_id("dinkes").await;
    let tree = kabid
        .get(
            &app,
            &format!("/perangkat-daerah/{dept}/target?tahun={YEAR}"),
        )
        .await;
    assert_eq!(tree.status, StatusCode::OK);
    let depths: Vec<String> = tree
        .html()
        .select(&common::sel("tr.node"))
        .map(|n| n.value().attr("data-depth").unwrap().to_string())
        .collect();
    assert_eq!(depths, ["0", "1", "2"]);

    // A Pelaksana may look but not sign the Kepala Dinas' agreement.
    let mut pelaksana = person(&app, nip::PELAKSANA).await;
    let look = pelaksana
        .get(&app, &format!("/kinerja/perjanjian/{top}"))
        .await;
    assert_eq!(look.status, StatusCode::OK);
    assert!(texts(&look.html(), "#tandatangani").is_empty());
    assert!(
        texts(&look.html(), "#jejak-audit").is_empty(),
        "the history is for the parties and audit readers"
    );
    let history = kadis.get(&app, &format!("/kinerja/perjanjian/{top}")).await;
    let history = text(&history.html(), "#jejak-audit").unwrap();
    assert!(
        history.contains("membuat Perjanjian Kinerja")
            && history.contains("menambahkan target pada Perjanjian Kinerja"),
        "the history reads as sentences (issue 15 point 5): {history}"
    );
    let refused = pelaksana
        .post(
            &app,
            &format!("/kinerja/perjanjian/{top}/tandatangani"),
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Both parties sign the Kepala Bidang's agreement; it is locked. A party signs only after
    // ticking that they read it (issue 15 point 6): without it nothing is signed.
    let kabid_pk = link_id(&link_of_first_child(&app, &mut kadis, &top).await);
    let unconfirmed = kabid
        .post(
            &app,
            &format!("/kinerja/perjanjian/{kabid_pk}/tandatangani"),
            &[],
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(&unconfirmed.html(), ".form-error")
            .unwrap_or_default()
            .contains("Centang pernyataan"),
        "{}",
        unconfirmed.body
    );
    let page = kabid
        .get(&app, &format!("/kinerja/perjanjian/{kabid_pk}"))
        .await;
    assert_eq!(
        page.body.matches("Belum ditandatangani").count(),
        2,
        "nothing was signed"
    );
    assert_eq!(
        texts(&page.html(), "#tanda-tangan label.check").len(),
        1,
        "the sign form asks for the statement"
    );
    let print = kabid
        .get(&app, &format!("/kinerja/perjanjian/{kabid_pk}/cetak"))
        .await;
    let place = text(&print.html(), "#tempat-tanggal").unwrap();
    assert!(
        place.contains("……"),
        "a draft leaves the day blank: {place}"
    );
    // DOC-05: no number before both parties have signed.
    assert_eq!(
        text(&print.html(), "#nomor-perjanjian").unwrap(),
        "Nomor: (diberikan setelah kedua pihak menandatangani)"
    );
    let signed = kabid
        .post(
            &app,
            &format!("/kinerja/perjanjian/{kabid_pk}/tandatangani"),
            &[("setuju", "ya")],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    // Issue 15 point 4: the party who signed is offered no second signature, but told why
    // (the domain's MEK-02 answer); the other party still has the form.
    let page = kabid
        .get(&app, &format!("/kinerja/perjanjian/{kabid_pk}"))
        .await;
    assert!(
        texts(&page.html(), "#tandatangani").is_empty(),
        "{}",
        page.body
    );
    assert!(
        text(&page.html(), "#belum-dapat-ditandatangani")
            .unwrap_or_default()
            .contains("sudah menandatangani"),
        "{}",
        page.body
    );
    let page = kadis
        .get(&app, &format!("/kinerja/perjanjian/{kabid_pk}"))
        .await;
    assert_eq!(
        texts(&page.html(), "#tandatangani").len(),
        1,
        "{}",
        page.body
    );
    let half = kabid
        .get(&app, &format!("/kinerja/perjanjian/{kabid_pk}/cetak"))
        .await;
    assert_eq!(
        text(&half.html(), "#nomor-perjanjian").unwrap(),
        "Nomor: (diberikan setelah kedua pihak menandatangani)",
        "one signature gives no number"
    );
    let signed = kadis
        .post(
            &app,
            &format!("/kinerja/perjanjian/{kabid_pk}/tandatangani"),
            &[("setuju", "ya")],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    // The printed form names the second party's signer (not an account), with the place and
    // the day of signing.
    let print = kabid
        .get(&app, &format!("/kinerja/perjanjian/{kabid_pk}/cetak"))
        .await;
    let printed = text(&print.html(), ".signatures").unwrap();
    assert!(
        !printed.contains("akun") && !printed.contains("(NIP"),
        "{printed}"
    );
    assert!(
        printed.matches("NIP ").count() == 2,
        "both parties with their NIP: {printed}"
    );
    let place = text(&print.html(), "#tempat-tanggal").unwrap();
    assert!(
        !place.contains("……") && place.contains(", ") && place.len() > 12,
        "the seat and the day: {place}"
    );
    // DOC-05: the second signature numbered it from the register of performance agreements.
    let number = text(&print.html(), "#nomor-perjanjian").unwrap();
    assert!(
        number.starts_with("Nomor: 800.1.11/1/") && !number.contains("diberikan"),
        "{number}"
    );
    let page = kabid
        .get(&app, &format!("/kinerja/perjanjian/{kabid_pk}"))
        .await;
    assert_eq!(
        text(&page.html(), "#status-perjanjian").unwrap(),
        "Ditandatangani"
    );
    assert!(
        text(&page.html(), "#nomor-perjanjian")
            .unwrap()
            .contains(number.trim_start_matches("Nomor: ")),
        "the agreement page shows the number too"
    );
    let locked = kabid
        .post(
            &app,
            &format!("/kinerja/perjanjian/{kabid_pk}/target"),
            &target_fields("Tambahan", ""),
        )
        .await;
    assert_eq!(locked.status, StatusCode::CONFLICT);
    assert!(
        text(&locked.html(), ".form-error")
            .unwrap()
            .contains("amendemen")
    );
    let print = kabid
        .get(&app, &format!("/kinerja/perjanjian/{kabid_pk}/cetak"))
        .await;
    assert_eq!(print.status, StatusCode::OK);
    let lampiran = text(&print.html(), "#lampiran-target").unwrap();
    assert!(
        lampiran.contains("Persentase puskesmas terakreditasi"),
        "{lampiran}"
    );
    assert!(lampiran.contains("Rp2.500.000"), "{lampiran}");
}

/// The agreement link of the first cascaded child of the first target of agreement `top`.
async fn link_of_first_child(app: &TestApp, b: &mut Browser, top: &str) -> String {
    let page = b.get(app, &format!("/kinerja/perjanjian/{top}")).await;
    page.html()
        .select(&common::sel("ul.children a"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string()
}

fn link_id(href: &str) -> String {
    id_of(Some(href))
}
