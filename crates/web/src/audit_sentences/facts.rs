//! The key facts of a stored audit summary, in Indonesian: the fields a reader needs (the
//! reason, the note, the letter's number, the rule and article …) labelled, codes turned into
//! their labels (a workflow step its step's label), dates written as Indonesian dates, and
//! everything else (ids, hashes, nested records) left to "Rincian teknis".
//! A sign-in's client address is never among them: only the sign-in view shows it, to audit
//! readers.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};
use sikerja_domain::access::GrantedRole;
use sikerja_domain::execution::feedback::FeedbackRole;
use sikerja_domain::rules::RuleId;
use sikerja_domain::workflow::WorkflowKind;

use crate::format;

/// One labelled fact of a summary, linked when it names a page (a rule).
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub href: Option<String>,
}

/// The longest value shown (characters); longer text is cut with "…".
const LONGEST: usize = 300;

/// Keys that name someone or something: a number under them is a stored id, not shown.
const NAMED: &[&str] = &[
    "to", "position", "holder", "signer", "step", "letter", "name", "title",
];

/// The summary keys shown as facts, in the order shown, with their Indonesian labels.
const LABELS: &[(&str, &str)] = &[
    ("title", "Judul"),
    ("name", "Nama"),
    ("role", "Peran"),
    ("decision", "Keputusan"),
    ("step", "Langkah"),
    ("number", "Nomor"),
    ("date", "Tanggal"),
    ("year", "Tahun"),
    ("signer", "Penanda tangan"),
    ("letter", "Surat"),
    ("copies", "Tembusan"),
    ("to", "Kepada"),
    ("holder", "Pemegang"),
    ("superiors", "Atasan yang diberi tahu"),
    ("hours", "Lama menunggu (jam)"),
    ("username", "Nama akun"),
    ("position", "Jabatan"),
    ("indicator", "Indikator"),
    ("target", "Target"),
    ("weight", "Bobot"),
    ("budget", "Anggaran"),
    ("total_budget", "Jumlah anggaran"),
    ("progress", "Capaian"),
    ("realisation", "Realisasi"),
    ("meets_target", "Memenuhi target"),
    ("meets_expectation", "Memenuhi ekspektasi"),
    ("effective_from", "Berlaku sejak"),
    ("from", "Dari"),
    ("until", "Sampai"),
    ("due", "Tenggat"),
    ("basis_number", "Nomor dasar hukum"),
    ("basis_date", "Tanggal dasar hukum"),
    ("legal_basis", "Dasar hukum"),
    ("placed", "Pegawai berkedudukan"),
    ("unresolved", "Belum terselesaikan"),
    ("employees", "Jumlah pegawai"),
    ("departments", "Jumlah Perangkat Daerah"),
    ("units", "Jumlah unit"),
    ("positions", "Jumlah jabatan"),
    ("span_of_control_threshold", "Ambang rentang kendali"),
    ("escalation_hours", "Batas eskalasi (jam)"),
    ("must_change", "Wajib mengganti kata sandi"),
    ("can_write", "Boleh mengubah data"),
    ("forced_last_holder", "Pemegang terakhir peran"),
    ("description", "Uraian"),
    ("recommendations", "Rekomendasi"),
    ("message", "Pesan"),
    ("reason", "Alasan"),
    ("kept_number", "Nomor teks sebelumnya"),
    ("justification", "Pertimbangan"),
    ("text", "Catatan"),
    ("note", "Catatan"),
    ("notes", "Catatan"),
];

/// The facts of a stored summary (JSON text); none when it is not a JSON object.
pub fn of(summary: &str) -> Vec<Fact> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(summary) else {
        return Vec::new();
    };
    let mut facts = Vec::new();
    if let Some(rule) = map.get("rule_id").and_then(Value::as_str) {
        let article = map.get("article").and_then(Value::as_str).unwrap_or("");
        let value = match article.trim() {
            "" => rule.to_string(),
            a => format!("{rule}, {a}"),
        };
        facts.push(Fact {
            label: "Dasar aturan",
            value: cut(&value),
            href: RuleId::parse(rule).map(|r| format!("/aturan/{}", r.as_str())),
        });
    }
    for (key, label) in LABELS {
        let Some(value) = map.get(*key).and_then(|v| shown(key, v, &map)) else {
            continue;
        };
        facts.push(Fact {
            label,
            value,
            href: None,
        });
    }
    facts
}

