//! `/admin/penilaian` — the assessments of the agency for its HR admin (BKPSDM, issue 16
//! points 5, 7 and 8): the progress of a period's assessments per Perangkat Daerah as a chart,
//! the year's distribution of the predikat against the curve (KIN-02), the curve form (the
//! organisation's predikat, refuse or warn, the bounds — prefilled from the national pattern,
//! `CurvePolicy::national`), the e-Kinerja export of the period, and the follow-ups decided in
//! the period (KIN-01), filterable by Perangkat Daerah and downloaded as CSV or XLSX.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::performance::{
    CurveMode, CurvePolicy, OrganisationRating, PerformanceRating, ShareBound,
};
use sikerja_storage::performance::{FollowUpLine, PeriodRef};

use super::{Tab, administered_agency};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::pages::execution::forms::respond;
use crate::pages::execution::today;
use crate::pages::performance::charts::{self, DistributionChart, ProgressBar};
use crate::pages::performance::{due_period, period_of};
use crate::pages::planning::forms::{Pairs, field};
use crate::views::Layout;

const HREF: &str = "/admin/penilaian";

/// How many bound rows the curve form offers beyond those of the policy shown.
const SPARE_BOUNDS: usize = 1;

/// A choice of a select.
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

/// A period of the period choice.
pub struct PeriodChoice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

/// One bound row of the curve form.
pub struct BoundRow {
    pub index: usize,
    pub ratings: Vec<Choice>,
    pub min: String,
    pub max: String,
    pub at_least_one: bool,
    /// A blank row for a new bound.
    pub fresh: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/assessments.html")]
pub struct AdminAssessmentsPage {
    layout: Layout,
    tab: Tab,
    agency: i64,
    agency_name: String,
    error: Option<String>,
    saved: bool,
    period: String,
    period_label: String,
    year: u16,
    periods: Vec<PeriodChoice>,
    progress: Vec<ProgressBar>,
    distribution: Option<DistributionChart>,
    /// The curve in force for the year, in words; none: "kurva belum ditetapkan".
    curve: Option<String>,
    organisation_ratings: Vec<Choice>,
    modes: Vec<Choice>,
    bounds: Vec<BoundRow>,
    legal_basis: String,
    /// The Perangkat Daerah choice of the follow-up list (from the progress rows).
    departments: Vec<DepartmentChoice>,
    /// The chosen Perangkat Daerah's id, or empty: all.
    department: String,
    follow_ups: Vec<FollowUpRow>,
}

/// A Perangkat Daerah of the follow-up filter.
pub struct DepartmentChoice {
    pub id: i64,
    pub name: String,
    pub selected: bool,
}

/// A follow-up decided in the period (KIN-01), as the page shows it.
pub struct FollowUpRow {
    pub href: String,
    pub name: String,
    pub nip: String,
    pub department: String,
    pub rating: String,
    pub kind: String,
    pub development_needs: String,
    pub recorded: String,
}

impl FollowUpRow {
    fn new(l: &FollowUpLine) -> FollowUpRow {
        FollowUpRow {
            href: format!("/penilaian/{}", l.assessment),
            name: l.name.clone(),
            nip: l.nip.clone(),
            department: l.department_name.clone(),
            rating: l
                .performance_rating
                .map(|p| p.label().to_string())
                .unwrap_or_default(),
            kind: l.kind.map(|k| k.label().to_string()).unwrap_or_default(),
            development_needs: l.development_needs.clone(),
            recorded: match l.recorded_at {
                Some(at) => format!("{} · {}", crate::format::date_time(at), l.recorded_by),
                None => l.recorded_by.clone(),
            },
        }
    }
}

/// The Perangkat Daerah of a query (`pd`): its id, or none for all.
fn department_of(pd: Option<&str>) -> Result<Option<i64>, WebError> {
    match pd.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse::<i64>().map(Some).map_err(|_| {
            WebError::invalid("department_invalid", "Perangkat Daerah tidak dikenal.")
        }),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AdminQuery {
    periode: Option<String>,
    /// Prefill the curve form with the national pattern for this organisation predikat.
    predikat: Option<String>,
    mode: Option<String>,
    tersimpan: Option<String>,
    /// The Perangkat Daerah of the follow-up list (its id).
    pd: Option<String>,
}

fn choices<T: Copy + PartialEq>(
    all: &[T],
    selected: Option<T>,
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            code: code(*v),
            label: label(*v),
            selected: Some(*v) == selected,
        })
        .collect()
}

fn bound_rows(bounds: &[ShareBound]) -> Vec<BoundRow> {
    let blank = ShareBound {
        ratings: Vec::new(),
        min_percent: None,
        max_percent: None,
        at_least_one: false,
    };
    bounds
        .iter()
        .chain(std::iter::repeat_n(&blank, SPARE_BOUNDS))
        .enumerate()
        .map(|(index, b)| BoundRow {
            index,
            ratings: PerformanceRating::ALL
                .iter()
                .map(|r| Choice {
                    code: r.code(),
                    label: r.label(),
                    selected: b.ratings.contains(r),
                })
                .collect(),
            min: b.min_percent.map(|p| p.to_string()).unwrap_or_default(),
            max: b.max_percent.map(|p| p.to_string()).unwrap_or_default(),
            at_least_one: b.at_least_one,
            fresh: b.ratings.is_empty(),
        })
        .collect()
}

