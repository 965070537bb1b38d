//! The assessment records as the API shows and takes them (issue 16): vocabularies as their
//! stable codes with an Indonesian `*_label` beside them, rules with `rule_id` and `article`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::performance::{
    AssessmentRating, BehaviourRating, CoreValue, CurveExcess, CurveMode, CurvePolicy,
    ExpectationLevel, FollowUp, FollowUpKind, OrganisationRating, PerformanceRating, ShareBound,
    ValueRating,
};
use sikerja_storage::performance::{
    AssessmentRow, AssessmentView, DepartmentProgress, DistributionView, ExportRow, FollowUpLine,
    MemberReportDue, NoteView, ObjectionDue, RecommendationDue,
};
use utoipa::ToSchema;

use crate::error::{ErrorDetail, WebError};

fn invalid(code: &'static str, field: &str, message: String) -> WebError {
    WebError::Invalid {
        code,
        message: message.clone(),
        details: vec![ErrorDetail {
            field: Some(field.into()),
            code: code.into(),
            message,
            ..ErrorDetail::default()
        }],
    }
}

/// One assessment in a list; `id` is null for an employee whose assessment is not opened yet.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentRowDto {
    pub id: Option<i64>,
    pub employee: i64,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub department_name: String,
    /// `2026-q4`, `2026-m11` or `2026-y`.
    pub period: String,
    pub period_label: String,
    /// `draft`, `finalised`, `acknowledged`, `objected`, `objection_upheld`,
    /// `objection_dismissed`; null: not opened.
    pub state: Option<String>,
    pub state_label: Option<String>,
    /// `sangat_baik`, `baik`, `butuh_perbaikan`, `kurang`, `sangat_kurang`.
    pub performance_rating: Option<String>,
    /// The last day of the period's assessment window, `YYYY-MM-DD`.
    pub due: Option<String>,
}

impl From<&AssessmentRow> for AssessmentRowDto {
    fn from(r: &AssessmentRow) -> Self {
        AssessmentRowDto {
            id: r.id,
            employee: r.employee.0,
            employee_name: r.employee_name.clone(),
            nip: r.nip.clone(),
            position_name: r.position_name.clone(),
            department_name: r.department_name.clone(),
            period: r.period.code(),
            period_label: r.period.label(),
            state: r.state.map(|s| s.code().into()),
            state_label: r.state.map(|s| s.label().into()),
            performance_rating: r.performance_rating.map(|p| p.code().into()),
            due: r.due.map(|d| d.to_string()),
        }
    }
}

/// A team lead's member report or an Administrator's recommendation (KIN-03, STR-06).
#[derive(Debug, Serialize, ToSchema)]
pub struct NoteDto {
    pub id: i64,
    pub author_label: String,
    /// The assignment or activity plan a member report is about.
    pub work_title: Option<String>,
    pub text: String,
    pub written_at: DateTime<Utc>,
}

impl From<&NoteView> for NoteDto {
    fn from(n: &NoteView) -> Self {
        NoteDto {
            id: n.id,
            author_label: n.author_label.clone(),
            work_title: n.work_title.clone(),
            text: n.text.clone(),
            written_at: n.written_at,
        }
    }
}

/// A member report the caller owes as team lead for a period (KIN-03).
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberReportDueDto {
    pub member: i64,
    pub member_name: String,
    /// `a:<assignment id>` or `p:<activity plan id>`.
    pub work: String,
    pub work_title: String,
    pub period: String,
    pub written: Option<NoteDto>,
}

impl From<&MemberReportDue> for MemberReportDueDto {
    fn from(d: &MemberReportDue) -> Self {
        MemberReportDueDto {
            member: d.member.0,
            member_name: d.member_name.clone(),
            work: d.work.key(),
            work_title: d.work_title.clone(),
            period: d.period.code(),
            written: d.written.as_ref().map(NoteDto::from),
        }
    }
}

