//! Planning (issue 4; MEK-02, MEK-03, STR-01..05, PEN-19): performance agreements, their
//! targets and cascade, dialogues, expectations and activity plans.
//!
//! Ids of related records are named after the record (`agreement`, `position`, `employee`),
//! in requests and answers alike. Every agreement names the rule that decided who sets it
//! (`setter.rule_id`, `setter.article`); every post offered for cascading names the rule that
//! links it to the reader.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::planning::activity::{Activity, ActivityDraft};
use sikerja_domain::planning::target::{IndicatorKind, Problem, TargetDraft};
use sikerja_domain::rules::RuleId;
use sikerja_storage::planning::{
    AgreementPosts, AgreementSummary, AgreementVersionView, AgreementView, DialogueView,
    ExpectationView, Identification, PlanVersionView, PlanView, PostLine, SetterView, TargetChild,
    TargetNode, TargetView,
};
use utoipa::ToSchema;

use crate::error::ErrorDetail;

// ---------------------------------------------------------------------------------------------
// Requests

/// A number, or the same written as text: rupiah as `1250000` or `"Rp 1.250.000"`, a weight
/// as `2` or `"2"`, a month as `3` or `"3"`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum NumberOrText {
    Number(i64),
    Text(String),
}

impl Default for NumberOrText {
    fn default() -> Self {
        NumberOrText::Text(String::new())
    }
}

impl NumberOrText {
    /// The value as a person would have typed it, for the domain's checks.
    fn typed(&self) -> String {
        match self {
            NumberOrText::Number(n) => n.to_string(),
            NumberOrText::Text(s) => s.clone(),
        }
    }
}

/// A target as entered. Missing fields are blank; every problem is reported at once (422
/// `validation_failed` with one entry in `details` per problem).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TargetFields {
    /// The performance indicator (*indikator kinerja*).
    #[schema(example = "Persentase fasilitas kesehatan terakreditasi")]
    pub indicator: String,
    /// `quantitative` or `qualitative`.
    #[schema(example = "quantitative")]
    pub kind: String,
    /// A number for a quantitative indicator (`95`, `"12,5"`), a description for a
    /// qualitative one.
    #[schema(value_type = String, example = "95")]
    pub target: NumberOrText,
    /// Unit of the number (`%`, `dokumen`); optional for a qualitative indicator.
    #[schema(example = "%")]
    pub unit: String,
    /// Rupiah without cents: an integer or text such as `"Rp 1.250.000"`.
    pub budget: NumberOrText,
    /// Reference to the Renstra (strategic plan).
    pub strategic_plan_ref: String,
    /// Reference to the Renja (annual work plan).
    pub annual_work_plan_ref: String,
    /// Weight within the parent target, 1–1000 (cascaded targets); missing means 1.
    pub weight: NumberOrText,
}

impl TargetFields {
    /// The draft the domain checks (MEK-02). An unknown `kind` is reported as such.
    pub fn draft(&self) -> (TargetDraft, Option<Problem>) {
        let kind = IndicatorKind::from_code(self.kind.trim());
        let unknown_kind = (kind.is_none() && !self.kind.trim().is_empty()).then(|| {
            Problem::new(
                "kind",
                "kind_invalid",
                format!(
                    "Jenis indikator “{}” tidak dikenal: gunakan `quantitative` (kuantitatif) atau `qualitative` (kualitatif).",
                    self.kind.trim()
                ),
            )
        });
        let draft = TargetDraft {
            indicator: self.indicator.clone(),
            kind,
            target: self.target.typed(),
            unit: self.unit.clone(),
            budget: self.budget.typed(),
            strategic_plan_ref: self.strategic_plan_ref.clone(),
            annual_work_plan_ref: self.annual_work_plan_ref.clone(),
            weight: self.weight.typed(),
        };
        (draft, unknown_kind)
    }
}

/// A new target of an agreement.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AddTargetRequest {
    #[serde(flatten)]
    pub fields: TargetFields,
    /// A target of the agreement of the post that sets this one, same year (the cascade link).
    #[serde(default)]
    pub parent: Option<i64>,
}

/// A target cascaded to a post whose agreement the holder of the parent's post sets.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CascadeRequest {
    /// The position of the receiving post (one of `recipients` of `/api/v1/agreement-posts`).
    pub position: i64,
    /// The employee who exercises it.
    pub employee: i64,
    #[serde(flatten)]
    pub fields: TargetFields,
}

/// Starts the draft agreement of a post for a year.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateAgreementRequest {
    pub agency: i64,
    pub position: i64,
    pub employee: i64,
    #[schema(example = 2026)]
    pub year: i32,
}

