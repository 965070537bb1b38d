//! `/penugasan/{id}/ubah` (issue 14 point 6): a draft changed before its workflow starts, in
//! the draft form of `new.rs` filled with what is recorded — title, field of the task,
//! execution, period, members with their roles and periods, owner, the reason for the team
//! lead. The assignment's page offers it to whoever the domain lets change the draft
//! (`sikerja_domain::assignment::may_change_draft`, the same rule `PUT /api/v1/assignments/{id}`
//! refuses by): the head of the owner Unit Organisasi (or its Plt./Plh.) — who takes up a
//! draft a Kepala Bidang/Seksi prepared for them, appoints and then starts it — the preparer,
//! and a volunteer for their own request. Saving goes through
//! `Store::change_assignment_draft`; a refusal shows the form again with the Indonesian
//! message, its rule and article, keeping what was typed, and changes nothing.

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::Response;
use sikerja_domain::assignment::{AssignmentId, AssignmentStatus};
use sikerja_storage::{AssignmentView, StorageError};

use super::new::{self, Changing, NewAssignmentPage};
use crate::AppState;
use crate::authz::{Principal, require_assignment};
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::pages::planning::forms::Pairs;

/// The recorded draft `id` for someone who may change it now: 409 once its workflow started,
/// 403 with the rule (PEN-10) for whoever the domain does not let change it.
async fn changeable(
    state: &AppState,
    principal: &Principal,
    id: i64,
) -> Result<AssignmentView, WebError> {
    let a = state.store.assignment(AssignmentId(id)).await?;
    require_assignment(&state.store, principal, a.id, a.agency).await?;
    let me = principal
        .actor()
        .and_then(|x| x.facts().employee)
        .ok_or_else(crate::authz::official_only)?;
    state.store.may_change_assignment_draft(a.id, me).await?;
    Ok(a)
}

/// Whether the reader may change the draft (the link on the assignment's page): the same
/// question as [`changeable`], a refusal read as "no".
pub(crate) async fn may_change(
    state: &AppState,
    principal: &Principal,
    a: &AssignmentView,
) -> Result<bool, WebError> {
    let Some(me) = principal.actor().and_then(|x| x.facts().employee) else {
        return Ok(false);
    };
    if a.status != AssignmentStatus::Draft {
        return Ok(false);
    }
    match state.store.may_change_assignment_draft(a.id, me).await {
        Ok(()) => Ok(true),
        Err(StorageError::Forbidden { .. } | StorageError::Conflict { .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The form's fields as the recorded draft fills them: the general period runs from the
/// first member's start to the last member's end.
fn pairs_of(a: &AssignmentView) -> Pairs {
    let mut pairs: Pairs = vec![
        ("title".into(), a.title.clone()),
        ("field".into(), a.field.clone()),
        ("execution".into(), a.execution.code().into()),
        (
            "owner_unit".into(),
            a.owner_unit.map(|u| u.0.to_string()).unwrap_or_default(),
        ),
        (
            "team_lead_reason".into(),
            a.team_lead_reason.clone().unwrap_or_default(),
        ),
    ];
    if let Some(start) = a.members.iter().map(|m| m.from).min() {
        pairs.push(("start".into(), start.to_string()));
    }
    if let Some(until) = a.members.iter().map(|m| m.until).max() {
        pairs.push(("until".into(), until.to_string()));
    }
    for m in &a.members {
        let Some(e) = m.employee else { continue };
        pairs.push(("member".into(), e.0.to_string()));
        pairs.push((format!("role_{}", e.0), m.role.code().into()));
        pairs.push((format!("from_{}", e.0), m.from.to_string()));
        pairs.push((format!("until_{}", e.0), m.until.to_string()));
    }
    pairs
}

fn changing(a: &AssignmentView) -> Changing {
    Changing {
        id: a.id,
        title: a.title.clone(),
        target: a.target,
    }
}

/// `GET /penugasan/{id}/ubah`: the form filled with the recorded draft.
pub async fn show_change_assignment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<NewAssignmentPage, PageError> {
    let a = changeable(&state, &principal, id).await?;
    let pairs = pairs_of(&a);
    Ok(new::page(&state, &principal, &pairs, None, None, Some(&changing(&a))).await?)
}

/// `POST /penugasan/{id}/ubah` — as `POST /penugasan/baru`: `action=check` checks the changed
/// draft (against the other assignments of its members, not itself), `action=create` records
/// the change; a search or a page of the list shows the form again with what it holds.
pub async fn change_assignment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let a = changeable(&state, &principal, id).await?;
    let Form(pairs) = form?;
    new::submit(&state, &principal, &pairs, Some(&changing(&a))).await
}
