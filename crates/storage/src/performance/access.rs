//! Who the actor is to an assessment (KIN-04): the assessed employee, whoever exercises the
//! fixed assessor post, the assessor's superior, the agency's HR admin (BKPSDM) — each decided
//! by the domain on the organisation snapshot read in the same transaction.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sikerja_domain::access::GrantedRole;
use sikerja_domain::holders::{Exercise, OrgSnapshot, Superior};
use sikerja_domain::organisation::{EmployeeId, PositionId};
use sikerja_domain::performance::assessor::SuperiorCheck;
use sikerja_domain::performance::{
    Action, ActorFacts, AssessmentFacts, Decider, FixedAssessor, check_assessor,
    check_assessor_superior, current_assessor, may_edit, may_recommend, may_record_follow_up,
    may_rewrite_note, next, rate,
};
use sikerja_domain::refusals::Refusal;

use super::{AssessmentOffers, PlanningActor, stored};
use crate::batch::unique_ids;
use crate::entities::{assessment, employee, role_grant};
use crate::error::{Result, StorageError};
use crate::holders::{Wanted, load};

/// The organisation snapshot for decisions on the posts `posts` of `agency`: the people
/// named, and the definitive holders of the posts and of the head posts above them (so the
/// domain can tell a vacant post).
pub(super) async fn snapshot<C: ConnectionTrait>(
    db: &C,
    agency: i64,
    people: &[i64],
    posts: &[i64],
) -> Result<OrgSnapshot> {
    let mut want = Wanted {
        agencies: vec![agency],
        units: Vec::new(),
        people: people.to_vec(),
        positions: posts.to_vec(),
    };
    let first = load(db, &want).await?.snapshot;
    let mut wanted_posts: Vec<i64> = posts.to_vec();
    for p in posts {
        if let Superior::Positions(heads) = first.superior_of_position(PositionId(*p)) {
            wanted_posts.extend(heads.iter().map(|h| h.id.0));
        }
    }
    let holders: Vec<i64> = employee::Entity::find()
        .filter(employee::Column::PositionId.is_in(unique_ids(wanted_posts.iter().copied())))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .filter(|id| !people.contains(id))
        .collect();
    if holders.is_empty() {
        return Ok(first);
    }
    want.people.extend(holders);
    want.positions = unique_ids(wanted_posts);
    Ok(load(db, &want).await?.snapshot)
}

/// Whether `employee` holds the HR admin role (BKPSDM) of `agency`.
pub(super) async fn is_hr_admin<C: ConnectionTrait>(
    db: &C,
    employee: Option<EmployeeId>,
    agency: i64,
) -> Result<bool> {
    let Some(e) = employee else {
        return Ok(false);
    };
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::EmployeeId.eq(e.0))
        .filter(role_grant::Column::AgencyId.eq(agency))
        .filter(role_grant::Column::Role.eq(GrantedRole::HrAdmin.code()))
        .filter(role_grant::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .is_some())
}

/// The actor's parts in one assessment.
pub(super) struct Reader {
    pub fixed: FixedAssessor,
    pub snap: OrgSnapshot,
    pub is_employee: bool,
    pub assessor: std::result::Result<Exercise, Refusal>,
    pub superior: std::result::Result<SuperiorCheck, Refusal>,
    pub hr_admin: bool,
    /// STR-06: the actor exercises the recommender post fixed with the assessor.
    pub recommender: bool,
}

impl Reader {
    pub fn actor_facts(&self) -> ActorFacts {
        ActorFacts {
            is_employee: self.is_employee,
            is_assessor: self.assessor.is_ok(),
            is_assessor_superior: self.superior.is_ok(),
        }
    }

    /// Reads the whole assessment: the employee, the assessor, the superior, HR admin.
    pub fn reads_all(&self) -> bool {
        self.is_employee || self.assessor.is_ok() || self.superior.is_ok() || self.hr_admin
    }

    /// Who exercises the fixed assessor post now, or why nobody does.
    pub fn assessor_now(&self) -> std::result::Result<(EmployeeId, Exercise), Refusal> {
        current_assessor(&self.snap, &self.fixed)
    }

