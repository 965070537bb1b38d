//! The numbering registers (DOC-05) and letterheads of the admin's agency (issue 15 point 8),
//! until now set only with `sikerja letters register|letterhead`: listed, added and changed
//! by the HR admin through forms. Storage checks each change and writes it with its audit row
//! in one transaction (`set_letter_register`, `set_letterhead`); a refused form shows the
//! page again with the reason and changes nothing. The letterhead form takes a logo (PNG or
//! JPEG, its type read from its bytes, kept as PNG: [`sikerja_letters::logo_png`]), shows the
//! stored one and removes it when asked; left empty, the stored logo stays.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use serde::Deserialize;
use sikerja_domain::numbering::RegisterKind;
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_domain::workflow::LetterKind;
use sikerja_files::{MediaType, Sniffed};
use sikerja_storage::{
    DEFAULT_CLASSIFICATION, DEFAULT_PATTERN, LetterheadInput, RegisterSetting, RegisterView,
    format_number,
};

use super::{Tab, administered_agency};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::multipart::{FilePart, FormWithFiles};
use crate::pages::planning::forms::{Pairs, field, fields};
use crate::pages::planning::respond;
use crate::views::Layout;

const HREF: &str = "/admin/surat";
/// Name lines of a letterhead the form offers (and the most it takes).
pub const MAX_LINES: usize = 4;
/// Contact lines of a letterhead the form offers (and the most it takes).
pub const MAX_CONTACTS: usize = 3;
/// The value of the issuer choice naming the agency itself (the Keputusan Bupati).
const AGENCY: &str = "instansi";
/// The form field of the letterhead's logo file.
const LOGO_FIELD: &str = "logo";
/// The largest logo file the form takes (bytes).
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// One choice of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A register as listed.
pub struct RegisterLine {
    pub id: i64,
    pub year: i32,
    pub kind: &'static str,
    pub issuer: String,
    pub classification: String,
    pub unit_code: String,
    pub pattern: String,
    pub next_number: String,
    pub given: usize,
    pub edit_href: String,
}

/// The register form's values.
pub struct RegisterForm {
    pub issuers: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub year: String,
    pub classification: String,
    pub unit_code: String,
    pub pattern: String,
}

/// The letterhead form's values, for one issuer.
pub struct LetterheadForm {
    pub issuer: String,
    pub issuer_label: String,
    pub issuers: Vec<Choice>,
    pub lines: Vec<String>,
    pub address: String,
    pub contacts: Vec<String>,
    pub stored: bool,
    pub has_logo: bool,
    /// The address of the logo's preview (the stored logo, or the agency's that a derived
    /// department letterhead borrows).
    pub logo_href: String,
    /// Whether the letterhead holds a logo of its own that the form may remove.
    pub removable_logo: bool,
    /// "1,0 MB dan 2000 × 2000 piksel".
    pub logo_limits: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/letters.html")]
pub struct LettersPage {
    layout: Layout,
    tab: Tab,
    agency_name: String,
    saved: Option<&'static str>,
    register_error: Option<String>,
    letterhead_error: Option<String>,
    registers: Vec<RegisterLine>,
    register: RegisterForm,
    letterhead: LetterheadForm,
}

/// `?register=ID` fills the register form from a register; `?kop=instansi|ID` picks the
/// letterhead to edit; `?tersimpan=register|kop` says what was saved.
#[derive(Debug, Default, Deserialize)]
pub struct LettersQuery {
    register: Option<String>,
    kop: Option<String>,
    tersimpan: Option<String>,
}

/// The issuer a form names: the agency (`instansi`) or one of its departments by id.
fn issuer_of(value: &str, departments: &[(i64, String)]) -> Result<Option<DepartmentId>, WebError> {
    let value = value.trim();
    if value.is_empty() || value == AGENCY {
        return Ok(None);
    }
    value
        .parse::<i64>()
        .ok()
        .filter(|id| departments.iter().any(|(d, _)| d == id))
        .map(|id| Some(DepartmentId(id)))
        .ok_or_else(|| {
            WebError::invalid(
                "letter_issuer_unknown",
                "Pilih penerbit: instansi atau salah satu Perangkat Daerahnya.".to_string(),
            )
        })
}

fn issuer_value(department: Option<DepartmentId>) -> String {
    department.map_or_else(|| AGENCY.to_string(), |d| d.0.to_string())
}

fn issuer_choices(departments: &[(i64, String)], agency_name: &str, selected: &str) -> Vec<Choice> {
    std::iter::once((AGENCY.to_string(), format!("{agency_name} (instansi)")))
        .chain(
            departments
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone())),
        )
        .map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        })
        .collect()
}

