//! Authorisation of every route, pages and API alike, in one place (issue 3 point 4).
//!
//! Each route is registered together with its [`Access`] rule ([`PageRoutes`] for pages,
//! [`api_access`] for the API). The [`authorise`] middleware finds the rule of the matched
//! route, works out who is asking ([`Principal`]: a signed-in person with the roles their
//! positions give *now*, an API token, or nobody) and lets the request through or answers
//! 401/403. A route without a rule is refused. Handlers that list things narrow the list with
//! [`Principal::scope`].

mod records;
mod routes;

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use sikerja_domain::access::{Action, Actor, GrantedRole, Role};
use sikerja_domain::changes::ChangeArea;
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId};
use sikerja_storage::{ApiTokenView, AuditActor, StorageError, Store};
use tower_sessions::Session;

use crate::auth::{Account, SignedIn};
use crate::error::{ApiError, PageError, WebError};

pub use records::require_assignment;
pub use routes::PageRoutes;

/// The rule of one route. `{id}` in the path names the object the rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// Anyone, signed in or not (sign-in page, the rule catalogue, static files).
    Public,
    /// Any signed-in person or valid API token; lists are narrowed by [`Principal::scope`].
    SignedIn,
    /// `{id}` is a department the person works in, or in an agency they oversee.
    Department,
    /// `{id}` is a department where the person may record placements (KED-09).
    DecideDepartment,
    /// `{id}` is an employee the person may see.
    Employee,
    /// `{id}` is an agency the person belongs to (or a token reaches).
    Agency,
    /// `{id}` is an agency the person administers (HR admin) or a write token reaches.
    AdministerAgency,
    /// `{id}` is an agency whose organisation the person may change in some area
    /// (`Action::RecordOrgChange`: the HR admin, or the organisation keeper for units and
    /// positions), or a token reaching it (a write token for changes). The handler checks
    /// each change by its area.
    OrgChanges,
    /// HR admin of their own agency (admin pages), or a write token (API writes whose
    /// target is in the body: the handler checks the agency).
    Administer,
    /// Reads the audit trail of their own agency (`Action::ReadAudit`: HR admin, Sekda).
    ReadAudit,
    /// Keeps the organisation of their own agency (issue 14): its HR admin or its
    /// `organisation_keeper` (Admin Bagian Organisasi), never a token. The handler checks
    /// `Action::RecordOrgChange { agency, area }` for each change (staff: HR admin only).
    KeepOrganisation,
    /// Checked by the handler against the object named in the body (e.g. the employee of a
    /// manual placement); requires a signed-in person or a write token to get there.
    Write,
    /// A signed-in person, never a token: planning and assignment decisions are taken by the
    /// holder of the position a step names (PEN-18), which storage checks inside the change.
    Official,
    /// `{id}` is a performance agreement in a department the person may see (or an agency a
    /// token reaches).
    Agreement,
    /// `{id}` is a target of such an agreement.
    Target,
    /// `{id}` is an activity plan of such an agreement.
    Plan,
    /// `{id}` names an assignment, its request or one of its letters (issue 5). The handler
    /// loads the record and lets through whoever may see its assignment
    /// ([`records::require_assignment`]): people who see the whole agency (Bupati, Sekda, HR
    /// admin), the people involved in it (members, heads of the owner unit, holders of a step
    /// or a copy of its request) and tokens reaching its agency. Checked there so that the
    /// record is read once.
    AssignmentRecord,
    /// `{id}` is a business-process map of the person's own agency (issue 17); people only.
    /// Writes are then the keeper's, which storage checks (`process_map::may_keep`).
    ProcessMap,
}

/// Who is asking.
#[derive(Debug, Clone)]
pub enum Principal {
    /// Nobody signed in, no token.
    Anonymous,
    /// A signed-in person and the roles their positions give them now.
    Person { user: SignedIn, actor: Arc<Actor> },
    /// Another SPBE system with an API token.
    Token(ApiTokenView),
}

/// How far a principal's view reaches, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every agency (an unscoped token).
    All,
    /// One whole agency.
    Agency(AgencyId),
    /// Some departments of one agency.
    Departments(AgencyId, Vec<DepartmentId>),
    /// Nothing.
    Nothing,
}

impl Scope {
    /// Whether `agency` is visible at all.
    pub fn reaches_agency(&self, agency: AgencyId) -> bool {
        match self {
            Scope::All => true,
            Scope::Agency(a) | Scope::Departments(a, _) => *a == agency,
            Scope::Nothing => false,
        }
    }

