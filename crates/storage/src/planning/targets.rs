//! Targets of an agreement: adding, changing and removing them while the agreement is a
//! draft, cascading a target to the posts whose agreements its holder sets (MEK-02,
//! STR-01..05: the recipients are derived, never picked from all staff), reported progress,
//! and the roll-up by weight through the cascade.

use sikerja_domain::audit::AuditAction;
use std::collections::{HashMap, HashSet};

use chrono::{SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::json;
use sikerja_domain::organisation::{AgencyId, DepartmentId, PositionId};
use sikerja_domain::planning::agreement::{self, AgreementEvent};
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{CheckedTarget, Execution, Node, roll_up};

use super::agreements::{
    create_in, find_for_post, kind_of, refused, require_draft, state_of, subject, unsign,
};
use super::authority::{Party, agency_structure, agreement_row, parties, require_party};
use super::views::{
    AgreementId, Identification, PlanningActor, TargetChild, TargetId, TargetNode, TargetView,
};
use crate::batch::IDS_PER_QUERY;
use crate::entities::{agreement_target, performance_agreement};
use crate::error::{Result, StorageError, corrupt};
use crate::{Store, audit};

/// Most targets in one agreement.
const MAX_TARGETS: u64 = 200;

fn target_json(t: &CheckedTarget) -> serde_json::Value {
    json!({
        "indicator": t.indicator,
        "kind": t.kind.code(),
        "target": t.target,
        "unit": t.unit,
        "budget": t.budget,
        "strategic_plan_ref": t.strategic_plan_ref,
        "annual_work_plan_ref": t.annual_work_plan_ref,
        "weight": t.weight,
    })
}

async fn target_row<C: ConnectionTrait>(db: &C, id: TargetId) -> Result<agreement_target::Model> {
    agreement_target::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("target", id))
}

/// Checks that `parent` may be the parent of a target in agreement `child`: a target of the
/// agreement of the post that sets `child`, for the same year.
async fn check_parent<C: ConnectionTrait>(
    db: &C,
    child: &performance_agreement::Model,
    parent: TargetId,
) -> Result<()> {
    let p = target_row(db, parent).await?;
    let owner = agreement_row_in(db, p.agreement_id).await?;
    let fits = owner.year == child.year
        && owner.position_id.is_some()
        && owner.position_id == child.setter_position_id;
    if !fits {
        return Err(StorageError::invalid(
            "parent_not_of_setter",
            format!(
                "Target induk harus target Perjanjian Kinerja {} tahun {} (pihak yang menetapkan perjanjian ini, {} · {}).",
                child.setter_name, child.year, child.rule_id, child.article
            ),
        ));
    }
    Ok(())
}

async fn agreement_row_in<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<performance_agreement::Model> {
    performance_agreement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("performance_agreement", id))
}

async fn insert_target<C: ConnectionTrait>(
    db: &C,
    agreement: &performance_agreement::Model,
    t: &CheckedTarget,
    parent: Option<TargetId>,
) -> Result<TargetId> {
    let count = agreement_target::Entity::find()
        .filter(agreement_target::Column::AgreementId.eq(agreement.id))
        .count(db)
        .await?;
    if count >= MAX_TARGETS {
        return Err(StorageError::invalid(
            "too_many_targets",
            format!("Satu Perjanjian Kinerja memuat paling banyak {MAX_TARGETS} target."),
        ));
    }
    let row = agreement_target::ActiveModel {
        agreement_id: Set(agreement.id),
        parent_target_id: Set(parent),
        sort_order: Set(i32::try_from(count).unwrap_or(i32::MAX)),
        indicator: Set(t.indicator.clone()),
        kind: Set(t.kind.code().to_string()),
        target: Set(t.target.clone()),
        target_number: Set(t.target_number),
        unit: Set(t.unit.clone()),
        budget: Set(t.budget),
        strategic_plan_ref: Set(t.strategic_plan_ref.clone()),
        annual_work_plan_ref: Set(t.annual_work_plan_ref.clone()),
        weight: Set(i32::try_from(t.weight).unwrap_or(1)),
        progress: Set(0.0),
        execution: Set(None),
        needs_other_units: Set(false),
        needs_other_agencies: Set(false),
        needs_team_lead: Set(false),
        dialogue_id: Set(None),
        created_at: Set(Utc::now().trunc_subsecs(6)),
        ..Default::default()
    };
    Ok(agreement_target::Entity::insert(row)
        .exec(db)
        .await?
        .last_insert_id)
}