/// Reported progress of a target.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProgressRequest {
    /// Percent, 0–100.
    #[schema(example = 62.5)]
    pub progress: f64,
}

/// Amends a signed agreement.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AmendmentRequest {
    /// Why the signed agreement changes (required).
    #[serde(default)]
    pub reason: String,
}

/// The year to copy an agreement into.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CopyRequest {
    /// A later year than the agreement's, e.g. 2028.
    pub year: i32,
}

/// What a dialogue decided about one target (MEK-03, PEN-19).
#[derive(Debug, Deserialize, ToSchema)]
pub struct IdentificationRequest {
    pub target: i64,
    /// `individual` or `team`.
    #[schema(example = "team")]
    pub execution: String,
    #[serde(default)]
    pub needs_other_units: bool,
    #[serde(default)]
    pub needs_other_agencies: bool,
    #[serde(default)]
    pub needs_team_lead: bool,
}

/// A performance dialogue (*dialog kinerja*) as held.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DialogueRequest {
    /// `YYYY-MM-DD`.
    #[schema(example = "2026-01-15")]
    pub held_on: String,
    /// Employee ids of the participants (people of the agreement's agency).
    pub participants: Vec<i64>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub identifications: Vec<IdentificationRequest>,
}

/// An expectation for the holder of a post whose agreement the reader sets.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExpectationRequest {
    pub agency: i64,
    pub position: i64,
    pub employee: i64,
    pub year: i32,
    pub text: String,
}

/// One activity as entered.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ActivityRequest {
    pub name: String,
    /// The output (*keluaran*).
    pub output: String,
    /// First month, 1–12 (a number, or the same as text).
    #[schema(example = 1)]
    pub month_from: NumberOrText,
    /// Last month, 1–12 (a number, or the same as text).
    #[schema(example = 3)]
    pub month_to: NumberOrText,
    /// Rupiah: an integer or text such as `"2.500.000"`.
    pub budget: NumberOrText,
}

impl ActivityRequest {
    /// The draft the domain checks.
    pub fn draft(&self) -> ActivityDraft {
        ActivityDraft {
            name: self.name.clone(),
            output: self.output.clone(),
            month_from: self.month_from.typed(),
            month_to: self.month_to.typed(),
            budget: self.budget.typed(),
        }
    }
}

/// A new activity plan for a target of the reader's own agreement.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ActivityPlanRequest {
    pub title: String,
    pub activities: Vec<ActivityRequest>,
}

/// A change of a plan: a draft changes in place; a submitted or approved plan gets a new
/// version, and then `reason` is required (MEK-03, Pasal 10 ayat 2).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PlanVersionRequest {
    pub activities: Vec<ActivityRequest>,
    pub reason: String,
}

/// Domain problems as the `details` of a 422.
pub fn problem_details(problems: Vec<Problem>) -> Vec<ErrorDetail> {
    problems
        .into_iter()
        .map(|p| ErrorDetail {
            sheet: None,
            row: None,
            field: Some(p.field.to_string()),
            code: p.code.to_string(),
            message: p.message,
            ..ErrorDetail::default()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Answers

/// The id of a created record.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedDto {
    pub id: i64,
}

/// A target cascaded: the receiving agreement (created when missing) and the new target.
#[derive(Debug, Serialize, ToSchema)]
pub struct CascadedDto {
    pub agreement: i64,
    pub target: i64,
}

/// The version a plan change produced.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanVersionCreatedDto {
    pub version: i32,
}

/// Who sets an agreement and the rule that says so (STR-01..05, MEK-02).
#[derive(Debug, Serialize, ToSchema)]
pub struct SetterDto {
    /// `position` (the holder of `position` sets it) or `regional_head`.
    #[schema(example = "position")]
    pub kind: String,
    pub position: Option<i64>,
    /// The setter's position name, or the regional head's title.
    pub name: String,
    #[schema(example = "STR-02")]
    pub rule_id: String,
    #[schema(example = "Lampiran I.B.2.a–b")]
    pub article: String,
    /// Indonesian title of the rule.
    pub rule_title: String,
}

fn rule_title(id: &str) -> String {
    RuleId::parse(id)
        .map(|r| r.title().to_string())
        .unwrap_or_default()
}

impl From<&SetterView> for SetterDto {
    fn from(s: &SetterView) -> Self {
        SetterDto {
            kind: s.kind.code().to_string(),
            position: s.position.map(|p| p.0),
            name: s.name.clone(),
            rule_id: s.rule_id.clone(),
            article: s.article.clone(),
            rule_title: rule_title(&s.rule_id),
        }
    }
}

/// A performance agreement (*Perjanjian Kinerja*) in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementSummaryDto {
    pub id: i64,
    pub agency: i64,
    pub department: Option<i64>,
    pub year: i32,
    pub position: Option<i64>,
    pub employee: Option<i64>,
    pub position_name: String,
    pub holder_name: String,
    pub holder_nip: Option<String>,
    pub setter: SetterDto,
    /// `draft` or `signed` (both parties signed; locked until amended).
    #[schema(example = "draft")]
    pub status: String,
    pub version: i32,
    pub holder_signed_at: Option<DateTime<Utc>>,
    pub setter_signed_at: Option<DateTime<Utc>>,
    /// Number of targets.
    pub target_count: u32,
    /// Sum of the targets' budgets, rupiah.
    pub budget: i64,
}

