//! Requests and their steps (PEN-13..18): starting, deciding, nudging, reading a request with
//! who it waits on, and the inbox.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::workflow::{Definition, Involvement};
use sikerja_storage::{InboxItem, RequestView, TaskCategory};
use utoipa::ToSchema;

/// The four contents of a *surat permohonan pelibatan* (PEN-14, PEN-15: Lampiran II.B.1.b.1,
/// II.B.1.c.1 huruf a–d). Required for cross-unit and cross-agency appointments.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct InvolvementDto {
    /// *Maksud dan tujuan*.
    pub purpose: String,
    /// *Kompetensi, keahlian, dan/atau keterampilan yang dibutuhkan*.
    pub competence: String,
    /// *Ekspektasi/target kinerja*.
    pub expected_targets: String,
    /// *Durasi pelibatan*.
    pub duration: String,
}

impl From<&InvolvementDto> for Involvement {
    fn from(i: &InvolvementDto) -> Self {
        Involvement {
            purpose: i.purpose.clone(),
            competence: i.competence.clone(),
            expected_targets: i.expected_targets.clone(),
            duration: i.duration.clone(),
        }
    }
}

impl From<&Involvement> for InvolvementDto {
    fn from(i: &Involvement) -> Self {
        InvolvementDto {
            purpose: i.purpose.clone(),
            competence: i.competence.clone(),
            expected_targets: i.expected_targets.clone(),
            duration: i.duration.clone(),
        }
    }
}

/// Starts the workflow of a recorded draft: the text of its first step and, for an
/// involvement request, its four contents.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StartRequestBody {
    /// The text of the first step (the instruction, the request, the wish).
    #[schema(example = "Ditugaskan menyusun SOP rujukan")]
    pub text: String,
    pub involvement: InvolvementDto,
}

/// A decision on the current step of a request.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StepRequest {
    /// The step's code, e.g. `receive`, `ppk_decision` (see `GET /api/v1/workflows`).
    #[schema(example = "receive")]
    pub step: String,
    /// Refuse (only a `decide` step, or a `compose` step that may answer with a refusal);
    /// the reasons go in `text` and are required.
    pub refuse: bool,
    /// The decision's note; the reasons of a refusal.
    pub text: String,
}

/// A reminder from the requester to whoever the current step waits on.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NudgeRequest {
    pub note: String,
}

/// A step as taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct TakenStepDto {
    pub step: String,
    pub label: String,
    pub lane: String,
    pub lane_label: String,
    /// The member the decision is about (per-member steps), else none.
    pub member: Option<i64>,
    /// `proceed` or `refuse`.
    pub decision: String,
    pub text: String,
    pub actor: String,
    pub actor_position: Option<String>,
    pub decided_at: DateTime<Utc>,
    /// The letter the step recorded.
    pub letter: Option<String>,
    /// Lanes that got a copy.
    pub copies: Vec<String>,
}

/// Who the current step waits on.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitingDto {
    pub step: String,
    pub lane: String,
    pub lane_label: String,
    /// The member concerned (per-member steps), else 0.
    pub party: i64,
    /// The position (or member, or regional head) addressed.
    pub holder: String,
    /// Who exercises it now.
    pub held_by: Option<String>,
    pub since: DateTime<Utc>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    /// Why nobody holds the lane, with the rule cited, when its office or position is vacant
    /// (e.g. no regional head in term on the day: PEN-12 · Pasal 14).
    pub vacancy: Option<String>,
}

/// A nudge, reminder or escalation notice.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReminderDto {
    /// `nudge`, `reminder`, `escalation`.
    pub kind: String,
    pub by: String,
    pub to: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// A letter as listed (the content: `GET /api/v1/letters/{id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct LetterLineDto {
    pub id: i64,
    pub step: String,
    /// `involvement_request`, `involvement_answer`, `assignment_letter`, `surat_tugas`,
    /// `secretary_decree`, `regent_decree`.
    pub kind: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
}

/// A request with its steps.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestDto {
    pub id: i64,
    pub assignment: i64,
    pub workflow: String,
    pub workflow_title: String,
    #[schema(example = "PEN-13")]
    pub rule_id: String,
    #[schema(example = "Lampiran II.B.1.a")]
    pub article: String,
    /// `open`, `assigned` or `refused`.
    pub state: String,
    pub current_step: Option<String>,
    pub involvement: InvolvementDto,
    pub steps: Vec<TakenStepDto>,
    pub waiting: Vec<WaitingDto>,
    pub reminders: Vec<ReminderDto>,
    pub letters: Vec<LetterLineDto>,
}

fn lane_label(def: &Definition, code: &str) -> String {
    def.lanes()
        .into_iter()
        .find(|l| l.code() == code)
        .map_or_else(|| code.to_string(), |l| l.label().to_string())
}

