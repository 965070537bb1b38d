//! KIN-02: the assessor rates work results (*hasil kerja*) and work behaviour (*perilaku
//! kerja*, the seven BerAKHLAK core values) each as below, meeting or above expectation; the
//! pair gives the performance rating (*predikat kinerja*) by the matrix of RULES.md.
//!
//! Work behaviour is rated as a whole by the assessor (PermenPANRB 6/2022), with evidence per
//! core value. Sikerja keeps the assessor's overall level as given — it never computes it from
//! the per-value levels — and requires evidence text for every value rated other than
//! *sesuai ekspektasi*, so a level that departs from the expectation is always explained.

use serde::{Deserialize, Serialize};

use super::refusal;
use crate::limits::{check_as, kind_of};
use crate::org::vocabulary;
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::{Citation, RuleId};

pub use crate::org::PerformanceRating;

/// KIN-02 is Pasal 18 ayat (2), which refers to PermenPANRB 6/2022.
pub const KIN_02_ARTICLE: &str = "Pasal 18 ayat (2)";

vocabulary! {
    /// How work results or work behaviour compare with the expectation (KIN-02).
    ExpectationLevel {
        Below => "below", "Di bawah ekspektasi";
        Meets => "meets", "Sesuai ekspektasi";
        Above => "above", "Di atas ekspektasi";
    }
}

vocabulary! {
    /// The seven BerAKHLAK core values work behaviour is rated on (KIN-02).
    CoreValue {
        ServiceOriented => "service_oriented", "Berorientasi Pelayanan";
        Accountable => "accountable", "Akuntabel";
        Competent => "competent", "Kompeten";
        Harmonious => "harmonious", "Harmonis";
        Loyal => "loyal", "Loyal";
        Adaptive => "adaptive", "Adaptif";
        Collaborative => "collaborative", "Kolaboratif";
    }
}

/// The citation of every rating decision.
pub fn rating_citation() -> Citation {
    Citation::new(RuleId::KIN_02, KIN_02_ARTICLE)
}

/// KIN-02: the performance rating of a pair of levels, exactly as the matrix of RULES.md
/// (rows: work results; columns: work behaviour).
pub fn performance_rating(
    results: ExpectationLevel,
    behaviour: ExpectationLevel,
) -> PerformanceRating {
    use ExpectationLevel::{Above, Below, Meets};
    match (results, behaviour) {
        (Above, Above) => PerformanceRating::SangatBaik,
        (Above | Meets, Meets) | (Meets, Above) => PerformanceRating::Baik,
        (Above | Meets, Below) => PerformanceRating::Kurang,
        (Below, Meets | Above) => PerformanceRating::ButuhPerbaikan,
        (Below, Below) => PerformanceRating::SangatKurang,
    }
}

/// The assessor's level on one core value and the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueRating {
    pub core_value: CoreValue,
    pub level: ExpectationLevel,
    /// What the employee did that shows the level; required unless the level is *sesuai*.
    pub evidence: String,
}

/// Work behaviour as the assessor rates it: the overall level (the assessor's, kept as given)
/// and each core value with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BehaviourRating {
    pub behaviour_level: ExpectationLevel,
    pub values: Vec<ValueRating>,
}

/// The assessor's rating of one employee in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentRating {
    pub results_level: ExpectationLevel,
    pub work_behaviour: BehaviourRating,
}

/// A checked rating: the predikat it gives, with its citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatingOutcome {
    pub rating: PerformanceRating,
    pub citation: Citation,
}

