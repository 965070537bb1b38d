//! The assignment pages (issue 5): the inbox and the person's assignments, the draft form with
//! the candidate picker and every finding of the check (PEN-01..12), an assignment with the
//! swimlane of its workflow (PEN-13..18, Gambar 1–3) and the forms to take its steps, and the
//! preview of a recorded letter — shown to the right people only.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::{Method, StatusCode};
use common::assignments::{member, official, post, root_unit, team};
use common::{Browser, TestApp, app, app_with, nip, sel, text, texts};
use serde_json::{Value, json};
use sikerja_domain::workflow::WorkflowKind;

/// The Kepala Dinas' started team (shared with the API tests): the assignment id.
async fn started_team(app: &TestApp) -> i64 {
    common::assignments::started_team(app).await.0
}

async fn page(b: &mut Browser, app: &TestApp, uri: &str) -> scraper::Html {
    let answer = b.get(app, uri).await;
    assert_eq!(answer.status, StatusCode::OK, "GET {uri}: {}", answer.body);
    answer.html()
}

#[tokio::test]
async fn pen_13_the_swimlane_lists_every_lane_the_current_step_and_who_holds_it() {
    let app = app().await;
    let id = started_team(&app).await;
    let mut kadis = app.admin.clone();
    let html = page(&mut kadis, &app, &format!("/penugasan/{id}")).await;

    let def = WorkflowKind::WithinUnitAppointment.definition();
    let lanes = texts(&html, "table.swimlane th.lane");
    let expected: Vec<String> = def.lanes().iter().map(|l| l.label().to_string()).collect();
    assert_eq!(lanes, expected);
    // The rule of the workflow, linked (PEN-13 · Lampiran II.B.1.a), scope and instrument.
    assert!(
        text(&html, "#aturan-alur")
            .unwrap()
            .contains("PEN-13 · Lampiran II.B.1.a")
    );
    assert!(
        html.select(&sel("#aturan-alur a[href='/aturan/PEN-13']"))
            .next()
            .is_some()
    );
    assert!(text(&html, "#lingkup").unwrap().contains("PEN-03"));
    assert!(text(&html, "#instrumen").unwrap().contains("PEN-12"));
    // The first step is taken by the Kepala Dinas, in their position…
    let done = text(&html, "td.step.done[data-step=assign]").unwrap();
    assert!(done.contains("Kepala Dinas Kesehatan"), "{done}");
    assert!(done.contains("Ditugaskan menyusun SOP rujukan"), "{done}");
    // …and the current one waits for each member, in the employees' lane.
    let current = html
        .select(&sel(
            "tr.lane[data-lane=employee] td.step.current[data-step=receive]",
        ))
        .next()
        .expect("the current step in its lane");
    let current = common::collapse(&current.text().collect::<String>());
    assert!(current.contains("Rina Wulandari"), "{current}");
    assert!(current.contains("Maya Sari"), "{current}");
    assert!(current.contains("menunggu kurang dari 1 jam"), "{current}");
    // The Kepala Dinas does not hold it: no form, but the nudge button and the letter.
    assert!(html.select(&sel("#ambil-langkah")).next().is_none());
    assert!(html.select(&sel("#kirim-pengingat")).next().is_some());
    let letters = texts(&html, "#surat li.letter a");
    assert_eq!(letters, ["Surat Tugas"]);
}

