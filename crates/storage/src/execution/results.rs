//! Results up the review chain (MEK-05, KIN-04): a result of a running assignment submitted
//! by the individual or the team lead, its chain fixed as rows at submission
//! (`sikerja_domain::execution::chain`), each step decided once (pass, return with notes,
//! accept) by whoever exercises the step's position, and the linked target's realisation
//! updated when the head of the Unit Organisasi accepts. Who may and what comes next are
//! decided by `sikerja_domain::execution::review`; every change is one transaction with its
//! audit row, and a refused action writes nothing.

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, SqlErr,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::assignment::AssignmentId;
use sikerja_domain::execution::chain::{ReviewChain, review_chain};
use sikerja_domain::execution::review::{
    Decision, DecisionKind, ReviewState, check_resubmission, check_submission, decide,
    expectation_suffices,
};
use sikerja_domain::execution::{Actor, Work};
use sikerja_domain::holders::{Exercise, PositionFacts, exercise};
use sikerja_domain::org::{ActingKind, DepartmentKind};
use sikerja_domain::organisation::{Acting, AgencyId, EmployeeId, PositionId, UnitId};

use super::{WorkRef, load_actor, load_work, refused};
use crate::entities::{
    agreement_target, assignment, employee, position, work_result, work_result_decision,
    work_result_realisation, work_result_round, work_result_skip, work_result_step,
};
use crate::error::{Result, StorageError, corrupt};
use crate::load::{agency_rows, organisation};
use crate::planning::PlanningActor;
use crate::{Store, audit};

/// Id of a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct WorkResultId(pub i64);

impl std::fmt::Display for WorkResultId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Longest summary or notes text.
pub const MAX_RESULT_TEXT: usize = 4000;

/// A result submitted for the first time.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultSubmission {
    pub assignment: AssignmentId,
    /// An activity of the work breakdown, if the result is of one.
    pub activity: Option<i64>,
    pub title: String,
    /// What was done and achieved.
    pub summary: String,
    /// The realisation (0–100) of the assignment's linked target the result reaches; `None`
    /// counts as 100 when accepted (the result meets the target).
    pub realisation: Option<f64>,
    /// The submitter states the result meets its target (MEK-04).
    pub meets_target: bool,
}

/// A returned result submitted again.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultResubmission {
    pub summary: String,
    pub realisation: Option<f64>,
    pub meets_target: bool,
}

/// A reviewer's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultDecision {
    /// The step decided (0 = first reviewer), as the reviewer saw it.
    pub step: usize,
    pub kind: DecisionKind,
    pub meets_target: bool,
    /// The reviewer states the result meets the expectation (enough to pass where
    /// `expectation_suffices`, MEK-05 Lampiran I.A/D/E.3.c angka 3).
    pub meets_expectation: bool,
    pub notes: String,
}

/// A post passed over, noted on a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedView {
    pub position: PositionId,
    pub position_name: String,
    /// `vacant`, `own_result` or `same_reviewer`.
    pub reason: String,
    pub note: String,
    pub rule_id: String,
    pub article: String,
}

/// A decision taken on a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultDecisionView {
    /// `pass`, `return` or `accept`.
    pub decision: String,
    pub label: String,
    pub meets_target: bool,
    pub meets_expectation: bool,
    pub notes: String,
    pub by: Option<EmployeeId>,
    pub by_name: String,
    pub by_position: String,
    /// `plt` or `plh` when decided by an acting holder.
    pub acting: Option<String>,
    pub decided_at: DateTime<Utc>,
    pub rule_id: String,
    pub article: String,
}

/// One step of the chain fixed on a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultStepView {
    pub step: usize,
    pub position: PositionId,
    pub position_name: String,
    pub unit: UnitId,
    pub unit_name: String,
    /// `PositionClass::code()`.
    pub class: String,
    /// Who exercised the post when the chain was fixed.
    pub reviewer: Option<EmployeeId>,
    pub reviewer_name: String,
    pub acting: Option<String>,
    /// The last step: the head of the Unit Organisasi accepts.
    pub accepts: bool,
    /// A result meeting the expectation (not the target) may pass here (MEK-05, Lampiran
    /// I.A/D/E.3.c angka 3: the pass to the Sekda, Direktur or Camat).
    pub expectation_suffices: bool,
    pub skipped: Vec<SkippedView>,
    pub rule_id: String,
    pub article: String,
    pub decision: Option<ResultDecisionView>,
}

