//! Answers about drafts and assignments: the check's report with every finding and its rule,
//! a violation as an error detail, a recorded assignment, the caller's list, candidates.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Finding, Report, Requirement};
use sikerja_storage::{AssignmentLine, AssignmentView, Candidate};
use utoipa::ToSchema;

use crate::error::ErrorDetail;

/// A fact a finding used: a stable key and its value as shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactDto {
    #[schema(example = "counted_assignments")]
    pub key: String,
    pub value: String,
}

/// A violation (blocks) or an advice (shown, does not block).
#[derive(Debug, Serialize, ToSchema)]
pub struct FindingDto {
    #[schema(example = "PEN-05")]
    pub rule_id: String,
    #[schema(example = "Pasal 9 ayat 4")]
    pub article: String,
    /// Stable `snake_case` code, e.g. `own_unit_term_too_long`.
    pub code: String,
    /// Indonesian.
    pub message: String,
    /// The member it is about.
    pub employee: Option<i64>,
    pub facts: Vec<FactDto>,
}

impl From<&Finding> for FindingDto {
    fn from(f: &Finding) -> Self {
        FindingDto {
            rule_id: f.rule.rule_id.to_string(),
            article: f.rule.article.to_string(),
            code: f.code.to_string(),
            message: f.message.clone(),
            employee: f.employee.map(|e| e.0),
            facts: f
                .facts
                .iter()
                .map(|x| FactDto {
                    key: x.key.to_string(),
                    value: x.value.clone(),
                })
                .collect(),
        }
    }
}

/// A violation as one entry of an error's `details` (422 `assignment_refused`), with its rule.
pub fn violation_detail(f: &Finding, draft: &AssignmentDraft) -> ErrorDetail {
    let member = f
        .employee
        .and_then(|e| draft.members.iter().position(|m| m.employee == e));
    ErrorDetail {
        field: member.map(|i| format!("members[{i}]")),
        code: f.code.to_string(),
        message: f.message.clone(),
        rule_id: Some(f.rule.rule_id.to_string()),
        article: Some(f.rule.article.to_string()),
        ..ErrorDetail::default()
    }
}

/// The answer of a check: scope and instrument derived from the members, every violation,
/// every advice. `allowed` is true when there is no violation.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckReportDto {
    pub allowed: bool,
    /// `within_unit`, `cross_unit` or `cross_agency` (PEN-03).
    pub scope: String,
    pub scope_label: String,
    pub scope_rule_id: String,
    pub scope_article: String,
    /// `assignment_letter`, `secretary_decree` or `regent_decree` (PEN-12).
    pub instrument: String,
    pub instrument_label: String,
    pub instrument_rule_id: String,
    pub instrument_article: String,
    /// The workflow a request will follow (PEN-13..17); none for a volunteer across agencies
    /// (PEN-11).
    pub workflow: Option<String>,
    pub violations: Vec<FindingDto>,
    pub advice: Vec<FindingDto>,
}

impl CheckReportDto {
    pub fn new(r: &Report, method: AssignmentMethod) -> Self {
        CheckReportDto {
            allowed: r.is_allowed(),
            scope: r.scope.code().into(),
            scope_label: r.scope.label().into(),
            scope_rule_id: r.scope_citation.rule_id.to_string(),
            scope_article: r.scope_citation.article.into(),
            instrument: r.instrument.code().into(),
            instrument_label: r.instrument.label().into(),
            instrument_rule_id: r.instrument_citation.rule_id.to_string(),
            instrument_article: r.instrument_citation.article.into(),
            workflow: sikerja_domain::workflow::workflow_for(r.scope, method)
                .map(|k| k.code().into()),
            violations: r.violations.iter().map(FindingDto::from).collect(),
            advice: r.advice.iter().map(FindingDto::from).collect(),
        }
    }
}

/// A member as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
    pub employee: Option<i64>,
    pub name: String,
    pub nip: String,
    /// `team_lead` or `member`.
    pub role: String,
    /// `own_unit` (PEN-05) or `seconded` (PEN-06), fixed when recorded.
    pub membership: String,
    pub from: String,
    pub until: String,
}

/// An assignment as recorded, with its derived scope and instrument and its request.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentDto {
    pub id: i64,
    pub agency: i64,
    pub owner_unit: Option<i64>,
    pub owner_unit_name: String,
    pub target: Option<i64>,
    pub title: String,
    pub field: String,
    /// `individual` or `team`.
    pub execution: String,
    /// `appointment` or `volunteer`.
    pub method: String,
    /// PEN-03.
    pub scope: String,
    pub scope_label: String,
    /// PEN-12.
    pub instrument: String,
    pub instrument_label: String,
    #[schema(example = "PEN-12")]
    pub instrument_rule_id: String,
    #[schema(example = "Pasal 14 ayat 3")]
    pub instrument_article: String,
    /// The workflow its request follows (PEN-13..17).
    pub workflow: Option<String>,
    /// `draft`, `requested`, `active`, `refused`.
    pub status: String,
    pub members: Vec<MemberDto>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    /// The request, once its workflow has started.
    pub request: Option<i64>,
}

