//! The organisation change scenario of the browser suite (issue 14 point 8; ORG-05, PEN-18):
//! in the demo government the Camat's involvement request waits for the Kepala Bidang Aplikasi
//! Informatika, whose holder is then relieved of the post (through storage). BKPSDM names a
//! Plt. for the vacant post through the form, sees in the preview that the waiting step moves
//! to the Plt., saves, signs out; the Plt. signs in and decides the step. The form, the preview
//! and the list are looked at on a phone (390 px, no horizontal overflow) and a desktop.

use fantoccini::{Client, Locator};
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, Member, MemberRole};
use sikerja_domain::changes::{DatedChange, LegalBasis, OrgChange};
use sikerja_domain::organisation::EmployeeId;
use sikerja_domain::planning::target::Execution;
use sikerja_domain::workflow::Involvement;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::policies::today;
use sikerja_storage::{AssignmentInput, AuditActor, RequestStart};

use super::{Step, click_and_wait, shot, sign_in, sign_out};
use crate::common::{self, TestApp};

async fn text_of(client: &Client, css: &str) -> Result<String, fantoccini::error::CmdError> {
    client.find(Locator::Css(css)).await?.text().await
}

/// The page fits the window: nothing wider than the viewport (a table scrolls in its box).
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

/// Phone then desktop screenshots of the current page, checking the phone fits.
async fn look(client: &Client, name: &str) -> Step {
    client.set_window_size(390, 844).await?;
    fits(client, name).await?;
    shot(client, &format!("{name}-phone")).await;
    client.set_window_size(1366, 900).await?;
    shot(client, &format!("{name}-desktop")).await;
    Ok(())
}

pub async fn run(client: &Client, app: &TestApp, base: &str) -> Step {
    let people = sikerja_demo::DEMO_PEOPLE;
    for login in [people.bkpsdm_staff.nip, people.pengawas.nip] {
        common::give_password(&app.store, login, common::TEST_PASSWORD, false).await;
    }
    // The Camat's request for the Pranata Komputer of Diskominfostat: its next step is the
    // Kepala Bidang Aplikasi Informatika's (the JF's PPK), started through storage.
    let camat = EmployeeId(app.employee_id(people.camat_martapura.nip).await);
    let facts = app.store.actor_facts(camat).await.expect("facts");
    let post = facts.posts.iter().find(|p| p.is_head).expect("Camat heads");
    let agency = facts.agency.expect("agency");
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Individual,
            owner_unit: post.unit,
            owner_agency: agency,
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
    let request = app
        .store
        .start_request(
            sikerja_domain::assignment::AssignmentId(id),
            &RequestStart {
                text: "Mohon pelibatan".into(),
                involvement: Involvement {
                    purpose: "Digitalisasi layanan".into(),
                    competence: "Pengembangan aplikasi".into(),
                    expected_targets: "Tiga layanan daring".into(),
                    duration: "3 bulan".into(),
                },
            },
            &actor,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .expect("request started");
    // The Camat, its signer, issues the request letter: an unnumbered draft is not answered
    // (DOC-05, issue 15 point 4).
    let letter = app
        .store
        .assignment_request(request)
        .await
        .expect("request")
        .letters
        .into_iter()
        .find(|l| l.kind == sikerja_domain::workflow::LetterKind::InvolvementRequest)
        .expect("request letter");
    app.store
        .issue_letter(letter.id, &actor, |facts| {
            use sikerja_storage::RenderLetter;
            static FAKE: sikerja_storage::testing::FakeLetters =
                sikerja_storage::testing::FakeLetters;
            FAKE.render(facts)
        })
        .await
        .expect("request letter issued");

    // The Kepala Bidang is relieved of the post: the step waits at a vacant post.
    let kabid = EmployeeId(app.employee_id(people.administrator.nip).await);
    let kabid_post = app
        .store
        .actor_facts(kabid)
        .await
        .expect("facts")
        .posts
        .iter()
        .find(|p| p.is_head)
        .expect("Kepala Bidang heads")
        .position;
    let vacate = DatedChange {
        effective: today(),
        basis: LegalBasis {
            number: "821.2/101/BKPSDM/2026".into(),
            date: today(),
        },
        change: OrgChange::Vacate { employee: kabid },
    };
    app.store
        .record_org_changes(
            agency,
            &[vacate],
            &AuditActor::new("penyiapan uji"),
            today(),
        )
        .await
        .expect("vacated");

    // BKPSDM opens the Plt. form from a link naming the post (the unit-tree page's contract).
    client.set_window_size(1366, 900).await?;
    client.goto(&format!("{base}/")).await?;
    sign_in(client, people.bkpsdm_staff.nip).await?;
    client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css("a.admin-link[href='/organisasi/perubahan']"))
        .await?;
    client
        .goto(&format!(
            "{base}/organisasi/perubahan/baru?jenis=name_acting&jabatan={}",
            kabid_post.0
        ))
        .await?;
    let selected = client
        .find(Locator::Css("select[name=jabatan] option:checked"))
        .await?
        .text()
        .await?;
    assert!(
        selected.contains("Kepala Bidang Aplikasi Informatika") && selected.contains("lowong"),
        "{selected}"
    );
    client
        .find(Locator::Css("input[name=nomor_keputusan]"))
        .await?
        .send_keys("800.1.3.3/77/BKPSDM/2026")
        .await?;
    client
        .find(Locator::Css("input[name=pegawai]"))
        .await?
        .send_keys(people.pengawas.nip)
        .await?;
    client
        .find(Locator::Css("select[name=jenis_plt]"))
        .await?
        .select_by_value("plt")
        .await?;
    look(client, "perubahan-plt-formulir").await?;

    // The preview: the Plt. named, and the waiting step moving to them (PEN-18).
    click_and_wait(
        client,
        "#formulir-perubahan button[type=submit]",
        "#akibat-pekerjaan",
    )
    .await?;
    let change = text_of(client, "#perubahan").await?;
    assert!(
        change.contains("Ahmad Fauzi") && change.contains("Plt."),
        "{change}"
    );
    let work = text_of(client, "#akibat-pekerjaan").await?;
    assert!(
        work.contains("Langkah alur")
            && work.contains("pindah kepada Ahmad Fauzi")
            && work.contains("PEN-18"),
        "{work}"
    );
    look(client, "perubahan-plt-pratinjau").await?;

    // Saved once: the list shows it applied.
    click_and_wait(
        client,
        "form[action='/organisasi/perubahan'] button",
        ".notice",
    )
    .await?;
    let row = text_of(client, "tr.new-change").await?;
    assert!(
        row.contains("Penunjukan Plt./Plh.") && row.contains("Berlaku"),
        "{row}"
    );
    look(client, "perubahan-daftar").await?;
    sign_out(client).await?;

    // The Plt. finds the step in their inbox and decides it.
    sign_in(client, people.pengawas.nip).await?;
    client.goto(&format!("{base}/penugasan")).await?;
    let inbox = text_of(client, "#menunggu").await?;
    assert!(inbox.contains("Pendampingan digitalisasi"), "{inbox}");
    client.goto(&format!("{base}/penugasan/{id}")).await?;
    let field = client
        .find(Locator::Css("#lanjutkan textarea[name=text]"))
        .await?;
    field.send_keys("Setuju, sebagai Plt.").await?;
    click_and_wait(client, "#lanjutkan button[type=submit]", "#alur").await?;
    let flow = text_of(client, "#alur").await?;
    assert!(flow.contains("Ahmad Fauzi"), "the Plt. decided: {flow}");
    shot(client, "perubahan-plt-langkah-diputuskan").await;
    sign_out(client).await
}
