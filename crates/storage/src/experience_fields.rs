//! An agency's controlled list of fields of experience — *bidang tugas* (issue 14 point 6):
//! read, replaced whole by the HR admin (validated; a field still named by stored experience
//! is not removed), mapped to by the import and matched through by PEN-08 huruf d
//! (`sikerja_domain::experience_fields`).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::experience_fields::{ExperienceField, find_field, validate};
use sikerja_domain::organisation::AgencyId;

use crate::audit::AuditActor;
use crate::entities::{agency, employee, experience, experience_field};
use crate::error::{Result, StorageError, corrupt};
use crate::{Store, audit};

/// A stored field with who last wrote the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExperienceFieldView {
    pub field: ExperienceField,
    /// How many experience rows of the agency's employees name it.
    pub used_by: usize,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

fn field_of(m: &experience_field::Model) -> Result<ExperienceField> {
    Ok(ExperienceField {
        code: m.code.clone(),
        name: m.name.clone(),
        synonyms: serde_json::from_str(&m.synonyms)
            .map_err(|_| corrupt("synonyms", &m.synonyms))?,
    })
}

/// The agency's list, by name.
pub(crate) async fn fields_of<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
) -> Result<Vec<ExperienceField>> {
    rows(db, agency).await?.iter().map(field_of).collect()
}

async fn rows<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
) -> Result<Vec<experience_field::Model>> {
    Ok(experience_field::Entity::find()
        .filter(experience_field::Column::AgencyId.eq(agency.0))
        .order_by_asc(experience_field::Column::Name)
        .order_by_asc(experience_field::Column::Id)
        .all(db)
        .await?)
}

/// The experience texts stored for the agency's employees.
async fn stored_texts<C: ConnectionTrait>(db: &C, agency: AgencyId) -> Result<Vec<String>> {
    let people: Vec<i64> = employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(agency.0))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let rows = crate::batch::rows_where_in::<experience::Entity, _>(
        db,
        experience::Column::EmployeeId,
        &people,
    )
    .await?;
    Ok(rows.into_iter().map(|r| r.field).collect())
}

/// Adds the fields `new` to the agency's list inside a transaction (the import's seeding).
pub(crate) async fn add_fields<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
    new: &[ExperienceField],
    by: &str,
) -> Result<()> {
    let now = Utc::now();
    for f in new {
        experience_field::Entity::insert(experience_field::ActiveModel {
            agency_id: Set(agency.0),
            code: Set(f.code.clone()),
            name: Set(f.name.clone()),
            synonyms: Set(json!(f.synonyms).to_string()),
            updated_by: Set(by.to_string()),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

impl Store {
    /// The agency's fields of experience, by name, each with how many experience rows name it.
    pub async fn experience_fields(&self, agency: AgencyId) -> Result<Vec<ExperienceFieldView>> {
        agency::Entity::find_by_id(agency.0)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency))?;
        let rows = rows(&self.db, agency).await?;
        let list: Vec<ExperienceField> = rows.iter().map(field_of).collect::<Result<_>>()?;
        let texts = stored_texts(&self.db, agency).await?;
        Ok(rows
            .iter()
            .zip(list.iter())
            .map(|(m, f)| ExperienceFieldView {
                used_by: texts
                    .iter()
                    .filter(|t| find_field(&list, t).is_some_and(|x| x.code == f.code))
                    .count(),
                field: f.clone(),
                updated_by: m.updated_by.clone(),
                updated_at: m.updated_at,
            })
            .collect())
    }

    /// Replaces the agency's list (the HR admin): refused whole with every problem (422) when
    /// it is invalid or leaves a stored experience row naming no field it named before
    /// (`experience_field_in_use`); else written in one transaction with its audit row
    /// `agency.experience_fields`.
    pub async fn set_experience_fields(
        &self,
        agency: AgencyId,
        fields: &[ExperienceField],
        by: &AuditActor,
    ) -> Result<()> {
        by.checked_label()?;
        let fields: Vec<ExperienceField> = fields
            .iter()
            .map(|f| ExperienceField {
                code: f.code.trim().to_string(),
                name: f.name.split_whitespace().collect::<Vec<_>>().join(" "),
                synonyms: f
                    .synonyms
                    .iter()
                    .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|s| !s.is_empty())
                    .collect(),
            })
            .collect();
        if let Err(problems) = validate(&fields) {
            let message = problems
                .iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            return Err(StorageError::invalid(problems[0].code, message));
        }
        let txn = self.begin_write().await?;
        agency::Entity::find_by_id(agency.0)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency))?;
        let before = fields_of(&txn, agency).await?;
        let mut lost: Vec<String> = stored_texts(&txn, agency)
            .await?
            .into_iter()
            .filter(|t| find_field(&before, t).is_some() && find_field(&fields, t).is_none())
            .collect();
        lost.sort();
        lost.dedup();
        if !lost.is_empty() {
            return Err(StorageError::invalid(
                "experience_field_in_use",
                format!(
                    "Bidang tugas masih dipakai dalam data pengalaman pegawai dan tidak dapat dihapus: {}. Tambahkan sebagai nama atau sinonim bidang lain, atau biarkan bidangnya.",
                    lost.join(", ")
                ),
            ));
        }
        experience_field::Entity::delete_many()
            .filter(experience_field::Column::AgencyId.eq(agency.0))
            .exec(&txn)
            .await?;
        add_fields(&txn, agency, &fields, &by.label).await?;
        audit::append_by(
            &txn,
            by,
            AuditAction::AgencyExperienceFields,
            audit::Subject::new(AuditSubject::Agency, agency.0, agency.0),
            json!({ "before": before, "after": fields }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