    /// STR-06: the actor may write (or rewrite) the recommendation now: the recommender, until
    /// the assessment is finalised.
    pub fn may_recommend_now(&self, row: &assessment::Model) -> Result<bool> {
        Ok(self.recommender && may_rewrite_note(Some(stored::state(row)?)).is_ok())
    }

    /// What the domain offers the actor on the assessment now.
    pub fn offers(&self, row: &assessment::Model) -> Result<AssessmentOffers> {
        let facts: AssessmentFacts = stored::facts(row)?;
        let actor = self.actor_facts();
        let ok = |a: Action| next(&facts, &a, &actor).is_ok();
        let text = || "-".to_string();
        let rate_ok = may_edit(&facts, &actor).is_ok();
        let complete = stored::rating(row)?.is_some_and(|r| rate(&r).is_ok());
        let refusal = match self.assessor_now() {
            Err(r) => Some(r.message),
            Ok(_) if !actor.is_employee && !actor.is_assessor_superior && !self.hr_admin => {
                self.assessor.as_ref().err().map(|r| r.message.clone())
            }
            Ok(_) => None,
        };
        Ok(AssessmentOffers {
            rate: rate_ok,
            finalise: rate_ok && complete,
            acknowledge: ok(Action::Acknowledge),
            object: ok(Action::Object { reasons: text() }),
            decide_objection: ok(Action::DismissObjection { reason: text() }),
            reopen: ok(Action::Reopen { reason: text() }),
            follow_up: may_record_follow_up(facts.state, &actor).is_ok(),
            recommend: self.may_recommend_now(row)?,
            refusal,
        })
    }
}

/// The decider `by` is for the superior check: an employee, or the regional head of the
/// assessment's agency when they sign in as such.
pub(super) fn decider(
    snap: &OrgSnapshot,
    fixed: &FixedAssessor,
    agency: i64,
    by: &PlanningActor,
) -> Decider {
    if let Some(e) = by.employee {
        return Decider::Employee(e);
    }
    if by.regional_head_of.map(|a| a.0) == Some(agency)
        && let Superior::RegionalHeads(heads) = snap.superior_of_position(fixed.position)
        && let Some(h) = heads.iter().find(|h| h.agency.0 == agency)
    {
        return Decider::RegionalHead(h.id);
    }
    Decider::RegionalHead(-1)
}

/// The actor's parts in the assessment `row`, read on `db`.
pub(super) async fn reader<C: ConnectionTrait>(
    db: &C,
    row: &assessment::Model,
    by: &PlanningActor,
) -> Result<Reader> {
    let fixed = stored::fixed(row)?;
    let mut people = vec![row.employee_id];
    people.extend(by.employee.map(|e| e.0));
    let mut posts = vec![row.assessor_position_id];
    posts.extend(row.recommender_position_id);
    let snap = snapshot(db, row.agency_id, &people, &posts).await?;
    let is_employee = by.employee == Some(EmployeeId(row.employee_id));
    let assessor = match by.employee {
        Some(e) => check_assessor(&snap, e, &fixed),
        None => Err(not_permitted()),
    };
    let superior =
        check_assessor_superior(&snap, decider(&snap, &fixed, row.agency_id, by), &fixed);
    let hr_admin = is_hr_admin(db, by.employee, row.agency_id).await?;
    let recommender = by.employee.is_some_and(|e| {
        may_recommend(&snap, e, EmployeeId(row.employee_id), fixed.recommender).is_ok()
    });
    Ok(Reader {
        fixed,
        snap,
        is_employee,
        assessor,
        superior,
        hr_admin,
        recommender,
    })
}

fn not_permitted() -> Refusal {
    Refusal::new(
        sikerja_domain::refusals::RefusalKind::NotPermitted,
        "not_the_assessor",
        sikerja_domain::rules::RuleId::KIN_04,
        sikerja_domain::performance::assessor::KIN_04_ARTICLE,
        "Hanya Pejabat Penilai Kinerja pegawai ini (pejabat definitif atau Plt./Plh. pada jabatan itu) yang menilai.",
    )
}

/// The answer to a reader who may not see the assessment: as if it did not exist.
pub(super) fn hidden(id: i64) -> StorageError {
    StorageError::not_found("assessment", id)
}
