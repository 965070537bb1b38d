//! Lanes bound to the organisation (issue 17 point 1; PRO-01): a keeper binds a lane of a map
//! version, by its BPMN id, to a position or a unit of the agency, so that the map shows who
//! holds each lane today — the holder of the position, or the head of the unit, a Plt./Plh.
//! shown as such (ORG-05) — and flags a lane whose post is vacant (*lowong*).
//!
//! Pure: storage loads an [`OrgSnapshot`] with the bound positions, the bound units' heads and
//! the people who hold or act in them, and asks [`lane_holding`]. Bindings belong to a version;
//! [`carry_bindings`] keeps them for the next version's lanes that still exist.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{MapRefusal, ProcessMapStatus};
use crate::holders::{Exercise, OrgSnapshot};
use crate::org::vocabulary;
use crate::organisation::{EmployeeId, PositionId, UnitId};

vocabulary! {
    /// What a lane is bound to (PRO-01).
    LaneBindingKind {
        /// A position: whoever holds it, or its Plt./Plh.
        Position => "position", "Jabatan";
        /// A unit: whoever holds its head position.
        Unit => "unit", "Unit";
    }
}

/// The post or unit a lane is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum LaneTarget {
    Position(PositionId),
    Unit(UnitId),
}

impl LaneTarget {
    pub fn kind(self) -> LaneBindingKind {
        match self {
            LaneTarget::Position(_) => LaneBindingKind::Position,
            LaneTarget::Unit(_) => LaneBindingKind::Unit,
        }
    }
}

/// A lane of a version, by its BPMN id, bound to a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneBinding {
    pub lane: String,
    pub target: LaneTarget,
}

/// Who holds a bound lane today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneHolding {
    /// The post that holds the lane: the bound position, or the head position of the bound
    /// unit (the first by id held, else the first by id). `None`: the unit has no head
    /// position (or the position is no longer there).
    pub post: Option<PositionId>,
    pub post_name: Option<String>,
    /// Who exercises the post, and how (definitively, or as Plt./Plh.).
    pub holder: Option<EmployeeId>,
    pub holder_name: Option<String>,
    pub exercise: Option<Exercise>,
}

impl LaneHolding {
    /// The lane's post is vacant (*lowong*): nobody holds it or acts in it.
    pub fn vacant(&self) -> bool {
        self.holder.is_none()
    }

    /// Who holds it as a page names them: "Nama" or "Plt. Nama"; `None` when vacant.
    pub fn holder_label(&self) -> Option<String> {
        let name = self.holder_name.as_deref()?;
        Some(match self.exercise {
            Some(Exercise::Acting(kind)) => format!("{} {name}", kind.label()),
            _ => name.to_string(),
        })
    }
}

/// Who holds a lane bound to `target` today (PRO-01, ORG-05): the person who exercises the
/// bound position, or the head position of the bound unit.
pub fn lane_holding(target: LaneTarget, snap: &OrgSnapshot) -> LaneHolding {
    let post = match target {
        LaneTarget::Position(p) => snap.position(p).map(|p| p.id),
        LaneTarget::Unit(u) => {
            let heads = snap.heads_of(u);
            heads
                .iter()
                .find(|h| snap.exercised_by(h.id).is_some())
                .or(heads.first())
                .map(|h| h.id)
        }
    };
    let held = post.and_then(|p| snap.exercised_by(p));
    LaneHolding {
        post,
        post_name: post.and_then(|p| snap.position(p)).map(|p| p.name.clone()),
        holder: held.map(|(e, _)| e),
        holder_name: held
            .and_then(|(e, _)| snap.person(e))
            .map(|p| p.name.clone()),
        exercise: held.map(|(_, x)| x),
    }
}

/// The bindings of a version carried to the next one: those whose lane id the new version
/// still has (PRO-03: a new version keeps its lanes' holders).
pub fn carry_bindings(previous: &[LaneBinding], lanes: &BTreeSet<String>) -> Vec<LaneBinding> {
    previous
        .iter()
        .filter(|b| lanes.contains(&b.lane))
        .cloned()
        .collect()
}

/// The longest lane id a binding stores.
pub const MAX_LANE_ID: usize = 255;