    /// Whether a department of `agency` is visible.
    pub fn reaches_department(&self, agency: AgencyId, department: DepartmentId) -> bool {
        match self {
            Scope::All => true,
            Scope::Agency(a) => *a == agency,
            Scope::Departments(a, ds) => *a == agency && ds.contains(&department),
            Scope::Nothing => false,
        }
    }
}

impl Scope {
    /// The agency and department filters of a page's list without a chosen filter: the
    /// whole scope, or for someone in several departments the first (their own).
    pub fn page_filter(&self) -> Result<(Option<AgencyId>, Option<DepartmentId>), WebError> {
        match self {
            Scope::All => Ok((None, None)),
            Scope::Agency(a) => Ok((Some(*a), None)),
            Scope::Departments(a, ds) => match ds.first() {
                Some(d) => Ok((Some(*a), Some(*d))),
                None => Err(forbidden()),
            },
            Scope::Nothing => Err(WebError::Unauthenticated),
        }
    }

    /// Narrows the agency and department filters of a list to this scope: a filter outside
    /// it is refused (403), a missing one is filled in where the scope names one.
    pub fn narrow(
        &self,
        agency: Option<AgencyId>,
        department: Option<DepartmentId>,
    ) -> Result<(Option<AgencyId>, Option<DepartmentId>), WebError> {
        match self {
            Scope::All => Ok((agency, department)),
            Scope::Nothing => Err(forbidden()),
            Scope::Agency(a) => match agency {
                Some(x) if x != *a => Err(forbidden()),
                _ => Ok((Some(*a), department)),
            },
            Scope::Departments(a, ds) => {
                if agency.is_some_and(|x| x != *a) {
                    return Err(forbidden());
                }
                match (department, ds.as_slice()) {
                    (Some(d), _) if ds.contains(&d) => Ok((Some(*a), Some(d))),
                    (Some(_), _) | (None, []) => Err(forbidden()),
                    (None, [only]) => Ok((Some(*a), Some(*only))),
                    (None, _) => Err(WebError::invalid(
                        "department_required",
                        "Pilih Perangkat Daerah (parameter department): Anda bertugas di lebih dari satu.",
                    )),
                }
            }
        }
    }
}

impl Principal {
    /// The actor of a signed-in person.
    pub fn actor(&self) -> Option<&Actor> {
        match self {
            Principal::Person { actor, .. } => Some(actor),
            _ => None,
        }
    }

    /// What lists may show to this principal.
    pub fn scope(&self) -> Scope {
        match self {
            Principal::Anonymous => Scope::Nothing,
            Principal::Token(t) => t.agency.map_or(Scope::All, Scope::Agency),
            Principal::Person { actor, .. } => {
                let Some(agency) = actor.facts().agency else {
                    return Scope::Nothing;
                };
                if actor.sees_agency(agency) {
                    Scope::Agency(agency)
                } else {
                    let mut ds: Vec<DepartmentId> = actor.departments().collect();
                    ds.sort_unstable();
                    ds.dedup();
                    Scope::Departments(agency, ds)
                }
            }
        }
    }

    /// The audit actor of this principal, acting in `department` if that matters.
    pub fn audit_actor(&self, department: Option<DepartmentId>) -> AuditActor {
        match self {
            Principal::Anonymous => AuditActor {
                label: "anonim".into(),
                position: None,
            },
            Principal::Token(t) => AuditActor {
                label: format!("token API {} ({})", t.name, t.prefix),
                position: None,
            },
            Principal::Person { user, actor } => crate::auth::audit_actor(
                user,
                actor.position_for(department).map(|p| match p.acting {
                    Some(kind) => format!("{} {}", kind.label(), p.name),
                    None => p.name.clone(),
                }),
            ),
        }
    }

    /// Who asks for a planning change (storage checks the positions inside the change): a
    /// signed-in official, or a regional head for the agreements they countersign. Tokens
    /// and nobody are refused.
    pub fn planning_actor(
        &self,
        department: Option<DepartmentId>,
    ) -> Result<sikerja_storage::planning::PlanningActor, WebError> {
        match self {
            Principal::Person { actor, .. } => {
                let facts = actor.facts();
                Ok(sikerja_storage::planning::PlanningActor {
                    employee: facts.employee,
                    regional_head_of: facts
                        .regional_head
                        .filter(|k| *k == sikerja_domain::access::RegionalHeadKind::Head)
                        .and(facts.agency),
                    audit: self.audit_actor(department),
                })
            }
            Principal::Anonymous => Err(WebError::Unauthenticated),
            Principal::Token(_) => Err(official_only()),
        }
    }

