//! The letterhead (*kop surat*) of an agency or a Perangkat Daerah: name lines, address,
//! contact lines and a logo. Without a stored one it is derived from the organisation: the
//! agency's name, the department's name under it, the agency's address.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::{AgencyId, DepartmentId};

use crate::entities::{agency, department, letterhead};
use crate::error::{Result, StorageError};
use crate::{AuditActor, Store, audit};

/// A letterhead as a letter uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterheadView {
    pub lines: Vec<String>,
    pub address: String,
    pub contacts: Vec<String>,
    /// PNG bytes.
    #[serde(skip)]
    pub logo: Option<Vec<u8>>,
    /// Whether it was set (true) or derived from the organisation (false).
    pub stored: bool,
}

/// What the HR office sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterheadInput {
    pub lines: Vec<String>,
    pub address: String,
    pub contacts: Vec<String>,
    pub logo: Option<Vec<u8>>,
}

fn of_row(row: letterhead::Model) -> LetterheadView {
    LetterheadView {
        lines: serde_json::from_str(&row.lines).unwrap_or_default(),
        address: row.address,
        contacts: serde_json::from_str(&row.contacts).unwrap_or_default(),
        logo: row.logo,
        stored: true,
    }
}

/// The letterhead of an issuer (department 0: the agency itself).
pub(crate) async fn letterhead_of<C: ConnectionTrait>(
    db: &C,
    agency_id: i64,
    department_id: i64,
) -> Result<LetterheadView> {
    let stored = letterhead::Entity::find()
        .filter(letterhead::Column::AgencyId.eq(agency_id))
        .filter(letterhead::Column::DepartmentId.eq(department_id))
        .one(db)
        .await?;
    if let Some(row) = stored {
        return Ok(of_row(row));
    }
    let a = agency::Entity::find_by_id(agency_id)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("agency", agency_id))?;
    let mut lines = vec![a.name.to_uppercase()];
    if department_id != 0
        && let Some(d) = department::Entity::find_by_id(department_id)
            .one(db)
            .await?
    {
        lines.push(d.name.to_uppercase());
    }
    // The agency's logo, if one is stored, serves its departments too.
    let logo = if department_id == 0 {
        None
    } else {
        letterhead::Entity::find()
            .filter(letterhead::Column::AgencyId.eq(agency_id))
            .filter(letterhead::Column::DepartmentId.eq(0_i64))
            .one(db)
            .await?
            .and_then(|r| r.logo)
    };
    Ok(LetterheadView {
        lines,
        address: a.address,
        contacts: Vec::new(),
        logo,
        stored: false,
    })
}

impl Store {
    /// The letterhead of an agency (`department` `None`) or a department.
    pub async fn letterhead(
        &self,
        agency: AgencyId,
        department: Option<DepartmentId>,
    ) -> Result<LetterheadView> {
        letterhead_of(&self.db, agency.0, department.map_or(0, |d| d.0)).await
    }

    /// Sets the letterhead of an agency or a department. Audited.
    pub async fn set_letterhead(
        &self,
        agency: AgencyId,
        department: Option<DepartmentId>,
        input: &LetterheadInput,
        by: &AuditActor,
    ) -> Result<LetterheadView> {
        by.checked_label()?;
        let lines: Vec<String> = input
            .lines
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return Err(StorageError::invalid(
                "letterhead_without_name",
                "Kop surat wajib memuat sedikitnya satu baris nama instansi.",
            ));
        }
        if let Some(logo) = &input.logo
            && !logo.starts_with(b"\x89PNG\r\n\x1a\n")
        {
            return Err(StorageError::invalid(
                "letterhead_logo_not_png",
                "Logo kop surat harus berkas PNG.",
            ));
        }
        let department_id = department.map_or(0, |d| d.0);
        let txn = self.begin_write().await?;
        agency::Entity::find_by_id(agency.0)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency.0))?;
        if department_id != 0 {
            department::Entity::find()
                .filter(department::Column::Id.eq(department_id))
                .filter(department::Column::AgencyId.eq(agency.0))
                .one(&txn)
                .await?
                .ok_or_else(|| StorageError::not_found("department", department_id))?;
        }
        let contacts: Vec<String> = input
            .contacts
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        letterhead::Entity::insert(letterhead::ActiveModel {
            agency_id: Set(agency.0),
            department_id: Set(department_id),
            lines: Set(json!(lines).to_string()),
            address: Set(input.address.trim().to_string()),
            contacts: Set(json!(contacts).to_string()),
            logo: Set(input.logo.clone()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                letterhead::Column::AgencyId,
                letterhead::Column::DepartmentId,
            ])
            .update_columns([
                letterhead::Column::Lines,
                letterhead::Column::Address,
                letterhead::Column::Contacts,
                letterhead::Column::Logo,
                letterhead::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        audit::append_by(
            &txn,
            by,
            AuditAction::LetterLetterhead,
            audit::Subject::new(AuditSubject::Agency, agency.0, agency.0),
            json!({
                "department": department.map(|d| d.0),
                "lines": lines,
                "address": input.address.trim(),
                "contacts": contacts,
                "logo": input.logo.as_ref().map(Vec::len),
            }),
        )
        .await?;
        let view = letterhead_of(&txn, agency.0, department_id).await?;
        txn.commit().await?;
        Ok(view)
    }
}
