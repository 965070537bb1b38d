//! The swimlane of a request, as Gambar 1–3 of Lampiran II.B draw a workflow: one row per
//! lane (`Definition::lanes`), one column per step in order, each step in its lane's row —
//! taken steps with who, when, the decision and its text, the current step with who holds it
//! now, copies (*tembusan*) in the rows of those who get them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sikerja_domain::workflow::{Definition, StepDecision, StepProgress};
use sikerja_storage::RequestView;

use super::kind_label;
use crate::format;

/// A decision taken on a step (one per member for per-member steps).
pub struct DecisionLine {
    pub member: Option<String>,
    pub refused: bool,
    pub actor: String,
    pub position: Option<String>,
    pub at: String,
    pub text: String,
}

/// Who the current step waits on.
pub struct WaitLine {
    /// The member the step is about, when the holder is someone else (their PPK, head).
    pub member: Option<String>,
    pub holder: String,
    /// Who exercises the holder's position now, when that is not the holder's own name.
    pub held_by: Option<String>,
    /// Nobody holds the position.
    pub vacant: bool,
    /// Why, with the rule cited, when storage names the vacancy (a regional head's office).
    pub vacancy: Option<String>,
    pub waited: String,
    pub reminded: Option<String>,
    pub escalated: Option<String>,
}

/// A step in its lane.
pub struct StepCell {
    pub number: usize,
    pub code: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub letter: Option<&'static str>,
    pub state: StepProgress,
    pub decisions: Vec<DecisionLine>,
    pub waiting: Vec<WaitLine>,
}

/// A copy (*tembusan*) of the step of this column, with the letter it carries.
pub struct CopyMark {
    pub letter: Option<&'static str>,
    /// The step was taken: the copy went out.
    pub sent: bool,
}

/// A cell of the grid: the step of this column if it is in this lane, or the mark of a copy
/// this lane gets, or nothing.
#[derive(Default)]
pub struct Cell {
    pub step: Option<StepCell>,
    pub copy: Option<CopyMark>,
}

/// One lane of the swimlane.
pub struct LaneRow {
    pub code: &'static str,
    pub label: &'static str,
    pub cells: Vec<Cell>,
}

/// The rows of the swimlane of `def`, with the progress of `request` if it has started.
/// `names` maps a member's employee id to their name.
pub fn rows(
    def: &Definition,
    request: Option<&RequestView>,
    names: &HashMap<i64, String>,
    now: DateTime<Utc>,
) -> Vec<LaneRow> {
    let name = |id: i64| names.get(&id).cloned();
    let (state, current) =
        request.map_or((None, None), |r| (Some(r.state), r.current_step.as_deref()));
    let taken = |code: &str| request.is_some_and(|r| r.steps.iter().any(|t| t.step == code));
    let mut cells: Vec<Option<StepCell>> = def
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let decisions: Vec<DecisionLine> = request
                .map(|r| {
                    r.steps
                        .iter()
                        .filter(|t| t.step == s.code)
                        .map(|t| DecisionLine {
                            // A member's own receipt names them once.
                            member: t
                                .member
                                .and_then(|m| name(m.0))
                                .filter(|n| !t.actor.starts_with(n.as_str())),
                            refused: t.decision == StepDecision::Refuse,
                            actor: t.actor.clone(),
                            position: t.actor_position.clone(),
                            at: format::date_time(t.decided_at),
                            text: t.text.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let here = current == Some(s.code);
            let cell_state = StepProgress::of(state, here, !decisions.is_empty());
            let waiting = match request {
                Some(r) if cell_state == StepProgress::Current => r
                    .waiting
                    .iter()
                    .filter(|w| w.step == s.code)
                    .map(|w| WaitLine {
                        member: (w.party != 0)
                            .then(|| name(w.party))
                            .flatten()
                            .filter(|m| *m != w.holder),
                        holder: w.holder.clone(),
                        held_by: w.held_by.clone().filter(|h| *h != w.holder),
                        vacant: w.held_by.is_none(),
                        vacancy: w.vacancy.clone(),
                        waited: format::waited(w.since, now),
                        reminded: w.reminded_at.map(format::date_time),
                        escalated: w.escalated_at.map(format::date_time),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Some(StepCell {
                number: i + 1,
                code: s.code,
                label: s.label,
                kind: kind_label(s.kind),
                letter: s.letter.map(|l| l.label()),
                state: cell_state,
                decisions,
                waiting,
            })
        })
        .collect();
    def.lanes()
        .into_iter()
        .map(|lane| LaneRow {
            code: lane.code(),
            label: lane.label(),
            cells: def
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    if s.lane == lane {
                        Cell {
                            step: cells.get_mut(i).and_then(Option::take),
                            copy: None,
                        }
                    } else if s.copies.contains(&lane) {
                        Cell {
                            step: None,
                            copy: Some(CopyMark {
                                letter: s.letter.map(|l| l.label()),
                                sent: taken(s.code),
                            }),
                        }
                    } else {
                        Cell::default()
                    }
                })
                .collect(),
        })
        .collect()
}
