//! Unresolved cases (KED-09) of a department, each with its reason and a form to record a
//! manual placement: superior and PPK chosen from the held head positions of class Pengawas and
//! above, a required justification and the NIP of the deciding official.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, http::StatusCode};
use serde::Deserialize;
use sikerja_domain::org::DepartmentKind;
use sikerja_domain::organisation::{DepartmentId, EmployeeId, PositionId};
use sikerja_storage::{
    ManualPlacementInput, PlacementFilter, PlacementStatus, PlacementView, PositionView,
    StorageError, Store,
};

use super::departments::{DepartmentHeader, load_header};
use crate::AppState;
use crate::auth::Account;
use crate::authz::Principal;
use crate::decisions::{check_decider, check_justification};
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::views::{Layout, PlacementRow};
use sikerja_domain::access::Action;

/// A position a manual placement may name.
pub struct Candidate {
    pub id: i64,
    pub label: String,
}

/// Candidates of one department.
pub struct CandidateGroup {
    pub label: String,
    pub options: Vec<Candidate>,
}

/// What the form of one case holds: empty, or the input of a refused submission.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ManualForm {
    #[serde(default)]
    pub employee: String,
    #[serde(default)]
    pub superior_position: String,
    #[serde(default)]
    pub assessor_position: String,
    #[serde(default)]
    pub justification: String,
    #[serde(default)]
    pub decided_by: String,
}

/// One unresolved case with its form.
pub struct Case {
    pub row: PlacementRow,
    pub form: ManualForm,
    pub error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "placements/unresolved.html")]
pub struct UnresolvedPage {
    layout: Layout,
    header: DepartmentHeader,
    error: Option<String>,
    cases: Vec<Case>,
    groups: Vec<CandidateGroup>,
    /// The signed-in person may record manual placements here (KED-09).
    can_decide: bool,
    /// Who will be recorded as deciding.
    decider: String,
}

