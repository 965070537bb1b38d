//! Span of control (KED-10): how many JF/Pelaksana are placed under each official, flagged
//! above the agency's threshold.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Official, Outcome};
use crate::organisation::{EmployeeId, PositionId};

/// One official's span of control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanOfControl {
    pub position: PositionId,
    pub employee: EmployeeId,
    /// JF/Pelaksana placed directly under the official.
    pub placed: u32,
    /// JF/Pelaksana the official assesses.
    pub assessed: u32,
    /// `placed` exceeds the threshold (KED-10).
    pub over_threshold: bool,
}

/// Counts placements per official, sorted by position. `threshold` comes from the agency policy.
pub fn span_of_control(outcomes: &[Outcome], threshold: u32) -> Vec<SpanOfControl> {
    let mut rows: BTreeMap<(PositionId, EmployeeId), (u32, u32)> = BTreeMap::new();
    let key = |o: &Official| (o.position, o.employee);
    for p in outcomes.iter().filter_map(Outcome::placed) {
        rows.entry(key(&p.superior)).or_default().0 += 1;
        rows.entry(key(&p.assessor)).or_default().1 += 1;
    }
    rows.into_iter()
        .map(|((position, employee), (placed, assessed))| SpanOfControl {
            position,
            employee,
            placed,
            assessed,
            over_threshold: placed > threshold,
        })
        .collect()
}
