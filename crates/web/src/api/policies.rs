//! `/api/v1/agencies/{id}/policies`: an agency's dated policies (issue 14 point 5) — those in
//! force today, the defaults and the history; a change is a new version with its first day
//! and legal basis, refused whole (422 with each field) or recorded with its audit row.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::policy::AgencyPolicies;
use sikerja_storage::StorageError;
use sikerja_storage::policies::today;

use super::dto::policy::{
    AgencyPoliciesDto, PoliciesDto, PolicyChangeRequest, PolicyVersionDto, authority_refused,
    parse_change,
};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;
use sikerja_domain::access::Action;

/// The policies of an agency as the API shows them.
pub(crate) async fn agency_policies(
    state: &AppState,
    agency: AgencyId,
) -> Result<AgencyPoliciesDto, WebError> {
    let history = state.store.agency_policy_history(agency).await?;
    let day = today();
    let in_force = match history.iter().find(|v| v.in_force) {
        Some(v) => PolicyVersionDto::from(v).policies,
        None => PoliciesDto::of(&AgencyPolicies::default(), None, None),
    };
    Ok(AgencyPoliciesDto {
        agency: agency.0,
        today: day.to_string(),
        in_force,
        defaults: PoliciesDto::of(&AgencyPolicies::default(), None, None),
        history: history.iter().map(PolicyVersionDto::from).collect(),
    })
}

/// An agency's policies: in force today, the defaults, every version.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/policies",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    responses(
        (status = 200, description = "The agency's policy in force, the defaults and its history", body = AgencyPoliciesDto),
        (status = 403, description = "Out of reach", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_agency_policies(
    State(state): State<AppState>,
    _principal: Principal,
    Id(id): Id,
) -> Result<Json<AgencyPoliciesDto>, ApiError> {
    Ok(Json(agency_policies(&state, AgencyId(id)).await?))
}

/// Records a new version of an agency's policies (HR admin of the agency): every value, the
/// first day in force (today or later) and the legal basis. Refused whole with 422
/// `policy_invalid` (each detail names its field and rule) or `authority_position_unknown`;
/// nothing is written then.
#[utoipa::path(
    post,
    path = "/api/v1/agencies/{id}/policies",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    request_body = PolicyChangeRequest,
    responses(
        (status = 201, description = "New version recorded; the agency policy afterwards", body = AgencyPoliciesDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the BKPSDM admin of this agency", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Refused; nothing is saved", body = ErrorEnvelope)
    )
)]
pub async fn create_agency_policy(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<PolicyChangeRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<AgencyPoliciesDto>), ApiError> {
    let agency = AgencyId(id);
    principal.require(Action::AdministerAgency { agency })?;
    let Json(request) = body?;
    record(&state, &principal, agency, &request).await?;
    Ok((
        StatusCode::CREATED,
        Json(agency_policies(&state, agency).await?),
    ))
}

/// Parses, resolves the PEN-15 position and records a change (shared with the page).
pub(crate) async fn record(
    state: &AppState,
    principal: &Principal,
    agency: AgencyId,
    request: &PolicyChangeRequest,
) -> Result<i64, WebError> {
    let (mut change, authority) = parse_change(request, today())?;
    if let Some(code) = authority {
        change.policies.authority_position = Some(
            state
                .store
                .agency_position_id(agency, &code)
                .await
                .map_err(|e| authority_refused(e.to_string()))?,
        );
    }
    state
        .store
        .change_agency_policies(agency, &change, &principal.audit_actor(None))
        .await
        .map_err(|e| match e {
            StorageError::Invalid {
                code: "authority_position_unknown",
                message,
            } => authority_refused(message),
            other => other.into(),
        })
}
