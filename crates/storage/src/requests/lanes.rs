//! Who holds each lane of a request (PEN-18): resolved from the positions, the unit tree and
//! placement at the moment a step waits, so that rights follow positions.
//!
//! - the head of the owner Unit Organisasi: the head positions of the owner unit;
//! - the PPK of the requesting head (copies): the head of the nearest unit above the owner
//!   unit, or the regional head for the head of a Perangkat Daerah (as for the agreement, MEK-02);
//! - the Pejabat yang Berwenang of an agency: the position the agency names
//!   (`agencies.authority_position_id`), else the head of its Sekretariat Daerah (the Sekda);
//! - per member from another Unit Organisasi (the *party* of a target step): their PPK from
//!   placement, the head of their Unit Organisasi, the Pejabat yang Berwenang of their agency;
//!   in a volunteer workflow the same positions are the volunteer's own PPK and own head;
//! - the employee lane: each member (a receipt is taken by each);
//! - the Sekretaris Daerah and the Bupati of the owner agency.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sikerja_domain::assignment::MembershipKind;
use sikerja_domain::workflow::Lane;

use crate::entities::{
    agency, assignment, assignment_member, department, employee, placement, position,
    regional_head, unit,
};
use crate::error::Result;
use crate::planning::PlanningActor;
use crate::views::PlacementStatus;

/// Someone who may take a step, for one party (a member, or 0 for the whole request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holder {
    pub party: i64,
    pub position: Option<i64>,
    /// The Plt./Plh. of the position when it was read.
    pub acting_employee: Option<i64>,
    pub employee: Option<i64>,
    /// A regional head's account (`regional_heads.id`) and their agency.
    pub regional_head: Option<(i64, i64)>,
    /// The position name, the member's name, or the regional head's title.
    pub label: String,
}

/// Whether a lane is taken once per member (its party) rather than once per request.
pub(crate) fn per_member(lane: Lane) -> bool {
    matches!(
        lane,
        Lane::Employee
            | Lane::TargetPpk
            | Lane::TargetHead
            | Lane::TargetAuthority
            | Lane::OwnPpk
            | Lane::OwnHead
    )
}

/// Rows read while a request is handled, each read once: a step resolves the same lanes,
/// positions and people for its authorisation, its letter, its copies and the next step.
#[derive(Default)]
struct Memo {
    holders: HashMap<Lane, Vec<Holder>>,
    positions: HashMap<i64, Option<position::Model>>,
    employees: HashMap<i64, Option<employee::Model>>,
    units: HashMap<i64, Option<unit::Model>>,
}

/// The assignment of a request with its members, and the rows read for it so far (inside
/// the transaction of one decision).
pub(crate) struct Context {
    pub assignment: assignment::Model,
    pub members: Vec<assignment_member::Model>,
    memo: Mutex<Memo>,
}

impl Context {
    pub(crate) async fn load<C: ConnectionTrait>(db: &C, a: assignment::Model) -> Result<Context> {
        let members = assignment_member::Entity::find()
            .filter(assignment_member::Column::AssignmentId.eq(a.id))
            .all(db)
            .await?;
        Ok(Context {
            assignment: a,
            members,
            memo: Mutex::new(Memo::default()),
        })
    }

    fn memo(&self) -> MutexGuard<'_, Memo> {
        // A poisoned memo only holds rows already read: go on with it.
        self.memo.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The members from another Unit Organisasi or Instansi (the parties of target steps).
    fn seconded(&self) -> impl Iterator<Item = (i64, &assignment_member::Model)> {
        self.members.iter().filter_map(|m| {
            (m.membership == MembershipKind::Seconded.code())
                .then_some(m.employee_id.map(|e| (e, m)))
                .flatten()
        })
    }