/// A pending objection the caller decides as the assessor's superior (KIN-02, KIN-04).
#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionDueDto {
    /// The assessment (`/api/v1/assessments/{id}`).
    pub id: i64,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub department_name: String,
    pub period: String,
    pub period_label: String,
    pub assessor_position_name: String,
    pub objected_at: DateTime<Utc>,
    /// The caller also exercises the assessor post (a Plt. of both).
    pub also_assessor: bool,
    /// `KIN-04`.
    pub rule_id: String,
    pub article: String,
}

impl From<&ObjectionDue> for ObjectionDueDto {
    fn from(o: &ObjectionDue) -> Self {
        ObjectionDueDto {
            id: o.id,
            employee_name: o.employee_name.clone(),
            nip: o.nip.clone(),
            position_name: o.position_name.clone(),
            department_name: o.department_name.clone(),
            period: o.period.code(),
            period_label: o.period.label(),
            assessor_position_name: o.assessor_position_name.clone(),
            objected_at: o.objected_at,
            also_assessor: o.also_assessor,
            rule_id: "KIN-04".into(),
            article: sikerja_domain::performance::assessor::KIN_04_ARTICLE.into(),
        }
    }
}

/// An Ahli Madya's assessment whose recommendation the caller writes as Administrator
/// (STR-06), with what was written so far (`null`: due).
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationDueDto {
    /// The assessment; null while not opened (writing the recommendation opens it).
    pub assessment: Option<i64>,
    pub employee: i64,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub department_name: String,
    pub period: String,
    pub period_label: String,
    /// The last day of the period's assessment window, `YYYY-MM-DD`.
    pub due: Option<String>,
    pub written: Option<NoteDto>,
    /// `STR-06`.
    pub rule_id: String,
    pub article: String,
}

impl From<&RecommendationDue> for RecommendationDueDto {
    fn from(r: &RecommendationDue) -> Self {
        RecommendationDueDto {
            assessment: r.assessment,
            employee: r.employee.0,
            employee_name: r.employee_name.clone(),
            nip: r.nip.clone(),
            position_name: r.position_name.clone(),
            department_name: r.department_name.clone(),
            period: r.period.code(),
            period_label: r.period.label(),
            due: r.due.map(|d| d.to_string()),
            written: r.written.as_ref().map(NoteDto::from),
            rule_id: "STR-06".into(),
            article: sikerja_domain::performance::inputs::STR_06_ARTICLE.into(),
        }
    }
}

/// The caller's assessments: their own, the worklist of the period as assessor, the member
/// reports they owe as team lead, the objections waiting for their decision as the
/// assessor's superior, and the recommendations they write as Administrator.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentListDto {
    /// The period of the worklist (the one asked for, or the one due now).
    pub period: Option<String>,
    pub mine: Vec<AssessmentRowDto>,
    pub worklist: Vec<AssessmentRowDto>,
    pub member_reports_due: Vec<MemberReportDueDto>,
    /// KIN-02, KIN-04: pending objections of any period, oldest first.
    pub objections_to_decide: Vec<ObjectionDueDto>,
    /// STR-06: for the period.
    pub recommendations_due: Vec<RecommendationDueDto>,
}

/// A follow-up decided in a period (KIN-01), one per assessment and kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpLineDto {
    pub assessment: i64,
    pub nip: String,
    pub name: String,
    pub department_id: Option<i64>,
    pub department_name: String,
    pub period: String,
    /// `sangat_baik`, `baik`, `butuh_perbaikan`, `kurang`, `sangat_kurang`.
    pub performance_rating: Option<String>,
    /// `coaching`, `training`, `reward`, `sanction_recommendation`; null: development needs
    /// only.
    pub kind: Option<String>,
    pub kind_label: Option<String>,
    /// *Kebutuhan pengembangan*.
    pub development_needs: String,
    pub recorded_at: Option<DateTime<Utc>>,
    pub recorded_by: String,
}