impl From<&RequestView> for RequestDto {
    fn from(r: &RequestView) -> Self {
        let def = r.workflow.definition();
        RequestDto {
            id: r.id,
            assignment: r.assignment.0,
            workflow: r.workflow.code().into(),
            workflow_title: def.title.into(),
            rule_id: def.rule.to_string(),
            article: def.article.into(),
            state: r.state.code().into(),
            current_step: r.current_step.clone(),
            involvement: InvolvementDto {
                purpose: r.purpose.clone(),
                competence: r.competence.clone(),
                expected_targets: r.expected_targets.clone(),
                duration: r.duration.clone(),
            },
            steps: r
                .steps
                .iter()
                .map(|s| TakenStepDto {
                    step: s.step.clone(),
                    label: def.step(&s.step).map_or("", |d| d.label).into(),
                    lane: s.lane.clone(),
                    lane_label: lane_label(&def, &s.lane),
                    member: s.member.map(|m| m.0),
                    decision: s.decision.code().to_string(),
                    text: s.text.clone(),
                    actor: s.actor.clone(),
                    actor_position: s.actor_position.clone(),
                    decided_at: s.decided_at,
                    letter: s.letter.clone(),
                    copies: s.copies.clone(),
                })
                .collect(),
            waiting: r
                .waiting
                .iter()
                .map(|w| WaitingDto {
                    step: w.step.clone(),
                    lane: w.lane.clone(),
                    lane_label: lane_label(&def, &w.lane),
                    party: w.party,
                    holder: w.holder.clone(),
                    held_by: w.held_by.clone(),
                    since: w.since,
                    reminded_at: w.reminded_at,
                    escalated_at: w.escalated_at,
                    vacancy: w.vacancy.clone(),
                })
                .collect(),
            reminders: r
                .reminders
                .iter()
                .map(|m| ReminderDto {
                    kind: m.kind.code().into(),
                    by: m.by.clone(),
                    to: m.to.clone(),
                    note: m.note.clone(),
                    at: m.at,
                })
                .collect(),
            letters: r
                .letters
                .iter()
                .map(|l| LetterLineDto {
                    id: l.id,
                    step: l.step.clone(),
                    kind: l.kind.code().into(),
                    label: l.label.clone(),
                    created_at: l.created_at,
                })
                .collect(),
        }
    }
}

/// The reminders a nudge sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct NudgedDto {
    pub reminded: usize,
}

/// Stable code of an inbox category.
pub fn category_code(c: TaskCategory) -> &'static str {
    match c {
        TaskCategory::Decide => "decide",
        TaskCategory::Forward => "forward",
        TaskCategory::Issue => "issue",
        TaskCategory::Establish => "establish",
        TaskCategory::Receive => "receive",
        TaskCategory::Copy => "copy",
        TaskCategory::Notice => "notice",
    }
}

/// A line of the inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxItemDto {
    /// The task (for `POST /api/v1/inbox/{task}/read` of a copy or notice).
    pub task: i64,
    pub request: i64,
    pub assignment: i64,
    pub title: String,
    pub workflow: String,
    pub step: String,
    pub step_label: String,
    /// `decide`, `forward`, `receive`, `copy`, `notice`.
    pub category: String,
    pub category_label: String,
    pub lane_label: String,
    pub holder: String,
    pub since: DateTime<Utc>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub note: String,
}

impl From<&InboxItem> for InboxItemDto {
    fn from(i: &InboxItem) -> Self {
        InboxItemDto {
            task: i.task,
            request: i.request,
            assignment: i.assignment.0,
            title: i.title.clone(),
            workflow: i.workflow.code().into(),
            step: i.step.clone(),
            step_label: i.step_label.clone(),
            category: category_code(i.category).into(),
            category_label: i.category.label().into(),
            lane_label: i.lane_label.clone(),
            holder: i.holder.clone(),
            since: i.since,
            reminded_at: i.reminded_at,
            note: i.note.clone(),
        }
    }
}

/// How many lines of each category.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct InboxCountsDto {
    pub decide: usize,
    pub forward: usize,
    /// Surat Tugas or Surat Penugasan to sign and issue.
    pub issue: usize,
    /// Keputusan to establish (PEN-12).
    pub establish: usize,
    pub receive: usize,
    pub copy: usize,
    pub notice: usize,
    pub total: usize,
}

/// The caller's inbox, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxDto {
    pub items: Vec<InboxItemDto>,
    pub counts: InboxCountsDto,
    /// Reports due, report requests and feedback waiting for the caller (issue 13,
    /// LAP-01..04); not counted in `counts`.
    pub reporting: crate::api::execution::dto::ReportingInboxDto,
}

impl InboxDto {
    pub fn new(items: &[InboxItem]) -> Self {
        let mut counts = InboxCountsDto {
            total: items.len(),
            ..InboxCountsDto::default()
        };
        for i in items {
            *match i.category {
                TaskCategory::Decide => &mut counts.decide,
                TaskCategory::Forward => &mut counts.forward,
                TaskCategory::Issue => &mut counts.issue,
                TaskCategory::Establish => &mut counts.establish,
                TaskCategory::Receive => &mut counts.receive,
                TaskCategory::Copy => &mut counts.copy,
                TaskCategory::Notice => &mut counts.notice,
            } += 1;
        }
        InboxDto {
            items: items.iter().map(InboxItemDto::from).collect(),
            counts,
            reporting: Default::default(),
        }
    }
}
