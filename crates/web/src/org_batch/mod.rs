//! A batch of dated organisation changes named by NATURAL KEYS (issue 14 point 3): what other
//! systems push over the API and what BKPSDM uploads as a spreadsheet. An outside system knows
//! an employee by NIP, a position, unit or department by its code — never by Sikerja's ids —
//! so every item is resolved here against the agency's stored organisation into the domain's
//! [`DatedChange`]. Rows the batch creates (`hire`, `add_unit`, `add_position`) get storage's
//! negative placeholder identities, and later items of the batch may name them by their new
//! NIP or code (docs/organisation.md, "Created rows").
//!
//! Every problem of every item is collected (item index, field, stable code, Indonesian
//! message); the API names it `changes[i].field`, the upload its sheet, row and column.

mod resolve;
pub mod sheet;
mod words;

use serde::{Deserialize, Serialize};
use sikerja_domain::access::Action;
use sikerja_domain::changes::{ChangeArea, ChangeKind, Impact};
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::StorageError;
use sikerja_storage::policies::today;
use utoipa::ToSchema;

use crate::AppState;
use crate::authz::Principal;
use crate::error::WebError;

pub use resolve::{Resolved, resolve};

/// The legal basis of a change: the number and date of the decree.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct BasisItem {
    /// Number of the decree, as written on it.
    #[serde(default)]
    pub number: Option<String>,
    /// Date of the decree, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
}

/// One change by natural keys, tagged by `kind` (the `OrgChange` codes). Which fields each kind
/// reads is listed in docs/api.md ("Organisation changes"); a field a kind does not read is
/// ignored, a field it needs and that is missing is refused naming it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ChangeItem {
    /// `hire`, `appoint`, `vacate`, `set_grade`, `leave`, `name_acting`, `end_acting`,
    /// `add_unit`, `rename_unit`, `move_unit`, `merge_unit`, `close_unit`, `add_position`,
    /// `change_position` or `close_position`.
    #[serde(default)]
    pub kind: Option<String>,
    /// First day in force (TMT), `YYYY-MM-DD`.
    #[serde(default)]
    pub effective: Option<String>,
    #[serde(default)]
    pub basis: Option<BasisItem>,
    /// NIP of the employee (the new employee's for `hire`).
    #[serde(default)]
    pub employee: Option<String>,
    /// Code of the position (the new position's for `add_position`; the post a `hire` takes).
    #[serde(default)]
    pub position: Option<String>,
    /// Code of the unit (the new unit's for `add_unit`; the unit of a new position).
    #[serde(default)]
    pub unit: Option<String>,
    /// Code of the parent unit (`add_unit`, `move_unit`).
    #[serde(default)]
    pub parent: Option<String>,
    /// Code of the receiving unit (`merge_unit`).
    #[serde(default)]
    pub into: Option<String>,
    /// Code of the department of a new top unit (`add_unit` without a parent).
    #[serde(default)]
    pub department: Option<String>,
    /// Name: of the new employee, unit or position, or the new name.
    #[serde(default)]
    pub name: Option<String>,
    /// `hire`: academic titles before and after the name.
    #[serde(default)]
    pub front_title: Option<String>,
    #[serde(default)]
    pub back_title: Option<String>,
    /// `hire`: `pns` or `pppk`.
    #[serde(default)]
    pub employment_type: Option<String>,
    /// `hire`, `set_grade`: `III/a` (PNS) or `IX` (PPPK).
    #[serde(default)]
    pub grade: Option<String>,
    /// `hire`: `SD` … `S3`.
    #[serde(default)]
    pub education: Option<String>,
    /// `hire`: functional position obtained through penyetaraan jabatan.
    #[serde(default)]
    pub from_equalization: Option<bool>,
    /// `leave`: `retirement`, `resignation`, `death`, `dismissal` or `transfer_out`.
    #[serde(default)]
    pub reason: Option<String>,
    /// `name_acting`: `plt` or `plh`.
    #[serde(default)]
    pub acting: Option<String>,
    /// `add_position`, `change_position`: `jpt`, `administrator`, `pengawas`, `fungsional`
    /// or `pelaksana`.
    #[serde(default)]
    pub class: Option<String>,
    /// Jenjang of a functional position (`ahli_muda`, `terampil`, …).
    #[serde(default)]
    pub functional_level: Option<String>,
    /// `add_position`: the head of its unit.
    #[serde(default)]
    pub is_head: Option<bool>,
    /// `add_position`: substansi of a functional position (KED-06), if any.
    #[serde(default)]
    pub substance: Option<String>,
    /// `add_unit`: kind of unit (`field`, `section`, `sub_division`, …).
    #[serde(default)]
    pub unit_kind: Option<String>,
    /// `add_unit`: a Unit Organisasi (led by a Pimpinan Unit Organisasi).
    #[serde(default)]
    pub is_org_unit: Option<bool>,
}

