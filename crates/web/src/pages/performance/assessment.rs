//! `/penilaian/{id}` — one assessment: who is assessed in which period and by whom (the PPK
//! post fixed on the record with its citation, KIN-04/KED-12; the STR-06 recommender for an
//! Ahli Madya), the inputs gathered for the assessor (KIN-01, KIN-03, STR-06), the rating with
//! its predikat (KIN-02), the objection and its decision, the follow-up and the recorded
//! decisions. The forms — rate, finalise, acknowledge, object, uphold or dismiss the
//! objection, reopen, follow-up — are shown only when the domain offers them to the reader
//! (`AssessmentOffers`), and storage decides each again inside its change.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use sikerja_domain::performance::{
    AssessmentRating, CoreValue, ExpectationLevel, FollowUpKind, PeriodKind,
};
use sikerja_storage::performance::AssessmentView;

use super::charts::{self, DistributionChart};
use super::{forms, state_class};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::pages::execution::forms::respond;
use crate::pages::planning::forms::{Pairs, field};
use crate::views::Layout;

/// A level offered in a select.
pub struct LevelChoice {
    pub code: &'static str,
    pub label: &'static str,
}

/// One core value in the rating form or as rated.
pub struct ValueRow {
    pub code: &'static str,
    pub label: &'static str,
    pub level: &'static str,
    pub level_label: &'static str,
    pub evidence: String,
}

/// The rating as shown, or as the form holds it.
pub struct RatingView {
    pub results_level: &'static str,
    pub results_label: &'static str,
    pub behaviour_level: &'static str,
    pub behaviour_label: &'static str,
    pub values: Vec<ValueRow>,
    pub feedback: String,
}