/// What a refused form sent back, to fill the form again.
#[derive(Default)]
struct Sent {
    register: Option<Pairs>,
    letterhead: Option<Pairs>,
}

async fn page(
    state: &AppState,
    agency: AgencyId,
    query: &LettersQuery,
    sent: Sent,
    errors: (Option<String>, Option<String>),
) -> Result<LettersPage, WebError> {
    let agency_name = state.store.agency(agency).await?.name;
    let departments: Vec<(i64, String)> = state
        .store
        .departments(Some(agency))
        .await?
        .into_iter()
        .map(|d| (d.department.id.0, d.department.name))
        .collect();
    let name_of = |d: Option<DepartmentId>| match d {
        None => format!("{agency_name} (instansi)"),
        Some(d) => departments
            .iter()
            .find(|(id, _)| *id == d.0)
            .map_or_else(|| format!("Perangkat Daerah {}", d.0), |(_, n)| n.clone()),
    };
    let stored = state.store.letter_registers(agency).await?;
    let registers = stored
        .iter()
        .map(|r| RegisterLine {
            id: r.id,
            year: r.year,
            kind: r.kind.label(),
            issuer: name_of(r.department),
            classification: r.classification.clone(),
            unit_code: r.unit_code.clone(),
            pattern: r.pattern.clone(),
            next_number: format_number(
                &r.pattern,
                &r.classification,
                &r.unit_code,
                r.next_seq,
                r.year,
            ),
            given: r.numbers.len(),
            edit_href: format!("{HREF}?register={}#form-register", r.id),
        })
        .collect();
    let register = register_form(
        &stored,
        query,
        sent.register.as_ref(),
        &departments,
        &agency_name,
    );
    let letterhead = letterhead_form(
        state,
        agency,
        query,
        sent.letterhead.as_ref(),
        &departments,
        &agency_name,
    )
    .await?;
    Ok(LettersPage {
        layout: super::layout("Register dan kop surat", HREF, state.demo_mode),
        tab: Tab::Letters,
        agency_name,
        saved: match query.tersimpan.as_deref() {
            Some("register") => Some("Register nomor surat disimpan."),
            Some("kop") => Some("Kop surat disimpan."),
            _ => None,
        },
        register_error: errors.0,
        letterhead_error: errors.1,
        registers,
        register,
        letterhead,
    })
}

fn register_form(
    stored: &[RegisterView],
    query: &LettersQuery,
    sent: Option<&Pairs>,
    departments: &[(i64, String)],
    agency_name: &str,
) -> RegisterForm {
    let chosen = query
        .register
        .as_deref()
        .and_then(|r| r.parse::<i64>().ok())
        .and_then(|id| stored.iter().find(|r| r.id == id));
    let (issuer, kind, year, classification, unit_code, pattern) = match (sent, chosen) {
        (Some(p), _) => (
            field(p, "issuer").to_string(),
            field(p, "kind").to_string(),
            field(p, "year").to_string(),
            field(p, "classification").to_string(),
            field(p, "unit_code").to_string(),
            field(p, "pattern").to_string(),
        ),
        (None, Some(r)) => (
            issuer_value(r.department),
            r.kind.code().to_string(),
            r.year.to_string(),
            r.classification.clone(),
            r.unit_code.clone(),
            r.pattern.clone(),
        ),
        (None, None) => (
            AGENCY.to_string(),
            LetterKind::SuratTugas.code().to_string(),
            crate::pages::execution_today()
                .map(|d| i32::from(d.year()))
                .unwrap_or_else(|_| chrono::Utc::now().year())
                .to_string(),
            DEFAULT_CLASSIFICATION.to_string(),
            String::new(),
            DEFAULT_PATTERN.to_string(),
        ),
    };
    RegisterForm {
        issuers: issuer_choices(departments, agency_name, &issuer),
        kinds: RegisterKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.code().to_string(),
                label: k.label().to_string(),
                selected: k.code() == kind,
            })
            .collect(),
        year,
        classification,
        unit_code,
        pattern,
    }
}

