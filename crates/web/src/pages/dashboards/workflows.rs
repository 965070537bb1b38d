//! The workflow dashboard (`/dasbor/alur`): how long the steps of the approval workflows
//! (PEN-13..17) waited per step and per lane holder (median, p90), the steps waiting now and
//! those past the agency's escalation time, and the nudges, reminders and escalations
//! recorded. Every step is recorded with when it was opened and taken (PEN-18).

use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::rules::{Citation, RuleId};
use sikerja_domain::workflow::ReminderKind;
use sikerja_storage::dashboards::{WaitRow, WorkflowDashboard};

use super::{Drawn, Panel};
use crate::AppState;
use crate::charts::table::{Cell, DataTable};
use crate::charts::{LimitRow, StackedRow, bars_with_limit, stacked_bars};
use crate::error::WebError;

/// How many holders the chart draws (longest median first); the table holds all.
const HOLDER_BARS: usize = 25;

/// PEN-18: each step recorded, taken once by the holder of its position.
pub(crate) const PEN_18: Citation = Citation {
    rule_id: RuleId::PEN_18,
    article: "Lampiran II.B",
};

pub(crate) async fn workflow_numbers(
    state: &AppState,
    scope: &DashboardScope,
) -> Result<WorkflowDashboard, WebError> {
    Ok(state
        .store
        .workflow_dashboard(scope, chrono::Utc::now())
        .await?)
}

/// A waiting time in words: "2 hari 3 jam", "45 menit", "kurang dari 1 menit".
pub(crate) fn duration_words(secs: i64) -> String {
    let secs = secs.max(0);
    let (days, hours, minutes) = (secs / 86_400, secs % 86_400 / 3_600, secs % 3_600 / 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} hari"));
    }
    if hours > 0 {
        parts.push(format!("{hours} jam"));
    }
    if minutes > 0 && days == 0 {
        parts.push(format!("{minutes} menit"));
    }
    if parts.is_empty() {
        "kurang dari 1 menit".to_string()
    } else {
        parts.join(" ")
    }
}

/// Whole hours, rounded (the charts' scale).
fn hours(secs: i64) -> u32 {
    u32::try_from((secs.max(0) + 1_800) / 3_600).unwrap_or(u32::MAX)
}

fn step_name(r: &WaitRow) -> String {
    match r.workflow {
        Some(w) => format!("{} — {}", w.definition().title, r.label),
        None => r.label.clone(),
    }
}

/// Median waiting times against the escalation time (the limit line); without one (0), plain
/// bars.
fn waiting_chart(
    id: &str,
    caption: &str,
    rows: &[(String, i64)],
    limit_hours: i32,
) -> crate::charts::Chart {
    if limit_hours > 0 {
        bars_with_limit(
            id,
            caption,
            &rows
                .iter()
                .map(|(label, secs)| LimitRow {
                    label: label.clone(),
                    value: hours(*secs),
                    unit: "jam (median)",
                })
                .collect::<Vec<_>>(),
            u32::try_from(limit_hours).unwrap_or(u32::MAX),
        )
    } else {
        let rows: Vec<StackedRow<'_>> = rows
            .iter()
            .map(|(label, secs)| StackedRow {
                label: label.clone(),
                parts: vec![(hours(*secs), "seg-rating", "Jam (median)")],
            })
            .collect();
        stacked_bars(id, caption, &rows)
    }
}

fn wait_table(
    caption: &str,
    first: &str,
    rows: &[WaitRow],
    name: impl Fn(&WaitRow) -> String,
) -> DataTable {
    DataTable {
        caption: caption.into(),
        columns: vec![
            first.into(),
            "Langkah diambil".into(),
            "Median".into(),
            "P90".into(),
            "Median (detik)".into(),
            "P90 (detik)".into(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::from(name(r)),
                    r.taken.into(),
                    duration_words(r.median).into(),
                    duration_words(r.p90).into(),
                    r.median.into(),
                    r.p90.into(),
                ]
            })
            .collect(),
    }
}

fn due_words(d: &WorkflowDashboard) -> String {
    if d.escalation_hours > 0 {
        format!(
            "Batas waktu instansi: {} jam; langkah yang menunggu lebih lama dieskalasikan kepada atasan pemegangnya.",
            d.escalation_hours
        )
    } else {
        "Eskalasi dimatikan oleh instansi: tidak ada batas waktu langkah.".to_string()
    }
}

