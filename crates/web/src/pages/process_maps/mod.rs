//! Business-process maps in the browser (issue 17 point 2, PRO-01..03): `/peta-proses` lists
//! the agency's maps with search and filters; `/peta-proses/{id}` shows a version in bpmn-js's
//! viewer with the versions, the reviews and the diff of two versions as a list (the changed
//! elements also marked on the diagram); `/peta-proses/{id}/versi/{n}.bpmn` downloads a
//! version as saved. The keeper (`process_map_keeper`) creates a map from a `.bpmn` file or
//! one of the regulation's workflows, saves a version by upload or from the modeler
//! (`/peta-proses/{id}/ubah`, a form POST of the XML), publishes, records reviews, archives.
//!
//! Routes are `Access::Official` (people, never tokens); storage decides who may
//! (`sikerja_domain::process_map`): readers are the agency's people, writers its keepers.

mod forms;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::access::Actor;
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_domain::process_map::lanes::LaneBindingKind;
use sikerja_domain::process_map::{ProcessMapKind, ProcessMapStatus, may_keep};
use sikerja_maps::{Change, ElementChange, ElementKind, Field};
use sikerja_storage::process_maps::{LaneView, MapDetail, MapFilter, MapSummary, ProcessMapId};

use crate::AppState;
use crate::authz::{Principal, person};
use crate::error::{PageError, WebError};
use crate::format;
use crate::views::Layout;

pub use forms::{
    archive_map, bind_lane, create_map, publish_map, review_map, save_version, show_editor,
    show_new_map,
};

const LIST: &str = "/peta-proses";

/// One choice of a `<select>`.
pub struct Choice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

fn choices<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> String,
    label: impl Fn(T) -> String,
    chosen: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| {
            let c = code(*v);
            Choice {
                selected: c == chosen,
                label: label(*v),
                code: c,
            }
        })
        .collect()
}

/// The agency of the signed-in person, whose maps they read.
fn own_agency(actor: &Actor) -> Result<AgencyId, PageError> {
    actor.facts().agency.ok_or_else(|| {
        PageError(WebError::forbidden(
            "Peta proses bisnis dibaca oleh pegawai dan pejabat instansi.",
        ))
    })
}

async fn department_choices(
    state: &AppState,
    agency: AgencyId,
    chosen: &str,
) -> Result<Vec<Choice>, WebError> {
    Ok(state
        .store
        .departments(Some(agency))
        .await?
        .into_iter()
        .map(|d| Choice {
            selected: d.department.id.0.to_string() == chosen,
            code: d.department.id.0.to_string(),
            label: d.department.name,
        })
        .collect())
}

/// The list's query: `q`, `jenis`, `status`, `perangkat`.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub perangkat: String,
}

/// One map of the list.
pub struct Row {
    pub id: i64,
    pub title: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub status_code: &'static str,
    pub department: String,
    pub versions: String,
    pub updated: String,
}

fn row(m: &MapSummary) -> Row {
    Row {
        id: m.id.0,
        title: m.title.clone(),
        kind: m.kind.label(),
        status: m.status.label(),
        status_code: m.status.code(),
        department: m
            .department_name
            .clone()
            .unwrap_or_else(|| "Seluruh instansi".into()),
        versions: match m.published_version {
            Some(p) if p == m.latest_version => format!("versi {p} (terbit)"),
            Some(p) => format!("versi {p} terbit, versi {} konsep", m.latest_version),
            None => format!("versi {}", m.latest_version),
        },
        updated: format::date_time(m.updated_at),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "process_maps/list.html")]
pub struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    q: String,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    departments: Vec<Choice>,
    keeper: bool,
    filtered: bool,
}

