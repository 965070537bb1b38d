//! The assignment dashboard (`/dasbor/penugasan`): each person's team assignments against the
//! PEN-05 and PEN-06 limits (counted as the assignment check counts them, under the agency's
//! PEN-07 reading), the assignments by scope and instrument (PEN-03, PEN-12), and a timeline of
//! the assignment periods of the people of one unit (`?unit=`).

use sikerja_domain::assignment::{
    AssignmentScope, AssignmentStatus, CountWindow, Instrument, MembershipKind,
};
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::organisation::UnitId;
use sikerja_domain::rules::{Citation, RuleId};
use sikerja_storage::dashboards::{AssignmentDashboard, WorkloadRow};

use super::{Choice, Drawn, Panel};
use crate::AppState;
use crate::charts::table::{Cell, DataTable};
use crate::charts::{LimitRow, Period, StackedRow, bars_with_limit, stacked_bars, timeline};
use crate::error::WebError;

/// How many people each workload chart draws (most assignments first); the table holds all.
const WORKLOAD_BARS: usize = 25;
/// How many periods the timeline draws (earliest first); the table holds all.
const TIMELINE_BARS: usize = 40;

/// PEN-12: the instrument follows the scope.
pub(crate) const PEN_12: Citation = Citation {
    rule_id: RuleId::PEN_12,
    article: "Pasal 14",
};

/// The statuses shown, with the colour of each.
const STATUSES: [(AssignmentStatus, &str); 5] = [
    (AssignmentStatus::Draft, "seg-draft"),
    (AssignmentStatus::Requested, "seg-rating"),
    (AssignmentStatus::Active, "seg-done"),
    (AssignmentStatus::Refused, "seg-excess"),
    (AssignmentStatus::Cancelled, "seg-none"),
];

pub(crate) async fn assignment_numbers(
    state: &AppState,
    scope: &DashboardScope,
    unit: Option<UnitId>,
) -> Result<AssignmentDashboard, WebError> {
    Ok(state
        .store
        .assignment_dashboard(scope, sikerja_storage::policies::today(), unit)
        .await?)
}

/// The `unit` filter of the page: empty is none.
pub(super) fn unit_filter(raw: Option<&str>) -> Result<Option<UnitId>, WebError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<i64>()
            .map(|u| Some(UnitId(u)))
            .map_err(|_| WebError::invalid("unit_invalid", "Unit tidak dikenal.")),
    }
}

/// The dashboard with the timeline of `unit`, and the units to choose from (the page's
/// filter); a unit outside the scope is never drawn (the scope's first instead).
pub(super) async fn draw_with_units(
    state: &AppState,
    scope: &DashboardScope,
    unit: Option<UnitId>,
) -> Result<(Drawn, Vec<Choice>), WebError> {
    let d = assignment_numbers(state, scope, unit).await?;
    let choices = d
        .units
        .iter()
        .map(|u| Choice {
            id: u.id.0,
            name: u.name.clone(),
            selected: Some(u.id) == d.unit,
        })
        .collect();
    Ok((draw(&d), choices))
}

/// What the PEN-07 reading counted, in words.
pub(crate) fn counted_as(d: &AssignmentDashboard) -> String {
    match d.window {
        CountWindow::CalendarYear => format!(
            "penugasan tim yang masa berlakunya beririsan dengan tahun {}",
            d.day.year()
        ),
        CountWindow::Concurrent => {
            format!("penugasan tim yang berjalan pada {}", d.day.label())
        }
    }
}

fn workload_panel(d: &AssignmentDashboard, kind: MembershipKind) -> Panel {
    let limit = kind.limit();
    let mut rows: Vec<&WorkloadRow> = d.workload.iter().filter(|w| w.count(kind) > 0).collect();
    let at_limit = d.at_limit(kind);
    let (id, title, unit) = match kind {
        MembershipKind::OwnUnit => (
            "beban-pen05",
            "Penugasan tim di Unit Organisasi sendiri per pegawai",
            "penugasan tim",
        ),
        MembershipKind::Seconded => (
            "beban-pen06",
            "Diperbantukan ke tim Unit Organisasi/Instansi lain per pegawai",
            "kali diperbantukan",
        ),
    };
    let table = DataTable {
        caption: format!("{title} ({})", limit.citation.rule_id),
        columns: vec![
            "Pegawai".into(),
            "Jabatan".into(),
            "Unit".into(),
            "Penugasan dihitung".into(),
            "Batas".into(),
            "Mencapai batas".into(),
        ],
        rows: rows
            .iter()
            .map(|w| {
                vec![
                    Cell::from(w.name.as_str()),
                    w.position_name.as_str().into(),
                    w.unit_name.as_str().into(),
                    w.count(kind).into(),
                    (limit.times as i64).into(),
                    if w.count(kind) as usize >= limit.times {
                        "ya"
                    } else {
                        "tidak"
                    }
                    .into(),
                ]
            })
            .collect(),
    };
    rows.sort_by(|a, b| b.count(kind).cmp(&a.count(kind)).then(a.name.cmp(&b.name)));
    let chart = bars_with_limit(
        id,
        &format!(
            "Jumlah {unit} per pegawai terhadap batas {} kali ({})",
            limit.times, limit.citation.rule_id
        ),
        &rows
            .iter()
            .take(WORKLOAD_BARS)
            .map(|w| LimitRow {
                label: format!("{} ({})", w.name, w.position_name),
                value: w.count(kind),
                unit,
            })
            .collect::<Vec<_>>(),
        u32::try_from(limit.times).unwrap_or(u32::MAX),
    );
    Panel {
        title: title.into(),
        note: Some(format!(
            "Dihitung seperti pemeriksaan penugasan: {} yang tidak dibatalkan atau ditolak (PEN-07). Paling banyak {} kali, masing-masing paling lama {} bulan; {at_limit} dari {} pegawai sudah mencapai batas.{}",
            counted_as(d),
            limit.times,
            limit.months,
            rows.len(),
            if rows.len() > WORKLOAD_BARS {
                format!(
                    " Grafik memuat {WORKLOAD_BARS} pegawai dengan penugasan terbanyak; tabel memuat semuanya."
                )
            } else {
                String::new()
            }
        )),
        citation: Some(limit.citation),
        chart,
        table,
    }
}

