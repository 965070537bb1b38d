//! The execution and review dashboard (`/dasbor/pelaksanaan`): reports on time vs late per
//! Perangkat Daerah (LAP-01..03), results waiting at each reviewer's post with the oldest wait
//! (MEK-05), and problems open by age (LAP-05).

use chrono::Utc;
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::rules::{Citation, RuleId};
use sikerja_storage::dashboards::ExecutionDashboard;

use super::{Drawn, Panel};
use crate::AppState;
use crate::charts::table::{Cell, DataTable};
use crate::charts::{Bar, Chart, StackedRow, stacked, stacked_bars};
use crate::error::WebError;

/// How many posts the reviewer chart draws (longest wait first); the table holds all.
const REVIEWER_BARS: usize = 25;

/// Where reports are due (LAP-02; LAP-01 and LAP-03 alike).
const LAP_02: Citation = Citation {
    rule_id: RuleId::LAP_02,
    article: "Pasal 17 ayat 1",
};

/// Results up the review chain.
const MEK_05: Citation = Citation {
    rule_id: RuleId::MEK_05,
    article: "Lampiran A.3",
};

/// Problems and constraints.
const LAP_05: Citation = Citation {
    rule_id: RuleId::LAP_05,
    article: "Lampiran III.A.2",
};

/// The rule of each panel, for the API.
pub(crate) fn execution_citations() -> [(&'static str, Citation); 3] {
    [
        ("reports", LAP_02),
        ("reviewers", MEK_05),
        ("issues", LAP_05),
    ]
}

pub(crate) async fn execution_numbers(
    state: &AppState,
    scope: &DashboardScope,
) -> Result<ExecutionDashboard, WebError> {
    Ok(state.store.execution_dashboard(scope, Utc::now()).await?)
}

fn reports_panel(d: &ExecutionDashboard) -> Panel {
    let on_time: u32 = d.reports.iter().map(|r| r.on_time).sum();
    let late: u32 = d.reports.iter().map(|r| r.late).sum();
    let overdue: u32 = d.reports.iter().map(|r| r.requests_overdue).sum();
    let rows: Vec<StackedRow<'_>> = d
        .reports
        .iter()
        .map(|r| StackedRow {
            label: r.name.clone(),
            parts: vec![
                (r.on_time, "seg-done", "Tepat waktu"),
                (r.late, "seg-excess", "Terlambat"),
                (r.requests_overdue, "seg-none", "Permintaan belum dijawab"),
            ],
        })
        .collect();
    Panel {
        title: "Ketepatan waktu laporan per Perangkat Daerah".into(),
        citation: Some(LAP_02),
        note: Some(format!(
            "{on_time} laporan disampaikan tepat waktu (paling lambat pada hari jatuh temponya), {late} terlambat; {overdue} permintaan laporan (LAP-03) melewati batas waktu tanpa jawaban. Laporan dihitung pada Perangkat Daerah pelapornya."
        )),
        chart: stacked_bars(
            "laporan-pd",
            "Laporan tepat waktu dan terlambat per Perangkat Daerah",
            &rows,
        ),
        table: DataTable {
            caption: "Ketepatan waktu laporan per Perangkat Daerah".into(),
            columns: vec![
                "Perangkat Daerah".into(),
                "Tepat waktu".into(),
                "Terlambat".into(),
                "Permintaan belum dijawab lewat batas".into(),
            ],
            rows: d
                .reports
                .iter()
                .map(|r| {
                    vec![
                        Cell::from(r.name.as_str()),
                        r.on_time.into(),
                        r.late.into(),
                        r.requests_overdue.into(),
                    ]
                })
                .collect(),
        },
    }
}

fn reviewers_panel(d: &ExecutionDashboard) -> Panel {
    let scale = d.reviewers.iter().map(|r| r.waiting).max().unwrap_or(0);
    let waiting: u32 = d.reviewers.iter().map(|r| r.waiting).sum();
    let bars = d
        .reviewers
        .iter()
        .take(REVIEWER_BARS)
        .map(|r| Bar {
            label: r.position_name.clone(),
            summary: format!(
                "{}: {} hasil menunggu, yang terlama {} hari",
                r.position_name, r.waiting, r.oldest_days
            ),
            segments: stacked(&[(r.waiting, "seg-draft", "Hasil menunggu")], scale),
            marker: None,
            flagged: false,
        })
        .collect();
    Panel {
        title: "Hasil yang menunggu reviu per peninjau".into(),
        citation: Some(MEK_05),
        note: Some(format!(
            "{waiting} hasil menunggu pada {} jabatan peninjau; menunggu dihitung sejak hasil tiba pada peninjau itu.{}",
            d.reviewers.len(),
            if d.reviewers.len() > REVIEWER_BARS {
                format!(" Grafik memuat {REVIEWER_BARS} penantian terlama; tabel memuat semuanya.")
            } else {
                String::new()
            }
        )),
        chart: Chart {
            id: "reviu".into(),
            caption:
                "Hasil yang menunggu pada setiap jabatan peninjau (penantian terlama lebih dahulu)"
                    .into(),
            legend: vec![("seg-draft", "Hasil menunggu".into())],
            bars,
        },
        table: DataTable {
            caption: "Hasil yang menunggu reviu per peninjau (MEK-05)".into(),
            columns: vec![
                "Jabatan peninjau".into(),
                "Unit".into(),
                "Perangkat Daerah".into(),
                "Hasil menunggu".into(),
                "Terlama menunggu (hari)".into(),
            ],
            rows: d
                .reviewers
                .iter()
                .map(|r| {
                    vec![
                        Cell::from(r.position_name.as_str()),
                        r.unit_name.as_str().into(),
                        r.department_name.as_str().into(),
                        r.waiting.into(),
                        r.oldest_days.into(),
                    ]
                })
                .collect(),
        },
    }
}

fn issues_panel(d: &ExecutionDashboard) -> Panel {
    let open: u32 = d.issues.iter().map(|r| r.open()).sum();
    let old: u32 = d.issues.iter().map(|r| r.over_month).sum();
    let rows: Vec<StackedRow<'_>> = d
        .issues
        .iter()
        .map(|r| StackedRow {
            label: r.name.clone(),
            parts: vec![
                (r.under_week, "seg-done", "Kurang dari 7 hari"),
                (r.week_to_month, "seg-draft", "7–30 hari"),
                (r.over_month, "seg-excess", "Lebih dari 30 hari"),
            ],
        })
        .collect();
    Panel {
        title: "Permasalahan terbuka menurut umur".into(),
        citation: Some(LAP_05),
        note: Some(format!(
            "{open} permasalahan menunggu keputusan, {old} di antaranya diajukan lebih dari 30 hari yang lalu. Permasalahan terbuka selama ada penerima yang belum memutuskan; dihitung pada Perangkat Daerah Ketua Tim yang mengajukannya."
        )),
        chart: stacked_bars(
            "permasalahan",
            "Permasalahan terbuka per Perangkat Daerah menurut umur sejak diajukan",
            &rows,
        ),
        table: DataTable {
            caption: "Permasalahan terbuka menurut umur (LAP-05)".into(),
            columns: vec![
                "Perangkat Daerah".into(),
                "Kurang dari 7 hari".into(),
                "7–30 hari".into(),
                "Lebih dari 30 hari".into(),
                "Jumlah".into(),
            ],
            rows: d
                .issues
                .iter()
                .map(|r| {
                    vec![
                        Cell::from(r.name.as_str()),
                        r.under_week.into(),
                        r.week_to_month.into(),
                        r.over_month.into(),
                        r.open().into(),
                    ]
                })
                .collect(),
        },
    }
}

pub(super) fn draw(d: &ExecutionDashboard) -> Drawn {
    let late: u32 = d.reports.iter().map(|r| r.late).sum();
    let submitted: u32 = d.reports.iter().map(|r| r.on_time + r.late).sum();
    let waiting: u32 = d.reviewers.iter().map(|r| r.waiting).sum();
    let open: u32 = d.issues.iter().map(|r| r.open()).sum();
    Drawn {
        headline: format!(
            "{late} dari {submitted} laporan terlambat; {waiting} hasil menunggu reviu; {open} permasalahan terbuka"
        ),
        panels: vec![reports_panel(d), reviewers_panel(d), issues_panel(d)],
        period: None,
        periods: Vec::new(),
    }
}