/// One submission with its chain and decisions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultRoundView {
    pub round: u32,
    pub summary: String,
    pub realisation: Option<f64>,
    pub meets_target: bool,
    pub department_kind: String,
    pub from_outside: bool,
    pub submitted_at: DateTime<Utc>,
    pub submitted_by: String,
    pub steps: Vec<ResultStepView>,
}

/// What accepting did to the linked target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RealisationView {
    pub target: i64,
    pub before: f64,
    pub after: f64,
    pub recorded_at: DateTime<Utc>,
}

/// A result with its rounds, chain and history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkResultView {
    pub id: WorkResultId,
    pub assignment: AssignmentId,
    pub activity: Option<i64>,
    pub agency: AgencyId,
    pub title: String,
    pub submitter: Option<EmployeeId>,
    pub submitter_name: String,
    pub state: ReviewState,
    pub state_label: String,
    /// The post the result waits at, when it waits at one.
    pub waiting_at: Option<String>,
    pub round: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    /// Oldest first; the last is the current round.
    pub rounds: Vec<ResultRoundView>,
    pub realisation: Option<RealisationView>,
}

impl WorkResultView {
    /// The chain of the current round.
    pub fn current_steps(&self) -> &[ResultStepView] {
        self.rounds.last().map_or(&[], |r| r.steps.as_slice())
    }
}

/// A result waiting for someone's review (their inbox).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingResult {
    pub id: WorkResultId,
    pub assignment: AssignmentId,
    pub assignment_title: String,
    pub title: String,
    pub submitter_name: String,
    pub round: u32,
    pub step: usize,
    /// The post it waits at (the reviewer exercises it).
    pub position: PositionId,
    pub position_name: String,
    pub accepts: bool,
    pub updated_at: DateTime<Utc>,
}

/// A review chain that cannot be derived, as a storage error. Each code is written out so that
/// the scan of refusal sites finds it with its citation (`sikerja_domain::refusals`).
fn chain_refused(e: sikerja_domain::execution::chain::ChainError) -> StorageError {
    let message = e.to_string();
    match e.code() {
        "review_chain_acceptor_vacant" => {
            StorageError::conflict("review_chain_acceptor_vacant", message)
        }
        "review_chain_own_acceptance" => {
            StorageError::conflict("review_chain_own_acceptance", message)
        }
        _ => StorageError::invalid("review_chain_unresolved", message),
    }
}

fn already_decided() -> StorageError {
    StorageError::conflict(
        "result_already_decided",
        "Langkah peninjauan ini sudah diputuskan (MEK-05 · Lampiran A.3).",
    )
}

fn check_text(field: &str, value: &str) -> Result<()> {
    if value.chars().count() > MAX_RESULT_TEXT {
        return Err(StorageError::invalid(
            "text_too_long",
            format!("{field} paling panjang {MAX_RESULT_TEXT} karakter."),
        ));
    }
    Ok(())
}

fn check_realisation(r: Option<f64>) -> Result<()> {
    match r {
        Some(v) if !(0.0..=100.0).contains(&v) || v.is_nan() => Err(StorageError::invalid(
            "progress_out_of_range",
            "Realisasi target adalah angka 0–100.",
        )),
        _ => Ok(()),
    }
}

fn subject(row: &work_result::Model) -> audit::Subject {
    audit::Subject::new(AuditSubject::WorkResult, row.id, row.agency_id)
}

async fn actor_of<C: ConnectionTrait>(db: &C, employee: Option<EmployeeId>) -> Result<Actor> {
    let Some(e) = employee else {
        return Ok(Actor::default());
    };
    load_actor(
        db,
        &PlanningActor {
            employee: Some(e),
            regional_head_of: None,
            audit: crate::AuditActor::new(""),
        },
    )
    .await
}

/// The facts of the assignment's work (MEK-04), loaded once for execution.
async fn work_of<C: ConnectionTrait>(db: &C, a: &assignment::Model) -> Result<Work> {
    Ok(load_work(db, WorkRef::Assignment(AssignmentId(a.id)))
        .await?
        .work)
}

