//! The draft form's candidate picker (issue 15 point 3): a search keeps the people already
//! ticked and everything typed (one form, posted again — no JavaScript needed); candidates
//! show unit, Perangkat Daerah, grade and load; the search finds by name, NIP, unit and
//! position ignoring case, accents and spaces; the list is ranked by fit, JF from
//! *penyetaraan* first (PEN-09), and paged 25 at a time with a count.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::assignments::root_unit;
use common::{TestApp, app_with, nip, sel, test_agency, text, texts};
use sikerja_domain::Nip;
use sikerja_domain::bundle::{AgencyBundle, PositionRecord};
use sikerja_domain::org::{FunctionalLevel, PositionClass};

/// How many Pelaksana the test agency gets besides its own people.
const EXTRA: usize = 30;

/// The test agency with thirty more Pelaksana in the Sub Bagian Umum and one JF from
/// *penyetaraan* in the Seksi Rujukan (the PEN-09 candidate).
fn agency() -> AgencyBundle {
    let mut b = test_agency();
    let template = b
        .employees
        .iter()
        .find(|e| e.nip.as_str() == nip::PELAKSANA)
        .unwrap()
        .clone();
    for i in 0..EXTRA {
        let code = format!("staf-{i}");
        b.positions.push(PositionRecord {
            code: code.clone(),
            unit_code: "u-umum".into(),
            name: "Pengadministrasi Perkantoran".into(),
            class: PositionClass::Pelaksana,
            is_head: false,
            functional_level: None,
            substance: None,
        });
        let mut e = template.clone();
        e.nip = Nip::parse(&format!(
            "19910{}{:02}201603{}{:03}",
            1 + i % 9,
            10 + i % 18,
            1 + i % 2,
            i + 1
        ))
        .unwrap();
        e.name = format!("Staf Umum {i:02}");
        e.position_code = Some(code);
        b.employees.push(e);
    }
    b.positions.push(PositionRecord {
        code: "jf-setara".into(),
        unit_code: "u-rujukan".into(),
        name: "Epidemiolog Kesehatan Ahli Pertama".into(),
        class: PositionClass::Fungsional,
        is_head: false,
        functional_level: Some(FunctionalLevel::AhliPertama),
        substance: None,
    });
    let mut setara = template;
    setara.nip = Nip::parse("199202022017032099").unwrap();
    setara.name = "Zaitun Élvira".into();
    setara.position_code = Some("jf-setara".into());
    setara.from_equalization = true;
    b.employees.push(setara);
    b
}

fn ids(html: &scraper::Html, tbody: &str) -> Vec<String> {
    html.select(&sel(&format!("#{tbody} tr.candidate")))
        .filter_map(|r| r.value().attr("data-employee").map(str::to_string))
        .collect()
}

fn checked(html: &scraper::Html, id: &str) -> bool {
    html.select(&sel(&format!(
        "#calon-terpilih input[name=member][value='{id}'][checked]"
    )))
    .next()
    .is_some()
}

fn html_has_report(html: &scraper::Html) -> bool {
    html.select(&sel("#hasil-pemeriksaan")).next().is_some()
}

fn value(html: &scraper::Html, selector: &str) -> String {
    html.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_default()
        .to_string()
}

/// Posts the form as a browser would after typing and ticking: `action=search` or a page.
async fn search(app: &TestApp, unit: &str, extra: &[(&str, &str)]) -> scraper::Html {
    let mut fields = vec![
        ("owner_unit", unit),
        ("field", "Kesehatan"),
        ("start", "2027-01-01"),
        ("until", "2027-06-30"),
        ("execution", "team"),
    ];
    fields.extend_from_slice(extra);
    let mut kadis = app.admin.clone();
    let answer = kadis.post(app, "/penugasan/baru", &fields).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.html()
}

