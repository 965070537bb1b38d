//! The charts of the assessment pages, drawn as inline SVG bars (no script, no style
//! attribute: the page's CSP allows neither): the progress of a period's assessments per
//! Perangkat Daerah, and the distribution of the predikat against what the agency's curve
//! allows (KIN-02). Each chart also comes as numbers in the text beside it. The bars are
//! the shared [`crate::charts`] ones.

use sikerja_domain::performance::PerformanceRating;
use sikerja_storage::performance::{DepartmentProgress, DistributionView};

use crate::charts::{Bar, num, percent_text, stacked};

/// One Perangkat Daerah's progress: locked (finalised, acknowledged or decided), draft, not
/// opened — of the employees in scope.
pub struct ProgressBar {
    pub bar: Bar,
    pub employees: u32,
    pub not_opened: u32,
    pub draft: u32,
    pub finalised: u32,
    pub acknowledged: u32,
    pub objected: u32,
}

pub fn progress(rows: &[DepartmentProgress]) -> Vec<ProgressBar> {
    rows.iter()
        .map(|d| {
            let locked = d.employees.saturating_sub(d.not_opened + d.draft);
            let summary = format!(
                "{}: {} pegawai — {} final, {} draf, {} belum dibuka; {} diterima pegawai, {} keberatan",
                d.name, d.employees, locked, d.draft, d.not_opened, d.acknowledged, d.objected
            );
            ProgressBar {
                bar: Bar {
                    label: d.name.clone(),
                    summary,
                    segments: stacked(
                        &[
                            (locked, "seg-done", "Final"),
                            (d.draft, "seg-draft", "Draf"),
                            (d.not_opened, "seg-none", "Belum dibuka"),
                        ],
                        d.employees,
                    ),
                    marker: None,
                    flagged: false,
                },
                employees: d.employees,
                not_opened: d.not_opened,
                draft: d.draft,
                finalised: d.finalised,
                acknowledged: d.acknowledged,
                objected: d.objected,
            }
        })
        .collect()
}

/// The distribution of the year's annual predikat: one bar per predikat, then one per bound
/// of the curve with its limit marked.
pub struct DistributionChart {
    pub employees: u32,
    pub rated: u32,
    pub ratings: Vec<Bar>,
    pub bounds: Vec<Bar>,
    /// The curve's departures, in words (KIN-02).
    pub excesses: Vec<String>,
    /// "Istimewa — tolak finalisasi", or none when no curve is set.
    pub policy: Option<String>,
}

pub fn distribution(v: &DistributionView) -> DistributionChart {
    let employees = v.counts.employees;
    let count = |ratings: &[PerformanceRating]| -> u32 {
        ratings
            .iter()
            .map(|r| v.counts.rated.get(r).copied().unwrap_or(0))
            .sum()
    };
    let ratings = PerformanceRating::ALL
        .iter()
        .map(|r| {
            let n = count(&[*r]);
            Bar {
                label: r.label().to_string(),
                summary: format!(
                    "{}: {n} dari {employees} pegawai ({})",
                    r.label(),
                    percent_text(n, employees)
                ),
                segments: stacked(&[(n, "seg-rating", r.label())], employees),
                marker: None,
                flagged: false,
            }
        })
        .collect();
    let bounds = v
        .policy
        .as_ref()
        .map(|p| {
            p.bounds
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let n = count(&b.ratings);
                    let mut limits = Vec::new();
                    if let Some(min) = b.min_percent {
                        limits.push(format!("paling sedikit {min}%"));
                    }
                    if let Some(max) = b.max_percent {
                        limits.push(format!("paling banyak {max}%"));
                    }
                    if b.at_least_one {
                        limits.push("paling sedikit satu pegawai".to_string());
                    }
                    let flagged = v.excesses.iter().any(|e| e.bound == i);
                    Bar {
                        label: b.label(),
                        summary: format!(
                            "{}: {n} dari {employees} pegawai ({}); kurva: {}",
                            b.label(),
                            percent_text(n, employees),
                            limits.join(", ")
                        ),
                        segments: stacked(
                            &[(
                                n,
                                if flagged { "seg-excess" } else { "seg-rating" },
                                &b.label(),
                            )],
                            employees,
                        ),
                        marker: b
                            .max_percent
                            .or(b.min_percent)
                            .map(|p| num(f64::from(p).min(100.0))),
                        flagged,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    DistributionChart {
        employees,
        rated: v.counts.rated_total(),
        ratings,
        bounds,
        excesses: v
            .excesses
            .iter()
            .map(|e| format!("{}: {}", e.kind.label(), e.message))
            .collect(),
        policy: v.policy.as_ref().map(|p| {
            format!(
                "Predikat organisasi {} · {}",
                p.organisation_rating.label(),
                p.mode.label()
            )
        }),
    }
}