/// How the decider exercises the step's post, through the one domain check (ORG-05, PEN-18):
/// `Some("plt" | "plh")` when acting in it, `None` when holding it.
fn acting_in(employee: EmployeeId, own: Option<PositionId>, p: &position::Model) -> Option<String> {
    let acting = match (p.acting_employee_id, p.acting_kind.as_deref()) {
        (Some(e), Some(k)) => ActingKind::from_code(k).map(|kind| Acting {
            employee: EmployeeId(e),
            kind,
        }),
        _ => None,
    };
    let facts = PositionFacts {
        id: PositionId(p.id),
        unit: UnitId(p.unit_id),
        agency: AgencyId(p.agency_id),
        name: p.name.clone(),
        is_head: p.is_head,
        acting,
    };
    match exercise(employee, own, &facts)? {
        Exercise::Acting(kind) => Some(kind.code().to_string()),
        Exercise::Definitive => None,
    }
}

async fn assignment_row<C: ConnectionTrait>(db: &C, id: i64) -> Result<assignment::Model> {
    assignment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("assignment", id))
}

async fn result_row<C: ConnectionTrait>(db: &C, id: WorkResultId) -> Result<work_result::Model> {
    work_result::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("work_result", id))
}

fn state_of(row: &work_result::Model) -> Result<ReviewState> {
    let step = row.current_step.and_then(|s| usize::try_from(s).ok());
    ReviewState::parse(&row.state, step).ok_or_else(|| corrupt("result state", &row.state))
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The chain of `submitter` for assignment `a`, from the owner agency's organisation.
async fn chain_for<C: ConnectionTrait>(
    db: &C,
    a: &assignment::Model,
    submitter: EmployeeId,
) -> Result<ReviewChain> {
    let owner = a.owner_unit_id.ok_or_else(|| {
        StorageError::invalid(
            "review_chain_unresolved",
            "Penugasan tanpa Unit Organisasi pemilik: rantai peninjauan tidak dapat ditetapkan.",
        )
    })?;
    let rows = agency_rows(db, AgencyId(a.agency_id)).await?;
    let org = organisation(&rows, None)?;
    review_chain(&org, submitter, UnitId(owner)).map_err(chain_refused)
}

/// What a submission states, and who and when.
struct RoundFacts<'a> {
    summary: &'a str,
    realisation: Option<f64>,
    by: &'a PlanningActor,
    now: DateTime<Utc>,
}