/// Clears the signatures of a draft whose content changed (they signed another text).
async fn content_changed<C: ConnectionTrait>(
    db: &C,
    a: &performance_agreement::Model,
) -> Result<bool> {
    let before = state_of(a)?;
    let after = agreement::next(&before, &AgreementEvent::Edit).map_err(refused)?;
    let had = after != before;
    if had {
        let mut active: performance_agreement::ActiveModel = a.clone().into();
        unsign(&mut active);
        performance_agreement::Entity::update(active)
            .exec(db)
            .await?;
    }
    Ok(had)
}

impl Store {
    /// Adds a target to a draft agreement (MEK-02). `parent`, when given, must be a target of
    /// the setter's agreement for the same year. A party may add; signatures already given
    /// are withdrawn, since the text changed.
    pub async fn add_target(
        &self,
        agreement: AgreementId,
        target: &CheckedTarget,
        parent: Option<TargetId>,
        by: &PlanningActor,
    ) -> Result<TargetId> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let a = agreement_row(&txn, agreement).await?;
        require_draft(&a)?;
        require_party(&txn, &a, by).await?;
        if let Some(p) = parent {
            check_parent(&txn, &a, p).await?;
        }
        let id = insert_target(&txn, &a, target, parent).await?;
        let unsigned = content_changed(&txn, &a).await?;
        let mut summary = target_json(target);
        summary["target_id"] = json!(id);
        summary["parent"] = json!(parent);
        summary["signatures_withdrawn"] = json!(unsigned);
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::TargetAdded,
            subject(&a),
            summary,
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Changes a target of a draft agreement.
    pub async fn update_target(
        &self,
        id: TargetId,
        target: &CheckedTarget,
        by: &PlanningActor,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let before = target_row(&txn, id).await?;
        let a = agreement_row(&txn, before.agreement_id).await?;
        require_draft(&a)?;
        require_party(&txn, &a, by).await?;
        let mut active: agreement_target::ActiveModel = before.clone().into();
        active.indicator = Set(target.indicator.clone());
        active.kind = Set(target.kind.code().to_string());
        active.target = Set(target.target.clone());
        active.target_number = Set(target.target_number);
        active.unit = Set(target.unit.clone());
        active.budget = Set(target.budget);
        active.strategic_plan_ref = Set(target.strategic_plan_ref.clone());
        active.annual_work_plan_ref = Set(target.annual_work_plan_ref.clone());
        active.weight = Set(i32::try_from(target.weight).unwrap_or(1));
        agreement_target::Entity::update(active).exec(&txn).await?;
        let unsigned = content_changed(&txn, &a).await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::TargetUpdated,
            subject(&a),
            json!({
                "target_id": id,
                "before": {"indicator": before.indicator, "target": before.target, "unit": before.unit, "budget": before.budget, "weight": before.weight},
                "after": target_json(target),
                "signatures_withdrawn": unsigned,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Removes a target of a draft agreement. Refused while targets are cascaded from it.
    pub async fn remove_target(&self, id: TargetId, by: &PlanningActor) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let before = target_row(&txn, id).await?;
        let a = agreement_row(&txn, before.agreement_id).await?;
        require_draft(&a)?;
        require_party(&txn, &a, by).await?;
        let children = agreement_target::Entity::find()
            .filter(agreement_target::Column::ParentTargetId.eq(id))
            .count(&txn)
            .await?;
        if children > 0 {
            return Err(StorageError::conflict(
                "target_has_children",
                format!(
                    "Target ini sudah diturunkan menjadi {children} target pejabat di bawahnya; hapus atau pindahkan target turunannya lebih dahulu."
                ),
            ));
        }
        agreement_target::Entity::delete_by_id(id)
            .exec(&txn)
            .await?;
        let unsigned = content_changed(&txn, &a).await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::TargetRemoved,
            subject(&a),
            json!({"target_id": id, "indicator": before.indicator, "target": before.target, "signatures_withdrawn": unsigned}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Cascades target `parent` to the post `to` (MEK-02 *intervensi*): `to` must be one of
    /// the posts whose agreements the holder of `parent`'s post sets (STR-01..05, derived
    /// from placement); its draft agreement for the year is created when missing, and the new
    /// target links to `parent` with its weight. Only the holder of the parent's agreement
    /// cascades.
    pub async fn cascade_target(
        &self,
        parent: TargetId,
        to: Post,
        target: &CheckedTarget,
        by: &PlanningActor,
    ) -> Result<(AgreementId, TargetId)> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let p = target_row(&txn, parent).await?;
        let owner = agreement_row(&txn, p.agreement_id).await?;
        if !parties(&txn, &owner, by).await?.contains(&Party::Holder) {
            return Err(StorageError::forbidden(
                "not_the_holder",
                format!(
                    "Hanya pemegang jabatan {} yang membagi target perjanjiannya kepada pejabat di bawahnya.",
                    owner.position_name
                ),
            ));
        }
        let Some(owner_position) = owner.position_id else {
            return Err(StorageError::conflict(
                "position_removed",
                "Jabatan pemilik perjanjian ini sudah tidak ada dalam struktur.",
            ));
        };
        let s = agency_structure(&txn, AgencyId(owner.agency_id)).await?;
        let recipient = s
            .structure
            .recipients_of(PositionId(owner_position))
            .into_iter()
            .find(|r| r.post == to)
            .ok_or_else(|| {
                StorageError::invalid(
                    "not_a_recipient",
                    format!(
                        "Jabatan tujuan tidak berada di bawah {} menurut struktur penugasan (STR-01..05): target hanya dibagi kepada pejabat yang Perjanjian Kinerjanya ditetapkan oleh {}.",
                        owner.position_name, owner.position_name
                    ),
                )
            })?;
        let child = match find_for_post(&txn, recipient.post, owner.year).await? {
            Some(existing) => existing,
            None => create_in(&txn, &s, recipient.post, owner.year, by).await?,
        };
        require_draft(&child)?;
        let id = insert_target(&txn, &child, target, Some(parent)).await?;
        let unsigned = content_changed(&txn, &child).await?;
        let mut summary = target_json(target);
        summary["target_id"] = json!(id);
        summary["parent"] = json!(parent);
        summary["from_agreement"] = json!(owner.id);
        summary["rule_id"] = json!(recipient.citation.rule_id.to_string());
        summary["article"] = json!(recipient.citation.article);
        summary["signatures_withdrawn"] = json!(unsigned);
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::TargetCascaded,
            subject(&child),
            summary,
        )
        .await?;
        txn.commit().await?;
        Ok((child.id, id))
    }

    /// Records the progress (0–100) of a target, reported by its holder.
    pub async fn report_target_progress(
        &self,
        id: TargetId,
        progress: f64,
        by: &PlanningActor,
    ) -> Result<()> {
        by.audit.checked_label()?;
        if !(0.0..=100.0).contains(&progress) {
            return Err(StorageError::invalid(
                "progress_out_of_range",
                "Capaian harus antara 0 dan 100 persen.",
            ));
        }
        let txn = self.begin_write().await?;
        let before = target_row(&txn, id).await?;
        let a = agreement_row(&txn, before.agreement_id).await?;
        if !parties(&txn, &a, by).await?.contains(&Party::Holder) {
            return Err(StorageError::forbidden(
                "not_the_holder",
                format!(
                    "Capaian target dilaporkan oleh pemegang jabatan {}.",
                    a.position_name
                ),
            ));
        }
        let mut active: agreement_target::ActiveModel = before.clone().into();
        active.progress = Set(progress);
        agreement_target::Entity::update(active).exec(&txn).await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::TargetProgress,
            subject(&a),
            json!({"target_id": id, "before": before.progress, "after": progress}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The targets of a department's agreements for a year as a forest: roots first (targets
    /// with no parent in the department), each followed by its cascade, depth-first.
    pub async fn department_targets(
        &self,
        department: DepartmentId,
        year: i32,
    ) -> Result<Vec<TargetNode>> {
        let txn = self.read_txn().await?;
        let agreements = performance_agreement::Entity::find()
            .filter(performance_agreement::Column::DepartmentId.eq(department.0))
            .filter(performance_agreement::Column::Year.eq(year))
            .all(&txn)
            .await?;
        let by_id: HashMap<i64, &performance_agreement::Model> =
            agreements.iter().map(|a| (a.id, a)).collect();
        let mut targets = Vec::new();
        let ids: Vec<i64> = agreements.iter().map(|a| a.id).collect();
        for chunk in ids.chunks(IDS_PER_QUERY) {
            targets.extend(
                agreement_target::Entity::find()
                    .filter(agreement_target::Column::AgreementId.is_in(chunk.iter().copied()))
                    .all(&txn)
                    .await?,
            );
        }
        let views = views_of(&txn, &targets).await?;
        txn.commit().await?;
        let present: HashSet<i64> = views.iter().map(|v| v.id).collect();
        let mut children: HashMap<i64, Vec<&TargetView>> = HashMap::new();
        let mut roots = Vec::new();
        for v in &views {
            match v.parent.filter(|p| present.contains(p)) {
                Some(p) => children.entry(p).or_default().push(v),
                None => roots.push(v),
            }
        }
        let order = |v: &&TargetView| {
            let a = by_id.get(&v.agreement);
            (a.map(|a| a.position_name.clone()).unwrap_or_default(), v.id)
        };
        roots.sort_by_key(order);
        let mut out = Vec::new();
        let mut stack: Vec<(&TargetView, u32)> = roots.into_iter().rev().map(|v| (v, 0)).collect();
        let mut seen = HashSet::new();
        while let Some((v, depth)) = stack.pop() {
            if !seen.insert(v.id) {
                continue;
            }
            let a = by_id.get(&v.agreement);
            out.push(TargetNode {
                target: v.clone(),
                holder_name: a.map(|a| a.holder_name.clone()).unwrap_or_default(),
                position_name: a.map(|a| a.position_name.clone()).unwrap_or_default(),
                depth,
            });
            if let Some(kids) = children.get_mut(&v.id) {
                kids.sort_by_key(order);
                for k in kids.iter().rev() {
                    stack.push((k, depth + 1));
                }
            }
        }
        Ok(out)
    }
}

/// Views of `targets` with their children and progress rolled up through the whole cascade
/// below them (which may reach into other agreements and departments).
pub(crate) async fn views_of<C: ConnectionTrait>(
    db: &C,
    targets: &[agreement_target::Model],
) -> Result<Vec<TargetView>> {
    // Load the cascade below, level by level.
    let mut all: HashMap<i64, agreement_target::Model> =
        targets.iter().map(|t| (t.id, t.clone())).collect();
    let mut frontier: Vec<i64> = targets.iter().map(|t| t.id).collect();
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for chunk in frontier.chunks(IDS_PER_QUERY) {
            for t in agreement_target::Entity::find()
                .filter(agreement_target::Column::ParentTargetId.is_in(chunk.iter().copied()))
                .all(db)
                .await?
            {
                if let std::collections::hash_map::Entry::Vacant(slot) = all.entry(t.id) {
                    next.push(t.id);
                    slot.insert(t);
                }
            }
        }
        frontier = next;
    }
    let nodes: Vec<Node> = all
        .values()
        .map(|t| Node {
            id: t.id,
            parent: t.parent_target_id,
            weight: u32::try_from(t.weight).unwrap_or(1),
            own_progress: t.progress,
        })
        .collect();
    let progress = roll_up(&nodes);
    // Holders of the child agreements, for the links.
    let child_agreements: HashSet<i64> = all
        .values()
        .filter(|t| t.parent_target_id.is_some())
        .map(|t| t.agreement_id)
        .collect();
    let mut holders: HashMap<i64, (String, String)> = HashMap::new();
    let ids: Vec<i64> = child_agreements.into_iter().collect();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        for a in performance_agreement::Entity::find()
            .filter(performance_agreement::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            holders.insert(a.id, (a.holder_name, a.position_name));
        }
    }
    let mut children: HashMap<i64, Vec<TargetChild>> = HashMap::new();
    for t in all.values() {
        if let Some(p) = t.parent_target_id {
            let (holder_name, position_name) =
                holders.get(&t.agreement_id).cloned().unwrap_or_default();
            children.entry(p).or_default().push(TargetChild {
                target: t.id,
                agreement: t.agreement_id,
                holder_name,
                position_name,
                weight: u32::try_from(t.weight).unwrap_or(1),
            });
        }
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| {
            a.position_name
                .cmp(&b.position_name)
                .then(a.target.cmp(&b.target))
        });
    }
    targets
        .iter()
        .map(|t| {
            Ok(TargetView {
                id: t.id,
                agreement: t.agreement_id,
                parent: t.parent_target_id,
                indicator: t.indicator.clone(),
                kind: kind_of(t)?,
                target: t.target.clone(),
                target_number: t.target_number,
                unit: t.unit.clone(),
                budget: t.budget,
                strategic_plan_ref: t.strategic_plan_ref.clone(),
                annual_work_plan_ref: t.annual_work_plan_ref.clone(),
                weight: u32::try_from(t.weight).unwrap_or(1),
                own_progress: t.progress,
                progress: progress.get(&t.id).copied().unwrap_or(t.progress),
                identification: identification_of(t)?,
                children: children.remove(&t.id).unwrap_or_default(),
            })
        })
        .collect()
}

fn identification_of(t: &agreement_target::Model) -> Result<Option<Identification>> {
    let Some(code) = &t.execution else {
        return Ok(None);
    };
    let execution = Execution::from_code(code).ok_or_else(|| corrupt("execution", code))?;
    Ok(Some(Identification {
        execution,
        needs_other_units: t.needs_other_units,
        needs_other_agencies: t.needs_other_agencies,
        needs_team_lead: t.needs_team_lead,
        dialogue: t.dialogue_id,
    }))
}
