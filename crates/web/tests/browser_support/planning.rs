//! The planning scenario of the browser suite (issue 4 point 9): the Kepala Dinas starts their
//! Perjanjian Kinerja, adds a target and cascades it to the Kepala Bidang (STR-02); the Kepala
//! Bidang cascades it to the JF Ahli Muda whose PPK they are (MEK-02); the JF drafts an activity
//! plan. Each signs in through the form and signs out.

use std::time::Duration;

use fantoccini::{Client, Locator};

use super::{Step, shot, sign_in, sign_out};
use crate::common::{self, TestApp, nip};

const YEAR: &str = "2027";

async fn fill(client: &Client, scope: &str, name: &str, value: &str) -> Step {
    let field = client
        .find(Locator::Css(&format!("{scope} [name={name}]")))
        .await?;
    field.clear().await?;
    field.send_keys(value).await?;
    Ok(())
}

async fn target_fields(client: &Client, scope: &str, indicator: &str) -> Step {
    fill(client, scope, "indicator", indicator).await?;
    fill(client, scope, "target", "90").await?;
    fill(client, scope, "unit", "%").await?;
    fill(client, scope, "budget", "2.500.000").await?;
    fill(client, scope, "strategic_plan_ref", "Renstra 2025–2029").await?;
    Ok(())
}

/// Opens `details` elements inside `scope` so their fields can be typed into.
async fn open_details(client: &Client, scope: &str) -> Step {
    client
        .execute(
            "document.querySelectorAll(arguments[0] + ' details, details' + arguments[0]).forEach(d => d.open = true);",
            vec![serde_json::Value::String(scope.to_string())],
        )
        .await?;
    Ok(())
}

async fn wait_for(client: &Client, css: &str) -> Step {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await?;
    Ok(())
}

/// Opens the reader's own agreement of the year from the planning page.
async fn open_own_agreement(client: &Client, base: &str) -> Step {
    client.goto(&format!("{base}/kinerja?tahun={YEAR}")).await?;
    client
        .find(Locator::Css("tr.own-post a.button"))
        .await?
        .click()
        .await?;
    wait_for(client, "#para-pihak").await
}

pub async fn run(client: &Client, app: &TestApp, base: &str) -> Step {
    for login in [nip::KADIS, nip::KABID, nip::AHLI_MUDA] {
        common::give_password(&app.store, login, common::TEST_PASSWORD, false).await;
    }
    client.set_window_size(1366, 900).await?;

    // The Kepala Dinas starts the agreement and adds a target.
    client.goto(&format!("{base}/masuk")).await?;
    sign_in(client, nip::KADIS).await?;
    client.goto(&format!("{base}/kinerja?tahun={YEAR}")).await?;
    client
        .find(Locator::Css(
            "tr.own-post form[action='/kinerja/perjanjian'] button",
        ))
        .await?
        .click()
        .await?;
    wait_for(client, "#para-pihak").await?;
    open_details(client, "#tambah-target").await?;
    target_fields(
        client,
        "#tambah-target",
        "Persentase fasilitas kesehatan terakreditasi",
    )
    .await?;
    client
        .find(Locator::Css("#tambah-target button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_for(client, "article.target").await?;

    // … and cascades it to the Kepala Bidang, chosen from the derived posts only.
    open_details(client, "article.target").await?;
    let select = client
        .find(Locator::Css(
            "article.target form.cascade select[name=post]",
        ))
        .await?;
    let options = select.find_all(Locator::Css("option")).await?;
    let mut kabid_value = None;
    for o in &options {
        let label = o.text().await?;
        assert!(!label.contains("Kepala Seksi"), "not derived: {label}");
        if label.contains("Kepala Bidang Pelayanan Kesehatan") {
            kabid_value = o.attr("value").await?;
        }
    }
    select
        .select_by_value(&kabid_value.expect("the Kepala Bidang is offered"))
        .await?;
    target_fields(
        client,
        "article.target form.cascade",
        "Persentase puskesmas terakreditasi",
    )
    .await?;
    shot(client, "perjanjian-kinerja-turunkan").await;
    client
        .find(Locator::Css(
            "article.target form.cascade button[type=submit]",
        ))
        .await?
        .click()
        .await?;
    wait_for(client, "ul.children a").await?;
    let child = client
        .find(Locator::Css("ul.children a"))
        .await?
        .text()
        .await?;
    assert!(
        child.contains("Kepala Bidang Pelayanan Kesehatan"),
        "{child}"
    );
    sign_out(client).await?;

    // The Kepala Bidang cascades it on to the JF Ahli Muda.
    sign_in(client, nip::KABID).await?;
    open_own_agreement(client, base).await?;
    let rule = client
        .find(Locator::Css("#aturan-penetap"))
        .await?
        .text()
        .await?;
    assert!(rule.contains("STR-02"), "{rule}");
    open_details(client, "article.target").await?;
    let select = client
        .find(Locator::Css(
            "article.target form.cascade select[name=post]",
        ))
        .await?;
    let mut jf_value = None;
    for o in select.find_all(Locator::Css("option")).await? {
        if o.text().await?.contains("Ahli Muda") {
            jf_value = o.attr("value").await?;
        }
    }
    select
        .select_by_value(&jf_value.expect("the JF Ahli Muda is offered"))
        .await?;
    target_fields(
        client,
        "article.target form.cascade",
        "Dokumen akreditasi tersusun",
    )
    .await?;
    client
        .find(Locator::Css(
            "article.target form.cascade button[type=submit]",
        ))
        .await?
        .click()
        .await?;
    wait_for(client, "ul.children a").await?;
    sign_out(client).await?;

    // The JF drafts an activity plan for the target they received.
    sign_in(client, nip::AHLI_MUDA).await?;
    open_own_agreement(client, base).await?;
    let parties = client
        .find(Locator::Css("#para-pihak"))
        .await?
        .text()
        .await?;
    assert!(
        parties.contains("Kepala Bidang Pelayanan Kesehatan"),
        "{parties}"
    );
    open_details(client, "article.target").await?;
    fill(
        client,
        "article.target form.plan",
        "title",
        "Rencana dokumen akreditasi",
    )
    .await?;
    let row = "article.target form.plan tbody tr:first-child";
    fill(client, row, "name", "Pengumpulan dokumen").await?;
    fill(client, row, "output", "Berkas akreditasi").await?;
    fill(client, row, "month_from", "1").await?;
    fill(client, row, "month_to", "3").await?;
    fill(client, row, "budget", "1.500.000").await?;
    client
        .find(Locator::Css("article.target form.plan button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_for(client, "#status-rencana").await?;
    let status = client
        .find(Locator::Css("#status-rencana"))
        .await?
        .text()
        .await?;
    assert_eq!(status, "Konsep");
    let version = client.find(Locator::Css("#versi-1")).await?.text().await?;
    assert!(version.contains("Rp1.500.000"), "{version}");
    shot(client, "rencana-kegiatan").await;
    client.set_window_size(390, 844).await?;
    shot(client, "rencana-kegiatan-phone").await;
    client.set_window_size(1366, 900).await?;
    sign_out(client).await
}