fn scope_panel(d: &AssignmentDashboard) -> Panel {
    // One row per scope and instrument (PEN-12 ties them), a count per status.
    let mut groups: Vec<(AssignmentScope, Instrument, [u32; 5])> = Vec::new();
    for c in &d.by_scope {
        let i = STATUSES
            .iter()
            .position(|(s, _)| *s == c.status)
            .unwrap_or(0);
        match groups
            .iter_mut()
            .find(|(s, ins, _)| *s == c.scope && *ins == c.instrument)
        {
            Some((_, _, counts)) => counts[i] += c.count,
            None => {
                let mut counts = [0; 5];
                counts[i] = c.count;
                groups.push((c.scope, c.instrument, counts));
            }
        }
    }
    let total: u32 = groups.iter().flat_map(|g| g.2.iter()).sum();
    let label = |s: AssignmentScope, i: Instrument| format!("{} — {}", s.label(), i.label());
    let rows: Vec<StackedRow<'_>> = groups
        .iter()
        .map(|(s, i, counts)| StackedRow {
            label: label(*s, *i),
            parts: STATUSES
                .iter()
                .zip(counts.iter())
                .map(|((st, class), n)| (*n, *class, st.label()))
                .collect(),
        })
        .collect();
    let mut columns: Vec<String> = vec!["Lingkup dan instrumen".into()];
    columns.extend(STATUSES.iter().map(|(s, _)| s.label().to_string()));
    columns.push("Jumlah".into());
    Panel {
        title: "Penugasan menurut lingkup dan instrumen".into(),
        citation: Some(PEN_12),
        note: Some(format!(
            "{total} penugasan dalam lingkup ini (pemilik kinerja atau anggotanya di dalamnya). Lingkup diturunkan dari anggota (PEN-03); instrumennya mengikuti lingkup (PEN-12)."
        )),
        chart: stacked_bars(
            "lingkup",
            "Penugasan per lingkup dan instrumen menurut status",
            &rows,
        ),
        table: DataTable {
            caption: "Penugasan menurut lingkup, instrumen dan status".into(),
            columns,
            rows: groups
                .iter()
                .map(|(s, i, counts)| {
                    let mut row = vec![Cell::from(label(*s, *i))];
                    row.extend(counts.iter().map(|n| Cell::from(*n)));
                    row.push(counts.iter().sum::<u32>().into());
                    row
                })
                .collect(),
        },
    }
}

fn timeline_panel(d: &AssignmentDashboard) -> Panel {
    let unit_name = d
        .unit
        .and_then(|u| d.units.iter().find(|c| c.id == u))
        .map_or_else(|| "unit".to_string(), |c| c.name.clone());
    let periods: Vec<Period> = d
        .timeline
        .iter()
        .take(TIMELINE_BARS)
        .map(|p| Period {
            label: format!("{} — {}", p.name, p.title),
            from: p.from.ordinal(),
            until: p.until.ordinal(),
            words: format!(
                "{} s.d. {} ({})",
                p.from.label(),
                p.until.label(),
                p.status.label()
            ),
        })
        .collect();
    Panel {
        title: format!("Periode penugasan pegawai {unit_name}"),
        citation: None,
        note: Some(format!(
            "{} periode penugasan (yang tidak dibatalkan atau ditolak) pegawai yang jabatannya di {unit_name}; pilih unit lain dengan saringan Unit.{}",
            d.timeline.len(),
            if d.timeline.len() > TIMELINE_BARS {
                format!(
                    " Grafik memuat {TIMELINE_BARS} periode paling awal; tabel memuat semuanya."
                )
            } else {
                String::new()
            }
        )),
        chart: timeline(
            "periode",
            &format!("Periode penugasan di {unit_name}"),
            &periods,
        ),
        table: DataTable {
            caption: format!("Periode penugasan di {unit_name}"),
            columns: vec![
                "Pegawai".into(),
                "Penugasan".into(),
                "Mulai".into(),
                "Selesai".into(),
                "Status".into(),
            ],
            rows: d
                .timeline
                .iter()
                .map(|p| {
                    vec![
                        Cell::from(p.name.as_str()),
                        p.title.as_str().into(),
                        p.from.label().into(),
                        p.until.label().into(),
                        p.status.label().into(),
                    ]
                })
                .collect(),
        },
    }
}

pub(super) fn draw(d: &AssignmentDashboard) -> Drawn {
    let people = d.workload.len();
    let at_limit = d.at_limit(MembershipKind::OwnUnit) + d.at_limit(MembershipKind::Seconded);
    let total: u32 = d.by_scope.iter().map(|c| c.count).sum();
    Drawn {
        headline: format!(
            "{total} penugasan; {people} pegawai dalam penugasan tim, {at_limit} mencapai batas PEN-05/06"
        ),
        panels: vec![
            workload_panel(d, MembershipKind::OwnUnit),
            workload_panel(d, MembershipKind::Seconded),
            scope_panel(d),
            timeline_panel(d),
        ],
        period: None,
        periods: Vec::new(),
    }
}
