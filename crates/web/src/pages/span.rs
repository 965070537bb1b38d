//! Rentang kendali (KED-10): for every official, how many JF/Pelaksana are placed under them and
//! how many they assess, flagged above the agency's threshold.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_domain::organisation::DepartmentId;

use super::departments::{DepartmentHeader, load_header};
use crate::AppState;
use crate::error::PageError;
use crate::extract::Id;
use crate::views::{Layout, OfficialCell};

/// One official's line.
pub struct SpanLine {
    pub official: OfficialCell,
    pub placed: u32,
    pub assessed: u32,
    pub threshold: u32,
    pub over_threshold: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "departments/span.html")]
pub struct SpanPage {
    layout: Layout,
    header: DepartmentHeader,
    lines: Vec<SpanLine>,
    threshold: Option<u32>,
    flagged: usize,
}

/// `GET /perangkat-daerah/{id}/rentang-kendali`
pub async fn show_span_of_control(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<SpanPage, PageError> {
    let header = load_header(&state.store, id, "rentang-kendali").await?;
    let mut spans = state.store.span_of_control(DepartmentId(id)).await?;
    spans.sort_by(|a, b| {
        b.over_threshold
            .cmp(&a.over_threshold)
            .then(b.placed.cmp(&a.placed))
            .then(a.official.position_name.cmp(&b.official.position_name))
    });
    let lines: Vec<SpanLine> = spans
        .iter()
        .map(|s| SpanLine {
            official: OfficialCell::from(&s.official),
            placed: s.placed,
            assessed: s.assessed,
            threshold: s.threshold,
            over_threshold: s.over_threshold,
        })
        .collect();
    Ok(SpanPage {
        layout: header.layout(Some("Rentang Kendali"), state.demo_mode),
        header,
        threshold: lines.first().map(|l| l.threshold),
        flagged: lines.iter().filter(|l| l.over_threshold).count(),
        lines,
    })
}
