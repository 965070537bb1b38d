//! The approval workflow of an assignment (issue 5, PEN-13..18): starting it from a recorded
//! draft and taking its steps. The domain state machine (`sikerja_domain::workflow`) says what
//! a decision does; here each step is authorised against the position its lane names, inside
//! the transaction that records it with its audit row. A step is decided once: the request row
//! is locked (PostgreSQL; SQLite serialises writers) and a unique index on (request, step,
//! member) refuses a second record, so of two people deciding at once exactly one is recorded
//! and the other is told it is already decided.
//!
//! Who holds each lane is decided by the domain (`sikerja_domain::holders::lanes`) over an
//! organisation snapshot [`lanes`] loads once per decision;
//! steps of the other side (their PPK, head, Pejabat yang Berwenang) and receipts are taken
//! once per member concerned ([`lanes::per_member`]). What waits for whom is kept as tasks
//! ([`tasks`]) for the inbox, nudges and escalation; the letters a step produces are recorded
//! with their content ([`letters`]).

pub(crate) mod lanes;
mod letters;
mod list;
mod member_of;
mod policy;
mod tasks;

pub use letters::LetterRecord;
pub(crate) use letters::{issuer as letter_issuer, record_of as letter_record};
pub use list::AssignmentLine;
pub use member_of::MembershipLine;
pub use policy::{MAX_ESCALATION_HOURS, WorkflowPolicy};
pub use tasks::{InboxItem, ReminderView, TaskCategory, WaitingView};

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, SqlErr,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::assignment::{
    AssignmentId, AssignmentMethod, AssignmentScope, AssignmentStatus,
};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::EmployeeId;
use sikerja_domain::workflow::{
    Decision, Involvement, Lane, Refusal, RequestState, State, StepDecision, TaskKind,
    WorkflowError, WorkflowKind, advance, check_answerable, start, workflow_for,
};

use self::lanes::Context;
use crate::entities::{
    assignment, assignment_request, issued_letter, request_letter, request_step, request_task,
};
use crate::error::{Result, StorageError, corrupt};
use crate::issuing::{RenderLetter, issue_in};
use crate::planning::PlanningActor;
use crate::{Store, audit};

/// Id of a request.
pub type RequestId = i64;

/// A step as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepView {
    pub step: String,
    pub lane: String,
    pub member: Option<EmployeeId>,
    pub decision: StepDecision,
    pub text: String,
    pub actor: String,
    pub actor_position: Option<String>,
    pub decided_at: DateTime<Utc>,
    pub letter: Option<String>,
    pub copies: Vec<String>,
}

/// A request with its steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestView {
    pub id: RequestId,
    pub assignment: AssignmentId,
    pub workflow: WorkflowKind,
    pub state: RequestState,
    pub current_step: Option<String>,
    pub purpose: String,
    pub competence: String,
    pub expected_targets: String,
    pub duration: String,
    pub steps: Vec<StepView>,
    /// Who the current step waits on (one line per holder and member concerned).
    pub waiting: Vec<WaitingView>,
    pub reminders: Vec<ReminderView>,
    pub letters: Vec<LetterRecord>,
    /// The kinds of the request's letters issued with their number and not cancelled: the
    /// fact `check_answerable` reads (DOC-05), so a page offers a step only when it may be
    /// taken.
    pub issued: Vec<sikerja_domain::workflow::LetterKind>,
}

/// What a person decides on a step, with the text of the decision (reasons for a refusal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepInput {
    pub step: String,
    pub refuse: bool,
    pub text: String,
}

impl StepInput {
    /// What the input decides.
    pub fn decision(&self) -> StepDecision {
        StepDecision::of_refusal(self.refuse)
    }
}

fn state_of(row: &assignment_request::Model, kind: WorkflowKind) -> Result<State> {
    let state =
        RequestState::from_code(&row.state).ok_or_else(|| corrupt("request state", &row.state))?;
    Ok(match state {
        RequestState::Assigned => State::Assigned,
        RequestState::Refused => State::Refused {
            step: kind
                .definition()
                .step(row.current_step.as_deref().unwrap_or_default())
                .map_or("", |s| s.code),
        },
        RequestState::Open => {
            let code = row.current_step.as_deref().unwrap_or_default();
            let step = kind
                .definition()
                .step(code)
                .ok_or_else(|| corrupt("request step", code))?;
            State::At { step: step.code }
        }
    })
}

