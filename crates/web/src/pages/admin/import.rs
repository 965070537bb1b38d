//! `/admin/impor` (issue 14 point 3): the HR admin uploads the whole agency — the workbook or
//! the JSON of `docs/import-format.md`, as the CLI and `POST /api/v1/agencies/import` take it
//! — and sees, before anything is saved, what the import would create, change and remove in
//! each list and every problem of the file (those only the database finds included: the
//! import runs in a transaction that is rolled back). The read file then waits in the session
//! under a one-time token (`crate::pages::upload`) and the button saves it in one transaction.
//! From the page the admin imports their own agency only (the file's agency code must be
//! theirs); a new agency is imported with the CLI or an unscoped API token.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::bundle::{AgencyBundle, diff};
use sikerja_domain::organisation::AgencyId;
use tower_sessions::Session;

use super::{Tab, administered_agency};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::multipart::FormWithFiles;
use crate::pages::upload::{self, ProblemLine};
use crate::views::Layout;

const HREF: &str = "/admin/impor";
const KEY: &str = "agency_import";
/// The most employees a file imported through the page may hold (the read file waits in the
/// session until confirmed); larger agencies go through the CLI or the API.
pub const PAGE_MAX_EMPLOYEES: usize = 5_000;

/// `?diimpor=` after an import: how many employees the agency now has.
#[derive(Debug, Default, Deserialize)]
pub struct ImportedQuery {
    pub diimpor: Option<u32>,
}

/// The confirmation.
#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    pub token: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/import.html")]
pub struct ImportPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    agency_code: String,
    notice: Option<String>,
    error: Option<String>,
    problems: Vec<ProblemLine>,
    max_employees: usize,
}

/// One list of the agency as the preview shows it.
pub struct ListLine {
    pub label: &'static str,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/import_preview.html")]
pub struct PreviewPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    token: String,
    lists: Vec<ListLine>,
    employees: u32,
    terms_added: u32,
    terms_updated: u32,
}

fn layout(state: &AppState) -> Layout {
    super::layout("Impor data instansi", HREF, state.demo_mode)
}

async fn form_page(
    state: &AppState,
    agency: AgencyId,
    notice: Option<String>,
    refusal: Option<&WebError>,
) -> Result<ImportPage, WebError> {
    let a = state.store.agency(agency).await?;
    Ok(ImportPage {
        layout: layout(state),
        tab: Tab::Import,
        agency_name: a.name,
        agency_code: a.code,
        notice,
        error: refusal.map(|e| {
            let citation = e.citation().map(|c| format!(" ({c})")).unwrap_or_default();
            format!("{}{citation}", e.message())
        }),
        problems: refusal.map(upload::problem_lines).unwrap_or_default(),
        max_employees: PAGE_MAX_EMPLOYEES,
    })
}

/// Shows the form again with the refusal and its status; other errors as error pages.
async fn refused(state: &AppState, agency: AgencyId, e: WebError) -> Result<Response, PageError> {
    let status = match &e {
        WebError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        WebError::Conflict { .. } => StatusCode::CONFLICT,
        WebError::Forbidden { .. } => StatusCode::FORBIDDEN,
        WebError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        _ => return Err(e.into()),
    };
    Ok((status, form_page(state, agency, None, Some(&e)).await?).into_response())
}

/// The file's agency must be the admin's own.
async fn own_agency(
    state: &AppState,
    agency: AgencyId,
    bundle: &AgencyBundle,
) -> Result<(), WebError> {
    let a = state.store.agency(agency).await?;
    if bundle.agency.code == a.code {
        return Ok(());
    }
    Err(WebError::invalid(
        "import_other_agency",
        format!(
            "Berkas ini berisi instansi dengan kode \"{}\". Dari halaman ini hanya instansi Anda \
             ({}, kode \"{}\") yang dapat diimpor; instansi lain diimpor melalui baris perintah \
             atau API.",
            bundle.agency.code, a.name, a.code
        ),
    ))
}

/// `GET /admin/impor`
pub async fn show_import_form(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<ImportedQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<ImportPage, PageError> {
    let agency = administered_agency(&principal)?;
    let notice = query
        .ok()
        .and_then(|Query(q)| q.diimpor)
        .map(|n| format!("Data instansi telah diimpor: {n} pegawai."));
    Ok(form_page(&state, agency, notice, None).await?)
}

/// `POST /admin/impor/pratinjau` — reads the file and runs the import without saving it: the
/// preview page with what it would do, or the form with every problem.
pub async fn preview_import(
    State(state): State<AppState>,
    principal: Principal,
    session: Session,
    form: Result<FormWithFiles, PageError>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let FormWithFiles { files, .. } = form?;
    let outcome = async {
        let (file, content_type) = crate::pages::upload::chosen_file(
            &files,
            "import_file_missing",
            "Pilih berkas data instansi (XLSX atau JSON) untuk diunggah.",
        )?;
        let bundle = crate::api::import::read_bundle(content_type, &file.bytes)?;
        own_agency(&state, agency, &bundle).await?;
        if bundle.employees.len() > PAGE_MAX_EMPLOYEES {
            return Err(WebError::invalid(
                "import_too_large_for_page",
                format!(
                    "Berkas berisi {} pegawai; melalui halaman ini paling banyak \
                     {PAGE_MAX_EMPLOYEES}. Impor melalui baris perintah atau API.",
                    bundle.employees.len()
                ),
            ));
        }
        let actor = principal.audit_actor(None);
        let summary = state.store.preview_import(&bundle, &actor.label).await?;
        let before = state.store.export_agency(agency).await?;
        let lists = diff(Some(&before), &bundle)
            .into_iter()
            .map(|l| ListLine {
                label: l.entity.label(),
                added: l.added,
                changed: l.changed,
                removed: l.removed,
                unchanged: l.unchanged,
            })
            .collect();
        let token = upload::stash(&session, KEY, agency, bundle).await?;
        Ok::<_, WebError>((summary, lists, token))
    }
    .await;
    match outcome {
        Ok((summary, lists, token)) => {
            let a = state.store.agency(agency).await?;
            Ok(PreviewPage {
                layout: layout(&state),
                tab: Tab::Import,
                agency_name: a.name,
                token,
                lists,
                employees: summary.employees,
                terms_added: summary.regional_head_terms_added,
                terms_updated: summary.regional_head_terms_updated,
            }
            .into_response())
        }
        Err(e) => refused(&state, agency, e).await,
    }
}

/// `POST /admin/impor` — imports the previewed file (checked again) in one transaction and
/// goes back to the form with the number of employees.
pub async fn confirm_import(
    State(state): State<AppState>,
    principal: Principal,
    session: Session,
    form: Result<Form<ConfirmForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(form) = form?;
    let outcome = async {
        let bundle: AgencyBundle =
            upload::pending(&session, KEY, &form.token, agency, || WebError::Conflict {
                code: "import_upload_expired",
                message: "Pratinjau ini tidak lagi berlaku (sudah disimpan atau diganti \
                          unggahan lain). Unggah berkasnya lagi."
                    .into(),
                details: Vec::new(),
            })
            .await?;
        own_agency(&state, agency, &bundle).await?;
        let actor = principal.audit_actor(None);
        Ok::<_, WebError>(state.store.import_agency(&bundle, &actor.label).await?)
    }
    .await;
    match outcome {
        Ok(summary) => {
            upload::clear(&session, KEY).await?;
            Ok(Redirect::to(&format!("{HREF}?diimpor={}", summary.employees)).into_response())
        }
        Err(e) => refused(&state, agency, e).await,
    }
}
