//! The activity of a generated agency (`sikerja bench generate`), so that the dashboards
//! aggregate real rows: every decision through storage's public functions (one transaction
//! with its audit row each, as people make them), deterministic from the agency's seed.
//!
//! In proportion to the agency's size, somewhat above the demo's: planning (issue 4) — in one
//! Perangkat Daerah per thousand employees (spread over the agency) the head's Perjanjian
//! Kinerja with two targets, one cascaded to each Administrator under them (up to four); most
//! agreements signed, most cascaded ones countersigned, progress (realisation) reported on most
//! cascaded targets; and performance assessment (issue 16) — one JF or Pelaksana in 400
//! assessed for the previous period by their PPK, finalised, most acknowledged. Assignments with their
//! workflows, reports, results and problems are not generated yet (docs/benchmarks.md,
//! "Generated agencies").

use std::collections::HashMap;

use anyhow::Context;
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::org::PositionClass;
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::planning::target::{CheckedTarget, IndicatorKind};
use sikerja_storage::Store;
use sikerja_storage::planning::PlanningActor;

/// A splitmix64 sequence: the same seed, the same activity.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn target(indicator: String, value: f64, unit: &str, budget: i64) -> CheckedTarget {
    CheckedTarget {
        indicator,
        kind: IndicatorKind::Quantitative,
        target: value.to_string().replace('.', ","),
        target_number: Some(value),
        unit: unit.into(),
        budget,
        strategic_plan_ref: "Renstra 2025–2029 (fiktif)".into(),
        annual_work_plan_ref: "Renja tahun berjalan (fiktif)".into(),
        weight: 1,
    }
}

/// What was generated, for the progress line.
#[derive(Debug, Default)]
pub struct ActivitySummary {
    pub agreements: usize,
    pub signed: usize,
    pub targets: usize,
    pub realisations: usize,
    pub assessments: usize,
}

impl std::fmt::Display for ActivitySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} perjanjian kinerja, {} ditandatangani, {} sasaran, {} realisasi, {} penilaian",
            self.agreements, self.signed, self.targets, self.realisations, self.assessments
        )
    }
}

/// The heads of a department: the head of its root unit and the heads (Administrator) of the
/// units right under it, by NIP.
struct DepartmentHeads {
    head: String,
    administrators: Vec<String>,
}

fn department_heads(bundle: &AgencyBundle) -> Vec<DepartmentHeads> {
    let holder: HashMap<&str, &str> = bundle
        .employees
        .iter()
        .filter_map(|e| Some((e.position_code.as_deref()?, e.nip.as_str())))
        .collect();
    let head_of: HashMap<&str, &sikerja_domain::bundle::PositionRecord> = bundle
        .positions
        .iter()
        .filter(|p| p.is_head)
        .map(|p| (p.unit_code.as_str(), p))
        .collect();
    let held = |unit: &str| -> Option<(&str, PositionClass)> {
        let p = head_of.get(unit)?;
        Some((*holder.get(p.code.as_str())?, p.class))
    };
    let mut out = Vec::new();
    for root in bundle.units.iter().filter(|u| u.parent_code.is_none()) {
        let Some((head, _)) = held(&root.code) else {
            continue;
        };
        let administrators = bundle
            .units
            .iter()
            .filter(|u| u.parent_code.as_deref() == Some(root.code.as_str()))
            .filter_map(|u| held(&u.code))
            .filter(|(_, class)| *class == PositionClass::Administrator)
            .map(|(nip, _)| nip.to_string())
            .take(4)
            .collect();
        out.push(DepartmentHeads {
            head: head.to_string(),
            administrators,
        });
    }
    out
}

async fn actor(
    store: &Store,
    agency: AgencyId,
    nip: &str,
) -> anyhow::Result<Option<(PlanningActor, sikerja_domain::planning::structure::Post)>> {
    let nip = sikerja_domain::Nip::parse(nip).map_err(|e| anyhow::anyhow!("NIP: {e}"))?;
    let person = store.employee_by_nip(&nip).await?;
    let posts = store.agreement_posts(agency, person.employee.id).await?;
    Ok(posts
        .own
        .first()
        .map(|p| (super::demo_actor(&person), p.post)))
}

