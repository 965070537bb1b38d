//! Starting a year from the year before (issue 4 point 6): a holder copies last year's
//! agreement of their post — its targets (without progress or identification, which belong to
//! the year) and its activity plans as fresh drafts. A copied target whose parent was copied
//! already is linked to the new parent: the target with the same indicator in the setter's
//! agreement of the new year.

use sikerja_domain::audit::AuditAction;
use std::collections::HashMap;

use chrono::{SubsecRound, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::PlanStatus;

use super::agreements::{find_for_post, subject, targets_of};
use super::authority::{Party, agency_structure, agreement_row, parties};
use super::views::{AgreementId, PlanningActor};
use crate::entities::{
    activity_plan, activity_plan_version, agreement_target, performance_agreement,
};
use crate::error::{Result, StorageError};
use crate::{Store, audit};

impl Store {
    /// Copies agreement `from` into `to_year` for the same post and holder (who must still
    /// hold it and be the one asking). Refused when the new year's agreement exists already.
    pub async fn copy_agreement(
        &self,
        from: AgreementId,
        to_year: i32,
        by: &PlanningActor,
    ) -> Result<AgreementId> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let old = agreement_row(&txn, from).await?;
        if !parties(&txn, &old, by).await?.contains(&Party::Holder) {
            return Err(StorageError::forbidden(
                "not_the_holder",
                format!(
                    "Perjanjian tahun sebelumnya disalin oleh pemegang jabatan {} sendiri.",
                    old.position_name
                ),
            ));
        }
        if to_year <= old.year {
            return Err(StorageError::invalid(
                "copy_year_not_later",
                "Salinan dibuat untuk tahun sesudah tahun perjanjian asal.",
            ));
        }
        let (Some(position), Some(employee)) = (old.position_id, old.employee_id) else {
            return Err(StorageError::conflict(
                "position_removed",
                "Jabatan atau pegawai perjanjian asal sudah tidak ada dalam struktur.",
            ));
        };
        let post = Post {
            position: PositionId(position),
            employee: Some(EmployeeId(employee)),
        };
        if find_for_post(&txn, post, to_year).await?.is_some() {
            return Err(StorageError::conflict(
                "agreement_exists",
                format!("Perjanjian Kinerja tahun {to_year} untuk jabatan ini sudah ada."),
            ));
        }
        let s = agency_structure(&txn, AgencyId(old.agency_id)).await?;
        let new = super::agreements::create_in(&txn, &s, post, to_year, by).await?;
        // The setter's agreement of the new year, to link copied targets to their parents.
        let parents: HashMap<String, i64> = match new.setter_position_id {
            Some(sp) => {
                let setter_agreements = performance_agreement::Entity::find()
                    .filter(performance_agreement::Column::PositionId.eq(sp))
                    .filter(performance_agreement::Column::Year.eq(to_year))
                    .all(&txn)
                    .await?;
                let mut m = HashMap::new();
                for a in setter_agreements {
                    for t in targets_of(&txn, a.id).await? {
                        m.entry(t.indicator.clone()).or_insert(t.id);
                    }
                }
                m
            }
            None => HashMap::new(),
        };
        let old_parent_indicator: HashMap<i64, String> = {
            let ids: Vec<i64> = targets_of(&txn, old.id)
                .await?
                .iter()
                .filter_map(|t| t.parent_target_id)
                .collect();
            agreement_target::Entity::find()
                .filter(agreement_target::Column::Id.is_in(ids))
                .all(&txn)
                .await?
                .into_iter()
                .map(|t| (t.id, t.indicator))
                .collect()
        };
        let now = Utc::now().trunc_subsecs(6);
        let mut copied = HashMap::new();
        let mut linked = 0;
        for t in targets_of(&txn, old.id).await? {
            let parent = t
                .parent_target_id
                .and_then(|p| old_parent_indicator.get(&p))
                .and_then(|indicator| parents.get(indicator))
                .copied();
            if parent.is_some() {
                linked += 1;
            }
            let row = agreement_target::ActiveModel {
                agreement_id: Set(new.id),
                parent_target_id: Set(parent),
                sort_order: Set(t.sort_order),
                indicator: Set(t.indicator.clone()),
                kind: Set(t.kind.clone()),
                target: Set(t.target.clone()),
                target_number: Set(t.target_number),
                unit: Set(t.unit.clone()),
                budget: Set(t.budget),
                strategic_plan_ref: Set(t.strategic_plan_ref.clone()),
                annual_work_plan_ref: Set(t.annual_work_plan_ref.clone()),
                weight: Set(t.weight),
                progress: Set(0.0),
                execution: Set(None),
                needs_other_units: Set(false),
                needs_other_agencies: Set(false),
                needs_team_lead: Set(false),
                dialogue_id: Set(None),
                created_at: Set(now),
                ..Default::default()
            };
            let id = agreement_target::Entity::insert(row)
                .exec(&txn)
                .await?
                .last_insert_id;
            copied.insert(t.id, id);
        }
        let mut plans = 0;
        for p in activity_plan::Entity::find()
            .filter(activity_plan::Column::AgreementId.eq(old.id))
            .order_by_asc(activity_plan::Column::Id)
            .all(&txn)
            .await?
        {
            let Some(v) = activity_plan_version::Entity::find()
                .filter(activity_plan_version::Column::PlanId.eq(p.id))
                .filter(activity_plan_version::Column::Version.eq(p.current_version))
                .one(&txn)
                .await?
            else {
                continue;
            };
            let plan = activity_plan::Entity::insert(activity_plan::ActiveModel {
                target_id: Set(p.target_id.and_then(|t| copied.get(&t).copied())),
                agreement_id: Set(new.id),
                title: Set(p.title.clone()),
                current_version: Set(1),
                created_at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await?
            .last_insert_id;
            activity_plan_version::Entity::insert(activity_plan_version::ActiveModel {
                plan_id: Set(plan),
                version: Set(1),
                activities: Set(v.activities.clone()),
                total_budget: Set(v.total_budget),
                reason: Set(format!("Disalin dari rencana tahun {}", old.year)),
                status: Set(PlanStatus::Draft.code().to_string()),
                drafted_at: Set(now),
                drafted_by: Set(by.audit.label.clone()),
                ..Default::default()
            })
            .exec_without_returning(&txn)
            .await?;
            plans += 1;
        }
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::AgreementCopied,
            subject(&new),
            json!({
                "from_agreement": old.id,
                "from_year": old.year,
                "to_year": to_year,
                "targets": copied.len(),
                "linked_to_parents": linked,
                "activity_plans": plans,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(new.id)
    }
}
