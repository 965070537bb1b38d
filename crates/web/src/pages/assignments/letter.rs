//! `/penugasan/surat/{id}`: an HTML preview of a letter a workflow step recorded (DOC-04,
//! PEN-12..17): heading, a number placeholder (numbers are given by the agency's
//! correspondence office), place and date, addressees, the body, the four contents of an
//! involvement request, the people, reasons of a refusal, the signer and the *tembusan* — as
//! recorded when the step was taken, not as the organisation reads today.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_domain::workflow::{Involvement, LetterContent, LetterKind, LetterParty};

use sikerja_storage::IssuedLetterView;

use crate::AppState;
use crate::authz::{Principal, require_assignment};
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::views::Layout;

/// A person the letter names, as a table row.
pub struct LetterMemberRow {
    pub number: usize,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub unit: String,
    pub role: String,
    pub period: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assignments/letter.html")]
pub struct LetterPage {
    layout: Layout,
    assignment: i64,
    label: String,
    is_decree: bool,
    title: String,
    number: String,
    subject: String,
    rule_id: String,
    article: String,
    place: String,
    date: String,
    addressees: Vec<String>,
    paragraphs: Vec<String>,
    involvement: Option<Involvement>,
    members: Vec<LetterMemberRow>,
    approved: Option<bool>,
    reasons: Option<String>,
    signer: LetterParty,
    copies: Vec<String>,
    recorded: String,
    letter: i64,
    /// The live issue of the letter, if issued.
    issued: Option<IssuedLine>,
    /// Earlier issues, cancelled.
    cancelled: Vec<IssuedLine>,
    /// Why the last form was refused.
    error: Option<String>,
    /// The reader signs the letter: the issue and cancel forms are theirs (issue 15 point 4;
    /// the same decision storage makes when they are sent).
    signs: bool,
}

/// An issue of the letter as the page shows it.
pub struct IssuedLine {
    pub id: i64,
    pub number: String,
    pub date: String,
    pub signer: String,
    pub issued_at: String,
    pub issued_by: String,
    pub verify_code: String,
    pub content_sha256: String,
    pub pdf_sha256: String,
    pub docx_sha256: String,
    pub cancelled: Option<String>,
}

impl From<&IssuedLetterView> for IssuedLine {
    fn from(v: &IssuedLetterView) -> Self {
        IssuedLine {
            id: v.id,
            number: v.number.clone(),
            date: v.date.label(),
            signer: format!("{} ({})", v.signer_name, v.signer_position),
            issued_at: format::date_time(v.issued_at),
            issued_by: v.issued_by.clone(),
            verify_code: v.verify_code.clone(),
            content_sha256: v.content_sha256.clone(),
            pdf_sha256: v.pdf_sha256.clone(),
            docx_sha256: v.docx_sha256.clone(),
            cancelled: v
                .cancelled_at
                .map(|at| format!("Dibatalkan {}: {}", format::date_time(at), v.cancel_reason)),
        }
    }
}

/// The number line: left blank for the correspondence office, with the year of the letter.
fn number_placeholder(c: &LetterContent) -> String {
    format!("……/……/{}", c.date.year())
}

/// `GET /penugasan/surat/{id}`
pub async fn show_letter(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<LetterPage, PageError> {
    Ok(page(&state, &principal, id, None).await?)
}

/// The letter page, with the reason the last form was refused.
pub(crate) async fn page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: Option<String>,
) -> Result<LetterPage, WebError> {
    let letter = state.store.request_letter(id).await?;
    let request = state.store.assignment_request(letter.request).await?;
    let a = state.store.assignment(request.assignment).await?;
    require_assignment(&state.store, principal, a.id, a.agency).await?;
    let issues = state.store.issues_of_letter(id).await?;
    let issued = issues
        .iter()
        .find(|i| i.status.in_force())
        .map(IssuedLine::from);
    let cancelled = issues
        .iter()
        .filter(|i| !i.status.in_force())
        .map(IssuedLine::from)
        .collect();
    let signs = match principal.actor() {
        Some(_) => {
            let by = principal.planning_actor(None)?;
            state.store.signs_letter(id, &by).await?
        }
        None => false,
    };
    let c = &letter.content;
    Ok(LetterPage {
        signs,
        layout: Layout::new(letter.label.clone(), state.demo_mode)
            .crumb("Penugasan", "/penugasan")
            .crumb(a.title.clone(), format!("/penugasan/{}", a.id.0))
            .crumb(letter.label.clone(), format!("/penugasan/surat/{id}")),
        assignment: a.id.0,
        label: letter.label.clone(),
        is_decree: matches!(
            c.kind,
            LetterKind::SecretaryDecree | LetterKind::RegentDecree
        ),
        title: c.title.clone(),
        number: issued
            .as_ref()
            .map_or_else(|| number_placeholder(c), |i| i.number.clone()),
        subject: c.subject.clone(),
        rule_id: c.rule_id.clone(),
        article: c.article.clone(),
        place: c.place.clone(),
        date: c.date.label(),
        addressees: c.addressees.clone(),
        paragraphs: c.paragraphs.clone(),
        involvement: c.involvement.clone(),
        members: c
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| LetterMemberRow {
                number: i + 1,
                name: m.name.clone(),
                nip: m.nip.clone(),
                position: m.position.clone(),
                unit: m.unit.clone(),
                role: m.role.clone(),
                period: format!("{} – {}", m.from.label(), m.until.label()),
            })
            .collect(),
        approved: c.approved,
        reasons: c.reasons.clone(),
        signer: c.signer.clone(),
        copies: c.copies.clone(),
        recorded: format::date_time(letter.created_at),
        letter: id,
        issued,
        cancelled,
        error,
    })
}
