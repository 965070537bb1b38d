//! Performance assessment in the demo (issue 16 point 8), so that the "Penilaian" pages have
//! something to show on a first `cargo run`: for the demo's Pejabat Fungsional and Pelaksana,
//! the previous periodic period assessed by their PPK — rated, finalised, and acknowledged by
//! the JF (the Pelaksana's waits for them) — and the current period opened, a draft in
//! progress. All fictional, all through the store's own checks; a step the store refuses is
//! reported and skipped, never forced. Skipped for an employee whose assessment of the previous
//! period is already past draft.

use anyhow::Context;
use chrono::{Datelike, Utc};
use sikerja_domain::Nip;
use sikerja_domain::assignment::Day;
use sikerja_domain::performance::{
    AssessmentRating, AssessmentState, BehaviourRating, CoreValue, ExpectationLevel, PeriodKind,
    ValueRating,
};
use sikerja_storage::Store;
use sikerja_storage::performance::PeriodRef;

/// A rating the demo's PPK gives: the results at `results`, every core value "sesuai" but
/// Kolaboratif (above, with its evidence).
fn rating(results: ExpectationLevel) -> AssessmentRating {
    AssessmentRating {
        results_level: results,
        work_behaviour: BehaviourRating {
            behaviour_level: ExpectationLevel::Meets,
            values: CoreValue::ALL
                .iter()
                .map(|v| {
                    let above = *v == CoreValue::Collaborative;
                    ValueRating {
                        core_value: *v,
                        level: if above {
                            ExpectationLevel::Above
                        } else {
                            ExpectationLevel::Meets
                        },
                        evidence: if above {
                            "Aktif membantu tim lain menyiapkan data layanan (contoh fiktif)."
                                .into()
                        } else {
                            String::new()
                        },
                    }
                })
                .collect(),
        },
    }
}

/// Reports a refused demo step and goes on.
fn skipped<T>(what: &str, r: Result<T, sikerja_storage::StorageError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            println!("Penilaian demo: {what} dilewati ({e}).");
            None
        }
    }
}

/// Seeds the demo's assessments.
pub async fn seed(store: &Store) -> anyhow::Result<()> {
    let people = sikerja_demo::demo_people();
    let wita = (Utc::now() + chrono::TimeDelta::hours(8)).date_naive();
    let today = Day::new(
        u16::try_from(wita.year())?,
        u8::try_from(wita.month())?,
        u8::try_from(wita.day())?,
    )?;
    let mut seeded = 0;
    for (person, acknowledges) in [(people.functional, true), (people.pelaksana, false)] {
        let employee = store.employee_by_nip(&Nip::parse(person.nip)?).await?;
        let agency = employee.employee.agency;
        let mut periods = store
            .assessment_periods(agency, today.year().saturating_sub(1))
            .await?;
        periods.extend(store.assessment_periods(agency, today.year()).await?);
        let periodic: Vec<_> = periods
            .iter()
            .filter(|p| p.kind != PeriodKind::Year)
            .collect();
        let current = periodic
            .iter()
            .find(|p| p.covers(today))
            .map(|p| PeriodRef::of(p))
            .context("periode penilaian demo")?;
        let previous = periodic
            .iter()
            .filter(|p| p.ends < today && !p.covers(today))
            .max_by_key(|p| p.ends)
            .map(|p| PeriodRef::of(p))
            .context("periode penilaian demo sebelumnya")?;
        let Some(assessor) = store
            .placement_of(employee.employee.id)
            .await?
            .and_then(|p| p.assessor)
        else {
            continue;
        };
        let ppk = super::demo_actor(&store.employee_by_nip(&assessor.person.nip).await?);
        let me = super::demo_actor(&employee);
        // The previous period: rated, finalised and (for the JF) acknowledged.
        let Some(id) = skipped(
            "membuka penilaian periode lalu",
            store
                .open_assessment(employee.employee.id, previous, &ppk)
                .await,
        ) else {
            continue;
        };
        if store.assessment(id, &ppk).await?.state == AssessmentState::Draft {
            let feedback = "Pertahankan ketepatan laporan; tingkatkan dokumentasi hasil kerja (contoh fiktif).";
            if skipped(
                "menilai periode lalu",
                store
                    .save_rating(id, &rating(ExpectationLevel::Meets), feedback, &ppk)
                    .await,
            )
            .is_some()
                && skipped(
                    "memfinalkan periode lalu",
                    store.finalise_assessment(id, &ppk).await,
                )
                .is_some()
                && acknowledges
            {
                skipped(
                    "menerima penilaian periode lalu",
                    store.acknowledge_assessment(id, &me).await,
                );
            }
            seeded += 1;
        }
        // The current period: opened, a draft in progress.
        if let Some(id) = skipped(
            "membuka penilaian periode berjalan",
            store
                .open_assessment(employee.employee.id, current, &ppk)
                .await,
        ) && store.assessment(id, &ppk).await?.rating.is_none()
        {
            skipped(
                "menyimpan draf periode berjalan",
                store
                    .save_rating(id, &rating(ExpectationLevel::Above), "", &ppk)
                    .await,
            );
        }
    }
    if seeded > 0 {
        println!(
            "Penilaian demo: {seeded} penilaian periode lalu difinalkan dan periode berjalan dibuka."
        );
    }
    Ok(())
}