/// One problem of one item of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemProblem {
    /// Index of the item in the batch (0-based).
    pub index: usize,
    /// The field as the API names it (`employee`, `basis.number`, …).
    pub field: &'static str,
    /// Stable `snake_case` code.
    pub code: &'static str,
    /// Indonesian message.
    pub message: String,
}

/// The field of an item a storage or domain refusal of it is about: the row it names that
/// breaks the rule (`position_taken` → `position`), else the item's subject.
/// Keyed on the domain's [`ChangeKind`] (issue 14 point 7); `None` is an item whose kind is
/// missing or unknown. The codes are the domain's and storage's refusal codes.
pub fn refused_field(kind: Option<ChangeKind>, code: &str) -> &'static str {
    match code {
        "org_change_basis_invalid" => "basis.number",
        "employee_exists" => "employee",
        "grade_kind_mismatch" => "grade",
        "position_level_mismatch" => "functional_level",
        "unit_head_exists" if kind == Some(ChangeKind::AddPosition) => "is_head",
        "position_taken" | "position_not_vacant" | "acting_in_own_position" => "position",
        "unit_other_department" | "unit_cycle" | "department_root_exists"
            if kind == Some(ChangeKind::MergeUnit) =>
        {
            "into"
        }
        "unit_other_department" | "unit_cycle" | "department_root_exists" => "parent",
        _ => subject_field(kind),
    }
}

/// The field naming what an item of `kind` is about (`kind` itself when it is missing or
/// unknown).
pub fn subject_field(kind: Option<ChangeKind>) -> &'static str {
    let Some(kind) = kind else {
        return "kind";
    };
    match kind {
        ChangeKind::Hire | ChangeKind::Vacate | ChangeKind::SetGrade | ChangeKind::Leave => {
            "employee"
        }
        ChangeKind::Appoint
        | ChangeKind::NameActing
        | ChangeKind::EndActing
        | ChangeKind::AddPosition
        | ChangeKind::ChangePosition
        | ChangeKind::ClosePosition => "position",
        ChangeKind::AddUnit
        | ChangeKind::RenameUnit
        | ChangeKind::MoveUnit
        | ChangeKind::MergeUnit
        | ChangeKind::CloseUnit => "unit",
    }
}

/// The index of the batch item a storage refusal names ("Perubahan ke-3 (…): …", written by
/// `sikerja_storage::org_changes` for a refused item), 0-based.
pub fn refused_index(message: &str) -> Option<usize> {
    let rest = message.strip_prefix("Perubahan ke-")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<usize>().ok()?.checked_sub(1)
}

/// Where the items of a batch came from, to name an item in a refusal.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A JSON body or file: `changes[2].position`.
    Json,
    /// The sheet "Perubahan": the spreadsheet row of each item, and the column header.
    Sheet(&'a [u32]),
}

