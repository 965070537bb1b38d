//! `/penugasan/{id}`: an assignment — its members, scope (PEN-03) and instrument (PEN-12) —
//! and its approval workflow drawn as a swimlane (PEN-13..17, Gambar 1–3) with who holds the
//! current step now; which of the forms (`steps.rs`) the reader may use — start the workflow,
//! take the current step (proceed, or refuse with reasons where the step allows), remind the
//! holder; the letters recorded.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use chrono::Utc;
use serde::Deserialize;
use sikerja_domain::assignment::{AssignmentId, AssignmentStatus, instrument_for};
use sikerja_domain::planning::target::Execution;
use sikerja_domain::workflow::{Involvement, LetterKind, RequestState, StepKind, check_answerable};
use sikerja_storage::TaskCategory;

use super::swimlane::{LaneRow, rows};
use super::{holds_first_lane, proceed_label, role_label};
use crate::AppState;
use crate::api::dto::assignment::refusable;
use crate::authz::{Principal, require_assignment};
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::views::Layout;

/// A member as shown.
pub struct MemberRow {
    pub name: String,
    pub nip: String,
    pub role: &'static str,
    pub membership: &'static str,
    pub period: String,
}

/// The workflow the assignment follows.
pub struct WorkflowInfo {
    pub title: &'static str,
    pub rule_id: String,
    pub article: &'static str,
    /// Number of steps (columns of the swimlane).
    pub steps: Vec<usize>,
}

/// The form of the current step, for its holder.
pub struct TakeForm {
    pub step: &'static str,
    pub label: &'static str,
    pub proceed: &'static str,
    pub refusable: bool,
    pub receive: bool,
    /// The letter going ahead issues at once — number, files — (issue 15 point 4).
    pub issues: Option<&'static str>,
    /// Why the step cannot be taken yet, when the domain says so (`check_answerable`: the
    /// involvement request it answers is still an unnumbered draft, DOC-05); the page then
    /// shows the reason instead of the buttons.
    pub blocked: Option<String>,
}

/// A recorded letter as listed.
pub struct LetterLink {
    pub id: i64,
    pub label: String,
    pub step: String,
    pub created: String,
}

/// A reminder as listed.
pub struct ReminderLine {
    pub kind: &'static str,
    pub by: String,
    pub to: String,
    pub note: String,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assignments/show.html")]
pub struct AssignmentPage {
    layout: Layout,
    id: i64,
    title: String,
    field: String,
    execution: &'static str,
    method: &'static str,
    method_rule: String,
    owner_unit_name: String,
    scope: &'static str,
    instrument: &'static str,
    instrument_rule_id: String,
    instrument_article: &'static str,
    status: &'static str,
    created: String,
    members: Vec<MemberRow>,
    error: Option<String>,
    notice: Option<String>,
    workflow: Option<WorkflowInfo>,
    lanes: Vec<LaneRow>,
    request_state: Option<&'static str>,
    involvement: Option<Involvement>,
    /// The reader may change the draft (`change.rs`): the "Ubah konsep" link.
    can_change: bool,
    can_start: bool,
    start_label: &'static str,
    start_needs_involvement: bool,
    take: Option<TakeForm>,
    can_nudge: bool,
    letters: Vec<LetterLink>,
    reminders: Vec<ReminderLine>,
}

/// `?diingatkan=2` after a nudge, `?diubah=1` after the draft was changed.
#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    pub diingatkan: Option<usize>,
    pub diubah: Option<u8>,
}

/// `GET /penugasan/{id}`
pub async fn show_assignment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    Query(q): Query<ShowQuery>,
) -> Result<AssignmentPage, PageError> {
    let notice = q
        .diingatkan
        .map(|n| format!("Pengingat dikirim kepada {n} pemegang langkah yang sedang menunggu."))
        .or_else(|| q.diubah.map(|_| "Konsep penugasan diubah.".to_string()));
    Ok(page(&state, &principal, id, None, notice).await?)
}