/// A value as shown, or `None` when it is empty or not a plain value. `summary` is the whole
/// summary, for the context of a code (the workflow of a step).
fn shown(key: &str, v: &Value, summary: &Map<String, Value>) -> Option<String> {
    let text = match v {
        Value::String(s) => plain(key, s.trim(), summary),
        Value::Bool(true) => "ya".to_string(),
        Value::Bool(false) => "tidak".to_string(),
        // Where a name is expected, a number is a stored id: left to "Rincian teknis".
        Value::Number(_) if NAMED.contains(&key) => return None,
        Value::Number(n) => match (key, n.as_i64()) {
            ("budget" | "total_budget", Some(amount)) => format::rupiah(amount),
            _ => n.to_string(),
        },
        Value::Array(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => Some(plain(key, s.trim(), summary)),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect();
            parts?.join(", ")
        }
        Value::Null | Value::Object(_) => return None,
    };
    (!text.is_empty()).then(|| cut(&text))
}

/// A text value as shown: a code its label, a date or a moment in Indonesian, any other text
/// as stored.
fn plain(key: &str, text: &str, summary: &Map<String, Value>) -> String {
    code_label(key, text, summary)
        .or_else(|| date(text))
        .unwrap_or_else(|| text.to_string())
}

/// A stored calendar day ("2026-12-01") or moment ("2026-12-01T08:00:00Z") written as
/// Indonesian pages write it ("1 Desember 2026", "1 Desember 2026 pukul 16.00 WITA").
fn date(text: &str) -> Option<String> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(format::day(day));
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| format::date_time(at.with_timezone(&Utc)))
}

/// The label of a stored code in a field known to hold one.
fn code_label(key: &str, code: &str, summary: &Map<String, Value>) -> Option<String> {
    match (key, code) {
        ("step", c) => step_label(summary.get("workflow").and_then(Value::as_str), c),
        ("role", c) => GrantedRole::from_code(c)
            .map(|r| r.label())
            .or_else(|| FeedbackRole::from_code(c).map(|r| r.label()))
            .map(str::to_string),
        ("decision", "proceed" | "pass") => Some("diteruskan".into()),
        ("decision", "refuse") => Some("ditolak".into()),
        ("decision", "return") => Some("dikembalikan".into()),
        ("decision", "accept") => Some("diterima".into()),
        _ => None,
    }
}

/// The label of a workflow step: from the summary's workflow when it names one, else from the
/// first workflow that has a step of that code (a nudge or an escalation names no workflow).
fn step_label(workflow: Option<&str>, code: &str) -> Option<String> {
    let named = workflow.and_then(WorkflowKind::from_code);
    named
        .into_iter()
        .chain(WorkflowKind::ALL)
        .find_map(|k| k.definition().step(code))
        .map(|s| s.label.to_string())
}

