//! Audit entries as Indonesian sentences (issue 15 point 5): "<who>, <position>, <predicate>
//! <record>." with the official and the record named and linked, the summary's key facts
//! below, and the stored codes and JSON only in a collapsible "Rincian teknis" for those who
//! read the audit trail. Shared by the audit page and the history sections of record pages.

mod facts;

use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_storage::{AuditEntry, AuditNames, RecordLink, RecordName};

use crate::format;
pub use facts::Fact;

/// A name in a sentence, linked to its page when it has one.
pub struct Named {
    pub text: String,
    pub href: Option<String>,
}

/// What only audit readers see: the stored codes, the actor as recorded and the summary.
pub struct Technical {
    pub action: String,
    pub record: String,
    pub actor: String,
    pub summary: String,
    /// The audit page filtered to this actor and to this record.
    pub actor_filter: String,
    pub record_filter: String,
}

/// One audit entry as a sentence.
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub actor: Named,
    pub position: Option<String>,
    pub predicate: String,
    pub subject: Option<Named>,
    pub facts: Vec<Fact>,
    pub technical: Option<Technical>,
}

/// Whether the reader reads the audit trail (and so sees the technical details).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    AuditReader,
    /// The person themself or a party of the record.
    Party,
}

/// The entries as sentences, in the given order.
pub fn rows(entries: &[AuditEntry], names: &AuditNames, reader: Reader) -> Vec<AuditRow> {
    entries.iter().map(|e| row(e, names, reader)).collect()
}

fn row(e: &AuditEntry, names: &AuditNames, reader: Reader) -> AuditRow {
    let action = AuditAction::from_code(&e.action);
    let subject_kind = AuditSubject::from_code(&e.entity);
    let predicate = match action {
        Some(a) => a.predicate().to_string(),
        None => format!("mencatat tindakan “{}” pada", e.action),
    };
    let subject = (action.is_none_or(AuditAction::names_subject)).then(|| match names.record(e) {
        Some(r) => named(r),
        None => Named {
            text: fallback_name(subject_kind, &e.entity, &e.entity_id),
            href: None,
        },
    });
    AuditRow {
        seq: e.seq,
        at: format::date_time(e.at),
        actor: Named {
            text: actor_name(&e.actor),
            href: names.actor(e).map(|id| format!("/pegawai/{id}")),
        },
        position: e.actor_position.clone(),
        predicate,
        subject,
        facts: facts::of(&e.summary),
        technical: (reader == Reader::AuditReader).then(|| Technical {
            action: e.action.clone(),
            record: format!("{} #{}", e.entity, e.entity_id),
            actor: e.actor.clone(),
            summary: e.summary.clone(),
            actor_filter: filter_href(&[("actor", &e.actor)]),
            record_filter: filter_href(&[("entity", &e.entity), ("entity_id", &e.entity_id)]),
        }),
    }
}

/// The audit page filtered by some of its parameters.
pub fn filter_href(pairs: &[(&str, &str)]) -> String {
    format!(
        "/admin/audit?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

fn named(r: &RecordName) -> Named {
    Named {
        text: r.name.clone(),
        href: r.link.map(href),
    }
}

/// The page of a named record.
pub fn href(link: RecordLink) -> String {
    match link {
        RecordLink::Employee(id) => format!("/pegawai/{id}"),
        RecordLink::Assignment(id) => format!("/penugasan/{id}"),
        RecordLink::Letter(id) => format!("/penugasan/surat/{id}"),
        RecordLink::Agreement(id) => format!("/kinerja/perjanjian/{id}"),
        RecordLink::AssignmentWork(id) => format!("/pelaksanaan/penugasan/{id}"),
        RecordLink::PlanWork(id) => format!("/pelaksanaan/rencana/{id}"),
        RecordLink::WorkResult(id) => format!("/pelaksanaan/hasil/{id}"),
        RecordLink::TeamIssue(id) => format!("/pelaksanaan/permasalahan/{id}"),
        RecordLink::ProcessMap(id) => format!("/peta-proses/{id}"),
    }
}

/// The actor as a sentence starts with it: the name without "(NIP …)" or "(akun …)",
/// capitalised ("sistem" → "Sistem").
pub fn actor_name(label: &str) -> String {
    let name = [" (NIP ", " (akun "]
        .iter()
        .find_map(|m| label.rsplit_once(m).map(|(n, _)| n))
        .unwrap_or(label)
        .trim();
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => label.to_string(),
    }
}

/// A record without a name (deleted, or a kind without one): its kind as a sentence names it,
/// and its number.
fn fallback_name(kind: Option<AuditSubject>, code: &str, id: &str) -> String {
    let noun = match kind {
        Some(AuditSubject::Agency) => "instansi",
        Some(AuditSubject::Employee) => "pegawai",
        Some(AuditSubject::RoleGrant) => "pemberian peran",
        Some(AuditSubject::ApiToken) => "token API",
        Some(AuditSubject::RegionalHead) => "akun Kepala Daerah",
        Some(AuditSubject::PerformanceAgreement) => "Perjanjian Kinerja",
        Some(AuditSubject::Expectation) => "ekspektasi kinerja",
        Some(AuditSubject::Assignment) => "penugasan",
        Some(AuditSubject::IssuedLetter) => "surat",
        Some(AuditSubject::LetterRegister) => "register nomor surat",
        Some(AuditSubject::OrgChange) => "perubahan organisasi",
        Some(AuditSubject::Work) => "pekerjaan",
        Some(AuditSubject::ReportRequest) => return format!("laporan (permintaan nomor {id})"),
        Some(AuditSubject::WorkReport) => "laporan pelaksanaan",
        Some(AuditSubject::WorkResult) => "hasil kerja",
        Some(AuditSubject::WorkFeedback) => "umpan balik",
        Some(AuditSubject::TeamIssue) => "permasalahan tim",
        Some(AuditSubject::Assessment) => "penilaian kinerja",
        Some(AuditSubject::AssessmentNote) => "catatan penilaian kinerja",
        Some(AuditSubject::ProcessMap) => "peta proses",
        None => code,
    };
    format!("{noun} nomor {id}")
}

#[cfg(test)]
mod tests {
    use super::actor_name;

    #[test]
    fn an_actor_is_named_without_its_nip_or_account_and_capitalised() {
        assert_eq!(
            actor_name("Hj. Siti Aminah, S.K.M. (NIP 197001011995032001)"),
            "Hj. Siti Aminah, S.K.M."
        );
        assert_eq!(
            actor_name("H. Saidi Mansyur (akun bupati.banjar)"),
            "H. Saidi Mansyur"
        );
        assert_eq!(actor_name("sistem"), "Sistem");
        assert_eq!(actor_name(""), "");
    }
}
