//! Granted roles of the admin's agency (issue 3 point 3): every grant, active and revoked,
//! with who gave it, when and why, and who took it back; a form to grant a role to an
//! employee of the agency and, per active grant, a form to revoke it. Both need a reason and
//! both are recorded in the audit trail with the admin's name and position.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::Nip;
use sikerja_domain::access::GrantedRole;
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::{GrantId, RoleGrantView, StorageError};

use super::{Tab, administered_agency, filled};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::pages::placements::Choice;
use crate::views::Layout;

const HREF: &str = "/admin/peran";

/// `?pesan=` after a change: which confirmation to show (never text from the request).
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    pub pesan: Option<String>,
}

/// The grant form, also holding the input of a refused submission.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    pub nip: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub reason: String,
}

/// The revoke form of one grant.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    pub reason: String,
}

/// One grant as listed.
pub struct GrantLine {
    pub id: i64,
    pub employee_id: i64,
    pub name: String,
    pub nip: String,
    pub role_label: &'static str,
    pub granted_by: String,
    pub granted_at: String,
    pub reason: String,
    pub active: bool,
    pub revoked_by: Option<String>,
    pub revoked_at: Option<String>,
    pub revoke_reason: Option<String>,
    /// The reason typed into this grant's revoke form before it was refused.
    pub revoke_input: String,
    pub revoke_error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/roles.html")]
pub struct RolesPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    notice: Option<&'static str>,
    /// Why the grant form was refused.
    error: Option<String>,
    form: GrantForm,
    roles: Vec<Choice>,
    active: Vec<GrantLine>,
    revoked: Vec<GrantLine>,
}

/// A refused submission: the grant form with its input, or one grant's revoke form.
enum Refusal {
    Grant(GrantForm, String),
    Revoke(i64, RevokeForm, String),
}