#[tokio::test]
async fn a_second_search_keeps_the_first_person_ticked_and_the_title_typed() {
    let app = app_with(&[agency()]).await;
    let unit = root_unit(&app, "dinkes").await.to_string();
    let muda = app.employee_id(nip::AHLI_MUDA).await.to_string();
    let pelaksana = app.employee_id(nip::PELAKSANA).await.to_string();

    // First search: by name; the Ahli Muda is found and ticked with the lead role.
    let html = search(
        &app,
        &unit,
        &[
            ("title", "Tim Uji Rujukan"),
            ("q", "rina"),
            ("action", "search"),
        ],
    )
    .await;
    assert_eq!(ids(&html, "hasil-calon"), [muda.as_str()]);
    let role = format!("role_{muda}");
    // Second search for another person, with the first ticked: both stay.
    let html = search(
        &app,
        &unit,
        &[
            ("title", "Tim Uji Rujukan"),
            ("member", muda.as_str()),
            (role.as_str(), "team_lead"),
            ("q", "maya"),
            ("action", "search"),
        ],
    )
    .await;
    assert!(checked(&html, &muda), "the first person stays ticked");
    assert_eq!(ids(&html, "calon-terpilih"), [muda.as_str()]);
    assert_eq!(ids(&html, "hasil-calon"), [pelaksana.as_str()]);
    assert_eq!(value(&html, "input[name=title]"), "Tim Uji Rujukan");
    assert_eq!(value(&html, "input#cari"), "maya");
    assert!(
        html.select(&sel(&format!(
            "select[name='{role}'] option[value=team_lead][selected]"
        )))
        .next()
        .is_some(),
        "the role chosen stays"
    );
    // Ticking the second and searching a third time keeps both.
    let html = search(
        &app,
        &unit,
        &[
            ("title", "Tim Uji Rujukan"),
            ("member", muda.as_str()),
            ("member", pelaksana.as_str()),
            ("q", "zzz-nobody"),
            ("action", "search"),
        ],
    )
    .await;
    assert!(checked(&html, &muda) && checked(&html, &pelaksana));
    assert!(ids(&html, "hasil-calon").is_empty());
    let count = text(&html, "#jumlah-calon").unwrap();
    assert!(count.contains("Tidak ada calon lain yang cocok"), "{count}");

    // "Periksa" from the same form sees both members.
    let mut kadis = app.admin.clone();
    let answer = kadis
        .post(
            &app,
            "/penugasan/baru",
            &[
                ("owner_unit", unit.as_str()),
                ("field", "Kesehatan"),
                ("start", "2027-01-01"),
                ("until", "2027-06-30"),
                ("execution", "team"),
                ("title", "Tim Uji Rujukan"),
                ("member", muda.as_str()),
                ("member", pelaksana.as_str()),
                (role.as_str(), "team_lead"),
                ("action", "check"),
            ],
        )
        .await;
    // Allowed or not (the Pelaksana's grade), the report comes with both still ticked.
    assert!(
        html_has_report(&answer.html()),
        "{}: {}",
        answer.status,
        answer.body
    );
    assert!(checked(&answer.html(), &muda) && checked(&answer.html(), &pelaksana));
}

#[tokio::test]
async fn candidates_are_found_by_unit_position_and_nip_and_show_unit_department_grade_and_load() {
    let app = app_with(&[agency()]).await;
    let unit = root_unit(&app, "dinkes").await.to_string();
    let pertama = app.employee_id(nip::AHLI_PERTAMA).await.to_string();
    let plt = app.employee_id(nip::PLT_KASI).await.to_string();
    let setara = app.employee_id("199202022017032099").await.to_string();

    // By unit name, in another case and with extra spaces: the Seksi Rujukan's people.
    let html = search(
        &app,
        &unit,
        &[("q", "SEKSI   rujukan"), ("action", "search")],
    )
    .await;
    let mut found = ids(&html, "hasil-calon");
    found.sort();
    let mut expected = vec![plt.clone(), setara.clone()];
    expected.sort();
    assert_eq!(found, expected);
    // By position name, accents ignored: the Pranata Komputer.
    let html = search(
        &app,
        &unit,
        &[("q", "pranata kómputer"), ("action", "search")],
    )
    .await;
    assert_eq!(ids(&html, "hasil-calon"), [pertama.as_str()]);
    // By a part of the NIP written with spaces.
    let html = search(&app, &unit, &[("q", "19900101 2015"), ("action", "search")]).await;
    assert_eq!(ids(&html, "hasil-calon"), [pertama.as_str()]);
    // The row shows unit, Perangkat Daerah, grade and load.
    let row = html
        .select(&sel(&format!("tr.candidate[data-employee='{pertama}']")))
        .next()
        .unwrap();
    let row = common::collapse(&row.text().collect::<String>());
    for part in [
        "Budi Santoso",
        "Pranata Komputer Ahli Pertama",
        "Penata Muda, III/a",
        "Sub Bagian Umum",
        "Dinas Kesehatan",
        "PEN-08",
    ] {
        assert!(row.contains(part), "{part} in {row}");
    }
    assert_eq!(text(&html, ".candidate-load").as_deref(), Some("0"));
    // The accented name is found without its accent.
    let html = search(&app, &unit, &[("q", "elvira"), ("action", "search")]).await;
    assert_eq!(ids(&html, "hasil-calon"), [setara]);
}

