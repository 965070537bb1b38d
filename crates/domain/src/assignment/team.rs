//! The checks of a team (PEN-04..09): the lead comes from the owner unit, the limits on how
//! often and how long a person serves, the lead requirements and the JF from penyetaraan.

use super::check::{Checker, Finding, fact};
use super::count::counted;
use super::day::Day;
use super::eligibility::{equalized_in, lead_eligibility};
use super::model::{AssignmentScope, CountWindow, MembershipKind, PastAssignment};
use crate::rules::{Citation, RuleId};

impl Checker<'_> {
    /// PEN-04 (Pasal 9 ayat 3; Lampiran II.A.8, III.A.4): in a cross-unit or cross-agency
    /// team the lead comes from the owner Unit Organisasi.
    pub(super) fn pen_04_lead_from_owner_unit(&mut self) {
        if !self.is_team() || !self.scope.is_cross() {
            return;
        }
        let d = self.draft;
        for lead in self.leads() {
            let Some(e) = self.index.employees.get(&lead.employee) else {
                continue;
            };
            let Some(unit) = self.index.org_unit_of(lead.employee) else {
                continue;
            };
            if unit == d.owner_unit && e.agency == d.owner_agency {
                continue;
            }
            self.violation(
                Citation::new(RuleId::PEN_04, "Pasal 9 ayat 3; Lampiran II.A.8"),
                "team_lead_not_from_owner_unit",
                Some(lead.employee),
                format!(
                    "Ketua Tim pada tim kerja {} harus berasal dari Unit Organisasi pemilik kinerja ({}); {} berasal dari {}.",
                    self.scope.label(),
                    self.index.unit_name(d.owner_unit),
                    e.display_name(),
                    self.index.unit_name(unit)
                ),
                vec![
                    fact("employee", lead.employee),
                    fact("team_lead_unit", unit),
                    fact("owner_unit", d.owner_unit),
                    fact("scope", self.scope.code()),
                ],
            );
        }
    }

    /// PEN-05 (Pasal 9 ayat 4) for members of the owner Unit Organisasi and PEN-06 (Pasal 9
    /// ayat 5) for members from elsewhere: at most 3 times, each at most 12 or 6 months,
    /// counted under the agency's PEN-07 reading.
    pub(super) fn pen_05_06_limits(&mut self, history: &[PastAssignment]) {
        if !self.is_team() {
            return;
        }
        let d = self.draft;
        for m in &d.members {
            if m.until < m.from {
                continue;
            }
            let Some(member_scope) = self.index.member_scope(d, m.employee) else {
                continue;
            };
            let kind = if member_scope == AssignmentScope::WithinUnit {
                MembershipKind::OwnUnit
            } else {
                MembershipKind::Seconded
            };
            let limit = kind.limit();
            let (rule, max_months) = (limit.citation, limit.months);
            let (code_long, code_count) = match kind {
                MembershipKind::OwnUnit => ("own_unit_term_too_long", "own_unit_term_count"),
                MembershipKind::Seconded => ("secondment_too_long", "secondment_count"),
            };
            let name = self.name(m.employee);
            let months = Day::months_between(m.from, m.until);
            if months > max_months {
                self.violation(
                    rule.clone(),
                    code_long,
                    Some(m.employee),
                    format!(
                        "Masa penugasan {name} ({}) {} bulan, sedangkan {} paling lama {max_months} bulan dalam sekali penugasan.",
                        kind.label(),
                        months,
                        kind.label()
                    ),
                    vec![
                        fact("employee", m.employee),
                        fact("from", m.from),
                        fact("until", m.until),
                        fact("months", months),
                        fact("max_months", max_months),
                    ],
                );
            }
            let window = self.policy.window;
            let found = counted(history, m.employee, kind, d.id, m.from, m.until, window);
            if found.ids.len() >= limit.times {
                let ids: Vec<String> = found.ids.iter().map(ToString::to_string).collect();
                self.violation(
                    rule.clone(),
                    code_count,
                    Some(m.employee),
                    format!(
                        "{name} sudah {} kali {} pada {} (penugasan {}); paling banyak {} kali. Dihitung menurut PEN-07: {}.",
                        found.ids.len(),
                        kind.label(),
                        found.at,
                        ids.join(", "),
                        limit.times,
                        window.label()
                    ),
                    vec![
                        fact("employee", m.employee),
                        fact("counted_assignments", ids.join(",")),
                        fact("count", found.ids.len()),
                        fact("max_times", limit.times),
                        fact("window", window.code()),
                        fact("counted_at", found.at),
                        fact("reading", pen_07_reading(window)),
                    ],
                );
            }
        }
    }

    /// PEN-08 (Pasal 9 ayat 6): each failed lead requirement on its own; enforced for
    /// cross-unit and cross-agency teams, advice for a within-unit team unless the agency
    /// enforces it there too (INTERPRETATION).
    pub(super) fn pen_08_lead_requirements(&mut self) {
        if !self.is_team() {
            return;
        }
        let Some(start) = self.draft.start() else {
            return;
        };
        let enforced = self.scope.is_cross() || self.policy.enforce_lead_rules_within_unit;
        for lead in self.leads() {
            let Some(e) = self.index.employees.get(&lead.employee) else {
                continue;
            };
            for r in lead_eligibility(e, &self.draft.field, start, self.policy) {
                if r.met {
                    continue;
                }
                let facts = vec![
                    fact("employee", lead.employee),
                    fact("requirement", &r.name),
                    fact("record", &r.detail),
                    fact("scope", self.scope.code()),
                ];
                let finding = Finding {
                    rule: r.rule,
                    code: r.code,
                    employee: Some(lead.employee),
                    message: if enforced {
                        format!(
                            "Ketua Tim {} belum memenuhi syarat: {}. {}.",
                            e.display_name(),
                            r.name,
                            r.detail
                        )
                    } else {
                        format!(
                            "Saran: Ketua Tim {} belum memenuhi syarat ketua tim lintas Unit Organisasi: {}. {}. Untuk tim dalam Unit Organisasi syarat ini tidak diwajibkan menurut kebijakan instansi.",
                            e.display_name(),
                            r.name,
                            r.detail
                        )
                    },
                    facts,
                };
                if enforced {
                    self.violations.push(finding);
                } else {
                    self.advice.push(finding);
                }
            }
        }
    }

    /// PEN-09 (Lampiran II.A.9): where the owner Unit Organisasi has JF from penyetaraan, a
    /// lead who is not one of them needs a reason.
    pub(super) fn pen_09_equalized_first(&mut self) {
        if !self.is_team() {
            return;
        }
        let d = self.draft;
        let pool = equalized_in(self.index, self.org, d.owner_unit, d.owner_agency);
        if pool.is_empty() {
            return;
        }
        let names: Vec<String> = pool.iter().map(|e| self.name(*e)).collect();
        let ids: Vec<String> = pool.iter().map(ToString::to_string).collect();
        let reason = d
            .team_lead_reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let rule = Citation::new(RuleId::PEN_09, "Lampiran II.A.9");
        for lead in self.leads() {
            if pool.contains(&lead.employee) {
                continue;
            }
            let name = self.name(lead.employee);
            let mut facts = vec![
                fact("employee", lead.employee),
                fact("equalized_candidates", ids.join(",")),
            ];
            match reason {
                None => self.violation(
                    rule.clone(),
                    "team_lead_reason_missing",
                    Some(lead.employee),
                    format!(
                        "Unit Organisasi pemilik kinerja mempunyai Pejabat Fungsional hasil penyetaraan ({}) yang diutamakan sebagai Ketua Tim; tuliskan alasan memilih {name}.",
                        names.join(", ")
                    ),
                    facts,
                ),
                Some(reason) => {
                    facts.push(fact("reason", reason));
                    self.advice.push(Finding {
                        rule: rule.clone(),
                        code: "team_lead_reason_given",
                        message: format!(
                            "{name} dipilih sebagai Ketua Tim, bukan Pejabat Fungsional hasil penyetaraan ({}), dengan alasan: {reason}",
                            names.join(", ")
                        ),
                        employee: Some(lead.employee),
                        facts,
                    });
                }
            }
        }
    }
}

/// The PEN-07 reading applied, for the record.
fn pen_07_reading(window: CountWindow) -> &'static str {
    match window {
        CountWindow::CalendarYear => "PEN-07 bawaan: dihitung per tahun kalender",
        CountWindow::Concurrent => "PEN-07 kebijakan instansi: dihitung yang berjalan bersamaan",
    }
}
