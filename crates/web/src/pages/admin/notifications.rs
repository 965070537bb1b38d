//! The notification desk of the admin's agency (issue 18 point 4): deliveries counted per
//! channel and state, the latest deliveries with their attempts and last error (filtered by
//! state), and sending a given-up delivery again (one transaction with its audit row in
//! storage). Sending is the server's job (`sikerja notify`, docs/notifications.md).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use sikerja_domain::notification::{Channel, DeliveryState};
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::StorageError;
use sikerja_storage::notification_admin::{AdminDelivery, DESK_ROWS};

use super::{Tab, administered_agency};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::views::Layout;

const HREF: &str = "/admin/pemberitahuan";

/// The page's query: a state filter and the notice after a retry.
#[derive(Debug, Default, Deserialize)]
pub struct DeskQuery {
    pub status: Option<String>,
    pub pesan: Option<String>,
}

/// One cell of the counts table.
pub struct CountRow {
    pub channel: &'static str,
    pub pending: i64,
    pub sent: i64,
    pub gave_up: i64,
}

/// A filter link.
pub struct Filter {
    pub href: String,
    pub label: &'static str,
    pub current: bool,
}

/// One delivery as the table shows it.
pub struct Line {
    pub id: i64,
    pub created_at: String,
    pub recipient: String,
    pub nip: String,
    pub kind: &'static str,
    pub title: String,
    pub link: String,
    pub channel: &'static str,
    pub state: &'static str,
    pub state_class: &'static str,
    pub attempts: i32,
    pub when: String,
    pub last_error: String,
    pub retryable: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/notifications.html")]
pub struct NotificationsPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    notice: Option<&'static str>,
    error: Option<String>,
    counts: Vec<CountRow>,
    filters: Vec<Filter>,
    lines: Vec<Line>,
    max_rows: u64,
}

fn line(d: AdminDelivery) -> Line {
    let (state_class, when) = match d.state {
        DeliveryState::Sent => ("ok", d.sent_at.map(format::date_time).unwrap_or_default()),
        DeliveryState::Pending => (
            "",
            format!("berikutnya {}", format::date_time(d.next_attempt_at)),
        ),
        DeliveryState::GaveUp => ("bad", String::new()),
    };
    Line {
        id: d.id,
        created_at: format::date_time(d.created_at),
        recipient: d.recipient_name,
        nip: d.recipient_nip,
        kind: d.kind.label(),
        title: d.title,
        link: d.link,
        channel: d.channel.label(),
        state: d.state.label(),
        state_class,
        attempts: d.attempts,
        when,
        last_error: d.last_error,
        retryable: d.state == DeliveryState::GaveUp,
    }
}

async fn page(
    state: &AppState,
    agency: AgencyId,
    filter: Option<DeliveryState>,
    notice: Option<&'static str>,
    error: Option<String>,
) -> Result<NotificationsPage, WebError> {
    let counted = state.store.delivery_counts(agency).await?;
    let counts = Channel::ALL
        .iter()
        .map(|&channel| {
            let n = |s: DeliveryState| {
                counted
                    .iter()
                    .find(|c| c.channel == channel && c.state == s)
                    .map_or(0, |c| c.count)
            };
            CountRow {
                channel: channel.label(),
                pending: n(DeliveryState::Pending),
                sent: n(DeliveryState::Sent),
                gave_up: n(DeliveryState::GaveUp),
            }
        })
        .collect();
    let mut filters = vec![Filter {
        href: HREF.to_string(),
        label: "Semua",
        current: filter.is_none(),
    }];
    filters.extend(DeliveryState::ALL.iter().map(|&s| Filter {
        href: format!("{HREF}?status={}", s.code()),
        label: s.label(),
        current: filter == Some(s),
    }));
    let lines = state
        .store
        .agency_deliveries(agency, filter)
        .await?
        .into_iter()
        .map(line)
        .collect();
    Ok(NotificationsPage {
        layout: super::layout("Pemberitahuan", HREF, state.demo_mode),
        tab: Tab::Notifications,
        agency_name: state.store.agency(agency).await?.name,
        notice,
        error,
        counts,
        filters,
        lines,
        max_rows: DESK_ROWS,
    })
}

/// `GET /admin/pemberitahuan[?status=pending|sent|gave_up]`
pub async fn show_notification_desk(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<DeskQuery>, QueryRejection>,
) -> Result<NotificationsPage, PageError> {
    let agency = administered_agency(&principal)?;
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let filter = match query.status.as_deref() {
        None | Some("") => None,
        Some(code) => Some(DeliveryState::from_code(code).ok_or_else(|| {
            WebError::invalid(
                "delivery_state_invalid",
                "Status pemberitahuan tidak dikenali.".to_string(),
            )
        })?),
    };
    let notice = match query.pesan.as_deref() {
        Some("dikirim-ulang") => Some(
            "Pemberitahuan dijadwalkan untuk dikirim ulang pada putaran pengiriman berikutnya.",
        ),
        _ => None,
    };
    Ok(page(&state, agency, filter, notice, None).await?)
}

/// `POST /admin/pemberitahuan/{id}/kirim-ulang` — sends a given-up delivery of the admin's
/// agency again.
pub async fn retry_notification(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    match state
        .store
        .retry_delivery(agency, id, &principal.audit_actor(None), Utc::now())
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("{HREF}?status=pending&pesan=dikirim-ulang")).into_response())
        }
        Err(StorageError::NotFound { .. }) => Err(PageError(WebError::NotFound { what: "page" })),
        Err(StorageError::Invalid { message, .. }) => {
            let page = page(&state, agency, None, None, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