async fn letterhead_form(
    state: &AppState,
    agency: AgencyId,
    query: &LettersQuery,
    sent: Option<&Pairs>,
    departments: &[(i64, String)],
    agency_name: &str,
) -> Result<LetterheadForm, WebError> {
    let asked = sent.map_or_else(
        || query.kop.clone().unwrap_or_default(),
        |p| field(p, "issuer").to_string(),
    );
    let department = issuer_of(&asked, departments).unwrap_or(None);
    let issuer = issuer_value(department);
    let view = state.store.letterhead(agency, department).await?;
    let pad = |mut v: Vec<String>, n: usize| {
        v.resize(n.max(v.len()), String::new());
        v
    };
    let (lines, address, contacts) = match sent {
        Some(p) => (
            fields(p, "line").into_iter().map(str::to_string).collect(),
            field(p, "address").to_string(),
            fields(p, "contact")
                .into_iter()
                .map(str::to_string)
                .collect(),
        ),
        None => (
            view.lines.clone(),
            view.address.clone(),
            view.contacts.clone(),
        ),
    };
    let choices = issuer_choices(departments, agency_name, &issuer);
    Ok(LetterheadForm {
        logo_href: format!("{HREF}/kop/logo?kop={issuer}"),
        issuer_label: choices
            .iter()
            .find(|c| c.selected)
            .map(|c| c.label.clone())
            .unwrap_or_default(),
        issuer,
        issuers: choices,
        lines: pad(lines, MAX_LINES),
        address,
        contacts: pad(contacts, MAX_CONTACTS),
        removable_logo: view.stored && view.logo.is_some(),
        logo_limits: format!(
            "{} dan {1} × {1} piksel",
            sikerja_files::human_size(MAX_LOGO_BYTES as u64),
            sikerja_letters::MAX_LOGO_SIDE
        ),
        stored: view.stored,
        has_logo: view.logo.is_some(),
    })
}