/// `GET /perangkat-daerah/{id}/belum-terselesaikan`
pub async fn list_unresolved(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<UnresolvedPage, PageError> {
    Ok(page(&state, &principal, id, None).await?)
}

/// `POST /perangkat-daerah/{id}/belum-terselesaikan` — records a manual placement, or shows the
/// form again with the Indonesian reason and the input kept (422).
pub async fn create_manual_placement(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<ManualForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(mut form) = form?;
    // The decision is recorded as the signed-in official's (KED-09: who and when).
    form.decided_by = match &principal {
        Principal::Person { user, .. } if matches!(user.account, Account::Employee(_)) => {
            user.login.clone()
        }
        _ => {
            return Err(PageError(WebError::forbidden(
                "Penetapan manual hanya oleh pejabat ASN yang masuk.",
            )));
        }
    };
    let decided_as = principal.audit_actor(Some(DepartmentId(id))).position;
    match record(&state.store, id, &form, decided_as).await {
        Ok(nip) => {
            tracing::info!(employee.id = %form.employee, department.id = id, "manual placement recorded");
            Ok(Redirect::to(&format!("/perangkat-daerah/{id}/kedudukan?q={nip}")).into_response())
        }
        Err(
            e @ (WebError::Invalid { .. } | WebError::Conflict { .. } | WebError::NotFound { .. }),
        ) => {
            let page = page(&state, &principal, id, Some((form, e.message()))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn refused(message: &str) -> WebError {
    WebError::invalid("manual_placement_refused", message)
}

/// Validates the form and records the decision; returns the NIP of the placed employee.
async fn record(
    store: &Store,
    department: i64,
    form: &ManualForm,
    decided_as: Option<String>,
) -> Result<String, WebError> {
    let employee: i64 = form
        .employee
        .trim()
        .parse()
        .map_err(|_| refused("Pegawai tidak dikenali."))?;
    let cases = unresolved(store, department).await?;
    let case = cases
        .iter()
        .find(|p| p.employee.employee == EmployeeId(employee))
        .ok_or_else(|| {
            refused("Pegawai ini bukan kasus belum terselesaikan pada Perangkat Daerah ini.")
        })?;
    let allowed: Vec<i64> = candidates(store, department)
        .await?
        .iter()
        .flat_map(|g| g.options.iter().map(|c| c.id))
        .collect();
    let position = |value: &str, missing: &str| -> Result<PositionId, WebError> {
        let id: i64 = value.trim().parse().map_err(|_| refused(missing))?;
        if allowed.contains(&id) {
            Ok(PositionId(id))
        } else {
            Err(refused(
                "Jabatan yang dipilih tidak termasuk pilihan yang sah.",
            ))
        }
    };
    let superior = position(&form.superior_position, "Pilih jabatan atasan langsung.")?;
    let assessor = position(
        &form.assessor_position,
        "Pilih jabatan Pejabat Penilai Kinerja.",
    )?;
    let justification = check_justification(&form.justification)?;
    let nip = check_decider(store, &form.decided_by).await?;
    let input = ManualPlacementInput {
        employee: EmployeeId(employee),
        superior_position: superior,
        assessor_position: assessor,
        justification,
        decided_by: nip.as_str().to_string(),
        decided_as,
    };
    store.record_manual_placement(&input).await?;
    Ok(case.employee.nip.as_str().to_string())
}

async fn unresolved(store: &Store, department: i64) -> Result<Vec<PlacementView>, StorageError> {
    store
        .placements(&PlacementFilter {
            agency: None,
            department: Some(DepartmentId(department)),
            unit: None,
            status: Some(PlacementStatus::Unresolved),
            rule_id: None,
            search: None,
        })
        .await
}

/// Held head positions of class Pengawas and above: the department's own, then those of the
/// agency's Sekretariat Daerah (Sekda, Asisten), where cases beyond the department usually go.
async fn candidates(store: &Store, department: i64) -> Result<Vec<CandidateGroup>, StorageError> {
    let own = store.department(DepartmentId(department)).await?;
    let mut groups = vec![group(own.name.clone(), store.positions(own.id).await?)];
    let setda = store
        .departments(Some(own.agency))
        .await?
        .into_iter()
        .find(|d| d.department.kind == DepartmentKind::RegionalSecretariat);
    if let Some(s) = setda.filter(|s| s.department.id != own.id) {
        let positions = store.positions(s.department.id).await?;
        groups.push(group(s.department.name, positions));
    }
    groups.retain(|g| !g.options.is_empty());
    Ok(groups)
}

fn group(label: String, positions: Vec<PositionView>) -> CandidateGroup {
    let mut held: Vec<&PositionView> = positions
        .iter()
        .filter(|p| p.position.is_head && p.position.class.structural_rank().is_some())
        .filter(|p| p.holder.is_some() || p.acting_holder.is_some())
        .collect();
    held.sort_by_key(|p| {
        (
            std::cmp::Reverse(p.position.class.structural_rank()),
            p.position.name.clone(),
        )
    });
    let options = held
        .into_iter()
        .map(|p| {
            let who = match (&p.holder, &p.acting_holder) {
                (Some(h), _) => h.name.clone(),
                (None, Some(a)) => format!(
                    "{} {}",
                    p.acting_kind.map(|k| k.label()).unwrap_or("Plt."),
                    a.name
                ),
                (None, None) => String::new(),
            };
            Candidate {
                id: p.position.id.0,
                label: format!(
                    "{} ({}) — {who}",
                    p.position.name,
                    p.position.class.short_label()
                ),
            }
        })
        .collect();
    CandidateGroup { label, options }
}

async fn page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    refused: Option<(ManualForm, String)>,
) -> Result<UnresolvedPage, WebError> {
    let header = load_header(&state.store, id, "belum-terselesaikan").await?;
    let department = state.store.department(DepartmentId(id)).await?;
    let can_decide = matches!(principal, Principal::Person { .. })
        && principal
            .require(Action::DecidePlacement {
                agency: department.agency,
                department: department.id,
            })
            .is_ok();
    let decider = match principal {
        Principal::Person { user, .. } => user.name.clone(),
        _ => String::new(),
    };
    let views = unresolved(&state.store, id).await?;
    let deciders = Default::default();
    let cases: Vec<Case> = views
        .iter()
        .map(|p| {
            let row = PlacementRow::new(p, &deciders);
            let refused_here = refused
                .as_ref()
                .filter(|(f, _)| f.employee.trim() == row.employee.id.to_string());
            Case {
                form: refused_here.map(|(f, _)| f.clone()).unwrap_or_default(),
                error: refused_here.map(|(_, m)| m.clone()),
                row,
            }
        })
        .collect();
    // A refusal that belongs to no listed case (e.g. the case was settled meanwhile).
    let error = refused
        .filter(|_| cases.iter().all(|c| c.error.is_none()))
        .map(|(_, m)| m);
    Ok(UnresolvedPage {
        layout: header.layout(Some("Belum Terselesaikan"), state.demo_mode),
        header,
        error,
        cases,
        groups: candidates(&state.store, id).await?,
        can_decide,
        decider,
    })
}
