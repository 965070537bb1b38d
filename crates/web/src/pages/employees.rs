//! The employee page: identity, position, acting posts, placement with rule and article, its
//! history, the recorded organisation changes naming the employee and, for the HR admin, the
//! links to record the next one (issue 14 point 1); assignments and performance agreements
//! (issue 15 point 8, [`super::employee_work`]); ratings, experience.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_domain::changes::ChangeArea;
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::PositionView;

use super::organisation::history::{self, ChangeLine};
use super::organisation::links::{ChangeLink, Rights, Subject, links, new_change_href};
use crate::AppState;
use crate::audit_sentences::{self, AuditRow, Reader};
use crate::authz::Principal;
use crate::error::PageError;
use crate::extract::Id;
use crate::format;
use crate::views::{Layout, OfficialCell, PlacementRow, decider_names};
use sikerja_domain::access::Action;

/// A position held or acted in, with its unit.
pub struct PostLine {
    pub name: String,
    pub class_label: &'static str,
    pub level: Option<&'static str>,
    pub unit_name: String,
    pub acting: Option<&'static str>,
}

impl PostLine {
    fn new(p: &PositionView, acting: Option<&'static str>) -> Self {
        PostLine {
            name: p.position.name.clone(),
            class_label: p.position.class.short_label(),
            level: p.position.functional_level.map(|l| l.label()),
            unit_name: p.unit_name.clone(),
            acting,
        }
    }
}

/// Staff changes offered on every profile (issue 14 point 1; HR admin only).
const STAFF_CHANGES: [(&str, &str, ChangeArea); 3] = [
    ("appoint", "Mutasi/pengangkatan", ChangeArea::Staff),
    ("set_grade", "Kenaikan pangkat", ChangeArea::Staff),
    ("name_acting", "Tunjuk sebagai Plt./Plh.", ChangeArea::Staff),
];
/// Offered to someone holding a post.
const HOLDER_CHANGES: [(&str, &str, ChangeArea); 1] =
    [("vacate", "Bebaskan dari jabatan", ChangeArea::Staff)];
/// Leaving the service, offered last.
const LEAVE_CHANGES: [(&str, &str, ChangeArea); 1] =
    [("leave", "Berhenti/pensiun", ChangeArea::Staff)];

/// One change of the PPK (KED-11).
pub struct HistoryLine {
    pub date: String,
    pub assessor: Option<OfficialCell>,
    pub rule_id: String,
    pub article: String,
    pub manual: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "employees/show.html")]