    /// A position, read once.
    pub(crate) async fn position<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i64,
    ) -> Result<Option<position::Model>> {
        let known = self.memo().positions.get(&id).cloned();
        if let Some(p) = known {
            return Ok(p);
        }
        let p = position::Entity::find_by_id(id).one(db).await?;
        self.memo().positions.insert(id, p.clone());
        Ok(p)
    }

    /// An employee, read once.
    pub(crate) async fn employee<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i64,
    ) -> Result<Option<employee::Model>> {
        let known = self.memo().employees.get(&id).cloned();
        if let Some(e) = known {
            return Ok(e);
        }
        let e = employee::Entity::find_by_id(id).one(db).await?;
        self.memo().employees.insert(id, e.clone());
        Ok(e)
    }

    /// A unit, read once.
    pub(crate) async fn unit<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i64,
    ) -> Result<Option<unit::Model>> {
        let known = self.memo().units.get(&id).cloned();
        if let Some(u) = known {
            return Ok(u);
        }
        let u = unit::Entity::find_by_id(id).one(db).await?;
        self.memo().units.insert(id, u.clone());
        Ok(u)
    }

    /// The head positions of a unit, remembered as positions too.
    async fn heads<C: ConnectionTrait>(&self, db: &C, unit: i64) -> Result<Vec<position::Model>> {
        let heads = heads_of_unit(db, unit).await?;
        let mut memo = self.memo();
        for p in &heads {
            memo.positions.insert(p.id, Some(p.clone()));
        }
        Ok(heads)
    }

    /// The Unit Organisasi of a unit: itself if flagged, else the nearest flagged ancestor,
    /// else the department's root (as `Organisation::org_unit_of_unit`).
    async fn org_unit_of_unit<C: ConnectionTrait>(
        &self,
        db: &C,
        start: i64,
    ) -> Result<Option<unit::Model>> {
        let mut cur = self.unit(db, start).await?;
        for _ in 0..64 {
            let Some(u) = cur else { return Ok(None) };
            if u.is_org_unit {
                return Ok(Some(u));
            }
            match u.parent_id {
                Some(parent) => cur = self.unit(db, parent).await?,
                None => return Ok(Some(u)),
            }
        }
        Ok(None)
    }

    /// The Unit Organisasi of an employee's definitive position.
    async fn org_unit_of_employee<C: ConnectionTrait>(
        &self,
        db: &C,
        employee: i64,
    ) -> Result<Option<unit::Model>> {
        let Some(pid) = self
            .employee(db, employee)
            .await?
            .and_then(|e| e.position_id)
        else {
            return Ok(None);
        };
        let Some(p) = self.position(db, pid).await? else {
            return Ok(None);
        };
        self.org_unit_of_unit(db, p.unit_id).await
    }

    /// The PPK of a JF or Pelaksana from their settled placement.
    async fn assessor_of<C: ConnectionTrait>(
        &self,
        db: &C,
        employee: i64,
    ) -> Result<Option<position::Model>> {
        let Some(row) = placement::Entity::find()
            .filter(placement::Column::EmployeeId.eq(employee))
            .filter(placement::Column::Status.eq(PlacementStatus::Placed.code()))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        match row.assessor_position_id {
            Some(p) => self.position(db, p).await,
            None => Ok(None),
        }
    }

    /// The holders of `lane` for this request, resolved once.
    pub(crate) async fn holders<C: ConnectionTrait>(
        &self,
        db: &C,
        lane: Lane,
    ) -> Result<Vec<Holder>> {
        let known = self.memo().holders.get(&lane).cloned();
        if let Some(h) = known {
            return Ok(h);
        }
        let h = self.resolve(db, lane).await?;
        self.memo().holders.insert(lane, h.clone());
        Ok(h)
    }

    async fn resolve<C: ConnectionTrait>(&self, db: &C, lane: Lane) -> Result<Vec<Holder>> {
        let a = &self.assignment;
        let mut out = Vec::new();
        match lane {
            Lane::Employee => {
                for m in &self.members {
                    if let Some(e) = m.employee_id {
                        out.push(Holder {
                            party: e,
                            position: None,
                            acting_employee: None,
                            employee: Some(e),
                            regional_head: None,
                            label: m.name.clone(),
                        });
                    }
                }
            }
            Lane::OwnerHead => {
                if let Some(u) = a.owner_unit_id {
                    for p in self.heads(db, u).await? {
                        out.push(position_holder(0, &p));
                    }
                }
            }
            Lane::RequesterPpk => {
                if let Some(u) = a.owner_unit_id {
                    out = superior_of_unit_head(db, u, a.agency_id).await?;
                }
            }
            Lane::OwnerAuthority => {
                for p in authority_positions(db, a.agency_id).await? {
                    out.push(position_holder(0, &p));
                }
            }
            Lane::RegionalSecretary => {
                for p in secretary_positions(db, a.agency_id).await? {
                    out.push(position_holder(0, &p));
                }
            }
            Lane::RegionalHead => out = regional_heads(db, 0, a.agency_id).await?,
            Lane::TargetPpk | Lane::OwnPpk => {
                for (e, _) in self.seconded() {
                    if let Some(p) = self.assessor_of(db, e).await? {
                        out.push(position_holder(e, &p));
                    }
                }
            }
            Lane::TargetHead | Lane::OwnHead => {
                for (e, _) in self.seconded() {
                    if let Some(u) = self.org_unit_of_employee(db, e).await? {
                        for p in self.heads(db, u.id).await? {
                            out.push(position_holder(e, &p));
                        }
                    }
                }
            }
            Lane::TargetAuthority => {
                for (e, _) in self.seconded() {
                    if let Some(person) = self.employee(db, e).await? {
                        for p in authority_positions(db, person.agency_id).await? {
                            out.push(position_holder(e, &p));
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Whether `by` is this holder now: holds or acts in the position (as read in this
    /// transaction), is the member, or is the regional head.
    pub(crate) async fn held_by<C: ConnectionTrait>(
        &self,
        db: &C,
        h: &Holder,
        by: &PlanningActor,
    ) -> Result<bool> {
        if let Some((_, agency)) = h.regional_head {
            return Ok(by.regional_head_of.map(|a| a.0) == Some(agency));
        }
        let Some(me) = by.employee else {
            return Ok(false);
        };
        if let Some(e) = h.employee {
            return Ok(e == me.0);
        }
        let Some(pid) = h.position else {
            return Ok(false);
        };
        if h.acting_employee == Some(me.0) {
            return Ok(true);
        }
        Ok(self
            .employee(db, me.0)
            .await?
            .is_some_and(|e| e.position_id == Some(pid)))
    }
}

fn position_holder(party: i64, p: &position::Model) -> Holder {
    Holder {
        party,
        position: Some(p.id),
        acting_employee: p.acting_employee_id,
        employee: None,
        regional_head: None,
        label: p.name.clone(),
    }
}

/// The parties of a per-member lane that have a holder, or `[0]` for a lane taken once.
pub(crate) fn parties(lane: Lane, holders: &[Holder]) -> Vec<i64> {
    if !per_member(lane) {
        return vec![0];
    }
    let mut p: Vec<i64> = holders.iter().map(|h| h.party).collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// The head positions of a unit.
pub(crate) async fn heads_of_unit<C: ConnectionTrait>(
    db: &C,
    unit: i64,
) -> Result<Vec<position::Model>> {
    Ok(position::Entity::find()
        .filter(position::Column::UnitId.eq(unit))
        .filter(position::Column::IsHead.eq(true))
        .all(db)
        .await?)
}

/// The superior of the head of `unit`: the head of the nearest unit above it that has one,
/// else (the head of a Perangkat Daerah) the regional head of the agency.
pub(crate) async fn superior_of_unit_head<C: ConnectionTrait>(
    db: &C,
    unit_id: i64,
    agency: i64,
) -> Result<Vec<Holder>> {
    let mut cur = unit::Entity::find_by_id(unit_id)
        .one(db)
        .await?
        .and_then(|u| u.parent_id);
    for _ in 0..64 {
        let Some(id) = cur else { break };
        let heads = heads_of_unit(db, id).await?;
        if !heads.is_empty() {
            return Ok(heads.iter().map(|p| position_holder(0, p)).collect());
        }
        cur = unit::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|u| u.parent_id);
    }
    regional_heads(db, 0, agency).await
}

/// The superior of whoever holds `position`: for a head, the head above their unit (or the
/// regional head); for anyone else, the head of their own unit or above.
pub(crate) async fn superior_of_position<C: ConnectionTrait>(
    db: &C,
    position: i64,
) -> Result<Vec<Holder>> {
    let Some(p) = position::Entity::find_by_id(position).one(db).await? else {
        return Ok(Vec::new());
    };
    if p.is_head {
        return superior_of_unit_head(db, p.unit_id, p.agency_id).await;
    }
    let heads = heads_of_unit(db, p.unit_id).await?;
    if heads.is_empty() {
        superior_of_unit_head(db, p.unit_id, p.agency_id).await
    } else {
        Ok(heads.iter().map(|h| position_holder(0, h)).collect())
    }
}

/// The superior of a member: their superior from placement.
pub(crate) async fn superior_of_employee<C: ConnectionTrait>(
    db: &C,
    employee: i64,
) -> Result<Vec<Holder>> {
    let row = placement::Entity::find()
        .filter(placement::Column::EmployeeId.eq(employee))
        .one(db)
        .await?;
    match row.and_then(|r| r.superior_position_id) {
        Some(p) => Ok(position::Entity::find_by_id(p)
            .one(db)
            .await?
            .map(|p| vec![position_holder(0, &p)])
            .unwrap_or_default()),
        None => Ok(Vec::new()),
    }
}

/// The head positions of the root unit of an agency's Sekretariat Daerah.
async fn secretary_positions<C: ConnectionTrait>(
    db: &C,
    agency: i64,
) -> Result<Vec<position::Model>> {
    let departments = department::Entity::find()
        .filter(department::Column::AgencyId.eq(agency))
        .filter(
            department::Column::Kind
                .eq(sikerja_domain::org::DepartmentKind::RegionalSecretariat.code()),
        )
        .all(db)
        .await?;
    let mut out = Vec::new();
    for d in departments {
        let roots = unit::Entity::find()
            .filter(unit::Column::DepartmentId.eq(d.id))
            .filter(unit::Column::ParentId.is_null())
            .all(db)
            .await?;
        if let Some(root) = roots.iter().map(|u| u.id).min() {
            out.extend(heads_of_unit(db, root).await?);
        }
    }
    Ok(out)
}

/// The Pejabat yang Berwenang of an agency: the position its policy names, else the Sekda.
async fn authority_positions<C: ConnectionTrait>(
    db: &C,
    agency_id: i64,
) -> Result<Vec<position::Model>> {
    let named = agency::Entity::find_by_id(agency_id)
        .one(db)
        .await?
        .and_then(|a| a.authority_position_id);
    if let Some(p) = named
        && let Some(p) = position::Entity::find_by_id(p).one(db).await?
    {
        return Ok(vec![p]);
    }
    secretary_positions(db, agency_id).await
}

/// The regional head (not the deputy) of an agency.
async fn regional_heads<C: ConnectionTrait>(
    db: &C,
    party: i64,
    agency: i64,
) -> Result<Vec<Holder>> {
    Ok(regional_head::Entity::find()
        .filter(regional_head::Column::AgencyId.eq(agency))
        .filter(regional_head::Column::Kind.eq("head"))
        .all(db)
        .await?
        .into_iter()
        .map(|r| Holder {
            party,
            position: None,
            acting_employee: None,
            employee: None,
            regional_head: Some((r.id, agency)),
            // The office, as letters and the inbox name it; who holds it is shown beside.
            label: r.title.trim().to_string(),
        })
        .collect())
}
