//! Issue 17 point 5 (PRO-01..03) in the browser: the keeper (the Kepala Dinas, granted
//! `process_map_keeper`) starts a map from a generated workflow (Gambar 1), opens it in the
//! bpmn-js modeler, adds a task through the modeler's modeling API (driven by a script in the
//! page, as a drag on the canvas would), saves it as version 2 (a draft: the server checks the
//! XML like an upload), publishes it and records a review that changed an SOP; a reader of the
//! agency then sees version 2 on the diagram, the added task drawn, and the review.

use std::time::Duration;

use fantoccini::{Client, Locator};
use sikerja_domain::access::GrantedRole;
use sikerja_domain::organisation::EmployeeId;

use super::{Step, click_and_wait, sign_in, sign_out};
use crate::common::{self, TestApp, nip};

async fn fill(client: &Client, css: &str, value: &str) -> Step {
    let field = client.find(Locator::Css(css)).await?;
    field.clear().await.ok();
    field.send_keys(value).await
}

async fn choose(client: &Client, css: &str, value: &str) -> Step {
    client
        .find(Locator::Css(css))
        .await?
        .select_by_value(value)
        .await
}

/// Waits (at most 20 s) until the diagram in `css` is loaded.
async fn loaded(client: &Client, css: &str) -> Step {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(e) = client.find(Locator::Css(css)).await
            && e.attr("data-loaded").await?.as_deref() == Some("true")
        {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(fantoccini::error::CmdError::WaitTimeout);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn id_of(url: &str) -> i64 {
    url.split("/peta-proses/")
        .nth(1)
        .and_then(|rest| rest.split(['?', '/']).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a map page: {url}"))
}

pub async fn run(client: &Client, app: &TestApp, base: &str) -> Step {
    let kadis = EmployeeId(app.employee_id(nip::KADIS).await);
    app.store
        .grant_role(
            kadis,
            GrantedRole::ProcessMapKeeper,
            &common::setup_actor(),
            "Peta proses",
        )
        .await
        .expect("grant");
    common::give_password(&app.store, nip::PELAKSANA, common::TEST_PASSWORD, false).await;

    client.goto(&format!("{base}/masuk")).await?;
    sign_in(client, nip::KADIS).await?;
    client.goto(&format!("{base}/peta-proses/baru")).await?;
    fill(
        client,
        "input[name=title]",
        "Penunjukan lintas unit (Gambar 1)",
    )
    .await?;
    choose(client, "select[name=kind]", "cross_functional_map").await?;
    choose(client, "select[name=alur]", "cross_unit_appointment").await?;
    click_and_wait(
        client,
        "#form-peta-baru button[type=submit]",
        "#status-peta",
    )
    .await?;
    let id = id_of(client.current_url().await?.as_str());
    assert_eq!(
        client
            .find(Locator::Css("#status-peta"))
            .await?
            .text()
            .await?,
        "Konsep"
    );

    // The modeler: a task added in the first lane through bpmn-js's modeling API.
    client
        .goto(&format!("{base}/peta-proses/{id}/ubah"))
        .await?;
    loaded(client, "#peta-editor").await?;
    let added = client
        .execute(
            r#"
            const m = document.getElementById('peta-editor').bpmnModeler;
            const registry = m.get('elementRegistry');
            const modeling = m.get('modeling');
            const pool = registry.filter(e => e.type === 'bpmn:Participant')[0];
            const lane = registry.filter(e => e.type === 'bpmn:Lane')[0];
            const shape = m.get('elementFactory').createShape({ type: 'bpmn:Task' });
            const task = modeling.createShape(
                shape, { x: lane.x + lane.width - 80, y: lane.y + lane.height / 2 }, pool);
            modeling.updateLabel(task, 'Verifikasi kelengkapan berkas');
            return task.id;
            "#,
            vec![],
        )
        .await?;
    let task = added.as_str().expect("the new task's id").to_string();
    fill(
        client,
        "#form-simpan-peta input[name=note]",
        "Tambah verifikasi berkas",
    )
    .await?;
    click_and_wait(client, "#simpan-peta", "p.notice").await?;
    let notice = client.find(Locator::Css("p.notice")).await?.text().await?;
    assert!(notice.contains("Versi baru disimpan"), "{notice}");

    // Published, then reviewed (PRO-03) with the SOP it changed.
    click_and_wait(client, "#terbitkan", "p.notice").await?;
    assert_eq!(
        client
            .find(Locator::Css("#status-peta"))
            .await?
            .text()
            .await?,
        "Terbit"
    );
    choose(client, "#form-reviu select[name=versi]", "2").await?;
    fill(
        client,
        "#form-reviu textarea[name=findings]",
        "Berkas permohonan sering tidak lengkap.",
    )
    .await?;
    fill(
        client,
        "#form-reviu textarea[name=decisions]",
        "Tambah verifikasi sebelum persetujuan.",
    )
    .await?;
    fill(
        client,
        "#form-reviu input[name=sop_number]",
        "SOP-ORG/07/2026",
    )
    .await?;
    fill(
        client,
        "#form-reviu input[name=sop_title]",
        "SOP Penunjukan Lintas Unit Organisasi",
    )
    .await?;
    click_and_wait(client, "#form-reviu button[type=submit]", "p.notice").await?;
    sign_out(client).await?;

    // A reader of the agency sees version 2, the task on the diagram, and the review.
    sign_in(client, nip::PELAKSANA).await?;
    client.goto(&format!("{base}/peta-proses/{id}")).await?;
    loaded(client, "#peta-diagram").await?;
    let xml = client
        .find(Locator::Css("#peta-diagram"))
        .await?
        .attr("data-xml")
        .await?
        .unwrap_or_default();
    assert_eq!(xml, format!("/peta-proses/{id}/versi/2.bpmn"));
    let drawn = client
        .find_all(Locator::Css(&format!(
            "#peta-diagram g[data-element-id='{task}']"
        )))
        .await?;
    assert!(!drawn.is_empty(), "the added task {task} is drawn");
    let sop = client
        .find(Locator::Css(".sop-changes li"))
        .await?
        .text()
        .await?;
    assert_eq!(
        sop,
        "SOP-ORG/07/2026 — SOP Penunjukan Lintas Unit Organisasi"
    );
    super::shot(client, "process-map-reader").await;
    Ok(())
}
