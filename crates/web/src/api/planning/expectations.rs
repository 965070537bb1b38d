//! `/api/v1/expectations` (MEK-02, KIN-01): a head sets what they expect of each person whose
//! agreement they set (derived, STR-01..05); that person acknowledges it.
//!
//! The list is personal: a signed-in person sees the expectations set for them and those they
//! set. Expectations are not kept per department, so API tokens are refused (403
//! `official_only`) rather than given a list that could not be narrowed to their agency.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::planning::structure::Post;
use sikerja_storage::planning::{ExpectationFilter, ExpectationView};
use utoipa::IntoParams;

use crate::AppState;
use crate::api::dto::planning::{CreatedDto, ExpectationDto, ExpectationRequest};
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// Sets (or replaces) the expectation for the holder of a post for a year. Only the holder
/// of the position that sets the post's agreement may; a replaced expectation is to be
/// acknowledged again.
#[utoipa::path(
    post,
    path = "/api/v1/expectations",
    tag = "planning",
    request_body = ExpectationRequest,
    responses(
        (status = 201, description = "Expectation set", body = CreatedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the superior who sets it (`not_the_setter`); API token", body = ErrorEnvelope),
        (status = 422, description = "Blank description, position vacant", body = ErrorEnvelope)
    )
)]
pub async fn set_expectation(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<ExpectationRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedDto>), ApiError> {
    let Json(r) = body?;
    let by = principal.planning_actor(None)?;
    let to = Post {
        position: PositionId(r.position),
        employee: Some(EmployeeId(r.employee)),
    };
    let id = state
        .store
        .set_expectation(AgencyId(r.agency), to, r.year, &r.text, &by)
        .await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id })))
}

/// The person an expectation is for acknowledges it.
#[utoipa::path(
    post,
    path = "/api/v1/expectations/{id}/acknowledgement",
    tag = "planning",
    params(("id" = i64, Path, description = "Expectation id")),
    responses(
        (status = 204, description = "Expectation accepted"),
        (status = 403, description = "Not the recipient (`not_the_recipient`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already accepted", body = ErrorEnvelope)
    )
)]
pub async fn acknowledge_expectation(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let by = principal.planning_actor(None)?;
    state.store.acknowledge_expectation(id, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Filters of the expectation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpectationQuery {
    pub year: Option<i32>,
    /// Expectations of this employee (among those the caller sees).
    pub employee: Option<i64>,
    /// Only the expectations the caller set.
    pub mine_as_setter: Option<bool>,
}

/// The caller's expectations: those set for them and those they set (as the holder of the
/// setting position). People only; tokens get 403 `official_only`.
#[utoipa::path(
    get,
    path = "/api/v1/expectations",
    tag = "planning",
    params(ExpectationQuery),
    responses(
        (status = 200, description = "Expectations", body = Vec<ExpectationDto>),
        (status = 400, description = "Parameters cannot be read", body = ErrorEnvelope),
        (status = 403, description = "API token (`official_only`)", body = ErrorEnvelope)
    )
)]
pub async fn list_expectations(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<ExpectationQuery>, QueryRejection>,
) -> Result<Json<Vec<ExpectationDto>>, ApiError> {
    let Query(q) = query?;
    let Some(actor) = principal.actor() else {
        return Err(WebError::Forbidden {
            code: "official_only",
            message: "Ekspektasi hanya dapat dilihat oleh pegawai yang menerimanya atau atasan yang menetapkannya, masuk dengan akunnya; tidak melalui token API.".into(),
        }
        .into());
    };
    let facts = actor.facts();
    let wanted = q.employee.map(EmployeeId);
    let mut found: BTreeMap<i64, ExpectationView> = BTreeMap::new();
    let own = facts
        .employee
        .filter(|me| !q.mine_as_setter.unwrap_or(false) && wanted.is_none_or(|w| w == *me));
    if let Some(me) = own {
        let filter = ExpectationFilter {
            year: q.year,
            employee: Some(me),
            setter_positions: Vec::new(),
        };
        for e in state.store.expectations(&filter).await? {
            found.insert(e.id, e);
        }
    }
    let positions: Vec<PositionId> = facts.posts.iter().map(|p| p.position).collect();
    if !positions.is_empty() {
        let filter = ExpectationFilter {
            year: q.year,
            employee: wanted,
            setter_positions: positions,
        };
        for e in state.store.expectations(&filter).await? {
            found.insert(e.id, e);
        }
    }
    let mut list: Vec<ExpectationView> = found.into_values().collect();
    list.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then_with(|| a.holder_name.cmp(&b.holder_name))
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(Json(list.iter().map(ExpectationDto::from).collect()))
}
