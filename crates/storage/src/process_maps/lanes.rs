//! Lanes bound to the organisation (issue 17 point 1; PRO-01): a keeper binds a lane of a
//! version, by its BPMN id, to a position or a unit of the map's agency; the map shows who
//! holds each lane today (`sikerja_domain::process_map::lanes::lane_holding` decides from the
//! facts loaded here) and flags a vacant post. Bindings are stored per version; saving a new
//! version carries them to the lanes it still has (`carry`).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::access::ActorFacts;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::holders::{OrgSnapshot, PersonFacts};
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId, UnitId};
use sikerja_domain::process_map::MapRefusal;
use sikerja_domain::process_map::lanes::{
    LaneBinding, LaneBindingKind, LaneHolding, LaneTarget, carry_bindings, decide_binding,
    lane_holding,
};

use super::read::{readable, version_row};
use super::write::locked_for_keeper;
use super::{MapActor, ProcessMapId, bpmn_refused, refused};
use crate::Store;
use crate::audit;
use crate::batch::{rows_where_in, unique_ids};
use crate::connect::WriteTxn;
use crate::entities::{employee, position, process_map_lane, unit};
use crate::error::{Result, corrupt};
use crate::holders::position_facts;

/// A lane of a version and, if bound, what it is bound to and who holds it today.
#[derive(Debug, Clone, Serialize)]
pub struct LaneView {
    /// The lane's BPMN id.
    pub lane: String,
    /// The lane's name in the document.
    pub name: Option<String>,
    pub binding: Option<BoundLane>,
}

/// A bound lane.
#[derive(Debug, Clone, Serialize)]
pub struct BoundLane {
    pub target: LaneTarget,
    /// The position's or the unit's name.
    pub target_name: String,
    pub holding: LaneHolding,
    pub bound_by: String,
    pub bound_at: DateTime<Utc>,
}

/// The lanes of a document: (id, name), in document order.
pub(crate) fn lanes_of(defs: &sikerja_maps::Definitions) -> Vec<(String, Option<String>)> {
    defs.processes
        .iter()
        .flat_map(|p| p.all_lanes())
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect()
}

fn target_of(row: &process_map_lane::Model) -> Result<LaneTarget> {
    let bad = || corrupt("process map lane target", &row.target_kind);
    match LaneBindingKind::from_code(&row.target_kind).ok_or_else(bad)? {
        LaneBindingKind::Position => Ok(LaneTarget::Position(PositionId(
            row.position_id.ok_or_else(bad)?,
        ))),
        LaneBindingKind::Unit => Ok(LaneTarget::Unit(UnitId(row.unit_id.ok_or_else(bad)?))),
    }
}

async fn bindings<C: ConnectionTrait>(
    db: &C,
    version: i64,
) -> Result<Vec<process_map_lane::Model>> {
    Ok(process_map_lane::Entity::find()
        .filter(process_map_lane::Column::VersionId.eq(version))
        .order_by_asc(process_map_lane::Column::Id)
        .all(db)
        .await?)
}

