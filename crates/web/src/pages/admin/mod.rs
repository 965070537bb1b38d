//! Administration of an agency by its HR admin (Admin BKPSDM, issue 3 points 3, 5 and 6):
//! granted roles, the regional heads' terms (issue 14 point 4), API tokens, the reporting
//! settings (issue 13), the agency's dated policies (issue 14 point 5), its fields of experience
//! (issue 14 point 6), the upload of the whole agency (issue 14 point 3), the numbering registers
//! and letterheads (issue 15 point 8), the notification desk (issue 18) and the audit trail.
//! Every page is registered with
//! `Access::Administer`; the handlers work on the admin's own agency only and re-check it
//! with [`administered_agency`], so a page never reaches another agency's records.

pub mod assessments;
pub mod audit;
pub mod experience_fields;
pub mod import;
pub mod letters;
pub mod notifications;
pub mod policies;
pub mod regional_heads;
pub mod reporting;
pub mod roles;
pub mod tokens;

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sikerja_domain::access::Action;
use sikerja_domain::organisation::AgencyId;

use crate::authz::{Principal, person};
use crate::error::{PageError, WebError};
use crate::views::Layout;

/// The admin's agency: the agency of the signed-in person, who must be its HR admin.
/// Tokens and regional heads never administer through the pages.
pub(crate) fn administered_agency(principal: &Principal) -> Result<AgencyId, PageError> {
    let actor = person(principal)?;
    let agency = actor.facts().agency.ok_or_else(not_admin)?;
    principal.require(Action::AdministerAgency { agency })?;
    Ok(agency)
}

/// The agency whose audit trail the signed-in person reads (Action::ReadAudit: the HR admin
/// or the Sekda). The route's rule decides who gets this far; this names the agency.
pub(crate) fn audited_agency(principal: &Principal) -> Result<AgencyId, PageError> {
    let actor = person(principal)?;
    let agency = actor.facts().agency.ok_or_else(not_admin)?;
    principal.require(Action::ReadAudit { agency })?;
    Ok(agency)
}

fn not_admin() -> PageError {
    PageError(WebError::forbidden(
        "Halaman administrasi hanya untuk Admin BKPSDM instansi Anda.",
    ))
}

/// The admin pages' layout: title and breadcrumbs.
pub(crate) fn layout(title: &str, href: &str, demo_mode: bool) -> Layout {
    Layout::new(title, demo_mode)
        .crumb("Administrasi", "/admin/peran")
        .crumb(title, href)
}

/// The tab of the admin pages that is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Roles,
    RegionalHeads,
    Tokens,
    Reporting,
    Policies,
    /// The fields of experience (issue 14 point 6).
    ExperienceFields,
    /// The upload of the whole agency (issue 14 point 3).
    Import,
    /// Numbering registers and letterheads (issue 15 point 8).
    Letters,
    /// Performance assessments: progress, distribution, curve, export (issue 16).
    Assessments,
    /// The notification desk: deliveries, failures, sending again (issue 18 point 4).
    Notifications,
    Audit,
}

/// The header links to the admin pages and the organisation changes (issue 14), loaded by
/// htmx after the page (the layout does not know the roles of the person).
#[derive(Template, WebTemplate)]
#[template(path = "admin/menu.html")]
pub struct AdminMenu {
    /// HR admin: the admin pages.
    administers: bool,
    /// HR admin or organisation keeper: the organisation changes.
    keeps_organisation: bool,
}

/// `GET /admin/menu` — the links for HR admins and organisation keepers; 204 (nothing to
/// show) for everyone else.
pub async fn show_admin_menu(principal: Principal) -> Response {
    let menu = AdminMenu {
        administers: administered_agency(&principal).is_ok(),
        keeps_organisation: crate::pages::org_changes::kept_agency(&principal).is_ok(),
    };
    if menu.administers || menu.keeps_organisation {
        menu.into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    }
}

/// Turns an empty or blank form field into `None`, and trims the rest.
pub(crate) fn filled(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}
