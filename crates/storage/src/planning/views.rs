//! What the planning methods take and return.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId, PositionId};
use sikerja_domain::planning::structure::SetterKind;
use sikerja_domain::planning::target::{AgreementStatus, Execution, IndicatorKind};

use crate::AuditActor;

/// Id of a performance agreement.
pub type AgreementId = i64;
/// Id of a target of an agreement.
pub type TargetId = i64;
/// Id of a performance dialogue.
pub type DialogueId = i64;

/// Who asks for a planning change: a signed-in employee (their posts are read in the
/// transaction) or a regional head (who countersigns the agreements of department heads).
#[derive(Debug, Clone)]
pub struct PlanningActor {
    pub employee: Option<EmployeeId>,
    /// Set for a regional head's account: the agency they head.
    pub regional_head_of: Option<AgencyId>,
    pub audit: AuditActor,
}

/// Who sets an agreement (STR-01..05) and the rule that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetterView {
    pub kind: SetterKind,
    pub position: Option<PositionId>,
    /// The setter's position name ("Kepala Dinas …") or "Bupati …".
    pub name: String,
    pub rule_id: String,
    pub article: String,
}

/// A line of a list of agreements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementSummary {
    pub id: AgreementId,
    pub agency: AgencyId,
    pub department: Option<DepartmentId>,
    pub year: i32,
    pub position: Option<PositionId>,
    pub employee: Option<EmployeeId>,
    pub position_name: String,
    pub holder_name: String,
    pub holder_nip: Option<String>,
    pub setter: SetterView,
    pub status: AgreementStatus,
    pub version: i32,
    pub holder_signed_at: Option<DateTime<Utc>>,
    pub setter_signed_at: Option<DateTime<Utc>>,
    pub targets: u32,
    pub budget: i64,
}

/// A target with its cascade links and rolled-up progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetView {
    pub id: TargetId,
    pub agreement: AgreementId,
    pub parent: Option<TargetId>,
    pub indicator: String,
    pub kind: IndicatorKind,
    pub target: String,
    pub target_number: Option<f64>,
    pub unit: String,
    pub budget: i64,
    pub strategic_plan_ref: String,
    pub annual_work_plan_ref: String,
    pub weight: u32,
    /// Reported progress of the target itself (0–100).
    pub own_progress: f64,
    /// Progress rolled up from the cascaded targets by weight (own progress for a leaf).
    pub progress: f64,
    /// Identification before the year (MEK-03, PEN-19).
    pub identification: Option<Identification>,
    /// Targets cascaded from this one: (target, agreement, holder and position).
    pub children: Vec<TargetChild>,
}

/// A target cascaded from another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetChild {
    pub target: TargetId,
    pub agreement: AgreementId,
    pub holder_name: String,
    pub position_name: String,
    pub weight: u32,
}

/// How a target is to be carried out, decided in a performance dialogue (MEK-03).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Identification {
    pub execution: Execution,
    /// Officials from other Unit Organisasi are needed.
    pub needs_other_units: bool,
    /// Officials from other agencies are needed.
    pub needs_other_agencies: bool,
    /// A team lead (Ketua Tim) is needed.
    pub needs_team_lead: bool,
    /// The dialogue that decided it.
    pub dialogue: Option<DialogueId>,
}

/// A signed text kept when the agreement was amended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementVersionView {
    pub version: i32,
    pub amended_at: DateTime<Utc>,
    pub amended_by: String,
    pub reason: String,
    /// The agreement and its targets as signed (JSON).
    pub content: String,
}

/// A participant of a dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Participant {
    pub employee: EmployeeId,
    pub name: String,
    pub nip: String,
}

/// A performance dialogue (*dialog kinerja*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DialogueView {
    pub id: DialogueId,
    pub agreement: AgreementId,
    pub held_on: NaiveDate,
    pub participants: Vec<Participant>,
    pub notes: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

/// A person named under a signature: name with titles, and NIP (none for a regional head).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerView {
    pub name: String,
    pub nip: Option<String>,
}

/// One agreement in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementView {
    pub summary: AgreementSummary,
    pub holder_signed_by: Option<String>,
    pub setter_signed_by: Option<String>,
    /// The person who signed as *pihak kedua* (issue 15 point 6); `None` until they sign.
    pub setter_signer: Option<SignerView>,
    /// Where the agreement is signed: the agency's seat (e.g. "Martapura").
    pub place: String,
    /// The number from the register of performance agreements (DOC-05), given when both
    /// parties have signed; `None` before, and for an amended draft until signed again.
    pub number: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub targets: Vec<TargetView>,
    /// Signed texts replaced by amendments, oldest first.
    pub versions: Vec<AgreementVersionView>,
    pub dialogues: Vec<DialogueView>,
}

/// A node of a department's target tree for a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetNode {
    pub target: TargetView,
    pub holder_name: String,
    pub position_name: String,
    pub depth: u32,
}

/// Which agreements [`crate::Store::agreements`] lists. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    pub agency: Option<AgencyId>,
    pub department: Option<DepartmentId>,
    pub year: Option<i32>,
    /// Agreements held by this employee.
    pub employee: Option<EmployeeId>,
    /// Agreements set by any of these positions.
    pub setter_positions: Vec<PositionId>,
    /// Only agreements set by the regional head (department heads' agreements).
    pub set_by_regional_head: bool,
    pub status: Option<AgreementStatus>,
}

/// A post as offered on the planning pages, with the rule that links it to the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostLine {
    pub post: sikerja_domain::planning::structure::Post,
    pub position_name: String,
    pub holder_name: String,
    /// For a post whose agreement the reader sets: the STR rule and article.
    pub rule_id: Option<String>,
    pub article: Option<String>,
}

/// The posts a person plans for: their own, and those whose agreements they set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementPosts {
    pub own: Vec<PostLine>,
    pub recipients: Vec<PostLine>,
}
