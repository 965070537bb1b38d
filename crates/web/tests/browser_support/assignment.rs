//! The assignment scenario of the browser suite (issue 5 point 9): a whole cross-unit
//! appointment (PEN-14, Gambar 1) in the demo government, each step taken through the pages by
//! the person holding its position: the Camat Martapura sends the involvement request with its
//! four contents; the Kepala Bidang Aplikasi Informatika (the PPK of the wanted JF) agrees; the
//! Kepala Diskominfostat recommends; the PPK composes; the Kepala Dinas issues the Surat
//! Penugasan; the Sekda establishes it by Keputusan (PEN-12); the JF receives it.

use fantoccini::{Client, Locator};
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, Member, MemberRole};
use sikerja_domain::organisation::EmployeeId;
use sikerja_domain::planning::target::Execution;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{AssignmentInput, AuditActor};

use super::{Step, click_and_wait, shot, sign_in, sign_out};
use crate::common::{self, TestApp};

async fn fill(client: &Client, css: &str, value: &str) -> Step {
    let field = client.find(Locator::Css(css)).await?;
    field.clear().await?;
    field.send_keys(value).await?;
    Ok(())
}

async fn text_of(client: &Client, css: &str) -> Result<String, fantoccini::error::CmdError> {
    client.find(Locator::Css(css)).await?.text().await
}

/// Signs `nip` in, opens the assignment and takes the current step (proceed).
async fn take_step(client: &Client, base: &str, nip: &str, id: i64, name: &str) -> Step {
    sign_in(client, nip).await?;
    // The step waits in the person's inbox.
    client.goto(&format!("{base}/penugasan")).await?;
    let inbox = text_of(client, "#menunggu").await?;
    assert!(
        inbox.contains("Pendampingan digitalisasi"),
        "{name}: {inbox}"
    );
    client.goto(&format!("{base}/penugasan/{id}")).await?;
    fill(client, "#lanjutkan textarea[name=text]", "Setuju").await?;
    click_and_wait(client, "#lanjutkan button[type=submit]", "#alur").await?;
    shot(client, &format!("penugasan-{name}")).await;
    sign_out(client).await
}

