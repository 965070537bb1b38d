//! The audit trail (issue 3 point 6): every recorded change, newest first, filtered by
//! record, actor, action and dates (GET parameters; htmx swaps only the table), with the
//! result of walking the hash chain on top. An admin sees the entries about their own
//! agency's records; the chain banner covers the whole installation's chain.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::{AuditEntry, AuditFilter, AuditVerification};

use super::{Tab, audited_agency};
use crate::AppState;
use crate::authz::Principal;
use crate::error::PageError;
use crate::format;
use crate::pages::placements::Choice;
use crate::pages::{non_empty, wants_fragment};
use crate::views::Layout;

const HREF: &str = "/admin/audit";
const PAGE_SIZE: u32 = 50;

/// Filters of the audit page, as GET parameters. Dates are `YYYY-MM-DD`, whole days in WITA,
/// both included.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
    #[serde(skip_serializing)]
    pub halaman: Option<String>,
}

impl AuditQuery {
    fn normalised(self) -> Self {
        AuditQuery {
            entity: non_empty(self.entity),
            entity_id: non_empty(self.entity_id),
            actor: non_empty(self.actor),
            action: non_empty(self.action),
            from: non_empty(self.from),
            until: non_empty(self.until),
            halaman: non_empty(self.halaman),
        }
    }

    fn page(&self) -> u32 {
        self.halaman
            .as_deref()
            .and_then(|h| h.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }

    /// The storage filter of one page, or the Indonesian reason a date cannot be read.
    fn filter(&self, page: u32, agency: AgencyId) -> Result<AuditFilter, String> {
        let from = day_start(self.from.as_deref(), 0, "Tanggal awal")?;
        let until = day_start(self.until.as_deref(), 1, "Tanggal akhir")?;
        Ok(AuditFilter {
            agency: Some(agency.0),
            entity: self.entity.clone(),
            entity_id: self.entity_id.clone(),
            actor: self.actor.clone(),
            action: self.action.clone(),
            from,
            until,
            limit: PAGE_SIZE,
            offset: (page - 1).saturating_mul(PAGE_SIZE),
        })
    }

    /// The address of another page with the same filters.
    fn href(&self, page: u32) -> String {
        let mut query = serde_urlencoded::to_string(self).unwrap_or_default();
        if !query.is_empty() {
            query.push('&');
        }
        format!("{HREF}?{query}halaman={page}")
    }
}

/// Midnight in WITA at the start of `date` plus `days`, in UTC (`until` takes the next day,
/// so that the day it names is included).
fn day_start(date: Option<&str>, days: u64, what: &str) -> Result<Option<DateTime<Utc>>, String> {
    let Some(text) = date else { return Ok(None) };
    let unreadable = || format!("{what} “{text}” tidak dapat dibaca: gunakan format TTTT-BB-HH.");
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .ok_or_else(unreadable)?;
    let wita = FixedOffset::east_opt(8 * 3600).ok_or_else(unreadable)?;
    wita.from_local_datetime(&day.and_time(NaiveTime::MIN))
        .single()
        .map(|at| Some(at.with_timezone(&Utc)))
        .ok_or_else(unreadable)
}

/// One entry as listed.
pub struct EntryLine {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub actor_href: String,
    pub position: Option<String>,
    pub action: String,
    pub action_label: Option<&'static str>,
    pub entity: String,
    pub entity_label: Option<&'static str>,
    pub entity_id: String,
    pub record_href: String,
    pub summary: String,
}

/// The table fragment that htmx swaps.
pub struct AuditTable {
    pub rows: Vec<EntryLine>,
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

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    layout: Layout,
    tab: Tab,
    banner: ChainBanner,
    entities: Vec<Choice>,
    actions: Vec<Choice>,
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
    let banner = match state.store.verify_audit().await? {
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
    };
    let selected = |v: &str, current: &Option<String>| current.as_deref() == Some(v);
    let page = AuditPage {
        layout: super::layout("Jejak audit", HREF, state.demo_mode),
        tab: Tab::Audit,
        banner,
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
        // Every action the application records, labelled by the domain's vocabulary (issue 14
        // point 7), offered as suggestions (the field takes any text).
        actions: AuditAction::ALL
            .iter()
            .map(|a| Choice {
                value: a.code().into(),
                label: a.label().into(),
                selected: selected(a.code(), &query.action),
            })
            .collect(),
        query,
        table,
    };
    Ok((vary, page).into_response())
}

async fn load_table(
    state: &AppState,
    query: &AuditQuery,
    agency: AgencyId,
) -> Result<AuditTable, PageError> {
    let page = query.page();
    let filter = match query.filter(page, agency) {
        Ok(f) => f,
        Err(message) => {
            return Ok(AuditTable {
                rows: Vec::new(),
                total: 0,
                page: 1,
                pages: 0,
                prev_href: None,
                next_href: None,
                error: Some(message),
            });
        }
    };
    let found = state.store.audit_entries(&filter).await?;
    let pages: u32 = found
        .total
        .div_ceil(u64::from(PAGE_SIZE))
        .try_into()
        .unwrap_or(u32::MAX);
    Ok(AuditTable {
        rows: found.items.iter().map(line).collect(),
        total: found.total,
        page,
        pages,
        prev_href: (page > 1).then(|| query.href(page - 1)),
        next_href: (page < pages).then(|| query.href(page + 1)),
        error: None,
    })
}

fn filter_href(pairs: &[(&str, &str)]) -> String {
    format!(
        "{HREF}?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

fn line(e: &AuditEntry) -> EntryLine {
    EntryLine {
        seq: e.seq,
        at: format::date_time(e.at),
        actor: e.actor.clone(),
        actor_href: filter_href(&[("actor", &e.actor)]),
        position: e.actor_position.clone(),
        action: e.action.clone(),
        action_label: AuditAction::from_code(&e.action).map(AuditAction::label),
        entity: e.entity.clone(),
        entity_label: AuditSubject::from_code(&e.entity).map(AuditSubject::label),
        entity_id: e.entity_id.clone(),
        record_href: filter_href(&[("entity", &e.entity), ("entity_id", &e.entity_id)]),
        summary: e.summary.clone(),
    }
}
