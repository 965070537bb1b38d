//! The forms of `/pelaksanaan`: the breakdown (MEK-04), a report with its evidence files
//! (LAP-01..03, `multipart/form-data`), a report request (LAP-03), feedback and its
//! acknowledgement (LAP-04). Storage decides each; a refusal shows the page again with the
//! Indonesian reason, its rule and article, and nothing is written (evidence files stored for
//! a refused report are deleted again, see [`crate::uploads`]).

use std::future::Future;

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::{IntoResponse, Response};
use sikerja_domain::assignment::Day;
use sikerja_domain::execution::breakdown::WorkItemDraft;
use sikerja_domain::execution::report::{ReportDraft, ReportKind};
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::{ReportInput, WorkRef};

use super::{refusal_text, today, work_href};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::{Id, WorkPath};
use crate::multipart::FormWithFiles;
use crate::pages::planning::forms::{Pairs, field, fields, id};
use crate::pages::planning::{refused_status, see_other};

/// The redirect of a change, or the page again with the reason of a refusal and its status.
pub(crate) async fn respond<P, Fut>(
    result: Result<String, WebError>,
    render: impl FnOnce(String) -> Fut,
) -> Result<Response, PageError>
where
    P: IntoResponse,
    Fut: Future<Output = Result<P, WebError>>,
{
    match result {
        Ok(href) => see_other(&href),
        Err(e) => match refused_status(&e) {
            Some(status) if !matches!(e, WebError::NotFound { .. }) => {
                let page = render(refusal_text(&e)).await?;
                Ok((status, page).into_response())
            }
            _ => Err(e.into()),
        },
    }
}

async fn answer(
    state: &AppState,
    principal: &Principal,
    work: WorkRef,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| {
        super::work::page(state, principal, work, Some(error))
    })
    .await
}

/// The rows of the breakdown form, blank rows left out.
pub(crate) fn breakdown_rows(pairs: &Pairs) -> Vec<WorkItemDraft> {
    let col = |k| fields(pairs, k);
    let (names, who, from, until, output, budget) = (
        col("name"),
        col("responsible"),
        col("from"),
        col("until"),
        col("output"),
        col("budget"),
    );
    let at = |v: &Vec<&str>, i: usize| v.get(i).map_or(String::new(), |s| s.trim().to_string());
    (0..names.len())
        .map(|i| WorkItemDraft {
            name: at(&names, i),
            responsible: at(&who, i),
            from: at(&from, i),
            until: at(&until, i),
            output: at(&output, i),
            budget: at(&budget, i),
        })
        .filter(|d| {
            // A blank row the form offered (its member select always holds a value).
            !(d.name.is_empty()
                && d.from.is_empty()
                && d.until.is_empty()
                && d.output.is_empty()
                && d.budget.is_empty())
        })
        .collect()
}

/// `POST /pelaksanaan/{penugasan|rencana}/{id}/rincian` — replaces the breakdown (the team lead or the
/// individual, MEK-04).
pub async fn set_breakdown(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(work): WorkPath,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let rows = breakdown_rows(&pairs);
        state.store.set_work_breakdown(work, &rows, &by).await?;
        Ok(format!("{}#rincian", work_href(work)))
    }
    .await;
    answer(&state, &principal, work, result).await
}

/// What a report answers: the kind and period of a periodic report, or the request.
type ReportFor = (Option<ReportKind>, Option<Day>, Option<i64>);

/// What a report answers, from the form's choice: `p:<kind>:<period start>` for a periodic
/// report, `r:<request id>` for an answer to a request.
fn report_for(choice: &str) -> Result<ReportFor, WebError> {
    let bad = || {
        WebError::invalid(
            "report_choice_invalid",
            "Pilih laporan yang disampaikan: laporan berkala yang terbuka atau permintaan laporan kepada Anda.",
        )
    };
    let mut parts = choice.split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("p"), Some(kind), Some(start)) => Ok((
            Some(ReportKind::from_code(kind).ok_or_else(bad)?),
            Some(Day::parse(start).map_err(|_| bad())?),
            None,
        )),
        (Some("r"), Some(request), None) => {
            Ok((None, None, Some(request.parse().map_err(|_| bad())?)))
        }
        _ => Err(bad()),
    }
}

/// The numbers typed per activity (`progress_<id>`) or target (`realisation_<id>`).
fn numbered(pairs: &Pairs, prefix: &str) -> Vec<(i64, String)> {
    pairs
        .iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix(prefix)?.parse().ok()?;
            Some((id, v.trim().to_string()))
        })
        .collect()
}

/// `POST /pelaksanaan/{penugasan|rencana}/{id}/laporan` — submits a report (LAP-01..03) with
/// its evidence files (`multipart/form-data`, the files under `files`; an urlencoded form
/// carries none). The files are stored first and deleted again when storage refuses the report.
pub async fn submit_report(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(work): WorkPath,
    form: Result<FormWithFiles, PageError>,
) -> Result<Response, PageError> {
    let FormWithFiles { pairs, files } = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let (kind, period_start, request) = report_for(field(&pairs, "for"))?;
        let draft = ReportDraft {
            progress: numbered(&pairs, "progress_"),
            realisation: numbered(&pairs, "realisation_"),
            narrative: field(&pairs, "narrative").to_string(),
        };
        let today = today()?;
        crate::uploads::with_evidence(&state.files, files, |files| async {
            let input = ReportInput {
                kind,
                period_start,
                request,
                draft,
                files,
            };
            Ok(state.store.submit_report(work, &input, &by, today).await?)
        })
        .await?;
        Ok(format!("{}#laporan", work_href(work)))
    }
    .await;
    answer(&state, &principal, work, result).await
}

/// `POST /pelaksanaan/{penugasan|rencana}/{id}/permintaan` — the head of the owner Unit Organisasi asks
/// the lead or a member for a report (LAP-03).
pub async fn request_report(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(work): WorkPath,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let to = EmployeeId(id(&pairs, "to", "pegawai yang diminta laporan")?);
        let due = Day::parse(field(&pairs, "due")).map_err(|e| {
            WebError::invalid("report_request_due_invalid", format!("Batas waktu: {e}"))
        })?;
        state
            .store
            .request_report(work, to, due, field(&pairs, "message"), &by, today()?)
            .await?;
        Ok(format!("{}#permintaan", work_href(work)))
    }
    .await;
    answer(&state, &principal, work, result).await
}

/// `POST /pelaksanaan/{penugasan|rencana}/{id}/umpan-balik` — feedback to a member, on one of their
/// reports or not (LAP-04).
pub async fn give_feedback(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(work): WorkPath,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let to = EmployeeId(id(&pairs, "to", "penerima umpan balik")?);
        let report = match field(&pairs, "report") {
            "" => None,
            _ => Some(id(&pairs, "report", "laporan")?),
        };
        state
            .store
            .give_feedback(work, to, report, field(&pairs, "text"), &by)
            .await?;
        Ok(format!("{}#umpan-balik", work_href(work)))
    }
    .await;
    answer(&state, &principal, work, result).await
}

/// `POST /pelaksanaan/umpan-balik/{id}/dibaca` — the member acknowledges feedback (LAP-04).
pub async fn acknowledge_feedback(
    State(state): State<AppState>,
    principal: Principal,
    Id(feedback): Id,
) -> Result<Response, PageError> {
    let result = async {
        let by = principal.planning_actor(None)?;
        state.store.acknowledge_feedback(feedback, &by).await?;
        Ok("/pelaksanaan#umpan-balik".to_string())
    }
    .await;
    respond(result, |error| {
        super::index::page(&state, &principal, Some(error))
    })
    .await
}