/// `GET /peta-proses`: the agency's maps by title (PRO-02), narrowed by kind, status,
/// Perangkat Daerah and a part of the title.
pub async fn list_maps(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<ListQuery>,
) -> Result<ListPage, PageError> {
    let actor = person(&principal)?;
    let agency = own_agency(actor)?;
    let filter = MapFilter {
        kind: ProcessMapKind::from_code(&query.jenis),
        status: ProcessMapStatus::from_code(&query.status),
        department: query.perangkat.trim().parse().ok().map(DepartmentId),
        search: Some(query.q.trim().to_string()).filter(|s| !s.is_empty()),
    };
    let maps = state
        .store
        .process_maps(agency, actor.facts(), &filter)
        .await
        .map_err(WebError::from)?;
    Ok(ListPage {
        layout: Layout::new("Peta proses bisnis", state.demo_mode).crumb("Peta proses", LIST),
        rows: maps.iter().map(row).collect(),
        filtered: filter.kind.is_some()
            || filter.status.is_some()
            || filter.department.is_some()
            || filter.search.is_some(),
        q: query.q.trim().to_string(),
        kinds: choices(
            ProcessMapKind::ALL,
            |k| k.code().into(),
            |k| k.label().into(),
            &query.jenis,
        ),
        statuses: choices(
            ProcessMapStatus::ALL,
            |s| s.code().into(),
            |s| s.label().into(),
            &query.status,
        ),
        departments: department_choices(&state, agency, &query.perangkat).await?,
        keeper: may_keep(actor.facts(), agency),
    })
}

/// The detail's query: the version in the viewer (`versi`) and the diff (`dari`, `ke`).
#[derive(Debug, Default, Deserialize)]
pub struct DetailQuery {
    pub versi: Option<u32>,
    pub dari: Option<u32>,
    pub ke: Option<u32>,
    /// What was just done, for the notice.
    #[serde(default)]
    pub ok: String,
}

pub struct VersionRow {
    pub number: u32,
    pub saved: String,
    pub saved_by: String,
    pub source: String,
    pub note: String,
    pub size: String,
    pub sha256: String,
    pub published: bool,
    pub shown: bool,
}

pub struct SopRow {
    pub number: String,
    pub title: String,
}

pub struct ReviewRow {
    pub version: u32,
    pub reviewed: String,
    pub reviewed_by: String,
    pub findings: String,
    pub decisions: String,
    pub sops: Vec<SopRow>,
}

pub struct DiffLine {
    pub id: String,
    pub kind: &'static str,
    pub change: &'static str,
    pub change_code: &'static str,
    pub fields: Vec<String>,
}

pub struct DiffView {
    pub from: u32,
    pub to: u32,
    pub lines: Vec<DiffLine>,
    /// Element ids for the viewer's markers, comma-separated.
    pub added: String,
    pub changed: String,
}

/// A lane of the shown version with its binding and who holds it today (PRO-01).
pub struct LaneRow {
    pub id: String,
    pub name: String,
    /// "Jabatan …" or "Unit …"; empty when not bound.
    pub bound_to: String,
    pub post: String,
    pub holder: String,
    pub bound: bool,
    pub vacant: bool,
}

fn lane_row(l: &LaneView) -> LaneRow {
    let b = l.binding.as_ref();
    LaneRow {
        id: l.lane.clone(),
        name: l.name.clone().unwrap_or_default(),
        bound_to: b
            .map(|b| format!("{} {}", b.target.kind().label(), b.target_name))
            .unwrap_or_default(),
        post: b
            .and_then(|b| b.holding.post_name.clone())
            .unwrap_or_default(),
        holder: b.and_then(|b| b.holding.holder_label()).unwrap_or_default(),
        bound: b.is_some(),
        vacant: b.is_some_and(|b| b.holding.vacant()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "process_maps/detail.html")]
pub struct DetailPage {
    layout: Layout,
    id: i64,
    title: String,
    kind: &'static str,
    status: &'static str,
    department: String,
    created: String,
    shown: u32,
    latest: u32,
    shown_published: bool,
    versions: Vec<VersionRow>,
    reviews: Vec<ReviewRow>,
    diff: Option<DiffView>,
    keeper: bool,
    archived: bool,
    can_publish: bool,
    notice: Option<&'static str>,
    error: Option<String>,
    lanes: Vec<LaneRow>,
    /// Ids of the lanes whose post is vacant, comma-separated, for the diagram's markers.
    vacant_lanes: String,
    binding_kinds: Vec<Choice>,
}

fn source_label(code: &str) -> String {
    match code {
        "upload" => "unggah berkas".into(),
        "editor" => "penyunting peta".into(),
        "api" => "API".into(),
        other => match other
            .strip_prefix("workflow:")
            .and_then(sikerja_domain::workflow::WorkflowKind::from_code)
        {
            Some(k) => format!("dari alur {}", k.definition().title),
            None => other.to_string(),
        },
    }
}

fn kind_label(k: ElementKind) -> &'static str {
    match k {
        ElementKind::FlowNode => "Langkah/peristiwa/gerbang",
        ElementKind::SequenceFlow => "Alur",
        ElementKind::Lane => "Lajur",
        ElementKind::Participant => "Pihak (pool)",
        ElementKind::MessageFlow => "Alur pesan",
        ElementKind::TextAnnotation => "Catatan",
    }
}

