//! `/organisasi/unggah` (issue 14 point 3): BKPSDM or Bagian Organisasi upload a month of
//! decrees as one file — the spreadsheet "Perubahan" or the JSON of the API — see every change
//! in words with its impact (placements that shift, held work that moves or is flagged), then
//! confirm. All or nothing; every problem listed by sheet, row and column. The parsed batch
//! waits in the session under a one-time token and is resolved and checked again on confirm
//! (the organisation may have changed meanwhile). Each change is checked by its area
//! (`Action::RecordOrgChange`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use sikerja_domain::changes::{HoldingOutcome, ShiftKind, SideState};
use sikerja_domain::org::ActingKind;
use sikerja_domain::organisation::AgencyId;
use tower_sessions::Session;

use crate::AppState;
use crate::api::dto::org_changes::{ImpactOfficialDto, OrgChangeImpactDto};
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::multipart::FormWithFiles;
use crate::org_batch::{self, ChangeItem, Source, sheet};
use crate::pages::upload::{self, ProblemLine};

const HREF: &str = "/organisasi/unggah";
const KEY: &str = "org_change_upload";
/// The most changes one upload through the page may hold (the batch waits in the session
/// until confirmed); larger files go through the API.
pub const PAGE_MAX_CHANGES: usize = 5_000;

/// A previewed batch waiting for its confirmation (`super::upload`).
#[derive(Debug, Serialize, Deserialize)]
struct Waiting {
    items: Vec<ChangeItem>,
    rows: Vec<u32>,
}

/// `?dicatat=` after a recording: how many changes.
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    pub dicatat: Option<usize>,
}

/// The confirmation.
#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    pub token: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "org_upload/form.html")]
pub struct UploadPage {
    layout: crate::views::Layout,
    agency_name: String,
    notice: Option<String>,
    error: Option<String>,
    problems: Vec<ProblemLine>,
    max_changes: usize,
}

/// One change as previewed.
pub struct ChangeLine {
    pub row: Option<u32>,
    pub label: &'static str,
    pub effective: String,
    pub basis: String,
    pub words: String,
}

/// One person whose placement shifts.
pub struct ShiftLine {
    pub person: String,
    pub what: String,
    pub before: String,
    pub after: String,
}

/// One piece of held work.
pub struct HoldingLine {
    pub label: String,
    pub outcome: &'static str,
    pub flagged: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "org_upload/preview.html")]
pub struct PreviewPage {
    layout: crate::views::Layout,
    agency_name: String,
    token: String,
    changes: Vec<ChangeLine>,
    shifts: Vec<ShiftLine>,
    holdings: Vec<HoldingLine>,
    flagged: usize,
}

fn agency_of(principal: &Principal) -> Result<AgencyId, WebError> {
    principal
        .actor()
        .and_then(|a| a.facts().agency)
        .ok_or_else(|| {
            WebError::forbidden("Halaman ini untuk pencatat perubahan organisasi instansi.")
        })
}

async fn form_page(
    state: &AppState,
    agency: AgencyId,
    notice: Option<String>,
    refusal: Option<&WebError>,
) -> Result<UploadPage, WebError> {
    let a = state.store.agency(agency).await?;
    let problems = refusal.map(upload::problem_lines).unwrap_or_default();
    Ok(UploadPage {
        layout: crate::views::Layout::new("Unggah perubahan organisasi", state.demo_mode)
            .crumb("Unggah perubahan organisasi", HREF),
        agency_name: a.name,
        notice,
        error: refusal.map(|e| {
            let citation = e.citation().map(|c| format!(" ({c})")).unwrap_or_default();
            format!("{}{citation}", e.message())
        }),
        problems,
        max_changes: PAGE_MAX_CHANGES,
    })
}

/// Shows the form again with the refusal and its status; other errors as error pages.
async fn refused(state: &AppState, agency: AgencyId, e: WebError) -> Result<Response, PageError> {
    let status = match &e {
        WebError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        WebError::Conflict { .. } => StatusCode::CONFLICT,
        WebError::Forbidden { .. } => StatusCode::FORBIDDEN,
        WebError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        _ => return Err(e.into()),
    };
    Ok((status, form_page(state, agency, None, Some(&e)).await?).into_response())
}