fn workflow_error(e: WorkflowError) -> StorageError {
    let message = e.to_string();
    match e {
        WorkflowError::AlreadyDecided { .. } | WorkflowError::Closed => {
            StorageError::conflict("already_decided", message)
        }
        WorkflowError::UnknownStep { .. } => StorageError::invalid("unknown_step", message),
        WorkflowError::ReasonsRequired => StorageError::invalid("reasons_required", message),
        WorkflowError::NotRefusable => StorageError::invalid("not_refusable", message),
        WorkflowError::LetterNotIssued { .. } => {
            StorageError::conflict("request_letter_not_issued", message)
        }
    }
}

fn not_the_holder(lane: Lane) -> StorageError {
    StorageError::forbidden(
        "not_the_step_holder",
        format!(
            "Langkah ini diambil oleh {} (PEN-18: hanya pemegang atau pelaksana tugas jabatan yang disebut langkah itu).",
            lane.label()
        ),
    )
}

async fn request_row(
    txn: &DatabaseTransaction,
    id: RequestId,
) -> Result<assignment_request::Model> {
    assignment_request::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("assignment_request", id))
}

async fn assignment_row(txn: &DatabaseTransaction, id: i64) -> Result<assignment::Model> {
    assignment::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("assignment", id))
}

/// The request (locked) and its assignment with members.
pub(crate) async fn load(
    txn: &DatabaseTransaction,
    id: RequestId,
) -> Result<(assignment_request::Model, Context)> {
    let req = request_row(txn, id).await?;
    let a = assignment_row(txn, req.assignment_id).await?;
    Ok((req, Context::load(txn, a).await?))
}

/// The kinds of the letters of request `request` issued now (a live, not cancelled, issue).
async fn issued_kinds<C: sea_orm::ConnectionTrait>(
    txn: &C,
    request: i64,
) -> Result<Vec<sikerja_domain::workflow::LetterKind>> {
    let letters = request_letter::Entity::find()
        .filter(request_letter::Column::RequestId.eq(request))
        .all(txn)
        .await?;
    let live: Vec<i64> = issued_letter::Entity::find()
        .filter(issued_letter::Column::RequestLetterId.is_in(letters.iter().map(|l| l.id)))
        .filter(
            issued_letter::Column::Status.eq(sikerja_domain::workflow::LetterStatus::Issued.code()),
        )
        .all(txn)
        .await?
        .into_iter()
        .map(|i| i.request_letter_id)
        .collect();
    Ok(letters
        .iter()
        .filter(|l| live.contains(&l.id))
        .filter_map(|l| sikerja_domain::workflow::LetterKind::from_code(&l.kind))
        .collect())
}

