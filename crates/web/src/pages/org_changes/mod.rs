//! Dated changes to the organisation in the browser (issue 14 points 2, 3): BKPSDM (the HR
//! admin) and Bagian Organisasi (the `organisation_keeper`) choose a kind of change, fill its
//! form, see in a preview what it does — placements that shift, held work that moves or is
//! flagged — and save it once. The list shows the agency's changes with their state; a pending
//! one can be cancelled.
//!
//! Routes are `Access::KeepOrganisation`; every change is then checked against
//! `Action::RecordOrgChange { agency, area }` (a keeper recording a staff change gets 403). The
//! previewed batch travels to the confirming form as hidden JSON that is parsed, screened,
//! authorised and validated by storage again: nothing in it is trusted.

mod describe;
mod form;

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sikerja_domain::access::Action;
use sikerja_domain::changes::{ChangeArea, ChangeKind, DatedChange};
use sikerja_domain::organisation::{AgencyId, Organisation};
use sikerja_storage::org_changes::OrgChangeState;
use sikerja_storage::policies::today;

use crate::AppState;
use crate::authz::{Principal, person};
use crate::error::{PageError, WebError};
use crate::pages::planning::forms::{Pairs, field};
use crate::pages::planning::refused_status;
use crate::views::Layout;
use describe::{Line, Names, dated_in_words};
use form::{FieldView, Problems, Values, kind_of};

const LIST: &str = "/organisasi/perubahan";
/// The most changes one confirming form may carry: one change, or a Plt./Plh. and its end.
const MAX_BATCH: usize = 2;

/// The agency whose organisation the signed-in person keeps: their own, as its HR admin or
/// organisation keeper. Tokens never record changes through the pages.
pub(crate) fn kept_agency(principal: &Principal) -> Result<AgencyId, PageError> {
    let actor = person(principal)?;
    let agency = actor.facts().agency.ok_or_else(not_keeper)?;
    principal
        .require(Action::RecordOrgChange {
            agency,
            area: ChangeArea::Structure,
        })
        .map_err(|_| not_keeper())?;
    Ok(agency)
}

fn not_keeper() -> PageError {
    PageError(WebError::forbidden(
        "Perubahan organisasi dicatat oleh Admin BKPSDM atau Admin Bagian Organisasi instansi Anda.",
    ))
}

/// Refuses a change of an area the person does not keep (a keeper and a staff change).
fn require_area(principal: &Principal, agency: AgencyId, area: ChangeArea) -> Result<(), WebError> {
    principal
        .require(Action::RecordOrgChange { agency, area })
        .map_err(|_| {
            WebError::forbidden(match area {
                ChangeArea::Staff => {
                    "Perubahan kepegawaian (pengangkatan, Plt./Plh., pangkat, berhenti, pegawai baru) dicatat oleh Admin BKPSDM."
                }
                ChangeArea::Structure => {
                    "Perubahan unit dan jabatan dicatat oleh Admin BKPSDM atau Admin Bagian Organisasi."
                }
            })
        })
}

fn layout(title: &str, demo_mode: bool) -> Layout {
    Layout::new(title, demo_mode)
        .crumb("Perubahan organisasi", LIST)
        .crumb(title, LIST)
}

/// Applies the changes whose day has come, so that forms and previews read the organisation
/// of today, and returns it.
async fn current_organisation(
    state: &AppState,
    agency: AgencyId,
) -> Result<Organisation, WebError> {
    let day = today();
    state.store.apply_due_org_changes(day).await?;
    Ok(state.store.organisation_as_of(agency, day, day).await?)
}

/// A kind offered on the choosing page.
pub struct KindLink {
    pub code: &'static str,
    pub label: &'static str,
    pub staff: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "org_changes/kinds.html")]
pub struct KindsPage {
    layout: Layout,
    kinds: Vec<KindLink>,
    /// Whether any staff kind is offered (the HR admin).
    any_staff: bool,
    /// The identities a link passed along (`pegawai`, `jabatan`, `unit`), kept in the links.
    carry: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "org_changes/form.html")]
pub struct FormPage {
    layout: Layout,
    code: &'static str,
    label: &'static str,
    fields: Vec<FieldView>,
    /// `NIP — nama` of the agency's employees, for the search inputs.
    employees: Vec<String>,
    /// A refusal of the whole change (storage, the domain), with its rule and article.
    error: Option<String>,
    citation: Option<String>,
    rule: Option<String>,
}

impl FormPage {
    pub fn has_employee_field(&self) -> bool {
        self.fields.iter().any(|f| f.input == "employee")
    }
}

