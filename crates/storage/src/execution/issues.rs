//! Problems and constraints raised by a team (LAP-05): raised by the lead with recommendations
//! to the head of the owner Unit Organisasi and, when collaboration is needed, to each member's
//! home head or agency head; each addressee decides once with a reason by the due day; the
//! lead may nudge those who have not decided, at most once a day. Who is addressed and who may
//! decide is `sikerja_domain::execution::issue`.

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::assignment::{AssignmentId, Day, MembershipKind};
use sikerja_domain::execution::Actor;
use sikerja_domain::execution::issue::{
    Collaboration, Homes, IssueAddressee, IssueDecision, IssueDecisionKind, IssueDraft, addressees,
    check_decision, check_issue, holds, may_raise,
};
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::workflow::Lane;

use super::{LoadedWork, WorkRef, load_actor, load_work, lock_work, refused, require_sight};
use crate::entities::{
    assignment, employee, position, regional_head, team_issue, team_issue_addressee,
};
use crate::error::{Result, StorageError, corrupt};
use crate::planning::PlanningActor;
use crate::requests::lanes::Context;
use crate::{Store, audit};

/// How long the lead waits between two nudges of one problem.
const NUDGE_INTERVAL_HOURS: i64 = 24;

/// A decision on a problem as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueDecisionView {
    /// The chosen recommendation's text, or the other decision.
    pub decision: String,
    /// Whether it is one of the recommendations (its 1-based number).
    pub recommendation: Option<usize>,
    pub reason: String,
    pub decided_at: DateTime<Utc>,
    pub decided_by: String,
}

/// An addressee of a problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueAddresseeView {
    pub id: i64,
    pub label: String,
    pub position: Option<PositionId>,
    pub regional_head_of: Option<AgencyId>,
    pub decision: Option<IssueDecisionView>,
    /// Whether the reader holds this addressee's place now (and so decides for it).
    pub yours: bool,
}

/// A problem with its addressees and decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueView {
    pub id: i64,
    pub work: WorkRef,
    pub work_title: String,
    pub title: String,
    pub description: String,
    pub recommendations: Vec<String>,
    pub collaboration: Collaboration,
    pub raised_by: EmployeeId,
    pub raised_by_name: String,
    pub raised_at: DateTime<Utc>,
    pub due: Day,
    pub last_nudged_at: Option<DateTime<Utc>>,
    pub addressees: Vec<IssueAddresseeView>,
}

impl IssueView {
    /// Whether every addressee decided.
    pub fn decided(&self) -> bool {
        self.addressees.iter().all(|a| a.decision.is_some())
    }

    /// Whether some addressee has not decided by the due day.
    pub fn overdue(&self, today: Day) -> bool {
        today > self.due && !self.decided()
    }
}

fn addressee_view(
    m: team_issue_addressee::Model,
    recs: &[String],
    reader: &(Actor, Option<AgencyId>),
) -> IssueAddresseeView {
    let kind = m.decision.as_deref().and_then(IssueDecisionKind::from_code);
    let decision = match (kind, m.decided_at) {
        (Some(kind), Some(at)) => {
            let chosen = m.chosen.and_then(|c| usize::try_from(c).ok());
            Some(IssueDecisionView {
                decision: match (kind, chosen) {
                    (IssueDecisionKind::Recommendation, Some(i)) => {
                        recs.get(i).cloned().unwrap_or_default()
                    }
                    _ => m.decision_text.clone(),
                },
                recommendation: chosen
                    .filter(|_| kind == IssueDecisionKind::Recommendation)
                    .map(|i| i + 1),
                reason: m.reason.clone(),
                decided_at: at,
                decided_by: m.decided_by.clone(),
            })
        }
        _ => None,
    };
    let who = match (m.position_id, m.regional_head_agency_id) {
        (Some(p), _) => Some(IssueAddressee::Position(PositionId(p))),
        (None, Some(a)) => Some(IssueAddressee::RegionalHead(AgencyId(a))),
        (None, None) => None,
    };
    IssueAddresseeView {
        id: m.id,
        label: m.label,
        position: m.position_id.map(PositionId),
        regional_head_of: m.regional_head_agency_id.map(AgencyId),
        decision,
        yours: who.is_some_and(|w| holds(&reader.0, reader.1, w)),
    }
}

