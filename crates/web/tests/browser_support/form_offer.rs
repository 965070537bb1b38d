//! Issue 14 point 6 in the browser: the Kepala Bidang's draft form offers only to prepare the
//! draft for the Kepala Dinas (with the rule that keeps them from appointing) and the field of
//! the task from the agency's list; the HR admin's list of fields of experience. Looked at on
//! a phone (390 px, no horizontal overflow) and a desktop (1366 px).

use fantoccini::{Client, Locator};

use super::{Step, shot, sign_in, sign_out};
use crate::common::{self, TestApp};

async fn fits(client: &Client, what: &str) -> Step {
    let fits = client
        .execute(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;",
            vec![],
        )
        .await?;
    assert_eq!(
        fits,
        serde_json::json!(true),
        "{what} overflows horizontally"
    );
    Ok(())
}

pub async fn run(client: &Client, app: &TestApp, base: &str) -> Step {
    common::give_password(&app.store, common::nip::KABID, common::TEST_PASSWORD, false).await;
    common::give_password(&app.store, common::nip::KADIS, common::TEST_PASSWORD, false).await;
    let muda = app.employee_id(common::nip::AHLI_MUDA).await;
    client.set_window_size(1366, 900).await?;
    client.goto(&format!("{base}/masuk")).await?;
    sign_in(client, common::nip::KABID).await?;
    client
        .goto(&format!(
            "{base}/penugasan/baru?field=Kesehatan&start=2027-01-01&member={muda}"
        ))
        .await?;
    let owner = client
        .find(Locator::Css("select#pemilik option"))
        .await?
        .text()
        .await?;
    assert_eq!(owner, "Siapkan rancangan untuk Kepala Dinas Kesehatan");
    let limits = client
        .find(Locator::Css("#batas-pemilik"))
        .await?
        .text()
        .await?;
    assert!(limits.contains("PEN-13"), "{limits}");
    shot(client, "form-offer-kabid-1366").await;
    client.set_window_size(390, 844).await?;
    fits(client, "the draft form of a Kepala Bidang").await?;
    shot(client, "form-offer-kabid-390").await;
    client.set_window_size(1366, 900).await?;
    sign_out(client).await?;

    sign_in(client, common::nip::KADIS).await?;
    client.goto(&format!("{base}/admin/bidang-tugas")).await?;
    client
        .find(Locator::Css("tr.experience-field[data-code=kesehatan]"))
        .await?;
    shot(client, "experience-fields-1366").await;
    client.set_window_size(390, 844).await?;
    fits(client, "the fields of experience page").await?;
    shot(client, "experience-fields-390").await;
    client.goto(&format!("{base}/penugasan/baru")).await?;
    fits(client, "the draft form of the Kepala Dinas").await?;
    shot(client, "form-offer-kadis-390").await;
    Ok(())
}
