//! "Riwayat masuk" (issue 15 point 5): the sign-ins and sign-outs of the agency's people,
//! newest first, with the client address and whether the device was known. Only those who
//! read the audit trail reach it (`Access::ReadAudit`); a record's history never lists these
//! entries, so nobody else sees an address.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sikerja_domain::audit::AuditAction;
use sikerja_storage::{AuditEntry, AuditNames, SignIns};

use super::super::{Tab, audited_agency};
use super::{AuditQuery, ChainBanner, banner, pages};
use crate::AppState;
use crate::audit_sentences::{Named, actor_name};
use crate::authz::Principal;
use crate::error::PageError;
use crate::format;
use crate::pages::wants_fragment;
use crate::views::Layout;

const HREF: &str = "/admin/audit/masuk";

/// One sign-in or sign-out.
pub struct SignInLine {
    pub seq: i64,
    pub at: String,
    pub person: Named,
    pub event: &'static str,
    pub client: String,
    pub known_device: &'static str,
}

/// The table fragment that htmx swaps.
pub struct SignInTable {
    pub rows: Vec<SignInLine>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
    pub error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit_sign_ins.html")]
pub struct SignInPage {
    layout: Layout,
    tab: Tab,
    banner: ChainBanner,
    query: AuditQuery,
    table: SignInTable,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit_sign_ins_table.html")]
pub struct SignInFragment {
    table: SignInTable,
}

/// `GET /admin/audit/masuk`
pub async fn list_sign_ins(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let agency = audited_agency(&principal)?;
    let mut query = query.map(|Query(q)| q).unwrap_or_default().normalised();
    // This view lists sign-ins of people, whatever record or action the address names.
    query.entity = None;
    query.entity_id = None;
    query.action = None;
    let page = query.page();
    let table = match query.filter(page, agency, SignIns::Only) {
        Err(message) => SignInTable {
            rows: Vec::new(),
            total: 0,
            page: 1,
            pages: 0,
            prev_href: None,
            next_href: None,
            error: Some(message),
        },
        Ok(filter) => {
            let found = state.store.audit_entries(&filter).await?;
            let names = state.store.audit_names(&found.items).await?;
            let pages = pages(found.total);
            SignInTable {
                rows: found.items.iter().map(|e| line(e, &names)).collect(),
                total: found.total,
                page,
                pages,
                prev_href: (page > 1).then(|| query.href(HREF, page - 1)),
                next_href: (page < pages).then(|| query.href(HREF, page + 1)),
                error: None,
            }
        }
    };
    let vary = [(header::VARY, HeaderValue::from_static("HX-Request"))];
    if wants_fragment(&headers) {
        return Ok((vary, SignInFragment { table }).into_response());
    }
    let page = SignInPage {
        layout: super::super::layout("Riwayat masuk", HREF, state.demo_mode),
        tab: Tab::Audit,
        banner: banner(&state).await?,
        query,
        table,
    };
    Ok((vary, page).into_response())
}

fn line(e: &AuditEntry, names: &AuditNames) -> SignInLine {
    let summary: Value = serde_json::from_str(&e.summary).unwrap_or(Value::Null);
    SignInLine {
        seq: e.seq,
        at: format::date_time(e.at),
        person: Named {
            text: actor_name(&e.actor),
            href: names.actor(e).map(|id| format!("/pegawai/{id}")),
        },
        event: match AuditAction::from_code(&e.action) {
            Some(AuditAction::SessionSignedOut) => "Keluar",
            _ => "Masuk",
        },
        client: summary
            .get("client")
            .and_then(Value::as_str)
            .unwrap_or("—")
            .to_string(),
        known_device: match summary.get("known_device").and_then(Value::as_bool) {
            Some(true) => "ya",
            Some(false) => "tidak",
            None => "—",
        },
    }
}