/// The page for `period` (none: the period due now). `shown` fills the curve form (a refused
/// form, or the national pattern asked for).
async fn page(
    state: &AppState,
    agency: AgencyId,
    period: Option<PeriodRef>,
    shown: Option<(CurvePolicy, String)>,
    error: Option<String>,
    saved: bool,
    department: Option<i64>,
) -> Result<AdminAssessmentsPage, WebError> {
    let day = today()?;
    let mut periods = Vec::new();
    for year in [day.year().saturating_sub(1), day.year()] {
        periods.extend(state.store.assessment_periods(agency, year).await?);
    }
    let period = period
        .or_else(|| due_period(&periods, day))
        .ok_or_else(|| WebError::invalid("period_invalid", "Belum ada periode penilaian."))?;
    let year = period.year;
    let progress = state.store.assessment_progress(agency, period).await?;
    let follow_ups = state.store.follow_ups(agency, period, department).await?;
    let distribution = state.store.distribution(agency, year).await?;
    let in_force = state.store.curve_policy(agency, year).await?;
    let (form, legal_basis) = match shown {
        Some((p, basis)) => (p, basis),
        None => (
            in_force.clone().unwrap_or_else(|| {
                CurvePolicy::national(year, OrganisationRating::Good, CurveMode::Warn)
            }),
            String::new(),
        ),
    };
    Ok(AdminAssessmentsPage {
        layout: super::layout("Penilaian kinerja", HREF, state.demo_mode),
        tab: Tab::Assessments,
        agency: agency.0,
        agency_name: state.store.agency(agency).await?.name,
        error,
        saved,
        period: period.code(),
        period_label: period.label(),
        year,
        periods: periods
            .iter()
            .rev()
            .map(|p| {
                let r = PeriodRef::of(p);
                PeriodChoice {
                    code: r.code(),
                    label: p.label(),
                    selected: r == period,
                }
            })
            .collect(),
        progress: charts::progress(&progress),
        distribution: Some(charts::distribution(&distribution)),
        curve: in_force.as_ref().map(|p| {
            format!(
                "Predikat organisasi {} · {}",
                p.organisation_rating.label(),
                p.mode.label()
            )
        }),
        organisation_ratings: choices(
            OrganisationRating::ALL,
            Some(form.organisation_rating),
            OrganisationRating::code,
            OrganisationRating::label,
        ),
        modes: choices(
            CurveMode::ALL,
            Some(form.mode),
            CurveMode::code,
            CurveMode::label,
        ),
        bounds: bound_rows(&form.bounds),
        legal_basis,
        departments: progress
            .iter()
            .map(|p| DepartmentChoice {
                id: p.department,
                name: p.name.clone(),
                selected: Some(p.department) == department,
            })
            .collect(),
        department: department.map(|d| d.to_string()).unwrap_or_default(),
        follow_ups: follow_ups.iter().map(FollowUpRow::new).collect(),
    })
}

/// `GET /admin/penilaian[?periode=2026-q4][&predikat=good&mode=warn]`
pub async fn show_admin_assessments(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<AdminQuery>, QueryRejection>,
) -> Result<AdminAssessmentsPage, PageError> {
    let agency = administered_agency(&principal)?;
    let Query(q) = query.map_err(WebError::from)?;
    let period = match q.periode.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(p) => Some(period_of(p)?),
        None => None,
    };
    // "Isi dari pola nasional": the national pattern for the chosen organisation predikat.
    let shown = match q
        .predikat
        .as_deref()
        .and_then(OrganisationRating::from_code)
    {
        Some(rating) => {
            let mode = q
                .mode
                .as_deref()
                .and_then(CurveMode::from_code)
                .unwrap_or(CurveMode::Warn);
            let year = match period {
                Some(p) => p.year,
                None => today()?.year(),
            };
            Some((CurvePolicy::national(year, rating, mode), String::new()))
        }
        None => None,
    };
    let department = department_of(q.pd.as_deref())?;
    Ok(page(
        &state,
        agency,
        period,
        shown,
        None,
        q.tersimpan.is_some(),
        department,
    )
    .await?)
}

fn percent(pairs: &Pairs, key: &str) -> Result<Option<u8>, WebError> {
    let v = field(pairs, key);
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<u8>().map(Some).map_err(|_| {
        WebError::invalid(
            "curve_percent_invalid",
            "Persentase batas kurva ditulis sebagai bilangan bulat 0–100.",
        )
    })
}

