//! `/api/v1/agencies/{id}/org-changes` (issue 14 point 3): other systems (SIASN-style) push
//! dated organisation changes by natural keys — NIP, position, unit and department codes —
//! with a write token; the HR admin or the organisation keeper may too, signed in (CSRF
//! header). A batch is previewed (its impact, nothing written) or recorded all or nothing; a
//! refusal names the item (`details[].field` = `changes[2].position`) with the domain's code,
//! rule and article. The route admits whoever may record some change of the agency
//! (`Access::OrgChanges`); each change is then checked by its area
//! (`Action::RecordOrgChange { agency, area }`).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::org_changes::OrgChangeState;
use utoipa::IntoParams;

use super::dto::org_changes::{
    OrgChangeBatch, OrgChangeDto, OrgChangeImpactDto, OrgChangesRecordedDto,
};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;
use crate::org_batch::{self, Resolved, Source};

/// Filter of the change list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgChangeQuery {
    /// `pending`, `applied`, `failed` or `cancelled`; every change when absent.
    pub state: Option<String>,
}

/// The recorded changes of an agency, by effective day then recording order.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/org-changes",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id"), OrgChangeQuery),
    responses(
        (status = 200, description = "Dated organisation changes", body = Vec<OrgChangeDto>),
        (status = 403, description = "Not the recorder of organisation changes for this agency", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Unknown state (`org_change_state_unknown`)", body = ErrorEnvelope)
    )
)]
pub async fn list_org_changes(
    State(state): State<AppState>,
    Id(id): Id,
    query: Result<Query<OrgChangeQuery>, QueryRejection>,
) -> Result<Json<Vec<OrgChangeDto>>, ApiError> {
    let Query(query) = query?;
    let filter = match query.state.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(OrgChangeState::from_code(code).ok_or_else(|| {
            WebError::invalid(
                "org_change_state_unknown",
                "Status perubahan tidak dikenal (pending, applied, failed, cancelled).",
            )
        })?),
    };
    let agency = AgencyId(id);
    let org = state.store.load_organisation(agency).await?;
    let keys = Resolved::of(&org);
    let changes = state.store.org_changes(agency).await?;
    Ok(Json(
        changes
            .iter()
            .filter(|c| filter.is_none_or(|s| c.state == s))
            .map(|c| keys.change(c))
            .collect(),
    ))
}

/// What a batch would do — placements that shift, held work that moves or is flagged —
/// nothing written.
#[utoipa::path(
    post,
    path = "/api/v1/agencies/{id}/org-changes/preview",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    request_body = OrgChangeBatch,
    responses(
        (status = 200, description = "Impact of the changes; nothing is saved", body = OrgChangeImpactDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the recorder of this change (by kind: staffing or structure)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Refused (e.g. `position_taken`, `org_change_pending_conflict`); `details` names the change", body = ErrorEnvelope),
        (status = 422, description = "Refused; `details` names every problem per change (`changes[2].position`)", body = ErrorEnvelope)
    )
)]
pub async fn preview_org_changes(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<OrgChangeBatch>, JsonRejection>,
) -> Result<Json<OrgChangeImpactDto>, ApiError> {
    let Json(batch) = body?;
    let agency = AgencyId(id);
    let resolved =
        org_batch::prepare(&state, &principal, agency, &batch.changes, Source::Json).await?;
    let impact =
        org_batch::preview(&state, agency, &resolved, &batch.changes, Source::Json).await?;
    Ok(Json(resolved.impact(&impact)))
}

/// Records a batch, all or nothing, in one transaction with an audit row per change. A change
/// effective by today applies at once; a later one waits (`pending`).
#[utoipa::path(
    post,
    path = "/api/v1/agencies/{id}/org-changes",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    request_body = OrgChangeBatch,
    responses(
        (status = 201, description = "Recorded; change ids in the order sent", body = OrgChangesRecordedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the recorder of this change (by kind: staffing or structure)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Refused (e.g. `position_taken`, `org_change_pending_conflict`); `details` names the change", body = ErrorEnvelope),
        (status = 422, description = "Refused; `details` names every problem per change (`changes[2].position`); nothing is saved", body = ErrorEnvelope)
    )
)]
pub async fn record_org_changes(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<OrgChangeBatch>, JsonRejection>,
) -> Result<(StatusCode, Json<OrgChangesRecordedDto>), ApiError> {
    let Json(batch) = body?;
    let agency = AgencyId(id);
    let resolved =
        org_batch::prepare(&state, &principal, agency, &batch.changes, Source::Json).await?;
    let ids = org_batch::record(
        &state,
        &principal,
        agency,
        &resolved,
        &batch.changes,
        Source::Json,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(OrgChangesRecordedDto { ids })))
}

/// Withdraws a pending change before its day, with its audit row.
#[utoipa::path(
    post,
    path = "/api/v1/agencies/{id}/org-changes/{change_id}/cancel",
    tag = "agencies",
    params(
        ("id" = i64, Path, description = "Agency id"),
        ("change_id" = i64, Path, description = "Id of the change")
    ),
    responses(
        (status = 200, description = "Cancelled; the change afterwards", body = OrgChangeDto),
        (status = 403, description = "Not the recorder of this change", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Not a change waiting for its effective date (`org_change_not_pending`)", body = ErrorEnvelope)
    )
)]
pub async fn cancel_org_change(
    State(state): State<AppState>,
    principal: Principal,
    Path((id, change_id)): Path<(String, String)>,
) -> Result<Json<OrgChangeDto>, ApiError> {
    let not_found = || WebError::NotFound { what: "page" };
    let agency = AgencyId(id.parse().map_err(|_| not_found())?);
    let change_id: i64 = change_id.parse().map_err(|_| not_found())?;
    let changes = state.store.org_changes(agency).await?;
    let found = changes
        .iter()
        .find(|c| c.id == change_id)
        .ok_or_else(not_found)?;
    principal.require(sikerja_domain::access::Action::RecordOrgChange {
        agency,
        area: found.change.change.area(),
    })?;
    state
        .store
        .cancel_org_change(agency, change_id, &principal.audit_actor(None))
        .await?;
    let org = state.store.load_organisation(agency).await?;
    let after = state
        .store
        .org_changes(agency)
        .await?
        .into_iter()
        .find(|c| c.id == change_id)
        .ok_or_else(not_found)?;
    Ok(Json(Resolved::of(&org).change(&after)))
}