/// `GET /organisasi/unggah`
pub async fn upload_form(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<NoticeQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<UploadPage, PageError> {
    let agency = agency_of(&principal)?;
    let notice = query
        .ok()
        .and_then(|Query(q)| q.dicatat)
        .map(|n| format!("{n} perubahan telah dicatat."));
    Ok(form_page(&state, agency, notice, None).await?)
}

/// `POST /organisasi/unggah/pratinjau` — reads the file, resolves and previews the batch; the
/// preview page with the changes in words and their impact, or the form with every problem.
pub async fn preview_upload(
    State(state): State<AppState>,
    principal: Principal,
    session: Session,
    form: Result<FormWithFiles, PageError>,
) -> Result<Response, PageError> {
    let agency = agency_of(&principal)?;
    let FormWithFiles { files, .. } = form?;
    let outcome = async {
        let (file, content_type) = crate::pages::upload::chosen_file(
            &files,
            "org_change_file_missing",
            "Pilih berkas perubahan (XLSX atau JSON) untuk diunggah.",
        )?;
        let batch = sheet::read_file(content_type, &file.bytes)?;
        if batch.items.len() > PAGE_MAX_CHANGES {
            return Err(WebError::invalid(
                "org_change_file_too_large",
                format!(
                    "Berkas berisi {} perubahan; melalui halaman ini paling banyak \
                     {PAGE_MAX_CHANGES}. Bagi menjadi beberapa berkas atau kirim melalui API.",
                    batch.items.len()
                ),
            ));
        }
        let source = batch.source();
        let resolved = org_batch::prepare(&state, &principal, agency, &batch.items, source).await?;
        let impact = org_batch::preview(&state, agency, &resolved, &batch.items, source).await?;
        let changes = resolved
            .changes
            .iter()
            .enumerate()
            .map(|(i, c)| ChangeLine {
                row: batch.rows.get(i).copied(),
                label: c.change.label(),
                effective: c.effective.label(),
                basis: format!("{} tanggal {}", c.basis.number, c.basis.date.label()),
                words: resolved.describe(c),
            })
            .collect();
        let impact = resolved.impact(&impact);
        let token = upload::stash(
            &session,
            KEY,
            agency,
            Waiting {
                items: batch.items,
                rows: batch.rows,
            },
        )
        .await?;
        Ok((changes, impact, token))
    }
    .await;
    match outcome {
        Ok((changes, impact, token)) => {
            let a = state.store.agency(agency).await?;
            Ok(preview_page(&state, a.name, token, changes, &impact).into_response())
        }
        Err(e) => refused(&state, agency, e).await,
    }
}

/// `POST /organisasi/unggah` — records the previewed batch (resolved and checked again), all
/// or nothing, and goes back to the form with how many were recorded.
pub async fn confirm_upload(
    State(state): State<AppState>,
    principal: Principal,
    session: Session,
    form: Result<Form<ConfirmForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let agency = agency_of(&principal)?;
    let Form(form) = form?;
    let outcome = async {
        let w: Waiting =
            upload::pending(&session, KEY, &form.token, agency, || WebError::Conflict {
                code: "org_change_upload_expired",
                message: "Pratinjau ini tidak lagi berlaku (sudah disimpan atau diganti \
                          unggahan lain). Unggah berkasnya lagi."
                    .into(),
                details: Vec::new(),
            })
            .await?;
        let source = if w.rows.is_empty() {
            Source::Json
        } else {
            Source::Sheet(&w.rows)
        };
        let resolved = org_batch::prepare(&state, &principal, agency, &w.items, source).await?;
        let ids =
            org_batch::record(&state, &principal, agency, &resolved, &w.items, source).await?;
        Ok::<usize, WebError>(ids.len())
    }
    .await;
    match outcome {
        Ok(n) => {
            upload::clear(&session, KEY).await?;
            Ok(Redirect::to(&format!("{HREF}?dicatat={n}")).into_response())
        }
        Err(e) => refused(&state, agency, e).await,
    }
}

fn official(o: Option<&ImpactOfficialDto>) -> String {
    match o {
        None => "—".into(),
        Some(o) => {
            let acting = o
                .acting
                .as_deref()
                .and_then(ActingKind::from_code)
                .map_or(String::new(), |a| format!("{} ", a.label()));
            format!(
                "{acting}{} ({})",
                o.employee_name.clone().unwrap_or_default(),
                o.position_name.clone().unwrap_or_default()
            )
        }
    }
}

/// A side of the DTO in words; its state's label comes from the domain's [`SideState`].
fn side(s: &crate::api::dto::org_changes::ImpactSideDto) -> String {
    match SideState::from_code(&s.state).unwrap_or(SideState::Absent) {
        SideState::Placed => format!(
            "atasan langsung {}; Pejabat Penilai Kinerja {}",
            official(s.superior.as_ref()),
            official(s.assessor.as_ref())
        ),
        SideState::Unresolved => format!(
            "{}: {}",
            SideState::Unresolved.label(),
            s.reason.clone().unwrap_or_default()
        ),
        SideState::Absent => SideState::Absent.label().into(),
    }
}

/// The label of a shift code of the DTO (the domain's [`ShiftKind`]).
fn shift_label(code: &str) -> &'static str {
    ShiftKind::from_code(code).map_or("berubah", ShiftKind::label)
}

/// The outcome of a holding code of the DTO (the domain's [`HoldingOutcome`]); an unknown
/// code is read as the worst case, flagged.
fn outcome(code: &str) -> HoldingOutcome {
    HoldingOutcome::from_code(code).unwrap_or(HoldingOutcome::PositionClosed)
}

fn preview_page(
    state: &AppState,
    agency_name: String,
    token: String,
    changes: Vec<ChangeLine>,
    impact: &OrgChangeImpactDto,
) -> PreviewPage {
    let shifts = impact
        .placements
        .iter()
        .map(|p| ShiftLine {
            person: format!(
                "{} (NIP {})",
                p.employee_name.clone().unwrap_or_default(),
                p.employee_nip.clone().unwrap_or_default()
            ),
            what: p
                .what
                .iter()
                .map(|w| shift_label(w))
                .collect::<Vec<_>>()
                .join(", "),
            before: side(&p.before),
            after: side(&p.after),
        })
        .collect();
    let holdings = impact
        .holdings
        .iter()
        .map(|h| HoldingLine {
            label: h.label.clone(),
            outcome: outcome(&h.outcome).label(),
            flagged: outcome(&h.outcome).flagged(),
        })
        .collect();
    PreviewPage {
        layout: crate::views::Layout::new("Pratinjau perubahan organisasi", state.demo_mode)
            .crumb("Unggah perubahan organisasi", HREF),
        agency_name,
        token,
        changes,
        shifts,
        holdings,
        flagged: impact.flagged,
    }
}
