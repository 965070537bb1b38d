//! The header's links, rendered with the page (issue 15 point 11): what waits for the reader in
//! planning and assignments, and the admin and organisation links of those who may use them.
//! They were loaded by htmx after the page, which re-wrapped the header (a layout shift); now a
//! middleware loads them once before the handler and [`crate::views::Layout`] reads them.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::authz::Principal;

tokio::task_local! {
    /// The header links of the page being rendered.
    static MENU: HeaderMenu;
}

/// What the header shows a signed-in person besides their name.
#[derive(Debug, Clone, Default)]
pub struct HeaderMenu {
    /// Agreements to sign, plans to approve and expectations to acknowledge.
    pub planning_waiting: usize,
    /// Workflow steps and tasks waiting in the assignment inbox.
    pub assignment_waiting: usize,
    /// HR admin of their agency: the admin pages.
    pub administers: bool,
    /// HR admin or organisation keeper: organisation changes and structure.
    pub keeps_organisation: bool,
    /// Someone who may open a dashboard (issue 18): the "Dasbor" link.
    pub dashboards: bool,
}

/// The header links of the current request (none outside a page request).
pub(crate) fn current() -> HeaderMenu {
    MENU.try_with(Clone::clone).unwrap_or_default()
}

/// Loads the header links for a whole page asked by a signed-in person; fragments, forms and
/// everyone else go through untouched. A count that fails to load shows as nothing waiting:
/// the page itself still answers.
pub(crate) async fn load_header_menu(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let principal = request.extensions().get::<Principal>().cloned();
    let page = request.method() == Method::GET && !super::wants_fragment(request.headers());
    let Some(principal) = principal.filter(|p| page && p.actor().is_some()) else {
        return next.run(request).await;
    };
    let menu = HeaderMenu::load(&state, &principal).await;
    MENU.scope(menu, next.run(request)).await
}

impl HeaderMenu {
    async fn load(state: &AppState, principal: &Principal) -> HeaderMenu {
        let planning_waiting = match super::planning::index::waiting_for(state, principal).await {
            Ok(w) => w.total(),
            Err(e) => {
                tracing::warn!(error = ?e, "header: planning count not loaded");
                0
            }
        };
        let assignment_waiting = match principal.planning_actor(None) {
            Ok(by) => state.store.inbox_count(&by).await.unwrap_or_else(|e| {
                tracing::warn!(error = ?e, "header: assignment count not loaded");
                0
            }),
            Err(_) => 0,
        };
        HeaderMenu {
            planning_waiting,
            assignment_waiting,
            administers: super::admin::administered_agency(principal).is_ok(),
            keeps_organisation: super::org_changes::kept_agency(principal).is_ok(),
            dashboards: super::dashboards::offers_any(principal),
        }
    }
}