impl From<&FollowUpLine> for FollowUpLineDto {
    fn from(l: &FollowUpLine) -> Self {
        FollowUpLineDto {
            assessment: l.assessment,
            nip: l.nip.clone(),
            name: l.name.clone(),
            department_id: l.department_id,
            department_name: l.department_name.clone(),
            period: l.period.code(),
            performance_rating: l.performance_rating.map(|p| p.code().into()),
            kind: l.kind.map(|k| k.code().into()),
            kind_label: l.kind.map(|k| k.label().into()),
            development_needs: l.development_needs.clone(),
            recorded_at: l.recorded_at,
            recorded_by: l.recorded_by.clone(),
        }
    }
}

/// A core value's rating (KIN-02).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ValueRatingDto {
    /// `service_oriented`, `accountable`, `competent`, `harmonious`, `loyal`, `adaptive`,
    /// `collaborative`.
    pub core_value: String,
    /// `below`, `meets` or `above`.
    pub level: String,
    /// The behaviour evidence; required when the level is not `meets`.
    #[serde(default)]
    pub evidence: String,
}

/// A rating: the level of the work results, the overall behaviour level given by the assessor
/// and each of the seven core values (KIN-02).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssessmentRatingDto {
    /// `below`, `meets` or `above`.
    pub results_level: String,
    /// `below`, `meets` or `above` — the assessor's, never computed from the values.
    pub behaviour_level: String,
    pub values: Vec<ValueRatingDto>,
}

impl From<&AssessmentRating> for AssessmentRatingDto {
    fn from(r: &AssessmentRating) -> Self {
        AssessmentRatingDto {
            results_level: r.results_level.code().into(),
            behaviour_level: r.work_behaviour.behaviour_level.code().into(),
            values: r
                .work_behaviour
                .values
                .iter()
                .map(|v| ValueRatingDto {
                    core_value: v.core_value.code().into(),
                    level: v.level.code().into(),
                    evidence: v.evidence.clone(),
                })
                .collect(),
        }
    }
}

fn level(field: &str, code: &str) -> Result<ExpectationLevel, WebError> {
    ExpectationLevel::from_code(code.trim()).ok_or_else(|| {
        invalid(
            "rating_level_invalid",
            field,
            format!("Tingkat tidak dikenal pada {field}: below, meets atau above."),
        )
    })
}

impl AssessmentRatingDto {
    /// The rating it names; unknown codes refused (422). The domain checks the rest.
    pub fn parse(&self) -> Result<AssessmentRating, WebError> {
        let values = self
            .values
            .iter()
            .map(|v| {
                Ok(ValueRating {
                    core_value: CoreValue::from_code(v.core_value.trim()).ok_or_else(|| {
                        invalid(
                            "core_value_invalid",
                            "core_value",
                            "Nilai dasar BerAKHLAK tidak dikenal.".into(),
                        )
                    })?,
                    level: level("level", &v.level)?,
                    evidence: v.evidence.trim().to_string(),
                })
            })
            .collect::<Result<Vec<_>, WebError>>()?;
        Ok(AssessmentRating {
            results_level: level("results_level", &self.results_level)?,
            work_behaviour: BehaviourRating {
                behaviour_level: level("behaviour_level", &self.behaviour_level)?,
                values,
            },
        })
    }
}

/// The rating saved on a draft, with the feedback to the employee.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RatingBody {
    #[serde(flatten)]
    pub rating: AssessmentRatingDto,
    /// Feedback to the employee.
    #[serde(default)]
    pub feedback: String,
}

/// What the caller may do with the assessment now, as the domain decides it.
#[derive(Debug, Serialize, ToSchema)]
pub struct OffersDto {
    pub rate: bool,
    pub finalise: bool,
    pub acknowledge: bool,
    pub object: bool,
    pub decide_objection: bool,
    pub reopen: bool,
    pub follow_up: bool,
    /// STR-06: write (or rewrite) the recommendation — the recommender, until finalised.
    pub recommend: bool,
    /// Why the assessor cannot act (e.g. an unresolved placement, KED-09).
    pub refusal: Option<String>,
}