    /// Refuses unless the person may do `action` (a token: unless it reaches the agency and,
    /// for changes, may write).
    pub fn require(&self, action: Action) -> Result<(), WebError> {
        let allowed = match self {
            Principal::Anonymous => return Err(WebError::Unauthenticated),
            Principal::Person { actor, .. } => actor.may(action),
            Principal::Token(t) => {
                let (agency, write) = match action {
                    Action::ViewDepartment { agency, .. }
                    | Action::ViewEmployee { agency, .. }
                    | Action::ReadAudit { agency } => (agency, false),
                    Action::DecidePlacement { agency, .. }
                    | Action::AdministerAgency { agency }
                    | Action::RecordOrgChange { agency, .. } => (agency, true),
                };
                t.agency.is_none_or(|a| a == agency) && (t.can_write || !write)
            }
        };
        if allowed { Ok(()) } else { Err(forbidden()) }
    }
}

/// Planning and assignment decisions are taken by officials signed in with their own account.
pub(crate) fn official_only() -> WebError {
    WebError::Forbidden {
        code: "official_only",
        message: "Keputusan perencanaan dan penugasan diambil oleh pejabat yang masuk dengan akunnya, bukan melalui token API.".into(),
    }
}

fn forbidden() -> WebError {
    WebError::forbidden(
        "Anda tidak berwenang untuk halaman atau tindakan ini: hak akses mengikuti jabatan yang Anda duduki atau peran yang diberikan.",
    )
}

impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Principal>()
            .cloned()
            .unwrap_or(Principal::Anonymous))
    }
}

/// The rule of every route: `(method, path pattern)` → [`Access`].
#[derive(Debug, Clone, Default)]
pub struct RouteTable(HashMap<(Method, String), Access>);

impl RouteTable {
    /// Adds one route's rule.
    pub fn insert(&mut self, method: Method, path: &str, access: Access) {
        self.0.insert((method, path.to_string()), access);
    }

    /// The rule of a route.
    pub fn get(&self, method: &Method, path: &str) -> Option<Access> {
        let method = if *method == Method::HEAD {
            Method::GET
        } else {
            method.clone()
        };
        self.0.get(&(method, path.to_string())).copied()
    }

    /// The methods `path` (a route pattern) answers, for the `Allow` header of a 405:
    /// `HEAD` with `GET`, sorted.
    pub fn methods(&self, path: &str) -> Vec<String> {
        let mut methods: Vec<String> = self
            .0
            .keys()
            .filter(|(_, p)| p == path)
            .flat_map(|(m, _)| {
                let head = (*m == Method::GET).then(|| Method::HEAD.to_string());
                std::iter::once(m.to_string()).chain(head)
            })
            .collect();
        methods.sort();
        methods.dedup();
        methods
    }

    /// Every route with its rule, sorted (for the matrix test and the docs).
    pub fn entries(&self) -> Vec<(Method, String, Access)> {
        let mut all: Vec<_> = self
            .0
            .iter()
            .map(|((m, p), a)| (m.clone(), p.clone(), *a))
            .collect();
        all.sort_by(|a, b| (a.1.as_str(), a.0.as_str()).cmp(&(b.1.as_str(), b.0.as_str())));
        all
    }

    fn extend(&mut self, other: RouteTable) {
        self.0.extend(other.0);
    }
}

