//! Dated organisation changes (issue 14 point 3) as the API reads and writes them: items by
//! natural keys (NIP, position, unit and department codes; see [`crate::org_batch`]), the
//! impact of a batch and the recorded changes described back in natural keys.

use serde::{Deserialize, Serialize};
use sikerja_domain::changes::{Holder, HolderShift, Impact, OrgChange, PlacementSide};
use sikerja_domain::organisation::{EmployeeId, PositionId, UnitId};
use sikerja_domain::placement::Official;
use sikerja_storage::org_changes::OrgChangeView;
use utoipa::ToSchema;

use crate::org_batch::{ChangeItem, Resolved};

/// A batch of changes, recorded all or nothing.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct OrgChangeBatch {
    /// The changes, in the order given (applied in order of effective day, ties in this order).
    pub changes: Vec<ChangeItem>,
}

/// The ids of the recorded changes, in the order given.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgChangesRecordedDto {
    pub ids: Vec<i64>,
}

/// An official as the impact names them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImpactOfficialDto {
    pub position_code: Option<String>,
    pub position_name: Option<String>,
    pub employee_nip: Option<String>,
    pub employee_name: Option<String>,
    /// `plt` or `plh` when acting.
    pub acting: Option<String>,
}

/// One side of a placement comparison.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImpactSideDto {
    /// `placed`, `unresolved` (KED-09) or `absent`.
    pub state: String,
    pub superior: Option<ImpactOfficialDto>,
    pub assessor: Option<ImpactOfficialDto>,
    pub coordinator: Option<ImpactOfficialDto>,
    /// Why no rule settles it (unresolved).
    pub reason: Option<String>,
}

/// A person whose placement the batch changes.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementShiftDto {
    pub employee_nip: Option<String>,
    pub employee_name: Option<String>,
    /// `superior`, `assessor`, `coordinator`, `becomes_unresolved`, `settled`, `leaves`.
    pub what: Vec<String>,
    pub before: ImpactSideDto,
    pub after: ImpactSideDto,
}

/// What happens to a piece of work held by a position.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoldingShiftDto {
    /// `moves_to` (someone else exercises the post), `vacant` (flagged: name a Plt./Plh.) or
    /// `position_closed` (flagged: reassign by hand).
    pub outcome: String,
    /// `workflow_step`, `result_review`, `problem_decision`, `assignment_owner`, `assessment`.
    pub kind: String,
    pub id: i64,
    pub label: String,
    pub position_code: Option<String>,
    pub before_nip: Option<String>,
    pub after_nip: Option<String>,
}

/// What a batch would do, nothing written.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgChangeImpactDto {
    pub placements: Vec<PlacementShiftDto>,
    pub holdings: Vec<HoldingShiftDto>,
    /// Held work that would be left without a holder.
    pub flagged: usize,
}

/// A recorded change, its rows named by natural key where they still exist.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgChangeDto {
    pub id: i64,
    /// The `OrgChange` code.
    pub kind: String,
    /// Indonesian label of the kind.
    pub label: String,
    /// `YYYY-MM-DD`.
    pub effective: String,
    pub basis_number: String,
    pub basis_date: String,
    /// `pending`, `applied`, `failed` or `cancelled`.
    pub state: String,
    /// Why it failed on its day.
    pub error: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
    pub applied_at: Option<String>,
    /// NIP of the employee it names.
    pub employee: Option<String>,
    /// Code of the position it names.
    pub position: Option<String>,
    /// Code of the unit it names.
    pub unit: Option<String>,
    /// The change as stored (internal ids).
    #[schema(value_type = Object)]
    pub change: serde_json::Value,
}

impl Resolved {
    fn nip(&self, e: EmployeeId) -> Option<String> {
        self.employee_keys.get(&e).map(|k| k.0.clone())
    }

    fn position_code(&self, p: PositionId) -> Option<String> {
        self.position_keys.get(&p).map(|k| k.0.clone())
    }

    fn unit_code(&self, u: UnitId) -> Option<String> {
        self.unit_keys.get(&u).map(|k| k.0.clone())
    }

    fn official(&self, o: &Official) -> ImpactOfficialDto {
        ImpactOfficialDto {
            position_code: self.position_code(o.position),
            position_name: self.position_keys.get(&o.position).map(|k| k.1.clone()),
            employee_nip: self.nip(o.employee),
            employee_name: self.employee_keys.get(&o.employee).map(|k| k.1.clone()),
            acting: o.acting.map(|a| a.code().to_string()),
        }
    }

