//! The reporting settings of the admin's agency (issue 13; LAP-01, LAP-02): the period of
//! periodic reports (monthly by default), the days allowed after a period ends, and whether
//! head-level reports go to the head of the Unit Organisasi, the PPK, or both. Storage keeps
//! the change with its audit row.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::Response;
use sikerja_domain::execution::report::{
    MAX_GRACE_DAYS, ReportAddressees, ReportPeriod, ReportPolicy,
};
use sikerja_domain::organisation::AgencyId;

use super::{Tab, administered_agency};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::pages::planning::forms::{Pairs, field};
use crate::pages::planning::respond;
use crate::views::Layout;

const HREF: &str = "/admin/pelaporan";

/// One choice of a select.
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/reporting.html")]
pub struct ReportingPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    error: Option<String>,
    saved: bool,
    periods: Vec<Choice>,
    addressees: Vec<Choice>,
    grace_days: u8,
    max_grace_days: u8,
}

async fn page(
    state: &AppState,
    agency: AgencyId,
    error: Option<String>,
    saved: bool,
) -> Result<ReportingPage, WebError> {
    let policy = state.store.report_policy(agency).await?;
    Ok(ReportingPage {
        layout: super::layout("Pelaporan", HREF, state.demo_mode),
        tab: Tab::Reporting,
        agency_name: state.store.agency(agency).await?.name,
        error,
        saved,
        periods: ReportPeriod::ALL
            .iter()
            .map(|p| Choice {
                code: p.code(),
                label: p.label(),
                selected: *p == policy.period,
            })
            .collect(),
        addressees: ReportAddressees::ALL
            .iter()
            .map(|a| Choice {
                code: a.code(),
                label: a.label(),
                selected: *a == policy.addressees,
            })
            .collect(),
        grace_days: policy.grace_days,
        max_grace_days: MAX_GRACE_DAYS,
    })
}

/// `GET /admin/pelaporan`
pub async fn show_reporting_settings(
    State(state): State<AppState>,
    principal: Principal,
    query: axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<ReportingPage, PageError> {
    let agency = administered_agency(&principal)?;
    Ok(page(&state, agency, None, query.contains_key("tersimpan")).await?)
}

/// `POST /admin/pelaporan`
pub async fn set_reporting_settings(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(pairs) = form?;
    let result = async {
        let invalid = |code, message: &str| WebError::invalid(code, message.to_string());
        let policy = ReportPolicy {
            period: ReportPeriod::from_code(field(&pairs, "period"))
                .ok_or_else(|| invalid("report_period_invalid", "Pilih periode laporan."))?,
            grace_days: field(&pairs, "grace_days").parse().map_err(|_| {
                invalid(
                    "grace_days_out_of_range",
                    "Tenggat laporan ditulis sebagai jumlah hari (bilangan bulat).",
                )
            })?,
            addressees: ReportAddressees::from_code(field(&pairs, "addressees"))
                .ok_or_else(|| invalid("report_addressees_invalid", "Pilih penerima laporan."))?,
        };
        state
            .store
            .set_report_policy(agency, &policy, &principal.audit_actor(None))
            .await?;
        Ok(format!("{HREF}?tersimpan=1"))
    }
    .await;
    respond(result, |error| page(&state, agency, Some(error), false)).await
}