/// `GET /organisasi/perubahan/baru?jenis=…[&pegawai=…][&jabatan=…][&unit=…]`: the form of a
/// kind, or without `jenis` the page choosing one.
pub async fn show_new_change(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let agency = kept_agency(&principal)?;
    let Some(code) = query.get("jenis").filter(|c| !c.is_empty()) else {
        let carry: String = ["pegawai", "jabatan", "unit"]
            .iter()
            .filter_map(|k| {
                query
                    .get(*k)
                    .and_then(|v| v.trim().parse::<i64>().ok())
                    .map(|v| format!("&{k}={v}"))
            })
            .collect();
        let kinds = ChangeKind::ALL
            .iter()
            .filter(|k| require_area(&principal, agency, k.area()).is_ok())
            .map(|k| KindLink {
                code: k.code(),
                label: k.label(),
                staff: k.area() == ChangeArea::Staff,
            })
            .collect();
        let kinds: Vec<KindLink> = kinds;
        return Ok(KindsPage {
            layout: layout("Catat perubahan", state.demo_mode),
            any_staff: kinds.iter().any(|k| k.staff),
            kinds,
            carry,
        }
        .into_response());
    };
    let kind = kind_of(code).ok_or_else(unknown_kind)?;
    require_area(&principal, agency, kind.area())?;
    let org = current_organisation(&state, agency).await?;
    let values = form::prefilled(kind, &query, &org, today());
    Ok(form_page(&state, kind, &org, &values, &Vec::new(), None).into_response())
}

fn unknown_kind() -> PageError {
    PageError(WebError::invalid(
        "org_change_kind_unknown",
        "Jenis perubahan tidak dikenal: pilih dari daftar jenis perubahan.",
    ))
}

