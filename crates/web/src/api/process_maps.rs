//! `/api/v1/process-maps` (issue 17 point 5; PRO-01..03): the business-process maps of the
//! caller's agency — list with filters, one map with its versions and reviews, a version's
//! BPMN document as saved, a new version (the raw XML, checked like an upload: a broken file is
//! refused with its `bpmn_*` code), reviews, the lanes bound to positions or units with who
//! holds them today (PRO-01). Readers are the agency's people and other systems' API tokens
//! scoped to the agency (or unscoped: `?agency=` on the list) — list, read, versions,
//! reviews; writers only the agency's `process_map_keeper` (a token gets 403
//! `official_only`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::access::ActorFacts;
use sikerja_domain::holders::Exercise;
use sikerja_domain::organisation::{AgencyId, DepartmentId, PositionId, UnitId};
use sikerja_domain::process_map::lanes::{LaneBindingKind, LaneHolding, LaneTarget};
use sikerja_domain::process_map::{
    MapRefusal, ProcessMapKind, ProcessMapStatus, ReviewInput, SopChange, may_keep, token_may_read,
};
use sikerja_storage::process_maps::{
    DocumentSource, LaneView, MapActor, MapDetail, MapFilter, MapSummary, ProcessMapId, ReviewView,
    VersionView,
};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::authz::{Principal, official_only};
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// One map.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessMapDto {
    pub id: i64,
    pub agency_id: i64,
    /// The department (*Perangkat Daerah*) the map is about; none for the whole agency.
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    /// `subprocess_map`, `relation_map`, `cross_functional_map` or `level_1_map` (PRO-02).
    #[schema(example = "cross_functional_map")]
    pub kind: String,
    pub title: String,
    /// `draft`, `published` or `archived`.
    #[schema(example = "published")]
    pub status: String,
    /// The number of the published version, if any.
    pub published_version: Option<u32>,
    pub latest_version: u32,
    pub updated_at: DateTime<Utc>,
}

impl From<&MapSummary> for ProcessMapDto {
    fn from(m: &MapSummary) -> Self {
        ProcessMapDto {
            id: m.id.0,
            agency_id: m.agency.0,
            department_id: m.department.map(|d| d.0),
            department_name: m.department_name.clone(),
            kind: m.kind.code().into(),
            title: m.title.clone(),
            status: m.status.code().into(),
            published_version: m.published_version,
            latest_version: m.latest_version,
            updated_at: m.updated_at,
        }
    }
}

/// One version, without its document (`GET …/versions/{n}` gives the document).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessMapVersionDto {
    pub number: u32,
    /// SHA-256 of the document, lower-case hex.
    pub sha256: String,
    /// Size of the document in bytes.
    pub size: usize,
    /// `upload`, `editor`, `api` or `workflow:<workflow code>`.
    pub source: String,
    pub note: String,
    pub saved_by: String,
    pub saved_at: DateTime<Utc>,
}

impl From<&VersionView> for ProcessMapVersionDto {
    fn from(v: &VersionView) -> Self {
        ProcessMapVersionDto {
            number: v.number,
            sha256: v.sha256.clone(),
            size: v.size,
            source: v.source.clone(),
            note: v.note.clone(),
            saved_by: v.saved_by.clone(),
            saved_at: v.saved_at,
        }
    }
}

/// An SOP a review changed (PRO-03).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SopChangeDto {
    #[schema(example = "SOP-07/2026")]
    pub number: String,
    #[schema(example = "SOP Penunjukan Lintas Unit")]
    pub title: String,
}

/// A review of a version (PRO-03).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessMapReviewDto {
    pub id: i64,
    /// The version reviewed.
    pub version: u32,
    pub findings: String,
    pub decisions: String,
    pub sop_changes: Vec<SopChangeDto>,
    pub reviewed_by: String,
    pub reviewed_at: DateTime<Utc>,
}

impl From<&ReviewView> for ProcessMapReviewDto {
    fn from(r: &ReviewView) -> Self {
        ProcessMapReviewDto {
            id: r.id,
            version: r.version,
            findings: r.findings.clone(),
            decisions: r.decisions.clone(),
            sop_changes: r
                .sop_changes
                .iter()
                .map(|s| SopChangeDto {
                    number: s.number.clone(),
                    title: s.title.clone(),
                })
                .collect(),
            reviewed_by: r.reviewed_by.clone(),
            reviewed_at: r.reviewed_at,
        }
    }
}