/// An objection and its decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionDto {
    pub reasons: String,
    pub at: DateTime<Utc>,
    /// `objection_upheld` or `objection_dismissed`, once decided.
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// A recorded decision: a reopening (with the earlier rating) or an objection's decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentEventDto {
    /// `reopened`, `objection_upheld` or `objection_dismissed`.
    pub kind: String,
    pub kind_label: String,
    pub reason: String,
    pub earlier_rating: Option<AssessmentRatingDto>,
    pub earlier_performance_rating: Option<String>,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// The follow-up decided (KIN-01).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FollowUpDto {
    /// Each at most once: `coaching`, `training`, `reward`, `sanction_recommendation`.
    pub kinds: Vec<String>,
    #[serde(default)]
    pub development_needs: String,
}

impl From<&FollowUp> for FollowUpDto {
    fn from(f: &FollowUp) -> Self {
        FollowUpDto {
            kinds: f.kinds.iter().map(|k| k.code().into()).collect(),
            development_needs: f.development_needs.clone(),
        }
    }
}

impl FollowUpDto {
    pub fn parse(&self) -> Result<FollowUp, WebError> {
        Ok(FollowUp {
            kinds: self
                .kinds
                .iter()
                .map(|k| {
                    FollowUpKind::from_code(k.trim()).ok_or_else(|| {
                        invalid(
                            "follow_up_kind_invalid",
                            "kinds",
                            "Jenis tindak lanjut tidak dikenal.".into(),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
            development_needs: self.development_needs.trim().to_string(),
        })
    }
}

/// A result plan's indicator with its target and realisation, for the assessor.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetInputDto {
    pub result_plan: String,
    pub indicator: String,
    pub target: String,
    pub realisation: String,
}

/// A work report of the employee in the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportInputDto {
    pub id: i64,
    pub title: String,
    /// `a:<assignment id>` or `p:<activity plan id>`.
    pub work: String,
    pub work_title: String,
    /// The day it counts as submitted, `YYYY-MM-DD`.
    pub date: String,
}

/// Feedback the employee received in the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackInputDto {
    pub author_label: String,
    pub text: String,
    pub date: DateTime<Utc>,
}

/// The inputs gathered for the assessor (KIN-01, KIN-03, STR-06).
#[derive(Debug, Serialize, ToSchema)]
pub struct InputsDto {
    pub expectations: Vec<String>,
    pub targets: Vec<TargetInputDto>,
    pub reports: Vec<ReportInputDto>,
    pub feedback: Vec<FeedbackInputDto>,
    pub member_reports: Vec<NoteDto>,
    pub recommendation: Option<NoteDto>,
    /// Team leads who have not written their member report yet.
    pub leads_pending: Vec<String>,
}

/// One assessment as the caller may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentDto {
    pub id: i64,
    pub agency: i64,
    pub employee: i64,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub department_name: String,
    pub period: String,
    pub period_label: String,
    /// The assessment window, `YYYY-MM-DD`.
    pub window_opens: String,
    pub window_closes: String,
    pub state: String,
    pub state_label: String,
    /// The PPK post fixed on the record (KIN-04), with the citation of its placement.
    pub assessor_position: i64,
    pub assessor_position_name: String,
    pub assessor_rule_id: String,
    pub assessor_article: String,
    /// Who exercises the assessor post now ("Nama (NIP …)"), if anyone.
    pub assessor_now: Option<String>,
    /// The Administrator's post recommending for an Ahli Madya (STR-06).
    pub recommender_position_name: Option<String>,
    pub rating: Option<AssessmentRatingDto>,
    pub feedback: String,
    pub performance_rating: Option<String>,
    pub performance_rating_label: Option<String>,
    pub finalised_by_name: Option<String>,
    pub finalised_by_nip: Option<String>,
    pub finalised_at: Option<DateTime<Utc>>,
    /// Finalised by a Plt./Plh. of the assessor post.
    pub finalised_acting: Option<bool>,
    pub objection: Option<ObjectionDto>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub follow_up: Option<FollowUpDto>,
    pub events: Vec<AssessmentEventDto>,
    pub inputs: InputsDto,
    pub offers: OffersDto,
}

impl From<&AssessmentView> for AssessmentDto {
    fn from(v: &AssessmentView) -> Self {
        let i = &v.inputs;
        AssessmentDto {
            id: v.id,
            agency: v.agency.0,
            employee: v.employee.0,
            employee_name: v.employee_name.clone(),
            nip: v.nip.clone(),
            position_name: v.position_name.clone(),
            department_name: v.department_name.clone(),
            period: v.period.code(),
            period_label: v.period_label.clone(),
            window_opens: v.window.0.to_string(),
            window_closes: v.window.1.to_string(),
            state: v.state.code().into(),
            state_label: v.state.label().into(),
            assessor_position: v.assessor_position.0,
            assessor_position_name: v.assessor_position_name.clone(),
            assessor_rule_id: v.assessor_citation.rule_id.to_string(),
            assessor_article: v.assessor_citation.article.to_string(),
            assessor_now: v.assessor_now.clone(),
            recommender_position_name: v.recommender_position_name.clone(),
            rating: v.rating.as_ref().map(AssessmentRatingDto::from),
            feedback: v.feedback.clone(),
            performance_rating: v.performance_rating.map(|p| p.code().into()),
            performance_rating_label: v.performance_rating.map(|p| p.label().into()),
            finalised_by_name: v.finalised.as_ref().map(|f| f.0.clone()),
            finalised_by_nip: v.finalised.as_ref().map(|f| f.1.clone()),
            finalised_at: v.finalised.as_ref().map(|f| f.2),
            finalised_acting: v.finalised.as_ref().map(|f| f.3),
            objection: v.objection.as_ref().map(|o| ObjectionDto {
                reasons: o.reasons.clone(),
                at: o.at,
                decision: o.upheld.map(|upheld| {
                    if upheld {
                        "objection_upheld".into()
                    } else {
                        "objection_dismissed".into()
                    }
                }),
                decision_reason: o.decision_reason.clone(),
                decided_by: o.decided_by.clone(),
                decided_at: o.decided_at,
            }),
            acknowledged_at: v.acknowledged_at,
            follow_up: v.follow_up.as_ref().map(FollowUpDto::from),
            events: v
                .events
                .iter()
                .map(|e| AssessmentEventDto {
                    kind: e.kind.code().into(),
                    kind_label: e.kind.label().into(),
                    reason: e.reason.clone(),
                    earlier_rating: e.earlier_rating.as_ref().map(AssessmentRatingDto::from),
                    earlier_performance_rating: e
                        .earlier_performance_rating
                        .map(|p| p.code().into()),
                    by: e.by.clone(),
                    at: e.at,
                })
                .collect(),
            inputs: InputsDto {
                expectations: i.expectations.clone(),
                targets: i
                    .targets
                    .iter()
                    .map(|t| TargetInputDto {
                        result_plan: t.result_plan.clone(),
                        indicator: t.indicator.clone(),
                        target: t.target.clone(),
                        realisation: t.realisation.clone(),
                    })
                    .collect(),
                reports: i
                    .reports
                    .iter()
                    .map(|r| ReportInputDto {
                        id: r.id,
                        title: r.title.clone(),
                        work: r.work.key(),
                        work_title: r.work_title.clone(),
                        date: r.date.to_string(),
                    })
                    .collect(),
                feedback: i
                    .feedback
                    .iter()
                    .map(|f| FeedbackInputDto {
                        author_label: f.author_label.clone(),
                        text: f.text.clone(),
                        date: f.date,
                    })
                    .collect(),
                member_reports: i.member_reports.iter().map(NoteDto::from).collect(),
                recommendation: i.recommendation.as_ref().map(NoteDto::from),
                leads_pending: i.leads_pending.clone(),
            },
            offers: OffersDto {
                rate: v.offers.rate,
                finalise: v.offers.finalise,
                acknowledge: v.offers.acknowledge,
                object: v.offers.object,
                decide_objection: v.offers.decide_objection,
                reopen: v.offers.reopen,
                follow_up: v.offers.follow_up,
                recommend: v.offers.recommend,
                refusal: v.offers.refusal.clone(),
            },
        }
    }
}

/// A departure of the distribution from the curve (KIN-02).
#[derive(Debug, Serialize, ToSchema)]
pub struct CurveExcessDto {
    /// The index of the bound in the curve.
    pub bound: usize,
    pub ratings: Vec<String>,
    /// `above_maximum`, `below_minimum` or `missing`.
    pub kind: String,
    pub count: u32,
    pub allowed: u32,
    pub message: String,
    pub rule_id: String,
    pub article: String,
}

impl From<&CurveExcess> for CurveExcessDto {
    fn from(e: &CurveExcess) -> Self {
        CurveExcessDto {
            bound: e.bound,
            ratings: e.ratings.iter().map(|r| r.code().into()).collect(),
            kind: e.kind.code().into(),
            count: e.count,
            allowed: e.allowed,
            message: e.message.clone(),
            rule_id: e.citation.rule_id.to_string(),
            article: e.citation.article.to_string(),
        }
    }
}

/// The answer of a finalisation or an upheld objection: the curve's warnings (the agency
/// warns rather than refuses, or an excess was there before).
#[derive(Debug, Serialize, ToSchema)]
pub struct CurveWarningsDto {
    pub warnings: Vec<CurveExcessDto>,
}

/// A bound of the curve: a group of predikat with a minimum and/or maximum share in percent
/// of the employees assessed, or "at least one".
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ShareBoundDto {
    pub ratings: Vec<String>,
    pub min_percent: Option<u8>,
    pub max_percent: Option<u8>,
    #[serde(default)]
    pub at_least_one: bool,
}

/// An agency's distribution curve for a year (KIN-02).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CurvePolicyDto {
    pub year: u16,
    /// `exceptional`, `good`, `needs_improvement`, `poor`, `very_poor`.
    pub organisation_rating: String,
    /// `refuse` or `warn`.
    pub mode: String,
    pub bounds: Vec<ShareBoundDto>,
}

