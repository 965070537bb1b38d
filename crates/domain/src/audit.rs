//! What the audit log records (issue 3 point 6, issue 14 point 7): every action any code
//! appends to the audit trail, with its stable code (`audit_log.action`) and the Indonesian
//! label the audit page shows. The append functions take an [`AuditAction`], so an action
//! without a label does not compile.

use serde::{Deserialize, Serialize};

use crate::org::vocabulary;

mod sentence;

pub use sentence::AuditGroup;

vocabulary! {
    /// An action recorded in the audit trail.
    AuditAction {
        AgencyImport => "agency.import", "impor data instansi";
        AgencyReplace => "agency.replace", "penggantian data instansi";
        AgencyPolicy => "agency.policy", "perubahan kebijakan instansi";
        AgencyExperienceFields => "agency.experience_fields", "perubahan daftar bidang tugas";
        AgencyWorkflowPolicy => "agency.workflow_policy", "perubahan kebijakan alur permohonan instansi";
        AgencyReportPolicy => "agency.report_policy", "perubahan kebijakan laporan instansi";
        PlacementsRecompute => "placements.recompute", "penghitungan ulang kedudukan";
        PlacementManual => "placement.manual", "penetapan kedudukan manual";
        RoleGranted => "role.granted", "pemberian peran";
        RoleRevoked => "role.revoked", "pencabutan peran";
        TokenCreated => "token.created", "pembuatan token API";
        TokenRevoked => "token.revoked", "pencabutan token API";
        SessionSignedIn => "session.signed_in", "masuk";
        SessionSignedOut => "session.signed_out", "keluar";
        PasswordChanged => "password.changed", "penggantian kata sandi";
        PasswordReset => "password.reset", "pengaturan ulang kata sandi";
        PasswordDemo => "password.demo", "kata sandi demo";
        RegionalHeadCreated => "regional_head.created", "pendaftaran akun Kepala Daerah";
        RegionalHeadUpdated => "regional_head.updated", "perubahan akun Kepala Daerah";
        RegionalHeadTermAdded => "regional_head.term_added", "pencatatan masa jabatan Kepala Daerah";
        RegionalHeadTermEnded => "regional_head.term_ended", "pengakhiran masa jabatan Kepala Daerah";
        OrgChangeRecorded => "org_change.recorded", "pencatatan perubahan organisasi";
        OrgChangeApplied => "org_change.applied", "pemberlakuan perubahan organisasi";
        OrgChangeCancelled => "org_change.cancelled", "pembatalan perubahan organisasi";
        OrgChangeFailed => "org_change.failed", "kegagalan pemberlakuan perubahan organisasi";
        AgreementCreated => "agreement.created", "pembuatan Perjanjian Kinerja";
        AgreementSigned => "agreement.signed", "penandatanganan Perjanjian Kinerja";
        AgreementAmended => "agreement.amended", "perubahan (amendemen) Perjanjian Kinerja";
        AgreementCopied => "agreement.copied", "penyalinan Perjanjian Kinerja dari tahun sebelumnya";
        TargetAdded => "target.added", "penambahan target";
        TargetUpdated => "target.updated", "perubahan target";
        TargetRemoved => "target.removed", "penghapusan target";
        TargetCascaded => "target.cascaded", "penurunan target";
        TargetProgress => "target.progress", "laporan capaian target";
        DialogueRecorded => "dialogue.recorded", "pencatatan dialog kinerja";
        ExpectationSet => "expectation.set", "penetapan ekspektasi";
        ExpectationAcknowledged => "expectation.acknowledged", "penerimaan ekspektasi";
        PlanDrafted => "plan.drafted", "penyusunan rencana kegiatan";
        PlanRevised => "plan.revised", "perubahan rencana kegiatan";
        PlanSubmitted => "plan.submitted", "pengajuan rencana kegiatan";
        PlanApproved => "plan.approved", "persetujuan rencana kegiatan";
        PlanReturned => "plan.returned", "pengembalian rencana kegiatan dengan catatan";
        AssignmentDrafted => "assignment.drafted", "penyusunan konsep penugasan";
        AssignmentDraftChanged => "assignment.draft_changed", "perubahan konsep penugasan";
        RequestStep => "request.step", "langkah alur permohonan penugasan";
        RequestNudged => "request.nudged", "pengingat permohonan penugasan";
        RequestEscalated => "request.escalated", "eskalasi permohonan penugasan";
        LetterIssue => "letter.issue", "penerbitan surat";
        LetterCancel => "letter.cancel", "pembatalan surat";
        LetterRegister => "letter.register", "perubahan register nomor surat";
        LetterLetterhead => "letter.letterhead", "perubahan kop surat";
        WorkBreakdownSet => "work.breakdown_set", "penetapan rincian pelaksanaan kegiatan";
        WorkReportSubmitted => "work.report_submitted", "penyampaian laporan";
        WorkReportRequested => "work.report_requested", "permintaan laporan";
        WorkFeedbackGiven => "work.feedback_given", "pemberian umpan balik";
        WorkFeedbackAcknowledged => "work.feedback_acknowledged", "penerimaan umpan balik";
        WorkIssueRaised => "work.issue_raised", "penyampaian permasalahan dan kendala";
        WorkIssueDecided => "work.issue_decided", "keputusan atas permasalahan dan kendala";
        WorkIssueNudged => "work.issue_nudged", "pengingat permasalahan dan kendala";
        ResultSubmitted => "result.submitted", "penyampaian hasil kerja";
        ResultResubmitted => "result.resubmitted", "penyampaian ulang hasil kerja";
        ResultPassed => "result.passed", "penerusan hasil kerja (reviu)";
        ResultReturned => "result.returned", "pengembalian hasil kerja (reviu)";
        ResultAccepted => "result.accepted", "penerimaan hasil kerja (selesai)";
        AssessmentOpened => "assessment.opened", "pembukaan penilaian kinerja";
        AssessmentRated => "assessment.rated", "pengisian penilaian kinerja";
        AssessmentFinalised => "assessment.finalised", "finalisasi penilaian kinerja";
        AssessmentAcknowledged => "assessment.acknowledged", "penerimaan penilaian kinerja oleh pegawai";
        AssessmentObjected => "assessment.objected", "pengajuan keberatan atas penilaian kinerja";
        AssessmentObjectionUpheld => "assessment.objection_upheld", "pengabulan keberatan atas penilaian kinerja";
        AssessmentObjectionDismissed => "assessment.objection_dismissed", "penolakan keberatan atas penilaian kinerja";
        AssessmentReopened => "assessment.reopened", "pembukaan kembali penilaian kinerja";
        AssessmentFollowUp => "assessment.follow_up", "pencatatan tindak lanjut penilaian kinerja";
        MemberReportWritten => "assessment.member_report", "penulisan laporan kinerja anggota tim";
        RecommendationWritten => "assessment.recommendation", "penulisan rekomendasi penilaian kinerja";
        AssessmentCurveSet => "agency.assessment_curve", "penetapan kurva distribusi predikat kinerja";
        ProcessMapCreated => "process_map.created", "pembuatan peta proses bisnis";
        ProcessMapVersionSaved => "process_map.version_saved", "penyimpanan versi peta proses bisnis";
        ProcessMapPublished => "process_map.published", "penerbitan peta proses bisnis";
        ProcessMapArchived => "process_map.archived", "pengarsipan peta proses bisnis";
        ProcessMapReviewed => "process_map.reviewed", "reviu peta proses bisnis";
        ProcessMapLaneBound => "process_map.lane_bound", "pengikatan lajur peta proses bisnis";
        NotificationPreferenceSet => "notification.preference_set", "perubahan pengaturan pemberitahuan";
        NotificationRetried => "notification.retried", "pengiriman ulang pemberitahuan";
    }
}

