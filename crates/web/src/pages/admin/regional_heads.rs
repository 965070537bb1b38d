//! Regional heads of the admin's agency (issue 14 point 4): every term of office with its
//! holder, its days and its legal basis; a form to record a term (the Bupati of a regency
//! installed without the demo, a successor, a re-elected head) with a first password for a new
//! account, or a one-time one shown once; per open term a form to end it. Storage decides (one
//! person per office at a time) and writes each change with its audit row.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::assignment::Day;
use sikerja_domain::audit::AuditAction;
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::regional_heads::{RegionalOffice, TermStatus};
use sikerja_storage::{LegalBasis, NewTerm, TermView};

use super::{Tab, administered_agency, filled};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::pages::execution_today as today;
use crate::pages::placements::Choice;

const HREF: &str = "/admin/kepala-daerah";

/// `?pesan=` after a change: which confirmation to show (never text from the request).
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    pub pesan: Option<String>,
}

/// The form recording a term, also holding the input of a refused submission.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TermForm {
    #[serde(default)]
    pub office: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub basis_number: String,
    #[serde(default)]
    pub basis_date: String,
    /// First password of a new account; blank: a one-time one is shown once.
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub confirm: String,
}

/// The form ending one term.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct EndForm {
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub basis_number: String,
    #[serde(default)]
    pub basis_date: String,
}

/// One term as listed.
pub struct TermLine {
    pub id: i64,
    pub office: &'static str,
    pub title: String,
    pub name: String,
    pub username: String,
    pub has_password: bool,
    pub period: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub basis: Option<String>,
    pub end_basis: Option<String>,
    /// No last day yet: the end form is shown.
    pub open: bool,
    pub end_input: EndForm,
    pub end_error: Option<String>,
}