/// `GET /admin/surat`
pub async fn show_letter_settings(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<LettersQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<LettersPage, PageError> {
    let agency = administered_agency(&principal)?;
    let query = query.map(|Query(q)| q).unwrap_or_default();
    Ok(page(&state, agency, &query, Sent::default(), (None, None)).await?)
}

async fn departments_of(
    state: &AppState,
    agency: AgencyId,
) -> Result<Vec<(i64, String)>, WebError> {
    Ok(state
        .store
        .departments(Some(agency))
        .await?
        .into_iter()
        .map(|d| (d.department.id.0, d.department.name))
        .collect())
}

/// `POST /admin/surat/register`: adds a register or changes one (the same issuer, kind and
/// year); its sequence goes on where it is (DOC-05).
pub async fn set_register(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let Form(pairs) = form?;
    let result = async {
        let departments = departments_of(&state, agency).await?;
        let kind = RegisterKind::from_code(field(&pairs, "kind")).ok_or_else(|| {
            WebError::invalid("letter_kind_unknown", "Pilih jenis surat.".to_string())
        })?;
        let year: i32 = field(&pairs, "year").parse().map_err(|_| {
            WebError::invalid(
                "register_year",
                "Tahun register ditulis dengan empat angka, mis. 2027.".to_string(),
            )
        })?;
        let setting = RegisterSetting {
            agency,
            department: issuer_of(field(&pairs, "issuer"), &departments)?,
            kind,
            year,
            classification: field(&pairs, "classification").to_string(),
            unit_code: field(&pairs, "unit_code").to_string(),
            pattern: field(&pairs, "pattern").to_string(),
        };
        state
            .store
            .set_letter_register(&setting, &principal.audit_actor(setting.department))
            .await?;
        Ok(format!("{HREF}?tersimpan=register"))
    }
    .await;
    let sent = Sent {
        register: Some(pairs.clone()),
        letterhead: None,
    };
    let none = LettersQuery::default();
    respond(result, |error| {
        page(&state, agency, &none, sent, (Some(error), None))
    })
    .await
}

/// The logo file of a letterhead form, as PNG: `None` when the file input was left empty.
/// Refused past [`MAX_LOGO_BYTES`], when its bytes are not a PNG or JPEG (whatever its name
/// or declared type), or when it does not read as an image of at most
/// [`sikerja_letters::MAX_LOGO_SIDE`] pixels on a side.
fn uploaded_logo(files: &[FilePart]) -> Result<Option<Vec<u8>>, WebError> {
    let Some(file) = files
        .iter()
        .find(|f| f.field == LOGO_FIELD && !f.is_blank())
    else {
        return Ok(None);
    };
    if file.bytes.len() > MAX_LOGO_BYTES {
        return Err(WebError::invalid(
            "letterhead_logo_too_large",
            format!(
                "Berkas logo paling besar {}.",
                sikerja_files::human_size(MAX_LOGO_BYTES as u64)
            ),
        ));
    }
    let found = match sikerja_files::sniff(&file.bytes) {
        Sniffed::Known(MediaType::Png | MediaType::Jpeg) => None,
        Sniffed::Known(m) => Some(m.label().to_string()),
        Sniffed::Other(t) => Some(t),
    };
    if let Some(found) = found {
        return Err(WebError::invalid(
            "letterhead_logo_not_image",
            format!("Logo kop surat harus gambar PNG atau JPEG; berkas ini {found}."),
        ));
    }
    sikerja_letters::logo_png(&file.bytes)
        .map(Some)
        .map_err(|e| {
            tracing::debug!(error = %e, "letterhead logo refused");
            WebError::invalid(
                "letterhead_logo_unreadable",
                format!(
                    "Logo tidak terbaca sebagai gambar, atau lebih besar dari {0} × {0} piksel.",
                    sikerja_letters::MAX_LOGO_SIDE
                ),
            )
        })
}

/// `GET /admin/surat/kop/logo?kop=instansi|ID`: the logo the letterhead's letters carry, for
/// the form's preview (404 when it has none).
pub async fn letterhead_logo(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<LettersQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let departments = departments_of(&state, agency).await?;
    let department = issuer_of(query.kop.as_deref().unwrap_or_default(), &departments)?;
    let logo = state
        .store
        .letterhead(agency, department)
        .await?
        .logo
        .ok_or(WebError::NotFound { what: "logo" })?;
    Ok((
        [
            (header::CONTENT_TYPE, MediaType::Png.mime()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        logo,
    )
        .into_response())
}

/// `POST /admin/surat/kop` (a form with a file): sets the letterhead of the agency or a
/// department. A logo sent replaces the stored one; "hapus logo" removes it; else it stays.
pub async fn set_letterhead(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<FormWithFiles, PageError>,
) -> Result<Response, PageError> {
    let agency = administered_agency(&principal)?;
    let FormWithFiles { pairs, files } = form?;
    let result = async {
        let departments = departments_of(&state, agency).await?;
        let department = issuer_of(field(&pairs, "issuer"), &departments)?;
        let lines: Vec<String> = fields(&pairs, "line").into_iter().map(str::to_string).collect();
        let contacts: Vec<String> =
            fields(&pairs, "contact").into_iter().map(str::to_string).collect();
        if lines.len() > MAX_LINES || contacts.len() > MAX_CONTACTS {
            return Err(WebError::invalid(
                "letterhead_too_many_lines",
                format!(
                    "Kop surat memuat paling banyak {MAX_LINES} baris nama dan {MAX_CONTACTS} baris kontak."
                ),
            ));
        }
        let current = state.store.letterhead(agency, department).await?;
        let logo = match uploaded_logo(&files)? {
            Some(png) => Some(png),
            None if field(&pairs, "remove_logo") == "ya" => None,
            // The stored logo stays; a derived letterhead borrows the agency's, not kept.
            None => current.stored.then_some(current.logo).flatten(),
        };
        let input = LetterheadInput {
            lines,
            address: field(&pairs, "address").to_string(),
            contacts,
            logo,
        };
        state
            .store
            .set_letterhead(agency, department, &input, &principal.audit_actor(department))
            .await?;
        Ok(format!(
            "{HREF}?tersimpan=kop&kop={}#form-kop",
            issuer_value(department)
        ))
    }
    .await;
    let sent = Sent {
        register: None,
        letterhead: Some(pairs.clone()),
    };
    let none = LettersQuery::default();
    respond(result, |error| {
        page(&state, agency, &none, sent, (None, Some(error)))
    })
    .await
}
