//! `/penugasan/baru`: drafting an assignment (PEN-01..12). The head chooses the owner unit
//! (the unit they head), the field and the period, and picks members from the candidate
//! picker, which shows each candidate's placement (PEN-02), current assignments and load, and
//! whether they meet each team-lead requirement with what the record shows (PEN-08), JF from
//! *penyetaraan* first (PEN-09). "Periksa" checks the draft and shows every finding with its
//! rule and article; "Simpan konsep" records it, or shows the page again with every violation.
//! Someone who heads no unit drafts a volunteer request (PEN-10, PEN-16/17) for themselves.
//!
//! Issue 14 point 6: the owners offered are those the regulation allows the reader for the
//! members chosen (`sikerja_domain::assignment::owner_offer`): the Unit Organisasi they head;
//! a Kepala Bidang/Seksi is offered "Siapkan rancangan untuk Kepala …" with the rule that
//! keeps them from appointing, and saving hands the draft to that head. The field of the task
//! is chosen from the agency's fields of experience (a datalist; a synonym is accepted).
//!
//! Issue 14 point 6 also: the same form changes a recorded draft (`change.rs`,
//! `/penugasan/{id}/ubah`), filled with the draft and saved through
//! `Store::change_assignment_draft`.
//!
//! Issue 15 point 3: the whole page is one form, so a search ("Cari", `action=search`) or a
//! page of the list (`page`) posts everything typed and ticked and shows it again — without
//! JavaScript. The chosen are always listed; the others are searched by name, NIP, unit,
//! Perangkat Daerah and position, ranked by fit (PEN-09 first) and shown 25 a page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentId, Day, MemberRole, OwnerOffer, OwnerRoute, Report, Search,
    owner_route,
};
use sikerja_domain::organisation::{AgencyId, EmployeeId, UnitId};
use sikerja_storage::{AssignmentInput, CandidateQuery, StorageError};

use super::picker::{PickerList, ReportView, candidate_row, picker_list, report_view};
use crate::AppState;
use crate::api::dto::assignment::{AssignmentRequest, MemberRequest};
use crate::authz::Principal;
use crate::error::{ErrorDetail, PageError, WebError};
use crate::format;
use crate::pages::planning::forms::{Pairs, field, fields};
use crate::views::Layout;

/// An option of a select.
pub struct Choice {
    pub value: i64,
    pub label: String,
    pub selected: bool,
}

/// The recorded draft the form changes (`/penugasan/{id}/ubah`).
pub struct Changing {
    pub id: AssignmentId,
    pub title: String,
    /// The target the draft carries (kept: the form does not choose it).
    pub target: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "assignments/new.html")]