fn form_page(
    state: &AppState,
    kind: ChangeKind,
    org: &Organisation,
    values: &Values,
    problems: &Problems,
    refusal: Option<&WebError>,
) -> FormPage {
    let mut employees: Vec<String> = org
        .employees
        .iter()
        .map(describe::employee_choice)
        .collect();
    employees.sort_by(|a, b| {
        a.split_once(" — ")
            .map(|x| x.1)
            .cmp(&b.split_once(" — ").map(|x| x.1))
    });
    let citation = refusal.and_then(WebError::citation);
    FormPage {
        layout: layout(kind.label(), state.demo_mode),
        code: kind.code(),
        label: kind.label(),
        fields: form::fields(kind, values, problems, org),
        employees,
        error: refusal.map(WebError::message).or_else(|| {
            (!problems.is_empty())
                .then(|| "Perubahan belum dapat dipratinjau: periksa isian yang ditandai.".into())
        }),
        rule: citation.as_ref().map(|c| c.rule_id.to_string()),
        citation: citation.map(|c| c.to_string()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "org_changes/preview.html")]
pub struct PreviewPage {
    layout: Layout,
    label: &'static str,
    changes: Vec<String>,
    placements: Vec<Line>,
    holdings: Vec<Line>,
    flagged: usize,
    /// The batch as JSON, for the confirming form (checked again there).
    batch: String,
    code: &'static str,
}

fn values_of(pairs: &Pairs) -> Values {
    let mut v = Values::new();
    for (k, val) in pairs {
        v.insert(k.clone(), val.clone());
    }
    v
}

/// `POST /organisasi/perubahan/pratinjau`: the form read into a batch and previewed; bad input
/// or a refusal shows the form again (422/409) with the message next to the field.
pub async fn preview_change(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let agency = kept_agency(&principal)?;
    let Form(pairs) = form?;
    let kind = kind_of(field(&pairs, "jenis")).ok_or_else(unknown_kind)?;
    require_area(&principal, agency, kind.area())?;
    let org = current_organisation(&state, agency).await?;
    let values = values_of(&pairs);
    let batch = match form::read(kind, &values, &org, agency) {
        Ok(b) => b,
        Err(problems) => {
            let page = form_page(&state, kind, &org, &values, &problems, None);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let impact = match state.store.preview_org_changes(agency, &batch).await {
        Ok(i) => i,
        Err(e) => {
            let e = WebError::from(e);
            let Some(status) = refused_status(&e).filter(|s| *s != StatusCode::NOT_FOUND) else {
                return Err(e.into());
            };
            let page = form_page(&state, kind, &org, &values, &Vec::new(), Some(&e));
            return Ok((status, page).into_response());
        }
    };
    let names = Names(&org);
    let json = serde_json::to_string(&batch).map_err(|_| WebError::Internal)?;
    Ok(PreviewPage {
        layout: layout("Pratinjau perubahan", state.demo_mode),
        label: kind.label(),
        changes: batch.iter().map(|c| dated_in_words(c, &names)).collect(),
        placements: describe::placement_lines(&impact, &names),
        holdings: describe::holding_lines(&impact, &names),
        flagged: impact.flagged(),
        batch: json,
        code: kind.code(),
    }
    .into_response())
}

/// The hidden batch read back: JSON of one or two dated changes, its strings screened as any
/// form field's.
fn batch_of(pairs: &Pairs) -> Result<Vec<DatedChange>, WebError> {
    let unreadable = || {
        WebError::invalid(
            "org_change_batch_invalid",
            "Data perubahan yang dikirim tidak dapat dibaca. Isi formulir perubahan lagi.",
        )
    };
    let value: serde_json::Value =
        serde_json::from_str(field(pairs, "batch")).map_err(|_| unreadable())?;
    crate::screen::check_json_field("batch", &value)?;
    let batch: Vec<DatedChange> = serde_json::from_value(value).map_err(|_| unreadable())?;
    if batch.is_empty() || batch.len() > MAX_BATCH {
        return Err(unreadable());
    }
    Ok(batch)
}

/// `POST /organisasi/perubahan`: records the previewed batch, checked again completely, and
/// shows the list with the new changes (303).
pub async fn record_change(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let agency = kept_agency(&principal)?;
    let Form(pairs) = form?;
    let batch = batch_of(&pairs)?;
    for c in &batch {
        require_area(&principal, agency, c.change.area())?;
    }
    let day = today();
    state
        .store
        .apply_due_org_changes(day)
        .await
        .map_err(WebError::from)?;
    let by = principal.audit_actor(None);
    let ids = state
        .store
        .record_org_changes(agency, &batch, &by, day)
        .await
        .map_err(WebError::from)?;
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    Ok(Redirect::to(&format!("{LIST}?baru={}", ids.join(","))).into_response())
}

/// One change in the list.
pub struct Row {
    pub id: i64,
    pub label: &'static str,
    pub words: String,
    pub effective: String,
    pub basis: String,
    pub state: &'static str,
    pub state_label: &'static str,
    pub error: Option<String>,
    pub recorded: String,
    pub cancellable: bool,
    pub new: bool,
}

pub struct StateLink {
    pub code: &'static str,
    pub label: &'static str,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "org_changes/list.html")]
pub struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    states: Vec<StateLink>,
    all: bool,
    saved: usize,
    cancelled: bool,
}

/// `GET /organisasi/perubahan[?status=…][&baru=1,2][&dibatalkan=…]`: the agency's changes by
/// effective day, newest first, filtered by state.
pub async fn list_changes(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<HashMap<String, String>>,
) -> Result<ListPage, PageError> {
    let agency = kept_agency(&principal)?;
    let org = current_organisation(&state, agency).await?;
    let names = Names(&org);
    let filter = query
        .get("status")
        .and_then(|s| OrgChangeState::from_code(s));
    let new: Vec<i64> = query
        .get("baru")
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_default();
    let mut rows: Vec<Row> = state
        .store
        .org_changes(agency)
        .await
        .map_err(WebError::from)?
        .into_iter()
        .filter(|c| filter.is_none_or(|f| c.state == f))
        .map(|c| Row {
            id: c.id,
            label: c.change.change.label(),
            words: describe::change_in_words(&c.change.change, &names),
            effective: c.change.effective.label(),
            basis: format!(
                "{} tanggal {}",
                c.change.basis.number,
                c.change.basis.date.label()
            ),
            state: c.state.code(),
            state_label: c.state.label(),
            error: c.error.clone(),
            recorded: format!(
                "{}, {}",
                c.recorded_by,
                crate::format::date_time(c.recorded_at)
            ),
            cancellable: c.state == OrgChangeState::Pending
                && require_area(&principal, agency, c.change.change.area()).is_ok(),
            new: new.contains(&c.id),
        })
        .collect();
    rows.reverse();
    Ok(ListPage {
        layout: Layout::new("Perubahan organisasi", state.demo_mode)
            .crumb("Perubahan organisasi", LIST),
        saved: rows.iter().filter(|r| r.new).count(),
        rows,
        states: OrgChangeState::ALL
            .iter()
            .map(|s| StateLink {
                code: s.code(),
                label: s.label(),
                current: filter == Some(*s),
            })
            .collect(),
        all: filter.is_none(),
        cancelled: query.contains_key("dibatalkan"),
    })
}

/// `POST /organisasi/perubahan/{id}/batal`: cancels a pending change of the agency (its audit
/// row records who); refused once applied, failed or cancelled (409).
pub async fn cancel_change(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let agency = kept_agency(&principal)?;
    let change = state
        .store
        .org_changes(agency)
        .await
        .map_err(WebError::from)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(WebError::NotFound { what: "org change" })?;
    require_area(&principal, agency, change.change.change.area())?;
    state
        .store
        .cancel_org_change(agency, id, &principal.audit_actor(None))
        .await
        .map_err(WebError::from)?;
    Ok(Redirect::to(&format!("{LIST}?dibatalkan={id}")).into_response())
}

#[cfg(test)]
mod tests {
    use sikerja_domain::changes::ChangeKind;

    /// The kinds the pages offer are `OrgChange`'s own (issue 14 point 7): every code of the
    /// domain's `ChangeKind` is a tag of `OrgChange` and reads back as the same kind.
    #[test]
    fn the_offered_kinds_are_the_domains() {
        assert_eq!(ChangeKind::ALL.len(), 15);
        for k in ChangeKind::ALL {
            assert_eq!(super::form::kind_of(k.code()), Some(*k));
            let sample = serde_json::json!({"kind": k.code()});
            // Only the tag is checked here: a change with its fields is built by the form.
            assert!(
                serde_json::from_value::<sikerja_domain::changes::OrgChange>(sample)
                    .err()
                    .is_none_or(|e| !e.to_string().contains("unknown variant"))
            );
        }
    }
}