pub async fn run(client: &Client, app: &TestApp, base: &str) -> Step {
    let people = sikerja_demo::DEMO_PEOPLE;
    let logins = [
        people.camat_martapura.nip,
        people.administrator.nip,
        people.head_of_office.nip,
        people.regional_secretary.nip,
        people.functional.nip,
    ];
    for login in logins {
        common::give_password(&app.store, login, common::TEST_PASSWORD, false).await;
    }
    // The Camat's draft (the draft form has its own page tests): Nor Aina, of Diskominfostat.
    let camat = EmployeeId(app.employee_id(people.camat_martapura.nip).await);
    let facts = app.store.actor_facts(camat).await.expect("facts");
    let post = facts.posts.iter().find(|p| p.is_head).expect("Camat heads");
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Individual,
            owner_unit: post.unit,
            owner_agency: facts.agency.expect("agency"),
            method: AssignmentMethod::Appointment,
            members: vec![Member {
                employee: EmployeeId(app.employee_id(people.functional.nip).await),
                role: MemberRole::Member,
                from: Day::parse("2027-02-01").expect("day"),
                until: Day::parse("2027-04-30").expect("day"),
            }],
            responsible_official: None,
            field: "Informatika".into(),
            team_lead_reason: None,
        },
        title: "Pendampingan digitalisasi layanan kecamatan".into(),
        target: None,
    };
    let actor = PlanningActor {
        employee: Some(camat),
        regional_head_of: None,
        audit: AuditActor::new("penyiapan uji"),
    };
    let id = app
        .store
        .create_assignment(&input, &actor)
        .await
        .expect("draft")
        .0;
    client.set_window_size(1366, 900).await?;

    // 1. The Camat sends the involvement request with its four contents (PEN-14.1).
    client.goto(&format!("{base}/")).await?;
    sign_in(client, people.camat_martapura.nip).await?;
    client.goto(&format!("{base}/penugasan/{id}")).await?;
    let rule = text_of(client, "#aturan-alur").await?;
    assert!(rule.contains("PEN-14"), "{rule}");
    fill(
        client,
        "#mulai-alur textarea[name=purpose]",
        "Digitalisasi layanan",
    )
    .await?;
    fill(
        client,
        "#mulai-alur textarea[name=competence]",
        "Pengembangan aplikasi",
    )
    .await?;
    fill(
        client,
        "#mulai-alur textarea[name=expected_targets]",
        "Tiga layanan daring",
    )
    .await?;
    fill(client, "#mulai-alur input[name=duration]", "3 bulan").await?;
    click_and_wait(client, "#mulai-alur button[type=submit]", "#status-alur").await?;
    let flow = text_of(client, "#alur").await?;
    assert!(
        flow.contains("Kepala Bidang Aplikasi Informatika"),
        "{flow}"
    );
    shot(client, "penugasan-permohonan").await;

    // 1b. The Camat issues the request letter (DOC-05, DOC-06): a number from the register,
    // then anyone checks it on the public verification page its QR code points to.
    let request = app
        .store
        .request_of(sikerja_domain::assignment::AssignmentId(id))
        .await
        .expect("request")
        .expect("started");
    let letter = app
        .store
        .assignment_request(request)
        .await
        .expect("request view")
        .letters[0]
        .id;
    client
        .goto(&format!("{base}/penugasan/surat/{letter}"))
        .await?;
    click_and_wait(client, "#terbitkan", "#nomor-terbit").await?;
    let number = text_of(client, "#nomor-terbit").await?;
    assert!(number.starts_with("800.1.11/1/"), "{number}");
    shot(client, "surat-terbit").await;
    let verify = client
        .find(Locator::Css("#tautan-verifikasi"))
        .await?
        .attr("href")
        .await?
        .expect("verification link");
    client.goto(&format!("{base}{verify}")).await?;
    assert_eq!(text_of(client, "#nomor").await?.trim(), number.trim());
    shot(client, "verifikasi-surat").await;
    sign_out(client).await?;

    // 2–7. Each holder in turn (PEN-18).
    take_step(client, base, people.administrator.nip, id, "ppk-setuju").await?;
    take_step(client, base, people.head_of_office.nip, id, "rekomendasi").await?;
    take_step(client, base, people.administrator.nip, id, "susun").await?;
    take_step(
        client,
        base,
        people.head_of_office.nip,
        id,
        "surat-penugasan",
    )
    .await?;
    take_step(
        client,
        base,
        people.regional_secretary.nip,
        id,
        "keputusan-sekda",
    )
    .await?;
    take_step(client, base, people.functional.nip, id, "diterima").await?;

    // The person assigned sees the assignment in force — scheduled, as its period (from
    // 1 February 2027) has not begun (issue 15 point 9) — with its four letters.
    sign_in(client, people.functional.nip).await?;
    client.goto(&format!("{base}/penugasan/{id}")).await?;
    let status = text_of(client, "#status-penugasan").await?;
    assert_eq!(status.trim(), "Terjadwal");
    let letters = text_of(client, "#surat").await?;
    for l in [
        "Surat permohonan pelibatan",
        "Surat Penugasan",
        "Keputusan Sekretaris Daerah",
    ] {
        assert!(letters.contains(l), "{l}: {letters}");
    }
    shot(client, "penugasan-selesai").await;
    sign_out(client).await?;
    let state = app
        .store
        .assignment(sikerja_domain::assignment::AssignmentId(id))
        .await
        .expect("assignment");
    assert_eq!(
        state.status,
        sikerja_domain::assignment::AssignmentStatus::Active
    );
    Ok(())
}
