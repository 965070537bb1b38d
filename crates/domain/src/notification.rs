//! Notifications (issue 18 point 4): what kind of waiting work an event tells of, the channels
//! and states of its deliveries, a person's choice of how to be told, who receives an event
//! addressed to a post (its holder or Plt./Plh., ORG-05), the retry schedule of a failed
//! delivery, the daily digest's hour and the Indonesian text of a message. No I/O: storage
//! keeps the outbox (`docs/notifications.md`), the binary sends.

use serde::{Deserialize, Serialize};

use crate::holders::PositionFacts;
use crate::org::vocabulary;
use crate::organisation::{EmployeeId, PositionId};

vocabulary! {
    /// What an event tells its recipient waits for them (`notification_events.kind`).
    NotificationKind {
        StepWaiting => "step_waiting", "Langkah alur menunggu Anda";
        ReportDue => "report_due", "Laporan jatuh tempo";
        ReportRequested => "report_requested", "Permintaan laporan";
        ResultToReview => "result_to_review", "Hasil pelaksanaan untuk diperiksa";
        ProblemToDecide => "problem_to_decide", "Permasalahan untuk diputuskan";
        Nudge => "nudge", "Pengingat";
        Escalation => "escalation", "Eskalasi langkah yang menunggu";
    }
}

vocabulary! {
    /// How a delivery reaches its recipient (`notification_deliveries.channel`).
    Channel {
        Email => "email", "Surel";
        Webhook => "webhook", "Webhook gerbang pesan";
    }
}

vocabulary! {
    /// Where a delivery stands (`notification_deliveries.state`).
    DeliveryState {
        Pending => "pending", "Menunggu dikirim";
        Sent => "sent", "Terkirim";
        GaveUp => "gave_up", "Gagal, tidak dicoba lagi";
    }
}

vocabulary! {
    /// How a person wants to be told by email (`notification_preferences.mode`).
    NotifyMode {
        Immediately => "immediately", "Segera";
        Digest => "digest", "Ringkasan harian";
        Off => "off", "Tidak dikirim";
    }
}

/// Who an event is addressed to, as the deciding code knows it: a post (whoever holds or acts
/// in it when the deliveries are made receives it) or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recipient {
    Post(PositionId),
    Employee(EmployeeId),
}

/// Who receives an event addressed to `post`: everyone who holds it definitively (`holders`,
/// from the employees' own positions) and its Plt./Plh. — the same people who see its tasks
/// in their inbox (ORG-05). Sorted, each once. Empty: the post is vacant.
pub fn recipients_of_post(post: &PositionFacts, holders: &[EmployeeId]) -> Vec<EmployeeId> {
    let mut out: Vec<EmployeeId> = holders.to_vec();
    if let Some(a) = post.acting {
        out.push(a.employee);
    }
    out.sort_by_key(|e| e.0);
    out.dedup();
    out
}

/// Minutes to wait before the retry after the `attempts`-th failed attempt: 1, 5, 30 minutes,
/// 2 hours, 12 hours; `None`: give up (after six attempts).
pub fn retry_after_minutes(attempts: u32) -> Option<i64> {
    match attempts {
        1 => Some(1),
        2 => Some(5),
        3 => Some(30),
        4 => Some(120),
        5 => Some(720),
        _ => None,
    }
}

/// The most attempts a delivery gets ([`retry_after_minutes`] gives up after it).
pub const MAX_ATTEMPTS: u32 = 6;

/// Hours Kabupaten Banjar's time (WITA) is ahead of UTC.
pub const WITA_OFFSET_HOURS: i64 = 8;

/// The longest email address kept (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;

/// Why an email address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    TooLong,
    ControlCharacter,
    Malformed,
}