/// A lane of a version and, if bound, the position or unit it is bound to and who holds it
/// today (PRO-01).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessMapLaneDto {
    /// The lane's BPMN id.
    #[schema(example = "Lane_owner_head")]
    pub lane: String,
    /// The lane's name in the document.
    pub name: Option<String>,
    /// `position` or `unit`; none when the lane is not bound.
    #[schema(example = "position")]
    pub bound_to: Option<String>,
    /// The id of the position or unit.
    pub target_id: Option<i64>,
    /// The position's or unit's name.
    pub target_name: Option<String>,
    /// The post holding the lane: the bound position, or the bound unit's head position.
    pub post_id: Option<i64>,
    pub post_name: Option<String>,
    /// Who holds it today ("Plt. …"/"Plh. …" for an acting holder); none when vacant.
    pub holder: Option<String>,
    pub holder_employee_id: Option<i64>,
    /// `definitive`, `plt` or `plh`; none when vacant.
    pub exercise: Option<String>,
    /// The lane is bound and its post is vacant (*lowong*).
    pub vacant: bool,
}

impl From<&LaneView> for ProcessMapLaneDto {
    fn from(l: &LaneView) -> Self {
        let b = l.binding.as_ref();
        let h = b.map(|b| &b.holding);
        ProcessMapLaneDto {
            lane: l.lane.clone(),
            name: l.name.clone(),
            bound_to: b.map(|b| b.target.kind().code().to_string()),
            target_id: b.map(|b| match b.target {
                LaneTarget::Position(p) => p.0,
                LaneTarget::Unit(u) => u.0,
            }),
            target_name: b.map(|b| b.target_name.clone()),
            post_id: h.and_then(|h| h.post).map(|p| p.0),
            post_name: h.and_then(|h| h.post_name.clone()),
            holder: h.and_then(LaneHolding::holder_label),
            holder_employee_id: h.and_then(|h| h.holder).map(|e| e.0),
            exercise: h.and_then(|h| h.exercise).map(|x| match x {
                Exercise::Definitive => "definitive".to_string(),
                Exercise::Acting(k) => k.code().to_string(),
            }),
            vacant: h.is_some_and(LaneHolding::vacant),
        }
    }
}

/// A map with its versions and reviews, newest first, and the lanes of the version readers
/// see (the published one, else the latest) with who holds them today (PRO-01).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessMapDetailDto {
    pub map: ProcessMapDto,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub versions: Vec<ProcessMapVersionDto>,
    pub reviews: Vec<ProcessMapReviewDto>,
    /// The version whose lanes `lanes` lists.
    pub lanes_version: u32,
    pub lanes: Vec<ProcessMapLaneDto>,
}

impl ProcessMapDetailDto {
    fn new(d: &MapDetail, lanes: &[LaneView]) -> Self {
        ProcessMapDetailDto {
            map: ProcessMapDto::from(&d.map),
            created_by: d.created_by.clone(),
            created_at: d.created_at,
            versions: d.versions.iter().map(ProcessMapVersionDto::from).collect(),
            reviews: d.reviews.iter().map(ProcessMapReviewDto::from).collect(),
            lanes_version: shown_version(d),
            lanes: lanes.iter().map(ProcessMapLaneDto::from).collect(),
        }
    }
}

/// The version readers see: the published one, else the latest.
fn shown_version(d: &MapDetail) -> u32 {
    d.map.published_version.unwrap_or(d.map.latest_version)
}

/// The map with the lanes of the version readers see.
async fn detail_dto(
    state: &AppState,
    id: i64,
    facts: &ActorFacts,
) -> Result<ProcessMapDetailDto, ApiError> {
    let detail = state
        .store
        .process_map(ProcessMapId(id), facts)
        .await
        .map_err(WebError::from)?;
    let lanes = state
        .store
        .process_map_lanes(ProcessMapId(id), shown_version(&detail), facts)
        .await
        .map_err(WebError::from)?;
    Ok(ProcessMapDetailDto::new(&detail, &lanes))
}

/// A lane to bind (PRO-01): a lane of a version, by its BPMN id, to a position or unit of the
/// map's agency; `bound_to` none unbinds it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct LaneBindingRequest {
    pub version: u32,
    #[schema(example = "Lane_owner_head")]
    pub lane: String,
    /// `position` or `unit`; none or absent unbinds the lane.
    #[serde(default)]
    pub bound_to: Option<String>,
    /// The position's or unit's id.
    #[serde(default)]
    pub target_id: Option<i64>,
}

