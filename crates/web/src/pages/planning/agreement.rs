//! `/kinerja/perjanjian/{id}`: one Perjanjian Kinerja — parties and the rule that names the
//! setter, targets with budget, Renstra/Renja, weight, progress rolled up through the cascade
//! and the identification of individual or team work; the forms to add, cascade and remove
//! targets, report progress, sign, amend and record a performance dialogue; the signed texts
//! kept by amendments; the activity plans; and the printable form.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use sikerja_domain::organisation::EmployeeId;
use sikerja_domain::planning::target::{AgreementStatus, Execution, IndicatorKind};
use sikerja_storage::planning::{AgreementView, DialogueInput, PlanView, TargetView};

use super::forms::{self, Pairs};
use super::respond;
use crate::AppState;
use crate::audit_sentences::{self, AuditRow, Reader};
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::views::Layout;

/// A target as shown.
pub struct TargetRow {
    pub id: i64,
    pub number: usize,
    pub indicator: String,
    pub kind: &'static str,
    pub target: String,
    pub unit: String,
    pub budget: String,
    pub strategic_plan_ref: String,
    pub annual_work_plan_ref: String,
    pub weight: u32,
    pub progress: String,
    pub progress_width: u32,
    pub own_progress: String,
    pub has_children: bool,
    pub parent: Option<i64>,
    pub identification: Option<String>,
    pub children: Vec<ChildRow>,
}

/// A target cascaded from one of this agreement's.
pub struct ChildRow {
    pub agreement: i64,
    pub holder_name: String,
    pub position_name: String,
    pub weight: u32,
}

fn identification_text(t: &TargetView) -> Option<String> {
    let i = t.identification?;
    let mut parts = vec![i.execution.label().to_string()];
    if i.execution == Execution::Team {
        if i.needs_other_agencies {
            parts.push("melibatkan pejabat lintas Instansi Pemerintah".into());
        } else if i.needs_other_units {
            parts.push("melibatkan pejabat lintas Unit Organisasi".into());
        } else {
            parts.push("di dalam Unit Organisasi".into());
        }
        if i.needs_team_lead {
            parts.push("memerlukan Ketua Tim".into());
        }
    } else if i.needs_other_units {
        parts.push("melibatkan pejabat dari luar unit".into());
    }
    Some(parts.join(", "))
}

fn target_row(i: usize, t: &TargetView) -> TargetRow {
    TargetRow {
        id: t.id,
        number: i + 1,
        indicator: t.indicator.clone(),
        kind: t.kind.label(),
        target: t.target.clone(),
        unit: t.unit.clone(),
        budget: format::rupiah(t.budget),
        strategic_plan_ref: t.strategic_plan_ref.clone(),
        annual_work_plan_ref: t.annual_work_plan_ref.clone(),
        weight: t.weight,
        progress: format::percent(t.progress),
        progress_width: t.progress.clamp(0.0, 100.0).round() as u32,
        own_progress: format::percent(t.own_progress),
        has_children: !t.children.is_empty(),
        parent: t.parent,
        identification: identification_text(t),
        children: t
            .children
            .iter()
            .map(|c| ChildRow {
                agreement: c.agreement,
                holder_name: c.holder_name.clone(),
                position_name: c.position_name.clone(),
                weight: c.weight,
            })
            .collect(),
    }
}

/// A post the holder may cascade to, or a participant candidate.
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// A kept signed text.
pub struct VersionRow {
    pub version: i32,
    pub amended_at: String,
    pub amended_by: String,
    pub reason: String,
}

/// A dialogue as listed.
pub struct DialogueRow {
    pub held_on: String,
    pub participants: String,
    pub notes: String,
    pub recorded_by: String,
}

/// An activity plan of the agreement.
pub struct PlanRow {
    pub id: i64,
    pub title: String,
    pub version: i32,
    pub status: &'static str,
    pub total: String,
}

fn plan_row(p: &PlanView) -> PlanRow {
    let current = p.current();
    PlanRow {
        id: p.id,
        title: p.title.clone(),
        version: p.current_version,
        status: current.map_or("", |v| v.status.label()),
        total: format::rupiah(current.map_or(0, |v| v.total_budget)),
    }
}