/// Seeds the activity of the generated `agency` built from `bundle`.
pub async fn seed(
    store: &Store,
    agency: AgencyId,
    bundle: &AgencyBundle,
    seed: u64,
) -> anyhow::Result<ActivitySummary> {
    let mut rng = Rng(seed ^ 0xA5A5_5A5A_0F0F_F0F0);
    let year = super::accounts::this_year();
    let mut s = ActivitySummary::default();
    // About one chain per thousand employees (the demo has one for its ~2,000): every decision
    // below loads and checks the agency as a person's request would, so it costs what a click
    // costs on an agency of this size.
    let heads = department_heads(bundle);
    let chains = (bundle.employees.len() / 1_000).clamp(1, heads.len().max(1));
    let every = (heads.len() / chains).max(1);
    for (n, dept) in heads.into_iter().enumerate().step_by(every).take(chains) {
        let Some((head, head_post)) = actor(store, agency, &dept.head).await? else {
            continue;
        };
        let top = store
            .create_agreement(agency, head_post, year, &head)
            .await
            .with_context(|| format!("perjanjian kinerja perangkat daerah ke-{}", n + 1))?;
        s.agreements += 1;
        let main = store
            .add_target(
                top,
                &target(
                    format!(
                        "Indeks kepuasan layanan perangkat daerah {} (fiktif)",
                        n + 1
                    ),
                    80.0 + rng.below(15) as f64,
                    "indeks",
                    500_000_000 + rng.below(1_000) as i64 * 1_000_000,
                ),
                None,
                &head,
            )
            .await?;
        store
            .add_target(
                top,
                &target(
                    "Persentase program tepat waktu (fiktif)".into(),
                    90.0,
                    "%",
                    200_000_000,
                ),
                None,
                &head,
            )
            .await?;
        s.targets += 2;
        for (i, nip) in dept.administrators.iter().enumerate() {
            let Some((admin, admin_post)) = actor(store, agency, nip).await? else {
                continue;
            };
            let (pk, t) = store
                .cascade_target(
                    main,
                    admin_post,
                    &target(
                        format!(
                            "Persentase kegiatan bidang ke-{} terlaksana (fiktif)",
                            i + 1
                        ),
                        100.0,
                        "%",
                        50_000_000 + rng.below(200) as i64 * 1_000_000,
                    ),
                    &head,
                )
                .await?;
            s.agreements += 1;
            s.targets += 1;
            if rng.chance(85) {
                store.sign_agreement(pk, &admin).await?;
                if rng.chance(80) {
                    store.sign_agreement(pk, &head).await?;
                    s.signed += 1;
                }
            }
            if rng.chance(75) {
                store
                    .report_target_progress(t, rng.below(101) as f64, &admin)
                    .await?;
                s.realisations += 1;
            }
        }
        if rng.chance(70) {
            store.sign_agreement(top, &head).await?;
            s.signed += 1;
        }
    }
    s.assessments = assessments(store, agency, bundle, &mut rng).await?;
    Ok(s)
}

/// One JF or Pelaksana in 400 (the demo assesses two of its ~2,000; at least one per agency): the previous period assessed by their PPK — rated, finalised, most acknowledged —
/// as `demo_performance` does for the demo's two. A step the store refuses is skipped.
async fn assessments(
    store: &Store,
    agency: AgencyId,
    bundle: &AgencyBundle,
    rng: &mut Rng,
) -> anyhow::Result<usize> {
    use sikerja_domain::performance::{
        AssessmentRating, BehaviourRating, CoreValue, ExpectationLevel, PeriodKind, ValueRating,
    };
    use sikerja_storage::performance::PeriodRef;
    let today = sikerja_storage::policies::today();
    let mut periods = store
        .assessment_periods(agency, today.year().saturating_sub(1))
        .await?;
    periods.extend(store.assessment_periods(agency, today.year()).await?);
    let Some(previous) = periods
        .iter()
        .filter(|p| p.kind != PeriodKind::Year && p.ends < today && !p.covers(today))
        .max_by_key(|p| p.ends)
        .map(PeriodRef::of)
    else {
        return Ok(0);
    };
    let staff: Vec<&str> = bundle
        .employees
        .iter()
        .filter(|e| {
            e.position_code.as_deref().is_some_and(|code| {
                bundle.positions.iter().any(|p| {
                    p.code == code
                        && matches!(
                            p.class,
                            PositionClass::Fungsional | PositionClass::Pelaksana
                        )
                })
            })
        })
        .map(|e| e.nip.as_str())
        .collect();
    let levels = [
        ExpectationLevel::Meets,
        ExpectationLevel::Meets,
        ExpectationLevel::Meets,
        ExpectationLevel::Above,
        ExpectationLevel::Below,
    ];
    let mut done = 0;
    for nip in staff.iter().step_by(400) {
        let nip = sikerja_domain::Nip::parse(nip).map_err(|e| anyhow::anyhow!("NIP: {e}"))?;
        let person = store.employee_by_nip(&nip).await?;
        let Some(assessor) = store
            .placement_of(person.employee.id)
            .await?
            .and_then(|p| p.assessor)
        else {
            continue;
        };
        let ppk = super::demo_actor(&store.employee_by_nip(&assessor.person.nip).await?);
        let Ok(id) = store
            .open_assessment(person.employee.id, previous, &ppk)
            .await
        else {
            continue;
        };
        let level = levels[rng.below(levels.len() as u64) as usize];
        let rating = AssessmentRating {
            results_level: level,
            work_behaviour: BehaviourRating {
                behaviour_level: ExpectationLevel::Meets,
                values: CoreValue::ALL
                    .iter()
                    .map(|v| ValueRating {
                        core_value: *v,
                        level: ExpectationLevel::Meets,
                        evidence: String::new(),
                    })
                    .collect(),
            },
        };
        let feedback = "Pertahankan capaian; lengkapi dokumentasi hasil kerja (fiktif).";
        if store.save_rating(id, &rating, feedback, &ppk).await.is_ok()
            && store.finalise_assessment(id, &ppk).await.is_ok()
        {
            done += 1;
            if rng.chance(70) {
                let _ = store
                    .acknowledge_assessment(id, &super::demo_actor(&person))
                    .await;
            }
        }
    }
    Ok(done)
}