pub struct NewAssignmentPage {
    layout: Layout,
    /// Where the form posts: `/penugasan/baru` or `/penugasan/{id}/ubah`.
    action: String,
    heading: &'static str,
    /// Changing a recorded draft: the save button says so.
    changing: bool,
    error: Option<String>,
    volunteer: bool,
    owner_units: Vec<Choice>,
    /// Why a unit the reader heads is not offered (rule id, article, message).
    limits: Vec<(String, &'static str, String)>,
    /// The chosen owner's option prepares a draft for its head: the save button says so.
    prepare_label: Option<String>,
    /// The agency's fields of experience: (name, synonyms joined).
    experience_fields: Vec<(String, String)>,
    agencies: Vec<Choice>,
    title: String,
    field: String,
    execution: String,
    start: String,
    until: String,
    q: String,
    team_lead_reason: String,
    /// The chosen, then one page of the others the search finds.
    list: PickerList,
    any_equalized: bool,
    report: Option<ReportView>,
}

/// `GET /penugasan/baru` (also the candidate search: the same fields as a query).
pub async fn show_new_assignment(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<Pairs>, QueryRejection>,
) -> Result<NewAssignmentPage, PageError> {
    let Query(pairs) = query?;
    Ok(page(&state, &principal, &pairs, None, None, None).await?)
}

/// `POST /penugasan/baru` — `action=check` checks the draft, `action=create` records it; any
/// other (`action=search`, a `page` button) shows the form again with everything it holds.
pub async fn create_assignment(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    submit(&state, &principal, &pairs, None).await
}

/// The form posted: checked, recorded (a new draft, or the change of `change`), or shown
/// again with everything it holds.
pub(super) async fn submit(
    state: &AppState,
    principal: &Principal,
    pairs: &Pairs,
    change: Option<&Changing>,
) -> Result<Response, PageError> {
    if !matches!(field(pairs, "action"), "check" | "create") {
        return Ok(page(state, principal, pairs, None, None, change)
            .await?
            .into_response());
    }
    let request = request_of(principal, pairs);
    let own = principal.actor().and_then(|a| a.facts().agency);
    let draft = match request.draft(own) {
        // A changed draft is checked against its members' other assignments, not itself.
        Ok(d) => AssignmentDraft {
            id: change.map(|c| c.id),
            ..d
        },
        Err(problems) => {
            return refuse(
                state,
                principal,
                pairs,
                None,
                problems_text(&problems),
                change,
            )
            .await;
        }
    };
    if field(pairs, "action") == "create" {
        let by = principal.planning_actor(None)?;
        let input = AssignmentInput {
            draft,
            title: request.title.trim().to_string(),
            target: change.and_then(|c| c.target),
        };
        let recorded = match change {
            Some(c) => state
                .store
                .change_assignment_draft(c.id, &input, &by)
                .await
                .map(|()| c.id),
            None => {
                let route = chosen_route(state, principal, &input.draft).await?;
                if route == Some(OwnerRoute::Prepare) {
                    state.store.prepare_assignment(&input, &by).await
                } else {
                    state.store.create_assignment(&input, &by).await
                }
            }
        };
        return match recorded {
            Ok(id) if change.is_some() => {
                Ok(Redirect::to(&format!("/penugasan/{}?diubah=1", id.0)).into_response())
            }
            Ok(id) => Ok(Redirect::to(&format!("/penugasan/{}", id.0)).into_response()),
            Err(e @ StorageError::Invalid { .. }) => {
                let report = state.store.check_assignment(&input.draft).await?;
                let message = if report.is_allowed() {
                    WebError::from(e).message()
                } else {
                    format!(
                        "Penugasan belum dapat disimpan: {} pelanggaran. Perbaiki lalu simpan lagi.",
                        report.violations.len()
                    )
                };
                refuse(
                    state,
                    principal,
                    pairs,
                    Some((report, &input.draft)),
                    message,
                    change,
                )
                .await
            }
            Err(e) => {
                let e = WebError::from(e);
                match crate::pages::planning::refused_status(&e) {
                    Some(status) if !matches!(e, WebError::NotFound { .. }) => {
                        let page =
                            page(state, principal, pairs, None, Some(e.message()), change).await?;
                        Ok((status, page).into_response())
                    }
                    _ => Err(e.into()),
                }
            }
        };
    }
    let report = state.store.check_assignment(&draft).await?;
    let status = if report.is_allowed() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = page(
        state,
        principal,
        pairs,
        Some((report, &draft)),
        None,
        change,
    )
    .await?;
    Ok((status, page).into_response())
}

async fn refuse(
    state: &AppState,
    principal: &Principal,
    pairs: &Pairs,
    report: Option<(Report, &AssignmentDraft)>,
    message: String,
    change: Option<&Changing>,
) -> Result<Response, PageError> {
    let page = page(state, principal, pairs, report, Some(message), change).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn problems_text(problems: &[ErrorDetail]) -> String {
    problems
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The draft a form describes: `member` repeated (employee ids), each with `role_{id}`,
/// `from_{id}` and `until_{id}` (the general period when blank).
fn request_of(principal: &Principal, pairs: &Pairs) -> AssignmentRequest {
    let start = field(pairs, "start");
    let until = field(pairs, "until");
    let volunteer = is_volunteer(principal);
    let members = fields(pairs, "member")
        .into_iter()
        .filter_map(|m| m.trim().parse::<i64>().ok())
        .map(|id| {
            let own = |key: &str, general: &str| {
                let v = field(pairs, &format!("{key}_{id}"));
                if v.is_empty() { general } else { v }.to_string()
            };
            MemberRequest {
                employee: id,
                role: MemberRole::from_code(field(pairs, &format!("role_{id}")))
                    .unwrap_or(MemberRole::Member)
                    .code()
                    .into(),
                from: own("from", start),
                until: own("until", until),
            }
        })
        .collect();
    AssignmentRequest {
        agency: None,
        owner_unit: field(pairs, "owner_unit").parse().unwrap_or(0),
        title: field(pairs, "title").to_string(),
        field: field(pairs, "field").to_string(),
        execution: field(pairs, "execution").to_string(),
        method: if volunteer {
            "volunteer"
        } else {
            "appointment"
        }
        .into(),
        members,
        responsible_position: None,
        team_lead_reason: Some(field(pairs, "team_lead_reason").to_string()),
        target: None,
        prepare_for_head: false,
    }
}

/// Someone who heads no unit drafts a volunteer request (PEN-10).
fn is_volunteer(principal: &Principal) -> bool {
    principal
        .actor()
        .is_none_or(|a| !a.facts().posts.iter().any(|p| p.is_head))
}

/// What the regulation offers the reader for the members of the form (issue 14 point 6).
async fn offer_for(
    state: &AppState,
    principal: &Principal,
    pairs: &Pairs,
) -> Result<OwnerOffer, WebError> {
    let Some(me) = principal.actor().and_then(|a| a.facts().employee) else {
        return Ok(OwnerOffer::default());
    };
    let members: Vec<EmployeeId> = fields(pairs, "member")
        .into_iter()
        .filter_map(|m| m.trim().parse::<i64>().ok())
        .map(EmployeeId)
        .collect();
    Ok(state.store.owner_offer(me, &members).await?)
}

/// The route of the owner a draft names, if the offer has it (storage decides again).
async fn chosen_route(
    state: &AppState,
    principal: &Principal,
    draft: &AssignmentDraft,
) -> Result<Option<OwnerRoute>, WebError> {
    let Some(me) = principal.actor().and_then(|a| a.facts().employee) else {
        return Ok(None);
    };
    let members: Vec<EmployeeId> = draft.members.iter().map(|m| m.employee).collect();
    let offer = state.store.owner_offer(me, &members).await?;
    Ok(owner_route(&offer, draft.owner_unit, draft.method)
        .ok()
        .map(|o| o.route))
}

pub(super) async fn page(
    state: &AppState,
    principal: &Principal,
    pairs: &Pairs,
    report: Option<(Report, &AssignmentDraft)>,
    error: Option<String>,
    change: Option<&Changing>,
) -> Result<NewAssignmentPage, WebError> {
    let facts = principal
        .actor()
        .ok_or(WebError::Unauthenticated)?
        .facts()
        .clone();
    let own_agency = facts.agency;
    let volunteer = is_volunteer(principal);
    let offer = offer_for(state, principal, pairs).await?;
    let units: Vec<(i64, String, OwnerRoute, String)> = offer
        .options
        .iter()
        .filter(|o| (o.route == OwnerRoute::Volunteer) == volunteer)
        .map(|o| (o.unit.0, o.label(), o.route, o.head_name.clone()))
        .collect();
    let owner_unit = field(pairs, "owner_unit")
        .parse::<i64>()
        .ok()
        .filter(|u| units.iter().any(|(x, ..)| x == u))
        .or_else(|| units.first().map(|(u, ..)| *u))
        .unwrap_or(0);
    let prepare_label = units
        .iter()
        .find(|(u, _, route, _)| *u == owner_unit && *route == OwnerRoute::Prepare)
        .map(|(.., head)| format!("Siapkan rancangan untuk {head}"));
    let limits = offer
        .limits
        .iter()
        .map(|l| {
            (
                l.citation.rule_id.to_string(),
                l.citation.article,
                l.message.clone(),
            )
        })
        .collect();
    let experience_fields = match own_agency {
        Some(a) => state
            .store
            .experience_fields(a)
            .await?
            .into_iter()
            .map(|f| (f.field.name, f.field.synonyms.join(", ")))
            .collect(),
        None => Vec::new(),
    };
    let agency = field(pairs, "agency")
        .parse::<i64>()
        .ok()
        .or(own_agency.map(|a| a.0))
        .unwrap_or(0);
    let today = format::today_iso();
    let start = match field(pairs, "start") {
        "" => today.clone(),
        s => s.to_string(),
    };
    let until = match field(pairs, "until") {
        "" => format!("{}-12-31", start.get(0..4).unwrap_or(&today[0..4])),
        s => s.to_string(),
    };
    let q = field(pairs, "q").to_string();
    let field_text = field(pairs, "field").to_string();
    let mut ranked = Vec::new();
    if let (Some(owner_agency), true, Ok(start_day)) =
        (own_agency, owner_unit > 0, Day::parse(&start))
    {
        let query = CandidateQuery {
            owner_unit: UnitId(owner_unit),
            owner_agency,
            agency: AgencyId(agency),
            field: field_text.clone(),
            start: start_day,
            exclude: change.map(|c| c.id),
        };
        ranked = state.store.assignment_candidates(&query).await?;
        // A volunteer requests for themselves only (PEN-10, Pasal 13).
        if volunteer {
            ranked.retain(|c| facts.employee == Some(c.employee));
        }
    }
    let list = picker_list(
        ranked
            .iter()
            .map(|c| (c, candidate_row(c, pairs, &start, &until))),
        &Search::new(&q),
        page_of(pairs),
    );
    let names: Vec<(i64, String)> = list
        .chosen
        .iter()
        .chain(&list.found)
        .map(|c| (c.id, c.name.clone()))
        .collect();
    let agencies = state
        .store
        .agencies()
        .await?
        .into_iter()
        .map(|a| Choice {
            value: a.id.0,
            selected: a.id.0 == agency,
            label: a.name,
        })
        .collect();
    let (layout, action, heading) = match change {
        Some(c) => {
            let action = format!("/penugasan/{}/ubah", c.id.0);
            (
                Layout::new("Ubah konsep penugasan", state.demo_mode)
                    .crumb("Penugasan", "/penugasan")
                    .crumb(c.title.clone(), format!("/penugasan/{}", c.id.0))
                    .crumb("Ubah konsep", action.clone()),
                action,
                "Ubah konsep penugasan",
            )
        }
        None => (
            Layout::new("Susun penugasan", state.demo_mode)
                .crumb("Penugasan", "/penugasan")
                .crumb("Susun penugasan", "/penugasan/baru"),
            "/penugasan/baru".to_string(),
            "Susun penugasan",
        ),
    };
    Ok(NewAssignmentPage {
        layout,
        action,
        heading,
        changing: change.is_some(),
        error,
        volunteer,
        owner_units: units
            .into_iter()
            .map(|(value, label, ..)| Choice {
                value,
                selected: value == owner_unit,
                label,
            })
            .collect(),
        limits,
        prepare_label,
        experience_fields,
        agencies,
        title: field(pairs, "title").to_string(),
        field: field_text,
        execution: match field(pairs, "execution") {
            "individual" => "individual".to_string(),
            _ => "team".to_string(),
        },
        start,
        until,
        q,
        team_lead_reason: field(pairs, "team_lead_reason").to_string(),
        any_equalized: list
            .chosen
            .iter()
            .chain(&list.found)
            .any(|c| c.equalized_first),
        list,
        report: report.map(|(r, d)| report_view(&r, d, &names)),
    })
}

/// The page of the list asked for: a page button's `page`, else page 1 after a new search,
/// else the page shown before (`page_now`, kept across "Periksa").
fn page_of(pairs: &Pairs) -> usize {
    let number = |key: &str| field(pairs, key).parse::<usize>().ok();
    number("page")
        .or_else(|| (field(pairs, "action") != "search").then(|| number("page_now"))?)
        .unwrap_or(1)
}