impl EmailProblem {
    pub fn code(self) -> &'static str {
        match self {
            EmailProblem::TooLong => "email_too_long",
            EmailProblem::ControlCharacter => "email_control_character",
            EmailProblem::Malformed => "email_invalid",
        }
    }

    pub fn message(self) -> String {
        match self {
            EmailProblem::TooLong => {
                format!("Alamat surel paling panjang {MAX_EMAIL} karakter.")
            }
            EmailProblem::ControlCharacter => {
                "Alamat surel tidak boleh memuat karakter kendali.".to_string()
            }
            EmailProblem::Malformed => {
                "Alamat surel tidak valid (contoh: nama@banjarkab.go.id).".to_string()
            }
        }
    }
}

/// Checks an email address: trimmed, at most [`MAX_EMAIL`] characters, no control characters
/// or spaces, one `@` with a local part and a domain with a dot, no empty labels. Returns it
/// trimmed. Deliberately plain: whether it exists is learnt by sending.
pub fn check_email(text: &str) -> Result<String, EmailProblem> {
    let t = text.trim();
    if t.chars().count() > MAX_EMAIL {
        return Err(EmailProblem::TooLong);
    }
    if t.chars().any(char::is_control) {
        return Err(EmailProblem::ControlCharacter);
    }
    let Some((local, domain)) = t.split_once('@') else {
        return Err(EmailProblem::Malformed);
    };
    let bad_char = |c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';');
    if local.is_empty()
        || local.chars().count() > 64
        || domain.contains('@')
        || t.chars().any(bad_char)
        || !domain.contains('.')
        || domain.split('.').any(str::is_empty)
    {
        return Err(EmailProblem::Malformed);
    }
    Ok(t.to_string())
}

/// An address as the audit trail keeps it: the first character of the local part and the
/// whole domain (`b***@banjarkab.go.id`), enough to tell addresses apart without copying one.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_string(),
    }
}

/// The subject line of a message about one event.
pub fn subject_line(kind: NotificationKind, title: &str) -> String {
    let title = title.trim();
    if title.is_empty() {
        format!("[Sikerja] {}", kind.label())
    } else {
        format!("[Sikerja] {}: {title}", kind.label())
    }
}

/// The sentence that says what waits, for one event.
pub fn sentence(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::StepWaiting => "Sebuah langkah alur penugasan menunggu keputusan Anda.",
        NotificationKind::ReportDue => "Laporan pelaksanaan kegiatan Anda jatuh tempo.",
        NotificationKind::ReportRequested => "Atasan Anda meminta laporan pelaksanaan kegiatan.",
        NotificationKind::ResultToReview => "Hasil pelaksanaan kegiatan menunggu pemeriksaan Anda.",
        NotificationKind::ProblemToDecide => {
            "Permasalahan yang disampaikan tim menunggu keputusan Anda."
        }
        NotificationKind::Nudge => "Pemohon mengingatkan Anda akan langkah yang menunggu.",
        NotificationKind::Escalation => {
            "Langkah yang menunggu terlalu lama pada bawahan Anda dieskalasi kepada Anda."
        }
    }
}

/// One event as a message shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageItem {
    pub kind: NotificationKind,
    pub title: String,
    pub note: String,
    /// The absolute link to the page where it waits.
    pub link: String,
}