/// Whether a lane of a version may be bound (or unbound): not on an archived map, a lane the
/// version has.
pub fn decide_binding(
    status: ProcessMapStatus,
    lanes: &BTreeSet<String>,
    lane: &str,
) -> Result<(), MapRefusal> {
    if status == ProcessMapStatus::Archived {
        return Err(MapRefusal::Archived);
    }
    if lane.chars().count() > MAX_LANE_ID || !lanes.contains(lane) {
        return Err(MapRefusal::UnknownLane(lane.chars().take(100).collect()));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::holders::{PersonFacts, PositionFacts, UnitFacts};
    use crate::org::ActingKind;
    use crate::organisation::{Acting, AgencyId, DepartmentId};

    fn snapshot() -> OrgSnapshot {
        let mut s = OrgSnapshot::default();
        s.add_unit(UnitFacts {
            id: UnitId(10),
            department: DepartmentId(1),
            parent: None,
            is_org_unit: true,
        });
        let post = |id, unit, name: &str, is_head, acting| PositionFacts {
            id: PositionId(id),
            unit: UnitId(unit),
            agency: AgencyId(1),
            name: name.into(),
            is_head,
            acting,
        };
        s.add_position(post(100, 10, "Kepala Bagian Organisasi", true, None));
        s.add_position(post(
            101,
            10,
            "Analis Kebijakan",
            false,
            Some(Acting {
                employee: EmployeeId(7),
                kind: ActingKind::Plt,
            }),
        ));
        s.add_position(post(102, 10, "Pranata Komputer", false, None));
        let person = |id, name: &str, position| PersonFacts {
            id: EmployeeId(id),
            agency: AgencyId(1),
            name: name.into(),
            position,
            superior: None,
            assessor: None,
        };
        s.add_person(person(5, "Siti Rahmah", Some(PositionId(100))));
        s.add_person(person(7, "Budi Santoso", Some(PositionId(102))));
        s
    }

    #[test]
    fn pro_01_a_lane_bound_to_a_position_is_held_by_its_holder() {
        let h = lane_holding(LaneTarget::Position(PositionId(102)), &snapshot());
        assert_eq!(h.holder, Some(EmployeeId(7)));
        assert_eq!(h.holder_label().as_deref(), Some("Budi Santoso"));
        assert_eq!(h.post_name.as_deref(), Some("Pranata Komputer"));
        assert!(!h.vacant());
    }

    #[test]
    fn pro_01_a_lane_bound_to_a_unit_is_held_by_its_head() {
        let h = lane_holding(LaneTarget::Unit(UnitId(10)), &snapshot());
        assert_eq!(h.post, Some(PositionId(100)));
        assert_eq!(h.holder_label().as_deref(), Some("Siti Rahmah"));
    }

    #[test]
    fn pro_01_a_plt_holds_the_lane_and_is_shown_as_such() {
        let h = lane_holding(LaneTarget::Position(PositionId(101)), &snapshot());
        assert_eq!(h.exercise, Some(Exercise::Acting(ActingKind::Plt)));
        assert_eq!(h.holder_label().as_deref(), Some("Plt. Budi Santoso"));
        assert!(!h.vacant());
    }

    #[test]
    fn pro_01_a_lane_whose_post_nobody_holds_is_vacant() {
        let mut s = snapshot();
        s.add_position(PositionFacts {
            id: PositionId(103),
            unit: UnitId(10),
            agency: AgencyId(1),
            name: "Analis SDM".into(),
            is_head: false,
            acting: None,
        });
        let h = lane_holding(LaneTarget::Position(PositionId(103)), &s);
        assert!(h.vacant());
        assert_eq!(h.holder_label(), None);
        assert_eq!(h.post_name.as_deref(), Some("Analis SDM"));
        // A unit without a head position, or a post no longer there: vacant too.
        assert!(lane_holding(LaneTarget::Unit(UnitId(99)), &s).vacant());
        assert!(lane_holding(LaneTarget::Position(PositionId(999)), &s).vacant());
    }

    #[test]
    fn pro_03_bindings_are_carried_to_the_lanes_the_next_version_still_has() {
        let b = |lane: &str| LaneBinding {
            lane: lane.into(),
            target: LaneTarget::Position(PositionId(1)),
        };
        let lanes: BTreeSet<String> = ["Lane_a".to_string()].into();
        assert_eq!(
            carry_bindings(&[b("Lane_a"), b("Lane_gone")], &lanes),
            vec![b("Lane_a")]
        );
    }

    #[test]
    fn pro_01_only_a_lane_of_the_version_on_a_live_map_is_bound() {
        let lanes: BTreeSet<String> = ["Lane_a".to_string()].into();
        assert_eq!(
            decide_binding(ProcessMapStatus::Draft, &lanes, "Lane_a"),
            Ok(())
        );
        assert_eq!(
            decide_binding(ProcessMapStatus::Published, &lanes, "Lane_x")
                .unwrap_err()
                .code(),
            "process_map_unknown_lane"
        );
        assert_eq!(
            decide_binding(ProcessMapStatus::Archived, &lanes, "Lane_a"),
            Err(MapRefusal::Archived)
        );
    }
}