impl From<&AgreementSummary> for AgreementSummaryDto {
    fn from(s: &AgreementSummary) -> Self {
        AgreementSummaryDto {
            id: s.id,
            agency: s.agency.0,
            department: s.department.map(|d| d.0),
            year: s.year,
            position: s.position.map(|p| p.0),
            employee: s.employee.map(|e| e.0),
            position_name: s.position_name.clone(),
            holder_name: s.holder_name.clone(),
            holder_nip: s.holder_nip.clone(),
            setter: SetterDto::from(&s.setter),
            status: s.status.code().into(),
            version: s.version,
            holder_signed_at: s.holder_signed_at,
            setter_signed_at: s.setter_signed_at,
            target_count: s.targets,
            budget: s.budget,
        }
    }
}

/// How a target is carried out, decided in a performance dialogue before the year.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdentificationDto {
    /// `individual` or `team`.
    #[schema(example = "team")]
    pub execution: String,
    pub needs_other_units: bool,
    pub needs_other_agencies: bool,
    pub needs_team_lead: bool,
    /// The dialogue that decided it.
    pub dialogue: Option<i64>,
    #[schema(example = "MEK-03")]
    pub rule_id: String,
    #[schema(example = "Pasal 10 ayat 1")]
    pub article: String,
}

impl From<&Identification> for IdentificationDto {
    fn from(i: &Identification) -> Self {
        IdentificationDto {
            execution: i.execution.code().into(),
            needs_other_units: i.needs_other_units,
            needs_other_agencies: i.needs_other_agencies,
            needs_team_lead: i.needs_team_lead,
            dialogue: i.dialogue,
            rule_id: "MEK-03".into(),
            article: "Pasal 10 ayat 1".into(),
        }
    }
}

/// A target cascaded from another.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetChildDto {
    pub target: i64,
    pub agreement: i64,
    pub holder_name: String,
    pub position_name: String,
    pub weight: u32,
}

impl From<&TargetChild> for TargetChildDto {
    fn from(c: &TargetChild) -> Self {
        TargetChildDto {
            target: c.target,
            agreement: c.agreement,
            holder_name: c.holder_name.clone(),
            position_name: c.position_name.clone(),
            weight: c.weight,
        }
    }
}

/// A target with its cascade and progress rolled up by weight.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetDto {
    pub id: i64,
    pub agreement: i64,
    /// The target of the setter's agreement this one was cascaded from.
    pub parent: Option<i64>,
    pub indicator: String,
    /// `quantitative` or `qualitative`.
    pub kind: String,
    pub target: String,
    pub target_number: Option<f64>,
    pub unit: String,
    /// Rupiah.
    pub budget: i64,
    pub strategic_plan_ref: String,
    pub annual_work_plan_ref: String,
    pub weight: u32,
    /// Progress reported for the target itself, 0–100.
    pub own_progress: f64,
    /// Progress rolled up from the cascaded targets by weight (own progress for a leaf).
    pub progress: f64,
    /// Individual or team work, decided in a dialogue (MEK-03, PEN-19); `null` until then.
    pub identification: Option<IdentificationDto>,
    pub children: Vec<TargetChildDto>,
}

impl From<&TargetView> for TargetDto {
    fn from(t: &TargetView) -> Self {
        TargetDto {
            id: t.id,
            agreement: t.agreement,
            parent: t.parent,
            indicator: t.indicator.clone(),
            kind: t.kind.code().into(),
            target: t.target.clone(),
            target_number: t.target_number,
            unit: t.unit.clone(),
            budget: t.budget,
            strategic_plan_ref: t.strategic_plan_ref.clone(),
            annual_work_plan_ref: t.annual_work_plan_ref.clone(),
            weight: t.weight,
            own_progress: t.own_progress,
            progress: t.progress,
            identification: t.identification.as_ref().map(IdentificationDto::from),
            children: t.children.iter().map(TargetChildDto::from).collect(),
        }
    }
}

