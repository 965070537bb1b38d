//! An agency's dated policies (issue 14 point 5) as the API reads and writes them: enums as
//! their stable codes, the Pejabat yang Berwenang by position code.

use serde::{Deserialize, Serialize};
use sikerja_domain::assignment::{CountWindow, Day};
use sikerja_domain::execution::report::{ReportAddressees, ReportPeriod};
use sikerja_domain::org::AssessorPolicy;
use sikerja_domain::performance::{PeriodCadence, PeriodPolicy};
use sikerja_domain::policy::{AgencyPolicies, Classification, PolicyChange, validate_change};
use sikerja_domain::workflow::LetterKind;
use sikerja_storage::policies::PolicyVersionView;
use utoipa::ToSchema;

use crate::error::{ErrorDetail, WebError};

/// One classification code (*kode klasifikasi arsip*) for a kind of letter (DOC-05).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ClassificationDto {
    /// `involvement_request`, `involvement_answer`, `assignment_letter`, `surat_tugas`,
    /// `secretary_decree` or `regent_decree`.
    pub kind: String,
    /// Digits separated by dots, e.g. `800.1.11`.
    pub code: String,
}

/// The values of an agency's policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PoliciesDto {
    /// KED-12: `placement_decides` (default) or `administrator_assesses`.
    pub assessor_policy: String,
    /// KED-10: officials with more people placed under them are flagged (default 15; 1–10000).
    pub span_of_control_threshold: u32,
    /// PEN-07: `calendar_year` (default) or `concurrent`.
    pub count_window: String,
    /// PEN-08: enforce the lead requirements for within-unit teams too (default false: advice).
    pub enforce_lead_rules_within_unit: bool,
    /// PEN-08 huruf b: lowest PPPK golongan equivalent to Penata Muda III/a (default 9; 1–17).
    pub pppk_min_golongan: u8,
    /// PEN-15: position code of the *Pejabat yang Berwenang*; none: the *Sekretaris Daerah*.
    pub authority_position_code: Option<String>,
    /// Read only: the name of that position.
    #[serde(default, skip_deserializing)]
    pub authority_position_name: Option<String>,
    /// LAP-02: `weekly`, `monthly` (default) or `quarterly`.
    pub report_period: String,
    /// LAP-02: days after a period's end a report is due (default 5; 0–31).
    pub report_grace_days: u8,
    /// LAP-01: `both` (default), `org_unit_head` or `assessor`.
    pub report_addressees: String,
    /// DOC-05: classification codes of new registers by kind of letter.
    #[serde(default)]
    pub classifications: Vec<ClassificationDto>,
    /// DOC-05: the budget regulation a Keputusan cites, with its number.
    pub budget_regulation: Option<String>,
    /// KIN-01: the periodic assessments besides the annual one — `quarterly` (default) or
    /// `monthly`.
    #[serde(default = "default_cadence")]
    pub assessment_cadence: String,
    /// KIN-01: days before a period's last day its assessment window opens (default 0; 0–366).
    #[serde(default)]
    pub assessment_opens_days_before_end: u16,
    /// KIN-01: days after a periodic period's last day its window closes (default 15; 0–366).
    #[serde(default = "default_closes")]
    pub assessment_closes_days_after_end: u16,
    /// KIN-01: days after the year's last day the annual window closes (default 31; 0–366).
    #[serde(default = "default_annual_closes")]
    pub assessment_annual_closes_days_after_end: u16,
}

fn default_cadence() -> String {
    PeriodPolicy::default().cadence.code().into()
}

fn default_closes() -> u16 {
    PeriodPolicy::default().closes_days_after_end
}

fn default_annual_closes() -> u16 {
    PeriodPolicy::default().annual_closes_days_after_end
}

impl PoliciesDto {
    /// The values with the PEN-15 position named by code.
    pub fn of(p: &AgencyPolicies, code: Option<String>, name: Option<String>) -> PoliciesDto {
        PoliciesDto {
            assessor_policy: p.placement.assessor_policy.code().into(),
            span_of_control_threshold: p.placement.span_of_control_threshold,
            count_window: p.assignment.window.code().into(),
            enforce_lead_rules_within_unit: p.assignment.enforce_lead_rules_within_unit,
            pppk_min_golongan: p.assignment.pppk_min_golongan,
            authority_position_code: code,
            authority_position_name: name,
            report_period: p.report.period.code().into(),
            report_grace_days: p.report.grace_days,
            report_addressees: p.report.addressees.code().into(),
            classifications: p
                .letters
                .classifications
                .iter()
                .map(|c| ClassificationDto {
                    kind: c.kind.code().into(),
                    code: c.code.clone(),
                })
                .collect(),
            budget_regulation: p.letters.budget_regulation.clone(),
            assessment_cadence: p.assessment.cadence.code().into(),
            assessment_opens_days_before_end: p.assessment.opens_days_before_end,
            assessment_closes_days_after_end: p.assessment.closes_days_after_end,
            assessment_annual_closes_days_after_end: p.assessment.annual_closes_days_after_end,
        }
    }
}

/// One recorded version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PolicyVersionDto {
    pub id: i64,
    /// First day in force, `YYYY-MM-DD`.
    pub effective_from: String,
    pub legal_basis: String,
    pub recorded_by: String,
    pub recorded_at: String,
    /// In force today.
    pub in_force: bool,
    /// Takes effect after today.
    pub scheduled: bool,
    pub policies: PoliciesDto,
}