/// KIN-02: checks a rating — every core value rated exactly once, evidence for every value not
/// rated *sesuai*, evidence within the text limits — and gives its predikat.
pub fn rate(r: &AssessmentRating) -> Result<RatingOutcome, Refusal> {
    for value in CoreValue::ALL {
        match r
            .work_behaviour
            .values
            .iter()
            .filter(|v| v.core_value == *value)
            .count()
        {
            0 => {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "behaviour_value_missing",
                    RuleId::KIN_02,
                    KIN_02_ARTICLE,
                    format!("Nilai dasar {} belum dinilai.", value.label()),
                ));
            }
            1 => {}
            _ => {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "behaviour_value_twice",
                    RuleId::KIN_02,
                    KIN_02_ARTICLE,
                    format!("Nilai dasar {} dinilai lebih dari sekali.", value.label()),
                ));
            }
        }
    }
    for v in &r.work_behaviour.values {
        if v.level != ExpectationLevel::Meets && v.evidence.trim().is_empty() {
            return Err(refusal(
                RefusalKind::Invalid,
                "behaviour_evidence_blank",
                RuleId::KIN_02,
                KIN_02_ARTICLE,
                format!(
                    "Nilai dasar {} dinilai {}: tuliskan bukti perilakunya.",
                    v.core_value.label(),
                    v.level.label().to_lowercase()
                ),
            ));
        }
        if let Err(p) = check_as(kind_of("evidence"), &v.evidence) {
            return Err(refusal(
                RefusalKind::Invalid,
                p.code(),
                RuleId::KIN_02,
                KIN_02_ARTICLE,
                p.message("evidence"),
            ));
        }
    }
    Ok(RatingOutcome {
        rating: performance_rating(r.results_level, r.work_behaviour.behaviour_level),
        citation: rating_citation(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ExpectationLevel::{Above, Below, Meets};

    #[test]
    fn kin_02_the_matrix_gives_each_of_the_nine_cells() {
        // (hasil kerja, perilaku) → predikat, row by row as RULES.md KIN-02.
        let table = [
            (Above, Below, PerformanceRating::Kurang),
            (Above, Meets, PerformanceRating::Baik),
            (Above, Above, PerformanceRating::SangatBaik),
            (Meets, Below, PerformanceRating::Kurang),
            (Meets, Meets, PerformanceRating::Baik),
            (Meets, Above, PerformanceRating::Baik),
            (Below, Below, PerformanceRating::SangatKurang),
            (Below, Meets, PerformanceRating::ButuhPerbaikan),
            (Below, Above, PerformanceRating::ButuhPerbaikan),
        ];
        for (results, behaviour, expected) in table {
            assert_eq!(
                performance_rating(results, behaviour),
                expected,
                "{results:?} × {behaviour:?}"
            );
        }
        assert_eq!(PerformanceRating::Kurang.label(), "Kurang/Misconduct");
    }

    fn all_values(level: ExpectationLevel, evidence: &str) -> Vec<ValueRating> {
        CoreValue::ALL
            .iter()
            .map(|v| ValueRating {
                core_value: *v,
                level,
                evidence: evidence.to_string(),
            })
            .collect()
    }

    #[test]
    fn kin_02_the_assessors_overall_behaviour_level_is_kept_as_given() {
        // Every value "sesuai", overall "di atas": the assessor's overall level decides.
        let r = AssessmentRating {
            results_level: Above,
            work_behaviour: BehaviourRating {
                behaviour_level: Above,
                values: all_values(Meets, ""),
            },
        };
        let out = rate(&r).unwrap();
        assert_eq!(out.rating, PerformanceRating::SangatBaik);
        assert_eq!(out.citation.rule_id, RuleId::KIN_02);
    }

    #[test]
    fn kin_02_a_value_not_rated_sesuai_needs_evidence() {
        let mut values = all_values(Meets, "");
        values[2].level = Below;
        let r = AssessmentRating {
            results_level: Meets,
            work_behaviour: BehaviourRating {
                behaviour_level: Meets,
                values: values.clone(),
            },
        };
        let e = rate(&r).unwrap_err();
        assert_eq!(e.code, "behaviour_evidence_blank");
        assert!(e.message.contains("Kompeten"));
        values[2].evidence = "Belum menguasai aplikasi baru.".into();
        let r = AssessmentRating {
            results_level: Meets,
            work_behaviour: BehaviourRating {
                behaviour_level: Meets,
                values,
            },
        };
        assert_eq!(rate(&r).unwrap().rating, PerformanceRating::Baik);
    }

    #[test]
    fn kin_02_every_core_value_is_rated_exactly_once() {
        let mut values = all_values(Meets, "");
        values.pop();
        let mut r = AssessmentRating {
            results_level: Meets,
            work_behaviour: BehaviourRating {
                behaviour_level: Meets,
                values,
            },
        };
        assert_eq!(rate(&r).unwrap_err().code, "behaviour_value_missing");
        r.work_behaviour.values = all_values(Meets, "");
        r.work_behaviour.values.push(ValueRating {
            core_value: CoreValue::Loyal,
            level: Meets,
            evidence: String::new(),
        });
        assert_eq!(rate(&r).unwrap_err().code, "behaviour_value_twice");
    }

    #[test]
    fn kin_02_evidence_with_a_control_character_is_refused() {
        let r = AssessmentRating {
            results_level: Meets,
            work_behaviour: BehaviourRating {
                behaviour_level: Meets,
                values: all_values(Above, "baik\u{0}"),
            },
        };
        assert_eq!(rate(&r).unwrap_err().code, "control_character");
    }
}
