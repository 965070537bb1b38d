//! `/api/v1/agencies/{id}/experience-fields`: an agency's controlled list of fields of
//! experience — *bidang tugas* — (issue 14 point 6; PEN-08 huruf d): read by those who reach the
//! agency, replaced whole by its HR admin (refused whole with 422 and every problem; a field
//! still named by stored experience is not dropped, `experience_field_in_use`).

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use serde::{Deserialize, Serialize};
use sikerja_domain::access::Action;
use sikerja_domain::experience_fields::ExperienceField;
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::ExperienceFieldView;
use utoipa::ToSchema;

use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::Id;

/// One field of experience.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExperienceFieldDto {
    /// Stable key (letters, digits, `.`, `_`, `-`).
    #[schema(example = "kesehatan")]
    pub code: String,
    #[schema(example = "Kesehatan")]
    pub name: String,
    /// Other names the field goes by; a text naming the code, the name or a synonym (ignoring
    /// case and spaces) names the field.
    #[serde(default)]
    #[schema(example = json!(["Pelayanan Kesehatan"]))]
    pub synonyms: Vec<String>,
    /// Read only: how many experience rows of the agency's employees name it.
    #[serde(default, skip_deserializing)]
    pub used_by: usize,
}

impl From<&ExperienceFieldView> for ExperienceFieldDto {
    fn from(v: &ExperienceFieldView) -> Self {
        ExperienceFieldDto {
            code: v.field.code.clone(),
            name: v.field.name.clone(),
            synonyms: v.field.synonyms.clone(),
            used_by: v.used_by,
        }
    }
}

/// The whole list that replaces the agency's.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ExperienceFieldsRequest {
    pub fields: Vec<ExperienceFieldDto>,
}

async fn list(state: &AppState, agency: AgencyId) -> Result<Vec<ExperienceFieldDto>, ApiError> {
    Ok(state
        .store
        .experience_fields(agency)
        .await?
        .iter()
        .map(ExperienceFieldDto::from)
        .collect())
}

/// The agency's fields of experience, by name.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/experience-fields",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    responses(
        (status = 200, description = "The agency's list of experience fields", body = Vec<ExperienceFieldDto>),
        (status = 403, description = "Out of reach", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_experience_fields(
    State(state): State<AppState>,
    _principal: Principal,
    Id(id): Id,
) -> Result<Json<Vec<ExperienceFieldDto>>, ApiError> {
    Ok(Json(list(&state, AgencyId(id)).await?))
}

/// Replaces the agency's fields of experience (HR admin of the agency) with its audit row.
/// Refused whole with 422 — `experience_field_code_invalid`, `experience_field_code_duplicate`,
/// `experience_field_name_blank`, `experience_field_text_invalid`,
/// `experience_field_text_duplicate` (a text naming two fields) or `experience_field_in_use`
/// (a field stored experience still names would be dropped); nothing is written then.
#[utoipa::path(
    put,
    path = "/api/v1/agencies/{id}/experience-fields",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    request_body = ExperienceFieldsRequest,
    responses(
        (status = 200, description = "List saved; the list afterwards", body = Vec<ExperienceFieldDto>),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the BKPSDM admin of this agency", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Refused; nothing is saved", body = ErrorEnvelope)
    )
)]
pub async fn set_experience_fields(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ExperienceFieldsRequest>, JsonRejection>,
) -> Result<Json<Vec<ExperienceFieldDto>>, ApiError> {
    let agency = AgencyId(id);
    principal.require(Action::AdministerAgency { agency })?;
    let Json(request) = body?;
    let fields: Vec<ExperienceField> = request
        .fields
        .into_iter()
        .map(|f| ExperienceField {
            code: f.code,
            name: f.name,
            synonyms: f.synonyms,
        })
        .collect();
    state
        .store
        .set_experience_fields(agency, &fields, &principal.audit_actor(None))
        .await?;
    Ok(Json(list(&state, agency).await?))
}