/// The rules of the API routes, keyed like the OpenAPI document's paths.
pub fn api_access() -> RouteTable {
    let mut t = RouteTable::default();
    for (method, path, access) in [
        (Method::GET, "/api/v1/agencies", Access::SignedIn),
        // Issue 18: the handler asks the domain's `dashboard::scope` (a token: its agency).
        (Method::GET, "/api/v1/dashboards/{kind}", Access::SignedIn),
        (Method::GET, "/api/v1/agencies/{id}", Access::Agency),
        (
            Method::GET,
            "/api/v1/agencies/{id}/export",
            Access::AdministerAgency,
        ),
        (Method::POST, "/api/v1/agencies/import", Access::Administer),
        (
            Method::GET,
            "/api/v1/agencies/{id}/policies",
            Access::Agency,
        ),
        (
            Method::POST,
            "/api/v1/agencies/{id}/policies",
            Access::AdministerAgency,
        ),
        // Issue 14 point 6: the fields of experience — read by those who reach the agency,
        // replaced by its HR admin.
        (
            Method::GET,
            "/api/v1/agencies/{id}/experience-fields",
            Access::Agency,
        ),
        (
            Method::PUT,
            "/api/v1/agencies/{id}/experience-fields",
            Access::AdministerAgency,
        ),
        (
            Method::GET,
            "/api/v1/agencies/{id}/regional-heads",
            Access::AdministerAgency,
        ),
        (
            Method::POST,
            "/api/v1/agencies/{id}/regional-heads",
            Access::AdministerAgency,
        ),
        (
            Method::POST,
            "/api/v1/agencies/{id}/regional-heads/end",
            Access::AdministerAgency,
        ),
        // Dated organisation changes by natural keys (issue 14 point 3).
        (
            Method::GET,
            "/api/v1/agencies/{id}/org-changes",
            Access::OrgChanges,
        ),
        (
            Method::POST,
            "/api/v1/agencies/{id}/org-changes",
            Access::OrgChanges,
        ),
        (
            Method::POST,
            "/api/v1/agencies/{id}/org-changes/preview",
            Access::OrgChanges,
        ),
        (
            Method::POST,
            "/api/v1/agencies/{id}/org-changes/{change_id}/cancel",
            Access::OrgChanges,
        ),
        (
            Method::POST,
            "/api/v1/agencies/{id}/org-changes/upload",
            Access::OrgChanges,
        ),
        (
            Method::GET,
            "/api/v1/org-changes/template.xlsx",
            Access::SignedIn,
        ),
        (Method::GET, "/api/v1/departments", Access::SignedIn),
        (Method::GET, "/api/v1/departments/{id}", Access::Department),
        (
            Method::GET,
            "/api/v1/departments/{id}/units",
            Access::Department,
        ),
        (
            Method::GET,
            "/api/v1/departments/{id}/positions",
            Access::Department,
        ),
        (
            Method::GET,
            "/api/v1/departments/{id}/span-of-control",
            Access::Department,
        ),
        (Method::GET, "/api/v1/employees", Access::SignedIn),
        (Method::GET, "/api/v1/employees/{id}", Access::Employee),
        (Method::GET, "/api/v1/placements", Access::SignedIn),
        (
            Method::GET,
            "/api/v1/employees/{id}/placement",
            Access::Employee,
        ),
        (Method::POST, "/api/v1/placements/manual", Access::Write),
        // Planning (issue 4): lists are narrowed by the handler; every change is an official's
        // (tokens refused), and storage checks holder or setter inside it.
        (Method::GET, "/api/v1/agreements", Access::SignedIn),
        (Method::POST, "/api/v1/agreements", Access::Official),
        (Method::GET, "/api/v1/agreements/{id}", Access::Agreement),
        (
            Method::POST,
            "/api/v1/agreements/{id}/targets",
            Access::Agreement,
        ),
        (
            Method::POST,
            "/api/v1/agreements/{id}/signatures",
            Access::Agreement,
        ),
        (
            Method::POST,
            "/api/v1/agreements/{id}/amendments",
            Access::Agreement,
        ),
        (
            Method::POST,
            "/api/v1/agreements/{id}/copies",
            Access::Agreement,
        ),
        (
            Method::POST,
            "/api/v1/agreements/{id}/dialogues",
            Access::Agreement,
        ),
        (Method::GET, "/api/v1/agreement-posts", Access::Official),
        (Method::PUT, "/api/v1/targets/{id}", Access::Target),
        (Method::DELETE, "/api/v1/targets/{id}", Access::Target),
        (Method::POST, "/api/v1/targets/{id}/cascade", Access::Target),
        (
            Method::POST,
            "/api/v1/targets/{id}/progress",
            Access::Target,
        ),
        (
            Method::POST,
            "/api/v1/targets/{id}/activity-plans",
            Access::Target,
        ),
        (
            Method::GET,
            "/api/v1/departments/{id}/targets",
            Access::Department,
        ),
        (Method::GET, "/api/v1/expectations", Access::SignedIn),
        (Method::POST, "/api/v1/expectations", Access::Official),
        (
            Method::POST,
            "/api/v1/expectations/{id}/acknowledgement",
            Access::Official,
        ),
        (Method::GET, "/api/v1/activity-plans/{id}", Access::Plan),
        (
            Method::POST,
            "/api/v1/activity-plans/{id}/versions",
            Access::Plan,
        ),
        (
            Method::POST,
            "/api/v1/activity-plans/{id}/submission",
            Access::Plan,
        ),
        (
            Method::POST,
            "/api/v1/activity-plans/{id}/approval",
            Access::Plan,
        ),
        (
            Method::POST,
            "/api/v1/activity-plans/{id}/return",
            Access::Plan,
        ),
        // Assignments (issue 5): drafting, steps, nudges and the inbox are an official's
        // (tokens refused) and storage decides who holds each step (PEN-18); records are read
        // by whoever may see their assignment (checked by the handler), tokens included.
        (Method::POST, "/api/v1/assignments/check", Access::Official),
        (Method::POST, "/api/v1/assignments", Access::Official),
        (Method::GET, "/api/v1/assignments", Access::Official),
        (
            Method::GET,
            "/api/v1/assignments/candidates",
            Access::Official,
        ),
        (
            Method::GET,
            "/api/v1/assignments/{id}",
            Access::AssignmentRecord,
        ),
        (Method::PUT, "/api/v1/assignments/{id}", Access::Official),
        (
            Method::POST,
            "/api/v1/assignments/{id}/request",
            Access::Official,
        ),
        (
            Method::GET,
            "/api/v1/requests/{id}",
            Access::AssignmentRecord,
        ),
        (
            Method::POST,
            "/api/v1/requests/{id}/steps",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/requests/{id}/nudges",
            Access::Official,
        ),
        (Method::GET, "/api/v1/inbox", Access::Official),
        (Method::POST, "/api/v1/inbox/{task}/read", Access::Official),
        (
            Method::GET,
            "/api/v1/letters/{id}",
            Access::AssignmentRecord,
        ),
        (Method::GET, "/api/v1/workflows", Access::SignedIn),
        // Business-process maps (issue 17): the agency's people read, its keeper writes.
        (Method::GET, "/api/v1/process-maps", Access::SignedIn),
        (Method::GET, "/api/v1/process-maps/{id}", Access::ProcessMap),
        (
            Method::GET,
            "/api/v1/process-maps/{id}/versions/{n}",
            Access::ProcessMap,
        ),
        (
            Method::POST,
            "/api/v1/process-maps/{id}/versions",
            Access::ProcessMap,
        ),
        (
            Method::GET,
            "/api/v1/process-maps/{id}/reviews",
            Access::ProcessMap,
        ),
        (
            Method::POST,
            "/api/v1/process-maps/{id}/reviews",
            Access::ProcessMap,
        ),
        (
            Method::POST,
            "/api/v1/process-maps/{id}/lanes",
            Access::ProcessMap,
        ),
        (
            Method::GET,
            "/api/v1/letters/{id}/pdf",
            Access::AssignmentRecord,
        ),
        (
            Method::GET,
            "/api/v1/letters/{id}/docx",
            Access::AssignmentRecord,
        ),
        (
            Method::GET,
            "/api/v1/letters/{id}/issues",
            Access::AssignmentRecord,
        ),
        (Method::POST, "/api/v1/letters/{id}/issue", Access::Official),
        (
            Method::POST,
            "/api/v1/letters/{id}/cancel",
            Access::Official,
        ),
        // Execution (issue 13): what a person reads and does depends on the part they play in
        // the work, which storage checks; tokens are refused (`official_only`).
        (
            Method::GET,
            "/api/v1/assignments/{id}/work",
            Access::Official,
        ),
        (
            Method::PUT,
            "/api/v1/assignments/{id}/breakdown",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assignments/{id}/reports",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assignments/{id}/report-requests",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assignments/{id}/feedback",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/feedback/{id}/acknowledgement",
            Access::Official,
        ),
        (Method::GET, "/api/v1/reports/{id}", Access::Official),
        // An approved activity plan, carried out like individual work (MEK-04).
        (
            Method::GET,
            "/api/v1/activity-plans/{id}/work",
            Access::Official,
        ),
        (
            Method::PUT,
            "/api/v1/activity-plans/{id}/breakdown",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/activity-plans/{id}/reports",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/activity-plans/{id}/report-requests",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/activity-plans/{id}/feedback",
            Access::Official,
        ),
        // Problems and constraints of a team (LAP-05).
        (
            Method::GET,
            "/api/v1/assignments/{id}/issues",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assignments/{id}/issues",
            Access::Official,
        ),
        (Method::GET, "/api/v1/issues/{id}", Access::Official),
        (
            Method::POST,
            "/api/v1/issues/{id}/decisions",
            Access::Official,
        ),
        (Method::POST, "/api/v1/issues/{id}/nudge", Access::Official),
        // Results up the review chain (MEK-05).
        (
            Method::GET,
            "/api/v1/assignments/{id}/results",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assignments/{id}/results",
            Access::Official,
        ),
        (Method::GET, "/api/v1/results/{id}", Access::Official),
        (
            Method::POST,
            "/api/v1/results/{id}/resubmission",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/results/{id}/decisions",
            Access::Official,
        ),
        // Performance assessment (issue 16): an official's (tokens get 403 `official_only`);
        // storage asks the domain who may read and act on an assessment (KIN-01..04, STR-06).
        (Method::GET, "/api/v1/assessments", Access::Official),
        (Method::POST, "/api/v1/assessments", Access::Official),
        (Method::GET, "/api/v1/assessments/{id}", Access::Official),
        (
            Method::PUT,
            "/api/v1/assessments/{id}/rating",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assessments/{id}/finalise",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assessments/{id}/acknowledge",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assessments/{id}/objection",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assessments/{id}/objection/uphold",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assessments/{id}/objection/dismiss",
            Access::Official,
        ),
        (
            Method::POST,
            "/api/v1/assessments/{id}/reopen",
            Access::Official,
        ),
        (
            Method::PUT,
            "/api/v1/assessments/{id}/follow-up",
            Access::Official,
        ),
        (Method::POST, "/api/v1/member-reports", Access::Official),
        (Method::POST, "/api/v1/recommendations", Access::Official),
        // The agency's side (BKPSDM): progress, the curve's changes and the e-Kinerja export
        // are its HR admin's (or a write token's); the curve and distribution are read by
        // those who reach the agency.
        (
            Method::GET,
            "/api/v1/agencies/{id}/assessment-progress",
            Access::AdministerAgency,
        ),
        (
            Method::GET,
            "/api/v1/agencies/{id}/curves/{year}",
            Access::Agency,
        ),
        (
            Method::PUT,
            "/api/v1/agencies/{id}/curves/{year}",
            Access::AdministerAgency,
        ),
        (
            Method::GET,
            "/api/v1/agencies/{id}/ekinerja-export",
            Access::AdministerAgency,
        ),
        (
            Method::GET,
            "/api/v1/agencies/{id}/follow-ups",
            Access::AdministerAgency,
        ),
        (Method::GET, "/api/v1/verify/{code}", Access::Public),
    ] {
        t.insert(method, path, access);
    }
    t
}

