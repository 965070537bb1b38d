//! The agency's policies page (issue 14 point 5): each reading with its rule, article and
//! default, the values in force today, a form for a new dated version (every value, the
//! first day in force, the legal basis) and the history. Parsed and recorded as the API does
//! (`crate::api::policies::record`); a refused form is shown again with the message and
//! nothing is written.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::Response;
use sikerja_domain::assignment::CountWindow;
use sikerja_domain::execution::report::{MAX_GRACE_DAYS, ReportAddressees, ReportPeriod};
use sikerja_domain::org::AssessorPolicy;
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::performance::PeriodCadence;
use sikerja_domain::performance::period::MAX_WINDOW_DAYS;
use sikerja_domain::policy::{MAX_SPAN_THRESHOLD, PPPK_GOLONGAN_MAX};
use sikerja_domain::workflow::LetterKind;

use super::reporting::Choice;
use super::{Tab, administered_agency};
use crate::AppState;
use crate::api::dto::policy::{
    AgencyPoliciesDto, ClassificationDto, PoliciesDto, PolicyChangeRequest, PolicyVersionDto,
};
use crate::api::policies::{agency_policies, record};
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::pages::planning::forms::{Pairs, field};
use crate::pages::planning::respond;
use crate::views::Layout;

const HREF: &str = "/admin/kebijakan";

/// One letter kind's classification field.
pub struct ClassificationField {
    pub name: String,
    pub label: &'static str,
    pub value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/policies.html")]
pub struct PoliciesPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    error: Option<String>,
    saved: bool,
    today: String,
    current: PoliciesDto,
    defaults: PoliciesDto,
    assessor: Vec<Choice>,
    windows: Vec<Choice>,
    periods: Vec<Choice>,
    addressees: Vec<Choice>,
    cadences: Vec<Choice>,
    classifications: Vec<ClassificationField>,
    history: Vec<PolicyVersionDto>,
    max_span: u32,
    max_golongan: u8,
    max_grace_days: u8,
    max_window_days: u16,
}

fn choices<T: Copy + PartialEq>(
    all: &[T],
    selected: &str,
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            code: code(*v),
            label: label(*v),
            selected: code(*v) == selected,
        })
        .collect()
}

/// The Indonesian label of a default code, for "bawaan: …".
fn label_of<T: Copy>(
    all: &[T],
    wanted: &str,
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> &'static str {
    all.iter()
        .find(|v| code(**v) == wanted)
        .map_or("", |v| label(*v))
}

impl PoliciesPage {
    pub fn default_assessor(&self) -> &'static str {
        label_of(
            AssessorPolicy::ALL,
            &self.defaults.assessor_policy,
            AssessorPolicy::code,
            AssessorPolicy::label,
        )
    }
    pub fn default_window(&self) -> &'static str {
        label_of(
            CountWindow::ALL,
            &self.defaults.count_window,
            CountWindow::code,
            CountWindow::label,
        )
    }
    pub fn default_period(&self) -> &'static str {
        label_of(
            ReportPeriod::ALL,
            &self.defaults.report_period,
            ReportPeriod::code,
            ReportPeriod::label,
        )
    }
    pub fn default_cadence(&self) -> &'static str {
        label_of(
            PeriodCadence::ALL,
            &self.defaults.assessment_cadence,
            PeriodCadence::code,
            PeriodCadence::label,
        )
    }
    pub fn default_addressees(&self) -> &'static str {
        label_of(
            ReportAddressees::ALL,
            &self.defaults.report_addressees,
            ReportAddressees::code,
            ReportAddressees::label,
        )
    }
}