async fn issue_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<team_issue::Model>,
    titles: &HashMap<i64, String>,
    reader: &(Actor, Option<AgencyId>),
) -> Result<Vec<IssueView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut by_issue: HashMap<i64, Vec<team_issue_addressee::Model>> = HashMap::new();
    for a in team_issue_addressee::Entity::find()
        .filter(team_issue_addressee::Column::IssueId.is_in(ids))
        .order_by_asc(team_issue_addressee::Column::Seq)
        .all(db)
        .await?
    {
        by_issue.entry(a.issue_id).or_default().push(a);
    }
    rows.into_iter()
        .map(|r| {
            let recommendations: Vec<String> = serde_json::from_str(&r.recommendations)
                .map_err(|_| corrupt("recommendations", &r.recommendations))?;
            Ok(IssueView {
                id: r.id,
                work: WorkRef::Assignment(AssignmentId(r.assignment_id)),
                work_title: titles.get(&r.assignment_id).cloned().unwrap_or_default(),
                title: r.title,
                description: r.description,
                collaboration: Collaboration::from_code(&r.collaboration)
                    .ok_or_else(|| corrupt("collaboration", &r.collaboration))?,
                raised_by: EmployeeId(r.raised_by_employee_id),
                raised_by_name: r.raised_by_name,
                raised_at: r.raised_at,
                due: Day::parse(&r.due_day).map_err(|_| corrupt("due day", &r.due_day))?,
                last_nudged_at: r.last_nudged_at,
                addressees: by_issue
                    .remove(&r.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| addressee_view(a, &recommendations, reader))
                    .collect(),
                recommendations,
            })
        })
        .collect()
}

async fn titles_of<C: ConnectionTrait>(db: &C, ids: Vec<i64>) -> Result<HashMap<i64, String>> {
    Ok(assignment::Entity::find()
        .filter(assignment::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect())
}

/// Where the members come from: their home Unit Organisasi heads (through the lanes of the
/// workflow: the head of a seconded member's Unit Organisasi) and their agencies.
async fn homes_of<C: ConnectionTrait>(db: &C, w: &LoadedWork, id: AssignmentId) -> Result<Homes> {
    let a = assignment::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("assignment", id.0))?;
    let ctx = Context::load(db, a).await?;
    let mut unit_heads = Vec::new();
    for h in ctx.holders(db, Lane::TargetHead).await? {
        if let Some(p) = h.position {
            unit_heads.push((EmployeeId(h.party), PositionId(p)));
        }
    }
    let seconded: Vec<i64> = ctx
        .members
        .iter()
        .filter(|m| m.membership == MembershipKind::Seconded.code())
        .filter_map(|m| m.employee_id)
        .collect();
    let agencies = employee::Entity::find()
        .filter(employee::Column::Id.is_in(seconded))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (EmployeeId(e.id), AgencyId(e.agency_id)))
        .collect();
    Ok(Homes {
        owner_agency: Some(w.agency),
        unit_heads,
        agencies,
    })
}

async fn label_of<C: ConnectionTrait>(db: &C, a: IssueAddressee) -> Result<String> {
    Ok(match a {
        IssueAddressee::Position(p) => position::Entity::find_by_id(p.0)
            .one(db)
            .await?
            .map(|p| p.name)
            .unwrap_or_default(),
        IssueAddressee::RegionalHead(agency) => regional_head::Entity::find()
            .filter(regional_head::Column::AgencyId.eq(agency.0))
            .filter(regional_head::Column::Kind.eq(RegionalHeadKind::Head.code()))
            .one(db)
            .await?
            .map_or_else(
                || "Pimpinan Instansi".to_string(),
                |r| r.title.trim().to_string(),
            ),
    })
}