/// The rules of every route of the application.
pub fn route_table(pages: RouteTable) -> RouteTable {
    let mut t = pages;
    t.extend(api_access());
    t
}

/// Reads who is asking: a bearer token on `/api/`, else the session's person with the facts
/// of the positions they hold right now.
async fn principal(store: &Store, session: &Session, parts: &Parts) -> Result<Principal, WebError> {
    let is_api = parts.uri.path().starts_with("/api/");
    if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
        if !is_api {
            return Ok(Principal::Anonymous);
        }
        let secret = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(WebError::Unauthenticated)?;
        return match store.api_token_by_secret(secret).await? {
            Some(token) => Ok(Principal::Token(token)),
            None => Err(WebError::Unauthenticated),
        };
    }
    let Some(user) = crate::auth::signed_in(session).await.map_err(|e| e.0)? else {
        return Ok(Principal::Anonymous);
    };
    let facts = match user.account {
        Account::Employee(id) => store.actor_facts(EmployeeId(id)).await,
        Account::RegionalHead(id) => store.regional_head_facts(id).await,
    };
    match facts {
        Ok(facts) => Ok(Principal::Person {
            user,
            actor: Arc::new(Actor::new(facts)),
        }),
        // The account's person was removed (e.g. by an import): the session is worthless.
        Err(StorageError::NotFound { .. }) => Ok(Principal::Anonymous),
        Err(e) => Err(e.into()),
    }
}