impl RatingView {
    fn new(r: Option<&AssessmentRating>, feedback: &str) -> RatingView {
        let meets = ExpectationLevel::Meets;
        let results = r.map_or(meets, |r| r.results_level);
        let behaviour = r.map_or(meets, |r| r.work_behaviour.behaviour_level);
        RatingView {
            results_level: results.code(),
            results_label: results.label(),
            behaviour_level: behaviour.code(),
            behaviour_label: behaviour.label(),
            values: CoreValue::ALL
                .iter()
                .map(|v| {
                    let rated =
                        r.and_then(|r| r.work_behaviour.values.iter().find(|x| x.core_value == *v));
                    let level = rated.map_or(meets, |x| x.level);
                    ValueRow {
                        code: v.code(),
                        label: v.label(),
                        level: level.code(),
                        level_label: level.label(),
                        evidence: rated.map(|x| x.evidence.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
            feedback: feedback.to_string(),
        }
    }
}

/// A follow-up kind in the form.
pub struct KindChoice {
    pub code: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

/// A line of the inputs: a title, details and when.
pub struct InputLine {
    pub title: String,
    pub detail: String,
    pub when: String,
}

/// A result plan's indicator with its target and realisation.
pub struct TargetLine {
    pub result_plan: String,
    pub indicator: String,
    pub target: String,
    pub realisation: String,
}

/// A recorded decision (reopening, objection upheld or dismissed).
pub struct EventLine {
    pub kind: &'static str,
    pub reason: String,
    pub earlier: String,
    pub by: String,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "performance/assessment.html")]
pub struct AssessmentPage {
    layout: Layout,
    error: Option<String>,
    /// Finalised with the curve's warnings (KIN-02).
    warned: bool,
    id: i64,
    employee_name: String,
    nip: String,
    position_name: String,
    period_label: String,
    annual: bool,
    window: String,
    state: &'static str,
    state_class: &'static str,
    assessor_position: String,
    assessor_rule: String,
    assessor_article: String,
    assessor_now: Option<String>,
    recommender: Option<String>,
    performance_rating: Option<&'static str>,
    finalised: Option<String>,
    rated: Option<RatingView>,
    /// The form's values: the saved draft, or those of a refused form.
    form: RatingView,
    levels: Vec<LevelChoice>,
    objection: Option<(String, String)>,
    objection_decision: Option<String>,
    acknowledged: Option<String>,
    follow_up: Option<(String, String)>,
    follow_up_kinds: Vec<KindChoice>,
    development_needs: String,
    expectations: Vec<String>,
    targets: Vec<TargetLine>,
    reports: Vec<InputLine>,
    feedback: Vec<InputLine>,
    member_reports: Vec<InputLine>,
    recommendation: Option<InputLine>,
    leads_pending: Vec<String>,
    events: Vec<EventLine>,
    refusal: Option<String>,
    /// The reader reads the whole assessment (not only their own note): the evaluation
    /// document's files are theirs to download.
    documents: bool,
    may_rate: bool,
    may_finalise: bool,
    may_acknowledge: bool,
    may_object: bool,
    may_decide: bool,
    may_reopen: bool,
    may_follow_up: bool,
    /// STR-06: the recommender may write (or rewrite) the recommendation.
    may_recommend: bool,
    distribution: Option<DistributionChart>,
}

#[derive(Debug, Deserialize)]
pub struct ShowQuery {
    peringatan: Option<String>,
}

/// `GET /penilaian/{id}`
pub async fn show_assessment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    query: Result<Query<ShowQuery>, QueryRejection>,
) -> Result<AssessmentPage, PageError> {
    let Query(q) = query.map_err(WebError::from)?;
    let mut page = page(&state, &principal, id, None, None).await?;
    page.warned = q.peringatan.is_some();
    Ok(page)
}

fn rating_text(r: &AssessmentRating) -> String {
    format!(
        "hasil kerja {}, perilaku kerja {}",
        r.results_level.label().to_lowercase(),
        r.work_behaviour.behaviour_level.label().to_lowercase()
    )
}

/// The page of assessment `id` as `principal` may see it; `shown` fills the rating form
/// (the values of a refused form).
pub(crate) async fn page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: Option<String>,
    shown: Option<(AssessmentRating, String)>,
) -> Result<AssessmentPage, WebError> {
    let by = principal.planning_actor(None)?;
    let v: AssessmentView = state.store.assessment(id, &by).await?;
    let offers = &v.offers;
    let annual = v.period.kind == PeriodKind::Year;
    let distribution = if annual && (offers.rate || offers.finalise || offers.decide_objection) {
        Some(charts::distribution(
            &state.store.distribution(v.agency, v.period.year).await?,
        ))
    } else {
        None
    };
    let form = match &shown {
        Some((r, feedback)) => RatingView::new(Some(r), feedback),
        None => RatingView::new(v.rating.as_ref(), &v.feedback),
    };
    let inputs = &v.inputs;
    Ok(AssessmentPage {
        layout: Layout::new(
            format!("Penilaian kinerja {}", v.employee_name),
            state.demo_mode,
        )
        .crumb("Penilaian Kinerja", "/penilaian")
        .crumb(v.employee_name.clone(), format!("/penilaian/{id}")),
        error,
        warned: false,
        id,
        employee_name: v.employee_name.clone(),
        nip: v.nip.clone(),
        position_name: v.position_name.clone(),
        period_label: v.period_label.clone(),
        annual,
        window: format!("{} – {}", v.window.0.label(), v.window.1.label()),
        state: v.state.label(),
        state_class: state_class(v.state),
        assessor_position: v.assessor_position_name.clone(),
        assessor_rule: v.assessor_citation.rule_id.to_string(),
        assessor_article: v.assessor_citation.article.to_string(),
        assessor_now: v.assessor_now.clone(),
        recommender: v.recommender_position_name.clone(),
        performance_rating: v.performance_rating.map(|p| p.label()),
        finalised: v.finalised.as_ref().map(|(name, nip, at, acting)| {
            format!(
                "{}{name} (NIP {nip}), {}",
                if *acting { "pelaksana tugas " } else { "" },
                format::date_time(*at)
            )
        }),
        rated: v
            .rating
            .as_ref()
            .filter(|_| v.state.is_locked() || !offers.rate)
            .map(|r| RatingView::new(Some(r), &v.feedback)),
        form,
        levels: ExpectationLevel::ALL
            .iter()
            .map(|l| LevelChoice {
                code: l.code(),
                label: l.label(),
            })
            .collect(),
        objection: v
            .objection
            .as_ref()
            .map(|o| (o.reasons.clone(), format::date_time(o.at))),
        objection_decision: v.objection.as_ref().and_then(|o| {
            let verdict = match o.upheld? {
                true => "Keberatan dikabulkan",
                false => "Keberatan ditolak",
            };
            Some(format!(
                "{verdict} oleh {}{}: {}",
                o.decided_by.clone().unwrap_or_default(),
                o.decided_at
                    .map(|at| format!(", {}", format::date_time(at)))
                    .unwrap_or_default(),
                o.decision_reason.clone().unwrap_or_default()
            ))
        }),
        acknowledged: v.acknowledged_at.map(format::date_time),
        follow_up: v.follow_up.as_ref().map(|f| {
            (
                f.kinds
                    .iter()
                    .map(|k| k.label())
                    .collect::<Vec<_>>()
                    .join(", "),
                f.development_needs.clone(),
            )
        }),
        follow_up_kinds: FollowUpKind::ALL
            .iter()
            .map(|k| KindChoice {
                code: k.code(),
                label: k.label(),
                checked: v.follow_up.as_ref().is_some_and(|f| f.kinds.contains(k)),
            })
            .collect(),
        development_needs: v
            .follow_up
            .as_ref()
            .map(|f| f.development_needs.clone())
            .unwrap_or_default(),
        expectations: inputs.expectations.clone(),
        targets: inputs
            .targets
            .iter()
            .map(|t| TargetLine {
                result_plan: t.result_plan.clone(),
                indicator: t.indicator.clone(),
                target: t.target.clone(),
                realisation: t.realisation.clone(),
            })
            .collect(),
        reports: inputs
            .reports
            .iter()
            .map(|r| InputLine {
                title: r.title.clone(),
                detail: r.work_title.clone(),
                when: r.date.label(),
            })
            .collect(),
        feedback: inputs
            .feedback
            .iter()
            .map(|f| InputLine {
                title: f.author_label.clone(),
                detail: f.text.clone(),
                when: format::date_time(f.date),
            })
            .collect(),
        member_reports: inputs
            .member_reports
            .iter()
            .map(|n| InputLine {
                title: match &n.work_title {
                    Some(w) => format!("{} — {w}", n.author_label),
                    None => n.author_label.clone(),
                },
                detail: n.text.clone(),
                when: format::date_time(n.written_at),
            })
            .collect(),
        recommendation: inputs.recommendation.as_ref().map(|n| InputLine {
            title: n.author_label.clone(),
            detail: n.text.clone(),
            when: format::date_time(n.written_at),
        }),
        leads_pending: inputs.leads_pending.clone(),
        events: v
            .events
            .iter()
            .map(|e| EventLine {
                kind: e.kind.label(),
                reason: e.reason.clone(),
                earlier: match (&e.earlier_rating, e.earlier_performance_rating) {
                    (Some(r), Some(p)) => format!("{}; predikat {}", rating_text(r), p.label()),
                    (Some(r), None) => rating_text(r),
                    (None, Some(p)) => format!("predikat {}", p.label()),
                    (None, None) => String::new(),
                },
                by: e.by.clone(),
                at: format::date_time(e.at),
            })
            .collect(),
        refusal: offers.refusal.clone(),
        // A team lead or recommender sees only their own note: no rating, no assessor, no
        // decision, nothing offered.
        documents: v.assessor_now.is_some()
            || v.finalised.is_some()
            || v.rating.is_some()
            || !v.events.is_empty(),
        may_rate: offers.rate,
        may_finalise: offers.finalise,
        may_acknowledge: offers.acknowledge,
        may_object: offers.object,
        may_decide: offers.decide_objection,
        may_reopen: offers.reopen,
        may_follow_up: offers.follow_up,
        may_recommend: offers.recommend,
        distribution,
    })
}

/// The redirect of a change on assessment `id`, or its page again with the reason.
async fn answer(
    state: &AppState,
    principal: &Principal,
    id: i64,
    shown: Option<(AssessmentRating, String)>,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| {
        page(state, principal, id, Some(error), shown)
    })
    .await
}

/// `POST /penilaian/{id}/nilai` — the assessor saves the rating of a draft (KIN-02).
pub async fn save_rating(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let parsed = forms::rating(&pairs);
    let feedback = field(&pairs, "feedback").to_string();
    let shown = parsed.as_ref().ok().map(|r| (r.clone(), feedback.clone()));
    let result = async {
        let by = principal.planning_actor(None)?;
        let rating = parsed?;
        state.store.save_rating(id, &rating, &feedback, &by).await?;
        Ok(format!("/penilaian/{id}#penilaian"))
    }
    .await;
    answer(&state, &principal, id, shown, result).await
}

/// `POST /penilaian/{id}/finalkan` — the assessor finalises; the assessment is locked
/// (KIN-04). Beyond the curve's cap it is refused or finalised with a warning, as the
/// agency's policy says (KIN-02).
pub async fn finalise(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Response, PageError> {
    let result = async {
        let by = principal.planning_actor(None)?;
        let warnings = state.store.finalise_assessment(id, &by).await?;
        Ok(if warnings.is_empty() {
            format!("/penilaian/{id}")
        } else {
            format!("/penilaian/{id}?peringatan=kurva#distribusi")
        })
    }
    .await;
    answer(&state, &principal, id, None, result).await
}

/// `POST /penilaian/{id}/terima` — the employee acknowledges the finalised assessment.
pub async fn acknowledge(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Response, PageError> {
    let result = async {
        let by = principal.planning_actor(None)?;
        state.store.acknowledge_assessment(id, &by).await?;
        Ok(format!("/penilaian/{id}"))
    }
    .await;
    answer(&state, &principal, id, None, result).await
}

/// `POST /penilaian/{id}/keberatan` — the employee objects once, with reasons (KIN-02).
pub async fn object(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        state
            .store
            .object_to_assessment(id, field(&pairs, "reasons"), &by)
            .await?;
        Ok(format!("/penilaian/{id}#keberatan"))
    }
    .await;
    answer(&state, &principal, id, None, result).await
}

/// `POST /penilaian/{id}/keberatan/kabulkan` — the assessor's superior upholds the objection
/// with a changed rating and a reason.
pub async fn uphold_objection(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let parsed = forms::rating(&pairs);
    let shown = parsed.as_ref().ok().map(|r| (r.clone(), String::new()));
    let result = async {
        let by = principal.planning_actor(None)?;
        let rating = parsed?;
        let warnings = state
            .store
            .uphold_objection(id, &rating, field(&pairs, "reason"), &by)
            .await?;
        Ok(if warnings.is_empty() {
            format!("/penilaian/{id}#keberatan")
        } else {
            format!("/penilaian/{id}?peringatan=kurva#distribusi")
        })
    }
    .await;
    answer(&state, &principal, id, shown, result).await
}

/// `POST /penilaian/{id}/keberatan/tolak` — the assessor's superior dismisses the objection
/// with a reason.
pub async fn dismiss_objection(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        state
            .store
            .dismiss_objection(id, field(&pairs, "reason"), &by)
            .await?;
        Ok(format!("/penilaian/{id}#keberatan"))
    }
    .await;
    answer(&state, &principal, id, None, result).await
}

/// `POST /penilaian/{id}/buka-kembali` — the assessor's superior reopens a locked assessment
/// with a reason; the earlier rating is kept in the history (KIN-04).
pub async fn reopen(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        state
            .store
            .reopen_assessment(id, field(&pairs, "reason"), &by)
            .await?;
        Ok(format!("/penilaian/{id}#riwayat"))
    }
    .await;
    answer(&state, &principal, id, None, result).await
}

/// `POST /penilaian/{id}/tindak-lanjut` — the follow-up decided and the development needs
/// (KIN-01).
pub async fn record_follow_up(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let follow_up = forms::follow_up(&pairs)?;
        state.store.record_follow_up(id, &follow_up, &by).await?;
        Ok(format!("/penilaian/{id}#tindak-lanjut"))
    }
    .await;
    answer(&state, &principal, id, None, result).await
}

/// `POST /penilaian/{id}/rekomendasi` — the Administrator exercising the recommender post
/// writes (or rewrites, until the assessment is finalised) the recommendation for an Ahli
/// Madya's assessor (STR-06); storage asks the domain (`may_recommend`).
pub async fn recommend(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let v = state.store.assessment(id, &by).await?;
        state
            .store
            .write_recommendation(v.employee, v.period, field(&pairs, "text"), &by)
            .await?;
        Ok(format!("/penilaian/{id}#rekomendasi"))
    }
    .await;
    answer(&state, &principal, id, None, result).await
}
