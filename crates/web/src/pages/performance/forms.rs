//! Reading the assessment forms: the rating (KIN-02: the level of the work results, each of
//! the seven BerAKHLAK core values with its level and evidence, the overall behaviour level,
//! the feedback to the employee) and the follow-up (KIN-01). The domain checks the rating
//! (`rate`) and the follow-up (`check_follow_up`) inside the change; here only what a form
//! cannot carry is refused.

use sikerja_domain::performance::{
    AssessmentRating, BehaviourRating, CoreValue, ExpectationLevel, FollowUp, FollowUpKind,
    ValueRating,
};

use crate::error::WebError;
use crate::pages::planning::forms::{Pairs, field, fields};

fn level(code: &str, what: &str) -> Result<ExpectationLevel, WebError> {
    ExpectationLevel::from_code(code.trim()).ok_or_else(|| {
        WebError::invalid(
            "rating_level_invalid",
            format!("Pilih tingkat {what}: di bawah, sesuai atau di atas ekspektasi."),
        )
    })
}

/// The rating of a form: `results_level`, `behaviour_level`, and per core value the fields
/// `core_value`, `level` and `evidence`, in the same order.
pub(crate) fn rating(pairs: &Pairs) -> Result<AssessmentRating, WebError> {
    let codes = fields(pairs, "core_value");
    let levels = fields(pairs, "level");
    let evidence = fields(pairs, "evidence");
    let mut values = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let core_value = CoreValue::from_code(code.trim()).ok_or_else(|| {
            WebError::invalid("core_value_invalid", "Nilai dasar BerAKHLAK tidak dikenal.")
        })?;
        values.push(ValueRating {
            core_value,
            level: level(
                levels.get(i).copied().unwrap_or(""),
                &format!("nilai dasar {}", core_value.label()),
            )?,
            evidence: evidence
                .get(i)
                .map_or(String::new(), |e| e.trim().to_string()),
        });
    }
    Ok(AssessmentRating {
        results_level: level(field(pairs, "results_level"), "hasil kerja")?,
        work_behaviour: BehaviourRating {
            behaviour_level: level(field(pairs, "behaviour_level"), "perilaku kerja")?,
            values,
        },
    })
}

/// The follow-up of a form: the kinds ticked (`kind`) and the development needs.
pub(crate) fn follow_up(pairs: &Pairs) -> Result<FollowUp, WebError> {
    let kinds = fields(pairs, "kind")
        .iter()
        .map(|k| {
            FollowUpKind::from_code(k.trim()).ok_or_else(|| {
                WebError::invalid(
                    "follow_up_kind_invalid",
                    "Jenis tindak lanjut tidak dikenal.",
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FollowUp {
        kinds,
        development_needs: field(pairs, "development_needs").to_string(),
    })
}