/// Writes a round and its chain as rows.
async fn write_round(
    txn: &crate::connect::WriteTxn,
    result: i64,
    round: i32,
    chain: &ReviewChain,
    f: RoundFacts<'_>,
) -> Result<()> {
    let RoundFacts {
        summary,
        realisation,
        by,
        now,
    } = f;
    work_result_round::Entity::insert(work_result_round::ActiveModel {
        result_id: Set(result),
        round: Set(round),
        summary: Set(summary.to_string()),
        realisation: Set(realisation),
        meets_target: Set(true),
        department_kind: Set(chain.kind.code().to_string()),
        from_outside: Set(chain.from_outside),
        submitted_at: Set(now),
        submitted_by: Set(by.audit.label.clone()),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    let mut names: HashMap<i64, String> = HashMap::new();
    let ids: Vec<i64> = chain.steps.iter().map(|s| s.reviewer.employee.0).collect();
    for e in employee::Entity::find()
        .filter(employee::Column::Id.is_in(ids))
        .all(txn)
        .await?
    {
        let name = crate::convert::employee(&e)
            .map(|d| d.display_name())
            .unwrap_or(e.name.clone());
        names.insert(e.id, name);
    }
    for (seq, step) in chain.steps.iter().enumerate() {
        work_result_step::Entity::insert(work_result_step::ActiveModel {
            result_id: Set(result),
            round: Set(round),
            seq: Set(to_i32(seq)),
            position_id: Set(step.position.0),
            position_name: Set(step.position_name.clone()),
            unit_id: Set(step.unit.0),
            unit_name: Set(step.unit_name.clone()),
            class: Set(step.class.code().to_string()),
            reviewer_id: Set(Some(step.reviewer.employee.0)),
            reviewer_name: Set(names
                .get(&step.reviewer.employee.0)
                .cloned()
                .unwrap_or_default()),
            acting: Set(step.reviewer.acting.map(|k| k.code().to_string())),
            accepts: Set(step.accepts),
            rule_id: Set(step.citation.rule_id.to_string()),
            article: Set(step.citation.article.to_string()),
            ..Default::default()
        })
        .exec_without_returning(txn)
        .await?;
        for k in &step.skipped {
            work_result_skip::Entity::insert(work_result_skip::ActiveModel {
                result_id: Set(result),
                round: Set(round),
                seq: Set(to_i32(seq)),
                position_id: Set(k.position.0),
                position_name: Set(k.position_name.clone()),
                reason: Set(k.reason.code().to_string()),
                note: Set(k.note.clone()),
                rule_id: Set(k.citation.rule_id.to_string()),
                article: Set(k.citation.article.to_string()),
                ..Default::default()
            })
            .exec_without_returning(txn)
            .await?;
        }
    }
    Ok(())
}

/// Issue 18 point 4: the post of the step a result now waits at is told, from the outbox.
async fn notify_reviewer(
    txn: &sea_orm::DatabaseTransaction,
    result: &work_result::Model,
    position: i64,
    note: String,
    now: DateTime<Utc>,
) -> Result<()> {
    crate::notifications::enqueue(
        txn,
        crate::notifications::NewEvent {
            kind: sikerja_domain::notification::NotificationKind::ResultToReview,
            recipient: sikerja_domain::notification::Recipient::Post(PositionId(position)),
            agency: Some(result.agency_id),
            subject: result.id,
            title: result.title.clone(),
            note,
            link: format!("/pelaksanaan/hasil/{}", result.id),
        },
        now,
    )
    .await
}

fn chain_summary(chain: &ReviewChain) -> serde_json::Value {
    json!(
        chain
            .steps
            .iter()
            .map(|s| json!({
                "position": s.position_name,
                "reviewer": s.reviewer.employee.0,
                "acting": s.reviewer.acting.map(|k| k.code()),
                "skipped": s.skipped.iter().map(|k| &k.note).collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>()
    )
}

impl Store {
    /// MEK-04, MEK-05: the individual or the team lead of a running assignment submits a
    /// result that meets its target; its review chain is fixed on the record (KIN-04).
    pub async fn submit_result(
        &self,
        input: &ResultSubmission,
        by: &PlanningActor,
    ) -> Result<WorkResultId> {
        by.audit.checked_label()?;
        let title = input.title.trim();
        if title.is_empty() {
            return Err(StorageError::invalid(
                "result_title_blank",
                "Judul hasil pelaksanaan kegiatan wajib diisi.",
            ));
        }
        check_text("Judul", title)?;
        check_text("Uraian hasil", &input.summary)?;
        check_realisation(input.realisation)?;
        let txn = self.begin_write().await?;
        let a = assignment_row(&txn, input.assignment.0).await?;
        let work = work_of(&txn, &a).await?;
        let actor = actor_of(&txn, by.employee).await?;
        let submitter = check_submission(&work, &actor, input.meets_target).map_err(refused)?;
        let chain = chain_for(&txn, &a, submitter).await?;
        let now = Utc::now().trunc_subsecs(6);
        let submitter_name = employee::Entity::find_by_id(submitter.0)
            .one(&txn)
            .await?
            .map(|e| e.name)
            .unwrap_or_default();
        let row = work_result::Entity::insert(work_result::ActiveModel {
            assignment_id: Set(a.id),
            activity_id: Set(input.activity),
            agency_id: Set(a.agency_id),
            title: Set(title.to_string()),
            submitter_id: Set(Some(submitter.0)),
            submitter_name: Set(submitter_name),
            round: Set(1),
            state: Set(ReviewState::SUBMITTED.code().to_string()),
            current_step: Set(Some(0)),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            accepted_at: Set(None),
            ..Default::default()
        })
        .exec_with_returning(&txn)
        .await?;
        write_round(
            &txn,
            row.id,
            1,
            &chain,
            RoundFacts {
                summary: input.summary.trim(),
                realisation: input.realisation,
                by,
                now,
            },
        )
        .await?;
        if let Some(first) = chain.steps.first() {
            notify_reviewer(
                &txn,
                &row,
                first.position.0,
                row.submitter_name.clone(),
                now,
            )
            .await?;
        }
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::ResultSubmitted,
            subject(&row),
            json!({
                "assignment_id": a.id,
                "activity_id": input.activity,
                "title": title,
                "round": 1,
                "chain": chain_summary(&chain),
                "rule_id": "MEK-05",
                "article": chain.citation.article,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(WorkResultId(row.id))
    }

    /// MEK-05: a returned result submitted again, in a new round with its chain fixed again.
    pub async fn resubmit_result(
        &self,
        id: WorkResultId,
        input: &ResultResubmission,
        by: &PlanningActor,
    ) -> Result<()> {
        by.audit.checked_label()?;
        check_text("Uraian hasil", &input.summary)?;
        check_realisation(input.realisation)?;
        let txn = self.begin_write().await?;
        let row = result_row(&txn, id).await?;
        let a = assignment_row(&txn, row.assignment_id).await?;
        let work = work_of(&txn, &a).await?;
        let actor = actor_of(&txn, by.employee).await?;
        let submitter = check_resubmission(state_of(&row)?, &work, &actor, input.meets_target)
            .map_err(refused)?;
        let chain = chain_for(&txn, &a, submitter).await?;
        let now = Utc::now().trunc_subsecs(6);
        let round = row.round + 1;
        let updated = work_result::Entity::update_many()
            .col_expr(work_result::Column::Round, round.into())
            .col_expr(
                work_result::Column::State,
                ReviewState::SUBMITTED.code().into(),
            )
            .col_expr(work_result::Column::CurrentStep, Some(0).into())
            .col_expr(work_result::Column::SubmitterId, Some(submitter.0).into())
            .col_expr(work_result::Column::Version, (row.version + 1).into())
            .col_expr(work_result::Column::UpdatedAt, now.into())
            .filter(work_result::Column::Id.eq(row.id))
            .filter(work_result::Column::Version.eq(row.version))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(already_decided());
        }
        write_round(
            &txn,
            row.id,
            round,
            &chain,
            RoundFacts {
                summary: input.summary.trim(),
                realisation: input.realisation,
                by,
                now,
            },
        )
        .await
        .map_err(|e| match e {
            StorageError::Database(ref d)
                if matches!(d.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) =>
            {
                already_decided()
            }
            e => e,
        })?;
        if let Some(first) = chain.steps.first() {
            notify_reviewer(
                &txn,
                &row,
                first.position.0,
                row.submitter_name.clone(),
                now,
            )
            .await?;
        }
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::ResultResubmitted,
            subject(&row),
            json!({
                "assignment_id": a.id,
                "round": round,
                "chain": chain_summary(&chain),
                "rule_id": "MEK-05",
                "article": chain.citation.article,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// MEK-05: a reviewer passes the result up, returns it with notes, or (the head of the
    /// Unit Organisasi, last) accepts it; accepting updates the linked target's realisation.
    /// Each step is decided once, however many send it at the same time.
    pub async fn decide_result(
        &self,
        id: WorkResultId,
        input: &ResultDecision,
        by: &PlanningActor,
    ) -> Result<ReviewState> {
        by.audit.checked_label()?;
        check_text("Catatan", &input.notes)?;
        let txn = self.begin_write().await?;
        let row = result_row(&txn, id).await?;
        let steps = work_result_step::Entity::find()
            .filter(work_result_step::Column::ResultId.eq(row.id))
            .filter(work_result_step::Column::Round.eq(row.round))
            .order_by_asc(work_result_step::Column::Seq)
            .all(&txn)
            .await?;
        let chain: Vec<PositionId> = steps.iter().map(|s| PositionId(s.position_id)).collect();
        let submitter = EmployeeId(row.submitter_id.unwrap_or_default());
        let actor = actor_of(&txn, by.employee).await?;
        let decision = Decision {
            step: input.step,
            kind: input.kind,
            meets_target: input.meets_target,
            meets_expectation: input.meets_expectation,
            notes: input.notes.trim().to_string(),
        };
        let kind = round_kind(&txn, &row).await?;
        let next =
            decide(&chain, kind, submitter, state_of(&row)?, &actor, &decision).map_err(refused)?;
        let step = steps.get(input.step).ok_or_else(already_decided)?;
        let now = Utc::now().trunc_subsecs(6);
        let acting = match (
            actor.employee,
            position::Entity::find_by_id(step.position_id)
                .one(&txn)
                .await?,
        ) {
            (Some(e), Some(p)) => acting_in(e, actor.own_position, &p),
            _ => None,
        };
        let (rule_id, article) = (step.rule_id.clone(), step.article.clone());
        let inserted = work_result_decision::Entity::insert(work_result_decision::ActiveModel {
            result_id: Set(row.id),
            round: Set(row.round),
            seq: Set(to_i32(input.step)),
            decision: Set(input.kind.code().to_string()),
            meets_target: Set(input.meets_target),
            meets_expectation: Set(input.meets_expectation),
            notes: Set(decision.notes.clone()),
            by_employee_id: Set(actor.employee.map(|e| e.0)),
            by_name: Set(by.audit.label.clone()),
            by_position: Set(step.position_name.clone()),
            acting: Set(acting.clone()),
            decided_at: Set(now),
            rule_id: Set(rule_id.clone()),
            article: Set(article.clone()),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await;
        if let Err(e) = inserted {
            return Err(match e.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => already_decided(),
                _ => StorageError::Database(e),
            });
        }
        let accepted_at = (next == ReviewState::Completed).then_some(now);
        let updated = work_result::Entity::update_many()
            .col_expr(work_result::Column::State, next.code().into())
            .col_expr(
                work_result::Column::CurrentStep,
                next.step().map(to_i32).into(),
            )
            .col_expr(work_result::Column::Version, (row.version + 1).into())
            .col_expr(work_result::Column::UpdatedAt, now.into())
            .col_expr(work_result::Column::AcceptedAt, accepted_at.into())
            .filter(work_result::Column::Id.eq(row.id))
            .filter(work_result::Column::Version.eq(row.version))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(already_decided());
        }
        let mut summary = json!({
            "assignment_id": row.assignment_id,
            "round": row.round,
            "step": input.step,
            "position": step.position_name,
            "decision": input.kind.code(),
            "meets_target": input.meets_target,
            "meets_expectation": input.meets_expectation,
            "notes": decision.notes,
            "acting": acting,
            "state": next.code(),
            "rule_id": rule_id,
            "article": article,
        });
        if next == ReviewState::Completed
            && let Some((target, before, after)) = realise(&txn, &row, now).await?
        {
            summary["target_id"] = json!(target);
            summary["realisation_before"] = json!(before);
            summary["realisation_after"] = json!(after);
        }
        if input.kind == DecisionKind::Pass
            && let Some(next_step) = next.step().and_then(|i| steps.get(i))
        {
            notify_reviewer(
                &txn,
                &row,
                next_step.position_id,
                format!("Diteruskan oleh {}", step.position_name),
                now,
            )
            .await?;
        }
        let action = match input.kind {
            DecisionKind::Pass => AuditAction::ResultPassed,
            DecisionKind::Return => AuditAction::ResultReturned,
            DecisionKind::Accept => AuditAction::ResultAccepted,
        };
        audit::append_by(&txn, &by.audit, action, subject(&row), summary).await?;
        txn.commit().await?;
        Ok(next)
    }

    /// The results waiting at a post `employee` exercises now (holder or Plt./Plh.), never
    /// their own: their review inbox, oldest first.
    pub async fn results_waiting_for(&self, employee: EmployeeId) -> Result<Vec<WaitingResult>> {
        let actor = actor_of(&self.db, Some(employee)).await?;
        if actor.exercises.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = actor.exercises.iter().map(|p| p.0).collect();
        let steps = work_result_step::Entity::find()
            .filter(work_result_step::Column::PositionId.is_in(ids))
            .all(&self.db)
            .await?;
        let result_ids: Vec<i64> = steps.iter().map(|s| s.result_id).collect();
        let results: HashMap<i64, work_result::Model> = work_result::Entity::find()
            .filter(work_result::Column::Id.is_in(result_ids))
            .filter(work_result::Column::State.eq(ReviewState::SUBMITTED.code()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let titles: HashMap<i64, String> = assignment::Entity::find()
            .filter(
                assignment::Column::Id.is_in(
                    results
                        .values()
                        .map(|r| r.assignment_id)
                        .collect::<Vec<_>>(),
                ),
            )
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.title))
            .collect();
        let mut out = Vec::new();
        for s in steps {
            let Some(r) = results.get(&s.result_id) else {
                continue;
            };
            if r.round != s.round
                || r.current_step != Some(s.seq)
                || r.submitter_id == Some(employee.0)
            {
                continue;
            }
            out.push(WaitingResult {
                id: WorkResultId(r.id),
                assignment: AssignmentId(r.assignment_id),
                assignment_title: titles.get(&r.assignment_id).cloned().unwrap_or_default(),
                title: r.title.clone(),
                submitter_name: r.submitter_name.clone(),
                round: u32::try_from(r.round).unwrap_or_default(),
                step: usize::try_from(s.seq).unwrap_or_default(),
                position: PositionId(s.position_id),
                position_name: s.position_name.clone(),
                accepts: s.accepts,
                updated_at: r.updated_at,
            });
        }
        out.sort_by_key(|w| (w.updated_at, w.id));
        Ok(out)
    }

    /// The results of an assignment with their chains and history, oldest first.
    pub async fn results_of_assignment(
        &self,
        assignment: AssignmentId,
    ) -> Result<Vec<WorkResultView>> {
        let rows = work_result::Entity::find()
            .filter(work_result::Column::AssignmentId.eq(assignment.0))
            .order_by_asc(work_result::Column::Id)
            .all(&self.db)
            .await?;
        views(&self.db, rows).await
    }

    /// One result with its chains and history.
    pub async fn work_result(&self, id: WorkResultId) -> Result<WorkResultView> {
        let row = result_row(&self.db, id).await?;
        let mut v = views(&self.db, vec![row]).await?;
        v.pop()
            .ok_or_else(|| StorageError::not_found("work_result", id))
    }
}

/// The department kind the current round's chain was derived for (fixed with the chain).
async fn round_kind<C: ConnectionTrait>(
    db: &C,
    row: &work_result::Model,
) -> Result<DepartmentKind> {
    let round = work_result_round::Entity::find()
        .filter(work_result_round::Column::ResultId.eq(row.id))
        .filter(work_result_round::Column::Round.eq(row.round))
        .one(db)
        .await?
        .ok_or_else(|| corrupt("work_result_rounds", &row.id.to_string()))?;
    DepartmentKind::from_code(&round.department_kind)
        .ok_or_else(|| corrupt("department_kind", &round.department_kind))
}

/// Accepting a result (MEK-05) realises the assignment's linked target: its progress becomes
/// the stated realisation (100 if none was stated), never lower than it was. Returns the
/// target with its progress before and after, if the assignment has a target.
async fn realise(
    txn: &crate::connect::WriteTxn,
    row: &work_result::Model,
    now: DateTime<Utc>,
) -> Result<Option<(i64, f64, f64)>> {
    let a = assignment_row(txn, row.assignment_id).await?;
    let Some(target_id) = a.target_id else {
        return Ok(None);
    };
    let Some(target) = agreement_target::Entity::find_by_id(target_id)
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let stated = work_result_round::Entity::find()
        .filter(work_result_round::Column::ResultId.eq(row.id))
        .filter(work_result_round::Column::Round.eq(row.round))
        .one(txn)
        .await?
        .and_then(|r| r.realisation)
        .unwrap_or(100.0);
    let before = target.progress;
    let after = before.max(stated).clamp(0.0, 100.0);
    if after != before {
        let mut active: agreement_target::ActiveModel = target.into();
        active.progress = Set(after);
        agreement_target::Entity::update(active).exec(txn).await?;
    }
    work_result_realisation::Entity::insert(work_result_realisation::ActiveModel {
        result_id: Set(row.id),
        target_id: Set(target_id),
        before: Set(before),
        after: Set(after),
        recorded_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    Ok(Some((target_id, before, after)))
}

async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<work_result::Model>,
) -> Result<Vec<WorkResultView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut rounds: BTreeMap<(i64, i32), work_result_round::Model> = BTreeMap::new();
    for r in work_result_round::Entity::find()
        .filter(work_result_round::Column::ResultId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        rounds.insert((r.result_id, r.round), r);
    }
    let steps = work_result_step::Entity::find()
        .filter(work_result_step::Column::ResultId.is_in(ids.clone()))
        .order_by_asc(work_result_step::Column::Seq)
        .all(db)
        .await?;
    let mut skips: HashMap<(i64, i32, i32), Vec<SkippedView>> = HashMap::new();
    for k in work_result_skip::Entity::find()
        .filter(work_result_skip::Column::ResultId.is_in(ids.clone()))
        .order_by_asc(work_result_skip::Column::Id)
        .all(db)
        .await?
    {
        skips
            .entry((k.result_id, k.round, k.seq))
            .or_default()
            .push(SkippedView {
                position: PositionId(k.position_id),
                position_name: k.position_name,
                reason: k.reason,
                note: k.note,
                rule_id: k.rule_id,
                article: k.article,
            });
    }
    let mut decisions: HashMap<(i64, i32, i32), ResultDecisionView> = HashMap::new();
    for d in work_result_decision::Entity::find()
        .filter(work_result_decision::Column::ResultId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        let label = DecisionKind::parse(&d.decision)
            .map(|k| k.label().to_string())
            .unwrap_or_default();
        decisions.insert(
            (d.result_id, d.round, d.seq),
            ResultDecisionView {
                decision: d.decision,
                label,
                meets_target: d.meets_target,
                meets_expectation: d.meets_expectation,
                notes: d.notes,
                by: d.by_employee_id.map(EmployeeId),
                by_name: d.by_name,
                by_position: d.by_position,
                acting: d.acting,
                decided_at: d.decided_at,
                rule_id: d.rule_id,
                article: d.article,
            },
        );
    }
    let mut realisations: HashMap<i64, RealisationView> = HashMap::new();
    for z in work_result_realisation::Entity::find()
        .filter(work_result_realisation::Column::ResultId.is_in(ids))
        .all(db)
        .await?
    {
        realisations.insert(
            z.result_id,
            RealisationView {
                target: z.target_id,
                before: z.before,
                after: z.after,
                recorded_at: z.recorded_at,
            },
        );
    }
    let mut round_steps: BTreeMap<(i64, i32), Vec<ResultStepView>> = BTreeMap::new();
    for s in steps {
        let key = (s.result_id, s.round, s.seq);
        round_steps
            .entry((s.result_id, s.round))
            .or_default()
            .push(ResultStepView {
                step: usize::try_from(s.seq).unwrap_or_default(),
                position: PositionId(s.position_id),
                position_name: s.position_name,
                unit: UnitId(s.unit_id),
                unit_name: s.unit_name,
                class: s.class,
                reviewer: s.reviewer_id.map(EmployeeId),
                reviewer_name: s.reviewer_name,
                acting: s.acting,
                accepts: s.accepts,
                expectation_suffices: false,
                skipped: skips.remove(&key).unwrap_or_default(),
                rule_id: s.rule_id,
                article: s.article,
                decision: decisions.remove(&key),
            });
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let state = state_of(&r)?;
        let mut result_rounds = Vec::new();
        for n in 1..=r.round {
            let Some(o) = rounds.remove(&(r.id, n)) else {
                continue;
            };
            let mut steps = round_steps.remove(&(r.id, n)).unwrap_or_default();
            if let Some(kind) = DepartmentKind::from_code(&o.department_kind) {
                let len = steps.len();
                for s in &mut steps {
                    s.expectation_suffices = expectation_suffices(kind, len, s.step);
                }
            }
            result_rounds.push(ResultRoundView {
                round: u32::try_from(n).unwrap_or_default(),
                summary: o.summary,
                realisation: o.realisation,
                meets_target: o.meets_target,
                department_kind: o.department_kind,
                from_outside: o.from_outside,
                submitted_at: o.submitted_at,
                submitted_by: o.submitted_by,
                steps,
            });
        }
        let waiting_at = match state {
            ReviewState::AtStep { step } => result_rounds
                .last()
                .and_then(|o| o.steps.get(step))
                .map(|s| s.position_name.clone()),
            _ => None,
        };
        out.push(WorkResultView {
            id: WorkResultId(r.id),
            assignment: AssignmentId(r.assignment_id),
            activity: r.activity_id,
            agency: AgencyId(r.agency_id),
            title: r.title,
            submitter: r.submitter_id.map(EmployeeId),
            submitter_name: r.submitter_name,
            state,
            state_label: state.label().to_string(),
            waiting_at,
            round: u32::try_from(r.round).unwrap_or_default(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            accepted_at: r.accepted_at,
            rounds: result_rounds,
            realisation: realisations.remove(&r.id),
        });
    }
    Ok(out)
}
