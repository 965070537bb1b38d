//! The candidate picker and the check's findings as the draft form shows them: each candidate
//! with unit, Perangkat Daerah, grade, placement (PEN-02), load, team-lead requirements
//! (PEN-08) and what the form already says about them; each finding with its rule, article
//! and the facts it used. Issue 15 point 3: the chosen stay listed whatever the search, the
//! others are searched and shown a page at a time.

use sikerja_domain::assignment::{AssignmentDraft, Finding, MemberRole, Report, Search};
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
    pub unit_name: String,
    pub department_name: String,
    pub grade: String,
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
        unit_name: c.unit_name.clone(),
        department_name: c.department_name.clone(),
        grade: crate::format::grade(c.grade, None),
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
        lead_eligible: c.lead_eligible(),
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
        lead: MemberRole::from_code(field(pairs, &format!("role_{id}")))
            == Some(MemberRole::TeamLead),
        from: own("from", start),
        until: own("until", until),
    }
}

/// How many candidates a page of the picker shows besides those chosen.
pub(super) const PAGE_SIZE: usize = 25;

/// The picker's list: every chosen candidate, then one page of the others the search finds.
pub(super) struct PickerList {
    pub chosen: Vec<CandidateRow>,
    pub found: Vec<CandidateRow>,
    /// How many the search finds besides the chosen.
    pub total: usize,
    /// The page shown (1-based, within range) and how many there are.
    pub page: usize,
    pub pages: usize,
}

impl PickerList {
    /// "Menampilkan 26–50 dari 1.680 calon".
    pub fn showing(&self) -> String {
        if self.found.is_empty() {
            return format!("Tidak ada calon lain yang cocok dari {} calon.", self.total);
        }
        let first = (self.page - 1) * PAGE_SIZE + 1;
        format!(
            "Menampilkan {}–{} dari {} calon",
            crate::format::thousands(first),
            crate::format::thousands(first + self.found.len() - 1),
            crate::format::thousands(self.total)
        )
    }
}

/// Splits ranked candidates into the chosen and the requested page of those `search` finds.
/// `page` is 1-based and clamped to the pages there are.
pub(super) fn picker_list<'a>(
    ranked: impl IntoIterator<Item = (&'a Candidate, CandidateRow)>,
    search: &Search,
    page: usize,
) -> PickerList {
    let mut chosen = Vec::new();
    let mut found: Vec<CandidateRow> = Vec::new();
    for (c, row) in ranked {
        if row.selected {
            chosen.push(row);
        } else if c.matches(search) {
            found.push(row);
        }
    }
    let total = found.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let found = found
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    PickerList {
        chosen,
        found,
        total,
        page,
        pages,
    }
}