/// A signed text kept when the agreement was amended.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementVersionDto {
    pub version: i32,
    pub amended_at: DateTime<Utc>,
    pub amended_by: String,
    pub reason: String,
    /// The agreement and its targets as signed.
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
}

impl From<&AgreementVersionView> for AgreementVersionDto {
    fn from(v: &AgreementVersionView) -> Self {
        AgreementVersionDto {
            version: v.version,
            amended_at: v.amended_at,
            amended_by: v.amended_by.clone(),
            reason: v.reason.clone(),
            content: serde_json::from_str(&v.content)
                .unwrap_or_else(|_| serde_json::Value::String(v.content.clone())),
        }
    }
}

/// A participant of a dialogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantDto {
    pub employee: i64,
    pub name: String,
    pub nip: String,
}

/// A performance dialogue (*dialog kinerja*, MEK-02).
#[derive(Debug, Serialize, ToSchema)]
pub struct DialogueDto {
    pub id: i64,
    pub agreement: i64,
    pub held_on: chrono::NaiveDate,
    pub participants: Vec<ParticipantDto>,
    pub notes: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

impl From<&DialogueView> for DialogueDto {
    fn from(d: &DialogueView) -> Self {
        DialogueDto {
            id: d.id,
            agreement: d.agreement,
            held_on: d.held_on,
            participants: d
                .participants
                .iter()
                .map(|p| ParticipantDto {
                    employee: p.employee.0,
                    name: p.name.clone(),
                    nip: p.nip.clone(),
                })
                .collect(),
            notes: d.notes.clone(),
            recorded_at: d.recorded_at,
            recorded_by: d.recorded_by.clone(),
        }
    }
}

/// One agreement in full.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementDto {
    #[serde(flatten)]
    pub summary: AgreementSummaryDto,
    pub holder_signed_by: Option<String>,
    pub setter_signed_by: Option<String>,
    /// The number from the register of performance agreements of its Perangkat Daerah and
    /// year (DOC-05), given when both parties have signed; `null` before.
    pub number: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub targets: Vec<TargetDto>,
    /// Signed texts replaced by amendments, oldest first.
    pub versions: Vec<AgreementVersionDto>,
    pub dialogues: Vec<DialogueDto>,
    /// The activity plans drafted for its targets.
    pub activity_plans: Vec<PlanDto>,
}

impl AgreementDto {
    pub fn new(a: &AgreementView, plans: &[PlanView]) -> Self {
        AgreementDto {
            summary: AgreementSummaryDto::from(&a.summary),
            holder_signed_by: a.holder_signed_by.clone(),
            setter_signed_by: a.setter_signed_by.clone(),
            number: a.number.clone(),
            created_at: a.created_at,
            created_by: a.created_by.clone(),
            targets: a.targets.iter().map(TargetDto::from).collect(),
            versions: a.versions.iter().map(AgreementVersionDto::from).collect(),
            dialogues: a.dialogues.iter().map(DialogueDto::from).collect(),
            activity_plans: plans.iter().map(PlanDto::from).collect(),
        }
    }
}

/// A node of a department's target tree: a target, whose agreement it is, and its depth in
/// the cascade (0 for a target with no parent in the department).
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetNodeDto {
    #[serde(flatten)]
    pub target: TargetDto,
    pub holder_name: String,
    pub position_name: String,
    pub depth: u32,
}

impl From<&TargetNode> for TargetNodeDto {
    fn from(n: &TargetNode) -> Self {
        TargetNodeDto {
            target: TargetDto::from(&n.target),
            holder_name: n.holder_name.clone(),
            position_name: n.position_name.clone(),
            depth: n.depth,
        }
    }
}

/// A post the reader plans for.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostLineDto {
    pub position: i64,
    /// Who exercises the post; `null` when vacant.
    pub employee: Option<i64>,
    pub position_name: String,
    pub holder_name: String,
    /// For a post whose agreement the reader sets: the rule (`STR-02`, `MEK-02`, …).
    pub rule_id: Option<String>,
    pub article: Option<String>,
}

impl From<&PostLine> for PostLineDto {
    fn from(p: &PostLine) -> Self {
        PostLineDto {
            position: p.post.position.0,
            employee: p.post.employee.map(|e| e.0),
            position_name: p.position_name.clone(),
            holder_name: p.holder_name.clone(),
            rule_id: p.rule_id.clone(),
            article: p.article.clone(),
        }
    }
}