fn field_label(f: Field) -> &'static str {
    match f {
        Field::Name => "nama",
        Field::Kind => "jenis",
        Field::Lane => "lajur",
        Field::Incoming => "alur masuk",
        Field::Outgoing => "alur keluar",
        Field::Source => "asal",
        Field::Target => "tujuan",
        Field::Condition => "syarat",
        Field::Text => "teks",
        Field::Process => "proses",
        Field::Position => "letak pada diagram",
    }
}

fn diff_view(from: u32, to: u32, changes: &[ElementChange]) -> DiffView {
    let ids = |added: bool| {
        changes
            .iter()
            .filter(|c| match &c.change {
                Change::Added => added,
                Change::Changed(_) => !added,
                Change::Removed => false,
            })
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    DiffView {
        from,
        to,
        added: ids(true),
        changed: ids(false),
        lines: changes
            .iter()
            .map(|c| {
                let (change, change_code, fields) = match &c.change {
                    Change::Added => ("ditambahkan", "added", Vec::new()),
                    Change::Removed => ("dihapus", "removed", Vec::new()),
                    Change::Changed(fields) => (
                        "diubah",
                        "changed",
                        fields
                            .iter()
                            .map(|f| {
                                if f.field == Field::Position {
                                    field_label(f.field).to_string()
                                } else {
                                    format!(
                                        "{}: “{}” → “{}”",
                                        field_label(f.field),
                                        f.before,
                                        f.after
                                    )
                                }
                            })
                            .collect(),
                    ),
                };
                DiffLine {
                    id: c.id.clone(),
                    kind: kind_label(c.kind),
                    change,
                    change_code,
                    fields,
                }
            })
            .collect(),
    }
}

fn notice_of(ok: &str) -> Option<&'static str> {
    match ok {
        "dibuat" => Some("Peta proses dibuat sebagai konsep (versi 1)."),
        "disimpan" => Some("Versi baru disimpan."),
        "terbit" => Some("Versi terakhir diterbitkan."),
        "reviu" => Some("Reviu dicatat (PRO-03)."),
        "arsip" => Some("Peta proses diarsipkan."),
        "lajur" => Some("Pengikatan lajur disimpan (PRO-01)."),
        _ => None,
    }
}

