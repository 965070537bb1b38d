//! Charts drawn as SVG on the server (issue 18 point 2): no script and no `style` attribute,
//! so they work under the page's CSP, on a phone (each bar an SVG with a `viewBox`, 100% wide)
//! and in print. A [`Chart`] is a figure with its caption; each bar is an `svg role="img"`
//! labelled by its `<title>`, which says the bar's numbers in words. Every chart is drawn next
//! to the table of its numbers ([`crate::charts::table::DataTable`]); no chart without them.
//!
//! The shapes: stacked bars ([`stacked_bars`]), horizontal bars with a limit line
//! ([`bars_with_limit`]), and a timeline of periods ([`timeline`]). The assessment pages
//! (`/admin/penilaian`) draw their bars from the same [`Bar`] and [`stacked`].

pub mod table;

/// One segment of a bar, in percent of the bar (SVG user units of a 100-wide box).
pub struct Segment {
    pub x: String,
    pub width: String,
    pub class: &'static str,
    pub label: String,
}

/// A horizontal bar: its segments, and a marker (a limit) where one applies.
pub struct Bar {
    pub label: String,
    /// What the bar says in words (its `<title>`, the accessible name).
    pub summary: String,
    pub segments: Vec<Segment>,
    /// Where the limit is, in percent of the bar.
    pub marker: Option<String>,
    /// The bar departs from its limit.
    pub flagged: bool,
}

/// A chart: a caption, a legend and its bars.
pub struct Chart {
    /// Unique on the page: the ids of the caption and the bars' titles derive from it.
    pub id: String,
    pub caption: String,
    /// `(class, label)` of each colour used.
    pub legend: Vec<(&'static str, String)>,
    pub bars: Vec<Bar>,
}

/// `part` of `whole` in percent, within 0–100.
pub fn share(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (f64::from(part) * 100.0 / f64::from(whole)).clamp(0.0, 100.0)
    }
}

/// A coordinate as SVG text.
pub fn num(v: f64) -> String {
    format!("{v:.2}")
}

/// `part` of `whole` as a rounded percentage for text.
pub fn percent_text(part: u32, whole: u32) -> String {
    format!("{}%", share(part, whole).round())
}