/// A one-time password shown once after a new account was created.
pub struct CreatedAccount {
    pub username: String,
    pub password: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/regional_heads.html")]
pub struct RegionalHeadsPage {
    layout: crate::views::Layout,
    tab: Tab,
    agency_name: String,
    notice: Option<&'static str>,
    created: Option<CreatedAccount>,
    error: Option<String>,
    form: TermForm,
    offices: Vec<Choice>,
    /// The agency has no regional head office (a ministry).
    no_office: bool,
    terms: Vec<TermLine>,
    /// No head in office today: the Keputusan Bupati step cannot be taken.
    head_vacant: bool,
}

enum Refusal {
    Add(TermForm, String),
    End(i64, EndForm, String),
}

fn day(value: &str, field: &str) -> Result<Day, WebError> {
    Day::parse(value.trim()).map_err(|e| WebError::invalid(e.code(), format!("{field}: {e}")))
}

fn optional_day(value: &str, field: &str) -> Result<Option<Day>, WebError> {
    filled(value).map(|v| day(v, field)).transpose()
}

/// `GET /admin/kepala-daerah`
pub async fn list_regional_heads(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<NoticeQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<RegionalHeadsPage, PageError> {
    let agency = administered_agency(&principal)?;
    let notice = match query.ok().and_then(|Query(q)| q.pesan).as_deref() {
        Some("dicatat") => Some("Masa jabatan telah dicatat."),
        Some("diakhiri") => Some("Masa jabatan telah diakhiri."),
        _ => None,
    };
    Ok(page(&state, agency, notice, None, None).await?)
}

/// `POST /admin/kepala-daerah` — records a term, or shows the page again with the reason of
/// the refusal (422) and nothing changed. A new account gets the first password typed, or a
/// one-time one shown once on the page.
pub async fn create_regional_head(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<TermForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(form) = form?;
    let actor = principal.audit_actor(None);
    let outcome = async {
        let office = RegionalOffice::from_code(form.office.trim()).ok_or_else(|| {
            WebError::invalid("regional_office_unknown", "Pilih jabatan kepala daerah.")
        })?;
        let first_password = filled(&form.password);
        if let Some(p) = first_password {
            crate::auth::check_new_password(p, form.confirm.trim(), "")
                .map_err(|m| WebError::invalid("password_invalid", m))?;
        }
        let new = NewTerm {
            office,
            title: form.title.clone(),
            name: form.name.clone(),
            username: form.username.clone(),
            from: day(&form.from, "Awal masa jabatan")?,
            until: optional_day(&form.until, "Akhir masa jabatan")?,
            basis: LegalBasis {
                number: form.basis_number.clone(),
                date: day(&form.basis_date, "Tanggal keputusan")?,
            },
        };
        let added = state
            .store
            .add_regional_head_term(agency, &new, &actor)
            .await?;
        if !added.new_account {
            return Ok(None);
        }
        let (password, shown) = match first_password {
            Some(p) => (p.to_string(), false),
            None => (
                crate::auth::temporary_password()
                    .map_err(|e| WebError::internal("password", &e))?,
                true,
            ),
        };
        let hash = crate::auth::hash_password(password.clone())
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
        Ok(shown.then(|| CreatedAccount {
            username: form.username.trim().to_lowercase(),
            password,
        }))
    }
    .await;
    match outcome {
        Ok(None) => Ok(Redirect::to(&format!("{HREF}?pesan=dicatat")).into_response()),
        // The one-time password is shown on this answer only, never in a URL.
        Ok(Some(created)) => Ok(page(
            &state,
            agency,
            Some("Masa jabatan telah dicatat."),
            Some(created),
            None,
        )
        .await?
        .into_response()),
        Err(e @ (WebError::Invalid { .. } | WebError::Conflict { .. })) => {
            let refusal = Refusal::Add(form, e.message());
            refused(page(&state, agency, None, None, Some(refusal)).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/kepala-daerah/{id}/akhiri` — ends a term of the admin's agency on its last
/// day, or shows the page again with the reason of the refusal (422).
pub async fn end_regional_head(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<EndForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(form) = form?;
    let outcome = async {
        let until = day(&form.until, "Akhir masa jabatan")?;
        let basis = match (filled(&form.basis_number), filled(&form.basis_date)) {
            (Some(number), Some(date)) => Some(LegalBasis {
                number: number.to_string(),
                date: day(date, "Tanggal keputusan")?,
            }),
            (None, None) => None,
            _ => {
                return Err(WebError::invalid(
                    "basis_incomplete",
                    "Dasar pemberhentian diisi lengkap: nomor dan tanggal keputusan.",
                ));
            }
        };
        state
            .store
            .end_regional_head_term(
                agency,
                id,
                until,
                basis.as_ref(),
                &principal.audit_actor(None),
            )
            .await
            .map_err(WebError::from)
    }
    .await;
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{HREF}?pesan=diakhiri")).into_response()),
        Err(e @ (WebError::Invalid { .. } | WebError::Conflict { .. })) => {
            let refusal = Refusal::End(id, form, e.message());
            refused(page(&state, agency, None, None, Some(refusal)).await?)
        }
        Err(e) => Err(e.into()),
    }
}

fn refused(page: RegionalHeadsPage) -> Result<Response, PageError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn basis_text(b: &LegalBasis) -> String {
    format!("{} tanggal {}", b.number, b.date.label())
}

fn line(t: &TermView, refusal: Option<&Refusal>) -> TermLine {
    let (end_input, end_error) = match refusal {
        Some(Refusal::End(id, form, message)) if *id == t.id => {
            (form.clone(), Some(message.clone()))
        }
        _ => (EndForm::default(), None),
    };
    TermLine {
        id: t.id,
        office: t.office.label(),
        title: t.title.clone(),
        name: t.name.clone(),
        username: t.username.clone(),
        has_password: t.has_password,
        period: t.term.label(),
        status: t.status.label(),
        status_code: t.status.code(),
        basis: t.basis.as_ref().map(basis_text),
        end_basis: t.end_basis.as_ref().map(basis_text),
        open: t.term.until.is_none(),
        end_input,
        end_error,
    }
}

async fn page(
    state: &AppState,
    agency: AgencyId,
    notice: Option<&'static str>,
    created: Option<CreatedAccount>,
    refusal: Option<Refusal>,
) -> Result<RegionalHeadsPage, WebError> {
    let a = state.store.agency(agency).await?;
    let views = state.store.regional_head_terms(agency, today()?).await?;
    let terms: Vec<TermLine> = views.iter().map(|t| line(t, refusal.as_ref())).collect();
    let head_vacant = !views.iter().any(|t| {
        t.kind == sikerja_domain::access::RegionalHeadKind::Head && t.status == TermStatus::InOffice
    });
    let (form, error) = match refusal {
        Some(Refusal::Add(form, message)) => (form, Some(message)),
        Some(Refusal::End(id, _, message)) if !terms.iter().any(|t| t.id == id) => {
            (TermForm::default(), Some(message))
        }
        _ => (TermForm::default(), None),
    };
    let available = RegionalOffice::of_agency(a.kind);
    let offices = available
        .iter()
        .map(|o| Choice {
            value: o.code().into(),
            label: o.label().into(),
            selected: form.office.trim() == o.code(),
        })
        .collect();
    Ok(RegionalHeadsPage {
        layout: super::layout("Kepala Daerah", HREF, state.demo_mode),
        tab: Tab::RegionalHeads,
        agency_name: a.name,
        notice,
        created,
        error,
        // Passwords typed are never shown again.
        form: TermForm {
            password: String::new(),
            confirm: String::new(),
            ..form
        },
        no_office: available.is_empty(),
        offices,
        terms,
        head_vacant,
    })
}
