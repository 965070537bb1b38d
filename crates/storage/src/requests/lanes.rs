//! Who holds each lane of a request (PEN-18), asked of the domain
//! (`sikerja_domain::holders::lanes`, whose module comment gives each lane's reading) over an
//! organisation snapshot loaded once per decision, so that rights follow positions. Here: the
//! per-decision memo of the rows read, and the holders as tasks and steps record them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sikerja_domain::assignment::MembershipKind;
use sikerja_domain::holders::lanes::{self as domain, HolderKind, RequestFacts, RequestMember};
use sikerja_domain::holders::{OrgSnapshot, Superior};
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId, UnitId};
use sikerja_domain::workflow::Lane;

use crate::convert::code;
use crate::entities::{assignment, assignment_member, employee, position, unit};
use crate::error::Result;
use crate::holders::{Wanted, load as load_snapshot};
use crate::planning::PlanningActor;

/// Someone who may take a step, for one party (a member, or 0 for the whole request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holder {
    pub party: i64,
    pub position: Option<i64>,
    pub employee: Option<i64>,
    /// A regional head's account (`regional_heads.id`) and their agency.
    pub regional_head: Option<(i64, i64)>,
    /// The position name, the member's name, or the regional head's title.
    pub label: String,
}

impl From<domain::Holder> for Holder {
    fn from(h: domain::Holder) -> Holder {
        let (position, employee, regional_head) = match h.kind {
            HolderKind::Position(p) => (Some(p.0), None, None),
            HolderKind::Member(e) => (None, Some(e.0), None),
            HolderKind::RegionalHead { id, agency } => (None, None, Some((id, agency.0))),
        };
        Holder {
            party: h.party.map_or(0, |e| e.0),
            position,
            employee,
            regional_head,
            label: h.label,
        }
    }
}

/// Whether a lane is taken once per member (its party) rather than once per request.
pub(crate) fn per_member(lane: Lane) -> bool {
    domain::per_member(lane)
}

/// Rows read while a request is handled, each read once: a step resolves the same lanes,
/// positions and people for its authorisation, its letter, its copies and the next step.
#[derive(Default)]
struct Memo {
    snapshot: Option<Arc<OrgSnapshot>>,
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
    facts: RequestFacts,
    memo: Mutex<Memo>,
}

impl Context {
    pub(crate) async fn load<C: ConnectionTrait>(db: &C, a: assignment::Model) -> Result<Context> {
        let members = assignment_member::Entity::find()
            .filter(assignment_member::Column::AssignmentId.eq(a.id))
            .all(db)
            .await?;
        let facts = RequestFacts {
            owner_unit: a.owner_unit_id.map(UnitId),
            owner_agency: AgencyId(a.agency_id),
            members: members
                .iter()
                .map(|m| {
                    Ok(RequestMember {
                        employee: m.employee_id.map(EmployeeId),
                        name: m.name.clone(),
                        kind: code("membership", &m.membership, MembershipKind::from_code)?,
                    })
                })
                .collect::<Result<_>>()?,
        };
        Ok(Context {
            assignment: a,
            members,
            facts,
            memo: Mutex::new(Memo::default()),
        })
    }

    fn memo(&self) -> MutexGuard<'_, Memo> {
        // A poisoned memo only holds rows already read: go on with it.
        self.memo.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The organisation as far as this request's lanes reach: the departments of the owner unit,
    /// of the members' positions and PPK and the Sekretariat Daerah, each with its whole unit
    /// tree and head positions; the members with their placements; the agencies' Pejabat yang
    /// Berwenang and regional heads. Read once.
    async fn snapshot<C: ConnectionTrait>(&self, db: &C) -> Result<Arc<OrgSnapshot>> {
        let known = self.memo().snapshot.clone();
        if let Some(s) = known {
            return Ok(s);
        }
        let want = Wanted {
            agencies: vec![self.assignment.agency_id],
            units: self.assignment.owner_unit_id.into_iter().collect(),
            people: self.members.iter().filter_map(|m| m.employee_id).collect(),
            positions: Vec::new(),
        };
        let loaded = load_snapshot(db, &want).await?;
        let snapshot = Arc::new(loaded.snapshot);
        let mut memo = self.memo();
        for e in loaded.employees {
            memo.employees.insert(e.id, Some(e));
        }
        memo.snapshot = Some(snapshot.clone());
        Ok(snapshot)
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
        let snapshot = self.snapshot(db).await?;
        let h: Vec<Holder> = domain::holders(&snapshot, &self.facts, lane)
            .into_iter()
            .map(Holder::from)
            .collect();
        self.memo().holders.insert(lane, h.clone());
        Ok(h)
    }