/// The `{id}` of the matched path.
fn path_id(params: &RawPathParams) -> Option<i64> {
    params
        .iter()
        .find(|(k, _)| *k == "id")
        .and_then(|(_, v)| v.parse().ok())
}

async fn department_of(store: &Store, id: i64) -> Result<(AgencyId, DepartmentId), WebError> {
    let d = store.department(DepartmentId(id)).await?;
    Ok((d.agency, d.id))
}

/// Checks `access` for the object `{id}` names. Unknown objects answer 404 first, so that a
/// refusal never reveals more than a missing page would... for those who may see them.
async fn check(
    store: &Store,
    principal: &Principal,
    access: Access,
    id: Option<i64>,
    method: &Method,
) -> Result<(), WebError> {
    let missing = || WebError::NotFound { what: "page" };
    match access {
        Access::Public => Ok(()),
        _ if matches!(principal, Principal::Anonymous) => Err(WebError::Unauthenticated),
        Access::SignedIn => Ok(()),
        // The handler checks the object named in the body; here only whether the principal
        // may decide anything at all (a head of a Unit Organisasi, an HR admin, a write token).
        Access::Write => match principal {
            Principal::Token(t) if !t.can_write => Err(forbidden()),
            Principal::Person { actor, .. }
                if !actor.roles().iter().any(|r| {
                    matches!(
                        r,
                        Role::UnitOrganisationHead { .. }
                            | Role::Granted {
                                role: GrantedRole::HrAdmin,
                                ..
                            }
                    )
                }) =>
            {
                Err(forbidden())
            }
            _ => Ok(()),
        },
        Access::Administer => match principal {
            Principal::Token(t) if t.can_write => Ok(()),
            Principal::Token(_) => Err(forbidden()),
            Principal::Person { actor, .. } => match actor.facts().agency {
                Some(agency) => principal.require(Action::AdministerAgency { agency }),
                None => Err(forbidden()),
            },
            Principal::Anonymous => Err(WebError::Unauthenticated),
        },
        Access::ReadAudit => match principal {
            Principal::Person { actor, .. } => match actor.facts().agency {
                Some(agency) => principal.require(Action::ReadAudit { agency }),
                None => Err(forbidden()),
            },
            _ => Err(forbidden()),
        },
        Access::KeepOrganisation => match principal {
            Principal::Person { actor, .. } => match actor.facts().agency {
                // Structural changes are the wider right: HR admin or organisation keeper.
                Some(agency) => principal.require(Action::RecordOrgChange {
                    agency,
                    area: sikerja_domain::changes::ChangeArea::Structure,
                }),
                None => Err(forbidden()),
            },
            _ => Err(forbidden()),
        },
        Access::Department | Access::DecideDepartment => {
            let (agency, department) = department_of(store, id.ok_or_else(missing)?).await?;
            let view = Action::ViewDepartment { agency, department };
            if access == Access::DecideDepartment && method != Method::GET {
                principal.require(view)?;
                principal.require(Action::DecidePlacement { agency, department })
            } else {
                principal.require(view)
            }
        }
        Access::Employee => {
            let e = store.employee(EmployeeId(id.ok_or_else(missing)?)).await?;
            principal.require(Action::ViewEmployee {
                agency: e.employee.agency,
                department: e.department.as_ref().map(|d| d.id),
                employee: e.employee.id,
            })
        }
        Access::Agency => {
            let agency = AgencyId(id.ok_or_else(missing)?);
            store.agency(agency).await?;
            if principal.scope().reaches_agency(agency) {
                Ok(())
            } else {
                Err(forbidden())
            }
        }
        Access::AdministerAgency => {
            let agency = AgencyId(id.ok_or_else(missing)?);
            store.agency(agency).await?;
            principal.require(Action::AdministerAgency { agency })
        }
        Access::OrgChanges => {
            let agency = AgencyId(id.ok_or_else(missing)?);
            store.agency(agency).await?;
            match principal {
                Principal::Token(t) => {
                    if t.agency.is_none_or(|a| a == agency)
                        && (*method == Method::GET || t.can_write)
                    {
                        Ok(())
                    } else {
                        Err(forbidden())
                    }
                }
                _ => principal
                    .require(Action::RecordOrgChange {
                        agency,
                        area: ChangeArea::Staff,
                    })
                    .or_else(|_| {
                        principal.require(Action::RecordOrgChange {
                            agency,
                            area: ChangeArea::Structure,
                        })
                    }),
            }
        }
        Access::Official => match principal {
            Principal::Person { .. } => Ok(()),
            _ => Err(official_only()),
        },
        // The handler reads the record and checks (see the variant).
        Access::AssignmentRecord => Ok(()),
        Access::ProcessMap => {
            let map = sikerja_storage::process_maps::ProcessMapId(id.ok_or_else(missing)?);
            let agency = store.process_map_agency(map).await?;
            match principal {
                Principal::Person { actor, .. } if actor.facts().agency == Some(agency) => Ok(()),
                Principal::Person { .. } => Err(forbidden()),
                // Issue 17 point 3: another system's token reads (never writes) the maps of
                // the agency it is scoped to.
                Principal::Token(t) if *method == Method::GET => {
                    if sikerja_domain::process_map::token_may_read(t.agency, agency) {
                        Ok(())
                    } else {
                        Err(forbidden())
                    }
                }
                _ => Err(official_only()),
            }
        }
        Access::Agreement | Access::Target | Access::Plan => {
            let id = id.ok_or_else(missing)?;
            let agreement = match access {
                Access::Target => store.target_agreement(id).await?,
                Access::Plan => store.plan_agreement(id).await?,
                _ => id,
            };
            let (agency, department) = store.agreement_scope(agreement).await?;
            match (principal, department) {
                (Principal::Person { .. }, Some(department)) => {
                    principal.require(Action::ViewDepartment { agency, department })
                }
                _ if principal.scope().reaches_agency(agency) => Ok(()),
                _ => Err(forbidden()),
            }
        }
    }
}

