//! Targets of a Perjanjian Kinerja (MEK-02): the vocabularies, the checks of a target as a
//! person entered it (every problem reported at once, in Indonesian, with a stable code),
//! rupiah amounts, and progress rolled up a cascade by weight.

use serde::{Deserialize, Serialize};

use crate::org::vocabulary;

vocabulary! {
    /// Whether an indicator is measured by a number or described (MEK-02).
    IndicatorKind {
        Quantitative => "quantitative", "Kuantitatif";
        Qualitative => "qualitative", "Kualitatif";
    }
}

vocabulary! {
    /// State of a Perjanjian Kinerja: drafted, then signed by both parties and locked.
    AgreementStatus {
        Draft => "draft", "Konsep";
        Signed => "signed", "Ditandatangani";
    }
}

vocabulary! {
    /// How a target is carried out, identified before the year (MEK-03, Pasal 10 ayat 1).
    Execution {
        Individual => "individual", "Individu";
        Team => "team", "Tim kerja";
    }
}

vocabulary! {
    /// State of a version of an activity plan (*rencana pelaksanaan kegiatan dan anggaran*).
    PlanStatus {
        Draft => "draft", "Konsep";
        Submitted => "submitted", "Diajukan";
        Approved => "approved", "Disetujui";
        /// Sent back with notes by the head who sets the agreement; the holder's change makes
        /// a new version (issue 15 point 6).
        Returned => "returned", "Dikembalikan";
    }
}

/// Largest weight of a cascaded target.
pub const MAX_WEIGHT: u32 = 1000;

/// One problem with an input, for the form (field) and the API (code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub field: &'static str,
    pub code: &'static str,
    /// Indonesian, for people.
    pub message: String,
}

impl Problem {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            field,
            code,
            message: message.into(),
        }
    }
}

/// A target as entered, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetDraft {
    pub indicator: String,
    pub kind: Option<IndicatorKind>,
    /// The target: a number for a quantitative indicator ("95", "12,5"), a description for a
    /// qualitative one.
    pub target: String,
    /// Unit of the number ("%", "dokumen"); optional for a qualitative indicator.
    pub unit: String,
    /// Rupiah as typed: "1.250.000", "Rp 1.250.000", "1250000".
    pub budget: String,
    /// Reference to the Renstra (strategic plan), e.g. "Renstra 2025–2029 Sasaran 2.1".
    pub strategic_plan_ref: String,
    /// Reference to the Renja (annual work plan).
    pub annual_work_plan_ref: String,
    /// Weight within the parent target (cascaded targets only); empty means 1.
    pub weight: String,
}

/// A target that passed [`check_target`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckedTarget {
    pub indicator: String,
    pub kind: IndicatorKind,
    pub target: String,
    /// The number of a quantitative target.
    pub target_number: Option<f64>,
    pub unit: String,
    pub budget: i64,
    pub strategic_plan_ref: String,
    pub annual_work_plan_ref: String,
    pub weight: u32,
}

/// Checks a target as entered (MEK-02: indicator, target with unit, budget, Renstra/Renja
/// references). Every problem is reported at once.
pub fn check_target(d: &TargetDraft) -> Result<CheckedTarget, Vec<Problem>> {
    let mut problems = Vec::new();
    let indicator = d.indicator.trim();
    if indicator.is_empty() {
        problems.push(Problem::new(
            "indicator",
            "indicator_blank",
            "Indikator kinerja wajib diisi.",
        ));
    } else if indicator.chars().count() > 500 {
        problems.push(Problem::new(
            "indicator",
            "indicator_too_long",
            "Indikator kinerja paling panjang 500 karakter.",
        ));
    }
    let target = d.target.trim();
    let unit = d.unit.trim();
    let mut target_number = None;
    match d.kind {
        None => problems.push(Problem::new(
            "kind",
            "kind_missing",
            "Pilih jenis indikator: kuantitatif atau kualitatif.",
        )),
        Some(IndicatorKind::Quantitative) => {
            match parse_number(target) {
                Some(n) if n > 0.0 => target_number = Some(n),
                Some(_) => problems.push(Problem::new(
                    "target",
                    "target_not_positive",
                    "Target kuantitatif harus lebih dari nol.",
                )),
                None => problems.push(Problem::new(
                    "target",
                    "target_not_a_number",
                    format!("Target kuantitatif harus berupa angka (mis. 95 atau 12,5), bukan “{target}”."),
                )),
            }
            if unit.is_empty() {
                problems.push(Problem::new(
                    "unit",
                    "unit_blank",
                    "Satuan target kuantitatif wajib diisi (mis. %, dokumen, layanan).",
                ));
            }
        }
        Some(IndicatorKind::Qualitative) => {
            if target.is_empty() {
                problems.push(Problem::new(
                    "target",
                    "target_blank",
                    "Uraian target kualitatif wajib diisi.",
                ));
            }
        }
    }
    let budget = match parse_rupiah(&d.budget) {
        Some(b) => b,
        None => {
            problems.push(Problem::new(
                "budget",
                "budget_invalid",
                format!(
                    "Anggaran harus berupa rupiah tanpa sen, mis. 1.250.000 (tertulis “{}”).",
                    d.budget.trim()
                ),
            ));
            0
        }
    };
    let weight = match d.weight.trim() {
        "" => 1,
        w => match w.parse::<u32>() {
            Ok(n) if (1..=MAX_WEIGHT).contains(&n) => n,
            _ => {
                problems.push(Problem::new(
                    "weight",
                    "weight_invalid",
                    format!("Bobot harus bilangan bulat 1 sampai {MAX_WEIGHT}."),
                ));
                1
            }
        },
    };
    let (Some(kind), true) = (d.kind, problems.is_empty()) else {
        return Err(problems);
    };
    Ok(CheckedTarget {
        indicator: indicator.to_string(),
        kind,
        target: target.to_string(),
        target_number,
        unit: unit.to_string(),
        budget,
        strategic_plan_ref: d.strategic_plan_ref.trim().to_string(),
        annual_work_plan_ref: d.annual_work_plan_ref.trim().to_string(),
        weight,
    })
}

