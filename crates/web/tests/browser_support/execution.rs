//! The execution pages in the browser (issue 13 point 8): a running team of the test Dinas —
//! the Ahli Muda leading the Pelaksana — seen by its lead (my work, the work page with the
//! breakdown form) and by the Kepala Dinas (monitoring), at desktop and phone widths; nothing
//! may be wider than a phone's screen.

use chrono::{Duration, FixedOffset, Utc};
use fantoccini::{Client, Locator};
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, Member, MemberRole};
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId, UnitId};
use sikerja_domain::planning::target::Execution;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{AssignmentInput, RequestStart, StepInput};

use super::{Step, shot, sign_in, sign_out};
use crate::common::{self, TestApp};

fn wita_day(n: i64) -> Day {
    let wita = FixedOffset::east_opt(8 * 3600).expect("WITA");
    let d = (Utc::now().with_timezone(&wita) + Duration::days(n)).format("%Y-%m-%d");
    Day::parse(&d.to_string()).expect("a day")
}

/// The running team, recorded through storage as its people would.
pub(super) async fn running_team(app: &TestApp) -> i64 {
    let agency = AgencyId(
        app.store
            .agency_by_code("kab-uji")
            .await
            .expect("agency")
            .id
            .0,
    );
    let dept = DepartmentId(app.department_id("dinkes").await);
    let root = app
        .store
        .units(dept)
        .await
        .expect("units")
        .iter()
        .find(|u| u.parent.is_none())
        .expect("root unit")
        .id;
    let actor = |e: i64| PlanningActor {
        employee: Some(EmployeeId(e)),
        regional_head_of: None,
        audit: common::setup_actor(),
    };
    let lead = app.employee_id(common::nip::AHLI_MUDA).await;
    let member = app.employee_id(common::nip::PELAKSANA).await;
    let m = |e: i64, role| Member {
        employee: EmployeeId(e),
        role,
        from: wita_day(0),
        until: wita_day(90),
    };
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: UnitId(root.0),
            owner_agency: agency,
            method: AssignmentMethod::Appointment,
            members: vec![m(lead, MemberRole::TeamLead), m(member, MemberRole::Member)],
            responsible_official: None,
            field: "Kesehatan".into(),
            team_lead_reason: None,
        },
        title: "Tim Pendataan Layanan Kesehatan Dasar Kabupaten".into(),
        target: None,
    };
    let kadis = actor(app.employee_id(common::nip::KADIS).await);
    let id = app
        .store
        .create_assignment(&input, &kadis)
        .await
        .expect("draft");
    let request = app
        .store
        .start_request(
            id,
            &RequestStart {
                text: "Ditugaskan".into(),
                ..Default::default()
            },
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .expect("started");
    for e in [lead, member] {
        let receive = StepInput {
            step: "receive".into(),
            refuse: false,
            text: "Diterima".into(),
        };
        app.store
            .decide_step(
                request,
                &receive,
                &actor(e),
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .expect("received");
    }
    id.0
}

/// Screenshots of the page at desktop and phone widths; at the phone's width nothing is wider
/// than the screen.
pub(super) async fn both_widths(client: &Client, name: &str) -> Step {
    shot(client, name).await;
    client.set_window_size(390, 844).await?;
    // The elements reaching past the screen's right edge, if any (tables scroll inside
    // their own box).
    let wider = client
        .execute(
            "const w = window.innerWidth; \
             if (document.documentElement.scrollWidth <= w) return []; \
             return [...document.querySelectorAll('body *')] \
               .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > w + 1) \
               .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + (e.id || ''));",
            vec![],
        )
        .await?;
    assert_eq!(wider, serde_json::json!([]), "{name} overflows a phone");
    shot(client, &format!("{name}-phone")).await;
    client.set_window_size(1366, 900).await?;
    Ok(())
}

pub async fn run(client: &Client, app: &TestApp, base: &str) -> Step {
    common::give_password(
        &app.store,
        common::nip::AHLI_MUDA,
        common::TEST_PASSWORD,
        false,
    )
    .await;
    let id = running_team(app).await;
    client.set_window_size(1366, 900).await?;

    // The lead: my work and the team, then the work page with the breakdown form open.
    client.goto(&format!("{base}/masuk")).await?;
    sign_in(client, common::nip::AHLI_MUDA).await?;
    client.goto(&format!("{base}/pelaksanaan")).await?;
    client.find(Locator::Css("#tim-saya")).await?;
    both_widths(client, "pelaksanaan-ketua-tim").await?;
    client
        .goto(&format!("{base}/pelaksanaan/penugasan/{id}"))
        .await?;
    client.find(Locator::Css("#form-rincian")).await?;
    both_widths(client, "pelaksanaan-penugasan").await?;
    sign_out(client).await?;

    // The Kepala Dinas: monitoring, and the reporting settings.
    sign_in(client, common::nip::KADIS).await?;
    client.goto(&format!("{base}/pelaksanaan")).await?;
    client.find(Locator::Css("#pantauan")).await?;
    both_widths(client, "pelaksanaan-pantauan").await?;
    client
        .goto(&format!("{base}/pelaksanaan/penugasan/{id}"))
        .await?;
    client.find(Locator::Css("#form-permintaan")).await?;
    both_widths(client, "pelaksanaan-penugasan-pimpinan").await?;
    client.goto(&format!("{base}/admin/pelaporan")).await?;
    both_widths(client, "pengaturan-pelaporan").await?;
    sign_out(client).await
}

/// The NIP of whoever the result waits for now (its chain fixed on the record), among the
/// test Dinas' officials.
async fn waiting_reviewer(app: &TestApp, result: i64) -> &'static str {
    let view = app
        .store
        .work_result(sikerja_storage::WorkResultId(result))
        .await
        .expect("result");
    let reviewer = view
        .current_steps()
        .iter()
        .find(|s| s.decision.is_none())
        .and_then(|s| s.reviewer)
        .expect("a reviewer waits");
    for nip in [
        common::nip::KABID,
        common::nip::SEKRETARIS,
        common::nip::KASUBAG,
        common::nip::PLT_KASI,
        common::nip::KADIS,
    ] {
        if app.employee_id(nip).await == reviewer.0 {
            return nip;
        }
    }
    panic!("the reviewer {reviewer:?} is none of the test officials")
}

