//! The planning dashboard (`perencanaan`): the year's Perjanjian Kinerja per Perangkat Daerah
//! by signature, with the post holders who have none (MEK-02; the setter from STR-01..05), and
//! the realisation of the leaf targets by accepted results (MEK-05). The year is the filter
//! `periode` (`2026`); none: this year.

use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::rules::{Citation, RuleId};
use sikerja_storage::dashboards::PlanningDashboard;

use super::{Drawn, Panel, PeriodChoice};
use crate::AppState;
use crate::charts::table::{Cell, DataTable};
use crate::charts::{StackedRow, percent_text, stacked_bars};
use crate::error::WebError;
use crate::pages::execution::today;

/// MEK-02: every post holder's Perjanjian Kinerja, set by the post STR-01..05 name.
pub(crate) const MEK_02: Citation = Citation {
    rule_id: RuleId::MEK_02,
    article: "Lampiran I.x.3.a",
};

/// MEK-05: accepted results realise the targets.
pub(crate) const MEK_05: Citation = Citation {
    rule_id: RuleId::MEK_05,
    article: "Lampiran A.3",
};

fn year_of(code: &str) -> Result<u16, WebError> {
    let c = code.trim();
    c.parse::<u16>()
        .ok()
        .filter(|y| c.len() == 4 && (2000..=2999).contains(y))
        .ok_or_else(|| {
            WebError::invalid(
                "year_invalid",
                "Tahun perencanaan tidak dikenal: tulis seperti 2026.",
            )
        })
}

/// The numbers of `scope` for the year `code` (none: this year), with the years offered
/// (next year, this year, the two before).
pub(crate) async fn planning_numbers(
    state: &AppState,
    scope: &DashboardScope,
    code: Option<&str>,
) -> Result<(PlanningDashboard, Vec<PeriodChoice>), WebError> {
    let this = today()?.year();
    let year = match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => year_of(c)?,
        None => this,
    };
    let mut years: Vec<u16> = (this.saturating_sub(2)..=this.saturating_add(1))
        .rev()
        .collect();
    if !years.contains(&year) {
        years.insert(0, year);
    }
    let choices = years
        .into_iter()
        .map(|y| PeriodChoice {
            code: y.to_string(),
            label: format!("Tahun {y}"),
            selected: y == year,
        })
        .collect();
    Ok((state.store.planning_dashboard(scope, year).await?, choices))
}

/// A mean percentage as people read it: one decimal.
fn percent(x: f64) -> String {
    format!("{x:.1}%").replace('.', ",")
}

pub(super) fn draw(d: &PlanningDashboard, periods: Vec<PeriodChoice>) -> Drawn {
    let year = d.year;
    let holders: u32 = d
        .agreements
        .iter()
        .map(|r| r.agreements() + r.missing)
        .sum();
    let countersigned: u32 = d.agreements.iter().map(|r| r.countersigned).sum();
    let rows: Vec<StackedRow<'_>> = d
        .agreements
        .iter()
        .map(|r| StackedRow {
            label: r.name.clone(),
            parts: vec![
                (r.countersigned, "seg-done", "Ditandatangani kedua pihak"),
                (r.signed_once, "seg-rating", "Ditandatangani satu pihak"),
                (r.unsigned, "seg-draft", "Konsep belum ditandatangani"),
                (r.missing, "seg-none", "Belum dibuat"),
            ],
        })
        .collect();
    let agreements = Panel {
        title: format!("Perjanjian Kinerja {year} per Perangkat Daerah"),
        citation: Some(MEK_02),
        note: Some(format!(
            "{countersigned} dari {holders} Perjanjian Kinerja (yang dibuat, ditambah pemangku jabatan yang belum memilikinya) sudah ditandatangani kedua pihak ({}). Pihak kedua (penetap) mengikuti struktur penugasan STR-01–STR-05; \"belum dibuat\": pemangku jabatan definitif yang belum memiliki Perjanjian Kinerja {year} untuk jabatannya.",
            percent_text(countersigned, holders)
        )),
        chart: stacked_bars(
            "perjanjian-pd",
            &format!(
                "Perjanjian Kinerja {year}: ditandatangani kedua pihak, satu pihak, konsep dan belum dibuat per Perangkat Daerah"
            ),
            &rows,
        ),
        table: DataTable {
            caption: format!("Perjanjian Kinerja {year} per Perangkat Daerah"),
            columns: vec![
                "Perangkat Daerah".into(),
                "Ditandatangani kedua pihak".into(),
                "Ditandatangani satu pihak".into(),
                "Konsep".into(),
                "Belum dibuat".into(),
                "Jumlah".into(),
            ],
            rows: d
                .agreements
                .iter()
                .map(|r| {
                    vec![
                        Cell::from(r.name.as_str()),
                        r.countersigned.into(),
                        r.signed_once.into(),
                        r.unsigned.into(),
                        r.missing.into(),
                        (r.agreements() + r.missing).into(),
                    ]
                })
                .collect(),
        },
    };

    let targets: u32 = d.realisation.iter().map(|r| r.targets).sum();
    let realised: u32 = d.realisation.iter().map(|r| r.realised).sum();
    let mean = if targets == 0 {
        0.0
    } else {
        d.realisation
            .iter()
            .map(|r| r.mean_percent * f64::from(r.targets))
            .sum::<f64>()
            / f64::from(targets)
    };
    let rows: Vec<StackedRow<'_>> = d
        .realisation
        .iter()
        .map(|r| StackedRow {
            label: format!("{} (rata-rata {})", r.name, percent(r.mean_percent)),
            parts: vec![
                (r.realised, "seg-done", "Terealisasi 100%"),
                (r.partly, "seg-rating", "Terealisasi sebagian"),
                (r.unrealised, "seg-none", "Belum terealisasi"),
            ],
        })
        .collect();
    let realisation = Panel {
        title: format!("Realisasi target {year} per Perangkat Daerah"),
        citation: Some(MEK_05),
        note: Some(format!(
            "{realised} dari {targets} target terealisasi penuh; rata-rata realisasi {}. Realisasi sebuah target: persentase terakhir yang dicatat ketika hasil kerja yang terkait diterima (MEK-05); target tanpa hasil diterima dihitung 0%. Dihitung atas target terbawah (yang tidak dibagi lagi) dari semua Perjanjian Kinerja {year}, tanpa bobot.",
            percent(mean)
        )),
        chart: stacked_bars(
            "realisasi-pd",
            &format!("Target {year} menurut realisasi per Perangkat Daerah"),
            &rows,
        ),
        table: DataTable {
            caption: format!("Realisasi target {year} per Perangkat Daerah"),
            columns: vec![
                "Perangkat Daerah".into(),
                "Target".into(),
                "Terealisasi 100%".into(),
                "Terealisasi sebagian".into(),
                "Belum terealisasi".into(),
                "Rata-rata realisasi".into(),
            ],
            rows: d
                .realisation
                .iter()
                .map(|r| {
                    vec![
                        Cell::from(r.name.as_str()),
                        r.targets.into(),
                        r.realised.into(),
                        r.partly.into(),
                        r.unrealised.into(),
                        percent(r.mean_percent).into(),
                    ]
                })
                .collect(),
        },
    };
    Drawn {
        headline: format!(
            "{countersigned} dari {holders} Perjanjian Kinerja {year} ditandatangani kedua pihak; rata-rata realisasi target {}",
            percent(mean)
        ),
        panels: vec![agreements, realisation],
        period: Some(year.to_string()),
        periods,
    }
}
