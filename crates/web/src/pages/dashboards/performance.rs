//! The performance dashboard (`kinerja`): a period's assessments per Perangkat Daerah (KIN-01)
//! and the period's predikat against the agency's curve for the year (KIN-02). The period is
//! the filter `periode` (`2026-q4`, `2026-y`); none: the period due now, as on
//! `/admin/penilaian`.

use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::performance::PeriodKind;
use sikerja_domain::rules::{Citation, RuleId};
use sikerja_storage::dashboards::PerformanceDashboard;
use sikerja_storage::performance::PeriodRef;

use super::{Drawn, Panel, PeriodChoice};
use crate::AppState;
use crate::charts::table::{Cell, DataTable};
use crate::charts::{Chart, StackedRow, percent_text, stacked_bars};
use crate::error::WebError;
use crate::pages::execution::today;
use crate::pages::performance::charts::distribution;
use crate::pages::performance::{due_period, period_of};

/// KIN-01: the assessment of JF and Pelaksana in periods.
pub(crate) const KIN_01: Citation = Citation {
    rule_id: RuleId::KIN_01,
    article: "Pasal 18 ayat (1)",
};

/// KIN-02: the predikat and the distribution curve.
pub(crate) const KIN_02: Citation = Citation {
    rule_id: RuleId::KIN_02,
    article: "Pasal 18 ayat (2)",
};

/// The numbers of `scope` for the period `code` (none: the period due now), with the
/// periods of last year and this one (the filter's choices, newest first).
pub(crate) async fn performance_numbers(
    state: &AppState,
    scope: &DashboardScope,
    code: Option<&str>,
) -> Result<(PerformanceDashboard, Vec<PeriodChoice>), WebError> {
    let day = today()?;
    let mut periods = Vec::new();
    for year in [day.year().saturating_sub(1), day.year()] {
        periods.extend(state.store.assessment_periods(scope.agency(), year).await?);
    }
    let period = match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => period_of(c)?,
        None => due_period(&periods, day)
            .ok_or_else(|| WebError::invalid("period_invalid", "Belum ada periode penilaian."))?,
    };
    let mut choices: Vec<PeriodChoice> = periods
        .iter()
        .rev()
        .map(|p| {
            let r = PeriodRef::of(p);
            PeriodChoice {
                code: r.code(),
                label: r.label(),
                selected: r == period,
            }
        })
        .collect();
    if !choices.iter().any(|c| c.selected) {
        choices.insert(
            0,
            PeriodChoice {
                code: period.code(),
                label: period.label(),
                selected: true,
            },
        );
    }
    let numbers = state.store.performance_dashboard(scope, period).await?;
    Ok((numbers, choices))
}

