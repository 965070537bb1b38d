//! The audit trail (issue 3 point 6, issue 15 point 5): every recorded change, newest first,
//! each read as an Indonesian sentence naming who did what to which record (linked), filtered
//! by record, actor, action (a list of labels, grouped) and dates (GET parameters kept in the
//! paging links; htmx swaps only the table), with the result of walking the hash chain on
//! top. Sign-ins and sign-outs have their own view, [`sign_ins`]. An admin sees the entries
//! about their own agency's records; the chain banner covers the whole installation's chain.

mod query;
pub mod sign_ins;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sikerja_domain::audit::{AuditAction, AuditGroup, AuditSubject};
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::{AuditVerification, SignIns};

use super::{Tab, audited_agency};
use crate::AppState;
use crate::audit_sentences::{AuditRow, Reader, rows};
use crate::authz::Principal;
use crate::error::PageError;
use crate::pages::placements::Choice;
use crate::pages::wants_fragment;
use crate::views::Layout;
pub use query::AuditQuery;

const HREF: &str = "/admin/audit";

/// The table fragment that htmx swaps.
pub struct AuditTable {
    pub rows: Vec<AuditRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
    /// Why the filter could not be applied (a date that cannot be read).
    pub error: Option<String>,
}

/// The result of walking the chain, for the banner.
pub struct ChainBanner {
    pub intact: bool,
    pub message: String,
}

/// The actions of one group of the action list.
pub struct ActionGroup {
    pub label: &'static str,
    pub actions: Vec<Choice>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    layout: Layout,
    tab: Tab,
    banner: ChainBanner,
    entities: Vec<Choice>,
    groups: Vec<ActionGroup>,
    query: AuditQuery,
    table: AuditTable,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit_table.html")]
pub struct AuditFragment {
    table: AuditTable,
}

/// `GET /admin/audit`
pub async fn list_audit_entries(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let agency = audited_agency(&principal)?;
    let query = query.map(|Query(q)| q).unwrap_or_default().normalised();
    let table = load_table(&state, &query, agency).await?;
    // The same URL answers a page or a fragment: caches must tell them apart.
    let vary = [(header::VARY, HeaderValue::from_static("HX-Request"))];
    if wants_fragment(&headers) {
        return Ok((vary, AuditFragment { table }).into_response());
    }
    let selected = |v: &str, current: &Option<String>| current.as_deref() == Some(v);
    let page = AuditPage {
        layout: super::layout("Jejak audit", HREF, state.demo_mode),
        tab: Tab::Audit,
        banner: banner(&state).await?,
        // Every kind of record the audit trail names, labelled by the domain's vocabulary
        // (issue 14 point 7).
        entities: AuditSubject::ALL
            .iter()
            .map(|s| Choice {
                value: s.code().into(),
                label: s.label().into(),
                selected: selected(s.code(), &query.entity),
            })
            .collect(),
        // Every action this view lists, by its Indonesian label in its group (issue 15
        // point 5); sign-ins are in their own view.
        groups: AuditGroup::ALL
            .iter()
            .filter(|g| **g != AuditGroup::SignIn)
            .map(|g| ActionGroup {
                label: g.label(),
                actions: AuditAction::ALL
                    .iter()
                    .filter(|a| a.group() == *g)
                    .map(|a| Choice {
                        value: a.code().into(),
                        label: capitalised(a.label()),
                        selected: selected(a.code(), &query.action),
                    })
                    .collect(),
            })
            .collect(),
        query,
        table,
    };
    Ok((vary, page).into_response())
}

/// The chain banner: the result of walking the whole installation's chain.
pub(super) async fn banner(state: &AppState) -> Result<ChainBanner, PageError> {
    Ok(match state.store.verify_audit().await? {
        AuditVerification::Intact { entries, head } => ChainBanner {
            intact: true,
            message: match head {
                Some(h) => format!(
                    "Rantai jejak audit utuh: {entries} entri diperiksa (hash terakhir {}…).",
                    h.get(..16).unwrap_or(&h)
                ),
                None => "Jejak audit masih kosong.".to_string(),
            },
        },
        AuditVerification::Broken { seq, problem, .. } => {
            tracing::error!(audit.seq = seq, problem = %problem, "audit chain broken");
            ChainBanner {
                intact: false,
                message: format!(
                    "Rantai jejak audit RUSAK: tautan pertama yang putus ada pada entri #{seq} ({problem}). Laporkan kepada pengelola sistem."
                ),
            }
        }
    })
}

fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

async fn load_table(
    state: &AppState,
    query: &AuditQuery,
    agency: AgencyId,
) -> Result<AuditTable, PageError> {
    let page = query.page();
    let filter = match query.filter(page, agency, SignIns::Excluded) {
        Ok(f) => f,
        Err(message) => return Ok(AuditTable::unreadable(message)),
    };
    let found = state.store.audit_entries(&filter).await?;
    let names = state.store.audit_names(&found.items).await?;
    let pages = pages(found.total);
    Ok(AuditTable {
        rows: rows(&found.items, &names, Reader::AuditReader),
        total: found.total,
        page,
        pages,
        prev_href: (page > 1).then(|| query.href(HREF, page - 1)),
        next_href: (page < pages).then(|| query.href(HREF, page + 1)),
        error: None,
    })
}

impl AuditTable {
    fn unreadable(message: String) -> AuditTable {
        AuditTable {
            rows: Vec::new(),
            total: 0,
            page: 1,
            pages: 0,
            prev_href: None,
            next_href: None,
            error: Some(message),
        }
    }
}

/// How many pages `total` entries fill.
pub(super) fn pages(total: u64) -> u32 {
    total
        .div_ceil(u64::from(query::PAGE_SIZE))
        .try_into()
        .unwrap_or(u32::MAX)
}