impl From<&CurvePolicy> for CurvePolicyDto {
    fn from(p: &CurvePolicy) -> Self {
        CurvePolicyDto {
            year: p.year,
            organisation_rating: p.organisation_rating.code().into(),
            mode: p.mode.code().into(),
            bounds: p
                .bounds
                .iter()
                .map(|b| ShareBoundDto {
                    ratings: b.ratings.iter().map(|r| r.code().into()).collect(),
                    min_percent: b.min_percent,
                    max_percent: b.max_percent,
                    at_least_one: b.at_least_one,
                })
                .collect(),
        }
    }
}

/// The count of employees with one predikat.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingCountDto {
    pub performance_rating: String,
    pub count: u32,
}

/// A year's curve with the current distribution of the annual predikat against it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurveDto {
    pub agency: i64,
    pub year: u16,
    /// Null: no curve set for the year, the distribution is not capped.
    pub policy: Option<CurvePolicyDto>,
    /// Employees in scope (Fungsional and Pelaksana) of the agency.
    pub employees: u32,
    pub rated: Vec<RatingCountDto>,
    pub excesses: Vec<CurveExcessDto>,
}

impl CurveDto {
    pub fn new(agency: i64, v: &DistributionView) -> CurveDto {
        CurveDto {
            agency,
            year: v.year,
            policy: v.policy.as_ref().map(CurvePolicyDto::from),
            employees: v.counts.employees,
            rated: PerformanceRating::ALL
                .iter()
                .map(|r| RatingCountDto {
                    performance_rating: r.code().into(),
                    count: v.counts.rated.get(r).copied().unwrap_or(0),
                })
                .collect(),
            excesses: v.excesses.iter().map(CurveExcessDto::from).collect(),
        }
    }
}

