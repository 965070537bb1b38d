//! `/admin/bidang-tugas`: the agency's controlled list of fields of experience — *bidang
//! tugas* — with their synonyms (issue 14 point 6; PEN-08 huruf d), kept by the HR admin. The
//! import maps each experience row to a field by name or synonym; the assignment form offers
//! the list; the lead's experience counts under any name of the field. The form edits the
//! whole list: one row per field (code, name, synonyms separated by commas), an empty row to
//! add one, a row emptied to remove one; storage refuses the whole list with every problem.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::Response;
use sikerja_domain::experience_fields::ExperienceField;
use sikerja_domain::organisation::AgencyId;

use super::{Tab, administered_agency};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::pages::planning::forms::{Pairs, fields};
use crate::pages::planning::respond;
use crate::views::Layout;

const HREF: &str = "/admin/bidang-tugas";

/// A row of the form.
pub struct FieldRow {
    pub code: String,
    pub name: String,
    pub synonyms: String,
    pub used_by: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/experience_fields.html")]
pub struct ExperienceFieldsPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    error: Option<String>,
    saved: bool,
    rows: Vec<FieldRow>,
}

async fn page(
    state: &AppState,
    agency: AgencyId,
    error: Option<String>,
    saved: bool,
    posted: Option<&Pairs>,
) -> Result<ExperienceFieldsPage, WebError> {
    let stored = state.store.experience_fields(agency).await?;
    let mut rows: Vec<FieldRow> = match posted {
        // A refused list is shown as it was sent, so that nothing typed is lost.
        Some(pairs) => rows_of(pairs)
            .into_iter()
            .map(|f| FieldRow {
                used_by: stored
                    .iter()
                    .find(|s| s.field.code == f.code)
                    .map_or(0, |s| s.used_by),
                code: f.code,
                name: f.name,
                synonyms: f.synonyms.join(", "),
            })
            .collect(),
        None => stored
            .into_iter()
            .map(|s| FieldRow {
                code: s.field.code,
                name: s.field.name,
                synonyms: s.field.synonyms.join(", "),
                used_by: s.used_by,
            })
            .collect(),
    };
    rows.push(FieldRow {
        code: String::new(),
        name: String::new(),
        synonyms: String::new(),
        used_by: 0,
    });
    Ok(ExperienceFieldsPage {
        layout: super::layout("Bidang tugas", HREF, state.demo_mode),
        tab: Tab::ExperienceFields,
        agency_name: state.store.agency(agency).await?.name,
        error,
        saved,
        rows,
    })
}

/// The list a form sends: `code`, `name` and `synonyms` repeated in order; a row with neither
/// code nor name is left out (removed, or the empty row not used). A code left blank is made
/// from the name.
fn rows_of(pairs: &Pairs) -> Vec<ExperienceField> {
    let codes = fields(pairs, "code");
    let names = fields(pairs, "name");
    let synonyms = fields(pairs, "synonyms");
    names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let code = codes.get(i).copied().unwrap_or("").trim();
            if code.is_empty() && name.trim().is_empty() {
                return None;
            }
            Some(ExperienceField {
                code: if code.is_empty() {
                    sikerja_domain::experience_fields::code_for(name)
                } else {
                    code.to_string()
                },
                name: name.to_string(),
                synonyms: synonyms
                    .get(i)
                    .copied()
                    .unwrap_or("")
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            })
        })
        .collect()
}

/// `GET /admin/bidang-tugas`
pub async fn show_experience_fields(
    State(state): State<AppState>,
    principal: Principal,
    query: axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<ExperienceFieldsPage, PageError> {
    let agency = administered_agency(&principal)?;
    Ok(page(&state, agency, None, query.contains_key("tersimpan"), None).await?)
}

/// `POST /admin/bidang-tugas`
pub async fn set_experience_fields(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(pairs) = form?;
    let result = async {
        state
            .store
            .set_experience_fields(agency, &rows_of(&pairs), &principal.audit_actor(None))
            .await?;
        Ok(format!("{HREF}?tersimpan=1"))
    }
    .await;
    respond(result, |error| {
        page(&state, agency, Some(error), false, Some(&pairs))
    })
    .await
}