/// The plain-text body of a message to `name`: one event, or a day's events (a digest).
pub fn body(name: &str, items: &[MessageItem]) -> String {
    let mut out = format!("Yth. {name},\n\n");
    if items.len() == 1 {
        let i = &items[0];
        out.push_str(sentence(i.kind));
        out.push_str("\n\n");
        if !i.title.trim().is_empty() {
            out.push_str(&format!("{}\n", i.title.trim()));
        }
        if !i.note.trim().is_empty() {
            out.push_str(&format!("{}\n", i.note.trim()));
        }
        out.push_str(&format!("\nBuka: {}\n", i.link));
    } else {
        out.push_str(&format!(
            "Ringkasan harian: {} hal menunggu Anda di Sikerja.\n\n",
            items.len()
        ));
        for (n, i) in items.iter().enumerate() {
            out.push_str(&format!("{}. {}", n + 1, i.kind.label()));
            if !i.title.trim().is_empty() {
                out.push_str(&format!(": {}", i.title.trim()));
            }
            out.push_str(&format!("\n   {}\n", i.link));
        }
    }
    out.push_str(
        "\n--\nPesan ini dikirim otomatis oleh Sikerja (Perbup Banjar No. 39/2024 tentang Sistem Kerja).\n\
         Cara pemberitahuan dapat diubah pada halaman Akun Anda.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::ActingKind;
    use crate::organisation::{Acting, AgencyId, UnitId};

    fn post(acting: Option<i64>) -> PositionFacts {
        PositionFacts {
            id: PositionId(7),
            unit: UnitId(1),
            agency: AgencyId(1),
            name: "Kepala Bidang".into(),
            is_head: true,
            acting: acting.map(|e| Acting {
                employee: EmployeeId(e),
                kind: ActingKind::Plt,
            }),
        }
    }

    #[test]
    fn the_audit_trail_keeps_a_masked_address() {
        assert_eq!(mask_email("budi@banjarkab.go.id"), "b***@banjarkab.go.id");
        assert_eq!(mask_email("élan@x.id"), "é***@x.id");
        assert_eq!(mask_email("rusak"), "***");
    }

    #[test]
    fn org_05_a_posts_event_reaches_its_holder_and_its_plt() {
        assert_eq!(
            recipients_of_post(&post(Some(9)), &[EmployeeId(3)]),
            vec![EmployeeId(3), EmployeeId(9)]
        );
        assert_eq!(
            recipients_of_post(&post(Some(9)), &[]),
            vec![EmployeeId(9)],
            "a vacant post with a Plt. reaches the Plt."
        );
        assert!(recipients_of_post(&post(None), &[]).is_empty());
        assert_eq!(
            recipients_of_post(&post(Some(3)), &[EmployeeId(3)]),
            vec![EmployeeId(3)],
            "once each"
        );
    }

    #[test]
    fn retries_back_off_and_give_up_after_six_attempts() {
        let waits: Vec<Option<i64>> = (1..=6).map(retry_after_minutes).collect();
        assert_eq!(
            waits,
            vec![Some(1), Some(5), Some(30), Some(120), Some(720), None]
        );
        assert_eq!(retry_after_minutes(MAX_ATTEMPTS), None);
    }

    #[test]
    fn email_addresses_are_checked_plainly() {
        assert_eq!(
            check_email("  rina@banjarkab.go.id "),
            Ok("rina@banjarkab.go.id".into())
        );
        for bad in [
            "rina",
            "@banjar.go.id",
            "rina@localhost",
            "a b@x.id",
            "r@x..id",
        ] {
            assert_eq!(check_email(bad), Err(EmailProblem::Malformed), "{bad}");
        }
        assert_eq!(
            check_email("r@x.id\u{7}"),
            Err(EmailProblem::ControlCharacter)
        );
        let long = format!("{}@x.id", "a".repeat(300));
        assert_eq!(check_email(&long), Err(EmailProblem::TooLong));
    }

    #[test]
    fn a_digest_lists_each_event_with_its_link() {
        let item = |kind, title: &str| MessageItem {
            kind,
            title: title.into(),
            note: String::new(),
            link: format!("https://sikerja.example/{title}"),
        };
        let text = body(
            "Rina",
            &[
                item(NotificationKind::StepWaiting, "a"),
                item(NotificationKind::ResultToReview, "b"),
            ],
        );
        assert!(text.contains("Ringkasan harian: 2 hal"), "{text}");
        assert!(text.contains("1. Langkah alur menunggu Anda: a"), "{text}");
        assert!(text.contains("https://sikerja.example/b"), "{text}");
        let one = body("Rina", &[item(NotificationKind::Nudge, "c")]);
        assert!(one.contains("Pemohon mengingatkan"), "{one}");
        assert!(one.contains("Buka: https://sikerja.example/c"), "{one}");
    }
}