#[tokio::test]
async fn pen_09_the_list_is_ranked_by_fit_and_paged_25_at_a_time_with_a_count() {
    let app = app_with(&[agency()]).await;
    let unit = root_unit(&app, "dinkes").await.to_string();
    let setara = app.employee_id("199202022017032099").await.to_string();
    let mut kadis = app.admin.clone();
    let answer = kadis
        .get(&app, "/penugasan/baru?field=Kesehatan&start=2027-01-01")
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let html = answer.html();
    let first = ids(&html, "hasil-calon");
    assert_eq!(first.len(), 25);
    // The JF from penyetaraan of the owner unit comes first (PEN-09).
    assert_eq!(first[0], setara);
    assert!(html.select(&sel("#catatan-penyetaraan")).next().is_some());
    let count = text(&html, "#jumlah-calon").unwrap();
    // Every JF and Pelaksana of the Dinas: the test agency's seven and the extra 31.
    let total = EXTRA + 1 + 7;
    assert_eq!(count, format!("Menampilkan 1–25 dari {total} calon"));
    assert_eq!(
        texts(&html, "#halaman-calon button"),
        ["Berikutnya ›"],
        "page 1 offers the next page only"
    );
    // Those meeting every lead requirement come before those who do not (PEN-08).
    let fits = texts(&html, "#hasil-calon .candidate-fit");
    let last_met = fits.iter().rposition(|f| f == "memenuhi");
    let first_unmet = fits.iter().position(|f| f == "tidak memenuhi");
    if let (Some(m), Some(u)) = (last_met, first_unmet) {
        assert!(m < u, "{fits:?}");
    }

    // Page 2 holds the rest, none of page 1, with the search and title kept.
    let html = search(
        &app,
        &unit,
        &[("title", "Tim Halaman"), ("page", "2"), ("page_now", "1")],
    )
    .await;
    let second = ids(&html, "hasil-calon");
    assert_eq!(second.len(), total - 25);
    assert!(second.iter().all(|id| !first.contains(id)));
    assert_eq!(
        text(&html, "#jumlah-calon").unwrap(),
        format!("Menampilkan 26–{total} dari {total} calon")
    );
    assert_eq!(texts(&html, "#halaman-calon button"), ["‹ Sebelumnya"]);
    // The unplaced (the Ahli Utama, KED-09) come after every placed one (PEN-02).
    let unplaced: Vec<bool> = html
        .select(&sel("#hasil-calon tr.candidate"))
        .map(|r| common::collapse(&r.text().collect::<String>()).contains("belum ditetapkan"))
        .collect();
    let first_unplaced = unplaced.iter().position(|u| *u).unwrap();
    assert!(
        unplaced[first_unplaced..].iter().all(|u| *u),
        "{unplaced:?}"
    );
    let utama = app.employee_id(nip::AHLI_UTAMA).await.to_string();
    assert!(second[first_unplaced..].contains(&utama));
    assert_eq!(value(&html, "input[name=title]"), "Tim Halaman");
    assert_eq!(value(&html, "input[name=page_now]"), "2");
    // A new search goes back to page 1; a page beyond the last shows the last.
    let html = search(
        &app,
        &unit,
        &[("page_now", "2"), ("q", "staf"), ("action", "search")],
    )
    .await;
    assert!(
        text(&html, "#jumlah-calon")
            .unwrap()
            .starts_with("Menampilkan 1–25 dari 30")
    );
    let html = search(&app, &unit, &[("page", "99")]).await;
    assert_eq!(ids(&html, "hasil-calon"), second);
}

#[tokio::test]
async fn the_candidates_api_searches_the_same_way_and_names_unit_department_and_grade() {
    let app = app_with(&[agency()]).await;
    let unit = root_unit(&app, "dinkes").await;
    let mut kadis = app.admin.clone();
    let uri = format!(
        "/api/v1/assignments/candidates?owner_unit={unit}&start=2027-01-01&q=SEKSI%20%20rujukan"
    );
    let answer = kadis.get(&app, &uri).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let list: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let list = list.as_array().unwrap();
    let nips: Vec<&str> = list.iter().filter_map(|c| c["nip"].as_str()).collect();
    // Ranked by fit: the JF from penyetaraan first (PEN-09), then the Plt.
    assert_eq!(nips, ["199202022017032099", nip::PLT_KASI]);
    assert_eq!(list[0]["unit_name"], "Seksi Rujukan");
    assert_eq!(list[0]["department_name"], "Dinas Kesehatan");
    assert_eq!(list[0]["grade"], "II/c");
    assert_eq!(list[0]["equalized_first"], true);
    // Without `q`, everyone.
    let answer = kadis
        .get(
            &app,
            &format!("/api/v1/assignments/candidates?owner_unit={unit}&start=2027-01-01"),
        )
        .await;
    let all: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(all.as_array().map(Vec::len), Some(EXTRA + 1 + 7));
}