/// A decimal number written the Indonesian way ("12,5") or with a point ("12.5").
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || s.matches([',', '.']).count() > 1 {
        return None;
    }
    s.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// Rupiah as typed: optional "Rp", thousands separated by dots or spaces, no cents. Blank is
/// zero. `None` for anything else, or more than a thousand trillion.
pub fn parse_rupiah(s: &str) -> Option<i64> {
    let s = s.trim();
    let s = s
        .strip_prefix("Rp.")
        .or_else(|| s.strip_prefix("Rp"))
        .or_else(|| s.strip_prefix("rp"))
        .unwrap_or(s)
        .trim();
    if s.is_empty() {
        return Some(0);
    }
    let digits: String = s.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if digits.is_empty() || digits.len() > 16 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // Separators only between groups of three digits.
    if s.contains('.') {
        let groups: Vec<&str> = s.split('.').collect();
        let first = groups.first().map_or(0, |g| g.len());
        if !(1..=3).contains(&first) || groups.iter().skip(1).any(|g| g.len() != 3) {
            return None;
        }
    }
    digits.parse().ok()
}

/// "Rp1.250.000" (Indonesian convention: dots between thousands).
pub fn format_rupiah(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 {
        format!("-Rp{out}")
    } else {
        format!("Rp{out}")
    }
}

/// One node of a cascade for the roll-up: its own progress (0–100, what was reported for a
/// leaf) and its weight within its parent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    pub id: i64,
    pub parent: Option<i64>,
    pub weight: u32,
    pub own_progress: f64,
}

/// Progress of every node (0–100): a leaf's own progress, a parent's the weighted mean of its
/// children (MEK-02 cascade, issue 4 point 2). Cycles and missing parents are ignored (a
/// node whose parent is unknown counts as a root).
pub fn roll_up(nodes: &[Node]) -> std::collections::HashMap<i64, f64> {
    use std::collections::HashMap;
    let mut children: HashMap<i64, Vec<usize>> = HashMap::new();
    let known: HashMap<i64, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(p) = n.parent.filter(|p| known.contains_key(p)) {
            children.entry(p).or_default().push(i);
        }
    }
    let mut done: HashMap<i64, f64> = HashMap::new();
    // Iterative post-order; a node on the current path is not revisited (cycle guard).
    for start in 0..nodes.len() {
        let mut stack = vec![(start, false)];
        let mut on_path = std::collections::HashSet::new();
        while let Some((i, expanded)) = stack.pop() {
            let id = nodes[i].id;
            if done.contains_key(&id) {
                continue;
            }
            let kids = children.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            if !expanded && !kids.is_empty() {
                on_path.insert(id);
                stack.push((i, true));
                for &k in kids {
                    if !on_path.contains(&nodes[k].id) {
                        stack.push((k, false));
                    }
                }
                continue;
            }
            let value = if kids.is_empty() {
                nodes[i].own_progress.clamp(0.0, 100.0)
            } else {
                let (mut sum, mut total) = (0.0, 0.0);
                for &k in kids {
                    let w = f64::from(nodes[k].weight.max(1));
                    sum += w * done.get(&nodes[k].id).copied().unwrap_or(0.0);
                    total += w;
                }
                if total > 0.0 { sum / total } else { 0.0 }
            };
            on_path.remove(&id);
            done.insert(id, value);
        }
    }
    done
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
#[path = "target_tests.rs"]
mod tests;