/// The page showing `shown` in the form (the values in force, or those refused).
async fn page(
    state: &AppState,
    agency: AgencyId,
    shown: Option<PoliciesDto>,
    error: Option<String>,
    saved: bool,
) -> Result<PoliciesPage, WebError> {
    let AgencyPoliciesDto {
        today,
        in_force,
        defaults,
        history,
        ..
    } = agency_policies(state, agency).await?;
    let current = shown.unwrap_or(in_force);
    let classifications = LetterKind::ALL
        .iter()
        .map(|k| ClassificationField {
            name: format!("classification_{}", k.code()),
            label: k.label(),
            value: current
                .classifications
                .iter()
                .find(|c| c.kind == k.code())
                .map(|c| c.code.clone())
                .unwrap_or_default(),
        })
        .collect();
    Ok(PoliciesPage {
        layout: super::layout("Kebijakan instansi", HREF, state.demo_mode),
        tab: Tab::Policies,
        agency_name: state.store.agency(agency).await?.name,
        error,
        saved,
        today,
        assessor: choices(
            AssessorPolicy::ALL,
            &current.assessor_policy,
            AssessorPolicy::code,
            AssessorPolicy::label,
        ),
        windows: choices(
            CountWindow::ALL,
            &current.count_window,
            CountWindow::code,
            CountWindow::label,
        ),
        periods: choices(
            ReportPeriod::ALL,
            &current.report_period,
            ReportPeriod::code,
            ReportPeriod::label,
        ),
        addressees: choices(
            ReportAddressees::ALL,
            &current.report_addressees,
            ReportAddressees::code,
            ReportAddressees::label,
        ),
        cadences: choices(
            PeriodCadence::ALL,
            &current.assessment_cadence,
            PeriodCadence::code,
            PeriodCadence::label,
        ),
        classifications,
        current,
        defaults,
        history,
        max_span: MAX_SPAN_THRESHOLD,
        max_golongan: PPPK_GOLONGAN_MAX,
        max_grace_days: MAX_GRACE_DAYS,
        max_window_days: MAX_WINDOW_DAYS,
    })
}

/// `GET /admin/kebijakan`
pub async fn show_agency_policies(
    State(state): State<AppState>,
    principal: Principal,
    query: axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<PoliciesPage, PageError> {
    let agency = administered_agency(&principal)?;
    Ok(page(&state, agency, None, None, query.contains_key("tersimpan")).await?)
}

fn number<T: std::str::FromStr>(pairs: &Pairs, key: &str, label: &str) -> Result<T, WebError> {
    field(pairs, key).trim().parse().map_err(|_| {
        WebError::invalid(
            "number_invalid",
            format!("{label} ditulis sebagai bilangan bulat."),
        )
    })
}

/// The form as the API's request.
fn request_of(pairs: &Pairs) -> Result<PolicyChangeRequest, WebError> {
    let text = |key: &str| Some(field(pairs, key).trim().to_string()).filter(|s| !s.is_empty());
    Ok(PolicyChangeRequest {
        effective_from: field(pairs, "effective_from").trim().to_string(),
        legal_basis: field(pairs, "legal_basis").to_string(),
        policies: PoliciesDto {
            assessor_policy: field(pairs, "assessor_policy").to_string(),
            span_of_control_threshold: number(
                pairs,
                "span_of_control_threshold",
                "Ambang rentang kendali",
            )?,
            count_window: field(pairs, "count_window").to_string(),
            enforce_lead_rules_within_unit: field(pairs, "enforce_lead_rules_within_unit") == "1",
            pppk_min_golongan: number(pairs, "pppk_min_golongan", "Padanan golongan PPPK")?,
            authority_position_code: text("authority_position_code"),
            authority_position_name: None,
            report_period: field(pairs, "report_period").to_string(),
            report_grace_days: number(pairs, "report_grace_days", "Tenggat laporan")?,
            report_addressees: field(pairs, "report_addressees").to_string(),
            classifications: LetterKind::ALL
                .iter()
                .filter_map(|k| {
                    text(&format!("classification_{}", k.code())).map(|code| ClassificationDto {
                        kind: k.code().to_string(),
                        code,
                    })
                })
                .collect(),
            budget_regulation: text("budget_regulation"),
            assessment_cadence: field(pairs, "assessment_cadence").to_string(),
            assessment_opens_days_before_end: number(
                pairs,
                "assessment_opens_days_before_end",
                "Jendela penilaian dibuka",
            )?,
            assessment_closes_days_after_end: number(
                pairs,
                "assessment_closes_days_after_end",
                "Jendela penilaian berkala ditutup",
            )?,
            assessment_annual_closes_days_after_end: number(
                pairs,
                "assessment_annual_closes_days_after_end",
                "Jendela penilaian tahunan ditutup",
            )?,
        },
    })
}

/// `POST /admin/kebijakan`
pub async fn create_agency_policy_version(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(pairs) = form?;
    let parsed = request_of(&pairs);
    let shown = parsed.as_ref().ok().map(|r| r.policies.clone());
    let result = async {
        let request = parsed?;
        record(&state, &principal, agency, &request).await?;
        Ok(format!("{HREF}?tersimpan=1"))
    }
    .await;
    respond(result, |error| {
        page(&state, agency, shown, Some(error), false)
    })
    .await
}