vocabulary! {
    /// What kind of record an audit row is about (`audit_log.entity`): the audit page filters
    /// and labels rows by it (issue 14 point 7).
    AuditSubject {
        Agency => "agency", "Instansi";
        Employee => "employee", "Pegawai";
        RoleGrant => "role_grant", "Pemberian peran";
        ApiToken => "api_token", "Token API";
        RegionalHead => "regional_head", "Kepala Daerah";
        PerformanceAgreement => "performance_agreement", "Perjanjian Kinerja";
        Expectation => "expectation", "Ekspektasi";
        Assignment => "assignment", "Penugasan";
        IssuedLetter => "issued_letter", "Surat yang diterbitkan";
        LetterRegister => "letter_register", "Register nomor surat";
        OrgChange => "org_change", "Perubahan organisasi";
        Work => "work", "Pekerjaan (penugasan atau rencana kegiatan)";
        ReportRequest => "report_request", "Permintaan laporan";
        WorkReport => "work_report", "Laporan pelaksanaan";
        WorkResult => "work_result", "Hasil kerja";
        WorkFeedback => "work_feedback", "Umpan balik";
        TeamIssue => "team_issue", "Permasalahan dan kendala tim";
        Assessment => "assessment", "Penilaian kinerja";
        AssessmentNote => "assessment_note", "Laporan anggota tim atau rekomendasi penilaian";
        ProcessMap => "process_map", "Peta proses bisnis";
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_has_a_unique_code_and_a_label() {
        let mut codes: Vec<&str> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len(), "codes are unique");
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(a.code()), Some(*a));
            assert!(!a.label().trim().is_empty(), "{a:?} has a label");
            assert!(
                !a.label().contains('.') && !a.label().contains('_'),
                "{a:?}: the label is Indonesian words, not a code"
            );
        }
        assert_eq!(
            AuditAction::from_code("role.granted"),
            Some(AuditAction::RoleGranted)
        );
        assert_eq!(AuditAction::from_code("role.invented"), None);
    }
}
