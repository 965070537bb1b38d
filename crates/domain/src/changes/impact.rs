//! What a change (or a batch) does, seen before it is saved (issue 14 point 2): which JF and
//! Pelaksana change superior, PPK or coordinator, which become unresolved or settled, and which
//! pieces of work held by a position — open workflow steps, results waiting at a reviewer,
//! problems waiting for a head, running assignments owned by a head, assessments — move to a
//! new holder or lose theirs. A holder that disappears is flagged, never silently lost.

use serde::{Deserialize, Serialize};

use crate::holders::Exercise;
use crate::org::vocabulary;
use crate::organisation::{EmployeeId, Organisation, PositionId};
use crate::placement::{ManualDecisions, Official, Outcome, compute_placements};

/// One side of a placement comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PlacementSide {
    Placed {
        superior: Official,
        assessor: Official,
        coordinator: Option<Official>,
    },
    /// KED-09: no rule settles it; the reason in Indonesian.
    Unresolved { reason: String },
    /// Not a JF/Pelaksana placed by the engine (a head, someone who left or is not yet hired).
    Absent,
}

vocabulary! {
    /// Which of the [`PlacementSide`] cases a side is (the API's `state`).
    SideState {
        Placed => "placed", "berkedudukan";
        /// KED-09.
        Unresolved => "unresolved", "belum terselesaikan (KED-09)";
        Absent => "absent", "tidak berkedudukan sebagai JF/Pelaksana";
    }
}

impl PlacementSide {
    /// Which case this side is.
    pub fn state(&self) -> SideState {
        match self {
            PlacementSide::Placed { .. } => SideState::Placed,
            PlacementSide::Unresolved { .. } => SideState::Unresolved,
            PlacementSide::Absent => SideState::Absent,
        }
    }

    fn of(o: Option<&Outcome>) -> PlacementSide {
        match o {
            Some(Outcome::Placed(p)) => PlacementSide::Placed {
                superior: p.superior,
                assessor: p.assessor,
                coordinator: p.coordinator,
            },
            Some(Outcome::Unresolved(u)) => PlacementSide::Unresolved {
                reason: u.reason.clone(),
            },
            None => PlacementSide::Absent,
        }
    }
}

vocabulary! {
    /// What changed about one person's placement (issue 14 point 7: the preview's labels).
    ShiftKind {
        /// Atasan langsung (post or person) changes.
        Superior => "superior", "atasan langsung berubah";
        /// Pejabat Penilai Kinerja changes (KED-11 records it with its date).
        Assessor => "assessor", "Pejabat Penilai Kinerja berubah";
        /// The coordinating Pengawas (STR-07) changes.
        Coordinator => "coordinator", "koordinator berubah";
        /// Was settled, becomes a case no rule covers (KED-09).
        BecomesUnresolved => "becomes_unresolved", "menjadi belum terselesaikan";
        /// Was unresolved (or new), becomes settled.
        Settled => "settled", "kedudukannya menjadi jelas";
        /// No longer placed: left the service, or now holds a head post.
        Leaves => "leaves", "tidak lagi ditempatkan";
    }
}

/// A person whose placement a change touches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacementShift {
    pub employee: EmployeeId,
    pub before: PlacementSide,
    pub after: PlacementSide,
    pub what: Vec<ShiftKind>,
}

vocabulary! {
    /// The kinds of work whose holder is a position.
    HeldItemKind {
        /// An open step of an assignment workflow (PEN-18).
        WorkflowStep => "workflow_step", "Langkah alur yang menunggu";
        /// A result waiting at a reviewer (MEK-05).
        ResultReview => "result_review", "Hasil kerja di pemeriksa";
        /// A problem waiting for a head's decision (LAP-05).
        ProblemDecision => "problem_decision", "Permasalahan menunggu keputusan";
        /// A running assignment whose owner head is the position (PEN-10).
        AssignmentOwner => "assignment_owner", "Penugasan berjalan milik unit";
        /// An assessment whose assessor is the position (KIN-04).
        Assessment => "assessment", "Penilaian kinerja";
    }
}

/// A piece of work held by a position, as storage lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldItem {
    pub kind: HeldItemKind,
    pub id: i64,
    /// What a reader recognises it by ("Langkah 2 permohonan pelibatan …").
    pub label: String,
    pub position: PositionId,
}

/// Who exercises a position (ORG-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Holder {
    pub employee: EmployeeId,
    pub exercise: Exercise,
}

/// Who exercises `position` in `org`: its definitive holder (the lowest id, should two hold
/// it), else its Plt./Plh.; `None` when vacant or when the position does not exist.
pub fn holder_of(org: &Organisation, position: PositionId) -> Option<Holder> {
    let post = org.positions.iter().find(|p| p.id == position)?;
    if let Some(e) = org
        .employees
        .iter()
        .filter(|e| e.position == Some(position))
        .map(|e| e.id)
        .min()
    {
        return Some(Holder {
            employee: e,
            exercise: Exercise::Definitive,
        });
    }
    post.acting.map(|a| Holder {
        employee: a.employee,
        exercise: Exercise::Acting(a.kind),
    })
}