/// A new curve for the year: the organisation's predikat, the mode, the bounds (omitted: the
/// national pattern for that predikat) and the legal basis.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CurveBody {
    pub organisation_rating: String,
    pub mode: String,
    /// Omitted: the national pattern of PermenPANRB 6/2022 for the organisation's predikat.
    pub bounds: Option<Vec<ShareBoundDto>>,
    pub legal_basis: String,
}

impl CurveBody {
    pub fn parse(&self, year: u16) -> Result<CurvePolicy, WebError> {
        let organisation_rating = OrganisationRating::from_code(self.organisation_rating.trim())
            .ok_or_else(|| {
                invalid(
                    "curve_choice_invalid",
                    "organisation_rating",
                    "Predikat kinerja organisasi tidak dikenal.".into(),
                )
            })?;
        let mode = CurveMode::from_code(self.mode.trim()).ok_or_else(|| {
            invalid(
                "curve_choice_invalid",
                "mode",
                "Penerapan kurva: refuse atau warn.".into(),
            )
        })?;
        let mut policy = CurvePolicy::national(year, organisation_rating, mode);
        if let Some(bounds) = &self.bounds {
            policy.bounds = bounds
                .iter()
                .map(|b| {
                    Ok(ShareBound {
                        ratings: b
                            .ratings
                            .iter()
                            .map(|r| {
                                PerformanceRating::from_code(r.trim()).ok_or_else(|| {
                                    invalid(
                                        "curve_choice_invalid",
                                        "ratings",
                                        "Predikat pada batas kurva tidak dikenal.".into(),
                                    )
                                })
                            })
                            .collect::<Result<_, WebError>>()?,
                        min_percent: b.min_percent,
                        max_percent: b.max_percent,
                        at_least_one: b.at_least_one,
                    })
                })
                .collect::<Result<_, WebError>>()?;
        }
        Ok(policy)
    }
}

