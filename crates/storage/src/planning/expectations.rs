//! Expectations (MEK-02, KIN-01): a head sets and conveys what they expect of each person
//! whose agreement they set (derived, STR-01..05); that person acknowledges it.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::planning::structure::{Post, Setter};

use super::authority::{agency_structure, display_names, exercises};
use super::views::PlanningActor;
use crate::entities::expectation;
use crate::error::{OnConstraint, Result, StorageError};
use crate::{Store, audit};

/// Id of an expectation.
pub type ExpectationId = i64;

/// An expectation as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectationView {
    pub id: ExpectationId,
    pub year: i32,
    pub setter_position: Option<PositionId>,
    pub setter_name: String,
    pub employee: Option<EmployeeId>,
    pub position: Option<PositionId>,
    pub holder_name: String,
    pub text: String,
    pub set_at: DateTime<Utc>,
    pub set_by: String,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

fn view(m: expectation::Model) -> ExpectationView {
    ExpectationView {
        id: m.id,
        year: m.year,
        setter_position: m.setter_position_id.map(PositionId),
        setter_name: m.setter_name,
        employee: m.employee_id.map(EmployeeId),
        position: m.position_id.map(PositionId),
        holder_name: m.holder_name,
        text: m.text,
        set_at: m.set_at,
        set_by: m.set_by,
        acknowledged_at: m.acknowledged_at,
    }
}

/// Which expectations [`Store::expectations`] lists.
#[derive(Debug, Clone, Default)]
pub struct ExpectationFilter {
    pub year: Option<i32>,
    /// Expectations of this person.
    pub employee: Option<EmployeeId>,
    /// Expectations set by any of these positions.
    pub setter_positions: Vec<PositionId>,
}

impl Store {
    /// Sets (or replaces) the expectation for the holder of `to` for `year`. Only the holder
    /// of the position that sets `to`'s agreement may; replacing it asks for a new
    /// acknowledgement.
    pub async fn set_expectation(
        &self,
        agency: AgencyId,
        to: Post,
        year: i32,
        text: &str,
        by: &PlanningActor,
    ) -> Result<ExpectationId> {
        by.audit.checked_label()?;
        let text = text.trim();
        if text.is_empty() {
            return Err(StorageError::invalid(
                "expectation_blank",
                "Uraian ekspektasi wajib diisi.",
            ));
        }
        let Some(holder) = to.employee else {
            return Err(StorageError::invalid(
                "post_vacant",
                "Jabatan ini kosong: ekspektasi disampaikan kepada pemegang jabatan.",
            ));
        };
        let txn = self.begin_write().await?;
        let s = agency_structure(&txn, agency).await?;
        let (setter_position, citation) = match s.structure.setter_of(to) {
            Some(Setter::Position { position, citation }) => (*position, citation.clone()),
            _ => {
                return Err(StorageError::invalid(
                    "no_setter",
                    "Ekspektasi ditetapkan oleh atasan yang menetapkan Perjanjian Kinerja pegawai ini, dan atasan itu tidak dapat ditentukan.",
                ));
            }
        };
        let allowed = match by.employee {
            Some(me) => exercises(&txn, me, setter_position).await?,
            None => false,
        };
        let setter_name = s
            .position(setter_position.0)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        if !allowed {
            return Err(StorageError::forbidden(
                "not_the_setter",
                format!(
                    "Ekspektasi pegawai ini ditetapkan oleh pemegang jabatan {setter_name} ({} · {}).",
                    citation.rule_id, citation.article
                ),
            ));
        }
        let names = display_names(&s.rows);
        let now = Utc::now().trunc_subsecs(6);
        let existing = expectation::Entity::find()
            .filter(expectation::Column::Year.eq(year))
            .filter(expectation::Column::PositionId.eq(to.position.0))
            .filter(expectation::Column::EmployeeId.eq(holder.0))
            .one(&txn)
            .await?;
        let (id, before) = match existing {
            Some(row) => {
                let before = row.text.clone();
                let mut active: expectation::ActiveModel = row.clone().into();
                active.text = Set(text.to_string());
                active.setter_position_id = Set(Some(setter_position.0));
                active.setter_name = Set(setter_name.clone());
                active.set_at = Set(now);
                active.set_by = Set(by.audit.label.clone());
                active.acknowledged_at = Set(None);
                expectation::Entity::update(active).exec(&txn).await?;
                (row.id, Some(before))
            }
            None => {
                let id = expectation::Entity::insert(expectation::ActiveModel {
                    agency_id: Set(agency.0),
                    year: Set(year),
                    setter_position_id: Set(Some(setter_position.0)),
                    setter_name: Set(setter_name.clone()),
                    employee_id: Set(Some(holder.0)),
                    position_id: Set(Some(to.position.0)),
                    holder_name: Set(names.get(&holder.0).cloned().unwrap_or_default()),
                    text: Set(text.to_string()),
                    set_at: Set(now),
                    set_by: Set(by.audit.label.clone()),
                    acknowledged_at: Set(None),
                    ..Default::default()
                })
                .exec(&txn)
                .await
                .on_constraint("penetapan ekspektasi")?
                .last_insert_id;
                (id, None)
            }
        };
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::ExpectationSet,
            audit::Subject::new(AuditSubject::Expectation, id, agency.0),
            json!({
                "year": year,
                "employee": holder.0,
                "before": before,
                "after": text,
                "rule_id": citation.rule_id.to_string(),
                "article": citation.article,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// The person an expectation is for acknowledges it.
    pub async fn acknowledge_expectation(
        &self,
        id: ExpectationId,
        by: &PlanningActor,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        // Locked (PostgreSQL; SQLite serialises writers) so that two acknowledgements at once
        // record one: the second reads it acknowledged (issue 12 point 2).
        let row = expectation::Entity::find_by_id(id)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("expectation", id))?;
        if by.employee.map(|e| e.0) != row.employee_id || row.employee_id.is_none() {
            return Err(StorageError::forbidden(
                "not_the_recipient",
                "Hanya pegawai yang menerima ekspektasi ini yang dapat menyatakan telah menerimanya.",
            ));
        }
        if row.acknowledged_at.is_some() {
            return Err(StorageError::conflict(
                "already_acknowledged",
                "Ekspektasi ini sudah dinyatakan diterima.",
            ));
        }
        let agency = row.agency_id;
        let mut active: expectation::ActiveModel = row.into();
        active.acknowledged_at = Set(Some(Utc::now().trunc_subsecs(6)));
        expectation::Entity::update(active).exec(&txn).await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::ExpectationAcknowledged,
            audit::Subject::new(AuditSubject::Expectation, id, agency),
            json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Expectations matching the filter, newest year first.
    pub async fn expectations(&self, filter: &ExpectationFilter) -> Result<Vec<ExpectationView>> {
        use expectation::Column as C;
        let mut q = expectation::Entity::find();
        if let Some(y) = filter.year {
            q = q.filter(C::Year.eq(y));
        }
        if let Some(e) = filter.employee {
            q = q.filter(C::EmployeeId.eq(e.0));
        }
        if !filter.setter_positions.is_empty() {
            q = q.filter(C::SetterPositionId.is_in(filter.setter_positions.iter().map(|p| p.0)));
        }
        Ok(q.order_by_desc(C::Year)
            .order_by_asc(C::HolderName)
            .all(&self.db)
            .await?
            .into_iter()
            .map(view)
            .collect())
    }
}