pub(super) fn draw(
    d: &PerformanceDashboard,
    scope: &DashboardScope,
    periods: Vec<PeriodChoice>,
) -> Drawn {
    let label = d.period.label();
    let employees: u32 = d.departments.iter().map(|r| r.employees).sum();
    let done: u32 = d.departments.iter().map(|r| r.done()).sum();
    let rows: Vec<StackedRow<'_>> = d
        .departments
        .iter()
        .map(|r| StackedRow {
            label: r.name.clone(),
            parts: vec![
                (r.acknowledged, "seg-done", "Diterima pegawai"),
                (r.finalised, "seg-rating", "Final"),
                (r.draft, "seg-draft", "Draf"),
                (r.not_opened, "seg-none", "Belum dibuka"),
            ],
        })
        .collect();
    let progress = Panel {
        title: format!("Penilaian {label} per Perangkat Daerah"),
        citation: Some(KIN_01),
        note: Some(format!(
            "{done} dari {employees} Pejabat Fungsional dan Pelaksana dalam lingkup sudah dinilai final ({}). Final: terkunci, termasuk yang diajukan keberatan atau keberatannya diputus.",
            percent_text(done, employees)
        )),
        chart: stacked_bars(
            "kinerja-pd",
            &format!(
                "Penilaian {label}: diterima pegawai, final, draf dan belum dibuka per Perangkat Daerah"
            ),
            &rows,
        ),
        table: DataTable {
            caption: format!("Penilaian {label} per Perangkat Daerah"),
            columns: vec![
                "Perangkat Daerah".into(),
                "Pegawai".into(),
                "Diterima pegawai".into(),
                "Final".into(),
                "Draf".into(),
                "Belum dibuka".into(),
                "Selesai (%)".into(),
            ],
            rows: d
                .departments
                .iter()
                .map(|r| {
                    vec![
                        Cell::from(r.name.as_str()),
                        r.employees.into(),
                        r.acknowledged.into(),
                        r.finalised.into(),
                        r.draft.into(),
                        r.not_opened.into(),
                        percent_text(r.done(), r.employees).into(),
                    ]
                })
                .collect(),
        },
    };

    let v = &d.distribution;
    let chart = distribution(v);
    let annual = d.period.kind == PeriodKind::Year;
    let mut note = vec![format!(
        "{} dari {} pegawai dalam lingkup berpredikat untuk {label}.",
        chart.rated, chart.employees
    )];
    match &chart.policy {
        Some(p) => note.push(format!("Kurva {}: {p}.", v.year)),
        None => note.push(format!("Kurva distribusi {} belum ditetapkan.", v.year)),
    }
    if !annual {
        note.push(
            "Kurva membatasi predikat tahunan; untuk periode ini ditampilkan sebagai pembanding."
                .into(),
        );
    } else if matches!(scope, DashboardScope::Within { .. }) {
        note.push(
            "Kurva berlaku untuk seluruh instansi; dalam lingkup ini sebagai pembanding.".into(),
        );
    }
    note.extend(chart.excesses.iter().cloned());
    let mut table_rows: Vec<Vec<Cell>> = Vec::new();
    for r in sikerja_domain::performance::PerformanceRating::ALL {
        let n = v.counts.rated.get(r).copied().unwrap_or(0);
        table_rows.push(vec![
            Cell::from(r.label()),
            n.into(),
            percent_text(n, v.counts.employees).into(),
            "".into(),
            "".into(),
        ]);
    }
    if let Some(p) = &v.policy {
        for (i, b) in p.bounds.iter().enumerate() {
            let n: u32 = b
                .ratings
                .iter()
                .map(|r| v.counts.rated.get(r).copied().unwrap_or(0))
                .sum();
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
            table_rows.push(vec![
                Cell::from(format!("Kurva: {}", b.label())),
                n.into(),
                percent_text(n, v.counts.employees).into(),
                limits.join(", ").into(),
                if v.excesses.iter().any(|e| e.bound == i) {
                    "ya"
                } else {
                    "tidak"
                }
                .into(),
            ]);
        }
    }
    let excesses = v.excesses.len();
    let mut legend = vec![("seg-rating", "Jumlah pegawai".to_string())];
    if !chart.bounds.is_empty() {
        legend.push(("seg-excess", "Menyimpang dari kurva".to_string()));
        legend.push(("seg-limit", "Batas kurva".to_string()));
    }
    let curve = Panel {
        title: format!("Sebaran predikat {label} terhadap kurva"),
        citation: Some(KIN_02),
        note: Some(note.join(" ")),
        chart: Chart {
            id: "predikat".into(),
            caption: format!(
                "Predikat kinerja {label} dalam persen pegawai dalam lingkup, lalu setiap batas kurva {}",
                v.year
            ),
            legend,
            bars: chart.ratings.into_iter().chain(chart.bounds).collect(),
        },
        table: DataTable {
            caption: format!("Sebaran predikat {label} (KIN-02)"),
            columns: vec![
                "Predikat / batas kurva".into(),
                "Pegawai".into(),
                "% dari pegawai dalam lingkup".into(),
                "Batas kurva".into(),
                "Menyimpang".into(),
            ],
            rows: table_rows,
        },
    };
    Drawn {
        headline: format!(
            "{done} dari {employees} penilaian {label} final{}",
            if annual {
                format!("; {excesses} penyimpangan kurva")
            } else {
                String::new()
            }
        ),
        panels: vec![progress, curve],
        period: Some(d.period.code()),
        periods,
    }
}