impl AssignmentDto {
    pub fn new(a: &AssignmentView, request: Option<i64>) -> Self {
        let (_, instrument) = sikerja_domain::assignment::instrument_for(a.scope);
        AssignmentDto {
            id: a.id.0,
            agency: a.agency.0,
            owner_unit: a.owner_unit.map(|u| u.0),
            owner_unit_name: a.owner_unit_name.clone(),
            target: a.target,
            title: a.title.clone(),
            field: a.field.clone(),
            execution: a.execution.code().into(),
            method: a.method.code().into(),
            scope: a.scope.code().into(),
            scope_label: a.scope.label().into(),
            instrument: a.instrument.code().into(),
            instrument_label: a.instrument.label().into(),
            instrument_rule_id: instrument.rule_id.to_string(),
            instrument_article: instrument.article.into(),
            workflow: sikerja_domain::workflow::workflow_for(a.scope, a.method)
                .map(|k| k.code().into()),
            status: a.status.code().into(),
            members: a
                .members
                .iter()
                .map(|m| MemberDto {
                    employee: m.employee.map(|e| e.0),
                    name: m.name.clone(),
                    nip: m.nip.clone(),
                    role: m.role.code().into(),
                    membership: m.membership.code().into(),
                    from: m.from.to_string(),
                    until: m.until.to_string(),
                })
                .collect(),
            created_at: a.created_at,
            created_by: a.created_by.clone(),
            request,
        }
    }
}

/// A line of the caller's assignments.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentLineDto {
    pub id: i64,
    pub title: String,
    pub owner_unit_name: String,
    pub scope: String,
    pub method: String,
    /// `draft`, `requested`, `active`, `refused`.
    pub status: String,
    pub request: Option<i64>,
    pub current_step: Option<String>,
    /// Why the caller sees it: `member`, `owner_head`, `prepared_for_head` (a draft a Kepala
    /// Bidang/Seksi prepared for them to take up), `preparer`, `step`.
    pub relation: String,
}

impl From<&AssignmentLine> for AssignmentLineDto {
    fn from(l: &AssignmentLine) -> Self {
        AssignmentLineDto {
            id: l.id.0,
            title: l.title.clone(),
            owner_unit_name: l.owner_unit_name.clone(),
            scope: l.scope.code().into(),
            method: l.method.code().into(),
            status: l.status.code().into(),
            request: l.request,
            current_step: l.current_step.clone(),
            relation: l.relation.code().into(),
        }
    }
}

/// A team-lead requirement (PEN-08) and whether the candidate meets it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequirementDto {
    pub rule_id: String,
    #[schema(example = "Pasal 9 ayat 6 huruf a")]
    pub article: String,
    /// `lead_education`, `lead_grade`, `lead_rating`, `lead_experience`.
    pub code: String,
    pub name: String,
    pub met: bool,
    /// What the record shows.
    pub detail: String,
}

impl From<&Requirement> for RequirementDto {
    fn from(r: &Requirement) -> Self {
        RequirementDto {
            rule_id: r.rule.rule_id.to_string(),
            article: r.rule.article.into(),
            code: r.code.into(),
            name: r.name.clone(),
            met: r.met,
            detail: r.detail.clone(),
        }
    }
}

/// An assignment a candidate already has.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurrentAssignmentDto {
    pub assignment: i64,
    pub title: String,
    pub role: String,
    pub from: String,
    pub until: String,
}

/// A candidate of the picker (PEN-02, PEN-08, PEN-09).
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateDto {
    pub employee: i64,
    pub name: String,
    pub nip: String,
    pub position_name: String,
    /// The unit of their position.
    pub unit_name: String,
    /// Their Perangkat Daerah.
    pub department_name: String,
    /// Golongan, e.g. `III/a` (PPPK: `IX`).
    pub grade: String,
    pub in_owner_unit: bool,
    /// A JF from *penyetaraan* of the owner unit, proposed first as team lead (PEN-09).
    pub equalized_first: bool,
    /// Placement settled (PEN-02); `placement_note` names its rule, or the KED-09 reason.
    pub placed: bool,
    pub placement_note: String,
    pub assignments: Vec<CurrentAssignmentDto>,
    /// How many of them run on the start day.
    pub load: u32,
    /// Every PEN-08 requirement is met.
    pub lead_eligible: bool,
    pub lead_requirements: Vec<RequirementDto>,
}

impl From<&Candidate> for CandidateDto {
    fn from(c: &Candidate) -> Self {
        CandidateDto {
            employee: c.employee.0,
            name: c.name.clone(),
            nip: c.nip.clone(),
            position_name: c.position_name.clone(),
            unit_name: c.unit_name.clone(),
            department_name: c.department_name.clone(),
            grade: c.grade.to_string(),
            in_owner_unit: c.in_owner_unit,
            equalized_first: c.equalized_first,
            placed: c.placed,
            placement_note: c.placement_note.clone(),
            assignments: c
                .assignments
                .iter()
                .map(|a| CurrentAssignmentDto {
                    assignment: a.id.0,
                    title: a.title.clone(),
                    role: a.role.code().into(),
                    from: a.from.to_string(),
                    until: a.until.to_string(),
                })
                .collect(),
            load: c.load,
            lead_eligible: c.lead_eligible(),
            lead_requirements: c
                .lead_requirements
                .iter()
                .map(RequirementDto::from)
                .collect(),
        }
    }
}

/// The id of a created record.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdDto {
    pub id: i64,
}
