//! The work held by an agency's positions, as the impact preview lists it (issue 14 point 2):
//! open workflow steps (PEN-18), results waiting at a reviewer (MEK-05), problems waiting for
//! a head's decision (LAP-05) and running assignments by their owner unit's head (PEN-10).

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::assignment::AssignmentStatus;
use sikerja_domain::changes::{HeldItem, HeldItemKind};
use sikerja_domain::execution::review::ReviewState;
use sikerja_domain::organisation::{AgencyId, Organisation, PositionId};
use sikerja_domain::workflow::{TaskKind, WorkflowKind};

use crate::batch::rows_where_in;
use crate::entities::{
    assignment, assignment_request, request_task, team_issue_addressee, work_result,
    work_result_step,
};
use crate::error::Result;

/// Every piece of work held by a position of `org` (the agency's organisation as today's
/// tables hold it).
pub(crate) async fn held_items<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
    org: &Organisation,
) -> Result<Vec<HeldItem>> {
    let posts: Vec<i64> = org.positions.iter().map(|p| p.id.0).collect();
    let ours: HashSet<i64> = posts.iter().copied().collect();
    let mut held = Vec::new();

    // Open decisions of a workflow waiting for a position.
    let mut tasks =
        rows_where_in::<request_task::Entity, _>(db, request_task::Column::PositionId, &posts)
            .await?;
    tasks.sort_by_key(|t| t.id);
    tasks.retain(|t| t.kind == TaskKind::Decide.code() && t.done_at.is_none());
    // The step as people read it ("Persetujuan PPK …"), from the request's workflow.
    let request_ids: Vec<i64> = tasks.iter().map(|t| t.request_id).collect();
    let workflows: HashMap<i64, WorkflowKind> = rows_where_in::<assignment_request::Entity, _>(
        db,
        assignment_request::Column::Id,
        &request_ids,
    )
    .await?
    .into_iter()
    .filter_map(|r| Some((r.id, WorkflowKind::from_code(&r.workflow)?)))
    .collect();
    for t in tasks {
        if let Some(p) = t.position_id {
            let step = workflows
                .get(&t.request_id)
                .and_then(|w| w.definition().step(&t.step))
                .map_or(t.step.as_str(), |s| s.label);
            held.push(HeldItem {
                kind: HeldItemKind::WorkflowStep,
                id: t.id,
                label: format!(
                    "Langkah \"{step}\" permohonan #{} ({})",
                    t.request_id, t.holder_label
                ),
                position: PositionId(p),
            });
        }
    }

    // Results waiting at the reviewer of their current step.
    let waiting = work_result::Entity::find()
        .filter(work_result::Column::AgencyId.eq(agency.0))
        .filter(work_result::Column::State.eq(ReviewState::SUBMITTED.code()))
        .order_by_asc(work_result::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = waiting.iter().map(|r| r.id).collect();
    let steps: HashMap<(i64, i32, i32), i64> =
        rows_where_in::<work_result_step::Entity, _>(db, work_result_step::Column::ResultId, &ids)
            .await?
            .into_iter()
            .map(|s| ((s.result_id, s.round, s.seq), s.position_id))
            .collect();
    for r in &waiting {
        let Some(step) = r.current_step else { continue };
        if let Some(&p) = steps.get(&(r.id, r.round, step)) {
            held.push(HeldItem {
                kind: HeldItemKind::ResultReview,
                id: r.id,
                label: format!("Hasil kerja \"{}\" menunggu pemeriksaan", r.title),
                position: PositionId(p),
            });
        }
    }

    // Problems waiting for a head's decision.
    let mut addressed = rows_where_in::<team_issue_addressee::Entity, _>(
        db,
        team_issue_addressee::Column::PositionId,
        &posts,
    )
    .await?;
    addressed.sort_by_key(|a| a.id);
    for a in addressed.into_iter().filter(|a| a.decision.is_none()) {
        if let Some(p) = a.position_id {
            held.push(HeldItem {
                kind: HeldItemKind::ProblemDecision,
                id: a.id,
                label: format!(
                    "Permasalahan #{} menunggu keputusan {}",
                    a.issue_id, a.label
                ),
                position: PositionId(p),
            });
        }
    }

    // Running assignments, held by the head of their owner unit.
    let heads: HashMap<i64, PositionId> = org
        .positions
        .iter()
        .filter(|p| p.is_head)
        .map(|p| (p.unit.0, p.id))
        .collect();
    let running = assignment::Entity::find()
        .filter(assignment::Column::AgencyId.eq(agency.0))
        .filter(assignment::Column::Status.eq(AssignmentStatus::Active.code()))
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?;
    for a in running {
        let head = a.owner_unit_id.and_then(|u| heads.get(&u)).copied();
        if let Some(p) = head.filter(|p| ours.contains(&p.0)) {
            held.push(HeldItem {
                kind: HeldItemKind::AssignmentOwner,
                id: a.id,
                label: format!("Penugasan \"{}\" ({})", a.title, a.owner_unit_name),
                position: p,
            });
        }
    }
    Ok(held)
}