/// Answers 405 with `Allow` for a known path asked with a method it does not take, before the
/// CSRF check of pages could refuse it as a forgery: a wrong method is the client's mistake.
pub async fn refuse_other_methods(
    State(table): State<Arc<RouteTable>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(matched) = request.extensions().get::<MatchedPath>()
        && table.get(request.method(), matched.as_str()).is_none()
    {
        let allow = table.methods(matched.as_str());
        if !allow.is_empty() {
            let error = WebError::MethodNotAllowed {
                allow: allow.join(", "),
            };
            return if request.uri().path().starts_with("/api/") {
                ApiError(error).into_response()
            } else {
                PageError(error).into_response()
            };
        }
    }
    next.run(request).await
}

/// The authorisation middleware of the whole router (a `route_layer`, so it sees the matched
/// route). Puts the [`Principal`] into the request for the handlers.
pub async fn authorise(
    State((store, table)): State<(Store, Arc<RouteTable>)>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let is_api = request.uri().path().starts_with("/api/");
    let render = |e: WebError| {
        if is_api {
            ApiError(e).into_response()
        } else {
            PageError(e).into_response()
        }
    };
    let Some(matched) = matched else {
        tracing::error!(path = %request.uri().path(), "route without an access rule: refused");
        return render(forbidden());
    };
    let Some(access) = table.get(request.method(), matched.as_str()) else {
        // A known path asked with another method: the router has no handler for it, so this
        // is the client's mistake (405 with `Allow`), not a route missing its rule.
        let allow = table.methods(matched.as_str());
        if allow.is_empty() {
            tracing::error!(path = %request.uri().path(), "route without an access rule: refused");
            return render(forbidden());
        }
        return render(WebError::MethodNotAllowed {
            allow: allow.join(", "),
        });
    };
    let (mut parts, body) = request.into_parts();
    let params = RawPathParams::from_request_parts(&mut parts, &())
        .await
        .ok();
    let principal = match principal(&store, &session, &parts).await {
        Ok(p) => p,
        Err(e) => return render(e),
    };
    // The API takes no CSRF token in forms: a write made with a session cookie must carry
    // the session's token in a header, which another site cannot read or set.
    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if is_api
        && !safe
        && matches!(principal, Principal::Person { .. })
        && !crate::security::header_token_matches(&session, &parts.headers).await
    {
        return render(WebError::CsrfRejected);
    }
    let id = params.as_ref().and_then(path_id);
    if let Err(e) = check(&store, &principal, access, id, &parts.method).await {
        // A page asked for without a session: sign in, then come back to it (issue 15
        // point 8). Not for htmx fragments, which are parts of another page.
        if !is_api
            && matches!(e, WebError::Unauthenticated)
            && parts.method == Method::GET
            && !parts.headers.contains_key("hx-request")
        {
            return Redirect::to(&crate::auth::sign_in_location(&parts.uri)).into_response();
        }
        return render(e);
    }
    parts.extensions.insert(principal);
    next.run(Request::from_parts(parts, body)).await
}