/// Everything the agreement page and its printable form show.
pub struct AgreementBody {
    pub id: i64,
    pub year: i32,
    pub position_name: String,
    pub holder_name: String,
    pub holder_nip: String,
    pub setter_name: String,
    pub rule_id: String,
    pub article: String,
    pub status: &'static str,
    pub signed: bool,
    pub version: i32,
    pub holder_signed: Option<String>,
    pub holder_signed_by: String,
    pub setter_signed: Option<String>,
    pub setter_signed_by: String,
    /// The person who signed as *pihak kedua*, named under the signature of the printed form.
    pub setter_signer_name: Option<String>,
    pub setter_signer_nip: String,
    /// "Martapura, 7 Desember 2026": the seat of the agency and the day the second party
    /// signed; the day is left blank on a draft.
    pub place: String,
    pub signed_on: Option<String>,
    /// The number from the register of performance agreements (DOC-05); `None` until both
    /// parties have signed ("Nomor: (diberikan setelah kedua pihak menandatangani)").
    pub number: Option<String>,
    pub total_budget: String,
    pub targets: Vec<TargetRow>,
    pub versions: Vec<VersionRow>,
    pub dialogues: Vec<DialogueRow>,
    pub department: Option<i64>,
}

fn body(v: &AgreementView) -> AgreementBody {
    let s = &v.summary;
    AgreementBody {
        id: s.id,
        year: s.year,
        position_name: s.position_name.clone(),
        holder_name: s.holder_name.clone(),
        holder_nip: s
            .holder_nip
            .as_deref()
            .and_then(|n| sikerja_domain::Nip::parse(n).ok())
            .map(|n| n.spaced())
            .unwrap_or_default(),
        setter_name: s.setter.name.clone(),
        rule_id: s.setter.rule_id.clone(),
        article: s.setter.article.clone(),
        status: s.status.label(),
        signed: s.status == AgreementStatus::Signed,
        version: s.version,
        holder_signed: s.holder_signed_at.map(format::date_time),
        holder_signed_by: v.holder_signed_by.clone().unwrap_or_default(),
        setter_signed: s.setter_signed_at.map(format::date_time),
        setter_signed_by: v.setter_signed_by.clone().unwrap_or_default(),
        setter_signer_name: v.setter_signer.as_ref().map(|x| x.name.clone()),
        setter_signer_nip: v
            .setter_signer
            .as_ref()
            .and_then(|x| x.nip.as_deref())
            .and_then(|n| sikerja_domain::Nip::parse(n).ok())
            .map(|n| n.spaced())
            .unwrap_or_default(),
        place: v.place.clone(),
        signed_on: match (s.status, s.holder_signed_at, s.setter_signed_at) {
            (AgreementStatus::Signed, Some(h), Some(t)) => Some(format::date(h.max(t))),
            _ => None,
        },
        number: v.number.clone(),
        total_budget: format::rupiah(s.budget),
        targets: v
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| target_row(i, t))
            .collect(),
        versions: v
            .versions
            .iter()
            .map(|x| VersionRow {
                version: x.version,
                amended_at: format::date_time(x.amended_at),
                amended_by: x.amended_by.clone(),
                reason: x.reason.clone(),
            })
            .collect(),
        dialogues: v
            .dialogues
            .iter()
            .map(|d| DialogueRow {
                held_on: format::day(d.held_on),
                participants: d
                    .participants
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                notes: d.notes.clone(),
                recorded_by: d.recorded_by.clone(),
            })
            .collect(),
        department: s.department.map(|d| d.0),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "planning/agreement.html")]
pub struct AgreementPage {
    layout: Layout,
    a: AgreementBody,
    error: Option<String>,
    /// The reader holds the post (*pihak pertama*).
    is_holder: bool,
    /// The reader sets the agreement (*pihak kedua*).
    is_setter: bool,
    /// Why the reader cannot sign now (already signed, no target yet), from the domain's
    /// `agreement::next` — the same answer the signing would get; `None`: the form is shown.
    sign_refusal: Option<String>,
    /// Posts the holder may cascade to (derived).
    cascade_to: Vec<Choice>,
    participants: Vec<Choice>,
    plans: Vec<PlanRow>,
    kinds: Vec<(&'static str, &'static str)>,
    today: String,
    /// The agreement's own audit history, for its parties and those who read the audit trail.
    audit: Option<Vec<AuditRow>>,
}

#[derive(Template, WebTemplate)]
#[template(path = "planning/print.html")]
pub struct PrintPage {
    layout: Layout,
    a: AgreementBody,
    agency_name: String,
}

