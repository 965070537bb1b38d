//! A draft as sent (`POST /api/v1/assignments`, `…/check`): read into the domain's
//! `AssignmentDraft` with every problem of the input listed at once.

use serde::{Deserialize, Serialize};
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, Member, MemberRole};
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId, UnitId};
use sikerja_domain::planning::target::Execution;
use utoipa::ToSchema;

use crate::error::ErrorDetail;

/// A member as drafted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct MemberRequest {
    pub employee: i64,
    /// `team_lead` or `member` (an individual assignment has one `member`).
    #[schema(example = "member")]
    pub role: String,
    /// First day, inclusive (`YYYY-MM-DD`).
    #[schema(example = "2027-01-01")]
    pub from: String,
    /// Last day, inclusive.
    #[schema(example = "2027-06-30")]
    pub until: String,
}

/// An assignment as drafted. The scope is not part of it: it is derived from the members
/// (PEN-03). Missing fields are blank; every problem of the input is listed at once (422
/// `validation_failed`), then the regulation's checks run.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AssignmentRequest {
    /// The Instansi of the owner unit; missing: the caller's own.
    pub agency: Option<i64>,
    /// The Unit Organisasi that owns the target (*pemilik kinerja*, PEN-04).
    pub owner_unit: i64,
    /// What the work is, e.g. "Tim Penyusunan Arsitektur SPBE".
    #[schema(example = "Tim Percepatan Rujukan")]
    pub title: String,
    /// Field of the task, compared with the lead's experience (PEN-08 huruf d).
    #[schema(example = "Kesehatan")]
    pub field: String,
    /// `individual` or `team` (PEN-01).
    #[schema(example = "team")]
    pub execution: String,
    /// `appointment` (*penunjukan*) or `volunteer` (*pengajuan sukarela*, PEN-10); missing:
    /// `appointment`.
    #[schema(example = "appointment")]
    pub method: String,
    pub members: Vec<MemberRequest>,
    /// The *Penanggungjawab* (a position).
    pub responsible_position: Option<i64>,
    /// Why a lead other than a JF from *penyetaraan* was chosen (PEN-09).
    pub team_lead_reason: Option<String>,
    /// The Perjanjian Kinerja target the work serves (PEN-19).
    pub target: Option<i64>,
    /// A Kepala Bidang/Seksi prepares the draft for the head of the owner Unit Organisasi,
    /// who starts the workflow (issue 14 point 6); the head appoints directly. Missing: false.
    pub prepare_for_head: bool,
}

fn detail(field: String, code: &str, message: String) -> ErrorDetail {
    ErrorDetail {
        field: Some(field),
        code: code.to_string(),
        message,
        ..ErrorDetail::default()
    }
}

fn day(value: &str, field: String, problems: &mut Vec<ErrorDetail>) -> Option<Day> {
    match Day::parse(value.trim()) {
        Ok(d) => Some(d),
        Err(e) => {
            problems.push(detail(field, e.code(), e.to_string()));
            None
        }
    }
}

impl AssignmentRequest {
    /// The draft the domain checks, or every problem of the input. `default_agency` is the
    /// caller's agency, used when `agency` is missing.
    pub fn draft(
        &self,
        default_agency: Option<AgencyId>,
    ) -> Result<AssignmentDraft, Vec<ErrorDetail>> {
        let mut problems = Vec::new();
        if self.title.trim().is_empty() {
            problems.push(detail(
                "title".into(),
                "assignment_title_blank",
                "Nama penugasan wajib diisi.".into(),
            ));
        }
        let agency = self.agency.map(AgencyId).or(default_agency);
        if agency.is_none() {
            problems.push(detail(
                "agency".into(),
                "agency_missing",
                "Sebutkan Instansi pemilik kinerja (agency).".into(),
            ));
        }
        if self.owner_unit <= 0 {
            problems.push(detail(
                "owner_unit".into(),
                "owner_unit_missing",
                "Pilih Unit Organisasi pemilik kinerja (PEN-04).".into(),
            ));
        }
        let execution = Execution::from_code(self.execution.trim());
        if execution.is_none() {
            problems.push(detail(
                "execution".into(),
                "execution_invalid",
                "Pelaksanaan harus `individual` (individu) atau `team` (tim kerja) (PEN-01)."
                    .into(),
            ));
        }
        let method = match self.method.trim() {
            "" => Some(AssignmentMethod::Appointment),
            code => AssignmentMethod::from_code(code),
        };
        if method.is_none() {
            problems.push(detail(
                "method".into(),
                "method_invalid",
                "Cara penugasan harus `appointment` (penunjukan) atau `volunteer` (pengajuan sukarela) (PEN-10).".into(),
            ));
        }
        let mut members = Vec::with_capacity(self.members.len());
        for (i, m) in self.members.iter().enumerate() {
            let role = MemberRole::from_code(m.role.trim());
            if role.is_none() {
                problems.push(detail(
                    format!("members[{i}].role"),
                    "role_invalid",
                    "Peran anggota harus `team_lead` (Ketua Tim) atau `member` (Anggota).".into(),
                ));
            }
            let from = day(&m.from, format!("members[{i}].from"), &mut problems);
            let until = day(&m.until, format!("members[{i}].until"), &mut problems);
            if let (Some(role), Some(from), Some(until)) = (role, from, until) {
                members.push(Member {
                    employee: EmployeeId(m.employee),
                    role,
                    from,
                    until,
                });
            }
        }
        match (agency, execution, method) {
            (Some(agency), Some(execution), Some(method)) if problems.is_empty() => {
                Ok(AssignmentDraft {
                    id: None,
                    execution,
                    owner_unit: UnitId(self.owner_unit),
                    owner_agency: agency,
                    method,
                    members,
                    responsible_official: self.responsible_position.map(PositionId),
                    field: self.field.trim().to_string(),
                    team_lead_reason: self
                        .team_lead_reason
                        .as_deref()
                        .map(str::trim)
                        .filter(|r| !r.is_empty())
                        .map(str::to_string),
                })
            }
            _ => Err(problems),
        }
    }
}