/// Shortcut for handlers: the actor of a signed-in person, or 403 for tokens and 401 for
/// nobody (pages that only people use).
pub fn person(principal: &Principal) -> Result<&Actor, PageError> {
    match principal {
        Principal::Person { actor, .. } => Ok(actor),
        Principal::Anonymous => Err(PageError(WebError::Unauthenticated)),
        Principal::Token(_) => Err(PageError(forbidden())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_reach_what_they_name() {
        let a = AgencyId(1);
        let d = DepartmentId(5);
        assert!(Scope::All.reaches_department(AgencyId(9), d));
        assert!(Scope::Agency(a).reaches_department(a, d));
        assert!(!Scope::Agency(a).reaches_agency(AgencyId(2)));
        assert!(Scope::Departments(a, vec![d]).reaches_department(a, d));
        assert!(!Scope::Departments(a, vec![d]).reaches_department(a, DepartmentId(6)));
        assert!(!Scope::Nothing.reaches_agency(a));
    }

    #[test]
    fn every_api_route_of_the_openapi_document_has_a_rule() {
        let table = api_access();
        let doc = crate::api::openapi();
        for (path, item) in doc.paths.paths.iter() {
            for (method, op) in [
                (Method::GET, item.get.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::DELETE, item.delete.is_some()),
                (Method::PATCH, item.patch.is_some()),
            ] {
                if op {
                    assert!(
                        table.get(&method, path).is_some(),
                        "{method} {path} has no access rule"
                    );
                }
            }
        }
    }
}
