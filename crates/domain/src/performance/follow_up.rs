//! Follow-up of an assessment (*tindak lanjut*, KIN-01, Pasal 18 ayat (1) huruf d): the
//! employee's development needs and the follow-up the assessor decides — coaching, training,
//! a reward, or a recommendation of a sanction — recorded per employee and period and visible
//! to BKPSDM.

use serde::{Deserialize, Serialize};

use super::refusal;
use crate::limits::check_as;
use crate::org::vocabulary;
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::RuleId;

/// KIN-01's follow-up is Pasal 18 ayat (1) huruf d.
pub const FOLLOW_UP_ARTICLE: &str = "Pasal 18 ayat (1) huruf d";

vocabulary! {
    /// The kinds of follow-up decided after an assessment.
    FollowUpKind {
        Coaching => "coaching", "Pembinaan";
        Training => "training", "Pelatihan";
        Reward => "reward", "Penghargaan";
        SanctionRecommendation => "sanction_recommendation", "Rekomendasi sanksi";
    }
}

/// The follow-up of one employee's assessment in one period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub kinds: Vec<FollowUpKind>,
    /// *Kebutuhan pengembangan*: what the employee needs to develop (free text, may be empty).
    pub development_needs: String,
}

/// KIN-01: checks a follow-up: each kind once, the development needs within the limits of the
/// `development_needs` field (`limits.rs`).
pub fn check_follow_up(f: &FollowUp) -> Result<(), Refusal> {
    for (i, k) in f.kinds.iter().enumerate() {
        if f.kinds[..i].contains(k) {
            return Err(refusal(
                RefusalKind::Invalid,
                "follow_up_kind_twice",
                RuleId::KIN_01,
                FOLLOW_UP_ARTICLE,
                format!("Tindak lanjut {} dipilih lebih dari sekali.", k.label()),
            ));
        }
    }
    check_as(
        crate::limits::kind_of("development_needs"),
        &f.development_needs,
    )
    .map_err(|p| {
        refusal(
            RefusalKind::Invalid,
            p.code(),
            RuleId::KIN_01,
            FOLLOW_UP_ARTICLE,
            p.message("development_needs"),
        )
    })
}

/// KIN-01: whether the actor records the follow-up now: the assessor (whoever exercises the
/// fixed post, [`super::assessor::check_assessor`]), once the assessment is final — not on a
/// draft, nor while an objection waits for its decision.
pub fn may_record_follow_up(
    state: super::AssessmentState,
    actor: &super::ActorFacts,
) -> Result<(), Refusal> {
    use super::AssessmentState as S;
    if !actor.is_assessor || actor.is_employee {
        return Err(refusal(
            RefusalKind::NotPermitted,
            "not_the_assessor",
            RuleId::KIN_04,
            super::assessor::KIN_04_ARTICLE,
            "Tindak lanjut penilaian dicatat oleh Pejabat Penilai Kinerja pegawai ini.",
        ));
    }
    match state {
        S::Draft | S::Objected => Err(refusal(
            RefusalKind::Conflict,
            "follow_up_not_final",
            RuleId::KIN_01,
            FOLLOW_UP_ARTICLE,
            format!(
                "Penilaian berstatus {}: tindak lanjut dicatat setelah penilaian final dan keberatan (bila ada) diputus.",
                state.label()
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::limits::TextKind;

    #[test]
    fn kin_01_a_follow_up_names_each_kind_once() {
        let mut f = FollowUp {
            kinds: vec![FollowUpKind::Coaching, FollowUpKind::Training],
            development_needs: "Pelatihan analisis data.\nPendampingan penyusunan laporan.".into(),
        };
        check_follow_up(&f).unwrap();
        f.kinds.push(FollowUpKind::Coaching);
        assert_eq!(
            check_follow_up(&f).unwrap_err().code,
            "follow_up_kind_twice"
        );
    }

    #[test]
    fn kin_01_the_assessor_records_the_follow_up_of_a_final_assessment() {
        use crate::performance::{ActorFacts, AssessmentState as S};
        let assessor = ActorFacts {
            is_assessor: true,
            ..ActorFacts::default()
        };
        may_record_follow_up(S::Finalised, &assessor).unwrap();
        may_record_follow_up(S::ObjectionDismissed, &assessor).unwrap();
        assert_eq!(
            may_record_follow_up(S::Draft, &assessor).unwrap_err().code,
            "follow_up_not_final"
        );
        assert_eq!(
            may_record_follow_up(S::Objected, &assessor)
                .unwrap_err()
                .code,
            "follow_up_not_final"
        );
        let employee = ActorFacts {
            is_employee: true,
            ..ActorFacts::default()
        };
        assert_eq!(
            may_record_follow_up(S::Finalised, &employee)
                .unwrap_err()
                .code,
            "not_the_assessor"
        );
    }

    #[test]
    fn kin_01_development_needs_keep_to_their_limit() {
        let f = FollowUp {
            kinds: vec![],
            development_needs: "x".repeat(TextKind::Note.max() + 1),
        };
        assert_eq!(crate::limits::kind_of("development_needs"), TextKind::Note);
        let e = check_follow_up(&f).unwrap_err();
        assert_eq!(e.code, "text_too_long");
        assert_eq!(e.citation.rule_id, RuleId::KIN_01);
    }
}