impl From<&PolicyVersionView> for PolicyVersionDto {
    fn from(v: &PolicyVersionView) -> Self {
        PolicyVersionDto {
            id: v.id,
            effective_from: v.effective_from.to_string(),
            legal_basis: v.legal_basis.clone(),
            recorded_by: v.recorded_by.clone(),
            recorded_at: v.recorded_at.to_rfc3339(),
            in_force: v.in_force,
            scheduled: v.scheduled,
            policies: PoliciesDto::of(
                &v.policies,
                v.authority_position_code.clone(),
                v.authority_position_name.clone(),
            ),
        }
    }
}

/// An agency's policies: those in force today, the defaults and every version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyPoliciesDto {
    pub agency: i64,
    /// The day the policies in force are read for (WITA).
    pub today: String,
    pub in_force: PoliciesDto,
    /// The values of an agency that never set any (the catalogue's readings).
    pub defaults: PoliciesDto,
    /// The latest effective first.
    pub history: Vec<PolicyVersionDto>,
}

/// A change: the new values (all of them), the first day in force and the legal basis.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PolicyChangeRequest {
    /// `YYYY-MM-DD`, today or later.
    pub effective_from: String,
    /// The SK number and date, or the reason.
    pub legal_basis: String,
    pub policies: PoliciesDto,
}

fn detail(field: &str, code: &str, message: String) -> ErrorDetail {
    ErrorDetail {
        field: Some(field.into()),
        code: code.into(),
        message,
        ..ErrorDetail::default()
    }
}

/// The change the request asks for, the PEN-15 position still by code; every refused value
/// listed (422 `policy_invalid`, each detail with its field, and its rule where one applies).
pub fn parse_change(
    r: &PolicyChangeRequest,
    today: Day,
) -> Result<(PolicyChange, Option<String>), WebError> {
    let mut details = Vec::new();
    let mut bad = |field: &str, label: &str| {
        details.push(detail(
            field,
            "value_unknown",
            format!("Pilihan {label} tidak dikenal."),
        ));
    };
    let p = &r.policies;
    let mut out = AgencyPolicies::default();
    match AssessorPolicy::from_code(p.assessor_policy.trim()) {
        Some(v) => out.placement.assessor_policy = v,
        None => bad("assessor_policy", "Pejabat Penilai Kinerja (KED-12)"),
    }
    out.placement.span_of_control_threshold = p.span_of_control_threshold;
    match CountWindow::from_code(p.count_window.trim()) {
        Some(v) => out.assignment.window = v,
        None => bad("count_window", "cara menghitung (PEN-07)"),
    }
    out.assignment.enforce_lead_rules_within_unit = p.enforce_lead_rules_within_unit;
    out.assignment.pppk_min_golongan = p.pppk_min_golongan;
    match ReportPeriod::from_code(p.report_period.trim()) {
        Some(v) => out.report.period = v,
        None => bad("report_period", "periode laporan"),
    }
    out.report.grace_days = p.report_grace_days;
    match ReportAddressees::from_code(p.report_addressees.trim()) {
        Some(v) => out.report.addressees = v,
        None => bad("report_addressees", "penerima laporan"),
    }
    match PeriodCadence::from_code(p.assessment_cadence.trim()) {
        Some(v) => out.assessment.cadence = v,
        None => bad("assessment_cadence", "periode penilaian kinerja"),
    }
    out.assessment.opens_days_before_end = p.assessment_opens_days_before_end;
    out.assessment.closes_days_after_end = p.assessment_closes_days_after_end;
    out.assessment.annual_closes_days_after_end = p.assessment_annual_closes_days_after_end;
    for c in &p.classifications {
        match LetterKind::from_code(c.kind.trim()) {
            Some(kind) => out.letters.classifications.push(Classification {
                kind,
                code: c.code.trim().to_string(),
            }),
            None => bad("classifications", "jenis surat"),
        }
    }
    out.letters.budget_regulation = p
        .budget_regulation
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let effective_from = match Day::parse(r.effective_from.trim()) {
        Ok(d) => Some(d),
        Err(e) => {
            details.push(detail("effective_from", e.code(), e.to_string()));
            None
        }
    };
    let change = PolicyChange {
        effective_from: effective_from.unwrap_or(today),
        policies: out,
        legal_basis: r.legal_basis.trim().to_string(),
    };
    for problem in validate_change(&change, today) {
        details.push(ErrorDetail {
            field: Some(problem.field.into()),
            code: problem.code.into(),
            message: problem.message,
            rule_id: problem.rule.as_ref().map(|c| c.rule_id.to_string()),
            article: problem.rule.as_ref().map(|c| c.article.to_string()),
            ..ErrorDetail::default()
        });
    }
    if !details.is_empty() {
        let message = details
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join(" ");
        return Err(WebError::Invalid {
            code: "policy_invalid",
            message,
            details,
        });
    }
    let authority = p
        .authority_position_code
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    Ok((change, authority))
}

/// A refusal of the PEN-15 position as a 422 naming its field.
pub fn authority_refused(message: String) -> WebError {
    WebError::Invalid {
        code: "authority_position_unknown",
        message: message.clone(),
        details: vec![ErrorDetail {
            rule_id: Some("PEN-15".into()),
            article: Some("Lampiran II.B.1.c".into()),
            ..detail(
                "authority_position_code",
                "authority_position_unknown",
                message,
            )
        }],
    }
}
