//! How an audit row reads as an Indonesian sentence (issue 15 point 5): "<who> <predicate>
//! <what>." — the predicate of every [`AuditAction`], whether it names its record, and the
//! group the audit page's action list files it under. Sign-ins and sign-outs form their own
//! group: they are kept out of a record's history and shown in their own view.

use serde::{Deserialize, Serialize};

use crate::org::vocabulary;

use super::AuditAction;

vocabulary! {
    /// The groups of the audit page's action list.
    AuditGroup {
        Agency => "agency", "Instansi dan kebijakan";
        Access => "access", "Peran, token API dan kata sandi";
        SignIn => "sign_in", "Masuk dan keluar";
        RegionalHead => "regional_head", "Kepala Daerah";
        Organisation => "organisation", "Organisasi dan kedudukan";
        Planning => "planning", "Perjanjian Kinerja dan rencana kegiatan";
        Assignment => "assignment", "Penugasan dan surat";
        Execution => "execution", "Pelaksanaan dan hasil kerja";
        Assessment => "assessment", "Penilaian kinerja";
        Notification => "notification", "Pemberitahuan";
    }
}

impl AuditAction {
    /// The predicate of the sentence an audit row reads as, in Indonesian, to be followed by
    /// the record it names when [`AuditAction::names_subject`] (e.g. "memberikan peran
    /// kepada" + "Budi (NIP …)").
    pub fn predicate(self) -> &'static str {
        use AuditAction::*;
        match self {
            AgencyImport => "mengimpor data instansi",
            AgencyReplace => "mengganti seluruh data instansi",
            AgencyPolicy => "mengubah kebijakan instansi",
            AgencyExperienceFields => "mengubah daftar bidang tugas instansi",
            AgencyWorkflowPolicy => "mengubah kebijakan alur permohonan instansi",
            AgencyReportPolicy => "mengubah kebijakan laporan instansi",
            PlacementsRecompute => "menghitung ulang kedudukan pegawai instansi",
            PlacementManual => "menetapkan kedudukan secara manual bagi",
            RoleGranted => "memberikan peran kepada",
            RoleRevoked => "mencabut peran dari",
            TokenCreated => "membuat",
            TokenRevoked => "mencabut",
            SessionSignedIn => "masuk ke Sikerja",
            SessionSignedOut => "keluar dari Sikerja",
            PasswordChanged => "mengganti kata sandi akun",
            PasswordReset => "mengatur ulang kata sandi akun",
            PasswordDemo => "memasang kata sandi demo untuk akun",
            RegionalHeadCreated => "mendaftarkan akun Kepala Daerah",
            RegionalHeadUpdated => "mengubah akun Kepala Daerah",
            RegionalHeadTermAdded => "mencatat masa jabatan Kepala Daerah",
            RegionalHeadTermEnded => "mengakhiri masa jabatan Kepala Daerah",
            OrgChangeRecorded => "mencatat",
            OrgChangeApplied => "memberlakukan",
            OrgChangeCancelled => "membatalkan",
            OrgChangeFailed => "gagal memberlakukan",
            AgreementCreated => "membuat",
            AgreementSigned => "menandatangani",
            AgreementAmended => "mengubah (amendemen)",
            AgreementCopied => "menyalin target tahun sebelumnya ke",
            TargetAdded => "menambahkan target pada",
            TargetUpdated => "mengubah target pada",
            TargetRemoved => "menghapus target dari",
            TargetCascaded => "menurunkan target ke",
            TargetProgress => "melaporkan capaian target pada",
            DialogueRecorded => "mencatat dialog kinerja pada",
            ExpectationSet => "menetapkan",
            ExpectationAcknowledged => "menerima",
            PlanDrafted => "menyusun rencana kegiatan pada",
            PlanRevised => "mengubah rencana kegiatan pada",
            PlanSubmitted => "mengajukan rencana kegiatan pada",
            PlanApproved => "menyetujui rencana kegiatan pada",
            PlanReturned => "mengembalikan dengan catatan rencana kegiatan pada",
            AssignmentDrafted => "menyusun konsep",
            AssignmentDraftChanged => "mengubah konsep",
            RequestStep => "mengambil langkah alur permohonan",
            RequestNudged => "mengirim pengingat alur permohonan",
            RequestEscalated => "meneruskan (eskalasi) langkah yang tertunda pada",
            LetterIssue => "menerbitkan",
            LetterCancel => "membatalkan",
            LetterRegister => "mengubah",
            LetterLetterhead => "mengubah kop surat instansi",
            WorkBreakdownSet => "menetapkan rincian pelaksanaan",
            WorkReportSubmitted => "menyampaikan",
            WorkReportRequested => "meminta",
            WorkFeedbackGiven => "memberikan",
            WorkFeedbackAcknowledged => "menerima",
            WorkIssueRaised => "menyampaikan",
            WorkIssueDecided => "memutuskan",
            WorkIssueNudged => "mengingatkan tindak lanjut",
            ResultSubmitted => "menyampaikan",
            ResultResubmitted => "menyampaikan ulang",
            ResultPassed => "meneruskan (reviu)",
            ResultReturned => "mengembalikan (reviu)",
            ResultAccepted => "menerima (selesai)",
            AssessmentOpened => "membuka",
            AssessmentRated => "mengisi",
            AssessmentFinalised => "memfinalkan",
            AssessmentAcknowledged => "menerima",
            AssessmentObjected => "mengajukan keberatan atas",
            AssessmentObjectionUpheld => "mengabulkan keberatan atas",
            AssessmentObjectionDismissed => "menolak keberatan atas",
            AssessmentReopened => "membuka kembali",
            AssessmentFollowUp => "mencatat tindak lanjut",
            MemberReportWritten => "menulis laporan kinerja anggota tim pada",
            RecommendationWritten => "menulis rekomendasi pada",
            AssessmentCurveSet => "menetapkan kurva distribusi predikat kinerja instansi",
            ProcessMapCreated => "membuat",
            ProcessMapVersionSaved => "menyimpan versi baru",
            ProcessMapPublished => "menerbitkan",
            ProcessMapArchived => "mengarsipkan",
            ProcessMapReviewed => "mencatat reviu",
            ProcessMapLaneBound => "mengikat lajur",
            NotificationPreferenceSet => "mengubah pengaturan pemberitahuan",
            NotificationRetried => "mengirim ulang pemberitahuan yang gagal kepada",
        }
    }

    /// Whether the sentence names the record after the predicate. A sign-in or sign-out
    /// names nobody but its actor.
    pub fn names_subject(self) -> bool {
        !self.is_sign_in()
    }

    /// The group of the audit page's action list.
    pub fn group(self) -> AuditGroup {
        use AuditAction::*;
        match self {
            AgencyImport
            | AgencyReplace
            | AgencyPolicy
            | AgencyExperienceFields
            | AgencyWorkflowPolicy
            | AgencyReportPolicy => AuditGroup::Agency,
            RoleGranted | RoleRevoked | TokenCreated | TokenRevoked | PasswordChanged
            | PasswordReset | PasswordDemo => AuditGroup::Access,
            SessionSignedIn | SessionSignedOut => AuditGroup::SignIn,
            RegionalHeadCreated
            | RegionalHeadUpdated
            | RegionalHeadTermAdded
            | RegionalHeadTermEnded => AuditGroup::RegionalHead,
            PlacementsRecompute | PlacementManual | OrgChangeRecorded | OrgChangeApplied
            | OrgChangeCancelled | OrgChangeFailed => AuditGroup::Organisation,
            ProcessMapCreated
            | ProcessMapVersionSaved
            | ProcessMapPublished
            | ProcessMapArchived
            | ProcessMapReviewed
            | ProcessMapLaneBound => AuditGroup::Organisation,
            AgreementCreated
            | AgreementSigned
            | AgreementAmended
            | AgreementCopied
            | TargetAdded
            | TargetUpdated
            | TargetRemoved
            | TargetCascaded
            | TargetProgress
            | DialogueRecorded
            | ExpectationSet
            | ExpectationAcknowledged
            | PlanDrafted
            | PlanRevised
            | PlanSubmitted
            | PlanApproved
            | PlanReturned => AuditGroup::Planning,
            AssignmentDrafted
            | AssignmentDraftChanged
            | RequestStep
            | RequestNudged
            | RequestEscalated
            | LetterIssue
            | LetterCancel
            | LetterRegister
            | LetterLetterhead => AuditGroup::Assignment,
            WorkBreakdownSet
            | WorkReportSubmitted
            | WorkReportRequested
            | WorkFeedbackGiven
            | WorkFeedbackAcknowledged
            | WorkIssueRaised
            | WorkIssueDecided
            | WorkIssueNudged
            | ResultSubmitted
            | ResultResubmitted
            | ResultPassed
            | ResultReturned
            | ResultAccepted => AuditGroup::Execution,
            AssessmentOpened
            | AssessmentRated
            | AssessmentFinalised
            | AssessmentAcknowledged
            | AssessmentObjected
            | AssessmentObjectionUpheld
            | AssessmentObjectionDismissed
            | AssessmentReopened
            | AssessmentFollowUp
            | MemberReportWritten
            | RecommendationWritten
            | AssessmentCurveSet => AuditGroup::Assessment,
            NotificationPreferenceSet | NotificationRetried => AuditGroup::Notification,
        }
    }

    /// A sign-in or sign-out: shown in the audit trail's own "Riwayat masuk" view, never in
    /// a record's history (their client addresses are for audit readers only).
    pub fn is_sign_in(self) -> bool {
        matches!(
            self,
            AuditAction::SessionSignedIn | AuditAction::SessionSignedOut
        )
    }

    /// The stored codes of the sign-in actions, for storage filters.
    pub fn sign_in_codes() -> Vec<&'static str> {
        AuditAction::ALL
            .iter()
            .filter(|a| a.is_sign_in())
            .map(|a| a.code())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{AuditAction, AuditGroup};

    #[test]
    fn every_action_reads_as_an_indonesian_predicate_in_a_group() {
        for a in AuditAction::ALL {
            let p = a.predicate();
            assert!(!p.trim().is_empty(), "{a:?} has a predicate");
            assert_eq!(p, p.trim(), "{a:?}: no stray spaces");
            assert!(
                p.chars().next().is_some_and(char::is_lowercase),
                "{a:?}: the predicate continues a sentence"
            );
            assert!(!p.contains('.'), "{a:?}: the page ends the sentence");
        }
        for g in AuditGroup::ALL {
            assert!(
                AuditAction::ALL.iter().any(|a| a.group() == *g),
                "{g:?} holds an action"
            );
        }
    }

    #[test]
    fn sign_ins_are_their_own_group_and_name_no_record() {
        assert_eq!(
            AuditAction::sign_in_codes(),
            vec!["session.signed_in", "session.signed_out"]
        );
        for a in AuditAction::ALL {
            assert_eq!(a.is_sign_in(), a.group() == AuditGroup::SignIn, "{a:?}");
            assert_eq!(a.names_subject(), !a.is_sign_in(), "{a:?}");
        }
    }
}