/// The posts a signed-in official plans for: their own, and those whose agreements they set
/// (derived from the unit tree and placement, STR-01..05).
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementPostsDto {
    /// The official's agency (the `agency` of a new agreement).
    pub agency: Option<i64>,
    pub own: Vec<PostLineDto>,
    pub recipients: Vec<PostLineDto>,
}

impl AgreementPostsDto {
    pub fn new(agency: Option<i64>, posts: &AgreementPosts) -> Self {
        AgreementPostsDto {
            agency,
            own: posts.own.iter().map(PostLineDto::from).collect(),
            recipients: posts.recipients.iter().map(PostLineDto::from).collect(),
        }
    }
}

/// An expectation a head set for a person whose agreement they set (MEK-02, KIN-01).
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpectationDto {
    pub id: i64,
    pub year: i32,
    pub setter_position: Option<i64>,
    pub setter_name: String,
    pub employee: Option<i64>,
    pub position: Option<i64>,
    pub holder_name: String,
    pub text: String,
    pub set_at: DateTime<Utc>,
    pub set_by: String,
    /// When the person acknowledged it; `null` until then (and again after a change).
    pub acknowledged_at: Option<DateTime<Utc>>,
}

impl From<&ExpectationView> for ExpectationDto {
    fn from(e: &ExpectationView) -> Self {
        ExpectationDto {
            id: e.id,
            year: e.year,
            setter_position: e.setter_position.map(|p| p.0),
            setter_name: e.setter_name.clone(),
            employee: e.employee.map(|x| x.0),
            position: e.position.map(|p| p.0),
            holder_name: e.holder_name.clone(),
            text: e.text.clone(),
            set_at: e.set_at,
            set_by: e.set_by.clone(),
            acknowledged_at: e.acknowledged_at,
        }
    }
}

/// One activity of a plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityDto {
    pub name: String,
    pub output: String,
    pub month_from: u8,
    pub month_to: u8,
    /// Rupiah.
    pub budget: i64,
}

impl From<&Activity> for ActivityDto {
    fn from(a: &Activity) -> Self {
        ActivityDto {
            name: a.name.clone(),
            output: a.output.clone(),
            month_from: a.month_from,
            month_to: a.month_to,
            budget: a.budget,
        }
    }
}

/// One version of an activity plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanVersionDto {
    pub version: i32,
    pub activities: Vec<ActivityDto>,
    pub total_budget: i64,
    /// Why this version replaced the previous one (blank for version 1).
    pub reason: String,
    /// `draft`, `submitted`, `approved` or `returned` (sent back with `return_note`).
    #[schema(example = "submitted")]
    pub status: String,
    pub drafted_at: DateTime<Utc>,
    pub drafted_by: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<String>,
    /// Returned with notes by the head who sets the agreement (issue 15 point 6).
    pub returned_at: Option<DateTime<Utc>>,
    pub returned_by: Option<String>,
    pub return_note: Option<String>,
}

/// Body of `POST /api/v1/activity-plans/{id}/return`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PlanReturnRequest {
    /// What the holder should change (required).
    pub note: String,
}

impl From<&PlanVersionView> for PlanVersionDto {
    fn from(v: &PlanVersionView) -> Self {
        PlanVersionDto {
            version: v.version,
            activities: v.activities.iter().map(ActivityDto::from).collect(),
            total_budget: v.total_budget,
            reason: v.reason.clone(),
            status: v.status.code().into(),
            drafted_at: v.drafted_at,
            drafted_by: v.drafted_by.clone(),
            submitted_at: v.submitted_at,
            approved_at: v.approved_at,
            approved_by: v.approved_by.clone(),
            returned_at: v.returned_at,
            returned_by: v.returned_by.clone(),
            return_note: v.return_note.clone(),
        }
    }
}

/// An activity plan (*rencana pelaksanaan kegiatan dan anggaran*, MEK-02) with every version.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanDto {
    pub id: i64,
    pub agreement: i64,
    pub target: Option<i64>,
    pub title: String,
    /// The version in force or being drafted.
    pub current_version: i32,
    /// Oldest first; earlier versions stay as they were approved.
    pub versions: Vec<PlanVersionDto>,
}

impl From<&PlanView> for PlanDto {
    fn from(p: &PlanView) -> Self {
        PlanDto {
            id: p.id,
            agreement: p.agreement,
            target: p.target,
            title: p.title.clone(),
            current_version: p.current_version,
            versions: p.versions.iter().map(PlanVersionDto::from).collect(),
        }
    }
}