/// The facts `lane_holding` reads for these targets: the bound positions, the head positions
/// of the bound units, whoever holds or acts in them; and the targets' names.
async fn holder_facts<C: ConnectionTrait>(
    db: &C,
    targets: &[LaneTarget],
) -> Result<(OrgSnapshot, HashMap<LaneTarget, String>)> {
    let position_ids = unique_ids(targets.iter().filter_map(|t| match t {
        LaneTarget::Position(p) => Some(p.0),
        LaneTarget::Unit(_) => None,
    }));
    let unit_ids = unique_ids(targets.iter().filter_map(|t| match t {
        LaneTarget::Unit(u) => Some(u.0),
        LaneTarget::Position(_) => None,
    }));
    let mut posts =
        rows_where_in::<position::Entity, _>(db, position::Column::Id, &position_ids).await?;
    if !unit_ids.is_empty() {
        posts.extend(
            position::Entity::find()
                .filter(position::Column::IsHead.eq(true))
                .filter(position::Column::UnitId.is_in(unit_ids.iter().copied()))
                .all(db)
                .await?,
        );
    }
    let units = rows_where_in::<unit::Entity, _>(db, unit::Column::Id, &unit_ids).await?;
    let post_ids = unique_ids(posts.iter().map(|p| p.id));
    let acting = unique_ids(posts.iter().filter_map(|p| p.acting_employee_id));
    let mut people = Vec::new();
    if !post_ids.is_empty() {
        people = employee::Entity::find()
            .filter(
                Condition::any()
                    .add(employee::Column::PositionId.is_in(post_ids.iter().copied()))
                    .add(employee::Column::Id.is_in(acting.iter().copied())),
            )
            .all(db)
            .await?;
    }
    let mut snap = OrgSnapshot::default();
    for p in &posts {
        snap.add_position(position_facts(p)?);
    }
    for e in people {
        snap.add_person(PersonFacts {
            id: EmployeeId(e.id),
            agency: AgencyId(e.agency_id),
            name: e.name,
            position: e.position_id.map(PositionId),
            superior: None,
            assessor: None,
        });
    }
    let mut names = HashMap::new();
    for p in &posts {
        names.insert(LaneTarget::Position(PositionId(p.id)), p.name.clone());
    }
    for u in units {
        names.insert(LaneTarget::Unit(UnitId(u.id)), u.name);
    }
    Ok((snap, names))
}

/// The lanes of version `number` of a map with their bindings and holders.
pub(crate) async fn lane_views<C: ConnectionTrait>(
    db: &C,
    map: i64,
    number: u32,
) -> Result<Vec<LaneView>> {
    let version = version_row(db, map, number).await?;
    let defs = sikerja_maps::read(&version.xml).map_err(|e| bpmn_refused(&e))?;
    let rows = bindings(db, version.id).await?;
    let bound: Vec<(process_map_lane::Model, LaneTarget)> = rows
        .into_iter()
        .map(|r| {
            let t = target_of(&r)?;
            Ok((r, t))
        })
        .collect::<Result<_>>()?;
    let targets: Vec<LaneTarget> = bound.iter().map(|(_, t)| *t).collect();
    let (snap, names) = holder_facts(db, &targets).await?;
    Ok(lanes_of(&defs)
        .into_iter()
        .map(|(lane, name)| {
            let binding = bound
                .iter()
                .find(|(r, _)| r.lane_id == lane)
                .map(|(r, t)| BoundLane {
                    target: *t,
                    target_name: names.get(t).cloned().unwrap_or_default(),
                    holding: lane_holding(*t, &snap),
                    bound_by: r.bound_by.clone(),
                    bound_at: r.bound_at,
                });
            LaneView {
                lane,
                name,
                binding,
            }
        })
        .collect())
}