/// Builds the detail page; `error` is a refused change shown on it.
pub(crate) async fn detail_page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    query: &DetailQuery,
    error: Option<&WebError>,
) -> Result<DetailPage, WebError> {
    let actor = person(principal).map_err(|e| e.0)?;
    let MapDetail {
        map,
        created_by,
        created_at,
        versions,
        reviews,
    } = state
        .store
        .process_map(ProcessMapId(id), actor.facts())
        .await?;
    let default = map.published_version.unwrap_or(map.latest_version);
    let shown = query
        .versi
        .filter(|v| (1..=map.latest_version).contains(v))
        .unwrap_or(default);
    let diff = match (query.dari, query.ke) {
        (Some(a), Some(b)) if a != b => {
            let changes = state
                .store
                .diff_process_map_versions(ProcessMapId(id), a, b, actor.facts())
                .await?;
            Some(diff_view(a, b, &changes))
        }
        _ => None,
    };
    let keeper = may_keep(actor.facts(), map.agency);
    let lanes: Vec<LaneRow> = state
        .store
        .process_map_lanes(ProcessMapId(id), shown, actor.facts())
        .await?
        .iter()
        .map(lane_row)
        .collect();
    Ok(DetailPage {
        vacant_lanes: lanes
            .iter()
            .filter(|l| l.vacant)
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>()
            .join(","),
        lanes,
        binding_kinds: choices(
            LaneBindingKind::ALL,
            |k| k.code().into(),
            |k| k.label().into(),
            "position",
        ),
        layout: Layout::new(map.title.clone(), state.demo_mode)
            .crumb("Peta proses", LIST)
            .crumb(map.title.clone(), format!("{LIST}/{id}")),
        id,
        kind: map.kind.label(),
        status: map.status.label(),
        department: map
            .department_name
            .clone()
            .unwrap_or_else(|| "Seluruh instansi".into()),
        created: format!("{} oleh {}", format::date_time(created_at), created_by),
        shown,
        latest: map.latest_version,
        shown_published: map.published_version == Some(shown),
        versions: versions
            .iter()
            .map(|v| VersionRow {
                number: v.number,
                saved: format::date_time(v.saved_at),
                saved_by: v.saved_by.clone(),
                source: source_label(&v.source),
                note: v.note.clone(),
                size: format!("{} bita", format::thousands(v.size)),
                sha256: v.sha256.chars().take(12).collect(),
                published: map.published_version == Some(v.number),
                shown: v.number == shown,
            })
            .collect(),
        reviews: reviews
            .iter()
            .map(|r| ReviewRow {
                version: r.version,
                reviewed: format::date_time(r.reviewed_at),
                reviewed_by: r.reviewed_by.clone(),
                findings: r.findings.clone(),
                decisions: r.decisions.clone(),
                sops: r
                    .sop_changes
                    .iter()
                    .map(|s| SopRow {
                        number: s.number.clone(),
                        title: s.title.clone(),
                    })
                    .collect(),
            })
            .collect(),
        diff,
        keeper,
        archived: map.status == ProcessMapStatus::Archived,
        can_publish: keeper
            && map.status != ProcessMapStatus::Archived
            && map.published_version != Some(map.latest_version),
        notice: notice_of(&query.ok),
        error: error.map(WebError::message),
        title: map.title,
    })
}

/// `GET /peta-proses/{id}`: a version in the viewer, the versions, the reviews, a diff.
pub async fn show_map(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Query(query): Query<DetailQuery>,
) -> Result<DetailPage, PageError> {
    Ok(detail_page(&state, &principal, id, &query, None).await?)
}

/// `GET /peta-proses/{id}/versi/{n}.bpmn`: a version's bytes as saved.
pub async fn download_version(
    State(state): State<AppState>,
    principal: Principal,
    Path((id, file)): Path<(i64, String)>,
) -> Result<Response, PageError> {
    let actor = person(&principal)?;
    let n: u32 = file
        .strip_suffix(".bpmn")
        .and_then(|n| n.parse().ok())
        .ok_or(WebError::NotFound { what: "page" })?;
    let xml = state
        .store
        .process_map_version_xml(ProcessMapId(id), n, actor.facts())
        .await
        .map_err(WebError::from)?;
    let disposition = format!("attachment; filename=\"peta-proses-{id}-versi-{n}.bpmn\"");
    Ok((
        StatusCode::OK,
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/xml; charset=utf-8".to_string(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        xml,
    )
        .into_response())
}

/// After a change: back to the map with a notice.
pub(crate) fn back_to(id: i64, ok: &str) -> Response {
    Redirect::to(&format!("{LIST}/{id}?ok={ok}")).into_response()
}

/// After a change to a version: back to the map showing that version, with a notice.
pub(crate) fn back_to_version(id: i64, version: u32, ok: &str) -> Response {
    Redirect::to(&format!("{LIST}/{id}?versi={version}&ok={ok}")).into_response()
}
