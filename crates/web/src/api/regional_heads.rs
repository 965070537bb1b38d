//! `/api/v1/agencies/{id}/regional-heads` (issue 14 point 4): the terms of office of an
//! agency's regional heads — listed, recorded and ended by its HR admin or a write token
//! (`Access::AdministerAgency`). Storage decides each change (one person per office at a time,
//! `term_overlaps`) and writes it with its audit row. A new account's one-time password is in
//! the answer once; it must be changed at the first sign-in.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sikerja_domain::assignment::Day;
use sikerja_domain::audit::AuditAction;
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::regional_heads::RegionalOffice;
use sikerja_storage::{LegalBasis, NewTerm, TermView};
use utoipa::ToSchema;

use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;
use crate::pages::execution_today as today;

/// A term of office with its holder's account (never the password).
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionalHeadTermDto {
    /// Id of the term (to end it).
    pub id: i64,
    /// Id of the holder's account.
    pub account: i64,
    /// `regent`, `vice_regent`, `mayor`, `vice_mayor`, `governor` or `vice_governor`.
    pub office: String,
    /// `head` or `deputy`.
    pub kind: String,
    /// The office as letters name it ("Bupati Banjar").
    pub title: String,
    pub name: String,
    pub username: String,
    /// The account has a password (can sign in).
    pub has_password: bool,
    /// First day, `YYYY-MM-DD`; absent for a term recorded before terms were kept.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`; absent while open.
    pub until: Option<String>,
    /// `upcoming`, `in_office` or `ended` today (WITA).
    pub status: String,
    pub basis_number: Option<String>,
    pub basis_date: Option<String>,
    pub end_basis_number: Option<String>,
    pub end_basis_date: Option<String>,
}

impl From<&TermView> for RegionalHeadTermDto {
    fn from(t: &TermView) -> Self {
        RegionalHeadTermDto {
            id: t.id,
            account: t.account,
            office: t.office.code().to_string(),
            kind: t.kind.code().to_string(),
            title: t.title.clone(),
            name: t.name.clone(),
            username: t.username.clone(),
            has_password: t.has_password,
            from: t.term.from.map(|d| d.to_string()),
            until: t.term.until.map(|d| d.to_string()),
            status: t.status.code().to_string(),
            basis_number: t.basis.as_ref().map(|b| b.number.clone()),
            basis_date: t.basis.as_ref().map(|b| b.date.to_string()),
            end_basis_number: t.end_basis.as_ref().map(|b| b.number.clone()),
            end_basis_date: t.end_basis.as_ref().map(|b| b.date.to_string()),
        }
    }
}

/// A term to record.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RegionalHeadTermBody {
    /// `regent`, `vice_regent`, `mayor`, `vice_mayor`, `governor` or `vice_governor`.
    pub office: String,
    /// The office as letters name it ("Bupati Banjar"); the office's name when absent.
    #[serde(default)]
    pub title: Option<String>,
    pub name: String,
    /// Sign-in name: an account of the agency with it is the same person (re-elected).
    pub username: String,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, `YYYY-MM-DD`, if known.
    #[serde(default)]
    pub until: Option<String>,
    /// Number of the decree of appointment.
    pub basis_number: String,
    /// Date of the decree, `YYYY-MM-DD`.
    pub basis_date: String,
}

/// What recording a term did.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionalHeadTermAddedDto {
    pub term: i64,
    pub account: i64,
    /// For a new account only: its one-time password, shown once, to be changed at the first
    /// sign-in.
    pub temporary_password: Option<String>,
}

/// A term to end.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RegionalHeadTermEndBody {
    /// Id of the term.
    pub term: i64,
    /// Last day, `YYYY-MM-DD`.
    pub until: String,
    /// Number of the decree ending it, with its date.
    #[serde(default)]
    pub basis_number: Option<String>,
    #[serde(default)]
    pub basis_date: Option<String>,
}

fn day(value: &str) -> Result<Day, WebError> {
    Day::parse(value.trim()).map_err(|e| WebError::invalid(e.code(), e.to_string()))
}