/// Filters of the list; all optional.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProcessMapQuery {
    /// A map kind code (PRO-02).
    pub kind: Option<String>,
    /// `draft`, `published` or `archived`.
    pub status: Option<String>,
    /// A department id.
    pub department: Option<i64>,
    /// A part of the title, case-insensitive.
    pub q: Option<String>,
    /// The agency, for an API token that reaches every agency (other callers read their own).
    pub agency: Option<i64>,
}

/// The note of a new version.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// What changed, in a few words.
    pub note: Option<String>,
}

/// A review to record (PRO-03).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ReviewRequest {
    /// The version reviewed.
    pub version: u32,
    pub findings: String,
    #[serde(default)]
    pub decisions: String,
    #[serde(default)]
    pub sop_changes: Vec<SopChangeDto>,
}

/// The facts a read is decided on: a person's own; for another system's API token, a reader
/// of `agency` once the token's scope reaches it (`process_map::token_may_read`; issue 17
/// point 3), else 403.
fn reader_facts(principal: &Principal, agency: AgencyId) -> Result<ActorFacts, ApiError> {
    match principal {
        Principal::Token(t) if token_may_read(t.agency, agency) => Ok(ActorFacts {
            agency: Some(agency),
            ..ActorFacts::default()
        }),
        Principal::Token(_) => Err(WebError::forbidden(
            "Token API ini tidak menjangkau instansi peta proses ini.",
        )
        .into()),
        _ => person_facts(principal).cloned(),
    }
}

/// The reader's facts for the map `id` (its agency read first for a token).
async fn map_reader_facts(
    state: &AppState,
    principal: &Principal,
    id: i64,
) -> Result<ActorFacts, ApiError> {
    match principal {
        Principal::Token(_) => {
            let agency = state
                .store
                .process_map_agency(ProcessMapId(id))
                .await
                .map_err(WebError::from)?;
            reader_facts(principal, agency)
        }
        _ => Ok(person_facts(principal)?.clone()),
    }
}

fn person_facts(principal: &Principal) -> Result<&ActorFacts, ApiError> {
    match principal {
        Principal::Person { actor, .. } => Ok(actor.facts()),
        Principal::Token(_) => Err(official_only().into()),
        Principal::Anonymous => Err(WebError::Unauthenticated.into()),
    }
}

/// Refuses (403 `process_map_not_keeper`) a person who does not keep the map's agency's maps,
/// before the body is read.
async fn require_keeper(state: &AppState, facts: &ActorFacts, id: i64) -> Result<(), ApiError> {
    let agency = state
        .store
        .process_map_agency(ProcessMapId(id))
        .await
        .map_err(WebError::from)?;
    if may_keep(facts, agency) {
        return Ok(());
    }
    let refusal = MapRefusal::NotKeeper;
    Err(WebError::Forbidden {
        code: refusal.code(),
        message: refusal.message(),
    }
    .into())
}

fn map_actor(principal: &Principal) -> Result<MapActor, ApiError> {
    Ok(MapActor {
        facts: person_facts(principal)?.clone(),
        audit: principal.audit_actor(None),
    })
}

/// The maps of the caller's agency, by title; for an API token, of the agency it is scoped to
/// (an unscoped token names `agency`).
#[utoipa::path(
    get,
    path = "/api/v1/process-maps",
    tag = "process_maps",
    params(ProcessMapQuery),
    responses(
        (status = 200, description = "The agency's maps", body = Vec<ProcessMapDto>),
        (status = 403, description = "Not a person of an agency, or a token that does not reach the agency named", body = ErrorEnvelope),
        (status = 422, description = "An unscoped token names no `agency` (`process_map_agency_required`)", body = ErrorEnvelope)
    )
)]
pub async fn list_process_maps(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<ProcessMapQuery>,
) -> Result<Json<Vec<ProcessMapDto>>, ApiError> {
    let agency = match &principal {
        Principal::Token(t) => t.agency.or(query.agency.map(AgencyId)).ok_or_else(|| {
            ApiError::from(WebError::invalid(
                "process_map_agency_required",
                "Token API tanpa instansi memilih instansi dengan parameter agency.",
            ))
        })?,
        _ => person_facts(&principal)?.agency.ok_or(official_only())?,
    };
    let facts = &reader_facts(&principal, agency)?;
    let filter = MapFilter {
        kind: query.kind.as_deref().and_then(ProcessMapKind::from_code),
        status: query
            .status
            .as_deref()
            .and_then(ProcessMapStatus::from_code),
        department: query.department.map(DepartmentId),
        search: query.q,
    };
    let maps = state
        .store
        .process_maps(agency, facts, &filter)
        .await
        .map_err(WebError::from)?;
    Ok(Json(maps.iter().map(ProcessMapDto::from).collect()))
}

