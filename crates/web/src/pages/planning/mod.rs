//! Planning pages (issue 4; MEK-02, MEK-03, STR-01..05, PEN-19, KIN-01): the planning start
//! page with what waits for the reader, an agreement with its targets, cascade, signatures,
//! amendments and dialogues, its printable form, activity plans, and a department's target
//! tree. Storage authorises every change against the positions held; a refused form shows the
//! page again with the Indonesian reason and changes nothing.

pub mod agreement;
pub mod forms;
pub mod index;
pub mod plans;
pub mod tree;

use std::future::Future;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sikerja_storage::planning::AgreementSummary;

use crate::authz::Principal;
use crate::error::{PageError, WebError};

/// Where a successful form goes, or the status of a refused one.
pub(crate) fn refused_status(e: &WebError) -> Option<StatusCode> {
    match e {
        WebError::Invalid { .. } => Some(StatusCode::UNPROCESSABLE_ENTITY),
        WebError::Conflict { .. } => Some(StatusCode::CONFLICT),
        WebError::Forbidden { .. } => Some(StatusCode::FORBIDDEN),
        WebError::NotFound { .. } => Some(StatusCode::NOT_FOUND),
        _ => None,
    }
}

/// Redirects after a change (POST/redirect/GET).
pub(crate) fn see_other(href: &str) -> Result<Response, PageError> {
    Ok(Redirect::to(href).into_response())
}

/// The answer to a planning form: the redirect of a change, or the page again with the
/// Indonesian reason of a refusal (`render`) and its status; other errors as error pages.
pub(crate) async fn respond<P, Fut>(
    result: Result<String, WebError>,
    render: impl FnOnce(String) -> Fut,
) -> Result<Response, PageError>
where
    P: IntoResponse,
    Fut: Future<Output = Result<P, WebError>>,
{
    match result {
        Ok(href) => see_other(&href),
        Err(e) => match refused_status(&e) {
            Some(status) if !matches!(e, WebError::NotFound { .. }) => {
                let page = render(e.message()).await?;
                Ok((status, page).into_response())
            }
            _ => Err(e.into()),
        },
    }
}

/// The parties of an agreement the reader is, as the domain's lifecycle functions take them
/// (`agreement::next`, `activity::plan_steps_open`), so that a page offers a form exactly when
/// the same function would let its change through (issue 15 point 4).
pub(crate) fn party_list(
    principal: &Principal,
    s: &AgreementSummary,
) -> Vec<sikerja_domain::planning::agreement::Party> {
    use sikerja_domain::planning::agreement::Party;
    let (holder, setter) = parties(principal, s);
    [(holder, Party::Holder), (setter, Party::Setter)]
        .into_iter()
        .filter_map(|(is, p)| is.then_some(p))
        .collect()
}

/// Which parties of an agreement the reader is, for showing forms (storage decides again on
/// every change): the holder (*pihak pertama*) and the setter (*pihak kedua*).
pub(crate) fn parties(principal: &Principal, s: &AgreementSummary) -> (bool, bool) {
    let Some(facts) = principal.actor().map(|a| a.facts()) else {
        return (false, false);
    };
    let holds = |p| facts.posts.iter().any(|x| x.position == p);
    let is_holder =
        facts.employee.is_some() && facts.employee == s.employee && s.position.is_some_and(holds);
    let is_setter = match s.setter.position {
        Some(p) => holds(p),
        None => {
            s.setter.kind == sikerja_domain::planning::structure::SetterKind::RegionalHead
                && facts.regional_head == Some(sikerja_domain::access::RegionalHeadKind::Head)
                && facts.agency == Some(s.agency)
        }
    };
    (is_holder, is_setter)
}