    fn side(&self, s: &PlacementSide) -> ImpactSideDto {
        match s {
            PlacementSide::Placed {
                superior,
                assessor,
                coordinator,
            } => ImpactSideDto {
                state: s.state().code().into(),
                superior: Some(self.official(superior)),
                assessor: Some(self.official(assessor)),
                coordinator: coordinator.as_ref().map(|c| self.official(c)),
                reason: None,
            },
            PlacementSide::Unresolved { reason } => ImpactSideDto {
                state: s.state().code().into(),
                superior: None,
                assessor: None,
                coordinator: None,
                reason: Some(reason.clone()),
            },
            PlacementSide::Absent => ImpactSideDto {
                state: s.state().code().into(),
                superior: None,
                assessor: None,
                coordinator: None,
                reason: None,
            },
        }
    }

    fn holder_nip(&self, h: Option<&Holder>) -> Option<String> {
        h.and_then(|h| self.nip(h.employee))
    }

    /// The impact in natural keys.
    pub fn impact(&self, impact: &Impact) -> OrgChangeImpactDto {
        OrgChangeImpactDto {
            placements: impact
                .placements
                .iter()
                .map(|p| PlacementShiftDto {
                    employee_nip: self.nip(p.employee),
                    employee_name: self.employee_keys.get(&p.employee).map(|k| k.1.clone()),
                    what: p.what.iter().map(|w| w.code().to_string()).collect(),
                    before: self.side(&p.before),
                    after: self.side(&p.after),
                })
                .collect(),
            holdings: impact
                .holdings
                .iter()
                .map(|h| {
                    let (item, before, after) = match h {
                        HolderShift::MovesTo {
                            item,
                            before,
                            after,
                        } => (item, before.as_ref(), Some(after)),
                        HolderShift::Vacant { item, before }
                        | HolderShift::PositionClosed { item, before } => {
                            (item, before.as_ref(), None)
                        }
                    };
                    HoldingShiftDto {
                        outcome: h.outcome().code().into(),
                        kind: item.kind.code().into(),
                        id: item.id,
                        label: item.label.clone(),
                        position_code: self.position_code(item.position),
                        before_nip: self.holder_nip(before),
                        after_nip: self.holder_nip(after),
                    }
                })
                .collect(),
            flagged: impact.flagged(),
        }
    }

    /// A recorded change in natural keys.
    pub fn change(&self, v: &OrgChangeView) -> OrgChangeDto {
        let (employee, position, unit) = subjects(&v.change.change);
        OrgChangeDto {
            id: v.id,
            kind: v.change.change.code().into(),
            label: v.change.change.label().into(),
            effective: v.change.effective.to_string(),
            basis_number: v.change.basis.number.clone(),
            basis_date: v.change.basis.date.to_string(),
            state: v.state.code().into(),
            error: v.error.clone(),
            recorded_by: v.recorded_by.clone(),
            recorded_at: v.recorded_at.to_rfc3339(),
            applied_at: v.applied_at.map(|t| t.to_rfc3339()),
            employee: employee.and_then(|e| self.nip(e)),
            position: position.and_then(|p| self.position_code(p)),
            unit: unit.and_then(|u| self.unit_code(u)),
            change: serde_json::to_value(&v.change.change).unwrap_or_default(),
        }
    }
}

/// The employee, position and unit a change names.
fn subjects(c: &OrgChange) -> (Option<EmployeeId>, Option<PositionId>, Option<UnitId>) {
    match c {
        OrgChange::Hire { employee } => (Some(employee.id), employee.position, None),
        OrgChange::Appoint { employee, position }
        | OrgChange::NameActing {
            employee, position, ..
        } => (Some(*employee), Some(*position), None),
        OrgChange::Vacate { employee }
        | OrgChange::SetGrade { employee, .. }
        | OrgChange::Leave { employee, .. } => (Some(*employee), None, None),
        OrgChange::EndActing { position }
        | OrgChange::ChangePosition { position, .. }
        | OrgChange::ClosePosition { position } => (None, Some(*position), None),
        OrgChange::AddPosition { position } => (None, Some(position.id), Some(position.unit)),
        OrgChange::AddUnit { unit } => (None, None, Some(unit.id)),
        OrgChange::RenameUnit { unit, .. }
        | OrgChange::MoveUnit { unit, .. }
        | OrgChange::MergeUnit { unit, .. }
        | OrgChange::CloseUnit { unit } => (None, None, Some(*unit)),
    }
}