pub struct EmployeePage {
    layout: Layout,
    name: String,
    nip: String,
    grade: String,
    employment: &'static str,
    education: &'static str,
    from_equalization: bool,
    agency_name: String,
    department: Option<(i64, String)>,
    post: Option<PostLine>,
    /// Every post acted in (Plt./Plh.), each with its link to end it for the HR admin.
    acting: Vec<(PostLine, Option<ChangeLink>)>,
    placement: Option<PlacementRow>,
    history: Vec<HistoryLine>,
    ratings: Vec<(u16, &'static str)>,
    experience: Vec<(String, u8)>,
    /// The record's own audit history, for the person themself and those who read the audit
    /// trail of the agency (BKPSDM admin, Sekda); `None` for everyone else.
    audit: Option<Vec<AuditRow>>,
    /// The recorded changes naming the employee (issue 14 point 1), for the person themself,
    /// the HR admin and the audit readers; `None` for everyone else.
    changes: Option<Vec<ChangeLine>>,
    /// Links to the change forms, for the HR admin (`Action::RecordOrgChange`, staff).
    change_links: Vec<ChangeLink>,
    /// Assignments and performance agreements (issue 15 point 8).
    work: super::employee_work::EmployeeWork,
}

/// `GET /pegawai/{id}`
pub async fn show_employee(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<EmployeePage, PageError> {
    let view = state.store.employee(EmployeeId(id)).await?;
    let own = principal
        .actor()
        .is_some_and(|a| a.facts().employee == Some(EmployeeId(id)));
    let reads_audit = principal
        .require(Action::ReadAudit {
            agency: view.employee.agency,
        })
        .is_ok();
    // The record's history without sign-ins (issue 15 point 5): those, with their client
    // addresses, are in the audit trail's own view for audit readers only.
    let audit = if own || reads_audit {
        let entries = state
            .store
            .record_history(
                sikerja_domain::audit::AuditSubject::Employee,
                &id.to_string(),
            )
            .await?;
        let entries: Vec<_> = entries.into_iter().rev().collect();
        let names = state.store.audit_names(&entries).await?;
        let reader = if reads_audit {
            Reader::AuditReader
        } else {
            Reader::Party
        };
        Some(audit_sentences::rows(&entries, &names, reader))
    } else {
        None
    };
    let rights = Rights::of(&principal, view.employee.agency);
    let changes = if own || reads_audit || rights.staff {
        let stored = state
            .store
            .org_changes_of_employee(view.employee.agency, EmployeeId(id))
            .await?;
        let posts = state
            .store
            .positions_by_id(&history::positions_named(&stored))
            .await?;
        Some(history::lines(&stored, &posts))
    } else {
        None
    };
    let acting_posts = state.store.acting_posts(EmployeeId(id)).await?;
    let work = super::employee_work::load(
        &state.store,
        &principal,
        EmployeeId(id),
        view.employee.agency,
        super::execution_today()?,
    )
    .await?;
    let subject = Subject {
        employee: Some(id),
        ..Subject::default()
    };
    let mut change_links = links(rights, subject, &STAFF_CHANGES);
    if view.position.is_some() {
        change_links.extend(links(rights, subject, &HOLDER_CHANGES));
    }
    change_links.extend(links(rights, subject, &LEAVE_CHANGES));
    let placement = state.store.placement_of(EmployeeId(id)).await?;
    let history = state.store.placement_history(EmployeeId(id)).await?;
    let placed: Vec<_> = placement.iter().cloned().collect();
    let deciders = decider_names(&state.store, &placed).await;
    let e = &view.employee;
    let mut layout = Layout::new(e.display_name(), state.demo_mode);
    if let Some(d) = &view.department {
        layout = layout.crumb(d.name.clone(), format!("/perangkat-daerah/{}", d.id));
    }
    let mut ratings: Vec<_> = e
        .ratings
        .iter()
        .map(|r| (r.year, r.rating.label()))
        .collect();
    ratings.sort_by_key(|r| std::cmp::Reverse(r.0));
    Ok(EmployeePage {
        layout: layout.crumb(e.display_name(), format!("/pegawai/{id}")),
        name: e.display_name(),
        nip: e.nip.spaced(),
        grade: format::grade(e.grade, None),
        employment: e.employment_type.label(),
        education: e.education.label(),
        from_equalization: e.from_equalization,
        agency_name: view.agency_name.clone(),
        department: view.department.as_ref().map(|d| (d.id.0, d.name.clone())),
        post: view.position.as_ref().map(|p| PostLine::new(p, None)),
        acting: acting_posts
            .iter()
            .map(|p| {
                let line =
                    PostLine::new(p, Some(p.acting_kind.map(|k| k.label()).unwrap_or("Plt.")));
                let end = rights.staff.then(|| ChangeLink {
                    label: "Akhiri Plt./Plh.",
                    href: new_change_href(
                        "end_acting",
                        Subject {
                            position: Some(p.position.id.0),
                            ..Subject::default()
                        },
                    ),
                    kind: "end_acting",
                });
                (line, end)
            })
            .collect(),
        changes,
        change_links,
        work,
        placement: placement.as_ref().map(|p| PlacementRow::new(p, &deciders)),
        history: history
            .iter()
            .rev()
            .map(|h| HistoryLine {
                date: format::date(h.changed_at),
                assessor: h.assessor.as_ref().map(OfficialCell::from),
                rule_id: h.rule_id.clone(),
                article: h.article.clone(),
                manual: h.manual,
            })
            .collect(),
        ratings,
        audit,
        experience: e
            .experience
            .iter()
            .map(|x| (x.field.clone(), x.years))
            .collect(),
    })
}
