//! The charts of the assessment pages, drawn as inline SVG bars (no script, no style
//! attribute: the page's CSP allows neither): the progress of a period's assessments per
//! Perangkat Daerah, and the distribution of the predikat against what the agency's curve
//! allows (KIN-02). Each chart also comes as numbers in the text beside it.

use sikerja_domain::performance::PerformanceRating;
use sikerja_storage::performance::{DepartmentProgress, DistributionView};

/// One segment of a stacked bar, in percent of the bar (SVG user units of a 100-wide box).
pub struct Segment {
    pub x: String,
    pub width: String,
    pub class: &'static str,
    pub label: String,
}

/// A horizontal bar: its segments, and a marker (a limit) where one applies.
pub struct Bar {
    pub label: String,
    /// What the bar says in words (also its accessible name).
    pub summary: String,
    pub segments: Vec<Segment>,
    /// Where the limit is, in percent of the bar.
    pub marker: Option<String>,
    /// The bar departs from its limit.
    pub flagged: bool,
}

fn share(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (f64::from(part) * 100.0 / f64::from(whole)).clamp(0.0, 100.0)
    }
}

fn num(v: f64) -> String {
    format!("{v:.2}")
}

fn percent_text(part: u32, whole: u32) -> String {
    format!("{}%", share(part, whole).round())
}

/// Stacks `parts` (count, class, label) left to right over `whole`.
fn stacked(parts: &[(u32, &'static str, &str)], whole: u32) -> Vec<Segment> {
    let mut x = 0.0;
    let mut out = Vec::new();
    for (count, class, label) in parts {
        if *count == 0 {
            continue;
        }
        let w = share(*count, whole).min(100.0 - x);
        out.push(Segment {
            x: num(x),
            width: num(w),
            class,
            label: format!("{label}: {count}"),
        });
        x += w;
    }
    out
}

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