pub(super) fn draw(d: &WorkflowDashboard) -> Drawn {
    let taken: u32 = d.steps.iter().map(|r| r.taken).sum();
    let per_step = Panel {
        title: "Lama menunggu per langkah alur".into(),
        citation: Some(PEN_18),
        note: Some(format!(
            "{taken} langkah diambil; lama menunggu dihitung dari langkah dibuka sampai diambil (median dan persentil ke-90). {}",
            due_words(d)
        )),
        chart: waiting_chart(
            "tunggu-langkah",
            "Median lama menunggu per langkah (jam) terhadap batas waktu eskalasi",
            &d.steps
                .iter()
                .map(|r| (step_name(r), r.median))
                .collect::<Vec<_>>(),
            d.escalation_hours,
        ),
        table: wait_table(
            "Lama menunggu per langkah alur",
            "Alur dan langkah",
            &d.steps,
            step_name,
        ),
    };
    let per_holder = Panel {
        title: "Lama menunggu per pemegang langkah".into(),
        citation: Some(PEN_18),
        note: Some(format!(
            "{} pemegang langkah (jabatan, Bupati, atau pegawai yang menerima), median terlama lebih dahulu.{}",
            d.holders.len(),
            if d.holders.len() > HOLDER_BARS {
                format!(
                    " Grafik memuat {HOLDER_BARS} pemegang dengan median terlama; tabel memuat semuanya."
                )
            } else {
                String::new()
            }
        )),
        chart: waiting_chart(
            "tunggu-pemegang",
            "Median lama menunggu per pemegang langkah (jam) terhadap batas waktu eskalasi",
            &d.holders
                .iter()
                .take(HOLDER_BARS)
                .map(|r| (r.label.clone(), r.median))
                .collect::<Vec<_>>(),
            d.escalation_hours,
        ),
        table: wait_table(
            "Lama menunggu per pemegang langkah",
            "Pemegang langkah",
            &d.holders,
            |r| r.label.clone(),
        ),
    };
    let overdue = d.overdue();
    let waiting: u32 = d.open.iter().map(|r| r.open).sum();
    let open_rows: Vec<StackedRow<'_>> = d
        .open
        .iter()
        .map(|r| StackedRow {
            label: format!(
                "{} — {} ({})",
                r.workflow.definition().title,
                r.label,
                r.holder
            ),
            parts: vec![
                (
                    r.open - r.overdue.min(r.open),
                    "seg-rating",
                    "Dalam batas waktu",
                ),
                (r.overdue, "seg-excess", "Melewati batas waktu"),
            ],
        })
        .collect();
    let open = Panel {
        title: "Langkah yang sedang menunggu".into(),
        citation: Some(PEN_18),
        note: Some(format!(
            "{waiting} langkah menunggu, {overdue} melewati batas waktu. {}",
            due_words(d)
        )),
        chart: stacked_bars(
            "menunggu",
            "Langkah menunggu per langkah dan pemegang: dalam dan melewati batas waktu",
            &open_rows,
        ),
        table: DataTable {
            caption: "Langkah yang sedang menunggu".into(),
            columns: vec![
                "Langkah (pemegang)".into(),
                "Menunggu".into(),
                "Melewati batas waktu".into(),
                "Sudah dieskalasikan".into(),
                "Menunggu sejak".into(),
            ],
            rows: d
                .open
                .iter()
                .zip(open_rows.iter())
                .map(|(r, row)| {
                    vec![
                        Cell::from(row.label.as_str()),
                        r.open.into(),
                        r.overdue.into(),
                        r.escalated.into(),
                        crate::format::date_time(r.oldest).into(),
                    ]
                })
                .collect(),
        },
    };
    let kinds = [
        (ReminderKind::Nudge, "seg-rating"),
        (ReminderKind::Reminder, "seg-draft"),
        (ReminderKind::Escalation, "seg-excess"),
    ];
    let reminder_rows: Vec<StackedRow<'_>> = d
        .reminders
        .iter()
        .map(|r| StackedRow {
            label: format!("{} — {}", r.workflow.definition().title, r.label),
            parts: vec![
                (r.nudges, kinds[0].1, kinds[0].0.label()),
                (r.reminders, kinds[1].1, kinds[1].0.label()),
                (r.escalations, kinds[2].1, kinds[2].0.label()),
            ],
        })
        .collect();
    let reminders = Panel {
        title: "Pengingat dan eskalasi".into(),
        citation: None,
        note: Some(format!(
            "{} pengingat dari pemohon, {} pengingat otomatis, {} eskalasi kepada atasan.",
            d.reminders_of(ReminderKind::Nudge),
            d.reminders_of(ReminderKind::Reminder),
            d.reminders_of(ReminderKind::Escalation)
        )),
        chart: stacked_bars(
            "pengingat",
            "Pengingat dan eskalasi per langkah alur",
            &reminder_rows,
        ),
        table: DataTable {
            caption: "Pengingat dan eskalasi per langkah alur".into(),
            columns: vec![
                "Alur dan langkah".into(),
                ReminderKind::Nudge.label().into(),
                ReminderKind::Reminder.label().into(),
                ReminderKind::Escalation.label().into(),
            ],
            rows: d
                .reminders
                .iter()
                .zip(reminder_rows.iter())
                .map(|(r, row)| {
                    vec![
                        Cell::from(row.label.as_str()),
                        r.nudges.into(),
                        r.reminders.into(),
                        r.escalations.into(),
                    ]
                })
                .collect(),
        },
    };
    Drawn {
        headline: format!(
            "{waiting} langkah menunggu, {overdue} melewati batas waktu; {} eskalasi",
            d.reminders_of(ReminderKind::Escalation)
        ),
        panels: vec![per_step, per_holder, open, reminders],
        period: None,
        periods: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::duration_words;

    #[test]
    fn waiting_times_read_in_days_hours_and_minutes() {
        assert_eq!(duration_words(0), "kurang dari 1 menit");
        assert_eq!(duration_words(45 * 60), "45 menit");
        assert_eq!(duration_words(5 * 3600), "5 jam");
        assert_eq!(duration_words(2 * 86_400 + 3 * 3600 + 59), "2 hari 3 jam");
    }
}
