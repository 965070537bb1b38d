//! `/penilaian/{id}/pdf` and `/docx` — the employee's evaluation document (*Dokumen Evaluasi
//! Kinerja Pegawai*, KIN-02; issue 16 point 7) of an assessment, built from the assessment as
//! its reader sees it and the parties storage names (the employee, the assessor who finalised
//! or exercises the post now, the assessor's superior, the agency's seat, the organisation's
//! predikat), rendered by the letters crate in the layout of the national form.

use axum::extract::State;
use sikerja_domain::performance::CoreValue;
use sikerja_letters::{
    EvaluationBehaviour, EvaluationDocument, EvaluationIndicator, EvaluationPeriod,
    EvaluationPerson, EvaluationResultPlan,
};
use sikerja_storage::EmployeeView;
use sikerja_storage::performance::{AssessmentView, EvaluationParties, PeriodRef};

use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::letters::{Download, LetterFile};

fn person(v: &EmployeeView) -> EvaluationPerson {
    let acting = v.acting_in.as_ref();
    EvaluationPerson {
        name: v.employee.display_name(),
        nip: v.employee.nip.as_str().to_string(),
        rank: format::grade(v.employee.grade, None),
        position: match (&v.position, acting) {
            (Some(p), _) => p.position.name.clone(),
            (None, Some(a)) => format!(
                "{} {}",
                a.acting_kind.map_or("Plt.", |k| k.label()),
                a.position.name
            ),
            (None, None) => String::new(),
        },
        unit: v
            .unit_name
            .clone()
            .or_else(|| v.department.as_ref().map(|d| d.name.clone()))
            .unwrap_or_default(),
    }
}

/// The evaluation document of an assessment.
fn document(
    v: &AssessmentView,
    parties: &EvaluationParties,
    period: EvaluationPeriod,
    today: sikerja_domain::assignment::Day,
) -> EvaluationDocument {
    let mut results: Vec<EvaluationResultPlan> = Vec::new();
    for t in &v.inputs.targets {
        let indicator = EvaluationIndicator {
            indicator: t.indicator.clone(),
            target: t.target.clone(),
            realisation: t.realisation.clone(),
        };
        match results.iter_mut().find(|r| r.result_plan == t.result_plan) {
            Some(r) => r.indicators.push(indicator),
            None => results.push(EvaluationResultPlan {
                result_plan: t.result_plan.clone(),
                indicators: vec![indicator],
                feedback: String::new(),
            }),
        }
    }
    // The assessor's feedback to the employee goes with the first result plan.
    if let Some(first) = results.first_mut() {
        first.feedback = v.feedback.clone();
    }
    let rating = v.rating.as_ref();
    EvaluationDocument {
        agency: parties.agency_name.to_uppercase(),
        period,
        employee: person(&parties.employee),
        assessor: match &parties.assessor {
            Some(a) => person(a),
            None => EvaluationPerson {
                position: v.assessor_position_name.clone(),
                ..EvaluationPerson::default()
            },
        },
        assessor_superior: parties.assessor_superior.as_ref().map(person),
        organisation_rating: parties.organisation_rating,
        results,
        results_level: rating.map(|r| r.results_level),
        behaviour: CoreValue::ALL
            .iter()
            .map(|c| {
                let rated = rating
                    .and_then(|r| r.work_behaviour.values.iter().find(|x| x.core_value == *c));
                EvaluationBehaviour {
                    core_value: *c,
                    expectation: String::new(),
                    evidence: rated.map(|x| x.evidence.clone()).unwrap_or_default(),
                    level: rated.map(|x| x.level),
                }
            })
            .collect(),
        behaviour_level: rating.map(|r| r.work_behaviour.behaviour_level),
        performance_rating: v.performance_rating,
        place: parties.seat.clone(),
        date: v
            .finalised
            .as_ref()
            .map_or(today, |f| sikerja_storage::policies::day_of(f.2)),
    }
}

async fn download(
    state: &AppState,
    principal: &Principal,
    id: i64,
    file: LetterFile,
) -> Result<Download, WebError> {
    let by = principal.planning_actor(None)?;
    let v = state.store.assessment(id, &by).await?;
    let parties = state.store.evaluation_parties(id, &by).await?;
    let p: PeriodRef = v.period;
    let found = state
        .store
        .assessment_periods(v.agency, p.year)
        .await?
        .into_iter()
        .find(|x| PeriodRef::of(x) == p);
    let (starts, ends) = found.map_or(v.window, |x| (x.starts, x.ends));
    let period = EvaluationPeriod {
        year: p.year,
        kind: p.kind,
        number: p.number,
        starts,
        ends,
    };
    let doc = document(&v, &parties, period, crate::pages::execution_today()?);
    let stem = doc.file_stem();
    let (bytes, content_type, extension) = match file {
        LetterFile::Pdf => (
            state
                .letters
                .render_evaluation(doc, LetterFile::Pdf)
                .await
                .map_err(|e| WebError::internal("evaluation PDF", &e))?,
            "application/pdf",
            "pdf",
        ),
        LetterFile::Docx => (
            state
                .letters
                .render_evaluation(doc, LetterFile::Docx)
                .await
                .map_err(|e| WebError::internal("evaluation DOCX", &e))?,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
    };
    Ok(Download {
        bytes,
        content_type,
        filename: format!("{stem}.{extension}"),
    })
}

/// `GET /penilaian/{id}/pdf`
pub async fn evaluation_pdf(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Download, PageError> {
    Ok(download(&state, &principal, id, LetterFile::Pdf).await?)
}

/// `GET /penilaian/{id}/docx`
pub async fn evaluation_docx(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Download, PageError> {
    Ok(download(&state, &principal, id, LetterFile::Docx).await?)
}
