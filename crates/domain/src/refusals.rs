//! The refusals the regulation causes (issue 12 point 8): every stable error code whose
//! refusal comes from a rule of the catalogue, with the rule and article it names. The web
//! layer adds the citation to the answer of such a code (API `details`, the error page), and a
//! test walks every error code of the code base and fails for one that is rule-caused but not
//! listed here.

use serde::Serialize;

use crate::rules::{Citation, RuleId};

/// How a refusal is answered: the person may not do this (403), the record's state does not
/// allow it now (409), or what was asked is wrong (422). Storage and the web map it as it is;
/// nobody sorts refusals by their code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalKind {
    NotPermitted,
    Conflict,
    Invalid,
}

/// A refused action: how it is answered, a stable code, an Indonesian message, and the rule it
/// comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub code: &'static str,
    pub message: String,
    pub citation: Citation,
}

impl Refusal {
    pub fn new(
        kind: RefusalKind,
        code: &'static str,
        rule_id: RuleId,
        article: &'static str,
        message: impl Into<String>,
    ) -> Refusal {
        Refusal {
            kind,
            code,
            message: message.into(),
            citation: Citation::new(rule_id, article),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.citation)
    }
}

/// One rule-caused refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleRefusal {
    /// The stable `snake_case` error code.
    pub code: &'static str,
    /// The rule and article the refusal comes from.
    pub rule_id: RuleId,
    pub article: &'static str,
}

impl RuleRefusal {
    /// The citation shown with the refusal.
    pub fn citation(&self) -> Citation {
        Citation::new(self.rule_id, self.article)
    }
}

const fn r(code: &'static str, rule_id: RuleId, article: &'static str) -> RuleRefusal {
    RuleRefusal {
        code,
        rule_id,
        article,
    }
}

