//! Planning records of the demo (issue 4), so that a first `cargo run` shows the planning
//! pages in use: the Kepala Diskominfostat's Perjanjian Kinerja of the current year, signed by
//! them and waiting for the Bupati; two targets cascaded to the Kepala Bidang Aplikasi
//! Informatika (signed by both); one cascaded on to the Pranata Komputer Ahli Muda, who has an
//! activity plan waiting for approval, another approved (carried out in Pelaksanaan) and an
//! expectation to acknowledge. Skipped when the
//! Kepala Dinas already has an agreement for the year.

use anyhow::Context;
use sikerja_domain::Nip;
use sikerja_domain::planning::activity::Activity;
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{CheckedTarget, IndicatorKind};
use sikerja_storage::Store;
use sikerja_storage::planning::{AgreementFilter, PlanningActor};

fn target(indicator: &str, value: f64, unit: &str, budget: i64, weight: u32) -> CheckedTarget {
    CheckedTarget {
        indicator: indicator.into(),
        kind: IndicatorKind::Quantitative,
        target: value.to_string().replace('.', ","),
        target_number: Some(value),
        unit: unit.into(),
        budget,
        strategic_plan_ref: "Renstra Diskominfostat 2025–2029, Sasaran 1.1 (fiktif)".into(),
        annual_work_plan_ref: "Renja 2.16.02 Pengelolaan Aplikasi Informatika (fiktif)".into(),
        weight,
    }
}

async fn actor(store: &Store, nip: &str, name: &str) -> anyhow::Result<(PlanningActor, Post)> {
    let nip = Nip::parse(nip).map_err(|e| anyhow::anyhow!("NIP demo tidak sah: {e}"))?;
    let person = store.employee_by_nip(&nip).await?;
    let id = person.employee.id;
    let posts = store.agreement_posts(person.employee.agency, id).await?;
    let post = posts
        .own
        .first()
        .map(|p| p.post)
        .with_context(|| format!("{name} tidak memegang jabatan"))?;
    let actor = super::demo_actor(&person);
    Ok((actor, post))
}

