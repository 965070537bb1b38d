//! An assignment request of the demo (issue 5), so that a first `cargo run` shows a workflow in
//! use: the Camat Martapura asks for the involvement of the Pranata Komputer Ahli Muda of
//! Diskominfostat (another Unit Organisasi: PEN-14, Gambar 1) in the digitalisation of the
//! Kecamatan's services. The request waits for her PPK, the Kepala Bidang Aplikasi
//! Informatika; after him come the Kepala Dinas, the Sekda and she herself — all demo sign-ins.
//! Skipped when the Camat already has an assignment.

use anyhow::Context;
use chrono::{Datelike, Months, NaiveDate, Utc};
use sikerja_domain::Nip;
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, Member, MemberRole};
use sikerja_domain::planning::target::Execution;
use sikerja_domain::workflow::{Involvement, LetterKind};
use sikerja_storage::{AssignmentInput, RenderLetter, RequestStart, Store};
use sikerja_web::letters::StepLetters;

use crate::config::Config;

fn day(d: NaiveDate) -> anyhow::Result<Day> {
    Ok(Day::new(
        u16::try_from(d.year())?,
        u8::try_from(d.month())?,
        u8::try_from(d.day())?,
    )?)
}

/// Seeds the demo request.
pub async fn seed(store: &Store, letters: &StepLetters) -> anyhow::Result<()> {
    let people = sikerja_demo::demo_people();
    let camat = store
        .employee_by_nip(&Nip::parse(people.camat_martapura.nip)?)
        .await?;
    let nor_aina = store
        .employee_by_nip(&Nip::parse(people.functional.nip)?)
        .await?;
    let position = camat
        .position
        .as_ref()
        .context("Camat Martapura demo tidak memegang jabatan")?;
    let actor = super::demo_actor(&camat);
    if !store.assignments_involving(&actor, 1).await?.is_empty() {
        return Ok(());
    }
    // Three months from the first day of next month (PEN-06: at most six).
    let today = (Utc::now() + chrono::TimeDelta::hours(8)).date_naive();
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .context("tanggal demo")?;
    let last = first
        .checked_add_months(Months::new(3))
        .and_then(|d| d.pred_opt())
        .context("tanggal demo")?;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Individual,
            owner_unit: position.position.unit,
            owner_agency: camat.employee.agency,
            method: AssignmentMethod::Appointment,
            members: vec![Member {
                employee: nor_aina.employee.id,
                role: MemberRole::Member,
                from: day(first)?,
                until: day(last)?,
            }],
            responsible_official: None,
            field: "Informatika".into(),
            team_lead_reason: None,
        },
        title: "Pendampingan digitalisasi layanan administrasi Kecamatan Martapura (fiktif)".into(),
        target: None,
    };
    let id = store
        .create_assignment(&input, &actor)
        .await
        .context("penugasan demo")?;
    let request = store
        .start_request(
            id,
            &RequestStart {
                text: "Mohon kesediaan melibatkan Pranata Komputer Ahli Muda.".into(),
                involvement: Involvement {
                    purpose:
                        "Mendampingi digitalisasi layanan administrasi kependudukan di kecamatan"
                            .into(),
                    competence: "Pengembangan aplikasi dan pengelolaan data layanan".into(),
                    expected_targets: "Tiga layanan kecamatan dapat diajukan secara daring".into(),
                    duration: "3 bulan".into(),
                },
            },
            &actor,
            letters,
        )
        .await
        .context("permohonan pelibatan demo")?;
    // The Camat signs and issues the request letter, so that the Kepala Bidang can answer it
    // (an unissued request is not answered: DOC-05, issue 15 point 4).
    let letter = store
        .assignment_request(request)
        .await
        .context("permohonan pelibatan demo")?
        .letters
        .into_iter()
        .find(|l| l.kind == LetterKind::InvolvementRequest)
        .context("surat permohonan pelibatan demo")?;
    store
        .issue_letter(letter.id, &actor, |facts| letters.render(facts))
        .await
        .context("menerbitkan surat permohonan pelibatan demo")?;
    println!(
        "Penugasan demo: permohonan pelibatan Camat Martapura menunggu Kepala Bidang Aplikasi Informatika."
    );
    Ok(())
}

/// The title of the demo's prepared draft.
const PREPARED_TITLE: &str = "Penyusunan katalog aplikasi perangkat daerah (fiktif)";

/// A draft the Kepala Bidang Aplikasi Informatika prepared for the Kepala Dinas (issue 14
/// point 6): an Administrator does not appoint for a Dinas (PEN-13, Lampiran II.B.1.a), so
/// the draft waits for the head of the Unit Organisasi, who may change it ("Ubah konsep") and
/// start it. Skipped when the Kepala Dinas already has it.
pub async fn seed_prepared(store: &Store) -> anyhow::Result<()> {
    let people = sikerja_demo::demo_people();
    let kabid = store
        .employee_by_nip(&Nip::parse(people.administrator.nip)?)
        .await?;
    let kadis = store
        .employee_by_nip(&Nip::parse(people.head_of_office.nip)?)
        .await?;
    let member = store
        .employee_by_nip(&Nip::parse(people.functional.nip)?)
        .await?;
    let owner = kadis
        .position
        .as_ref()
        .context("Kepala Dinas demo tidak memegang jabatan")?;
    kabid
        .position
        .as_ref()
        .context("Kepala Bidang demo tidak memegang jabatan")?;
    let head = super::demo_actor(&kadis);
    if store
        .assignments_involving(&head, 200)
        .await?
        .iter()
        .any(|l| l.title == PREPARED_TITLE)
    {
        return Ok(());
    }
    let actor = super::demo_actor(&kabid);
    // Two months from the first day of the fifth month ahead, after the Camat's request.
    let today = (Utc::now() + chrono::TimeDelta::hours(8)).date_naive();
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_add_months(Months::new(5)))
        .context("tanggal demo")?;
    let last = first
        .checked_add_months(Months::new(2))
        .and_then(|d| d.pred_opt())
        .context("tanggal demo")?;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Individual,
            owner_unit: owner.position.unit,
            owner_agency: kadis.employee.agency,
            method: AssignmentMethod::Appointment,
            members: vec![Member {
                employee: member.employee.id,
                role: MemberRole::Member,
                from: day(first)?,
                until: day(last)?,
            }],
            responsible_official: None,
            field: "Informatika".into(),
            team_lead_reason: None,
        },
        title: PREPARED_TITLE.into(),
        target: None,
    };
    store
        .prepare_assignment(&input, &actor)
        .await
        .context("rancangan penugasan demo")?;
    println!(
        "Penugasan demo: rancangan Kepala Bidang Aplikasi Informatika menunggu Kepala Dinas untuk ditetapkan."
    );
    Ok(())
}

/// The renderer of the letters the demo's workflow steps issue (issue 15 point 4): the
/// configured templates, the QR code to `public_url` when it is set, else to the local
/// address the server listens on (`Config::local_address`; the server warns at start).
pub(super) fn demo_letters(config: &Config) -> StepLetters {
    StepLetters::new(
        std::sync::Arc::new(sikerja_web::letters::Letters::new(
            sikerja_web::letters::LetterSettings {
                templates_dir: config.letter_templates.clone(),
                public_url: config.public_url.clone(),
            },
        )),
        String::new(),
        Some(config.local_address()),
    )
}