/// A Perangkat Daerah's progress of a period's assessments.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentProgressDto {
    pub department: i64,
    pub name: String,
    /// Employees in scope (Fungsional and Pelaksana).
    pub employees: u32,
    pub not_opened: u32,
    pub draft: u32,
    /// Locked: finalised, acknowledged or decided.
    pub finalised: u32,
    pub acknowledged: u32,
    pub objected: u32,
}

impl From<&DepartmentProgress> for DepartmentProgressDto {
    fn from(d: &DepartmentProgress) -> Self {
        DepartmentProgressDto {
            department: d.department,
            name: d.name.clone(),
            employees: d.employees,
            not_opened: d.not_opened,
            draft: d.draft,
            finalised: d.finalised,
            acknowledged: d.acknowledged,
            objected: d.objected,
        }
    }
}

/// One row of the e-Kinerja hand-off: one per employee, result plan and indicator.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportRowDto {
    pub nip: String,
    pub name: String,
    pub period: String,
    pub result_plan: String,
    pub indicator: String,
    pub target: String,
    pub realisation: String,
    /// `below`, `meets` or `above`.
    pub results_level: Option<String>,
    pub behaviour_level: Option<String>,
    pub performance_rating: Option<String>,
    pub state: String,
    /// The NIP of whoever assessed (holder or Plt./Plh. of the fixed PPK post).
    pub assessor_nip: Option<String>,
}

impl From<&ExportRow> for ExportRowDto {
    fn from(r: &ExportRow) -> Self {
        ExportRowDto {
            nip: r.nip.clone(),
            name: r.name.clone(),
            period: r.period.code(),
            result_plan: r.result_plan.clone(),
            indicator: r.indicator.clone(),
            target: r.target.clone(),
            realisation: r.realisation.clone(),
            results_level: r.results_level.map(|l| l.code().into()),
            behaviour_level: r.behaviour_level.map(|l| l.code().into()),
            performance_rating: r.performance_rating.map(|p| p.code().into()),
            state: r.state.code().into(),
            assessor_nip: r.assessor_nip.clone(),
        }
    }
}
