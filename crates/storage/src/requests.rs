//! The approval workflow of an assignment (issue 5, PEN-13..18): starting it from a recorded
//! draft and taking its steps. The domain state machine (`sikerja_domain::workflow`) says what
//! a decision does; here each step is authorised against the position its lane names, inside
//! the transaction that records it with its audit row. A step is decided once: the request row
//! is locked (PostgreSQL; SQLite serialises writers) and a unique index on (request, step,
//! member) refuses a second record, so of two people deciding at once exactly one is recorded
//! and the other is told it is already decided.
//!
//! This release resolves the lanes of the workflows inside one Unit Organisasi (PEN-13, PEN-16):
//! the head of the owner Unit Organisasi and the members. The cross-unit and cross-agency
//! workflows need the PPK, the head and the Pejabat yang Berwenang of the other side and are
//! refused with `workflow_not_available` until their lanes are resolved.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, SqlErr,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::assignment::{AssignmentId, AssignmentMethod, AssignmentScope};
use sikerja_domain::organisation::EmployeeId;
use sikerja_domain::workflow::{
    Decision, Lane, Refusal, State, WorkflowError, WorkflowKind, advance, start,
};

use crate::entities::{
    assignment, assignment_member, assignment_request, employee, position, request_step,
};
use crate::error::{Result, StorageError, corrupt};
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
    pub decision: String,
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
    /// `open`, `assigned` or `refused`.
    pub state: String,
    pub current_step: Option<String>,
    pub purpose: String,
    pub competence: String,
    pub expected_targets: String,
    pub duration: String,
    pub steps: Vec<StepView>,
}

/// What a person decides on a step, with the text of the decision (reasons for a refusal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepInput {
    pub step: String,
    pub refuse: bool,
    pub text: String,
}

/// The workflow of an assignment, from its scope and method (PEN-10, PEN-13..17).
pub fn workflow_for(scope: AssignmentScope, method: AssignmentMethod) -> Option<WorkflowKind> {
    match (scope, method) {
        (AssignmentScope::WithinUnit, AssignmentMethod::Appointment) => {
            Some(WorkflowKind::WithinUnitAppointment)
        }
        (AssignmentScope::CrossUnit, AssignmentMethod::Appointment) => {
            Some(WorkflowKind::CrossUnitAppointment)
        }
        (AssignmentScope::CrossAgency, AssignmentMethod::Appointment) => {
            Some(WorkflowKind::CrossAgencyAppointment)
        }
        (AssignmentScope::WithinUnit, AssignmentMethod::Volunteer) => {
            Some(WorkflowKind::VolunteerWithinUnit)
        }
        (AssignmentScope::CrossUnit, AssignmentMethod::Volunteer) => {
            Some(WorkflowKind::VolunteerCrossUnit)
        }
        // PEN-11: never across agencies.
        (AssignmentScope::CrossAgency, AssignmentMethod::Volunteer) => None,
    }
}