/// Why `parties` cannot sign the agreement now, asking the lifecycle the signing itself asks
/// (MEK-02): `None` when they can.
fn sign_refusal(
    s: &sikerja_storage::planning::AgreementSummary,
    parties: &[sikerja_domain::planning::agreement::Party],
) -> Option<String> {
    use sikerja_domain::planning::agreement::{AgreementEvent, AgreementState, next};
    let now = AgreementState {
        status: s.status,
        version: s.version,
        holder_signed: s.holder_signed_at.is_some(),
        setter_signed: s.setter_signed_at.is_some(),
    };
    let event = AgreementEvent::Sign {
        parties,
        has_targets: s.targets > 0,
    };
    next(&now, &event).err().map(|r| r.message)
}

/// `GET /kinerja/perjanjian/{id}`
pub async fn show_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<AgreementPage, PageError> {
    Ok(page(&state, &principal, id, None).await?)
}

async fn page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: Option<String>,
) -> Result<AgreementPage, WebError> {
    let v = state.store.agreement(id).await?;
    let s = &v.summary;
    let (is_holder, is_setter) = super::parties(principal, s);
    let recipients = match (is_holder, s.position) {
        (true, Some(p)) => state.store.recipients_of(s.agency, p).await?,
        _ => Vec::new(),
    };
    let cascade_to = recipients
        .iter()
        .filter(|r| r.post.employee.is_some())
        .map(|r| Choice {
            value: forms::post_value(&r.post),
            label: format!(
                "{} — {} ({} · {})",
                r.position_name,
                r.holder_name,
                r.rule_id.clone().unwrap_or_default(),
                r.article.clone().unwrap_or_default()
            ),
        })
        .collect();
    let mut participants: Vec<Choice> = Vec::new();
    if let Some(e) = s.employee {
        participants.push(Choice {
            value: e.0.to_string(),
            label: format!("{} ({})", s.holder_name, s.position_name),
        });
    }
    for r in &recipients {
        if let Some(e) = r.post.employee {
            participants.push(Choice {
                value: e.0.to_string(),
                label: format!("{} ({})", r.holder_name, r.position_name),
            });
        }
    }
    let plans = state
        .store
        .activity_plans(id)
        .await?
        .iter()
        .map(plan_row)
        .collect();
    let reads_audit = principal
        .require(sikerja_domain::access::Action::ReadAudit { agency: s.agency })
        .is_ok();
    // The agreement's history as sentences, without sign-ins (issue 15 point 5).
    let audit = if is_holder || is_setter || reads_audit {
        let entries = state
            .store
            .record_history(
                sikerja_domain::audit::AuditSubject::PerformanceAgreement,
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
    let sign_refusal = sign_refusal(s, &super::party_list(principal, s));
    let a = body(&v);
    let mut layout = Layout::new(
        format!("Perjanjian Kinerja {} {}", a.position_name, a.year),
        state.demo_mode,
    )
    .crumb("Perencanaan Kinerja", format!("/kinerja?tahun={}", a.year));
    if let Some(d) = a.department {
        layout = layout.crumb(
            "Pohon target",
            format!("/perangkat-daerah/{d}/target?tahun={}", a.year),
        );
    }
    let layout = layout.crumb("Perjanjian Kinerja", format!("/kinerja/perjanjian/{id}"));
    Ok(AgreementPage {
        layout,
        a,
        error,
        is_holder,
        is_setter,
        sign_refusal,
        cascade_to,
        participants,
        plans,
        kinds: IndicatorKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        today: format::today_iso(),
        audit,
    })
}

/// The agreement page showing why a form elsewhere was refused.
pub(crate) async fn page_with_error(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: String,
) -> Result<AgreementPage, WebError> {
    page(state, principal, id, Some(error)).await
}

/// `GET /kinerja/perjanjian/{id}/cetak` — the printable Perjanjian Kinerja.
pub async fn print_agreement(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<PrintPage, PageError> {
    let v = state.store.agreement(id).await?;
    let agency_name = state
        .store
        .agency(v.summary.agency)
        .await
        .map(|a| a.name)
        .unwrap_or_default();
    let a = body(&v);
    Ok(PrintPage {
        layout: Layout::new(
            format!("Perjanjian Kinerja {} {}", a.position_name, a.year),
            state.demo_mode,
        ),
        a,
        agency_name,
    })
}

/// Renders the answer of a form on the agreement page.
async fn answer(
    state: &AppState,
    principal: &Principal,
    agreement: i64,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| {
        page(state, principal, agreement, Some(error))
    })
    .await
}

/// The form field of the statement a party ticks before signing.
const CONFIRM: &str = "setuju";

fn here(id: i64) -> String {
    format!("/kinerja/perjanjian/{id}")
}

/// `POST /kinerja/perjanjian/{id}/target`
pub async fn add_target(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let t = forms::target(&pairs)?;
        let parent = forms::field(&pairs, "parent").parse::<i64>().ok();
        let by = principal.planning_actor(None)?;
        state.store.add_target(id, &t, parent, &by).await?;
        Ok(format!("{}#target", here(id)))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /kinerja/target/{id}/turunkan` — cascades a target to a post under its holder.
pub async fn cascade_target(
    State(state): State<AppState>,
    principal: Principal,
    Id(target): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let agreement = state.store.target_agreement(target).await?;
    let result = async {
        let to = forms::post(&pairs, "post")?;
        let t = forms::target(&pairs)?;
        let by = principal.planning_actor(None)?;
        state.store.cascade_target(target, to, &t, &by).await?;
        Ok(format!("{}#target-{target}", here(agreement)))
    }
    .await;
    answer(&state, &principal, agreement, result).await
}

/// `POST /kinerja/target/{id}/hapus`
pub async fn remove_target(
    State(state): State<AppState>,
    principal: Principal,
    Id(target): Id,
) -> Result<Response, PageError> {
    let agreement = state.store.target_agreement(target).await?;
    let result = async {
        let by = principal.planning_actor(None)?;
        state.store.remove_target(target, &by).await?;
        Ok(format!("{}#target", here(agreement)))
    }
    .await;
    answer(&state, &principal, agreement, result).await
}

/// `POST /kinerja/target/{id}/capaian` — the holder reports progress (0–100).
pub async fn report_progress(
    State(state): State<AppState>,
    principal: Principal,
    Id(target): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let agreement = state.store.target_agreement(target).await?;
    let result = async {
        let progress =
            sikerja_domain::planning::target::parse_number(forms::field(&pairs, "progress"))
                .ok_or_else(|| {
                    WebError::invalid("progress_invalid", "Capaian berupa angka 0 sampai 100.")
                })?;
        let by = principal.planning_actor(None)?;
        state
            .store
            .report_target_progress(target, progress, &by)
            .await?;
        Ok(format!("{}#target-{target}", here(agreement)))
    }
    .await;
    answer(&state, &principal, agreement, result).await
}

/// `POST /kinerja/perjanjian/{id}/tandatangani`
pub async fn sign_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        // A signature is confirmed on the page (issue 15 point 6): a party who did not tick
        // the statement is asked to; anyone else gets the storage's refusal below.
        if forms::field(&pairs, CONFIRM) != "ya" {
            let summary = state.store.agreement(id).await?.summary;
            let (is_holder, is_setter) = super::parties(&principal, &summary);
            if is_holder || is_setter {
                return Err(WebError::invalid(
                    "signature_not_confirmed",
                    "Centang pernyataan bahwa Anda telah membaca seluruh isi perjanjian dan \
                     lampirannya sebelum menandatangani.",
                ));
            }
        }
        state.store.sign_agreement(id, &by).await?;
        Ok(here(id))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /kinerja/perjanjian/{id}/amendemen` — amends a signed agreement with a reason.
pub async fn amend_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        state
            .store
            .amend_agreement(id, forms::field(&pairs, "reason"), &by)
            .await?;
        Ok(here(id))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /kinerja/perjanjian/{id}/dialog` — records a performance dialogue and the
/// identification it decided for each target (MEK-03, PEN-19).
pub async fn record_dialogue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let held_on =
            chrono::NaiveDate::parse_from_str(forms::field(&pairs, "held_on"), "%Y-%m-%d")
                .map_err(|_| {
                    WebError::invalid("held_on_invalid", "Tanggal dialog kinerja wajib diisi.")
                })?;
        let participants = forms::fields(&pairs, "participant")
            .iter()
            .filter_map(|p| p.parse::<i64>().ok().map(EmployeeId))
            .collect();
        let view = state.store.agreement(id).await?;
        let target_ids: Vec<i64> = view.targets.iter().map(|t| t.id).collect();
        let input = DialogueInput {
            held_on,
            participants,
            notes: forms::field(&pairs, "notes").to_string(),
            identifications: forms::identifications(&pairs, &target_ids),
        };
        let by = principal.planning_actor(None)?;
        state.store.record_dialogue(id, &input, &by).await?;
        Ok(format!("{}#dialog", here(id)))
    }
    .await;
    answer(&state, &principal, id, result).await
}