#[tokio::test]
async fn pen_18_a_member_takes_the_step_from_the_page_and_others_are_refused_the_page() {
    let app = app().await;
    let id = started_team(&app).await;
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let html = page(&mut lead, &app, &format!("/penugasan/{id}")).await;
    // A receipt may not be refused: only the form that goes ahead.
    assert_eq!(
        text(&html, "#lanjutkan button").as_deref(),
        Some("Terima penugasan")
    );
    assert!(html.select(&sel("#tolak")).next().is_none());
    let answer = lead
        .post(
            &app,
            &format!("/penugasan/{id}/langkah"),
            &[
                ("step", "receive"),
                ("decision", "proceed"),
                ("text", "Siap"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let html = page(&mut lead, &app, &format!("/penugasan/{id}")).await;
    assert!(html.select(&sel("#ambil-langkah")).next().is_none());
    // The receipt taken is shown in the step; it still waits for the other member only.
    let current = text(&html, "td.step.current .decision").unwrap();
    assert!(
        current.contains("Rina Wulandari") && current.contains("Siap"),
        "{current}"
    );
    let waiting = texts(&html, "td.step.current .holder");
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert!(waiting[0].contains("Maya Sari"), "{waiting:?}");

    // Someone of the Dinas who is not involved: 403; a missing assignment: 404.
    let mut kasubag = official(&app, nip::KASUBAG).await;
    let answer = kasubag.get(&app, &format!("/penugasan/{id}")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let answer = kasubag.get(&app, "/penugasan/999999").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    // Taking the step of someone else: the page again with the reason (403).
    let answer = kasubag
        .post(
            &app,
            &format!("/penugasan/{id}/langkah"),
            &[("step", "receive"), ("decision", "proceed")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // Nobody signed in goes to the sign-in page.
    let answer = Browser::new().get(&app, &format!("/penugasan/{id}")).await;
    assert_eq!(
        answer.location,
        Some(format!("/masuk?ke=%2Fpenugasan%2F{id}"))
    );
}

#[tokio::test]
async fn pen_16_a_refusal_without_reasons_shows_the_page_again_with_the_reason() {
    let app = app().await;
    let unit = root_unit(&app, "dinkes").await;
    let me = app.employee_id(nip::PELAKSANA).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let mut wish = team(
        unit,
        "Membantu pendataan rujukan",
        vec![member(me, "member", "2027-03-01", "2027-03-31")],
    );
    wish["execution"] = json!("individual");
    wish["method"] = json!("volunteer");
    let (_, created) = post(&mut pelaksana, &app, "/api/v1/assignments", wish).await;
    let id = created["id"].as_i64().unwrap();
    // The volunteer starts the workflow from the page.
    let html = page(&mut pelaksana, &app, &format!("/penugasan/{id}")).await;
    assert!(html.select(&sel("#mulai-alur")).next().is_some());
    let answer = pelaksana
        .post(
            &app,
            &format!("/penugasan/{id}/mulai"),
            &[("text", "Saya ingin membantu")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    let mut kadis = app.admin.clone();
    let html = page(&mut kadis, &app, &format!("/penugasan/{id}")).await;
    assert!(
        html.select(&sel("#tolak textarea[required]"))
            .next()
            .is_some()
    );
    let answer = kadis
        .post(
            &app,
            &format!("/penugasan/{id}/langkah"),
            &[
                ("step", "head_decision"),
                ("decision", "refuse"),
                ("text", " "),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = text(&answer.html(), ".form-error").unwrap();
    assert!(error.contains("alasan"), "{error}");
    let answer = kadis
        .post(
            &app,
            &format!("/penugasan/{id}/langkah"),
            &[
                ("step", "head_decision"),
                ("decision", "refuse"),
                ("text", "Beban kerja penuh"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let html = page(&mut kadis, &app, &format!("/penugasan/{id}")).await;
    let refused = text(&html, "td.step.refused").unwrap();
    assert!(
        refused.contains("Ditolak") && refused.contains("Beban kerja penuh"),
        "{refused}"
    );
}

#[tokio::test]
async fn the_inbox_shows_the_step_once_the_request_is_started_with_how_long_it_waits() {
    let app = app().await;
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let html = page(&mut lead, &app, "/penugasan").await;
    assert_eq!(text(&html, "#jumlah-menunggu").as_deref(), Some("0"));
    let menu = lead.get(&app, "/penugasan/menu").await;
    assert!(
        menu.html()
            .select(&sel("#jumlah-penugasan"))
            .next()
            .is_none()
    );

    let id = started_team(&app).await;
    let html = page(&mut lead, &app, "/penugasan").await;
    assert_eq!(text(&html, "#jumlah-menunggu").as_deref(), Some("1"));
    let item = text(&html, "ul.inbox[data-category=receive] li.inbox-item").unwrap();
    assert!(item.contains("Tim Percepatan Rujukan"), "{item}");
    assert!(item.contains("menunggu kurang dari 1 jam"), "{item}");
    assert!(item.contains("PEN-13"), "{item}");
    assert!(
        html.select(&sel(&format!("ul.inbox a[href='/penugasan/{id}#alur']")))
            .next()
            .is_some()
    );
    let mine = texts(&html, "#penugasan-saya tr.assignment-line");
    assert!(mine[0].contains("Anggota"), "{mine:?}");
    // The header count and the start page's "Menunggu Anda".
    let menu = lead.get(&app, "/penugasan/menu").await;
    assert_eq!(
        text(&menu.html(), "#jumlah-penugasan").as_deref(),
        Some("1")
    );
    let home = page(&mut lead, &app, "/").await;
    let waiting = texts(&home, "#menunggu-anda li.inbox-item");
    assert!(
        waiting.iter().any(|w| w.contains("Tim Percepatan Rujukan")),
        "{waiting:?}"
    );
}

#[tokio::test]
async fn pen_01_pen_02_the_draft_form_shows_the_candidates_and_every_violation_then_records_a_good_draft()
 {
    let app = app().await;
    let mut kadis = app.admin.clone();
    let unit = root_unit(&app, "dinkes").await.to_string();
    let html = page(
        &mut kadis,
        &app,
        "/penugasan/baru?field=Kesehatan&start=2027-01-01",
    )
    .await;
    let muda = app.employee_id(nip::AHLI_MUDA).await.to_string();
    let utama = app.employee_id(nip::AHLI_UTAMA).await.to_string();
    let pelaksana = app.employee_id(nip::PELAKSANA).await.to_string();
    let row = html
        .select(&sel(&format!("tr.candidate[data-employee='{muda}']")))
        .next()
        .expect("the Ahli Muda among the candidates");
    let row = common::collapse(&row.text().collect::<String>());
    assert!(row.contains("ditetapkan"), "{row}");
    assert!(row.contains("PEN-08 · Pasal 9 ayat 6 huruf a"), "{row}");
    let row = html
        .select(&sel(&format!("tr.candidate[data-employee='{utama}']")))
        .next()
        .expect("the Ahli Utama among the candidates");
    assert!(
        common::collapse(&row.text().collect::<String>()).contains("belum ditetapkan"),
        "KED-09"
    );

    // A team without a lead and a member whose placement is unresolved: both named.
    let mut fields = vec![
        ("owner_unit", unit.as_str()),
        ("field", "Kesehatan"),
        ("start", "2027-01-01"),
        ("until", "2027-06-30"),
        ("title", "Tim Percepatan Rujukan"),
        ("execution", "team"),
        ("member", muda.as_str()),
        ("member", utama.as_str()),
        ("action", "create"),
    ];
    let answer = kadis.post(&app, "/penugasan/baru", &fields).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let html = answer.html();
    let found: Vec<String> = html
        .select(&sel("#pelanggaran li.finding"))
        .filter_map(|e| e.value().attr("data-code").map(str::to_string))
        .collect();
    assert!(found.contains(&"team_lead_count".to_string()), "{found:?}");
    assert!(
        found.contains(&"member_placement_unresolved".to_string()),
        "{found:?}"
    );
    assert!(
        html.select(&sel("#pelanggaran li.finding a[href='/aturan/PEN-02']"))
            .next()
            .is_some()
    );
    // What was chosen stays chosen.
    assert!(
        html.select(&sel(&format!(
            "input[name=member][value='{utama}'][checked]"
        )))
        .next()
        .is_some()
    );

    // The Ahli Muda leads the Pelaksana: recorded, to its page.
    let role = format!("role_{muda}");
    fields.retain(|(k, v)| !(*k == "member" && *v == utama.as_str()));
    fields.push(("member", pelaksana.as_str()));
    fields.push((role.as_str(), "team_lead"));
    let answer = kadis.post(&app, "/penugasan/baru", &fields).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location.unwrap();
    let html = page(&mut kadis, &app, &location).await;
    assert_eq!(text(&html, "#status-penugasan").as_deref(), Some("Konsep"));
    assert_eq!(html.select(&sel("#anggota tr.member")).count(), 2);
    // Not started yet: every lane drawn, nothing current, the start form offered.
    assert_eq!(html.select(&sel("table.swimlane th.lane")).count(), 2);
    assert!(html.select(&sel("td.step.current")).next().is_none());
    assert!(html.select(&sel("#mulai-alur")).next().is_some());
}

#[tokio::test]
async fn pen_12_the_letter_preview_shows_the_recorded_surat_tugas_to_those_involved_only() {
    let app = app().await;
    let id = started_team(&app).await;
    let mut kadis = app.admin.clone();
    let html = page(&mut kadis, &app, &format!("/penugasan/{id}")).await;
    let href = html
        .select(&sel("#surat li.letter a"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_string();
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let html = page(&mut lead, &app, &href).await;
    assert_eq!(text(&html, "#judul-surat").as_deref(), Some("SURAT TUGAS"));
    // Issue 15 point 4: the head's step issued it with its number from the register.
    let number = text(&html, "#nomor-surat").unwrap();
    assert!(number.starts_with("Nomor: 800.1.11/1/"), "{number}");
    let date = text(&html, "#tanggal-surat").unwrap();
    assert!(date.starts_with("Martapura, "), "{date}");
    let months = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    assert!(months.iter().any(|m| date.contains(m)), "{date}");
    let signer = text(&html, "#penandatangan").unwrap();
    assert!(
        signer.contains("Kepala Dinas Kesehatan") && signer.contains("Siti Aminah"),
        "{signer}"
    );
    assert_eq!(html.select(&sel("#daftar-pegawai tbody tr")).count(), 2);
    assert!(
        html.select(&sel("a[href='/aturan/PEN-13']"))
            .next()
            .is_some()
    );

    let mut kasubag = official(&app, nip::KASUBAG).await;
    let answer = kasubag.get(&app, &href).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn pen_14_the_swimlane_of_a_cross_unit_request_shows_its_seven_lanes_and_the_ppk_holding_it()
{
    let app = app_with(&sikerja_demo::demo_government()).await;
    let people = sikerja_demo::DEMO_PEOPLE;
    let nor_aina = app.employee_id(people.functional.nip).await;
    let mut camat = official(&app, people.camat_martapura.nip).await;
    let owner_unit = app
        .store
        .actor_facts(sikerja_domain::organisation::EmployeeId(
            app.employee_id(people.camat_martapura.nip).await,
        ))
        .await
        .unwrap()
        .posts
        .iter()
        .find(|p| p.is_head)
        .unwrap()
        .unit
        .0;
    let mut draft = team(
        owner_unit,
        "Pendampingan digitalisasi layanan kecamatan",
        vec![member(nor_aina, "member", "2027-02-01", "2027-04-30")],
    );
    draft["execution"] = json!("individual");
    let (status, created) = post(&mut camat, &app, "/api/v1/assignments", draft).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    // The start form asks for the four contents of the involvement request (PEN-14.1).
    let html = page(&mut camat, &app, &format!("/penugasan/{id}")).await;
    assert_eq!(
        html.select(&sel(
            "#mulai-alur textarea[required], #mulai-alur input[required]"
        ))
        .count(),
        4
    );
    let answer = camat
        .post(
            &app,
            &format!("/penugasan/{id}/mulai"),
            &[
                ("purpose", "Mendampingi digitalisasi layanan"),
                ("competence", "Pengembangan aplikasi"),
                ("expected_targets", "Tiga layanan daring"),
                ("duration", "3 bulan"),
                ("text", "Mohon pelibatan"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    let mut kabid = official(&app, people.administrator.nip).await;
    let html = page(&mut kabid, &app, &format!("/penugasan/{id}")).await;
    let def = WorkflowKind::CrossUnitAppointment.definition();
    let expected: Vec<String> = def.lanes().iter().map(|l| l.label().to_string()).collect();
    assert_eq!(texts(&html, "table.swimlane th.lane"), expected);
    assert!(
        text(&html, "#aturan-alur")
            .unwrap()
            .contains("PEN-14 · Lampiran II.B.1.b, Gambar 1")
    );
    let current = text(
        &html,
        "tr.lane[data-lane=target_ppk] td.step.current[data-step=ppk_decision]",
    )
    .unwrap();
    assert!(current.contains(people.administrator.name), "{current}");
    // The copy of the request to the requester's PPK is drawn in its lane.
    assert!(
        html.select(&sel("tr.lane[data-lane=requester_ppk] td.copy.sent"))
            .next()
            .is_some()
    );
    // The PPK holds the step, but the request is still an unnumbered draft: the page says so
    // instead of offering the decision (issue 15 point 4, DOC-05)…
    assert!(html.select(&sel("#lanjutkan")).next().is_none());
    assert!(
        text(&html, "#belum-dapat-dijawab")
            .unwrap()
            .contains("DOC-05")
    );
    // …until the Camat, its signer, issues it; then: agree, or refuse with reasons.
    let letter = html
        .select(&sel("a[href^='/penugasan/surat/']"))
        .filter_map(|a| a.value().attr("href"))
        .find(|h| {
            h.trim_start_matches("/penugasan/surat/")
                .parse::<i64>()
                .is_ok()
        })
        .expect("the request letter is linked")
        .to_string();
    let issued = camat.post(&app, &format!("{letter}/terbitkan"), &[]).await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.body);
    let html = page(&mut kabid, &app, &format!("/penugasan/{id}")).await;
    assert!(html.select(&sel("#belum-dapat-dijawab")).next().is_none());
    assert!(html.select(&sel("#lanjutkan")).next().is_some());
    assert!(
        html.select(&sel("#tolak textarea[required]"))
            .next()
            .is_some()
    );
    assert!(
        text(&html, "#isi-permohonan")
            .unwrap()
            .contains("Tiga layanan daring")
    );
}

/// The id of a unit of the test Dinas by name.
async fn unit_named(app: &TestApp, name: &str) -> i64 {
    let department = app.department_id("dinkes").await;
    app.store
        .units(sikerja_domain::organisation::DepartmentId(department))
        .await
        .unwrap()
        .iter()
        .find(|u| u.name == name)
        .map(|u| u.id.0)
        .expect("the unit")
}

#[tokio::test]
async fn pen_10_pen_13_a_kepala_bidang_is_offered_to_prepare_a_draft_that_the_kepala_dinas_starts()
{
    let app = app().await;
    let root = root_unit(&app, "dinkes").await.to_string();
    let bidang = unit_named(&app, "Bidang Pelayanan Kesehatan")
        .await
        .to_string();
    let mut kabid = official(&app, nip::KABID).await;
    let muda = app.employee_id(nip::AHLI_MUDA).await.to_string();
    let madya = app.employee_id(nip::AHLI_MADYA).await.to_string();
    let html = page(
        &mut kabid,
        &app,
        &format!("/penugasan/baru?field=Kesehatan&start=2027-01-01&member={muda}"),
    )
    .await;
    // Only what may succeed: the Dinas, to prepare for its head; the Bidang is not offered,
    // and the page says which rule keeps the Kepala Bidang from appointing.
    let options: Vec<(String, String)> = html
        .select(&sel("select#pemilik option"))
        .map(|o| {
            (
                o.value().attr("value").unwrap_or("").to_string(),
                common::collapse(&o.text().collect::<String>()),
            )
        })
        .collect();
    assert_eq!(
        options,
        [(
            root.clone(),
            "Siapkan rancangan untuk Kepala Dinas Kesehatan".to_string()
        )]
    );
    let limits = text(&html, "#batas-pemilik").unwrap();
    assert!(
        limits.contains("Bidang Pelayanan Kesehatan bukan Unit Organisasi"),
        "{limits}"
    );
    assert!(limits.contains("PEN-13 · Lampiran II.B.1.a"), "{limits}");
    assert_eq!(
        text(&html, "#simpan").as_deref(),
        Some("Siapkan rancangan untuk Kepala Dinas Kesehatan")
    );
    // The field of the task is chosen from the agency's fields of experience.
    let listed: Vec<String> = html
        .select(&sel("datalist#daftar-bidang-tugas option"))
        .filter_map(|o| o.value().attr("value").map(str::to_string))
        .collect();
    assert_eq!(listed, ["Kesehatan"]);

    let role = format!("role_{muda}");
    let mut fields = vec![
        ("owner_unit", bidang.as_str()),
        ("field", "Kesehatan"),
        ("start", "2027-01-01"),
        ("until", "2027-06-30"),
        ("title", "Tim Data Rujukan"),
        ("execution", "team"),
        ("member", muda.as_str()),
        ("member", madya.as_str()),
        (role.as_str(), "team_lead"),
        ("action", "create"),
    ];
    // A forged form naming the Bidang as owner: refused with the rule, nothing recorded.
    let answer = kabid.post(&app, "/penugasan/baru", &fields).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let error = text(&answer.html(), ".form-error").unwrap();
    assert!(
        error.contains("bukan Unit Organisasi") && error.contains("PEN-13"),
        "{error}"
    );

    // For the Dinas: prepared, to its page; the Kepala Dinas finds it in their list.
    fields[0] = ("owner_unit", root.as_str());
    let answer = kabid.post(&app, "/penugasan/baru", &fields).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location.unwrap();
    let html = page(&mut kabid, &app, &location).await;
    assert_eq!(text(&html, "#status-penugasan").as_deref(), Some("Konsep"));
    // The Kepala Bidang does not start it…
    assert!(html.select(&sel("#mulai-alur")).next().is_none());
    let mut kadis = app.admin.clone();
    let list = page(&mut kadis, &app, "/penugasan").await;
    let id = location.trim_start_matches("/penugasan/");
    let row = list
        .select(&sel("tr"))
        .map(|r| common::collapse(&r.text().collect::<String>()))
        .find(|r| r.contains("Tim Data Rujukan"))
        .expect("the prepared draft in the head's list");
    assert!(
        row.contains("Rancangan untuk Anda tetapkan"),
        "{row} ({id})"
    );
    // …the Kepala Dinas does, as owner.
    let html = page(&mut kadis, &app, &location).await;
    assert!(html.select(&sel("#mulai-alur")).next().is_some());
}

#[tokio::test]
async fn pen_10_the_api_prepares_a_draft_for_the_head_only_when_asked() {
    let app = app().await;
    let unit = root_unit(&app, "dinkes").await;
    let mut kabid = official(&app, nip::KABID).await;
    let muda = app.employee_id(nip::AHLI_MUDA).await;
    let pelaksana = app.employee_id(nip::PELAKSANA).await;
    let mut draft = team(
        unit,
        "Tim Data Rujukan",
        vec![
            member(muda, "team_lead", "2027-01-01", "2027-06-30"),
            member(pelaksana, "member", "2027-01-01", "2027-06-30"),
        ],
    );
    draft["field"] = json!("Kesehatan");
    let (status, body) =
        common::assignments::post(&mut kabid, &app, "/api/v1/assignments", draft.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "not_the_appointing_head");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("menyiapkan rancangan"),
        "{body}"
    );
    draft["prepare_for_head"] = json!(true);
    let (status, body) =
        common::assignments::post(&mut kabid, &app, "/api/v1/assignments", draft).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let mut kadis = app.admin.clone();
    kadis.get(&app, "/penugasan").await;
    let lines = common::assignments::get_ok(&mut kadis, &app, "/api/v1/assignments").await;
    let line = lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == body["id"])
        .expect("listed for the head");
    assert_eq!(line["relation"], "prepared_for_head");

    // The head changes it before starting it (PUT, same body): a new title and one member
    // fewer; it still waits for them. The Kepala Seksi, who did not prepare it, may not; a
    // change with a violation names it and writes nothing; once started it is not a draft.
    let id = body["id"].as_i64().unwrap();
    let uri = format!("/api/v1/assignments/{id}");
    let mut changed = team(
        unit,
        "Tim Data Rujukan Terpadu",
        vec![member(muda, "member", "2027-01-01", "2027-06-30")],
    );
    changed["execution"] = json!("individual");
    changed["field"] = json!("Kesehatan");
    changed["team_lead_reason"] = Value::Null;
    let (status, answer) =
        common::assignments::call(&mut kadis, &app, Method::PUT, &uri, Some(changed.clone())).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{answer}");
    let a = common::assignments::get_ok(&mut kadis, &app, &uri).await;
    assert_eq!(a["title"], "Tim Data Rujukan Terpadu");
    assert_eq!(a["members"].as_array().map(Vec::len), Some(1));
    let lines = common::assignments::get_ok(&mut kadis, &app, "/api/v1/assignments").await;
    let line = lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .expect("still listed for the head");
    assert_eq!(line["relation"], "prepared_for_head");
    let mut kasi = official(&app, nip::KASUBAG).await;
    let (status, answer) =
        common::assignments::call(&mut kasi, &app, Method::PUT, &uri, Some(changed.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    let mut bad = changed.clone();
    bad["members"][0]["until"] = json!("2026-12-31");
    let (status, answer) =
        common::assignments::call(&mut kadis, &app, Method::PUT, &uri, Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let a = common::assignments::get_ok(&mut kadis, &app, &uri).await;
    assert_eq!(a["members"][0]["until"], "2027-06-30");
    let (status, answer) = common::assignments::post(
        &mut kadis,
        &app,
        &format!("{uri}/request"),
        json!({"text": "Ditugaskan"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, answer) =
        common::assignments::call(&mut kadis, &app, Method::PUT, &uri, Some(changed)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["error"]["code"], "assignment_not_draft");
}

/// Issue 15 point 9: the words of an individual assignment that starts after today — its one
/// person is its *pelaksana*, not a team's *anggota* "diperbantukan ke tim kerja", and once
/// received it is scheduled ("Terjadwal"), not running.
#[tokio::test]
async fn pen_01_an_individual_assignment_starting_later_reads_as_individual_and_scheduled() {
    let app = app().await;
    let mut kadis = app.admin.clone();
    let unit = root_unit(&app, "dinkes").await;
    let pelaksana = app.employee_id(nip::PELAKSANA).await;
    let mut draft = team(
        unit,
        "Penyusunan SOP arsip",
        vec![member(pelaksana, "member", "2099-01-01", "2099-03-31")],
    );
    draft["execution"] = json!("individual");
    let (status, created) = post(&mut kadis, &app, "/api/v1/assignments", draft).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, started) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/assignments/{id}/request"),
        json!({"text": "Ditugaskan"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let mut person = official(&app, nip::PELAKSANA).await;
    let answer = person
        .post(
            &app,
            &format!("/penugasan/{id}/langkah"),
            &[("step", "receive"), ("decision", "proceed")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    let html = page(&mut person, &app, &format!("/penugasan/{id}")).await;
    assert_eq!(
        text(&html, "#status-penugasan").as_deref(),
        Some("Terjadwal")
    );
    let row = texts(&html, "#anggota tr.member td");
    assert_eq!(row[2], "Pelaksana tugas individu", "{row:?}");
    assert!(!row[3].contains("tim kerja"), "{row:?}");
    let html = page(&mut person, &app, "/penugasan").await;
    let line = texts(&html, "tr.assignment-line td");
    assert!(line.contains(&"Terjadwal".to_string()), "{line:?}");
    assert!(
        line.contains(&"Pelaksana tugas individu".to_string()),
        "{line:?}"
    );
    assert!(!line.contains(&"Anggota".to_string()), "{line:?}");
}

/// The values of the form's inputs named `name` that are sent (checked boxes, filled fields).
fn sent(html: &scraper::Html, name: &str) -> Vec<String> {
    html.select(&sel(&format!("form#susun-penugasan input[name='{name}']")))
        .filter(|i| {
            i.value().attr("type") != Some("checkbox") || i.value().attr("checked").is_some()
        })
        .filter_map(|i| i.value().attr("value").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn pen_10_the_head_changes_a_draft_prepared_for_them_on_its_page_then_starts_it() {
    let app = app().await;
    let root = root_unit(&app, "dinkes").await.to_string();
    let mut kabid = official(&app, nip::KABID).await;
    let muda = app.employee_id(nip::AHLI_MUDA).await.to_string();
    let madya = app.employee_id(nip::AHLI_MADYA).await.to_string();
    let role_muda = format!("role_{muda}");
    let prepared = vec![
        ("owner_unit", root.as_str()),
        ("field", "Kesehatan"),
        ("start", "2027-01-01"),
        ("until", "2027-06-30"),
        ("title", "Tim Data Rujukan"),
        ("execution", "team"),
        ("member", muda.as_str()),
        ("member", madya.as_str()),
        (role_muda.as_str(), "team_lead"),
        ("action", "create"),
    ];
    // The Kepala Bidang may not appoint: they prepare the draft for the Kepala Dinas.
    let answer = kabid.post(&app, "/penugasan/baru", &prepared).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location.unwrap();
    let id: i64 = location.trim_start_matches("/penugasan/").parse().unwrap();
    let change = format!("{location}/ubah");

    // A member reads the draft but may not change it: no link, and the form is refused with
    // the rule (PEN-10 · Pasal 11–13).
    let mut jf = official(&app, nip::AHLI_MUDA).await;
    let html = page(&mut jf, &app, &location).await;
    assert!(html.select(&sel("#ubah-konsep")).next().is_none());
    let answer = jf.get(&app, &change).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(answer.body.contains("PEN-10"), "{}", answer.body);

    // The Kepala Dinas opens it: "Ubah konsep" leads to the form filled with the draft.
    let mut kadis = app.admin.clone();
    let html = page(&mut kadis, &app, &location).await;
    let link = html
        .select(&sel("a#ubah-konsep"))
        .next()
        .expect("the change link");
    assert_eq!(link.value().attr("href"), Some(change.as_str()));
    let html = page(&mut kadis, &app, &change).await;
    assert_eq!(
        html.select(&sel("form#susun-penugasan"))
            .next()
            .and_then(|f| f.value().attr("action")),
        Some(change.as_str())
    );
    assert_eq!(sent(&html, "title"), ["Tim Data Rujukan"]);
    assert_eq!(sent(&html, "field"), ["Kesehatan"]);
    assert_eq!(sent(&html, "start"), ["2027-01-01"]);
    assert_eq!(sent(&html, "until"), ["2027-06-30"]);
    let mut members = sent(&html, "member");
    members.sort();
    let mut expected = vec![muda.clone(), madya.clone()];
    expected.sort();
    assert_eq!(members, expected);
    // The draft does not count against its own members' load.
    let loads: Vec<String> = html
        .select(&sel("#calon-terpilih .candidate-load"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(loads, ["0", "0"]);
    let lead = html
        .select(&sel(&format!(
            "select[name='{role_muda}'] option[selected]"
        )))
        .next()
        .and_then(|o| o.value().attr("value"));
    assert_eq!(lead, Some("team_lead"));
    let owner = html
        .select(&sel("select#pemilik option[selected]"))
        .next()
        .and_then(|o| o.value().attr("value"));
    assert_eq!(owner, Some(root.as_str()));
    assert_eq!(
        text(&html, "#simpan").as_deref(),
        Some("Simpan perubahan konsep")
    );

    // A refused change (the team lead's term runs 18 months, PEN-05) shows the form again
    // with every violation and its rule, keeps what was typed, and changes nothing.
    let until_muda = format!("until_{muda}");
    let mut refused = prepared.clone();
    refused[4] = ("title", "Tim Data Rujukan Terpadu");
    refused.push((until_muda.as_str(), "2028-06-30"));
    let answer = kadis.post(&app, &change, &refused).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let html = answer.html();
    assert!(text(&html, ".form-error").is_some());
    let violations = text(&html, "#pelanggaran").unwrap();
    assert!(
        violations.contains("PEN-05 · Pasal 9 ayat 4"),
        "{violations}"
    );
    assert_eq!(sent(&html, "title"), ["Tim Data Rujukan Terpadu"]);
    let stored = app
        .store
        .assignment(sikerja_domain::assignment::AssignmentId(id))
        .await
        .unwrap();
    assert_eq!(stored.title, "Tim Data Rujukan");
    assert_eq!(stored.members.len(), 2);

    // The change: a new title, one member, individual work; the page says so.
    let changed = vec![
        ("owner_unit", root.as_str()),
        ("field", "Kesehatan"),
        ("start", "2027-01-01"),
        ("until", "2027-03-31"),
        ("title", "Tim Data Rujukan Terpadu"),
        ("execution", "individual"),
        ("member", muda.as_str()),
        ("action", "create"),
    ];
    let answer = kadis.post(&app, &change, &changed).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.location.as_deref(),
        Some(format!("{location}?diubah=1").as_str())
    );
    let stored = app
        .store
        .assignment(sikerja_domain::assignment::AssignmentId(id))
        .await
        .unwrap();
    assert_eq!(stored.title, "Tim Data Rujukan Terpadu");
    assert_eq!(stored.execution.code(), "individual");
    assert_eq!(stored.members.len(), 1);
    assert_eq!(stored.members[0].until.to_string(), "2027-03-31");
    assert_eq!(stored.status.code(), "draft");

    // It is still the Kepala Dinas' to start; once started it is no longer a draft.
    let html = page(&mut kadis, &app, &format!("{location}?diubah=1")).await;
    assert_eq!(
        text(&html, "p.notice[role=status]").as_deref(),
        Some("Konsep penugasan diubah.")
    );
    assert!(html.select(&sel("#mulai-alur")).next().is_some());
    let (status, answer) = common::assignments::post(
        &mut kadis,
        &app,
        &format!("/api/v1/assignments/{id}/request"),
        json!({"text": "Ditugaskan"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let html = page(&mut kadis, &app, &location).await;
    assert!(html.select(&sel("#ubah-konsep")).next().is_none());
    let answer = kadis.get(&app, &change).await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
    let answer = kadis.post(&app, &change, &changed).await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
}

/// Issue 15 point 8: an employee's page lists the assignments they are a member of by period
/// (this one, 2027, is still to come), with its role and status, linked for whoever may open
/// it (the HR admin, a fellow member) and unlinked for a colleague not involved; and their
/// performance agreements.
#[tokio::test]
async fn the_employee_page_lists_their_assignments_by_period_and_their_agreements() {
    let app = app().await;
    let id = started_team(&app).await;
    let lead = app.employee_id(nip::AHLI_MUDA).await;
    let link = format!("#penugasan-pegawai a[href='/penugasan/{id}']");

    let mut kadis = app.admin.clone();
    let html = page(&mut kadis, &app, &format!("/pegawai/{lead}")).await;
    assert!(text(&html, "#penugasan-datang").is_some());
    assert!(text(&html, "#penugasan-kini").is_none());
    let line = text(&html, "#penugasan-pegawai .work-item").unwrap();
    assert!(line.contains("Tim Percepatan Rujukan"), "{line}");
    assert!(line.contains("Ketua Tim"), "{line}");
    assert!(line.contains("2027"), "{line}");
    assert!(line.contains("Dalam proses persetujuan"), "{line}");
    assert_eq!(
        text(&html, &link).as_deref(),
        Some("Tim Percepatan Rujukan")
    );
    assert!(text(&html, "#perjanjian-pegawai h2").is_some());

    let mut member = official(&app, nip::PELAKSANA).await;
    let html = page(&mut member, &app, &format!("/pegawai/{lead}")).await;
    assert!(text(&html, &link).is_some());

    // The Kepala Bidang plays no part in it: the title, not a link to a page they may not open.
    let mut kabid = official(&app, nip::KABID).await;
    let answer = kabid.get(&app, &format!("/pegawai/{lead}")).await;
    if answer.status == StatusCode::OK {
        let html = answer.html();
        assert!(text(&html, &link).is_none());
        assert!(
            text(&html, "#penugasan-pegawai")
                .unwrap()
                .contains("Tim Percepatan Rujukan")
        );
        let opened = kabid.get(&app, &format!("/penugasan/{id}")).await;
        assert_eq!(opened.status, StatusCode::FORBIDDEN);
    }

    // Someone in no assignment reads that they have none.
    let html = page(
        &mut kadis,
        &app,
        &format!("/pegawai/{}", app.employee_id(nip::KABID).await),
    )
    .await;
    assert!(
        text(&html, "#penugasan-pegawai")
            .unwrap()
            .contains("Belum pernah")
    );
}
