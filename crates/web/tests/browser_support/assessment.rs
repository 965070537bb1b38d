//! Issue 16 point 8 in the browser: a team lead writes the member report of a member of their
//! running team (KIN-03), the member's PPK — named by the placement — rates and finalises
//! (KIN-02, KIN-04), the employee acknowledges, and BKPSDM's e-Kinerja export holds the
//! employee's row. Each person signs in and uses the forms; the pages fit a phone.

use chrono::{Datelike, FixedOffset, Utc};
use fantoccini::{Client, Locator};
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::performance::{PeriodRef, PlanningActor};

use super::execution_scenario::{both_widths, running_team};
use super::{Step, click_and_wait, sign_in, sign_out};
use crate::common::{self, TestApp};

/// The quarter covering today in WITA, e.g. `2026-q4` (the default quarterly cadence).
fn this_quarter() -> String {
    let wita = FixedOffset::east_opt(8 * 3600).expect("WITA");
    let today = Utc::now().with_timezone(&wita);
    format!("{}-q{}", today.year(), (today.month() - 1) / 3 + 1)
}

pub async fn run(client: &Client, app: &TestApp, base: &str) -> Step {
    let member_nip = common::nip::PELAKSANA;
    let member = app.employee_id(member_nip).await;
    let placement = app
        .store
        .placement_of(EmployeeId(member))
        .await
        .expect("placement")
        .expect("the Pelaksana is placed");
    let assessor_nip = placement
        .assessor
        .expect("KIN-04: the placement names the PPK")
        .person
        .nip
        .as_str()
        .to_string();
    for nip in [common::nip::AHLI_MUDA, member_nip, assessor_nip.as_str()] {
        common::give_password(&app.store, nip, common::TEST_PASSWORD, false).await;
    }
    running_team(app).await;
    let period = this_quarter();
    let report = "Mendata 40 fasilitas layanan tepat waktu dan rapi.";
    client.set_window_size(1366, 900).await?;

    // The team lead writes the member report from /penilaian (KIN-03).
    client.goto(&format!("{base}/masuk")).await?;
    sign_in(client, common::nip::AHLI_MUDA).await?;
    client
        .goto(&format!("{base}/penilaian?periode={period}"))
        .await?;
    client
        .find(Locator::Css(
            "#laporan-anggota form.member-report textarea[name=text]",
        ))
        .await?
        .send_keys(report)
        .await?;
    click_and_wait(
        client,
        "#laporan-anggota form.member-report button[type=submit]",
        "#laporan-anggota form.member-report p.small",
    )
    .await?;
    both_widths(client, "penilaian-ketua-tim").await?;
    sign_out(client).await?;

    // Writing it opened the assessment and fixed the assessor (KIN-04).
    let by = PlanningActor {
        employee: Some(EmployeeId(app.employee_id(&assessor_nip).await)),
        regional_head_of: None,
        audit: common::setup_actor(),
    };
    let reference = PeriodRef::parse(&period).expect("period");
    let id = app
        .store
        .assessor_worklist(reference, &by)
        .await
        .expect("worklist")
        .iter()
        .find(|r| r.employee.0 == member)
        .and_then(|r| r.id)
        .expect("the member's assessment is open");

    // The PPK finds it on the worklist, reads the report among the inputs, rates, finalises.
    sign_in(client, &assessor_nip).await?;
    client
        .goto(&format!("{base}/penilaian?periode={period}"))
        .await?;
    let link = format!("#daftar-penilaian a[href='/penilaian/{id}']");
    client.find(Locator::Css(&link)).await?.click().await?;
    let inputs = client
        .find(Locator::Css("#laporan-ketua-tim"))
        .await?
        .text()
        .await?;
    assert!(
        inputs.contains(report),
        "the report reaches the PPK: {inputs}"
    );
    client
        .find(Locator::Css("#form-nilai select[name=results_level]"))
        .await?
        .select_by_value("above")
        .await?;
    client
        .find(Locator::Css("#form-nilai select[name=behaviour_level]"))
        .await?
        .select_by_value("meets")
        .await?;
    for level in client
        .find_all(Locator::Css("#form-nilai select[name=level]"))
        .await?
    {
        level.select_by_value("meets").await?;
    }
    click_and_wait(
        client,
        "#form-nilai button[type=submit]",
        "#form-finalkan button",
    )
    .await?;
    click_and_wait(client, "#form-finalkan button", "#predikat").await?;
    let rating = client.find(Locator::Css("#predikat")).await?.text().await?;
    assert_eq!(rating, "Baik", "KIN-02: above and meets");
    both_widths(client, "penilaian-final").await?;
    sign_out(client).await?;

    // The employee acknowledges.
    sign_in(client, member_nip).await?;
    client.goto(&format!("{base}/penilaian/{id}")).await?;
    click_and_wait(client, "#form-terima button", "#status-penilaian").await?;
    let state = client
        .find(Locator::Css("#status-penilaian"))
        .await?
        .text()
        .await?;
    assert_eq!(state, "Diterima pegawai");
    both_widths(client, "penilaian-diterima").await?;
    sign_out(client).await?;

    // BKPSDM: /admin/penilaian links the export; the export holds the employee's row.
    sign_in(client, common::nip::KADIS).await?;
    client
        .goto(&format!("{base}/admin/penilaian?periode={period}"))
        .await?;
    let json_link = client
        .find(Locator::Css("#ekspor a[href*='/ekinerja-export']"))
        .await?
        .attr("href")
        .await?
        .expect("the export's link");
    both_widths(client, "penilaian-admin").await?;
    client.goto(&format!("{base}{json_link}")).await?;
    let body = client.find(Locator::Css("body")).await?.text().await?;
    let rows: serde_json::Value = serde_json::from_str(body.trim()).expect("JSON rows");
    let row = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["nip"] == member_nip)
        .unwrap_or_else(|| panic!("the export holds the employee's row: {rows}"));
    assert_eq!(row["state"], "acknowledged");
    assert_eq!(row["performance_rating"], "baik");
    assert_eq!(row["assessor_nip"], assessor_nip.as_str());
    assert_eq!(row["period"], period.as_str());
    sign_out_plain(client, base).await
}

/// The JSON page has no header: back to a page to sign out.
async fn sign_out_plain(client: &Client, base: &str) -> Step {
    client.goto(&format!("{base}/penilaian")).await?;
    sign_out(client).await
}
