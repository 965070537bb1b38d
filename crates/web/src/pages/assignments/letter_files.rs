//! The files and the issuing of a recorded letter (issue 6; DOC-05, DOC-06):
//! `/penugasan/surat/{id}/pdf` and `/docx` (as issued, or a draft without number),
//! `POST /penugasan/surat/{id}/terbitkan` (by the signer: number, files, QR verification) and
//! `POST /penugasan/surat/{id}/batalkan` (with reasons; the number stays cancelled in the
//! register). Storage decides who signs; a refusal shows the letter page with the reason.

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::HeaderMap;
use axum::response::Response;

use super::letter::page;
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::letters::{self, Download, LetterFile, host, letter_agency};
use crate::pages::planning::forms::{Pairs, field};
use crate::pages::planning::respond;

async fn file(
    state: &AppState,
    principal: &Principal,
    id: i64,
    headers: &HeaderMap,
    which: LetterFile,
) -> Result<Download, PageError> {
    let agency = letter_agency(state, principal, id).await?;
    Ok(letters::download(state, id, agency, which, host(headers)).await?)
}

/// `GET /penugasan/surat/{id}/pdf`
pub async fn letter_pdf(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: HeaderMap,
) -> Result<Download, PageError> {
    file(&state, &principal, id, &headers, LetterFile::Pdf).await
}

/// `GET /penugasan/surat/{id}/docx`
pub async fn letter_docx(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: HeaderMap,
) -> Result<Download, PageError> {
    file(&state, &principal, id, &headers, LetterFile::Docx).await
}

async fn answer(
    state: &AppState,
    principal: &Principal,
    id: i64,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| page(state, principal, id, Some(error))).await
}

/// `POST /penugasan/surat/{id}/terbitkan` — issues the letter as its signer.
pub async fn issue_letter(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: HeaderMap,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(_) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let agency = letter_agency(&state, &principal, id).await?;
        letters::issue(&state, id, agency, &by, host(&headers)).await?;
        Ok(format!("/penugasan/surat/{id}#berkas"))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /penugasan/surat/{id}/batalkan` — cancels the issue `issued` with `reason`.
pub async fn cancel_letter(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        letter_agency(&state, &principal, id).await?;
        let issued: i64 = field(&pairs, "issued")
            .parse()
            .map_err(|_| WebError::Invalid {
                code: "issued_letter_unknown",
                message: "Surat terbit yang dibatalkan tidak dikenal.".into(),
                details: Vec::new(),
            })?;
        let view = state.store.issued_letter(issued).await?;
        if view.letter != id {
            return Err(WebError::NotFound {
                what: "issued_letter",
            });
        }
        state
            .store
            .cancel_issued_letter(issued, field(&pairs, "reason"), &by)
            .await?;
        Ok(format!("/penugasan/surat/{id}#berkas"))
    }
    .await;
    answer(&state, &principal, id, result).await
}