/// Carries the bindings of version `from` to version `to` for the lanes `to` still has
/// (PRO-03), as they were bound.
pub(crate) async fn carry(
    txn: &WriteTxn,
    map: i64,
    from: i64,
    to: i64,
    lanes: &BTreeSet<String>,
) -> Result<usize> {
    let rows = bindings(txn, from).await?;
    let previous: Vec<LaneBinding> = rows
        .iter()
        .map(|r| {
            Ok(LaneBinding {
                lane: r.lane_id.clone(),
                target: target_of(r)?,
            })
        })
        .collect::<Result<_>>()?;
    let kept = carry_bindings(&previous, lanes);
    for b in &kept {
        let Some(row) = rows.iter().find(|r| r.lane_id == b.lane) else {
            continue;
        };
        process_map_lane::Entity::insert(process_map_lane::ActiveModel {
            map_id: Set(map),
            version_id: Set(to),
            lane_id: Set(row.lane_id.clone()),
            target_kind: Set(row.target_kind.clone()),
            position_id: Set(row.position_id),
            unit_id: Set(row.unit_id),
            bound_by: Set(row.bound_by.clone()),
            bound_at: Set(row.bound_at),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(kept.len())
}

/// Whether a target is a position or unit of `agency`.
async fn target_in_agency<C: ConnectionTrait>(
    db: &C,
    target: LaneTarget,
    agency: AgencyId,
) -> Result<bool> {
    Ok(match target {
        LaneTarget::Position(p) => position::Entity::find_by_id(p.0)
            .one(db)
            .await?
            .is_some_and(|p| p.agency_id == agency.0),
        LaneTarget::Unit(u) => unit::Entity::find_by_id(u.0)
            .one(db)
            .await?
            .is_some_and(|u| u.agency_id == agency.0),
    })
}

impl Store {
    /// The lanes of version `version` of a map, each with its binding and who holds it today
    /// (PRO-01). Not found for a person of another agency.
    pub async fn process_map_lanes(
        &self,
        id: ProcessMapId,
        version: u32,
        facts: &ActorFacts,
    ) -> Result<Vec<LaneView>> {
        let txn = self.read_txn().await?;
        let row = readable(&txn, id, facts).await?;
        lane_views(&txn, row.id, version).await
    }

    /// A position or unit of `agency` by its code, for the keeper's form.
    pub async fn lane_target_by_code(
        &self,
        agency: AgencyId,
        kind: LaneBindingKind,
        code: &str,
    ) -> Result<Option<LaneTarget>> {
        let code = code.trim();
        Ok(match kind {
            LaneBindingKind::Position => position::Entity::find()
                .filter(position::Column::AgencyId.eq(agency.0))
                .filter(position::Column::Code.eq(code))
                .order_by_asc(position::Column::Id)
                .one(&self.db)
                .await?
                .map(|p| LaneTarget::Position(PositionId(p.id))),
            LaneBindingKind::Unit => unit::Entity::find()
                .filter(unit::Column::AgencyId.eq(agency.0))
                .filter(unit::Column::Code.eq(code))
                .order_by_asc(unit::Column::Id)
                .one(&self.db)
                .await?
                .map(|u| LaneTarget::Unit(UnitId(u.id))),
        })
    }

    /// Binds a lane of version `version` to a position or unit of the map's agency, or
    /// unbinds it (`None`) (PRO-01). Keeper only; not on an archived map; the lane must be one
    /// of the version's (`process_map_unknown_lane`), the target one of the agency's
    /// (`process_map_unknown_lane_target`). One transaction with its audit row.
    pub async fn bind_process_map_lane(
        &self,
        id: ProcessMapId,
        version: u32,
        lane: &str,
        target: Option<LaneTarget>,
        actor: &MapActor,
    ) -> Result<()> {
        let by = actor.audit.checked_label()?.to_string();
        let txn = self.begin_write().await?;
        let (row, status) = locked_for_keeper(&txn, id, actor).await?;
        let v = version_row(&txn, row.id, version).await?;
        let defs = sikerja_maps::read(&v.xml).map_err(|e| bpmn_refused(&e))?;
        let lanes: BTreeSet<String> = lanes_of(&defs).into_iter().map(|(l, _)| l).collect();
        decide_binding(status, &lanes, lane).map_err(refused)?;
        let agency = AgencyId(row.agency_id);
        if let Some(t) = target
            && !target_in_agency(&txn, t, agency).await?
        {
            return Err(refused(MapRefusal::UnknownLaneTarget));
        }
        process_map_lane::Entity::delete_many()
            .filter(process_map_lane::Column::VersionId.eq(v.id))
            .filter(process_map_lane::Column::LaneId.eq(lane))
            .exec(&txn)
            .await?;
        let now = Utc::now().trunc_subsecs(6);
        if let Some(t) = target {
            process_map_lane::Entity::insert(process_map_lane::ActiveModel {
                map_id: Set(row.id),
                version_id: Set(v.id),
                lane_id: Set(lane.to_string()),
                target_kind: Set(t.kind().code().to_string()),
                position_id: Set(match t {
                    LaneTarget::Position(p) => Some(p.0),
                    LaneTarget::Unit(_) => None,
                }),
                unit_id: Set(match t {
                    LaneTarget::Unit(u) => Some(u.0),
                    LaneTarget::Position(_) => None,
                }),
                bound_by: Set(by),
                bound_at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
        }
        audit::append_by(
            &txn,
            &actor.audit,
            AuditAction::ProcessMapLaneBound,
            audit::Subject::new(AuditSubject::ProcessMap, row.id, row.agency_id),
            json!({
                "version": version,
                "lane": lane,
                "target": target,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