fn state_of(row: &assignment_request::Model, kind: WorkflowKind) -> Result<State> {
    Ok(match row.state.as_str() {
        "assigned" => State::Assigned,
        "refused" => State::Refused {
            step: kind
                .definition()
                .step(row.current_step.as_deref().unwrap_or_default())
                .map_or("", |s| s.code),
        },
        "open" => {
            let code = row.current_step.as_deref().unwrap_or_default();
            let step = kind
                .definition()
                .step(code)
                .ok_or_else(|| corrupt("request step", code))?;
            State::At { step: step.code }
        }
        other => return Err(corrupt("request state", other)),
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
    }
}

/// Whether `by` holds `lane` for this assignment (PEN-18: the holder or acting holder of the
/// position the step names). Returns the position name they act in, if any.
async fn holds_lane(
    txn: &DatabaseTransaction,
    a: &assignment::Model,
    lane: Lane,
    by: &PlanningActor,
) -> Result<Option<String>> {
    let Some(me) = by.employee else {
        return Err(not_the_holder(lane));
    };
    match lane {
        Lane::OwnerHead => {
            let heads = position::Entity::find()
                .filter(position::Column::UnitId.eq(a.owner_unit_id.unwrap_or(-1)))
                .filter(position::Column::IsHead.eq(true))
                .all(txn)
                .await?;
            let mine = employee::Entity::find_by_id(me.0)
                .one(txn)
                .await?
                .and_then(|e| e.position_id);
            heads
                .into_iter()
                .find(|p| mine == Some(p.id) || p.acting_employee_id == Some(me.0))
                .map(|p| Some(p.name))
                .ok_or_else(|| not_the_holder(lane))
        }
        Lane::Employee => {
            let member = assignment_member::Entity::find()
                .filter(assignment_member::Column::AssignmentId.eq(a.id))
                .filter(assignment_member::Column::EmployeeId.eq(me.0))
                .one(txn)
                .await?;
            member.map(|_| None).ok_or_else(|| not_the_holder(lane))
        }
        _ => Err(StorageError::invalid(
            "workflow_not_available",
            "Alur penugasan lintas Unit Organisasi dan lintas Instansi belum tersedia pada versi ini.",
        )),
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

/// Takes one step of an open request inside `txn`.
async fn take_step(
    txn: &DatabaseTransaction,
    req: &assignment_request::Model,
    a: &assignment::Model,
    input: &StepInput,
    by: &PlanningActor,
) -> Result<()> {
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
    let acting_as = holds_lane(txn, a, s.lane, by).await?;
    let per_member = s.kind == sikerja_domain::workflow::StepKind::Receive;
    let member_id = if per_member {
        by.employee.map_or(0, |e| e.0)
    } else {
        0
    };
    let now = Utc::now().trunc_subsecs(6);
    request_step::Entity::insert(request_step::ActiveModel {
        request_id: Set(req.id),
        step: Set(s.code.to_string()),
        lane: Set(s.lane.code().to_string()),
        member_id: Set(member_id),
        decision: Set(if input.refuse { "refuse" } else { "proceed" }.to_string()),
        text: Set(input.text.trim().to_string()),
        actor: Set(by.audit.label.clone()),
        actor_position: Set(acting_as.clone().or_else(|| by.audit.position.clone())),
        actor_employee_id: Set(by.employee.map(|e| e.0)),
        decided_at: Set(now),
        letter: Set(t.letter.map(|l| l.code().to_string())),
        copies: Set(json!(t.copies.iter().map(|c| c.code()).collect::<Vec<_>>()).to_string()),
        ..Default::default()
    })
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
    // A receipt completes the request when every member has received the letter.
    let to = if per_member {
        let members = assignment_member::Entity::find()
            .filter(assignment_member::Column::AssignmentId.eq(a.id))
            .all(txn)
            .await?
            .len();
        let received = request_step::Entity::find()
            .filter(request_step::Column::RequestId.eq(req.id))
            .filter(request_step::Column::Step.eq(s.code))
            .all(txn)
            .await?
            .len();
        if received >= members {
            t.to.clone()
        } else {
            state.clone()
        }
    } else {
        t.to.clone()
    };
    let (row_state, current, assignment_status) = match &to {
        State::At { step } => ("open", Some(step.to_string()), "requested"),
        State::Assigned => ("assigned", None, "active"),
        State::Refused { step } => ("refused", Some(step.to_string()), "refused"),
    };
    let mut active: assignment_request::ActiveModel = req.clone().into();
    active.state = Set(row_state.to_string());
    active.current_step = Set(current);
    active.updated_at = Set(now);
    assignment_request::Entity::update(active).exec(txn).await?;
    let mut status: assignment::ActiveModel = a.clone().into();
    status.status = Set(assignment_status.to_string());
    assignment::Entity::update(status).exec(txn).await?;
    audit::append_by(
        txn,
        &by.audit,
        "request.step",
        audit::Subject::new("assignment", a.id, a.agency_id),
        json!({
            "request": req.id,
            "workflow": kind.code(),
            "rule_id": def.rule.to_string(),
            "article": def.article,
            "step": s.code,
            "lane": s.lane.code(),
            "acting_as": acting_as,
            "decision": if input.refuse { "refuse" } else { "proceed" },
            "text": input.text.trim(),
            "letter": t.letter.map(|l| l.label()),
            "copies": t.copies.iter().map(|c| c.label()).collect::<Vec<_>>(),
            "state": row_state,
        }),
    )
    .await?;
    Ok(())
}

impl Store {
    /// Starts the workflow of a recorded draft and takes its first step as `by` (who must hold
    /// its lane): the head assigning within the unit (PEN-13), the employee stating their wish
    /// (PEN-16). The workflow follows from the draft's scope and method.
    pub async fn start_request(
        &self,
        assignment: AssignmentId,
        content: &StepInput,
        by: &PlanningActor,
    ) -> Result<RequestId> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let a = assignment_row(&txn, assignment.0).await?;
        if a.status != "draft" {
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
        let first = start(kind);
        let now = Utc::now().trunc_subsecs(6);
        let id = assignment_request::Entity::insert(assignment_request::ActiveModel {
            assignment_id: Set(a.id),
            workflow: Set(kind.code().to_string()),
            state: Set("open".to_string()),
            current_step: Set(first.current().map(str::to_string)),
            purpose: Set(String::new()),
            competence: Set(String::new()),
            expected_targets: Set(String::new()),
            duration: Set(String::new()),
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
        let step = StepInput {
            step: first.current().unwrap_or_default().to_string(),
            ..content.clone()
        };
        take_step(&txn, &req, &a, &step, by).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Takes a step of a request (PEN-18: only the holder of its lane, only once).
    pub async fn decide_step(
        &self,
        request: RequestId,
        input: &StepInput,
        by: &PlanningActor,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let req = request_row(&txn, request).await?;
        let a = assignment_row(&txn, req.assignment_id).await?;
        take_step(&txn, &req, &a, input, by).await?;
        txn.commit().await?;
        Ok(())
    }

    /// A request with every step taken, oldest first.
    pub async fn assignment_request(&self, id: RequestId) -> Result<RequestView> {
        let r = assignment_request::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("assignment_request", id))?;
        let steps = request_step::Entity::find()
            .filter(request_step::Column::RequestId.eq(id))
            .order_by_asc(request_step::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| StepView {
                step: s.step,
                lane: s.lane,
                member: (s.member_id != 0).then_some(EmployeeId(s.member_id)),
                decision: s.decision,
                text: s.text,
                actor: s.actor,
                actor_position: s.actor_position,
                decided_at: s.decided_at,
                letter: s.letter,
                copies: serde_json::from_str(&s.copies).unwrap_or_default(),
            })
            .collect();
        Ok(RequestView {
            id: r.id,
            assignment: AssignmentId(r.assignment_id),
            workflow: WorkflowKind::from_code(&r.workflow)
                .ok_or_else(|| corrupt("workflow", &r.workflow))?,
            state: r.state,
            current_step: r.current_step,
            purpose: r.purpose,
            competence: r.competence,
            expected_targets: r.expected_targets,
            duration: r.duration,
            steps,
        })
    }
}