/// Takes one step of an open request inside `txn`: for every party of the step whose lane
/// `by` holds and that has not been decided yet. Returns the state after it. A step that makes
/// an instrument (Surat Tugas, Surat Penugasan, Keputusan) issues it here with `render` —
/// number, files, status issued — so that the step, the letter and their audit rows are one
/// decision (issue 15 point 4); if the issue fails the step is refused and nothing is kept.
async fn take_step(
    txn: &crate::connect::WriteTxn,
    req: &assignment_request::Model,
    ctx: &Context,
    input: &StepInput,
    by: &PlanningActor,
    render: &dyn RenderLetter,
) -> Result<State> {
    let a = &ctx.assignment;
    let kind =
        WorkflowKind::from_code(&req.workflow).ok_or_else(|| corrupt("workflow", &req.workflow))?;
    let def = kind.definition();
    let s = def.step(&input.step).ok_or_else(|| {
        workflow_error(WorkflowError::UnknownStep {
            step: input.step.clone(),
        })
    })?;
    let state = state_of(req, kind)?;
    let decision = if input.refuse {
        Decision::Refuse(Refusal {
            reasons: input.text.clone(),
        })
    } else {
        Decision::Proceed
    };
    // Check the turn first, so that a late second decision hears "already decided".
    let t = advance(kind, &state, s.code, &decision).map_err(workflow_error)?;
    let holders = ctx.holders(txn, s.lane).await?;
    if holders.is_empty() {
        return Err(StorageError::conflict(
            "lane_vacant",
            format!(
                "Tidak ada pemegang jabatan untuk langkah ini ({}). Lengkapi data jabatan atau tetapkan Plt./Plh. terlebih dahulu.",
                s.lane.label()
            ),
        ));
    }
    let mut mine = Vec::new();
    for h in &holders {
        if ctx.held_by(txn, h, by).await? {
            mine.push(h);
        }
    }
    if mine.is_empty() {
        return Err(not_the_holder(s.lane));
    }
    // An involvement request is answered once it has gone out numbered (DOC-05).
    let issued = issued_kinds(txn, req.id).await?;
    check_answerable(kind, s.code, |l| issued.contains(&l)).map_err(workflow_error)?;
    let all_parties = lanes::parties(s.lane, &holders);
    let decided: Vec<i64> = request_step::Entity::find()
        .filter(request_step::Column::RequestId.eq(req.id))
        .filter(request_step::Column::Step.eq(s.code))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.member_id)
        .collect();
    let mut now_parties: Vec<i64> = mine
        .iter()
        .map(|h| {
            if lanes::per_member(s.lane) {
                h.party
            } else {
                0
            }
        })
        .filter(|p| !decided.contains(p))
        .collect();
    now_parties.sort_unstable();
    now_parties.dedup();
    if now_parties.is_empty() {
        return Err(workflow_error(WorkflowError::AlreadyDecided {
            waiting: s.label.to_string(),
        }));
    }
    let acting_as = mine
        .iter()
        .find_map(|h| h.position.map(|_| h.label.clone()));
    let now = Utc::now().trunc_subsecs(6);
    let letter = if input.refuse {
        s.refusal_letter
    } else {
        t.letter
    };
    let copies: Vec<&str> = t.copies.iter().map(|c| c.code()).collect();
    let rows = now_parties.iter().map(|party| request_step::ActiveModel {
        request_id: Set(req.id),
        step: Set(s.code.to_string()),
        lane: Set(s.lane.code().to_string()),
        member_id: Set(*party),
        decision: Set(input.decision().code().to_string()),
        text: Set(input.text.trim().to_string()),
        actor: Set(by.audit.label.clone()),
        actor_position: Set(acting_as.clone().or_else(|| by.audit.position.clone())),
        actor_employee_id: Set(by.employee.map(|e| e.0)),
        decided_at: Set(now),
        letter: Set(letter.map(|l| l.code().to_string())),
        copies: Set(json!(copies).to_string()),
        ..Default::default()
    });
    request_step::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                workflow_error(WorkflowError::AlreadyDecided {
                    waiting: s.label.to_string(),
                })
            }
            _ => StorageError::Database(e),
        })?;
    tasks::close_tasks(txn, req.id, Some(s.code), Some(&now_parties), now).await?;
    // A per-member step goes on once every party has taken it; a refusal ends it at once.
    let complete = input.refuse
        || all_parties
            .iter()
            .all(|p| decided.contains(p) || now_parties.contains(p));
    let to = if complete {
        t.to.clone()
    } else {
        state.clone()
    };
    if let Some(kind) = letter {
        let id = letters::record(txn, req, ctx, s, kind, input, by, &now_parties, now).await?;
        if !input.refuse && s.issues_on_proceed() == Some(kind) {
            issue_in(txn, id, by, |facts| render.render(facts))
                .await
                .map_err(|e| match e {
                    StorageError::Invalid { code, message } => StorageError::Invalid {
                        code,
                        message: format!(
                            "Langkah tidak diambil karena {} tidak dapat diterbitkan: {message}",
                            kind.label()
                        ),
                    },
                    other => other,
                })?;
        }
    }
    if complete {
        if !input.refuse && !t.copies.is_empty() {
            for lane in &t.copies {
                let hs = ctx.holders(txn, *lane).await?;
                let at = tasks::TaskAt {
                    request: req.id,
                    step: s.code,
                    lane: *lane,
                    kind: TaskKind::Copy,
                    note: "",
                    now,
                };
                tasks::open_tasks(txn, &at, &hs).await?;
            }
        }
        match &to {
            State::At { step } => {
                let next = def
                    .step(step)
                    .ok_or_else(|| corrupt("request step", step))?;
                let hs = ctx.holders(txn, next.lane).await?;
                let at = tasks::TaskAt {
                    request: req.id,
                    step: next.code,
                    lane: next.lane,
                    kind: TaskKind::Decide,
                    note: "",
                    now,
                };
                tasks::open_tasks(txn, &at, &hs).await?;
            }
            State::Assigned | State::Refused { .. } => {
                tasks::close_tasks(txn, req.id, None, None, now).await?;
            }
        }
    }
    let row_state = RequestState::of(&to);
    let assignment_status = row_state.assignment_status().code();
    let current = match &to {
        State::At { step } | State::Refused { step } => Some(step.to_string()),
        State::Assigned => None,
    };
    let mut active: assignment_request::ActiveModel = req.clone().into();
    active.state = Set(row_state.code().to_string());
    active.current_step = Set(current);
    active.updated_at = Set(now);
    assignment_request::Entity::update(active).exec(txn).await?;
    if a.status != assignment_status {
        let mut status: assignment::ActiveModel = a.clone().into();
        status.status = Set(assignment_status.to_string());
        assignment::Entity::update(status).exec(txn).await?;
    }
    audit::append_by(
        txn,
        &by.audit,
        AuditAction::RequestStep,
        audit::Subject::new(AuditSubject::Assignment, a.id, a.agency_id),
        json!({
            "request": req.id,
            "workflow": kind.code(),
            "rule_id": def.rule.to_string(),
            "article": def.article,
            "step": s.code,
            "lane": s.lane.code(),
            "acting_as": acting_as,
            "members": now_parties.iter().filter(|p| **p != 0).collect::<Vec<_>>(),
            "decision": input.decision().code(),
            "text": input.text.trim(),
            "letter": letter.map(|l| l.label()),
            "copies": t.copies.iter().map(|c| c.label()).collect::<Vec<_>>(),
            "state": row_state.code(),
        }),
    )
    .await?;
    Ok(to)
}

