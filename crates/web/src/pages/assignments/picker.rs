//! The candidate picker and the check's findings as the draft form shows them: each candidate
//! with placement (PEN-02), load, team-lead requirements (PEN-08) and what the form already
//! says about them; each finding with its rule, article and the facts it used.

use sikerja_domain::assignment::{AssignmentDraft, Finding, Report};
use sikerja_storage::Candidate;

use crate::pages::planning::forms::{Pairs, field, fields};

/// A team-lead requirement as shown.
pub struct RequirementLine {
    pub met: bool,
    pub name: String,
    pub detail: String,
    pub rule_id: String,
    pub article: &'static str,
}

/// A candidate row of the picker, with what the form already says about them.
pub struct CandidateRow {
    pub id: i64,
    pub name: String,
    pub nip: String,
    pub position_name: String,
    pub in_owner_unit: bool,
    pub equalized_first: bool,
    pub placed: bool,
    pub placement_note: String,
    pub load: u32,
    pub assignments: Vec<String>,
    pub lead_eligible: bool,
    pub requirements: Vec<RequirementLine>,
    pub selected: bool,
    pub lead: bool,
    pub from: String,
    pub until: String,
}

/// A finding as shown.
pub struct FindingLine {
    pub rule_id: String,
    pub rule_title: &'static str,
    pub article: &'static str,
    pub code: &'static str,
    pub message: String,
    pub member: Option<String>,
    pub facts: Vec<String>,
}

/// The answer of "Periksa".
pub struct ReportView {
    pub allowed: bool,
    pub scope: &'static str,
    pub scope_rule: String,
    pub instrument: &'static str,
    pub instrument_rule_id: String,
    pub instrument_article: &'static str,
    pub workflow: Option<(&'static str, String, &'static str)>,
    pub violations: Vec<FindingLine>,
    pub advice: Vec<FindingLine>,
}

fn finding_line(f: &Finding, names: &[(i64, String)]) -> FindingLine {
    FindingLine {
        rule_id: f.rule.rule_id.to_string(),
        rule_title: f.rule.rule_id.title(),
        article: f.rule.article,
        code: f.code,
        message: f.message.clone(),
        member: f.employee.and_then(|e| {
            names
                .iter()
                .find(|(id, _)| *id == e.0)
                .map(|(_, n)| n.clone())
        }),
        facts: f
            .facts
            .iter()
            .map(|x| format!("{} = {}", x.key, x.value))
            .collect(),
    }
}

pub(super) fn report_view(
    r: &Report,
    draft: &AssignmentDraft,
    names: &[(i64, String)],
) -> ReportView {
    let workflow = sikerja_domain::workflow::workflow_for(r.scope, draft.method).map(|k| {
        let d = k.definition();
        (d.title, d.rule.to_string(), d.article)
    });
    ReportView {
        allowed: r.is_allowed(),
        scope: r.scope.label(),
        scope_rule: r.scope_citation.to_string(),
        instrument: r.instrument.label(),
        instrument_rule_id: r.instrument_citation.rule_id.to_string(),
        instrument_article: r.instrument_citation.article,
        workflow,
        violations: r
            .violations
            .iter()
            .map(|f| finding_line(f, names))
            .collect(),
        advice: r.advice.iter().map(|f| finding_line(f, names)).collect(),
    }
}

pub(super) fn candidate_row(
    c: &Candidate,
    pairs: &Pairs,
    start: &str,
    until: &str,
) -> CandidateRow {
    let id = c.employee.0;
    let selected = fields(pairs, "member")
        .iter()
        .any(|m| m.trim() == id.to_string());
    let own = |key: &str, general: &str| {
        let v = field(pairs, &format!("{key}_{id}"));
        if v.is_empty() { general } else { v }.to_string()
    };
    CandidateRow {
        id,
        name: c.name.clone(),
        nip: c.nip.clone(),
        position_name: c.position_name.clone(),
        in_owner_unit: c.in_owner_unit,
        equalized_first: c.equalized_first,
        placed: c.placed,
        placement_note: c.placement_note.clone(),
        load: c.load,
        assignments: c
            .assignments
            .iter()
            .map(|a| format!("{} ({} – {})", a.title, a.from.label(), a.until.label()))
            .collect(),
        lead_eligible: c.lead_requirements.iter().all(|r| r.met),
        requirements: c
            .lead_requirements
            .iter()
            .map(|r| RequirementLine {
                met: r.met,
                name: r.name.clone(),
                detail: r.detail.clone(),
                rule_id: r.rule.rule_id.to_string(),
                article: r.rule.article,
            })
            .collect(),
        selected,
        lead: field(pairs, &format!("role_{id}")) == "team_lead",
        from: own("from", start),
        until: own("until", until),
    }
}

pub(super) fn matches(c: &Candidate, q: &str) -> bool {
    if q.is_empty() {
        return true;
    }
    let q = q.to_lowercase();
    c.name.to_lowercase().contains(&q)
        || c.nip.contains(&q)
        || c.position_name.to_lowercase().contains(&q)
}