fn office(code: &str) -> Result<RegionalOffice, WebError> {
    RegionalOffice::from_code(code.trim()).ok_or_else(|| {
        WebError::invalid(
            "regional_office_unknown",
            "Jabatan kepala daerah tidak dikenal (regent, vice_regent, mayor, vice_mayor, governor, vice_governor).",
        )
    })
}

/// The terms of an agency's regional heads, the head's first, the latest first.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/regional-heads",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    responses(
        (status = 200, description = "Terms of office of the regional head", body = Vec<RegionalHeadTermDto>),
        (status = 403, description = "Not the BKPSDM admin of this agency nor a write token", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn list_regional_heads(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<Vec<RegionalHeadTermDto>>, ApiError> {
    let agency = state.store.agency(AgencyId(id)).await?;
    let terms = state.store.regional_head_terms(agency.id, today()?).await?;
    Ok(Json(terms.iter().map(RegionalHeadTermDto::from).collect()))
}

/// Records a term of office; one person per office at a time.
#[utoipa::path(
    post,
    path = "/api/v1/agencies/{id}/regional-heads",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    request_body = RegionalHeadTermBody,
    responses(
        (status = 201, description = "Term of office recorded", body = RegionalHeadTermAddedDto),
        (status = 403, description = "Not the BKPSDM admin of this agency nor a write token", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Overlaps another term of office (`term_overlaps`); user name already taken (`username_taken`)", body = ErrorEnvelope),
        (status = 422, description = "Position not in the agency, or invalid date or fields", body = ErrorEnvelope)
    )
)]
pub async fn add_regional_head(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<RegionalHeadTermBody>, JsonRejection>,
) -> Result<(StatusCode, Json<RegionalHeadTermAddedDto>), ApiError> {
    let Json(b) = body?;
    let new = NewTerm {
        office: office(&b.office)?,
        title: b.title.unwrap_or_default(),
        name: b.name,
        username: b.username,
        from: day(&b.from)?,
        until: b.until.as_deref().map(day).transpose()?,
        basis: LegalBasis {
            number: b.basis_number,
            date: day(&b.basis_date)?,
        },
    };
    let actor = principal.audit_actor(None);
    let added = state
        .store
        .add_regional_head_term(AgencyId(id), &new, &actor)
        .await?;
    let temporary_password = if added.new_account {
        let temporary =
            crate::auth::temporary_password().map_err(|e| WebError::internal("password", &e))?;
        let hash = crate::auth::hash_password(temporary.clone())
            .await
            .map_err(|e| WebError::internal("password", &e))?;
        state
            .store
            .set_regional_head_password(
                added.account,
                &hash,
                true,
                &actor,
                AuditAction::PasswordReset,
            )
            .await?;
        Some(temporary)
    } else {
        None
    };
    Ok((
        StatusCode::CREATED,
        Json(RegionalHeadTermAddedDto {
            term: added.term,
            account: added.account,
            temporary_password,
        }),
    ))
}

/// Ends a term on its last day, with the decree ending it if given.
#[utoipa::path(
    post,
    path = "/api/v1/agencies/{id}/regional-heads/end",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    request_body = RegionalHeadTermEndBody,
    responses(
        (status = 204, description = "Term of office ended"),
        (status = 403, description = "Not the BKPSDM admin of this agency nor a write token", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Already ended (`term_already_ended`), ends before it starts, or invalid date", body = ErrorEnvelope)
    )
)]
pub async fn end_regional_head(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<RegionalHeadTermEndBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(b) = body?;
    let basis = match (b.basis_number, b.basis_date.as_deref()) {
        (Some(number), Some(date)) => Some(LegalBasis {
            number,
            date: day(date)?,
        }),
        (None, None) => None,
        _ => {
            return Err(WebError::invalid(
                "basis_incomplete",
                "Dasar pemberhentian diisi lengkap: nomor dan tanggal keputusan.",
            )
            .into());
        }
    };
    state
        .store
        .end_regional_head_term(
            AgencyId(id),
            b.term,
            day(&b.until)?,
            basis.as_ref(),
            &principal.audit_actor(None),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