/// What the requester writes when starting a request: the text of the first step and, for an
/// involvement request (PEN-14.1, PEN-15.1), its four required contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestStart {
    pub text: String,
    pub involvement: Involvement,
}

fn needs_involvement(kind: WorkflowKind) -> bool {
    kind.definition().steps[0].letter
        == Some(sikerja_domain::workflow::LetterKind::InvolvementRequest)
}

impl Store {
    /// Starts the workflow of a recorded draft and takes its first step as `by` (who must hold
    /// its lane): the head assigning within the unit (PEN-13) or requesting involvement (PEN-14,
    /// PEN-15: purpose, competence, expected targets and duration required), the employee
    /// stating their wish (PEN-16, PEN-17). The workflow follows from the draft's scope and
    /// method. A first step that makes a Surat Tugas issues it with `render` (issue 15 point 4).
    pub async fn start_request(
        &self,
        assignment: AssignmentId,
        content: &RequestStart,
        by: &PlanningActor,
        render: &dyn RenderLetter,
    ) -> Result<RequestId> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        // Locked: a change of the draft (issue 14 point 6) waits, then finds it started.
        let a = assignment::Entity::find_by_id(assignment.0)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("assignment", assignment.0))?;
        if a.status != AssignmentStatus::Draft.code() {
            return Err(StorageError::conflict(
                "assignment_not_draft",
                "Alur penugasan ini sudah dimulai.",
            ));
        }
        let scope =
            AssignmentScope::from_code(&a.scope).ok_or_else(|| corrupt("scope", &a.scope))?;
        let method =
            AssignmentMethod::from_code(&a.method).ok_or_else(|| corrupt("method", &a.method))?;
        let kind = workflow_for(scope, method).ok_or_else(|| {
            StorageError::invalid(
                "volunteer_across_agencies",
                "Pengajuan sukarela tidak dapat dilakukan lintas Instansi Pemerintah (PEN-11, Lampiran II.B.2).",
            )
        })?;
        if needs_involvement(kind)
            && let Err(missing) = content.involvement.check()
        {
            return Err(StorageError::Invalid {
                code: "involvement_incomplete",
                message: missing
                    .iter()
                    .map(|m| m.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            });
        }
        let first = start(kind);
        let now = Utc::now().trunc_subsecs(6);
        let i = &content.involvement;
        let id = assignment_request::Entity::insert(assignment_request::ActiveModel {
            assignment_id: Set(a.id),
            workflow: Set(kind.code().to_string()),
            state: Set(RequestState::Open.code().to_string()),
            current_step: Set(first.current().map(str::to_string)),
            purpose: Set(i.purpose.trim().to_string()),
            competence: Set(i.competence.trim().to_string()),
            expected_targets: Set(i.expected_targets.trim().to_string()),
            duration: Set(i.duration.trim().to_string()),
            created_at: Set(now),
            created_by: Set(by.audit.label.clone()),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                StorageError::conflict("assignment_not_draft", "Alur penugasan ini sudah dimulai.")
            }
            _ => StorageError::Database(e),
        })?
        .last_insert_id;
        let req = request_row(&txn, id).await?;
        let ctx = Context::load(&txn, a).await?;
        let step = StepInput {
            step: first.current().unwrap_or_default().to_string(),
            refuse: false,
            text: content.text.clone(),
        };
        take_step(&txn, &req, &ctx, &step, by, render).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Takes a step of a request (PEN-18: only the holder of its lane, only once). A step that
    /// makes an instrument issues it with `render` in the same transaction (issue 15 point 4);
    /// a step answering an involvement request not yet issued is refused
    /// (`request_letter_not_issued`, DOC-05).
    pub async fn decide_step(
        &self,
        request: RequestId,
        input: &StepInput,
        by: &PlanningActor,
        render: &dyn RenderLetter,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let (req, ctx) = load(&txn, request).await?;
        take_step(&txn, &req, &ctx, input, by, render).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The request of an assignment, if its workflow has started.
    pub async fn request_of(&self, assignment: AssignmentId) -> Result<Option<RequestId>> {
        Ok(assignment_request::Entity::find()
            .filter(assignment_request::Column::AssignmentId.eq(assignment.0))
            .one(&self.db)
            .await?
            .map(|r| r.id))
    }

    /// A request with every step taken (oldest first), who it waits on, its reminders and the
    /// letters it produced.
    pub async fn assignment_request(&self, id: RequestId) -> Result<RequestView> {
        let r = assignment_request::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("assignment_request", id))?;
        let waiting = self.waiting_or_vacancy(&r).await?;
        let steps = request_step::Entity::find()
            .filter(request_step::Column::RequestId.eq(id))
            .order_by_asc(request_step::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| {
                Ok(StepView {
                    decision: StepDecision::from_code(&s.decision)
                        .ok_or_else(|| corrupt("step decision", &s.decision))?,
                    step: s.step,
                    lane: s.lane,
                    member: (s.member_id != 0).then_some(EmployeeId(s.member_id)),
                    text: s.text,
                    actor: s.actor,
                    actor_position: s.actor_position,
                    decided_at: s.decided_at,
                    letter: s.letter,
                    copies: serde_json::from_str(&s.copies).unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(RequestView {
            id: r.id,
            assignment: AssignmentId(r.assignment_id),
            workflow: WorkflowKind::from_code(&r.workflow)
                .ok_or_else(|| corrupt("workflow", &r.workflow))?,
            state: RequestState::from_code(&r.state)
                .ok_or_else(|| corrupt("request state", &r.state))?,
            current_step: r.current_step,
            purpose: r.purpose,
            competence: r.competence,
            expected_targets: r.expected_targets,
            duration: r.duration,
            steps,
            waiting,
            reminders: tasks::reminders(&self.db, id).await?,
            letters: letters::of_request(&self.db, id).await?,
            issued: issued_kinds(&self.db, id).await?,
        })
    }
}

impl Store {
    /// Who the current step of an open request waits on; when nobody does (its lane had no
    /// holder when it opened, or has none now), the vacancy the domain names, with its rule.
    async fn waiting_or_vacancy(&self, r: &assignment_request::Model) -> Result<Vec<WaitingView>> {
        let mut waiting = tasks::waiting(&self.db, r.id).await?;
        let open = r.state == RequestState::Open.code();
        let current = match (open, r.current_step.as_deref()) {
            (true, Some(step)) => step,
            _ => return Ok(waiting),
        };
        let kind =
            WorkflowKind::from_code(&r.workflow).ok_or_else(|| corrupt("workflow", &r.workflow))?;
        let Some(step) = kind.definition().step(current) else {
            return Ok(waiting);
        };
        if waiting
            .iter()
            .any(|w| w.step == current && w.held_by.is_some())
        {
            return Ok(waiting);
        }
        let a = assignment::Entity::find_by_id(r.assignment_id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("assignment", r.assignment_id))?;
        let ctx = Context::load(&self.db, a).await?;
        if let Some(v) = ctx.vacancy(&self.db, step.lane).await? {
            let note = format!("{} ({})", v.note, v.citation);
            if let Some(w) = waiting.iter_mut().find(|w| w.step == current) {
                w.vacancy = Some(note);
            } else {
                waiting.push(WaitingView {
                    step: current.to_string(),
                    lane: step.lane.code().to_string(),
                    party: 0,
                    holder: step.lane.label().to_string(),
                    held_by: None,
                    since: r.updated_at,
                    reminded_at: None,
                    escalated_at: None,
                    vacancy: Some(note),
                });
            }
        }
        Ok(waiting)
    }
}

/// Opens the `decide` tasks of the open requests of `agency` whose current step has none
/// because its lane was vacant when the step opened, now that someone holds it (a regional
/// head's term recorded, issue 14 point 4): the step reaches the new holder's inbox. Returns
/// how many steps got tasks.
pub(crate) async fn open_vacant_steps(
    txn: &crate::connect::WriteTxn,
    agency: i64,
) -> Result<usize> {
    let open = assignment_request::Entity::find()
        .filter(assignment_request::Column::State.eq(RequestState::Open.code()))
        .filter(
            assignment_request::Column::AssignmentId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(assignment::Column::Id)
                    .from(assignment::Entity)
                    .and_where(assignment::Column::AgencyId.eq(agency))
                    .to_owned(),
            ),
        )
        .all(txn)
        .await?;
    let now = Utc::now().trunc_subsecs(6);
    let mut opened = 0;
    for r in open {
        let Some(current) = r.current_step.as_deref() else {
            continue;
        };
        let kind =
            WorkflowKind::from_code(&r.workflow).ok_or_else(|| corrupt("workflow", &r.workflow))?;
        let Some(s) = kind.definition().step(current) else {
            continue;
        };
        let has_task = request_task::Entity::find()
            .filter(request_task::Column::RequestId.eq(r.id))
            .filter(request_task::Column::Step.eq(current))
            .filter(request_task::Column::Kind.eq(TaskKind::Decide.code()))
            .filter(request_task::Column::DoneAt.is_null())
            .one(txn)
            .await?
            .is_some();
        if has_task {
            continue;
        }
        let a = assignment_row(txn, r.assignment_id).await?;
        let ctx = Context::load(txn, a).await?;
        let hs = ctx.holders(txn, s.lane).await?;
        if hs.is_empty() {
            continue;
        }
        let at = tasks::TaskAt {
            request: r.id,
            step: s.code,
            lane: s.lane,
            kind: TaskKind::Decide,
            note: "",
            now,
        };
        tasks::open_tasks(txn, &at, &hs).await?;
        opened += 1;
    }
    Ok(opened)
}
