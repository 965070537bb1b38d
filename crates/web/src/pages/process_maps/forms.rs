//! The keeper's forms (PRO-01, PRO-03): a new map from a `.bpmn` file or a workflow, a new
//! version by upload or from the modeler, publishing, a review with the SOPs it changed, and
//! archiving. Storage checks the keeper and decides; a refusal shows the page again with its
//! reason (a broken file with its `bpmn_*` reasons) and the status of the refusal.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use sikerja_domain::organisation::DepartmentId;
use sikerja_domain::process_map::lanes::LaneBindingKind;
use sikerja_domain::process_map::{MapRefusal, ProcessMapKind, ReviewInput, SopChange, may_keep};
use sikerja_domain::workflow::WorkflowKind;
use sikerja_storage::process_maps::{DocumentSource, MapActor, MapSource, NewMap, ProcessMapId};

use super::{
    Choice, DetailQuery, LIST, back_to, choices, department_choices, detail_page, own_agency,
};
use crate::AppState;
use crate::authz::{Principal, person};
use crate::error::{PageError, WebError};
use crate::multipart::FormWithFiles;
use crate::pages::planning::forms::{Pairs, field, fields};
use crate::views::Layout;

fn map_actor(principal: &Principal) -> Result<MapActor, PageError> {
    let actor = person(principal)?;
    Ok(MapActor {
        facts: actor.facts().clone(),
        audit: principal.audit_actor(None),
    })
}

/// Refuses (403) a person who does not keep the map's agency's maps, before the form is read.
async fn require_keeper(state: &AppState, principal: &Principal, id: i64) -> Result<(), PageError> {
    let actor = person(principal)?;
    let agency = state
        .store
        .process_map_agency(ProcessMapId(id))
        .await
        .map_err(WebError::from)?;
    if may_keep(actor.facts(), agency) {
        Ok(())
    } else {
        Err(not_keeper())
    }
}

fn not_keeper() -> PageError {
    PageError(WebError::forbidden(
        "Peta proses dibuat dan diubah oleh Pengelola Peta Proses Bisnis instansi.",
    ))
}