/// The curve of the form: the year, the organisation's predikat, the mode and each bound row
/// with a predikat ticked (`ratings_<i>`, `min_<i>`, `max_<i>`, `one_<i>`).
fn curve_of(pairs: &Pairs) -> Result<CurvePolicy, WebError> {
    let year = field(pairs, "year")
        .parse::<u16>()
        .map_err(|_| WebError::invalid("year_invalid", "Tahun kurva tidak dikenal."))?;
    let organisation_rating = OrganisationRating::from_code(field(pairs, "organisation_rating"))
        .ok_or_else(|| {
            WebError::invalid("curve_choice_invalid", "Pilih predikat kinerja organisasi.")
        })?;
    let mode = CurveMode::from_code(field(pairs, "mode")).ok_or_else(|| {
        WebError::invalid(
            "curve_choice_invalid",
            "Pilih cara kurva diterapkan: tolak finalisasi atau finalkan dengan peringatan.",
        )
    })?;
    let mut bounds = Vec::new();
    for i in 0..16 {
        let key = format!("ratings_{i}");
        let ratings: Vec<PerformanceRating> = pairs
            .iter()
            .filter(|(k, _)| *k == key)
            .filter_map(|(_, v)| PerformanceRating::from_code(v.trim()))
            .collect();
        if ratings.is_empty() {
            continue;
        }
        bounds.push(ShareBound {
            ratings,
            min_percent: percent(pairs, &format!("min_{i}"))?,
            max_percent: percent(pairs, &format!("max_{i}"))?,
            at_least_one: !field(pairs, &format!("one_{i}")).is_empty(),
        });
    }
    Ok(CurvePolicy {
        year,
        organisation_rating,
        mode,
        bounds,
    })
}

/// `POST /admin/penilaian/kurva` — records the agency's curve for a year (a new row; the
/// newest is in force) with its legal basis (KIN-02).
pub async fn set_curve(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(pairs) = form?;
    let period = period_of(field(&pairs, "periode")).ok();
    let parsed = curve_of(&pairs);
    let legal_basis = field(&pairs, "legal_basis").to_string();
    let shown = parsed
        .as_ref()
        .ok()
        .map(|p| (p.clone(), legal_basis.clone()));
    let result = async {
        let policy = parsed?;
        state
            .store
            .set_curve_policy(agency, &policy, &legal_basis, &principal.audit_actor(None))
            .await?;
        Ok(match period {
            Some(p) => format!("{HREF}?periode={}&tersimpan=1#kurva", p.code()),
            None => format!("{HREF}?tersimpan=1#kurva"),
        })
    }
    .await;
    respond(result, |error| {
        page(&state, agency, period, shown, Some(error), false, None)
    })
    .await
}

/// `GET /admin/penilaian/ekspor.csv?periode=…` and `ekspor.xlsx` — the e-Kinerja hand-off of
/// the period as a file (issue 16 point 7; the columns of docs/performance.md).
async fn export(
    state: &AppState,
    principal: &Principal,
    query: Result<Query<AdminQuery>, QueryRejection>,
    file: crate::downloads::FileFormat,
) -> Result<Response, PageError> {
    let agency = administered_agency(principal)?;
    let Query(q) = query.map_err(WebError::from)?;
    let period = period_of(q.periode.as_deref().unwrap_or_default())?;
    let rows = state.store.ekinerja_export(agency, period).await?;
    Ok(crate::api::performance_export::export_file(
        &rows, period, file,
    )?)
}

/// `GET /admin/penilaian/ekspor.csv?periode=…`
pub async fn export_csv(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<AdminQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    export(&state, &principal, query, crate::downloads::FileFormat::Csv).await
}

/// `GET /admin/penilaian/ekspor.xlsx?periode=…`
pub async fn export_xlsx(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<AdminQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    export(
        &state,
        &principal,
        query,
        crate::downloads::FileFormat::Xlsx,
    )
    .await
}

/// `GET /admin/penilaian/tindak-lanjut.csv?periode=…[&pd=…]` and `.xlsx` — the follow-ups
/// decided in the period (KIN-01), optionally of one Perangkat Daerah, as a file.
async fn follow_up_export(
    state: &AppState,
    principal: &Principal,
    query: Result<Query<AdminQuery>, QueryRejection>,
    file: crate::downloads::FileFormat,
) -> Result<Response, PageError> {
    let agency = administered_agency(principal)?;
    let Query(q) = query.map_err(WebError::from)?;
    let period = period_of(q.periode.as_deref().unwrap_or_default())?;
    let department = department_of(q.pd.as_deref())?;
    let lines = state.store.follow_ups(agency, period, department).await?;
    Ok(crate::follow_up_export::file(&lines, period, file)?)
}

/// `GET /admin/penilaian/tindak-lanjut.csv?periode=…[&pd=…]`
pub async fn follow_ups_csv(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<AdminQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    follow_up_export(&state, &principal, query, crate::downloads::FileFormat::Csv).await
}

/// `GET /admin/penilaian/tindak-lanjut.xlsx?periode=…[&pd=…]`
pub async fn follow_ups_xlsx(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<AdminQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    follow_up_export(
        &state,
        &principal,
        query,
        crate::downloads::FileFormat::Xlsx,
    )
    .await
}
