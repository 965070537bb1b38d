//! Who writes the inputs of an assessment (KIN-03, STR-06):
//!
//! - **KIN-03**: a team lead's report of a member's performance (*laporan kinerja anggota
//!   tim*) reaches the member's assessor. It is written by whoever led (`MemberRole::TeamLead`)
//!   an assignment the member served in as a member, both memberships overlapping the period
//!   assessed; one report per assignment and lead post.
//! - **STR-06**: for a JF Ahli Madya the assessment comes with the recommendation of the
//!   Administrator of the Unit Kerja where the JF works: whoever exercises the recommender post
//!   fixed with the assessor ([`super::FixedAssessor::recommender`]). No recommender post: no
//!   recommendation is asked.
//!
//! Nobody writes either about themselves.

use serde::{Deserialize, Serialize};

use super::period::AssessmentPeriod;
use super::refusal;
use crate::assignment::{Day, MemberRole};
use crate::holders::{Exercise, OrgSnapshot};
use crate::org::vocabulary;
use crate::organisation::{EmployeeId, PositionId};
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::RuleId;

/// KIN-03's article.
pub const KIN_03_ARTICLE: &str = "Lampiran III.B.3.e";
/// STR-06's article.
pub const STR_06_ARTICLE: &str = "Lampiran I.A.2.d";

vocabulary! {
    /// The kinds of notes written for an assessor.
    NoteKind {
        MemberReport => "member_report", "Laporan kinerja anggota tim";
        Recommendation => "recommendation", "Rekomendasi Administrator";
    }
}

/// One membership of an assignment's team, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TeamMembership {
    pub employee: EmployeeId,
    pub role: MemberRole,
    /// First and last day of the membership, both included.
    pub from: Day,
    pub until: Day,
}

impl TeamMembership {
    fn overlaps(&self, period: &AssessmentPeriod) -> bool {
        self.from <= period.ends && period.starts <= self.until
    }
}

/// KIN-03: whether `actor` may write the report of `member`'s performance in the assignment
/// whose team is `team`, for `period`: the actor led the team and the member served in it as
/// a member, both in the period.
pub fn may_write_member_report(
    actor: EmployeeId,
    member: EmployeeId,
    team: &[TeamMembership],
    period: &AssessmentPeriod,
) -> Result<(), Refusal> {
    if actor == member {
        return Err(refusal(
            RefusalKind::NotPermitted,
            "member_report_oneself",
            RuleId::KIN_03,
            KIN_03_ARTICLE,
            "Ketua tim tidak menulis laporan kinerja anggota tim tentang dirinya sendiri.",
        ));
    }
    let led = team
        .iter()
        .any(|m| m.employee == actor && m.role == MemberRole::TeamLead && m.overlaps(period));
    if !led {
        return Err(refusal(
            RefusalKind::NotPermitted,
            "not_the_team_lead",
            RuleId::KIN_03,
            KIN_03_ARTICLE,
            format!(
                "Laporan kinerja anggota tim ditulis oleh ketua tim penugasan ini selama {}.",
                period.label()
            ),
        ));
    }
    let served = team
        .iter()
        .any(|m| m.employee == member && m.role == MemberRole::Member && m.overlaps(period));
    if !served {
        return Err(refusal(
            RefusalKind::Invalid,
            "not_a_team_member",
            RuleId::KIN_03,
            KIN_03_ARTICLE,
            format!(
                "Pegawai ini bukan anggota tim penugasan ini selama {}.",
                period.label()
            ),
        ));
    }
    Ok(())
}

/// STR-06: whether `actor` writes the recommendation accompanying the assessment of
/// `employee`, whose fixed recommender post is `recommender`; how they exercise it.
pub fn may_recommend(
    snap: &OrgSnapshot,
    actor: EmployeeId,
    employee: EmployeeId,
    recommender: Option<PositionId>,
) -> Result<Exercise, Refusal> {
    let str_06 = |kind, code, message: &str| {
        refusal(
            kind,
            code,
            RuleId::STR_06,
            STR_06_ARTICLE,
            message.to_string(),
        )
    };
    let Some(post_id) = recommender else {
        return Err(str_06(
            RefusalKind::Invalid,
            "recommendation_not_needed",
            "Penilaian pegawai ini tidak disertai rekomendasi Administrator (hanya untuk JF Ahli Madya).",
        ));
    };
    if actor == employee {
        return Err(str_06(
            RefusalKind::NotPermitted,
            "not_the_recommender",
            "Pegawai yang dinilai tidak menulis rekomendasi atas dirinya sendiri.",
        ));
    }
    let not_recommender = || {
        str_06(
            RefusalKind::NotPermitted,
            "not_the_recommender",
            "Rekomendasi ditulis oleh Administrator unit kerja tempat JF Ahli Madya ini bekerja (pejabat definitif atau Plt./Plh.).",
        )
    };
    let post = snap.position(post_id).ok_or_else(not_recommender)?;
    let definitive = snap.person(actor).and_then(|p| p.position);
    crate::holders::exercise(actor, definitive, post).ok_or_else(not_recommender)
}