/// Every rule-caused refusal code. Codes whose answers list each violation with its own rule
/// (`assignment_refused`, `validation_failed`) are not here: their `details` cite.
pub const RULE_REFUSALS: &[RuleRefusal] = &[
    // PEN-10: appointment by the head of the owner Unit Organisasi, volunteering by the
    // employee.
    r("not_the_appointing_head", RuleId::PEN_10, "Pasal 11–13"),
    // PEN-11: volunteering never across agencies.
    r(
        "volunteer_across_agencies",
        RuleId::PEN_11,
        "Lampiran II.B.2",
    ),
    // PEN-14 (and PEN-15, "same minimum content"): the request letter states purpose,
    // competence, expected targets and duration.
    r(
        "involvement_incomplete",
        RuleId::PEN_14,
        "Lampiran II.B.1.b angka 1",
    ),
    // PEN-14 angka 4 (PEN-15 angka 6): a refusal gives its reason.
    r(
        "reasons_required",
        RuleId::PEN_14,
        "Lampiran II.B.1.b angka 4",
    ),
    // PEN-18: a step is decided once, by the holder (or acting holder) of its position.
    r("not_the_step_holder", RuleId::PEN_18, "Lampiran II.B"),
    r("already_decided", RuleId::PEN_18, "Lampiran II.B"),
    r("lane_vacant", RuleId::PEN_18, "Lampiran II.B"),
    r("not_the_signer", RuleId::PEN_18, "Lampiran II.B"),
    // DOC-05: a request letter is answered once it has gone out with its number (issue 15
    // point 4).
    r("request_letter_not_issued", RuleId::DOC_05, "Lampiran IV"),
    // KED-09: a case no rule covers is decided manually, with a justification.
    r("justification_blank", RuleId::KED_09, "Lampiran I"),
    // STR-01..05: targets go to the posts whose agreements the holder sets.
    r(
        "not_a_recipient",
        RuleId::STR_01,
        "Lampiran I.A.2–I.E.2 (STR-01..05)",
    ),
    // MEK-02: a signed agreement changes only by an amendment; MEK-03: with its reason.
    r("agreement_signed", RuleId::MEK_02, "Lampiran A.1"),
    r("amendment_reason_blank", RuleId::MEK_03, "Pasal 10 ayat 2"),
    // MEK-03: a changed activity plan keeps its previous version and a reason.
    r(
        "plan_change_reason_blank",
        RuleId::MEK_03,
        "Pasal 10 ayat 2",
    ),
    // DOC-05: numbers from the issuing unit's register.
    r("register_incomplete", RuleId::DOC_05, "Lampiran IV"),
    r(
        "register_pattern_without_seq",
        RuleId::DOC_05,
        "Lampiran IV",
    ),
    // DOC-05: a number is never given twice in an agency.
    r("register_overlap", RuleId::DOC_05, "Lampiran IV"),
    r("letter_number_taken", RuleId::DOC_05, "Lampiran IV"),
    // MEK-04: execution starts once the work is set; the lead (or the individual) breaks it
    // down; feedback goes to the work's members, never to oneself (KIN-04).
    r("work_not_running", RuleId::MEK_04, "Lampiran A.2"),
    r(
        "not_the_breakdown_editor",
        RuleId::MEK_04,
        "Lampiran A.2; Lampiran III.B.3",
    ),
    r("feedback_not_a_member", RuleId::MEK_04, "Lampiran A.2"),
    r("feedback_to_self", RuleId::KIN_04, "Lampiran III.B"),
    r("not_the_feedback_recipient", RuleId::MEK_04, "Lampiran A.2"),
    // LAP-04: heads, PPK and team leads give feedback; the responsibilities decide who sees
    // the records of a piece of work and its reports.
    r("not_a_feedback_giver", RuleId::LAP_04, "Lampiran III.B"),
    r("not_involved_in_work", RuleId::LAP_04, "Lampiran III.B"),
    r("not_a_report_reader", RuleId::LAP_04, "Lampiran III.B"),
    // LAP-01, LAP-02: who reports to whom.
    r("not_the_individual_reporter", RuleId::LAP_01, "Pasal 16"),
    r(
        "not_a_team_member_reporter",
        RuleId::LAP_02,
        "Pasal 17 ayat 1",
    ),
    r(
        "not_the_team_lead_reporter",
        RuleId::LAP_02,
        "Pasal 17 ayat 1",
    ),
    // LAP-03: reports asked for at any time by the head of the Unit Organisasi.
    r(
        "not_the_requested_reporter",
        RuleId::LAP_03,
        "Pasal 17 ayat 2",
    ),
    r("not_the_org_unit_head", RuleId::LAP_03, "Pasal 17 ayat 2"),
    // LAP-05: problems raised by the team with recommendations, decided with a reason.
    r("not_the_team_raising", RuleId::LAP_05, "Lampiran III.A.2"),
    r(
        "issue_owner_head_vacant",
        RuleId::LAP_05,
        "Lampiran III.A.2",
    ),
    r("issue_no_collaboration", RuleId::LAP_05, "Lampiran III.A.2"),
    r(
        "issue_recommendation_unknown",
        RuleId::LAP_05,
        "Lampiran III.A.2",
    ),
    r("issue_decision_blank", RuleId::LAP_05, "Lampiran III.A.2"),
    r("issue_reason_required", RuleId::LAP_05, "Lampiran III.A.2"),
    r(
        "not_the_issue_addressee",
        RuleId::LAP_05,
        "Lampiran III.A.2",
    ),
    r(
        "report_request_not_a_member",
        RuleId::LAP_03,
        "Pasal 17 ayat 2",
    ),
    // MEK-04: the individual or the team lead submits a result that meets the target.
    r("not_the_result_submitter", RuleId::MEK_04, "Lampiran A.2.c"),
    // MEK-05: results go up the review chain, each step decided once by its reviewer; only
    // results that meet the target go up; returned with notes; accepted by the head of the
    // Unit Organisasi.
    r("result_target_not_met", RuleId::MEK_05, "Lampiran A.3"),
    r("result_not_returned", RuleId::MEK_05, "Lampiran A.3"),
    r("result_already_decided", RuleId::MEK_05, "Lampiran A.3"),
    r("not_the_reviewer", RuleId::MEK_05, "Lampiran A.3"),
    r("return_notes_blank", RuleId::MEK_05, "Lampiran A.3"),
    r("pass_at_last_reviewer", RuleId::MEK_05, "Lampiran A.3"),
    r("accept_by_last_reviewer", RuleId::MEK_05, "Lampiran A.3"),
    r(
        "review_chain_acceptor_vacant",
        RuleId::MEK_05,
        "Lampiran A.3",
    ),
    // KIN-04: nobody reviews their own result.
    r("own_result_review", RuleId::KIN_04, "Lampiran A.3"),
    r(
        "review_chain_own_acceptance",
        RuleId::KIN_04,
        "Lampiran A.3",
    ),
    // PEN-15: the Pejabat yang Berwenang an agency names is a position of that agency.
    r(
        "authority_position_unknown",
        RuleId::PEN_15,
        "Lampiran II.B.1.c",
    ),
    // Dated organisation changes (issue 14; sikerja_domain::changes): the organisation the
    // changes keep must stay one the rules can read.
    r(
        "org_change_subject_unknown",
        RuleId::ORG_01,
        "Pasal 1 angka 5",
    ),
    r("org_change_no_effect", RuleId::ORG_01, "Pasal 1 angka 5"),
    r(
        "org_change_name_invalid",
        RuleId::ORG_03,
        "Pasal 1 angka 21–22",
    ),
    r("unit_head_exists", RuleId::ORG_03, "Pasal 1 angka 21–22"),
    r("unit_exists", RuleId::ORG_03, "Pasal 1 angka 21–22"),
    r(
        "department_root_exists",
        RuleId::ORG_03,
        "Pasal 1 angka 21–22",
    ),
    r(
        "department_root_fixed",
        RuleId::ORG_03,
        "Pasal 1 angka 21–22",
    ),
    r("unit_cycle", RuleId::ORG_03, "Pasal 1 angka 21–22"),
    r("unit_not_empty", RuleId::ORG_03, "Pasal 1 angka 21–22"),
    r(
        "unit_other_department",
        RuleId::ORG_03,
        "Pasal 1 angka 21–22",
    ),
    r("position_level_mismatch", RuleId::ORG_04, "Pasal 1"),
    r("position_exists", RuleId::ORG_04, "Pasal 1"),
    r("position_taken", RuleId::ORG_05, "Pasal 1"),
    r("position_not_vacant", RuleId::ORG_05, "Pasal 1"),
    r("acting_in_own_position", RuleId::ORG_05, "Pasal 1"),
    r("employee_exists", RuleId::ORG_07, "Pasal 1"),
    r("grade_kind_mismatch", RuleId::ORG_07, "Pasal 1"),
    // Performance management (issue 16; sikerja_domain::performance). KIN-01: periods and
    // follow-up are Pasal 18 ayat (1).
    r(
        "period_policy_invalid",
        RuleId::KIN_01,
        "Pasal 18 ayat (1) huruf c",
    ),
    r(
        "period_year_invalid",
        RuleId::KIN_01,
        "Pasal 18 ayat (1) huruf c",
    ),
    r(
        "follow_up_kind_twice",
        RuleId::KIN_01,
        "Pasal 18 ayat (1) huruf d",
    ),
    // KIN-02: the rating of results and behaviour (seven core values, evidence), the
    // employee's acknowledgement or one objection decided with a reason, the curve.
    r(
        "behaviour_value_missing",
        RuleId::KIN_02,
        "Pasal 18 ayat (2)",
    ),
    r("behaviour_value_twice", RuleId::KIN_02, "Pasal 18 ayat (2)"),
    r(
        "behaviour_evidence_blank",
        RuleId::KIN_02,
        "Pasal 18 ayat (2)",
    ),
    r("assessment_incomplete", RuleId::KIN_02, "Pasal 18 ayat (2)"),
    r(
        "not_the_assessed_employee",
        RuleId::KIN_02,
        "Pasal 18 ayat (2)",
    ),
    r(
        "assessment_not_finalised",
        RuleId::KIN_02,
        "Pasal 18 ayat (2)",
    ),
    r(
        "objection_already_made",
        RuleId::KIN_02,
        "Pasal 18 ayat (2)",
    ),
    r(
        "objection_reasons_blank",
        RuleId::KIN_02,
        "Pasal 18 ayat (2)",
    ),
    r("objection_not_pending", RuleId::KIN_02, "Pasal 18 ayat (2)"),
    r(
        "objection_decision_blank",
        RuleId::KIN_02,
        "Pasal 18 ayat (2)",
    ),
    r(
        "objection_rating_unchanged",
        RuleId::KIN_02,
        "Pasal 18 ayat (2)",
    ),
    r("objection_pending", RuleId::KIN_02, "Pasal 18 ayat (2)"),
    r("curve_policy_invalid", RuleId::KIN_02, "Pasal 18 ayat (2)"),
    r("distribution_exceeded", RuleId::KIN_02, "Pasal 18 ayat (2)"),
    // KED-09: no assessor while the placement is unresolved.
    r("placement_unresolved", RuleId::KED_09, "Lampiran I"),
    // KIN-04: the assessor by placement, never oneself nor a subordinate of the assessed; a
    // locked assessment changes by a reopening with a reason by the assessor's superior.
    r("not_the_assessor", RuleId::KIN_04, "Lampiran I; Pasal 18"),
    r("assessor_vacant", RuleId::KIN_04, "Lampiran I; Pasal 18"),
    r("assessing_oneself", RuleId::KIN_04, "Lampiran I; Pasal 18"),
    r("assessing_superior", RuleId::KIN_04, "Lampiran I; Pasal 18"),
    r(
        "own_assessment_decision",
        RuleId::KIN_04,
        "Lampiran I; Pasal 18",
    ),
    r(
        "not_the_assessor_superior",
        RuleId::KIN_04,
        "Lampiran I; Pasal 18",
    ),
    r(
        "assessor_superior_vacant",
        RuleId::KIN_04,
        "Lampiran I; Pasal 18",
    ),
    r("assessment_locked", RuleId::KIN_04, "Lampiran I; Pasal 18"),
    r(
        "assessment_not_locked",
        RuleId::KIN_04,
        "Lampiran I; Pasal 18",
    ),
    r(
        "reopen_reason_blank",
        RuleId::KIN_04,
        "Lampiran I; Pasal 18",
    ),
    r(
        "member_report_oneself",
        RuleId::KIN_03,
        "Lampiran III.B.3.e",
    ),
    r("not_the_team_lead", RuleId::KIN_03, "Lampiran III.B.3.e"),
    r("not_a_team_member", RuleId::KIN_03, "Lampiran III.B.3.e"),
    r(
        "recommendation_not_needed",
        RuleId::STR_06,
        "Lampiran I.A.2.d",
    ),
    r("not_the_recommender", RuleId::STR_06, "Lampiran I.A.2.d"),
    r(
        "assessment_note_locked",
        RuleId::KIN_03,
        "Lampiran III.B.3.e",
    ),
    r(
        "assessment_out_of_scope",
        RuleId::KIN_01,
        "Pasal 18 ayat (1)",
    ),
    r(
        "period_unknown",
        RuleId::KIN_01,
        "Pasal 18 ayat (1) huruf c",
    ),
    r(
        "follow_up_not_final",
        RuleId::KIN_01,
        "Pasal 18 ayat (1) huruf d",
    ),
    // PRO-01..03 (issue 17): the business-process maps. Only the agency's keeper changes a
    // map; lanes are bound to the agency's own posts; a version is kept, an archived map no
    // longer changes, a review records findings and each SOP it changed.
    r(
        "process_map_not_keeper",
        RuleId::PRO_01,
        "Pasal 21 ayat (2)",
    ),
    r(
        "process_map_unknown_lane",
        RuleId::PRO_01,
        "Pasal 21 ayat (1)",
    ),
    r(
        "process_map_unknown_lane_target",
        RuleId::PRO_01,
        "Pasal 21 ayat (1)",
    ),
    r("process_map_archived", RuleId::PRO_03, "Pasal 21 ayat (3)"),
    r(
        "process_map_nothing_to_publish",
        RuleId::PRO_03,
        "Pasal 21 ayat (3)",
    ),
    r(
        "process_map_findings_blank",
        RuleId::PRO_03,
        "Pasal 21 ayat (3)",
    ),
    r(
        "process_map_invalid_sop_change",
        RuleId::PRO_03,
        "Pasal 21 ayat (3)",
    ),
];

/// The rule and article of a rule-caused refusal code.
pub fn citation_of(code: &str) -> Option<Citation> {
    RULE_REFUSALS
        .iter()
        .find(|r| r.code == code)
        .map(RuleRefusal::citation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_refusal_is_listed_once_with_an_article() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULE_REFUSALS {
            assert!(seen.insert(r.code), "{} listed twice", r.code);
            assert!(!r.article.trim().is_empty(), "{} without article", r.code);
        }
        assert_eq!(
            citation_of("volunteer_across_agencies").map(|c| c.rule_id),
            Some(RuleId::PEN_11)
        );
        assert_eq!(citation_of("forbidden"), None);
    }
}