    /// The offices a letter names for `lane` (addressees, *tembusan*): held or not, with an
    /// account behind them or not (`domain::office_labels`).
    pub(crate) async fn office_labels<C: ConnectionTrait>(
        &self,
        db: &C,
        lane: Lane,
    ) -> Result<Vec<String>> {
        let snapshot = self.snapshot(db).await?;
        Ok(domain::office_labels(&snapshot, &self.facts, lane))
    }

    /// Why `lane` has no holder today, if it has none (ORG-05; the domain names the rule).
    pub(crate) async fn vacancy<C: ConnectionTrait>(
        &self,
        db: &C,
        lane: Lane,
    ) -> Result<Option<domain::Vacancy>> {
        let snapshot = self.snapshot(db).await?;
        Ok(domain::vacancy(&snapshot, &self.facts, lane))
    }

    /// How the person `me` exercises position `pid` of the snapshot now (ORG-05).
    pub(crate) async fn exercise<C: ConnectionTrait>(
        &self,
        db: &C,
        me: EmployeeId,
        pid: i64,
    ) -> Result<Option<sikerja_domain::holders::Exercise>> {
        let snapshot = self.snapshot(db).await?;
        let Some(post) = snapshot.position(PositionId(pid)) else {
            return Ok(None);
        };
        let definitive = self
            .employee(db, me.0)
            .await?
            .and_then(|e| e.position_id)
            .map(PositionId);
        Ok(sikerja_domain::holders::exercise(me, definitive, post))
    }

    /// Whether `by` is this holder now: exercises the position (holds it or acts in it, as
    /// read in this transaction), is the member, or is the regional head.
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
        Ok(self.exercise(db, me, pid).await?.is_some())
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

/// The holders of a superior, for the whole request.
fn superiors(s: &Superior<'_>) -> Vec<Holder> {
    domain::Holder::of_superior(s)
        .into_iter()
        .map(Holder::from)
        .collect()
}

/// The superior of whoever holds `position` (escalation): for a head, the head above their
/// unit (or the regional head); for anyone else, the head of their own unit or above.
pub(crate) async fn superior_of_position<C: ConnectionTrait>(
    db: &C,
    position: i64,
) -> Result<Vec<Holder>> {
    let Some(p) = position::Entity::find_by_id(position).one(db).await? else {
        return Ok(Vec::new());
    };
    let want = Wanted {
        agencies: vec![p.agency_id],
        units: Vec::new(),
        people: Vec::new(),
        positions: vec![p.id],
    };
    let snapshot = load_snapshot(db, &want).await?.snapshot;
    Ok(superiors(&snapshot.superior_of_position(PositionId(p.id))))
}

/// The superior of a member (escalation): their superior from placement.
pub(crate) async fn superior_of_employee<C: ConnectionTrait>(
    db: &C,
    employee: i64,
) -> Result<Vec<Holder>> {
    let want = Wanted {
        agencies: Vec::new(),
        units: Vec::new(),
        people: vec![employee],
        positions: Vec::new(),
    };
    let snapshot = load_snapshot(db, &want).await?.snapshot;
    let ps = snapshot.superior_of_person(EmployeeId(employee));
    Ok(domain::Holder::of_positions(&ps)
        .into_iter()
        .map(Holder::from)
        .collect())
}