/// The status badge of the result page.
async fn result_status(client: &Client) -> Result<String, fantoccini::error::CmdError> {
    client
        .find(Locator::Css("#status-hasil"))
        .await?
        .text()
        .await
}

/// Issue 13 point 9: a JF reports, the lead submits the team's result, a reviewer returns it
/// with notes, the lead resubmits it, and it goes up until the head of the Unit Organisasi
/// accepts it (MEK-04, MEK-05, LAP-02) — every step through the pages, each person signed in.
pub async fn result_flow(client: &Client, app: &TestApp, base: &str) -> Step {
    for nip in [
        common::nip::AHLI_MUDA,
        common::nip::PELAKSANA,
        common::nip::KABID,
        common::nip::SEKRETARIS,
        common::nip::KASUBAG,
        common::nip::PLT_KASI,
        common::nip::KADIS,
    ] {
        common::give_password(&app.store, nip, common::TEST_PASSWORD, false).await;
    }
    let id = running_team(app).await;
    let work = format!("{base}/pelaksanaan/penugasan/{id}");
    client.set_window_size(1366, 900).await?;

    // The JF/Pelaksana reports to the lead, with a PDF chosen in the file input (issue 13
    // point 4: the form is sent as multipart/form-data with its CSRF token).
    let evidence = tempfile::tempdir().expect("temporary folder");
    let pdf = evidence.path().join("Bukti pendataan.pdf");
    let pdf_bytes = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    std::fs::write(&pdf, pdf_bytes).expect("evidence file written");
    client.goto(&format!("{base}/masuk")).await?;
    sign_in(client, common::nip::PELAKSANA).await?;
    client.goto(&work).await?;
    client
        .find(Locator::Css("#form-laporan textarea[name=narrative]"))
        .await?
        .send_keys("Pendataan puskesmas wilayah utara selesai.")
        .await?;
    client
        .find(Locator::Css("#form-laporan input[type=file][name=files]"))
        .await?
        .send_keys(&pdf.display().to_string())
        .await?;
    super::click_and_wait(
        client,
        "#form-laporan button[type=submit]",
        "article.report",
    )
    .await?;
    sign_out(client).await?;

    // The lead reads it and submits the team's result.
    sign_in(client, common::nip::AHLI_MUDA).await?;
    client.goto(&work).await?;
    let report = client
        .find(Locator::Css("article.report"))
        .await?
        .text()
        .await?;
    assert!(
        report.contains("Pendataan puskesmas wilayah utara"),
        "{report}"
    );
    // The evidence file is listed with its size and kept byte for byte.
    let link = client
        .find(Locator::Css("article.report a.evidence"))
        .await?
        .text()
        .await?;
    assert_eq!(link, "Bukti pendataan.pdf");
    let keys = app.files.keys().await.expect("stored keys");
    assert_eq!(keys.len(), 1, "one evidence file stored");
    client
        .find(Locator::Css("#form-hasil input[name=title]"))
        .await?
        .send_keys("Data layanan kesehatan dasar")
        .await?;
    client
        .find(Locator::Css("#form-hasil textarea[name=summary]"))
        .await?
        .send_keys("Data layanan seluruh puskesmas terkumpul dan diperiksa.")
        .await?;
    super::click_and_wait(client, "#form-hasil button[type=submit]", "#status-hasil").await?;
    let url = client.current_url().await?;
    let result: i64 = url
        .path()
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("the result's page");
    sign_out(client).await?;

    // The first reviewer returns it with notes.
    let reviewer = waiting_reviewer(app, result).await;
    sign_in(client, reviewer).await?;
    client.goto(url.as_str()).await?;
    client
        .find(Locator::Css("#form-putuskan select[name=decision]"))
        .await?
        .select_by_value("return")
        .await?;
    client
        .find(Locator::Css("#form-putuskan textarea[name=notes]"))
        .await?
        .send_keys("Lengkapi data puskesmas pembantu.")
        .await?;
    super::click_and_wait(
        client,
        "#form-putuskan button[type=submit]",
        "#status-hasil",
    )
    .await?;
    let status = result_status(client).await?;
    assert!(status.contains("Dikembalikan"), "{status}");
    sign_out(client).await?;

    // The lead sees the notes and resubmits.
    sign_in(client, common::nip::AHLI_MUDA).await?;
    client.goto(url.as_str()).await?;
    let page = client.find(Locator::Css("main")).await?.text().await?;
    assert!(page.contains("Lengkapi data puskesmas pembantu"), "{page}");
    super::click_and_wait(
        client,
        "#form-ajukan-ulang button[type=submit]",
        "#status-hasil",
    )
    .await?;
    sign_out(client).await?;

    // Each reviewer passes it up; the head of the Unit Organisasi accepts it.
    for _ in 0..6 {
        let done = app
            .store
            .work_result(sikerja_storage::WorkResultId(result))
            .await
            .expect("result")
            .state
            .step()
            .is_none();
        if done {
            break;
        }
        let reviewer = waiting_reviewer(app, result).await;
        sign_in(client, reviewer).await?;
        client.goto(url.as_str()).await?;
        // The form offers "pass" up the chain and "accept" at the last step first.
        super::click_and_wait(
            client,
            "#form-putuskan button[type=submit]",
            "#status-hasil",
        )
        .await?;
        if reviewer == common::nip::KADIS {
            let status = result_status(client).await?;
            assert!(status.contains("Diterima"), "{status}");
            both_widths(client, "pelaksanaan-hasil-diterima").await?;
        }
        sign_out(client).await?;
    }
    let state = app
        .store
        .work_result(sikerja_storage::WorkResultId(result))
        .await
        .expect("result")
        .state;
    assert_eq!(
        state,
        sikerja_domain::execution::review::ReviewState::Completed
    );
    Ok(())
}
