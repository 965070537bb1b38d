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
use sikerja_domain::workflow::Involvement;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{AssignmentInput, AuditActor, RequestStart, Store};

fn day(d: NaiveDate) -> anyhow::Result<Day> {
    Ok(Day::new(
        u16::try_from(d.year())?,
        u8::try_from(d.month())?,
        u8::try_from(d.day())?,
    )?)
}

/// Seeds the demo request.
pub async fn seed(store: &Store) -> anyhow::Result<()> {
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
    let actor = PlanningActor {
        employee: Some(camat.employee.id),
        regional_head_of: None,
        audit: AuditActor::in_position("Camat Martapura (demo)", position.position.name.clone()),
    };
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
    store
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
        )
        .await
        .context("permohonan pelibatan demo")?;
    println!(
        "Penugasan demo: permohonan pelibatan Camat Martapura menunggu Kepala Bidang Aplikasi Informatika."
    );
    Ok(())
}
