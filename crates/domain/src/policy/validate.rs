//! Which values an agency's policies may take. Every problem is reported at once, each with
//! the field, the rule it belongs to and an Indonesian message; nothing partial is kept.

use serde::Serialize;

use super::{AgencyPolicies, PolicyChange};
use crate::assignment::Day;
use crate::execution::report::MAX_GRACE_DAYS;
use crate::limits::{TextKind, check_as};
use crate::rules::{Citation, RuleId};

/// KED-10: the largest span-of-control threshold (the import format's bound).
pub const MAX_SPAN_THRESHOLD: u32 = 10_000;
/// PEN-08: PPPK golongan run from I to XVII.
pub const PPPK_GOLONGAN_MAX: u8 = 17;
/// DOC-05: the longest classification code.
pub const MAX_CLASSIFICATION_CHARS: usize = 20;

/// One refused value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyProblem {
    /// The field at fault, as the API names it, e.g. `span_of_control_threshold`.
    pub field: &'static str,
    /// Stable `snake_case` code.
    pub code: &'static str,
    /// The rule the field reads; `None` for the legal basis and the first day, which belong to
    /// the change rather than to a rule.
    pub rule: Option<Citation>,
    /// Indonesian.
    pub message: String,
}

fn problem(
    field: &'static str,
    code: &'static str,
    rule: impl Into<Option<Citation>>,
    message: impl Into<String>,
) -> PolicyProblem {
    PolicyProblem {
        field,
        code,
        rule: rule.into(),
        message: message.into(),
    }
}

fn doc_05() -> Citation {
    Citation::new(RuleId::DOC_05, "Lampiran IV")
}

/// A classification code: groups of digits separated by single dots (`800.1.11`).
fn is_classification(code: &str) -> bool {
    !code.is_empty()
        && code.chars().count() <= MAX_CLASSIFICATION_CHARS
        && code
            .split('.')
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
}

/// Every problem of a set of policies; empty when they may be recorded.
pub fn validate(p: &AgencyPolicies) -> Vec<PolicyProblem> {
    let mut out = Vec::new();
    let span = p.placement.span_of_control_threshold;
    if !(1..=MAX_SPAN_THRESHOLD).contains(&span) {
        out.push(problem(
            "span_of_control_threshold",
            "span_threshold_out_of_range",
            Citation::new(RuleId::KED_10, "Lampiran I.x.1.b"),
            format!("Ambang rentang kendali harus 1 sampai {MAX_SPAN_THRESHOLD} orang."),
        ));
    }
    let golongan = p.assignment.pppk_min_golongan;
    if !(1..=PPPK_GOLONGAN_MAX).contains(&golongan) {
        out.push(problem(
            "pppk_min_golongan",
            "pppk_golongan_out_of_range",
            Citation::new(RuleId::PEN_08, "Pasal 9 ayat 6 huruf b"),
            format!("Padanan golongan PPPK harus golongan I sampai XVII (1–{PPPK_GOLONGAN_MAX})."),
        ));
    }
    if p.report.grace_days > MAX_GRACE_DAYS {
        out.push(problem(
            "report_grace_days",
            "grace_days_out_of_range",
            Citation::new(RuleId::LAP_02, "Pasal 17 ayat 1"),
            format!("Tenggat laporan harus 0 sampai {MAX_GRACE_DAYS} hari setelah akhir periode."),
        ));
    }
    for (i, c) in p.letters.classifications.iter().enumerate() {
        if !is_classification(&c.code) {
            out.push(problem(
                "classifications",
                "classification_invalid",
                doc_05(),
                format!(
                    "Kode klasifikasi arsip {} ditulis angka yang dipisah titik, mis. 800.1.11 (paling panjang {MAX_CLASSIFICATION_CHARS} karakter).",
                    c.kind.label()
                ),
            ));
        }
        if p.letters.classifications[..i]
            .iter()
            .any(|e| e.kind == c.kind)
        {
            out.push(problem(
                "classifications",
                "classification_duplicate",
                doc_05(),
                format!(
                    "Kode klasifikasi {} diisi lebih dari sekali.",
                    c.kind.label()
                ),
            ));
        }
    }
    if let Err(r) = p.assessment.check() {
        out.push(problem("assessment", r.code, r.citation.clone(), r.message));
    }
    if let Some(r) = &p.letters.budget_regulation {
        if r.trim().is_empty() {
            out.push(problem(
                "budget_regulation",
                "budget_regulation_blank",
                doc_05(),
                "Peraturan anggaran yang dikutip tidak boleh kosong; kosongkan isian untuk memakai kalimat bawaan.",
            ));
        } else if let Err(e) = check_as(TextKind::Title, r) {
            out.push(problem(
                "budget_regulation",
                e.code(),
                doc_05(),
                e.message("peraturan anggaran"),
            ));
        }
    }
    out
}

/// Every problem of a change asked on `today`: its values, a legal basis (required, one
/// line of at most 255 characters) and a first day not before `today` — a version never
/// changes what was in force on a day already past.
pub fn validate_change(change: &PolicyChange, today: Day) -> Vec<PolicyProblem> {
    let mut out = validate(&change.policies);
    let basis = change.legal_basis.trim();
    if basis.is_empty() {
        out.push(problem(
            "legal_basis",
            "legal_basis_blank",
            None,
            "Dasar hukum atau alasan perubahan wajib diisi (mis. nomor dan tanggal SK).",
        ));
    } else if let Err(e) = check_as(TextKind::Name, basis) {
        out.push(problem(
            "legal_basis",
            e.code(),
            None,
            e.message("dasar hukum"),
        ));
    }
    if change.effective_from < today {
        out.push(problem(
            "effective_from",
            "policy_backdated",
            None,
            format!(
                "Tanggal berlaku paling awal hari ini ({}); kebijakan yang sudah berlaku tidak diubah surut.",
                today.label()
            ),
        ));
    }
    out
}
