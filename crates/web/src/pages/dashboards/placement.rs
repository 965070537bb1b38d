//! The placement dashboard (`/dasbor/kedudukan`): placed vs unresolved per Perangkat Daerah,
//! and the span of control of each official against the agency's threshold (KED-10).

use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::rules::{Citation, RuleId};
use sikerja_storage::dashboards::PlacementDashboard;

use super::{Drawn, Panel};
use crate::AppState;
use crate::charts::table::{Cell, DataTable};
use crate::charts::{LimitRow, StackedRow, bars_with_limit, stacked_bars};
use crate::error::WebError;

/// How many officials the span chart draws (largest first); the table holds all of them.
const SPAN_BARS: usize = 25;

/// KED-10 and its article.
pub(crate) const KED_10: Citation = Citation {
    rule_id: RuleId::KED_10,
    article: "Lampiran I.x.1.b",
};

pub(crate) async fn placement_numbers(
    state: &AppState,
    scope: &DashboardScope,
) -> Result<PlacementDashboard, WebError> {
    Ok(state.store.placement_dashboard(scope).await?)
}

pub(super) fn draw(d: &PlacementDashboard) -> Drawn {
    let placed: u32 = d.departments.iter().map(|r| r.placed).sum();
    let unresolved: u32 = d.departments.iter().map(|r| r.unresolved).sum();
    let rows: Vec<StackedRow<'_>> = d
        .departments
        .iter()
        .map(|r| StackedRow {
            label: r.name.clone(),
            parts: vec![
                (r.placed, "seg-done", "Ditempatkan"),
                (r.unresolved, "seg-excess", "Belum terselesaikan"),
            ],
        })
        .collect();
    let per_department = Panel {
        title: "Kedudukan per Perangkat Daerah".into(),
        citation: None,
        note: Some(format!(
            "{placed} Pejabat Fungsional dan Pelaksana ditempatkan, {unresolved} belum terselesaikan."
        )),
        chart: stacked_bars(
            "kedudukan-pd",
            "Ditempatkan dan belum terselesaikan per Perangkat Daerah",
            &rows,
        ),
        table: DataTable {
            caption: "Kedudukan per Perangkat Daerah".into(),
            columns: vec![
                "Perangkat Daerah".into(),
                "Ditempatkan".into(),
                "Belum terselesaikan".into(),
                "Jumlah".into(),
            ],
            rows: d
                .departments
                .iter()
                .map(|r| {
                    vec![
                        Cell::from(r.name.as_str()),
                        r.placed.into(),
                        r.unresolved.into(),
                        (r.placed + r.unresolved).into(),
                    ]
                })
                .collect(),
        },
    };
    let over = d.over_threshold();
    let span = Panel {
        title: "Rentang kendali per pejabat".into(),
        citation: Some(KED_10),
        note: Some(format!(
            "Ambang rentang kendali instansi: {} orang; {over} dari {} pejabat di atasnya.{}",
            d.threshold,
            d.spans.len(),
            if d.spans.len() > SPAN_BARS {
                format!(" Grafik memuat {SPAN_BARS} rentang terbesar; tabel memuat semuanya.")
            } else {
                String::new()
            }
        )),
        chart: bars_with_limit(
            "rentang",
            "Pegawai yang berkedudukan di bawah setiap pejabat terhadap ambang KED-10",
            &d.spans
                .iter()
                .take(SPAN_BARS)
                .map(|s| LimitRow {
                    label: format!("{} ({})", s.position_name, s.name),
                    value: s.placed,
                    unit: "pegawai",
                })
                .collect::<Vec<_>>(),
            d.threshold,
        ),
        table: DataTable {
            caption: "Rentang kendali per pejabat (KED-10)".into(),
            columns: vec![
                "Jabatan".into(),
                "Pejabat".into(),
                "Perangkat Daerah".into(),
                "Berkedudukan di bawahnya".into(),
                "Dinilai".into(),
                "Di atas ambang".into(),
            ],
            rows: d
                .spans
                .iter()
                .map(|s| {
                    vec![
                        Cell::from(s.position_name.as_str()),
                        s.name.as_str().into(),
                        s.department_name.as_str().into(),
                        s.placed.into(),
                        s.assessed.into(),
                        if s.placed > d.threshold {
                            "ya"
                        } else {
                            "tidak"
                        }
                        .into(),
                    ]
                })
                .collect(),
        },
    };
    Drawn {
        headline: format!(
            "{unresolved} belum terselesaikan dari {}; {over} pejabat di atas ambang rentang kendali",
            placed + unresolved
        ),
        panels: vec![per_department, span],
        period: None,
        periods: Vec::new(),
    }
}
