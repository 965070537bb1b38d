//! Assignment pages (issue 5; PEN-01..19): the person's inbox and assignments (`/penugasan`),
//! the draft form with the candidate picker (`/penugasan/baru`), an assignment with the
//! swimlane of its approval workflow and the forms to take its steps (`/penugasan/{id}`), and
//! the preview of a recorded letter (`/penugasan/surat/{id}`), and the same draft form to change
//! a recorded draft before its workflow starts (`/penugasan/{id}/ubah`, issue 14 point 6). Storage decides every change
//! (who may draft, who holds a step); a refused form shows the page again with the Indonesian
//! reason and changes nothing.

pub mod change;
pub mod index;
pub mod letter;
pub mod letter_files;
pub mod new;
mod picker;
pub mod show;
pub mod steps;
mod swimlane;

use chrono::Utc;
use sikerja_domain::assignment::MemberRole;
use sikerja_domain::workflow::{Lane, StepKind, WorkflowKind};
use sikerja_storage::{AssignmentView, InboxItem, TaskCategory};

use crate::authz::Principal;
use crate::format;

/// What the button of a step says: the domain's label of the step kind.
fn proceed_label(kind: StepKind) -> &'static str {
    kind.action_label()
}

/// What a step kind asks, for the swimlane.
fn kind_label(kind: StepKind) -> &'static str {
    kind.label()
}

fn role_label(role: MemberRole, team: bool) -> &'static str {
    match role {
        MemberRole::TeamLead => "Ketua Tim",
        MemberRole::Member if team => "Anggota",
        MemberRole::Member => "Pelaksana tugas individu",
    }
}

/// Whether the reader holds the lane of a workflow's first step for this assignment — the
/// head of the owner unit, or the volunteer — so that the start form and the nudge button are
/// shown (storage decides again on every change).
fn holds_first_lane(principal: &Principal, a: &AssignmentView, kind: WorkflowKind) -> bool {
    let Some(facts) = principal.actor().map(|x| x.facts()) else {
        return false;
    };
    match kind.definition().steps.first().map(|s| s.lane) {
        Some(Lane::OwnerHead) => facts
            .posts
            .iter()
            .any(|p| p.is_head && Some(p.unit) == a.owner_unit),
        Some(Lane::Employee) => a
            .members
            .iter()
            .any(|m| m.employee.is_some() && m.employee == facts.employee),
        _ => false,
    }
}

/// An inbox line as shown (the inbox page and the start page).
pub struct InboxLine {
    pub task: i64,
    pub assignment: i64,
    pub title: String,
    pub step_label: String,
    pub lane_label: String,
    pub holder: String,
    pub waited: String,
    pub reminded: Option<String>,
    pub note: String,
    pub category: &'static str,
    pub rule_id: String,
    pub article: &'static str,
    /// A copy or notice, marked read rather than decided.
    pub readable: bool,
}

impl InboxLine {
    pub fn new(i: &InboxItem, now: chrono::DateTime<Utc>) -> Self {
        let def = i.workflow.definition();
        InboxLine {
            task: i.task,
            assignment: i.assignment.0,
            title: i.title.clone(),
            step_label: i.step_label.clone(),
            lane_label: i.lane_label.clone(),
            holder: i.holder.clone(),
            waited: format::waited(i.since, now),
            reminded: i.reminded_at.map(format::date_time),
            note: i.note.clone(),
            category: i.category.label(),
            rule_id: def.rule.to_string(),
            article: def.article,
            readable: matches!(i.category, TaskCategory::Copy | TaskCategory::Notice),
        }
    }
}

/// The inbox of the reader (empty for tokens and people without an employee record).
pub(crate) async fn inbox_of(
    state: &crate::AppState,
    principal: &Principal,
) -> Result<Vec<InboxItem>, crate::error::WebError> {
    if principal.actor().is_none() {
        return Ok(Vec::new());
    }
    let by = principal.planning_actor(None)?;
    Ok(state.store.inbox(&by).await?)
}