/// KIN-03, STR-06: a note is written (and rewritten by its author) until the assessment it
/// informs is finalised; after that it is part of the record.
pub fn may_rewrite_note(state: Option<super::AssessmentState>) -> Result<(), Refusal> {
    match state {
        Some(s) if s.is_locked() => Err(refusal(
            RefusalKind::Conflict,
            "assessment_note_locked",
            RuleId::KIN_03,
            KIN_03_ARTICLE,
            format!(
                "Penilaian pegawai ini berstatus {}: laporan dan rekomendasi tidak lagi diubah.",
                s.label()
            ),
        )),
        _ => Ok(()),
    }
}

/// KIN-01 (Pasal 18): the assessment covers the JF and Pelaksana — the employees with a
/// placement. Anyone else is refused.
pub fn out_of_scope() -> Refusal {
    refusal(
        RefusalKind::Invalid,
        "assessment_out_of_scope",
        RuleId::KIN_01,
        "Pasal 18 ayat (1)",
        "Penilaian kinerja di Sikerja meliputi Pejabat Fungsional dan Pelaksana; pegawai ini tidak termasuk.",
    )
}

/// KIN-01: a period the agency's period policy does not have (a month under a quarterly
/// cadence, a number out of range).
pub fn period_unknown(label: &str) -> Refusal {
    refusal(
        RefusalKind::Invalid,
        "period_unknown",
        RuleId::KIN_01,
        "Pasal 18 ayat (1) huruf c",
        format!("Periode {label} tidak ada dalam kebijakan periode penilaian instansi ini."),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::performance::{PeriodPolicy, periods_of_year};

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn q2() -> AssessmentPeriod {
        periods_of_year(2026, &PeriodPolicy::default()).unwrap()[1]
    }

    fn m(id: i64, role: MemberRole, from: &str, until: &str) -> TeamMembership {
        TeamMembership {
            employee: EmployeeId(id),
            role,
            from: d(from),
            until: d(until),
        }
    }

    #[test]
    fn kin_03_the_lead_writes_for_a_member_of_the_period() {
        let team = [
            m(1, MemberRole::TeamLead, "2026-01-01", "2026-12-31"),
            m(2, MemberRole::Member, "2026-05-01", "2026-05-31"),
        ];
        may_write_member_report(EmployeeId(1), EmployeeId(2), &team, &q2()).unwrap();
    }

    #[test]
    fn kin_03_a_member_or_a_lead_of_another_period_does_not_write() {
        let team = [
            m(1, MemberRole::TeamLead, "2026-01-01", "2026-03-31"),
            m(2, MemberRole::Member, "2026-01-01", "2026-12-31"),
            m(3, MemberRole::Member, "2026-01-01", "2026-12-31"),
        ];
        // The lead left before the second quarter.
        let e = may_write_member_report(EmployeeId(1), EmployeeId(2), &team, &q2()).unwrap_err();
        assert_eq!(e.code, "not_the_team_lead");
        assert_eq!(e.citation.rule_id, RuleId::KIN_03);
        // A fellow member is no lead.
        let e = may_write_member_report(EmployeeId(3), EmployeeId(2), &team, &q2()).unwrap_err();
        assert_eq!(e.code, "not_the_team_lead");
        // Nobody writes about themselves.
        let e = may_write_member_report(EmployeeId(2), EmployeeId(2), &team, &q2()).unwrap_err();
        assert_eq!(e.code, "member_report_oneself");
    }

    #[test]
    fn kin_03_the_member_served_in_the_period() {
        let team = [
            m(1, MemberRole::TeamLead, "2026-01-01", "2026-12-31"),
            m(2, MemberRole::Member, "2026-07-01", "2026-08-31"),
        ];
        let e = may_write_member_report(EmployeeId(1), EmployeeId(2), &team, &q2()).unwrap_err();
        assert_eq!(e.code, "not_a_team_member");
        let e = may_write_member_report(EmployeeId(1), EmployeeId(9), &team, &q2()).unwrap_err();
        assert_eq!(e.code, "not_a_team_member");
    }

    #[test]
    fn kin_03_a_note_is_rewritten_until_the_assessment_is_final() {
        use crate::performance::AssessmentState as S;
        may_rewrite_note(None).unwrap();
        may_rewrite_note(Some(S::Draft)).unwrap();
        let e = may_rewrite_note(Some(S::Finalised)).unwrap_err();
        assert_eq!(e.code, "assessment_note_locked");
        assert_eq!(e.citation.rule_id, RuleId::KIN_03);
    }

    #[test]
    fn str_06_no_recommender_post_no_recommendation() {
        let snap = OrgSnapshot::default();
        let e = may_recommend(&snap, EmployeeId(1), EmployeeId(2), None).unwrap_err();
        assert_eq!(e.code, "recommendation_not_needed");
        assert_eq!(e.citation.rule_id, RuleId::STR_06);
        let e =
            may_recommend(&snap, EmployeeId(1), EmployeeId(2), Some(PositionId(5))).unwrap_err();
        assert_eq!(e.code, "not_the_recommender");
        let e =
            may_recommend(&snap, EmployeeId(2), EmployeeId(2), Some(PositionId(5))).unwrap_err();
        assert_eq!(e.code, "not_the_recommender");
    }
}