fn cut(text: &str) -> String {
    if text.chars().count() <= LONGEST {
        return text.to_string();
    }
    let mut s: String = text.chars().take(LONGEST).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::of;

    fn pairs(summary: &str) -> Vec<(&'static str, String)> {
        of(summary)
            .into_iter()
            .map(|f| (f.label, f.value))
            .collect()
    }

    #[test]
    fn a_grant_reads_as_its_role_and_reason_without_ids() {
        let facts = pairs(
            r#"{"employee":648,"nip":"197001011995032001","agency":1,"role":"process_map_keeper","reason":"Nota dinas 12"}"#,
        );
        assert_eq!(
            facts,
            vec![
                ("Peran", "Pengelola Peta Proses Bisnis".to_string()),
                ("Alasan", "Nota dinas 12".to_string()),
            ]
        );
    }

    #[test]
    fn a_step_names_its_rule_and_article_linked_and_its_decision_in_indonesian() {
        let facts = of(
            r#"{"request":3,"rule_id":"PEN-09","article":"Pasal 9","step":"receive","decision":"proceed","text":"  ","members":[4,5],"copies":["Sekda","Inspektur"]}"#,
        );
        assert_eq!(facts[0].label, "Dasar aturan");
        assert_eq!(facts[0].value, "PEN-09, Pasal 9");
        assert_eq!(facts[0].href.as_deref(), Some("/aturan/PEN-09"));
        let rest: Vec<_> = facts[1..]
            .iter()
            .map(|f| (f.label, f.value.as_str()))
            .collect();
        assert_eq!(
            rest,
            vec![
                ("Keputusan", "diteruskan"),
                (
                    "Langkah",
                    "Menerima surat penugasan untuk dilaksanakan dengan penuh tanggung jawab"
                ),
                ("Tembusan", "Sekda, Inspektur"),
            ]
        );
    }

    #[test]
    fn a_client_address_hashes_and_unreadable_summaries_give_no_fact() {
        assert!(of(r#"{"client":"192.0.2.7","known_device":true}"#).is_empty());
        assert!(of(r#"{"pdf_sha256":"ab12","content_sha256":"cd34"}"#).is_empty());
        assert!(of("bukan json").is_empty());
        assert!(of("[1,2]").is_empty());
    }

    #[test]
    fn feedback_names_its_role_and_hides_the_ids_of_its_addressee() {
        let facts = pairs(
            r#"{"rule_id":"MEK-04","role":"team_lead","to":1567,"position":1613,"text":"Lengkapi lampiran."}"#,
        );
        assert_eq!(
            facts[1..],
            [
                ("Peran", "Ketua Tim".to_string()),
                ("Catatan", "Lengkapi lampiran.".to_string())
            ]
        );
        assert_eq!(pairs(r#"{"decision":"return"}"#)[0].1, "dikembalikan");
    }

    #[test]
    fn a_budget_reads_in_rupiah() {
        let facts = pairs(r#"{"budget":2500000,"weight":1}"#);
        assert_eq!(facts[0].0, "Bobot");
        assert_eq!(facts[1].0, "Anggaran");
        assert!(facts[1].1.starts_with("Rp"), "{:?}", facts[1]);
    }

    #[test]
    fn dates_and_moments_read_as_indonesian_dates() {
        let facts = pairs(
            r#"{"date":"2026-12-01","due":"2026-12-01T08:00:00Z","effective_from":"bukan tanggal"}"#,
        );
        assert_eq!(
            facts,
            vec![
                ("Tanggal", "1 Desember 2026".to_string()),
                ("Berlaku sejak", "bukan tanggal".to_string()),
                ("Tenggat", "1 Desember 2026 pukul 16.00 WITA".to_string()),
            ]
        );
    }

    #[test]
    fn a_step_code_reads_as_the_label_of_its_workflow_step() {
        // PEN-17: the step of the summary's own workflow.
        let facts = pairs(
            r#"{"workflow":"volunteer_cross_unit","step":"owner_decision","decision":"proceed"}"#,
        );
        assert_eq!(facts[1], ("Langkah", "Menyetujui permohonan".to_string()));
        // A nudge names no workflow: the step is found in the workflow that has it.
        let facts = pairs(r#"{"request":2,"step":"owner_decision","note":"Mohon segera."}"#);
        assert_eq!(facts[0], ("Langkah", "Menyetujui permohonan".to_string()));
        // A request step of PEN-14 reads with its own workflow's label, not PEN-17's.
        let cross_unit = sikerja_domain::workflow::WorkflowKind::CrossUnitAppointment
            .definition()
            .step("request")
            .map(|s| s.label.to_string());
        let facts = pairs(r#"{"workflow":"cross_unit_appointment","step":"request"}"#);
        assert_eq!(Some(facts[0].1.clone()), cross_unit);
        // An unknown code and a result's review round number stay as they are / hidden.
        assert_eq!(pairs(r#"{"step":"review"}"#)[0].1, "review");
        assert!(pairs(r#"{"step":0}"#).is_empty());
    }

    #[test]
    fn long_text_is_cut() {
        let long = "a".repeat(400);
        let facts = of(&format!(r#"{{"reason":"{long}"}}"#));
        assert_eq!(facts[0].value.chars().count(), 301);
        assert!(facts[0].value.ends_with('…'));
    }
}
