//! API tokens of the admin's agency (issue 3 point 5). An HR admin creates tokens reaching
//! their own agency only (unscoped tokens are the operator's, made with the CLI), read only
//! or read and write. The secret is shown once, on the answer to the creation, and is never
//! stored, logged or shown again; only tokens of the agency can be revoked here.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::{ApiTokenId, ApiTokenView, StorageError};

use super::roles::NoticeQuery;
use super::{Tab, administered_agency, filled};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::views::Layout;

const HREF: &str = "/admin/token-api";

/// The creation form, also holding the input of a refused submission.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub name: String,
    /// `baca` (read only) or `tulis` (read and write).
    #[serde(default)]
    pub access: String,
}

impl TokenForm {
    fn can_write(&self) -> bool {
        self.access == "tulis"
    }
}

/// One token as listed.
pub struct TokenLine {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    /// The agency's name, or "Semua instansi".
    pub scope: String,
    pub can_write: bool,
    pub created_by: String,
    pub created_at: String,
    pub last_used: Option<String>,
    pub revoked_at: Option<String>,
    pub revoked_by: Option<String>,
    /// A token of the admin's agency that still works (unscoped ones are the operator's).
    pub revocable: bool,
}

/// A token just created, with its secret: shown on this one answer only.
pub struct CreatedToken {
    pub name: String,
    pub secret: String,
    pub can_write: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/tokens.html")]
pub struct TokensPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    notice: Option<&'static str>,
    error: Option<String>,
    form: TokenForm,
    created: Option<CreatedToken>,
    tokens: Vec<TokenLine>,
}

/// `GET /admin/token-api`
pub async fn list_api_tokens(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<NoticeQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<TokensPage, PageError> {
    let agency = administered_agency(&principal)?;
    let notice = match query.ok().and_then(|Query(q)| q.pesan).as_deref() {
        Some("dicabut") => Some("Token telah dicabut: permintaan dengan token ini kini ditolak."),
        _ => None,
    };
    Ok(page(&state, agency, notice, None, None).await?)
}

/// `POST /admin/token-api` — creates a token for the admin's agency and answers with its
/// secret, once; a blank name shows the form again (422).
pub async fn create_api_token(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<TokenForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(form) = form?;
    let Some(name) = filled(&form.name) else {
        let message = "Nama token wajib diisi: sebutkan sistem yang akan memakainya.".to_string();
        let page = page(&state, agency, None, Some((form, message)), None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    // The scope is always the admin's own agency, whatever the request says.
    let (view, secret) = state
        .store
        .create_api_token(
            name,
            Some(agency),
            form.can_write(),
            &principal.audit_actor(None),
        )
        .await?;
    tracing::info!(token.id = %view.id, token.prefix = %view.prefix, "API token created");
    let created = CreatedToken {
        name: view.name,
        secret,
        can_write: view.can_write,
    };
    let page = page(&state, agency, None, None, Some(created)).await?;
    // The secret must not stay in any cache.
    let no_store = [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];
    Ok((StatusCode::CREATED, no_store, page).into_response())
}

/// `POST /admin/token-api/{id}/cabut` — revokes a token of the admin's agency.
pub async fn revoke_api_token(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let tokens = state.store.api_tokens().await?;
    // Another agency's token, or an unscoped one, is as unknown here as a missing one.
    if !tokens
        .iter()
        .any(|t| t.id == ApiTokenId(id) && t.agency == Some(agency))
    {
        return Err(PageError(WebError::NotFound { what: "page" }));
    }
    match state
        .store
        .revoke_api_token(ApiTokenId(id), &principal.audit_actor(None))
        .await
    {
        Ok(()) => {
            tracing::info!(token.id = id, "API token revoked");
            Ok(Redirect::to(&format!("{HREF}?pesan=dicabut")).into_response())
        }
        Err(StorageError::Conflict { .. }) => {
            let message = "Token ini sudah dicabut sebelumnya.".to_string();
            let page = page(
                &state,
                agency,
                None,
                Some((TokenForm::default(), message)),
                None,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn line(t: &ApiTokenView, agency: AgencyId, agency_name: &str) -> TokenLine {
    TokenLine {
        id: t.id.0,
        name: t.name.clone(),
        prefix: t.prefix.clone(),
        scope: match t.agency {
            Some(_) => agency_name.to_string(),
            None => "Semua instansi".to_string(),
        },
        can_write: t.can_write,
        created_by: t.created_by.clone(),
        created_at: format::date_time(t.created_at),
        last_used: t.last_used_at.map(format::date_time),
        revoked_at: t.revoked_at.map(format::date_time),
        revoked_by: t.revoked_by.clone(),
        revocable: t.agency == Some(agency) && t.revoked_at.is_none(),
    }
}

async fn page(
    state: &AppState,
    agency: AgencyId,
    notice: Option<&'static str>,
    refused: Option<(TokenForm, String)>,
    created: Option<CreatedToken>,
) -> Result<TokensPage, WebError> {
    let agency_name = state.store.agency(agency).await?.name;
    // The agency's own tokens and the unscoped ones, which reach it too.
    let tokens = state
        .store
        .api_tokens()
        .await?
        .iter()
        .filter(|t| t.agency.is_none_or(|a| a == agency))
        .map(|t| line(t, agency, &agency_name))
        .collect();
    let (form, error) = match refused {
        Some((form, message)) => (form, Some(message)),
        None => (TokenForm::default(), None),
    };
    Ok(TokensPage {
        layout: super::layout("Token API", HREF, state.demo_mode),
        tab: Tab::Tokens,
        agency_name,
        notice,
        error,
        form,
        created,
        tokens,
    })
}