impl Store {
    /// The team lead raises a problem of a running team (LAP-05).
    pub async fn raise_issue(
        &self,
        id: AssignmentId,
        draft: &IssueDraft,
        collaboration: Collaboration,
        by: &PlanningActor,
        today: Day,
    ) -> Result<i64> {
        by.audit.checked_label()?;
        let r = WorkRef::Assignment(id);
        let txn = self.begin_write().await?;
        lock_work(&*txn, r).await?;
        let w = load_work(&*txn, r).await?;
        let actor = load_actor(&*txn, by).await?;
        may_raise(&actor, &w.work).map_err(refused)?;
        let checked = check_issue(draft, today).map_err(|problems| {
            StorageError::invalid(
                problems.first().map_or("issue_invalid", |p| p.code),
                problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })?;
        let homes = homes_of(&*txn, &w, id).await?;
        let to = addressees(&w.work, &homes, collaboration).map_err(refused)?;
        let me = actor.employee.ok_or_else(|| {
            StorageError::forbidden("not_an_employee", "Permasalahan disampaikan oleh pegawai.")
        })?;
        let now = Utc::now().trunc_subsecs(6);
        let issue = team_issue::Entity::insert(team_issue::ActiveModel {
            agency_id: Set(w.agency.0),
            work_key: Set(r.key()),
            assignment_id: Set(id.0),
            title: Set(checked.title.clone()),
            description: Set(checked.description.clone()),
            recommendations: Set(serde_json::to_string(&checked.recommendations)
                .map_err(|e| StorageError::invalid("issue_invalid", e.to_string()))?),
            collaboration: Set(collaboration.code().to_string()),
            raised_by_employee_id: Set(me.0),
            raised_by_name: Set(w.name(me)),
            raised_at: Set(now),
            due_day: Set(checked.due.to_string()),
            last_nudged_at: Set(None),
            ..Default::default()
        })
        .exec(&*txn)
        .await?
        .last_insert_id;
        let mut labels = Vec::new();
        for (i, a) in to.iter().enumerate() {
            let label = label_of(&*txn, *a).await?;
            labels.push(label.clone());
            let (position, agency) = match a {
                IssueAddressee::Position(p) => (Some(p.0), None),
                IssueAddressee::RegionalHead(ag) => (None, Some(ag.0)),
            };
            // Issue 18 point 4: each addressee post is told (a regional head has no
            // employee to tell, `docs/notifications.md`).
            if let IssueAddressee::Position(p) = a {
                crate::notifications::enqueue(
                    &*txn,
                    crate::notifications::NewEvent {
                        kind: sikerja_domain::notification::NotificationKind::ProblemToDecide,
                        recipient: sikerja_domain::notification::Recipient::Post(*p),
                        agency: Some(w.agency.0),
                        subject: issue,
                        title: checked.title.clone(),
                        note: format!("{} — {}", w.title, w.name(me)),
                        link: format!("/pelaksanaan/permasalahan/{issue}"),
                    },
                    now,
                )
                .await?;
            }
            team_issue_addressee::Entity::insert(team_issue_addressee::ActiveModel {
                issue_id: Set(issue),
                seq: Set(i32::try_from(i + 1).unwrap_or(i32::MAX)),
                position_id: Set(position),
                regional_head_agency_id: Set(agency),
                label: Set(label),
                decision: Set(None),
                chosen: Set(None),
                decision_text: Set(String::new()),
                reason: Set(String::new()),
                decided_at: Set(None),
                decided_by: Set(String::new()),
                ..Default::default()
            })
            .exec(&*txn)
            .await?;
        }
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::WorkIssueRaised,
            audit::Subject::new(AuditSubject::TeamIssue, issue, w.agency.0),
            json!({
                "work": r.key(),
                "title": checked.title,
                "recommendations": checked.recommendations,
                "collaboration": collaboration.code(),
                "to": labels,
                "due": checked.due,
                "rule_id": "LAP-05",
                "article": "Lampiran III.A.2",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(issue)
    }

    /// An addressee decides a problem: once, with a reason.
    pub async fn decide_issue(
        &self,
        addressee: i64,
        decision: &IssueDecision,
        reason: &str,
        by: &PlanningActor,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        // Two decisions at once: the second reads it decided (row lock on PostgreSQL, one
        // writer on SQLite).
        let row = team_issue_addressee::Entity::find_by_id(addressee)
            .lock_exclusive()
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("issue addressee", addressee))?;
        let issue = team_issue::Entity::find_by_id(row.issue_id)
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("issue", row.issue_id))?;
        let actor = load_actor(&*txn, by).await?;
        let who = match (row.position_id, row.regional_head_agency_id) {
            (Some(p), _) => IssueAddressee::Position(PositionId(p)),
            (None, Some(a)) => IssueAddressee::RegionalHead(AgencyId(a)),
            (None, None) => return Err(corrupt("issue addressee", "none")),
        };
        if !holds(&actor, by.regional_head_of, who) {
            return Err(StorageError::forbidden(
                "not_the_issue_addressee",
                format!(
                    "Permasalahan ini diputuskan oleh pemegang jabatan {} (LAP-05 · Lampiran III.A.2).",
                    row.label
                ),
            ));
        }
        if row.decided_at.is_some() {
            return Err(StorageError::conflict(
                "issue_already_decided",
                "Keputusan atas permasalahan ini sudah diberikan.",
            ));
        }
        let recs: Vec<String> = serde_json::from_str(&issue.recommendations)
            .map_err(|_| corrupt("recommendations", &issue.recommendations))?;
        check_decision(decision, reason, recs.len()).map_err(refused)?;
        let kind = decision.kind();
        let (chosen, text) = match decision {
            IssueDecision::Recommendation(i) => (
                Some(i32::try_from(*i).unwrap_or(i32::MAX)),
                recs.get(*i).cloned().unwrap_or_default(),
            ),
            IssueDecision::Other(t) => (None, t.trim().to_string()),
        };
        let label = row.label.clone();
        let mut active: team_issue_addressee::ActiveModel = row.into();
        active.decision = Set(Some(kind.code().to_string()));
        active.chosen = Set(chosen);
        active.decision_text = Set(text.clone());
        active.reason = Set(reason.trim().to_string());
        active.decided_at = Set(Some(Utc::now().trunc_subsecs(6)));
        active.decided_by = Set(by.audit.label.clone());
        team_issue_addressee::Entity::update(active)
            .exec(&*txn)
            .await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::WorkIssueDecided,
            audit::Subject::new(AuditSubject::TeamIssue, issue.id, issue.agency_id),
            json!({
                "addressee": label,
                "decision": kind.code(),
                "chosen": chosen.map(|c| c + 1),
                "text": text,
                "reason": reason.trim(),
                "rule_id": "LAP-05",
                "article": "Lampiran III.A.2",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The lead nudges the addressees who have not decided: at most once a day per problem.
    pub async fn nudge_issue(
        &self,
        issue: i64,
        by: &PlanningActor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let row = team_issue::Entity::find_by_id(issue)
            .lock_exclusive()
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("issue", issue))?;
        let w = load_work(&*txn, WorkRef::Assignment(AssignmentId(row.assignment_id))).await?;
        let actor = load_actor(&*txn, by).await?;
        may_raise(&actor, &w.work).map_err(refused)?;
        if let Some(last) = row.last_nudged_at
            && now < last + TimeDelta::hours(NUDGE_INTERVAL_HOURS)
        {
            return Err(StorageError::conflict(
                "issue_nudge_too_soon",
                "Pengingat untuk permasalahan ini sudah dikirim dalam 24 jam terakhir.",
            ));
        }
        let waiting: Vec<String> = team_issue_addressee::Entity::find()
            .filter(team_issue_addressee::Column::IssueId.eq(issue))
            .filter(team_issue_addressee::Column::DecidedAt.is_null())
            .all(&*txn)
            .await?
            .into_iter()
            .map(|a| a.label)
            .collect();
        if waiting.is_empty() {
            return Err(StorageError::conflict(
                "issue_already_decided",
                "Semua penerima sudah memberikan keputusan.",
            ));
        }
        let agency = row.agency_id;
        let mut active: team_issue::ActiveModel = row.into();
        active.last_nudged_at = Set(Some(now.trunc_subsecs(6)));
        team_issue::Entity::update(active).exec(&*txn).await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::WorkIssueNudged,
            audit::Subject::new(AuditSubject::TeamIssue, issue, agency),
            json!({"waiting": waiting, "rule_id": "LAP-05", "article": "Lampiran III.A.2"}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The problems of a piece of work, for someone who plays a part in it, newest first.
    pub async fn work_issues(
        &self,
        id: AssignmentId,
        by: &PlanningActor,
    ) -> Result<Vec<IssueView>> {
        let r = WorkRef::Assignment(id);
        let w = load_work(&self.db, r).await?;
        let actor = load_actor(&self.db, by).await?;
        let rows = team_issue::Entity::find()
            .filter(team_issue::Column::WorkKey.eq(r.key()))
            .order_by_desc(team_issue::Column::Id)
            .all(&self.db)
            .await?;
        let reader = (actor, by.regional_head_of);
        let views = issue_views(
            &self.db,
            rows,
            &HashMap::from([(id.0, w.title.clone())]),
            &reader,
        )
        .await?;
        let actor = &reader.0;
        // An addressee from outside the work (a home head) sees the problems sent to them.
        let addressed = |v: &IssueView| v.addressees.iter().any(|a| a.yours);
        if require_sight(actor, &w).is_ok() {
            return Ok(views);
        }
        let mine: Vec<IssueView> = views.into_iter().filter(addressed).collect();
        if mine.is_empty() {
            require_sight(actor, &w)?;
        }
        Ok(mine)
    }

    /// One problem, for someone who plays a part in its work or is one of its addressees.
    pub async fn team_issue(&self, issue: i64, by: &PlanningActor) -> Result<IssueView> {
        let row = team_issue::Entity::find_by_id(issue)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("issue", issue))?;
        self.work_issues(AssignmentId(row.assignment_id), by)
            .await?
            .into_iter()
            .find(|v| v.id == issue)
            .ok_or_else(|| {
                StorageError::forbidden(
                    "not_involved_in_work",
                    "Permasalahan ini hanya dapat dilihat oleh anggota tim, penerimanya dan Pimpinan Unit Organisasi pemilik kinerja.",
                )
            })
    }

    /// Problems waiting for `by`'s decision (the inbox), oldest due first.
    pub async fn issues_to_decide(&self, by: &PlanningActor) -> Result<Vec<IssueView>> {
        let actor = load_actor(&self.db, by).await?;
        let mut q = team_issue_addressee::Entity::find()
            .filter(team_issue_addressee::Column::DecidedAt.is_null());
        let positions: Vec<i64> = actor.exercises.iter().map(|p| p.0).collect();
        q = match by.regional_head_of {
            Some(a) => q.filter(
                sea_orm::Condition::any()
                    .add(team_issue_addressee::Column::PositionId.is_in(positions))
                    .add(team_issue_addressee::Column::RegionalHeadAgencyId.eq(a.0)),
            ),
            None => q.filter(team_issue_addressee::Column::PositionId.is_in(positions)),
        };
        let issue_ids: Vec<i64> = q
            .select_only()
            .column(team_issue_addressee::Column::IssueId)
            .into_tuple::<i64>()
            .all(&self.db)
            .await?;
        let rows = team_issue::Entity::find()
            .filter(team_issue::Column::Id.is_in(issue_ids))
            .order_by_asc(team_issue::Column::DueDay)
            .limit(200)
            .all(&self.db)
            .await?;
        let titles = titles_of(&self.db, rows.iter().map(|r| r.assignment_id).collect()).await?;
        issue_views(&self.db, rows, &titles, &(actor, by.regional_head_of)).await
    }
}