/// Stacks `parts` (count, class, label) left to right over `whole`.
pub fn stacked(parts: &[(u32, &'static str, &str)], whole: u32) -> Vec<Segment> {
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

/// One row of a stacked chart: its label and its parts `(count, class, label)`.
pub struct StackedRow<'a> {
    pub label: String,
    pub parts: Vec<(u32, &'static str, &'a str)>,
}

/// Stacked bars on one scale (the largest row's total), so rows compare by length.
pub fn stacked_bars(id: &str, caption: &str, rows: &[StackedRow<'_>]) -> Chart {
    let scale = rows
        .iter()
        .map(|r| r.parts.iter().map(|p| p.0).sum::<u32>())
        .max()
        .unwrap_or(0);
    let mut legend: Vec<(&'static str, String)> = Vec::new();
    for r in rows {
        for (_, class, label) in &r.parts {
            if !legend.iter().any(|(c, _)| c == class) {
                legend.push((class, (*label).to_string()));
            }
        }
    }
    let bars = rows
        .iter()
        .map(|r| {
            let total: u32 = r.parts.iter().map(|p| p.0).sum();
            let words: Vec<String> = r
                .parts
                .iter()
                .map(|(n, _, label)| format!("{label} {n}"))
                .collect();
            Bar {
                label: r.label.clone(),
                summary: format!("{}: {} dari {total}", r.label, words.join(", ")),
                segments: stacked(&r.parts, scale),
                marker: None,
                flagged: false,
            }
        })
        .collect();
    Chart {
        id: id.to_string(),
        caption: caption.to_string(),
        legend,
        bars,
    }
}

/// One row of a chart with a limit: its label, its value and the words after the value.
pub struct LimitRow {
    pub label: String,
    pub value: u32,
    pub unit: &'static str,
}

/// Horizontal bars against one limit, marked as a line; bars above it are flagged. The scale
/// leaves room past the limit so the line is always visible.
pub fn bars_with_limit(id: &str, caption: &str, rows: &[LimitRow], limit: u32) -> Chart {
    let largest = rows.iter().map(|r| r.value).max().unwrap_or(0);
    let scale = largest.max(limit.saturating_add(limit / 4).max(1));
    let bars = rows
        .iter()
        .map(|r| {
            let over = r.value > limit;
            Bar {
                label: r.label.clone(),
                summary: format!(
                    "{}: {} {}{}",
                    r.label,
                    r.value,
                    r.unit,
                    if over {
                        format!(", di atas batas {limit}")
                    } else {
                        String::new()
                    }
                ),
                segments: stacked(
                    &[(
                        r.value,
                        if over { "seg-excess" } else { "seg-rating" },
                        r.unit,
                    )],
                    scale,
                ),
                marker: Some(num(share(limit, scale).min(99.2))),
                flagged: over,
            }
        })
        .collect();
    Chart {
        id: id.to_string(),
        caption: caption.to_string(),
        legend: vec![
            ("seg-rating", "Dalam batas".to_string()),
            ("seg-excess", "Di atas batas".to_string()),
            ("seg-limit", format!("Batas {limit}")),
        ],
        bars,
    }
}

/// One period of a timeline: a label and its first and last day as day numbers.
pub struct Period {
    pub label: String,
    pub from: i64,
    pub until: i64,
    /// The period in words (dates).
    pub words: String,
}

/// A timeline (a simple Gantt): each period a bar placed between the earliest start and the
/// latest end of all.
pub fn timeline(id: &str, caption: &str, periods: &[Period]) -> Chart {
    let start = periods.iter().map(|p| p.from).min().unwrap_or(0);
    let end = periods.iter().map(|p| p.until).max().unwrap_or(0);
    let span = (end - start + 1).max(1) as f64;
    let bars = periods
        .iter()
        .map(|p| {
            let x = ((p.from - start) as f64 * 100.0 / span).clamp(0.0, 100.0);
            let w = ((p.until - p.from + 1) as f64 * 100.0 / span).clamp(0.5, 100.0 - x);
            Bar {
                label: p.label.clone(),
                summary: format!("{}: {}", p.label, p.words),
                segments: vec![Segment {
                    x: num(x),
                    width: num(w),
                    class: "seg-rating",
                    label: p.words.clone(),
                }],
                marker: None,
                flagged: false,
            }
        })
        .collect();
    Chart {
        id: id.to_string(),
        caption: caption.to_string(),
        legend: Vec::new(),
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_rows_share_one_scale() {
        let rows = [
            StackedRow {
                label: "A".into(),
                parts: vec![(3, "seg-done", "Ditempatkan"), (1, "seg-none", "Belum")],
            },
            StackedRow {
                label: "B".into(),
                parts: vec![(2, "seg-done", "Ditempatkan"), (0, "seg-none", "Belum")],
            },
        ];
        let c = stacked_bars("x", "Judul", &rows);
        assert_eq!(c.bars[0].segments[0].width, "75.00");
        assert_eq!(c.bars[1].segments[0].width, "50.00");
        assert_eq!(c.bars[1].segments.len(), 1);
        assert_eq!(c.legend.len(), 2);
        assert_eq!(c.bars[0].summary, "A: Ditempatkan 3, Belum 1 dari 4");
    }

    #[test]
    fn ked_10_limit_line_and_flags() {
        let rows = [
            LimitRow {
                label: "Kasi".into(),
                value: 20,
                unit: "pegawai",
            },
            LimitRow {
                label: "Kabid".into(),
                value: 5,
                unit: "pegawai",
            },
        ];
        let c = bars_with_limit("s", "Rentang", &rows, 15);
        assert!(c.bars[0].flagged && !c.bars[1].flagged);
        assert_eq!(c.bars[0].marker.as_deref(), Some("75.00"));
        assert!(c.bars[0].summary.contains("di atas batas 15"));
    }

    #[test]
    fn timeline_places_periods_between_the_first_and_last_day() {
        let c = timeline(
            "t",
            "Periode",
            &[
                Period {
                    label: "A".into(),
                    from: 0,
                    until: 9,
                    words: "a".into(),
                },
                Period {
                    label: "B".into(),
                    from: 10,
                    until: 19,
                    words: "b".into(),
                },
            ],
        );
        assert_eq!(c.bars[1].segments[0].x, "50.00");
        assert_eq!(c.bars[1].segments[0].width, "50.00");
    }
}