/// What happens to a held piece of work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum HolderShift {
    /// The position stays and someone else exercises it: the work moves with the post
    /// (rights follow positions, PEN-18).
    MovesTo {
        item: HeldItem,
        before: Option<Holder>,
        after: Holder,
    },
    /// The position stays but nobody exercises it any more: flagged for a Plt./Plh. to be
    /// named (the workflow's escalation then applies).
    Vacant {
        item: HeldItem,
        before: Option<Holder>,
    },
    /// The position closes: the work has no holder and must be reassigned by hand.
    PositionClosed {
        item: HeldItem,
        before: Option<Holder>,
    },
}

vocabulary! {
    /// Which of the [`HolderShift`] cases a shift is (the API's `outcome`), with what the
    /// preview says happens to the work.
    HoldingOutcome {
        MovesTo => "moves_to", "berpindah ke pemegang jabatan yang baru";
        /// Flagged: a Plt./Plh. is to be named.
        Vacant => "vacant", "jabatan lowong — tunjuk Plt./Plh.";
        /// Flagged: to be reassigned by hand.
        PositionClosed => "position_closed", "jabatan dihapus — alihkan secara manual";
    }
}

impl HoldingOutcome {
    /// Whether the work is left without a holder (flagged on the preview).
    pub fn flagged(self) -> bool {
        self != HoldingOutcome::MovesTo
    }
}

impl HolderShift {
    /// Which case this shift is.
    pub fn outcome(&self) -> HoldingOutcome {
        match self {
            HolderShift::MovesTo { .. } => HoldingOutcome::MovesTo,
            HolderShift::Vacant { .. } => HoldingOutcome::Vacant,
            HolderShift::PositionClosed { .. } => HoldingOutcome::PositionClosed,
        }
    }
}

/// Everything a change does, before it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Impact {
    pub placements: Vec<PlacementShift>,
    pub holdings: Vec<HolderShift>,
}

impl Impact {
    /// Held work that would be left without a holder (flagged on the preview).
    pub fn flagged(&self) -> usize {
        self.holdings
            .iter()
            .filter(|h| h.outcome().flagged())
            .count()
    }
}

fn placement_kinds(before: &PlacementSide, after: &PlacementSide) -> Vec<ShiftKind> {
    use PlacementSide::{Absent, Placed, Unresolved};
    match (before, after) {
        (
            Placed {
                superior: s0,
                assessor: a0,
                coordinator: c0,
            },
            Placed {
                superior: s1,
                assessor: a1,
                coordinator: c1,
            },
        ) => {
            let mut v = Vec::new();
            if s0 != s1 {
                v.push(ShiftKind::Superior);
            }
            if a0 != a1 {
                v.push(ShiftKind::Assessor);
            }
            if c0 != c1 {
                v.push(ShiftKind::Coordinator);
            }
            v
        }
        (Placed { .. }, Unresolved { .. }) => vec![ShiftKind::BecomesUnresolved],
        (Unresolved { .. } | Absent, Placed { .. }) => vec![ShiftKind::Settled],
        (Placed { .. } | Unresolved { .. }, Absent) => vec![ShiftKind::Leaves],
        (Unresolved { reason: r0 }, Unresolved { reason: r1 }) if r0 != r1 => {
            vec![ShiftKind::BecomesUnresolved]
        }
        (Absent, Unresolved { .. }) => vec![ShiftKind::BecomesUnresolved],
        _ => Vec::new(),
    }
}

/// Compares the organisation before and after a change: placements (computed by the placement
/// engine on both, with the same manual decisions) and the held work storage listed.
pub fn impact(
    before: &Organisation,
    after: &Organisation,
    manual: &ManualDecisions,
    held: &[HeldItem],
) -> Impact {
    let old = compute_placements(before, manual);
    let new = compute_placements(after, manual);
    fn find(v: &[Outcome], e: EmployeeId) -> Option<&Outcome> {
        v.binary_search_by_key(&e, Outcome::employee)
            .ok()
            .map(|i| &v[i])
    }
    let mut people: Vec<EmployeeId> = old
        .iter()
        .map(Outcome::employee)
        .chain(new.iter().map(Outcome::employee))
        .collect();
    people.sort_unstable();
    people.dedup();
    let placements = people
        .into_iter()
        .filter_map(|e| {
            let b = PlacementSide::of(find(&old, e));
            let a = PlacementSide::of(find(&new, e));
            let what = placement_kinds(&b, &a);
            (!what.is_empty()).then_some(PlacementShift {
                employee: e,
                before: b,
                after: a,
                what,
            })
        })
        .collect();
    let holdings = held
        .iter()
        .filter_map(|item| {
            let was = holder_of(before, item.position);
            let exists = after.positions.iter().any(|p| p.id == item.position);
            if !exists {
                return Some(HolderShift::PositionClosed {
                    item: item.clone(),
                    before: was,
                });
            }
            match holder_of(after, item.position) {
                Some(now) if Some(now) == was => None,
                Some(now) => Some(HolderShift::MovesTo {
                    item: item.clone(),
                    before: was,
                    after: now,
                }),
                None if was.is_none() => None,
                None => Some(HolderShift::Vacant {
                    item: item.clone(),
                    before: was,
                }),
            }
        })
        .collect();
    Impact {
        placements,
        holdings,
    }
}