impl Source<'_> {
    /// The detail naming `field` of item `index`.
    pub fn detail(
        self,
        index: usize,
        field: &str,
        code: &str,
        message: String,
    ) -> crate::error::ErrorDetail {
        match self {
            Source::Json => crate::error::ErrorDetail {
                field: Some(format!("changes[{index}].{field}")),
                code: code.to_string(),
                message,
                ..Default::default()
            },
            Source::Sheet(rows) => crate::error::ErrorDetail {
                sheet: Some(sheet::SHEET.to_string()),
                row: rows.get(index).copied(),
                field: Some(resolve::label(field).to_string()),
                code: code.to_string(),
                message,
                ..Default::default()
            },
        }
    }
}

/// Every problem of a batch as one 422 (`org_change_batch_invalid`), nothing written.
pub fn problems_refused(problems: &[ItemProblem], source: Source<'_>) -> WebError {
    WebError::Invalid {
        code: "org_change_batch_invalid",
        message: format!(
            "Perubahan ditolak: {} masalah; tidak ada yang disimpan.",
            problems.len()
        ),
        details: problems
            .iter()
            .map(|p| source.detail(p.index, p.field, p.code, p.message.clone()))
            .collect(),
    }
}

/// A storage refusal of the batch, the item it names (if any) as its detail; the rule and
/// article of a rule-caused code are added to the detail by the error envelope.
pub fn storage_refused(e: StorageError, items: &[ChangeItem], source: Source<'_>) -> WebError {
    let mut web = WebError::from(e);
    if let WebError::Invalid {
        code,
        message,
        details,
    }
    | WebError::Conflict {
        code,
        message,
        details,
    } = &mut web
        && let Some(index) = refused_index(message)
    {
        let kind = items
            .get(index)
            .and_then(|i| i.kind.as_deref())
            .and_then(|k| ChangeKind::from_code(k.trim()));
        details.push(source.detail(index, refused_field(kind, code), code, message.clone()));
    }
    web
}

/// Resolves a batch against the agency's organisation as of today (the due changes applied
/// first) and checks that `principal` may record every change of it
/// (`Action::RecordOrgChange { agency, area }`).
pub async fn prepare(
    state: &AppState,
    principal: &Principal,
    agency: AgencyId,
    items: &[ChangeItem],
    source: Source<'_>,
) -> Result<Resolved, WebError> {
    state.store.apply_due_org_changes(today()).await?;
    let org = state.store.load_organisation(agency).await?;
    let resolved = resolve(&org, agency, items).map_err(|p| problems_refused(&p, source))?;
    for (i, c) in resolved.changes.iter().enumerate() {
        let area = c.change.area();
        if principal
            .require(Action::RecordOrgChange { agency, area })
            .is_err()
        {
            return Err(WebError::forbidden(format!(
                "Perubahan ke-{} ({}): {}",
                i + 1,
                c.change.label(),
                match area {
                    ChangeArea::Staff => {
                        "perubahan kepegawaian dicatat oleh Admin BKPSDM instansi ini."
                    }
                    ChangeArea::Structure => {
                        "perubahan unit dan jabatan dicatat oleh Admin BKPSDM atau Admin Bagian \
                         Organisasi instansi ini."
                    }
                }
            )));
        }
    }
    Ok(resolved)
}

/// What a prepared batch would do, nothing written.
pub async fn preview(
    state: &AppState,
    agency: AgencyId,
    resolved: &Resolved,
    items: &[ChangeItem],
    source: Source<'_>,
) -> Result<Impact, WebError> {
    state
        .store
        .preview_org_changes(agency, &resolved.changes)
        .await
        .map_err(|e| storage_refused(e, items, source))
}

/// Records a prepared batch in one transaction with its audit rows; the ids in the order given.
pub async fn record(
    state: &AppState,
    principal: &Principal,
    agency: AgencyId,
    resolved: &Resolved,
    items: &[ChangeItem],
    source: Source<'_>,
) -> Result<Vec<i64>, WebError> {
    state
        .store
        .record_org_changes(
            agency,
            &resolved.changes,
            &principal.audit_actor(None),
            today(),
        )
        .await
        .map_err(|e| storage_refused(e, items, source))
}