/// Seeds the planning records of the demo for `year`.
pub async fn seed(store: &Store, year: i32) -> anyhow::Result<()> {
    let people = sikerja_demo::demo_people();
    let (kadis, kadis_post) = actor(store, people.head_of_office.nip, "Kepala Dinas").await?;
    let (kabid, kabid_post) = actor(store, people.administrator.nip, "Kepala Bidang").await?;
    let (jf, jf_post) = actor(store, people.functional.nip, "Pranata Komputer").await?;
    let existing = store
        .agreements(&AgreementFilter {
            year: Some(year),
            employee: kadis.employee,
            ..Default::default()
        })
        .await?;
    if !existing.is_empty() {
        return Ok(());
    }
    let agency = store
        .employee_by_nip(
            &Nip::parse(people.head_of_office.nip).map_err(|e| anyhow::anyhow!("{e}"))?,
        )
        .await?
        .employee
        .agency;
    let top = store
        .create_agreement(agency, kadis_post, year, &kadis)
        .await
        .context("Perjanjian Kinerja demo")?;
    let spbe = store
        .add_target(
            top,
            &target(
                "Indeks SPBE Kabupaten Banjar",
                3.5,
                "indeks",
                850_000_000,
                1,
            ),
            None,
            &kadis,
        )
        .await?;
    store
        .add_target(
            top,
            &target(
                "Persentase perangkat daerah terhubung jaringan intra pemerintah",
                90.0,
                "%",
                1_200_000_000,
                1,
            ),
            None,
            &kadis,
        )
        .await?;
    let (kabid_pk, apps) = store
        .cascade_target(
            spbe,
            kabid_post,
            &target(
                "Persentase layanan publik berbasis aplikasi terintegrasi",
                75.0,
                "%",
                450_000_000,
                3,
            ),
            &kadis,
        )
        .await?;
    store
        .cascade_target(
            spbe,
            kabid_post,
            &target(
                "Jumlah aplikasi umum berbagi pakai yang dioperasikan",
                6.0,
                "aplikasi",
                150_000_000,
                1,
            ),
            &kadis,
        )
        .await?;
    let (_, jf_target) = store
        .cascade_target(
            apps,
            jf_post,
            &target(
                "Dokumen arsitektur integrasi layanan tersusun",
                1.0,
                "dokumen",
                75_000_000,
                1,
            ),
            &kabid,
        )
        .await?;
    store.sign_agreement(kabid_pk, &kabid).await?;
    store.sign_agreement(kabid_pk, &kadis).await?;
    store.sign_agreement(top, &kadis).await?;
    store.report_target_progress(jf_target, 40.0, &jf).await?;
    let plan = store
        .draft_activity_plan(
            jf_target,
            "Penyusunan arsitektur integrasi layanan",
            &[
                Activity {
                    name: "Inventarisasi aplikasi perangkat daerah".into(),
                    output: "Daftar aplikasi dan layanan".into(),
                    month_from: 1,
                    month_to: 3,
                    budget: 25_000_000,
                },
                Activity {
                    name: "Penyusunan rancangan arsitektur".into(),
                    output: "Dokumen rancangan arsitektur".into(),
                    month_from: 4,
                    month_to: 8,
                    budget: 50_000_000,
                },
            ],
            &jf,
        )
        .await?;
    store.submit_activity_plan(plan, &jf).await?;
    // A second plan of hers, approved: it runs and has its Pelaksanaan page (MEK-04).
    let running = store
        .draft_activity_plan(
            jf_target,
            "Pendampingan integrasi aplikasi layanan",
            &[
                Activity {
                    name: "Pendampingan perangkat daerah".into(),
                    output: "Berita acara pendampingan".into(),
                    month_from: 1,
                    month_to: 12,
                    budget: 10_000_000,
                },
                Activity {
                    name: "Uji integrasi layanan".into(),
                    output: "Laporan uji integrasi".into(),
                    month_from: 6,
                    month_to: 12,
                    budget: 5_000_000,
                },
            ],
            &jf,
        )
        .await?;
    store.submit_activity_plan(running, &jf).await?;
    store.approve_activity_plan(running, &kabid).await?;
    plan_reports(store, running, year, &jf).await?;
    store
        .set_expectation(
            agency,
            jf_post,
            year,
            "Rancangan arsitektur integrasi selesai sebelum akhir Agustus dan dipresentasikan kepada seluruh bidang.",
            &kabid,
        )
        .await?;
    println!(
        "Perencanaan demo {year}: Perjanjian Kinerja Kepala Diskominfostat menunggu tanda tangan Bupati; satu rencana kegiatan menunggu persetujuan Kepala Bidang, satu disetujui dan berjalan."
    );
    Ok(())
}

/// The approved plan's monthly reports so far (LAP-01, to the head), each sent on the first day
/// after its month, so that the holder's inbox shows this month's report due rather than a
/// year of late ones.
async fn plan_reports(
    store: &Store,
    plan: i64,
    year: i32,
    jf: &PlanningActor,
) -> anyhow::Result<()> {
    use sikerja_domain::assignment::Day;
    use sikerja_domain::execution::report::{ReportDraft, ReportKind};
    use sikerja_storage::{ReportInput, WorkRef};
    let today = sikerja_storage::policies::today();
    let year = u16::try_from(year).context("tahun demo")?;
    for month in 1..=12u8 {
        let start = Day::new(year, month, 1).context("tanggal demo")?;
        let sent = start.end_of_month().add_days(1).context("tanggal demo")?;
        if sent > today {
            break;
        }
        store
            .submit_report(
                WorkRef::Plan(plan),
                &ReportInput {
                    kind: Some(ReportKind::IndividualToHead),
                    period_start: Some(start),
                    draft: ReportDraft {
                        progress: Vec::new(),
                        realisation: Vec::new(),
                        narrative: format!(
                            "Pendampingan integrasi bulan ke-{month} berjalan sesuai rencana kegiatan."
                        ),
                    },
                    ..Default::default()
                },
                jf,
                sent,
            )
            .await
            .with_context(|| format!("laporan demo rencana kegiatan bulan {month}"))?;
    }
    Ok(())
}