/// One map with its versions and reviews.
#[utoipa::path(
    get,
    path = "/api/v1/process-maps/{id}",
    tag = "process_maps",
    params(("id" = i64, Path, description = "Map id")),
    responses(
        (status = 200, description = "The map", body = ProcessMapDetailDto),
        (status = 403, description = "A map of another agency", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_process_map(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<ProcessMapDetailDto>, ApiError> {
    let facts = map_reader_facts(&state, &principal, id).await?;
    Ok(Json(detail_dto(&state, id, &facts).await?))
}

/// A version's BPMN 2.0 document, byte for byte as saved.
#[utoipa::path(
    get,
    path = "/api/v1/process-maps/{id}/versions/{n}",
    tag = "process_maps",
    params(
        ("id" = i64, Path, description = "Map id"),
        ("n" = u32, Path, description = "Version number")
    ),
    responses(
        (status = 200, description = "The BPMN XML", content_type = "application/xml", body = String),
        (status = 403, description = "A map of another agency", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "No such version (`process_map_unknown_version`)", body = ErrorEnvelope)
    )
)]
pub async fn get_process_map_version(
    State(state): State<AppState>,
    principal: Principal,
    Path((id, n)): Path<(i64, u32)>,
) -> Result<Response, ApiError> {
    let facts = map_reader_facts(&state, &principal, id).await?;
    let xml = state
        .store
        .process_map_version_xml(ProcessMapId(id), n, &facts)
        .await
        .map_err(WebError::from)?;
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// Saves a new version (the keeper of the map's agency): the request body is the BPMN 2.0
/// document (`application/xml`), kept byte for byte. A broken document is refused with 422
/// and its `bpmn_*` code (e.g. `bpmn_not_xml`, `bpmn_doctype`, `bpmn_flow_unknown_node`;
/// `docs/maps.md`); an archived map with 409 `process_map_archived`.
#[utoipa::path(
    post,
    path = "/api/v1/process-maps/{id}/versions",
    tag = "process_maps",
    params(("id" = i64, Path, description = "Map id"), VersionQuery),
    request_body(content = String, content_type = "application/xml", description = "The BPMN 2.0 XML document"),
    responses(
        (status = 201, description = "Saved; the map afterwards", body = ProcessMapDetailDto),
        (status = 403, description = "Not the keeper of the map's agency (`process_map_not_keeper`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "The map is archived", body = ErrorEnvelope),
        (status = 422, description = "The document is refused; nothing is saved", body = ErrorEnvelope)
    )
)]
pub async fn save_process_map_version(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    Query(query): Query<VersionQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ProcessMapDetailDto>), ApiError> {
    let actor = map_actor(&principal)?;
    require_keeper(&state, &actor.facts, id).await?;
    let xml = body.map_err(WebError::from)?;
    state
        .store
        .save_process_map_version(
            ProcessMapId(id),
            xml.to_vec(),
            DocumentSource::Api,
            query.note.as_deref().unwrap_or(""),
            &actor,
        )
        .await
        .map_err(WebError::from)?;
    Ok((
        StatusCode::CREATED,
        Json(detail_dto(&state, id, &actor.facts).await?),
    ))
}

/// The reviews of a map, newest first (PRO-03).
#[utoipa::path(
    get,
    path = "/api/v1/process-maps/{id}/reviews",
    tag = "process_maps",
    params(("id" = i64, Path, description = "Map id")),
    responses(
        (status = 200, description = "The reviews", body = Vec<ProcessMapReviewDto>),
        (status = 403, description = "A map of another agency", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn list_process_map_reviews(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<Vec<ProcessMapReviewDto>>, ApiError> {
    let facts = map_reader_facts(&state, &principal, id).await?;
    let detail = state
        .store
        .process_map(ProcessMapId(id), &facts)
        .await
        .map_err(WebError::from)?;
    Ok(Json(
        detail
            .reviews
            .iter()
            .map(ProcessMapReviewDto::from)
            .collect(),
    ))
}

/// Records a review of a version (the keeper of the map's agency; PRO-03): findings, decisions
/// and the SOPs it changed, each with number and title. Refused with 422
/// (`process_map_unknown_version`, `process_map_findings_blank`,
/// `process_map_invalid_sop_change`, `process_map_invalid_text`) or 409
/// (`process_map_archived`); nothing is written then.
#[utoipa::path(
    post,
    path = "/api/v1/process-maps/{id}/reviews",
    tag = "process_maps",
    params(("id" = i64, Path, description = "Map id")),
    request_body = ReviewRequest,
    responses(
        (status = 201, description = "Recorded; the map's reviews afterwards", body = Vec<ProcessMapReviewDto>),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the keeper of the map's agency (`process_map_not_keeper`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "The map is archived", body = ErrorEnvelope),
        (status = 422, description = "Refused; nothing is written", body = ErrorEnvelope)
    )
)]
pub async fn record_process_map_review(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ReviewRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<Vec<ProcessMapReviewDto>>), ApiError> {
    let actor = map_actor(&principal)?;
    require_keeper(&state, &actor.facts, id).await?;
    let Json(request) = body.map_err(WebError::from)?;
    let review = ReviewInput {
        version: request.version,
        findings: request.findings,
        decisions: request.decisions,
        sop_changes: request
            .sop_changes
            .into_iter()
            .map(|s| SopChange {
                number: s.number,
                title: s.title,
            })
            .collect(),
    };
    state
        .store
        .review_process_map(ProcessMapId(id), &review, &actor)
        .await
        .map_err(WebError::from)?;
    let detail = state
        .store
        .process_map(ProcessMapId(id), &actor.facts)
        .await
        .map_err(WebError::from)?;
    Ok((
        StatusCode::CREATED,
        Json(
            detail
                .reviews
                .iter()
                .map(ProcessMapReviewDto::from)
                .collect(),
        ),
    ))
}

/// Binds a lane of a version to a position or unit of the map's agency, or unbinds it (the
/// keeper of the map's agency; PRO-01). Refused with 422 (`process_map_unknown_version`,
/// `process_map_unknown_lane`, `process_map_unknown_lane_target`) or 409
/// (`process_map_archived`); nothing is written then.
#[utoipa::path(
    post,
    path = "/api/v1/process-maps/{id}/lanes",
    tag = "process_maps",
    params(("id" = i64, Path, description = "Map id")),
    request_body = LaneBindingRequest,
    responses(
        (status = 200, description = "Bound; the version's lanes afterwards", body = Vec<ProcessMapLaneDto>),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the keeper of the map's agency (`process_map_not_keeper`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "The map is archived", body = ErrorEnvelope),
        (status = 422, description = "Refused; nothing is written", body = ErrorEnvelope)
    )
)]
pub async fn bind_process_map_lane(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<LaneBindingRequest>, JsonRejection>,
) -> Result<Json<Vec<ProcessMapLaneDto>>, ApiError> {
    let actor = map_actor(&principal)?;
    require_keeper(&state, &actor.facts, id).await?;
    let Json(request) = body.map_err(WebError::from)?;
    let target = match (request.bound_to.as_deref(), request.target_id) {
        (None, _) => None,
        (Some(kind), Some(t)) => match LaneBindingKind::from_code(kind) {
            Some(LaneBindingKind::Position) => Some(LaneTarget::Position(PositionId(t))),
            Some(LaneBindingKind::Unit) => Some(LaneTarget::Unit(UnitId(t))),
            None => return Err(lane_target_refused()),
        },
        (Some(_), None) => return Err(lane_target_refused()),
    };
    state
        .store
        .bind_process_map_lane(
            ProcessMapId(id),
            request.version,
            &request.lane,
            target,
            &actor,
        )
        .await
        .map_err(WebError::from)?;
    let lanes = state
        .store
        .process_map_lanes(ProcessMapId(id), request.version, &actor.facts)
        .await
        .map_err(WebError::from)?;
    Ok(Json(lanes.iter().map(ProcessMapLaneDto::from).collect()))
}

fn lane_target_refused() -> ApiError {
    let refusal = MapRefusal::UnknownLaneTarget;
    WebError::invalid(refusal.code(), refusal.message()).into()
}