pub(crate) async fn page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: Option<String>,
    notice: Option<String>,
) -> Result<AssignmentPage, WebError> {
    let a = state.store.assignment(AssignmentId(id)).await?;
    require_assignment(&state.store, principal, a.id, a.agency).await?;
    let request = match state.store.request_of(a.id).await? {
        Some(r) => Some(state.store.assignment_request(r).await?),
        None => None,
    };
    let kind = request
        .as_ref()
        .map(|r| r.workflow)
        .or_else(|| sikerja_domain::workflow::workflow_for(a.scope, a.method));
    let team = a.execution == Execution::Team;
    let names: HashMap<i64, String> = a
        .members
        .iter()
        .filter_map(|m| m.employee.map(|e| (e.0, m.name.clone())))
        .collect();
    let now = Utc::now();
    let def = kind.map(|k| k.definition());
    let lanes = def
        .as_ref()
        .map(|d| rows(d, request.as_ref(), &names, now))
        .unwrap_or_default();
    // The current step's form, when the reader holds it (their inbox says so).
    let mut take = None;
    if let (Some(r), Some(d)) = (&request, &def)
        && r.state == RequestState::Open
        && let Some(s) = r.current_step.as_deref().and_then(|c| d.step(c))
        && principal.actor().is_some()
    {
        let by = principal.planning_actor(None)?;
        let mine = state.store.inbox(&by).await?.iter().any(|i| {
            i.request == r.id
                && i.step == s.code
                && !matches!(i.category, TaskCategory::Copy | TaskCategory::Notice)
        });
        if mine {
            let blocked = check_answerable(r.workflow, s.code, |l| r.issued.contains(&l))
                .err()
                .map(|e| e.to_string());
            take = Some(TakeForm {
                step: s.code,
                label: s.label,
                proceed: proceed_label(s.kind),
                refusable: refusable(s),
                receive: s.kind == StepKind::Receive,
                issues: s.issues_on_proceed().map(|l| l.label()),
                blocked,
            });
        }
    }
    let first = def.as_ref().and_then(|d| d.steps.first());
    let holds_first = kind.is_some_and(|k| holds_first_lane(principal, &a, k));
    let (instrument_citation_rule, instrument_article) = {
        let (_, c) = instrument_for(a.scope);
        (c.rule_id.to_string(), c.article)
    };
    let method_citation = a.method.citation();
    let can_change = super::change::may_change(state, principal, &a).await?;
    Ok(AssignmentPage {
        layout: Layout::new(a.title.clone(), state.demo_mode)
            .crumb("Penugasan", "/penugasan")
            .crumb(a.title.clone(), format!("/penugasan/{id}")),
        id,
        title: a.title.clone(),
        field: a.field.clone(),
        execution: a.execution.label(),
        method: a.method.label(),
        method_rule: method_citation.to_string(),
        owner_unit_name: a.owner_unit_name.clone(),
        scope: a.scope.label(),
        instrument: a.instrument.label(),
        instrument_rule_id: instrument_citation_rule,
        instrument_article,
        status: a.status.label_on(
            a.members
                .iter()
                .map(|m| (m.from, m.until))
                .reduce(|(f, u), (f2, u2)| (f.min(f2), u.max(u2))),
            sikerja_storage::policies::today(),
        ),
        created: format!("{} oleh {}", format::date_time(a.created_at), a.created_by),
        members: a
            .members
            .iter()
            .map(|m| MemberRow {
                name: m.name.clone(),
                nip: m.nip.clone(),
                role: role_label(m.role, team),
                membership: m.membership.label_for(a.execution),
                period: format!("{} – {}", m.from.label(), m.until.label()),
            })
            .collect(),
        error,
        notice,
        workflow: def.as_ref().map(|d| WorkflowInfo {
            title: d.title,
            rule_id: d.rule.to_string(),
            article: d.article,
            steps: (1..=d.steps.len()).collect(),
        }),
        lanes,
        request_state: request.as_ref().map(|r| r.state.label()),
        involvement: request.as_ref().and_then(|r| {
            (!r.purpose.is_empty()).then(|| Involvement {
                purpose: r.purpose.clone(),
                competence: r.competence.clone(),
                expected_targets: r.expected_targets.clone(),
                duration: r.duration.clone(),
            })
        }),
        can_change,
        can_start: request.is_none() && a.status == AssignmentStatus::Draft && holds_first,
        start_label: first.map_or("", |s| s.label),
        start_needs_involvement: first
            .is_some_and(|s| s.letter == Some(LetterKind::InvolvementRequest)),
        take,
        can_nudge: request
            .as_ref()
            .is_some_and(|r| r.state == RequestState::Open)
            && holds_first,
        letters: request
            .as_ref()
            .map(|r| {
                r.letters
                    .iter()
                    .map(|l| LetterLink {
                        id: l.id,
                        label: l.label.clone(),
                        step: def
                            .as_ref()
                            .and_then(|d| d.step(&l.step))
                            .map_or_else(|| l.step.clone(), |s| s.label.to_string()),
                        created: format::date_time(l.created_at),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        reminders: request
            .as_ref()
            .map(|r| {
                r.reminders
                    .iter()
                    .map(|m| ReminderLine {
                        kind: m.kind.label(),
                        by: m.by.clone(),
                        to: m.to.clone(),
                        note: m.note.clone(),
                        at: format::date_time(m.at),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}
