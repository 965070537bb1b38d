//! `/api/v1/letters/{id}/…` and `/api/v1/verify/{code}`: the files of a recorded letter (as
//! issued, or a draft without number), issuing it as its signer and cancelling the issue
//! (issue 6; DOC-05, DOC-06), and the public verification other systems and scanners call.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};

use crate::AppState;
use crate::api::dto::letters::{CancelLetterRequest, IssuedLetterDto, VerificationDto};
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;
use crate::letters::{self, Download, LetterFile, host, letter_agency};

/// The PDF of a recorded letter: exactly as issued when it is, else a draft without number.
#[utoipa::path(
    get,
    path = "/api/v1/letters/{id}/pdf",
    tag = "letters",
    params(("id" = i64, Path, description = "Letter id")),
    responses(
        (status = 200, description = "PDF", content_type = "application/pdf"),
        (status = 403, description = "Not involved", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_letter_pdf(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: HeaderMap,
) -> Result<Download, ApiError> {
    let agency = letter_agency(&state, &principal, id).await?;
    Ok(letters::download(&state, id, agency, LetterFile::Pdf, host(&headers)).await?)
}

/// The DOCX of a recorded letter: exactly as issued when it is, else a draft without number.
#[utoipa::path(
    get,
    path = "/api/v1/letters/{id}/docx",
    tag = "letters",
    params(("id" = i64, Path, description = "Letter id")),
    responses(
        (status = 200, description = "DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 403, description = "Not involved", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_letter_docx(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: HeaderMap,
) -> Result<Download, ApiError> {
    let agency = letter_agency(&state, &principal, id).await?;
    Ok(letters::download(&state, id, agency, LetterFile::Docx, host(&headers)).await?)
}

/// The issues of a recorded letter, newest first (a cancelled issue and its reissue).
#[utoipa::path(
    get,
    path = "/api/v1/letters/{id}/issues",
    tag = "letters",
    params(("id" = i64, Path, description = "Letter id")),
    responses(
        (status = 200, description = "Letter issuing", body = Vec<IssuedLetterDto>),
        (status = 403, description = "Not involved", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn list_letter_issues(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<Vec<IssuedLetterDto>>, ApiError> {
    letter_agency(&state, &principal, id).await?;
    let issues = state.store.issues_of_letter(id).await?;
    Ok(Json(issues.iter().map(IssuedLetterDto::from).collect()))
}

/// Issues a recorded letter as its signer — the holder or Plt./Plh. of the position of the
/// step that produced it (PEN-18): the next number of the issuer's register, both files with
/// a QR code to the verification page, stored with their SHA-256 (DOC-05, DOC-06).
#[utoipa::path(
    post,
    path = "/api/v1/letters/{id}/issue",
    tag = "letters",
    params(("id" = i64, Path, description = "Letter id")),
    responses(
        (status = 201, description = "Letter issued", body = IssuedLetterDto),
        (status = 403, description = "Not the signer (`not_the_signer`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already issued (`already_issued`)", body = ErrorEnvelope),
        (status = 422, description = "The file cannot be rendered (`render_failed`); no number is used up", body = ErrorEnvelope)
    )
)]
pub async fn issue_letter(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<IssuedLetterDto>), ApiError> {
    let by = principal.planning_actor(None)?;
    let agency = letter_agency(&state, &principal, id).await?;
    let issued = letters::issue(&state, id, agency, &by, host(&headers)).await?;
    Ok((StatusCode::CREATED, Json(IssuedLetterDto::from(&issued))))
}

/// Cancels the live issue of a recorded letter, with reasons; the number stays in the
/// register marked cancelled and is never given again (DOC-05). The letter may be issued
/// again under a new number.
#[utoipa::path(
    post,
    path = "/api/v1/letters/{id}/cancel",
    tag = "letters",
    params(("id" = i64, Path, description = "Letter id")),
    request_body = CancelLetterRequest,
    responses(
        (status = 200, description = "Cancelled", body = IssuedLetterDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the signer (`not_the_signer`)", body = ErrorEnvelope),
        (status = 404, description = "Not found, or not issued yet", body = ErrorEnvelope),
        (status = 422, description = "Reason is blank (`cancel_reason_blank`)", body = ErrorEnvelope)
    )
)]
pub async fn cancel_letter(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<CancelLetterRequest>, JsonRejection>,
) -> Result<Json<IssuedLetterDto>, ApiError> {
    let Json(r) = body?;
    let by = principal.planning_actor(None)?;
    letter_agency(&state, &principal, id).await?;
    let live = state
        .store
        .issues_of_letter(id)
        .await?
        .into_iter()
        .find(|i| i.status.in_force())
        .ok_or(WebError::NotFound {
            what: "issued_letter",
        })?;
    let view = state
        .store
        .cancel_issued_letter(live.id, &r.reason, &by)
        .await?;
    Ok(Json(IssuedLetterDto::from(&view)))
}

/// Public: what was issued under a verification code (the QR code of a letter), for anyone
/// holding a printout — number, kind, date, signer, subject, hashes, and whether it was
/// cancelled.
#[utoipa::path(
    get,
    path = "/api/v1/verify/{code}",
    tag = "letters",
    params(("code" = String, Path, description = "Verification code printed on the letter")),
    responses(
        (status = 200, description = "Letter issued", body = VerificationDto),
        (status = 404, description = "No letter with this code", body = ErrorEnvelope)
    ),
    security(())
)]
pub async fn verify_letter(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<VerificationDto>, ApiError> {
    if code.len() > 64 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(WebError::NotFound {
            what: "issued_letter",
        }
        .into());
    }
    let v = state.store.verify_letter(&code).await?;
    Ok(Json(VerificationDto::from(&v)))
}