/// `GET /admin/peran`
pub async fn list_role_grants(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<NoticeQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<RolesPage, PageError> {
    let agency = administered_agency(&principal)?;
    let notice = match query.ok().and_then(|Query(q)| q.pesan).as_deref() {
        Some("diberikan") => Some("Peran telah diberikan dan berlaku seketika."),
        Some("dicabut") => Some("Peran telah dicabut dan tidak berlaku lagi seketika."),
        _ => None,
    };
    Ok(page(&state, agency, notice, None).await?)
}

/// `POST /admin/peran` — grants a role to an employee of the admin's agency, or shows the
/// page again with the reason of the refusal (422) and nothing changed.
pub async fn create_role_grant(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<GrantForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(form) = form?;
    let actor = principal.audit_actor(None);
    let outcome = async {
        let (employee, role, reason) = check_grant(&state, agency, &form).await?;
        state
            .store
            .grant_role(employee.employee.id, role, &actor, reason)
            .await
            .map_err(|e| match e {
                StorageError::Conflict {
                    code: "already_granted",
                    ..
                } => WebError::invalid(
                    "already_granted",
                    format!(
                        "{} sudah memiliki peran {} yang masih berlaku.",
                        employee.employee.display_name(),
                        role.label()
                    ),
                ),
                other => other.into(),
            })
    }
    .await;
    match outcome {
        Ok(id) => {
            tracing::info!(grant.id = %id, "role granted");
            Ok(Redirect::to(&format!("{HREF}?pesan=diberikan")).into_response())
        }
        Err(e @ (WebError::Invalid { .. } | WebError::Conflict { .. })) => {
            let refusal = Refusal::Grant(form, e.message());
            refused(page(&state, agency, None, Some(refusal)).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/peran/{id}/cabut` — takes a grant of the admin's agency back, or shows the
/// page again with the reason of the refusal (422).
pub async fn revoke_role_grant(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<RevokeForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(form) = form?;
    let grants = state.store.role_grants(agency).await?;
    // Another agency's grant is as unknown here as a missing one.
    let Some(grant) = grants.iter().find(|g| g.id == GrantId(id)) else {
        return Err(PageError(WebError::NotFound { what: "page" }));
    };
    // An admin taking back their own admin role cannot open this page afterwards.
    let own_admin_role = grant.role == GrantedRole::HrAdmin
        && principal
            .actor()
            .is_some_and(|a| a.facts().employee == Some(grant.employee));
    let outcome = match filled(&form.reason) {
        None => Err(WebError::invalid(
            "revoke_reason_blank",
            "Alasan pencabutan wajib diisi: tuliskan dasar pencabutan peran ini.",
        )),
        Some(reason) => state
            .store
            .revoke_role(GrantId(id), &principal.audit_actor(None), reason)
            .await
            .map_err(|e| match e {
                // The last holder of a role only its holders can give (issue 12 point 9).
                StorageError::Conflict {
                    code: "last_role_holder",
                    message,
                } => WebError::invalid("last_role_holder", message),
                StorageError::Conflict { .. } => WebError::invalid(
                    "grant_already_revoked",
                    "Peran ini sudah dicabut sebelumnya.",
                ),
                other => other.into(),
            }),
    };
    match outcome {
        Ok(()) => {
            tracing::info!(grant.id = id, "role revoked");
            if own_admin_role {
                return Ok(Redirect::to("/").into_response());
            }
            Ok(Redirect::to(&format!("{HREF}?pesan=dicabut")).into_response())
        }
        Err(e @ WebError::Invalid { .. }) => {
            let refusal = Refusal::Revoke(id, form, e.message());
            refused(page(&state, agency, None, Some(refusal)).await?)
        }
        Err(e) => Err(e.into()),
    }
}

fn refused(page: RolesPage) -> Result<Response, PageError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn invalid(message: impl Into<String>) -> WebError {
    WebError::invalid("grant_refused", message)
}

/// Checks the grant form: a known role, a reason, and an employee of the admin's agency.
async fn check_grant<'f>(
    state: &AppState,
    agency: AgencyId,
    form: &'f GrantForm,
) -> Result<(sikerja_storage::EmployeeView, GrantedRole, &'f str), WebError> {
    let nip = Nip::parse(&form.nip).map_err(|e| invalid(format!("NIP tidak sah: {e}.")))?;
    let role = GrantedRole::from_code(form.role.trim())
        .ok_or_else(|| invalid("Pilih peran yang akan diberikan."))?;
    let reason = filled(&form.reason).ok_or_else(|| {
        WebError::invalid(
            "grant_reason_blank",
            "Alasan pemberian peran wajib diisi: tuliskan dasar pemberiannya (mis. nomor surat keputusan).",
        )
    })?;
    let employee = match state.store.employee_by_nip(&nip).await {
        Ok(e) => e,
        Err(StorageError::NotFound { .. }) => {
            return Err(invalid(format!(
                "Tidak ada pegawai dengan NIP {}.",
                nip.spaced()
            )));
        }
        Err(e) => return Err(e.into()),
    };
    if employee.employee.agency != agency {
        return Err(invalid(format!(
            "Pegawai dengan NIP {} bukan pegawai instansi Anda: peran hanya dapat diberikan kepada pegawai instansi yang Anda kelola.",
            nip.spaced()
        )));
    }
    Ok((employee, role, reason))
}

fn line(g: &RoleGrantView, refusal: Option<&Refusal>) -> GrantLine {
    let (revoke_input, revoke_error) = match refusal {
        Some(Refusal::Revoke(id, form, message)) if *id == g.id.0 => {
            (form.reason.clone(), Some(message.clone()))
        }
        _ => (String::new(), None),
    };
    GrantLine {
        id: g.id.0,
        employee_id: g.employee.0,
        name: g.name.clone(),
        nip: Nip::parse(&g.nip)
            .map(|n| n.spaced())
            .unwrap_or_else(|_| g.nip.clone()),
        role_label: g.role.label(),
        granted_by: g.granted_by.clone(),
        granted_at: format::date_time(g.granted_at),
        reason: g.reason.clone(),
        active: g.is_active(),
        revoked_by: g.revoked_by.clone(),
        revoked_at: g.revoked_at.map(format::date_time),
        revoke_reason: g.revoke_reason.clone(),
        revoke_input,
        revoke_error,
    }
}

async fn page(
    state: &AppState,
    agency: AgencyId,
    notice: Option<&'static str>,
    refusal: Option<Refusal>,
) -> Result<RolesPage, WebError> {
    let agency_name = state.store.agency(agency).await?.name;
    let grants = state.store.role_grants(agency).await?;
    let (active, revoked): (Vec<_>, Vec<_>) = grants
        .iter()
        .map(|g| line(g, refusal.as_ref()))
        .partition(|g| g.active);
    let (form, error) = match refusal {
        Some(Refusal::Grant(form, message)) => (form, Some(message)),
        // A refusal for a grant no longer listed as active (revoked meanwhile).
        Some(Refusal::Revoke(id, _, message)) if !active.iter().any(|g| g.id == id) => {
            (GrantForm::default(), Some(message))
        }
        _ => (GrantForm::default(), None),
    };
    let roles = GrantedRole::ALL
        .iter()
        .map(|r| Choice {
            value: r.code().into(),
            label: r.label().into(),
            selected: form.role.trim() == r.code(),
        })
        .collect();
    Ok(RolesPage {
        layout: super::layout("Peran", HREF, state.demo_mode),
        tab: Tab::Roles,
        agency_name,
        notice,
        error,
        form,
        roles,
        active,
        revoked,
    })
}