/// The refused change on the map's page, with the refusal's status.
async fn refused_on_map(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: WebError,
) -> Result<Response, PageError> {
    let status = error.status();
    if !matches!(
        error,
        WebError::Invalid { .. } | WebError::Conflict { .. } | WebError::Forbidden { .. }
    ) {
        return Err(error.into());
    }
    let page = detail_page(state, principal, id, &DetailQuery::default(), Some(&error)).await?;
    Ok((status, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "process_maps/new.html")]
pub struct NewPage {
    layout: Layout,
    kinds: Vec<Choice>,
    departments: Vec<Choice>,
    workflows: Vec<Choice>,
    title: String,
    note: String,
    error: Option<String>,
}

async fn new_page(
    state: &AppState,
    principal: &Principal,
    values: &Pairs,
    error: Option<String>,
) -> Result<NewPage, PageError> {
    let actor = person(principal)?;
    let agency = own_agency(actor)?;
    if !may_keep(actor.facts(), agency) {
        return Err(not_keeper());
    }
    Ok(NewPage {
        layout: Layout::new("Peta proses baru", state.demo_mode)
            .crumb("Peta proses", LIST)
            .crumb("Peta proses baru", format!("{LIST}/baru")),
        kinds: choices(
            ProcessMapKind::ALL,
            |k| k.code().into(),
            |k| k.label().into(),
            field(values, "kind"),
        ),
        departments: department_choices(state, agency, field(values, "perangkat")).await?,
        workflows: choices(
            &WorkflowKind::ALL,
            |k| k.code().into(),
            |k| {
                let d = k.definition();
                format!("{} ({})", d.title, d.rule)
            },
            field(values, "alur"),
        ),
        title: field(values, "title").to_string(),
        note: field(values, "note").to_string(),
        error,
    })
}

/// `GET /peta-proses/baru`: the keeper's form for a new map.
pub async fn show_new_map(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<NewPage, PageError> {
    new_page(&state, &principal, &Vec::new(), None).await
}

/// The `.bpmn` file of an upload form, if one was chosen.
fn chosen_bpmn(files: &[crate::multipart::FilePart]) -> Option<Vec<u8>> {
    files
        .iter()
        .find(|f| !f.is_blank())
        .map(|f| f.bytes.to_vec())
}

/// `POST /peta-proses/baru`: creates the map from the chosen file, else the chosen workflow.
pub async fn create_map(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<FormWithFiles, PageError>,
) -> Result<Response, PageError> {
    let agency = own_agency(person(&principal)?)?;
    if !may_keep(person(&principal)?.facts(), agency) {
        return Err(not_keeper());
    }
    let FormWithFiles { pairs, files } = form?;
    let actor = map_actor(&principal)?;
    let outcome = async {
        let kind = ProcessMapKind::from_code(field(&pairs, "kind"))
            .ok_or_else(|| WebError::invalid("process_map_kind_missing", "Pilih jenis peta."))?;
        let source = match chosen_bpmn(&files) {
            Some(xml) => MapSource::Document {
                xml,
                source: DocumentSource::Upload,
            },
            None => MapSource::Workflow(
                WorkflowKind::from_code(field(&pairs, "alur")).ok_or_else(|| {
                    WebError::invalid(
                        "process_map_source_missing",
                        "Pilih berkas .bpmn untuk diunggah, atau alur penugasan sebagai awal peta.",
                    )
                })?,
            ),
        };
        let department = field(&pairs, "perangkat").parse().ok().map(DepartmentId);
        let id = state
            .store
            .create_process_map(
                agency,
                NewMap {
                    kind,
                    title: field(&pairs, "title").to_string(),
                    department,
                    note: field(&pairs, "note").to_string(),
                    source,
                },
                &actor,
            )
            .await?;
        Ok::<_, WebError>(id)
    }
    .await;
    match outcome {
        Ok(id) => Ok(back_to(id.0, "dibuat")),
        Err(e @ (WebError::Invalid { .. } | WebError::Conflict { .. })) => {
            let status = e.status();
            let page = new_page(&state, &principal, &pairs, Some(e.message())).await?;
            Ok((status, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /peta-proses/{id}/versi`: a new version from an uploaded file or the modeler (the
/// form's `sumber` is `editor` there).
pub async fn save_version(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    form: Result<FormWithFiles, PageError>,
) -> Result<Response, PageError> {
    require_keeper(&state, &principal, id).await?;
    let FormWithFiles { pairs, files } = form?;
    let actor = map_actor(&principal)?;
    let outcome = async {
        let xml = chosen_bpmn(&files).ok_or_else(|| {
            WebError::invalid(
                "process_map_file_missing",
                "Pilih berkas .bpmn untuk disimpan sebagai versi baru.",
            )
        })?;
        let source = if field(&pairs, "sumber") == "editor" {
            DocumentSource::Editor
        } else {
            DocumentSource::Upload
        };
        Ok::<_, WebError>(
            state
                .store
                .save_process_map_version(
                    ProcessMapId(id),
                    xml,
                    source,
                    field(&pairs, "note"),
                    &actor,
                )
                .await?,
        )
    }
    .await;
    match outcome {
        Ok(_) => Ok(back_to(id, "disimpan")),
        Err(e) => refused_on_map(&state, &principal, id, e).await,
    }
}

/// `POST /peta-proses/{id}/terbitkan`: publishes the latest version.
pub async fn publish_map(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    require_keeper(&state, &principal, id).await?;
    let actor = map_actor(&principal)?;
    match state
        .store
        .publish_process_map(ProcessMapId(id), &actor)
        .await
    {
        Ok(_) => Ok(back_to(id, "terbit")),
        Err(e) => refused_on_map(&state, &principal, id, e.into()).await,
    }
}

/// `POST /peta-proses/{id}/reviu`: records a review (PRO-03) — the version, findings,
/// decisions and the SOPs changed (`sop_number`/`sop_title` pairs; blank rows are skipped).
pub async fn review_map(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    require_keeper(&state, &principal, id).await?;
    let Form(pairs) = form?;
    let actor = map_actor(&principal)?;
    let numbers = fields(&pairs, "sop_number");
    let titles = fields(&pairs, "sop_title");
    let sop_changes = numbers
        .iter()
        .zip(titles.iter().chain(std::iter::repeat(&"")))
        .filter(|(n, t)| !n.trim().is_empty() || !t.trim().is_empty())
        .map(|(n, t)| SopChange {
            number: n.trim().to_string(),
            title: t.trim().to_string(),
        })
        .collect();
    let review = ReviewInput {
        version: field(&pairs, "versi").parse().unwrap_or(0),
        findings: field(&pairs, "findings").to_string(),
        decisions: field(&pairs, "decisions").to_string(),
        sop_changes,
    };
    match state
        .store
        .review_process_map(ProcessMapId(id), &review, &actor)
        .await
    {
        Ok(_) => Ok(back_to(id, "reviu")),
        Err(e) => refused_on_map(&state, &principal, id, e.into()).await,
    }
}

/// `POST /peta-proses/{id}/arsipkan`: archives the map.
pub async fn archive_map(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    require_keeper(&state, &principal, id).await?;
    let Form(pairs) = form?;
    let actor = map_actor(&principal)?;
    match state
        .store
        .archive_process_map(ProcessMapId(id), field(&pairs, "reason"), &actor)
        .await
    {
        Ok(()) => Ok(back_to(id, "arsip")),
        Err(e) => refused_on_map(&state, &principal, id, e.into()).await,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "process_maps/edit.html")]
pub struct EditPage {
    layout: Layout,
    id: i64,
    title: String,
    latest: u32,
}

/// `GET /peta-proses/{id}/ubah`: the latest version in bpmn-js's modeler (keeper only);
/// saving posts the XML to `/peta-proses/{id}/versi`.
pub async fn show_editor(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<EditPage, PageError> {
    let actor = person(&principal)?;
    let map = state
        .store
        .process_map(ProcessMapId(id), actor.facts())
        .await
        .map_err(WebError::from)?
        .map;
    if !may_keep(actor.facts(), map.agency) {
        return Err(not_keeper());
    }
    if map.status == sikerja_domain::process_map::ProcessMapStatus::Archived {
        let refusal = sikerja_domain::process_map::MapRefusal::Archived;
        return Err(PageError(WebError::Conflict {
            code: refusal.code(),
            message: refusal.message(),
            details: Vec::new(),
        }));
    }
    Ok(EditPage {
        layout: Layout::new(format!("Ubah {}", map.title), state.demo_mode)
            .crumb("Peta proses", LIST)
            .crumb(map.title.clone(), format!("{LIST}/{id}"))
            .crumb("Ubah", format!("{LIST}/{id}/ubah")),
        id,
        title: map.title,
        latest: map.latest_version,
    })
}

/// `POST /peta-proses/{id}/lajur`: binds a lane of a version (`versi`, `lajur`) to a position
/// or unit of the agency by its code (`jenis` `position`/`unit`, `kode`), or unbinds it with an
/// empty code (PRO-01).
pub async fn bind_lane(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    require_keeper(&state, &principal, id).await?;
    let Form(pairs) = form?;
    let actor = map_actor(&principal)?;
    let agency = own_agency(person(&principal)?)?;
    let code = field(&pairs, "kode").trim();
    let target = if code.is_empty() {
        None
    } else {
        let kind =
            LaneBindingKind::from_code(field(&pairs, "jenis")).unwrap_or(LaneBindingKind::Position);
        match state
            .store
            .lane_target_by_code(agency, kind, code)
            .await
            .map_err(WebError::from)?
        {
            Some(t) => Some(t),
            None => {
                let refusal = MapRefusal::UnknownLaneTarget;
                let error = WebError::invalid(refusal.code(), refusal.message());
                return refused_on_map(&state, &principal, id, error).await;
            }
        }
    };
    let version = field(&pairs, "versi").parse().unwrap_or(0);
    match state
        .store
        .bind_process_map_lane(
            ProcessMapId(id),
            version,
            field(&pairs, "lajur"),
            target,
            &actor,
        )
        .await
    {
        Ok(()) => Ok(super::back_to_version(id, version, "lajur")),
        Err(e) => refused_on_map(&state, &principal, id, e.into()).await,
    }
}
