//! Conformance: planning (issue 4; MEK-02, MEK-03, STR-02, PEN-19, KIN-01) on whichever
//! backend `SIKERJA_TEST_DATABASE_URL` selects (SQLite temp files otherwise): agreements,
//! cascading along the derived structure, signatures, amendments, dialogues, expectations and
//! activity plans, each authorised against the positions held and audited.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::{Dinkes, dinkes};
use sikerja_domain::Nip;
use sikerja_domain::numbering::RegisterKind;
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::planning::activity::Activity;
use sikerja_domain::planning::structure::{Post, SetterKind};
use sikerja_domain::planning::target::{
    AgreementStatus, CheckedTarget, Execution, IndicatorKind, PlanStatus,
};
use sikerja_domain::workflow::LetterKind;
use sikerja_storage::planning::{
    AgreementFilter, DialogueInput, ExpectationFilter, PlanningActor, TargetIdentification,
};
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_storage::{AuditActor, AuditFilter, AuditVerification, RegisterSetting, StorageError};

const YEAR: i32 = 2027;

struct World {
    store: TestStore,
    agency: AgencyId,
    d: Dinkes,
}

impl World {
    async fn new() -> World {
        let store = fresh_store().await;
        let mut d = dinkes("kab-banjar");
        d.builder.bundle.agency.name = "Pemerintah Kabupaten Banjar".into();
        let agency = store
            .import_agency(&d.builder.build(), "tester")
            .await
            .unwrap()
            .agency;
        World { store, agency, d }
    }

    async fn employee(&self, nip: &Nip) -> EmployeeId {
        self.store.employee_by_nip(nip).await.unwrap().employee.id
    }

    async fn position(&self, code: &str) -> PositionId {
        let org = self.store.load_organisation(self.agency).await.unwrap();
        org.positions.iter().find(|p| p.code == code).unwrap().id
    }

    async fn post(&self, code: &str, nip: &Nip) -> Post {
        Post {
            position: self.position(code).await,
            employee: Some(self.employee(nip).await),
        }
    }

    async fn actor(&self, nip: &Nip) -> PlanningActor {
        PlanningActor {
            employee: Some(self.employee(nip).await),
            regional_head_of: None,
            audit: AuditActor::new(format!("NIP {}", nip.as_str())),
        }
    }

    fn bupati(&self) -> PlanningActor {
        PlanningActor {
            employee: None,
            regional_head_of: Some(self.agency),
            audit: AuditActor::new("Bupati Banjar (akun bupati.banjar)"),
        }
    }
}

fn target(indicator: &str, weight: u32) -> CheckedTarget {
    CheckedTarget {
        indicator: indicator.into(),
        kind: IndicatorKind::Quantitative,
        target: "90".into(),
        target_number: Some(90.0),
        unit: "%".into(),
        budget: 1_500_000,
        strategic_plan_ref: "Renstra 2025–2029 Sasaran 1".into(),
        annual_work_plan_ref: "Renja 2027 Program 1.02".into(),
        weight,
    }
}

fn code(e: &StorageError) -> &'static str {
    e.code()
}

#[tokio::test]
async fn mek_02_str_02_a_kepala_dinas_cascades_to_a_kepala_bidang_who_cascades_to_a_kepala_seksi_and_a_jf()
 {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let kabid = w.actor(&w.d.kabid).await;
    let kasi = w.actor(&w.d.kasi).await;
    let jf = w.actor(&w.d.ahli_pertama).await;

    // The Kepala Dinas starts their own agreement: it is made with the regional head.
    let top = w
        .store
        .create_agreement(w.agency, w.post("kadis", &w.d.kadis).await, YEAR, &kadis)
        .await
        .unwrap();
    let view = w.store.agreement(top).await.unwrap();
    assert_eq!(view.summary.setter.kind, SetterKind::RegionalHead);
    assert_eq!(view.summary.setter.rule_id, "MEK-02");
    // Issue 15 point 6: the office as letters write it.
    assert_eq!(view.summary.setter.name, "Bupati Banjar");
    let t1 = w
        .store
        .add_target(
            top,
            &target("Indeks kepuasan layanan kesehatan", 1),
            None,
            &kadis,
        )
        .await
        .unwrap();

    // Whom the Kepala Dinas sets agreements for is derived (STR-02): the Administrators and the
    // Ahli Madya, not the Kepala Seksi or the JF in the Seksi.
    let posts = w
        .store
        .agreement_posts(w.agency, w.employee(&w.d.kadis).await)
        .await
        .unwrap();
    let names: Vec<_> = posts
        .recipients
        .iter()
        .map(|p| p.position_name.as_str())
        .collect();
    assert!(
        names.contains(&"Kepala Bidang Pelayanan Kesehatan"),
        "{names:?}"
    );
    assert!(names.contains(&"Analis Kebijakan Ahli Madya"), "{names:?}");
    assert!(
        !names.contains(&"Kepala Seksi Pelayanan Rujukan"),
        "{names:?}"
    );
    assert!(
        posts
            .recipients
            .iter()
            .all(|p| p.rule_id.as_deref() == Some("STR-02")),
        "{:?}",
        posts.recipients
    );

    // Cascade to the Kepala Bidang (weight 3) and the Ahli Madya (weight 1).
    let (kabid_pk, t2) = w
        .store
        .cascade_target(
            t1,
            w.post("kabid-yankes", &w.d.kabid).await,
            &target("Persentase rujukan tepat waktu", 3),
            &kadis,
        )
        .await
        .unwrap();
    let (_, t_madya) = w
        .store
        .cascade_target(
            t1,
            w.post("jf-madya", &w.d.ahli_madya).await,
            &target("Rekomendasi kebijakan layanan", 1),
            &kadis,
        )
        .await
        .unwrap();
    let kabid_view = w.store.agreement(kabid_pk).await.unwrap();
    assert_eq!(kabid_view.summary.setter.name, "Kepala Dinas Kesehatan");
    assert_eq!(
        (
            kabid_view.summary.setter.rule_id.as_str(),
            kabid_view.summary.setter.article.as_str()
        ),
        ("STR-02", "Lampiran I.B.2.a–b")
    );
    assert_eq!(kabid_view.targets[0].parent, Some(t1));

    // Not along the structure: the Kepala Dinas does not set the Kepala Seksi's agreement.
    let err = w
        .store
        .cascade_target(
            t1,
            w.post("kasi-rujukan", &w.d.kasi).await,
            &target("x", 1),
            &kadis,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_a_recipient");
    // Only the holder of the parent's agreement cascades it.
    let err = w
        .store
        .cascade_target(
            t1,
            w.post("kabid-yankes", &w.d.kabid).await,
            &target("x", 1),
            &kabid,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Forbidden { .. }), "{err:?}");

    // Kepala Bidang → Kepala Seksi (STR-02), Kepala Seksi → JF Ahli Pertama (their PPK).
    let (_, t3) = w
        .store
        .cascade_target(
            t2,
            w.post("kasi-rujukan", &w.d.kasi).await,
            &target("Rujukan terverifikasi", 1),
            &kabid,
        )
        .await
        .unwrap();
    let (jf_pk, t4) = w
        .store
        .cascade_target(
            t3,
            w.post("jf-pertama", &w.d.ahli_pertama).await,
            &target("Laporan surveilans rujukan", 1),
            &kasi,
        )
        .await
        .unwrap();
    let jf_view = w.store.agreement(jf_pk).await.unwrap();
    assert_eq!(
        jf_view.summary.setter.name,
        "Kepala Seksi Pelayanan Rujukan"
    );

    // Progress reported by the JF rolls up by weight: Kadis target = (3×100 + 1×0) / 4.
    w.store
        .report_target_progress(t4, 100.0, &jf)
        .await
        .unwrap();
    let err = w
        .store
        .report_target_progress(t4, 50.0, &kasi)
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Forbidden { .. }));
    let top_view = w.store.agreement(top).await.unwrap();
    assert_eq!(top_view.targets[0].progress, 75.0);
    assert_eq!(top_view.targets[0].children.len(), 2);
    let madya = top_view.targets[0]
        .children
        .iter()
        .find(|c| c.target == t_madya)
        .unwrap();
    assert_eq!(madya.position_name, "Analis Kebijakan Ahli Madya");

    // The department's tree: Kadis target, then the cascade depth-first.
    let department = top_view.summary.department.unwrap();
    let tree = w.store.department_targets(department, YEAR).await.unwrap();
    let shape: Vec<_> = tree.iter().map(|n| (n.target.id, n.depth)).collect();
    assert_eq!(shape[0], (t1, 0));
    assert!(shape.contains(&(t4, 3)), "{shape:?}");
    assert_eq!(tree.len(), 5);

    let entries = w
        .store
        .audit_entries(&AuditFilter {
            action: Some("target.cascaded".into()),
            agency: Some(w.agency.0),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(entries.total, 4);
    assert!(entries.items.iter().any(|e| e.summary.contains("STR-02")));
}

#[tokio::test]
async fn mek_02_both_parties_sign_the_agreement_locks_and_an_amendment_keeps_the_signed_text() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let kabid = w.actor(&w.d.kabid).await;
    let outsider = w.actor(&w.d.pelaksana).await;
    let pk = w
        .store
        .create_agreement(
            w.agency,
            w.post("kabid-yankes", &w.d.kabid).await,
            YEAR,
            &kabid,
        )
        .await
        .unwrap();
    let err = w.store.sign_agreement(pk, &kabid).await.unwrap_err();
    assert_eq!(code(&err), "agreement_without_targets");
    let t = w
        .store
        .add_target(pk, &target("Cakupan layanan rujukan", 1), None, &kabid)
        .await
        .unwrap();
    let err = w.store.sign_agreement(pk, &outsider).await.unwrap_err();
    assert_eq!(code(&err), "not_a_party");

    w.store.sign_agreement(pk, &kabid).await.unwrap();
    let err = w.store.sign_agreement(pk, &kabid).await.unwrap_err();
    assert_eq!(code(&err), "already_signed");
    assert_eq!(
        w.store.agreement(pk).await.unwrap().summary.status,
        AgreementStatus::Draft
    );
    w.store.sign_agreement(pk, &kadis).await.unwrap();
    let signed = w.store.agreement(pk).await.unwrap();
    assert_eq!(signed.summary.status, AgreementStatus::Signed);
    // The printed form names the person who signed as pihak kedua (issue 15 point 6).
    let signer = signed
        .setter_signer
        .clone()
        .expect("the second party's signer");
    assert_eq!(signer.nip.as_deref(), Some(w.d.kadis.as_str()));
    assert!(
        !signer.name.is_empty() && !signer.name.contains("NIP"),
        "{signer:?}"
    );
    assert!(
        signed
            .setter_signed_by
            .unwrap()
            .contains(w.d.kadis.as_str())
    );

    // Locked: no change but through an amendment with a reason.
    let err = w
        .store
        .add_target(pk, &target("Tambahan", 1), None, &kabid)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "agreement_signed");
    let err = w
        .store
        .update_target(t, &target("Diubah", 1), &kadis)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "agreement_signed");
    let err = w.store.amend_agreement(pk, "  ", &kabid).await.unwrap_err();
    assert_eq!(code(&err), "amendment_reason_blank");
    w.store
        .amend_agreement(pk, "Refocusing anggaran APBD-P 2027", &kabid)
        .await
        .unwrap();
    let amended = w.store.agreement(pk).await.unwrap();
    assert_eq!(
        (amended.summary.status, amended.summary.version),
        (AgreementStatus::Draft, 2)
    );
    assert_eq!(amended.summary.holder_signed_at, None);
    assert_eq!(amended.versions.len(), 1);
    assert_eq!(amended.versions[0].version, 1);
    assert_eq!(
        amended.versions[0].reason,
        "Refocusing anggaran APBD-P 2027"
    );
    assert!(
        amended.versions[0]
            .content
            .contains("Cakupan layanan rujukan")
    );

    // A change to a draft withdraws a signature already given (the text changed).
    w.store.sign_agreement(pk, &kabid).await.unwrap();
    w.store
        .update_target(t, &target("Cakupan layanan rujukan (revisi)", 1), &kadis)
        .await
        .unwrap();
    let redrafted = w.store.agreement(pk).await.unwrap();
    assert_eq!(redrafted.summary.holder_signed_at, None);

    // The Kepala Dinas' own agreement is countersigned by the regional head.
    let top = w
        .store
        .create_agreement(w.agency, w.post("kadis", &w.d.kadis).await, YEAR, &kadis)
        .await
        .unwrap();
    w.store
        .add_target(top, &target("IKM", 1), None, &kadis)
        .await
        .unwrap();
    w.store.sign_agreement(top, &kadis).await.unwrap();
    w.store.sign_agreement(top, &w.bupati()).await.unwrap();
    let top_view = w.store.agreement(top).await.unwrap();
    assert_eq!(top_view.summary.status, AgreementStatus::Signed);
    let bupati = top_view.setter_signer.expect("the Bupati as signer");
    assert!(
        bupati.nip.is_none() && !bupati.name.is_empty(),
        "{bupati:?}"
    );
    let err = w
        .store
        .create_agreement(w.agency, w.post("kadis", &w.d.kadis).await, YEAR, &kadis)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "agreement_exists");

    let mine = w
        .store
        .agreements(&AgreementFilter {
            employee: Some(w.employee(&w.d.kabid).await),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].budget, 1_500_000);
    assert!(matches!(
        w.store.verify_audit().await.unwrap(),
        AuditVerification::Intact { .. }
    ));
}

#[tokio::test]
async fn mek_03_pen_19_a_dialogue_records_individual_or_team_work_for_each_target() {
    let w = World::new().await;
    let kabid = w.actor(&w.d.kabid).await;
    let pk = w
        .store
        .create_agreement(
            w.agency,
            w.post("kabid-yankes", &w.d.kabid).await,
            YEAR,
            &kabid,
        )
        .await
        .unwrap();
    let team = w
        .store
        .add_target(pk, &target("Integrasi sistem rujukan", 1), None, &kabid)
        .await
        .unwrap();
    let solo = w
        .store
        .add_target(pk, &target("Laporan bulanan", 1), None, &kabid)
        .await
        .unwrap();
    let input = DialogueInput {
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
        participants: vec![
            w.employee(&w.d.kabid).await,
            w.employee(&w.d.kasi).await,
            w.employee(&w.d.ahli_muda).await,
        ],
        notes: "Integrasi memerlukan pranata komputer dari Diskominfo.".into(),
        identifications: vec![
            TargetIdentification {
                target: team,
                execution: Execution::Team,
                needs_other_units: false,
                needs_other_agencies: true,
                needs_team_lead: true,
            },
            TargetIdentification {
                target: solo,
                execution: Execution::Individual,
                needs_other_units: false,
                needs_other_agencies: false,
                needs_team_lead: true,
            },
        ],
    };
    let outsider = w.actor(&w.d.pelaksana).await;
    let err = w
        .store
        .record_dialogue(pk, &input, &outsider)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_a_party");
    let dialogue = w.store.record_dialogue(pk, &input, &kabid).await.unwrap();
    let view = w.store.agreement(pk).await.unwrap();
    assert_eq!(view.dialogues.len(), 1);
    assert_eq!(view.dialogues[0].participants.len(), 3);
    let team_id = view.targets[0].identification.unwrap();
    assert_eq!(team_id.execution, Execution::Team);
    // Officials of other agencies are officials from outside the unit as well.
    assert!(team_id.needs_other_units && team_id.needs_other_agencies && team_id.needs_team_lead);
    assert_eq!(team_id.dialogue, Some(dialogue));
    // Individual work has no team lead.
    let solo_id = view.targets[1].identification.unwrap();
    assert_eq!(solo_id.execution, Execution::Individual);
    assert!(!solo_id.needs_team_lead);

    let mut bad = input.clone();
    bad.notes = " ".into();
    assert_eq!(
        code(&w.store.record_dialogue(pk, &bad, &kabid).await.unwrap_err()),
        "dialogue_notes_blank"
    );
}

#[tokio::test]
async fn kin_01_a_head_sets_expectations_for_the_people_under_them_who_acknowledge_them() {
    let w = World::new().await;
    let kasi = w.actor(&w.d.kasi).await;
    let kabid = w.actor(&w.d.kabid).await;
    let jf = w.actor(&w.d.ahli_pertama).await;
    let to = w.post("jf-pertama", &w.d.ahli_pertama).await;
    // The Kepala Bidang is not the one who sets this JF's agreement.
    let err = w
        .store
        .set_expectation(w.agency, to, YEAR, "Laporan tepat waktu", &kabid)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_setter");
    let id = w
        .store
        .set_expectation(
            w.agency,
            to,
            YEAR,
            "Laporan surveilans tiap tanggal 5",
            &kasi,
        )
        .await
        .unwrap();
    let err = w
        .store
        .acknowledge_expectation(id, &kasi)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_recipient");
    w.store.acknowledge_expectation(id, &jf).await.unwrap();
    let mine = w
        .store
        .expectations(&ExpectationFilter {
            employee: Some(w.employee(&w.d.ahli_pertama).await),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert!(mine[0].acknowledged_at.is_some());
    assert_eq!(mine[0].setter_name, "Kepala Seksi Pelayanan Rujukan");
    // Replacing it asks for a new acknowledgement.
    let again = w
        .store
        .set_expectation(w.agency, to, YEAR, "Laporan tiap tanggal 3", &kasi)
        .await
        .unwrap();
    assert_eq!(again, id);
    let mine = w
        .store
        .expectations(&ExpectationFilter {
            year: Some(YEAR),
            setter_positions: vec![w.position("kasi-rujukan").await],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(mine[0].acknowledged_at, None);
    assert_eq!(mine[0].text, "Laporan tiap tanggal 3");
}

#[tokio::test]
async fn mek_03_an_activity_plan_is_drafted_submitted_approved_and_each_change_keeps_the_version_before()
 {
    let w = World::new().await;
    let kasi = w.actor(&w.d.kasi).await;
    let kabid = w.actor(&w.d.kabid).await;
    let jf = w.actor(&w.d.ahli_pertama).await;
    let pk = w
        .store
        .create_agreement(
            w.agency,
            w.post("jf-pertama", &w.d.ahli_pertama).await,
            YEAR,
            &kasi,
        )
        .await
        .unwrap();
    let t = w
        .store
        .add_target(pk, &target("Laporan surveilans", 1), None, &kasi)
        .await
        .unwrap();
    let activities = vec![Activity {
        name: "Pengumpulan data".into(),
        output: "Data rujukan".into(),
        month_from: 1,
        month_to: 3,
        budget: 2_000_000,
    }];
    let err = w
        .store
        .draft_activity_plan(t, "Rencana surveilans", &activities, &kasi)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_a_party", "the JF drafts their own plan");
    let plan = w
        .store
        .draft_activity_plan(t, "Rencana surveilans", &activities, &jf)
        .await
        .unwrap();
    w.store.submit_activity_plan(plan, &jf).await.unwrap();
    let err = w
        .store
        .approve_activity_plan(plan, &kabid)
        .await
        .unwrap_err();
    assert_eq!(
        code(&err),
        "not_a_party",
        "only the head who sets the agreement"
    );
    w.store.approve_activity_plan(plan, &kasi).await.unwrap();
    let err = w
        .store
        .approve_activity_plan(plan, &kasi)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "plan_state");

    let mut changed = activities.clone();
    changed.push(Activity {
        name: "Analisis".into(),
        output: "Laporan".into(),
        month_from: 4,
        month_to: 6,
        budget: 1_000_000,
    });
    let err = w
        .store
        .revise_activity_plan(plan, &changed, "", &jf)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "plan_change_reason_blank");
    let v = w
        .store
        .revise_activity_plan(plan, &changed, "Tambahan kegiatan analisis", &jf)
        .await
        .unwrap();
    assert_eq!(v, 2);
    let view = w.store.activity_plan(plan).await.unwrap();
    assert_eq!(view.versions.len(), 2);
    assert_eq!(view.versions[0].status, PlanStatus::Approved);
    assert!(
        view.versions[0]
            .approved_by
            .as_deref()
            .unwrap()
            .contains(w.d.kasi.as_str())
    );
    assert_eq!(view.versions[0].total_budget, 2_000_000);
    assert_eq!(view.current().unwrap().total_budget, 3_000_000);
    assert_eq!(view.current().unwrap().reason, "Tambahan kegiatan analisis");
    assert_eq!(view.current().unwrap().status, PlanStatus::Draft);
    assert_eq!(w.store.activity_plans(pk).await.unwrap().len(), 1);

    // Issue 15 point 6: the head returns a submitted version with notes instead of approving
    // it. Blank notes are refused, the holder cannot return it, a returned version is neither
    // approved nor submitted again; the holder's change makes a new version and the returned
    // one keeps its notes.
    w.store.submit_activity_plan(plan, &jf).await.unwrap();
    let err = w
        .store
        .return_activity_plan(plan, "  ", &kasi)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "plan_return_note_blank");
    let err = w
        .store
        .return_activity_plan(plan, "Rinci bulan analisis", &jf)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_a_party");
    let err = w
        .store
        .return_activity_plan(plan, "Rinci\u{7}", &kasi)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "control_character");
    w.store
        .return_activity_plan(plan, "Rinci bulan analisis per triwulan", &kasi)
        .await
        .unwrap();
    let view = w.store.activity_plan(plan).await.unwrap();
    let returned = view.current().unwrap();
    assert_eq!(returned.status, PlanStatus::Returned);
    assert_eq!(
        returned.return_note.as_deref(),
        Some("Rinci bulan analisis per triwulan")
    );
    assert!(
        returned
            .returned_by
            .as_deref()
            .unwrap()
            .contains(w.d.kasi.as_str())
    );
    for err in [
        w.store
            .approve_activity_plan(plan, &kasi)
            .await
            .unwrap_err(),
        w.store.submit_activity_plan(plan, &jf).await.unwrap_err(),
    ] {
        assert_eq!(code(&err), "plan_state");
    }
    let v = w
        .store
        .revise_activity_plan(plan, &changed, "Bulan analisis dirinci", &jf)
        .await
        .unwrap();
    assert_eq!(v, 3);
    let view = w.store.activity_plan(plan).await.unwrap();
    assert_eq!(view.versions[1].status, PlanStatus::Returned);
    assert_eq!(view.current().unwrap().status, PlanStatus::Draft);
    w.store.submit_activity_plan(plan, &jf).await.unwrap();
    w.store.approve_activity_plan(plan, &kasi).await.unwrap();
}

#[tokio::test]
async fn a_holder_starts_the_next_year_from_last_years_targets_and_plans_linked_to_the_new_parents()
{
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let kasi = w.actor(&w.d.kasi).await;
    let jf = w.actor(&w.d.ahli_pertama).await;
    let top = w
        .store
        .create_agreement(w.agency, w.post("kadis", &w.d.kadis).await, YEAR, &kadis)
        .await
        .unwrap();
    let t1 = w
        .store
        .add_target(top, &target("Indeks kepuasan", 1), None, &kadis)
        .await
        .unwrap();
    let (kabid_pk, _) = w
        .store
        .cascade_target(
            t1,
            w.post("kabid-yankes", &w.d.kabid).await,
            &target("Rujukan tepat waktu", 2),
            &kadis,
        )
        .await
        .unwrap();
    let jf_pk = w
        .store
        .create_agreement(
            w.agency,
            w.post("jf-pertama", &w.d.ahli_pertama).await,
            YEAR,
            &kasi,
        )
        .await
        .unwrap();
    let jt = w
        .store
        .add_target(jf_pk, &target("Laporan", 1), None, &kasi)
        .await
        .unwrap();
    let activities = vec![Activity {
        name: "Pengumpulan data".into(),
        output: "Data".into(),
        month_from: 1,
        month_to: 2,
        budget: 500_000,
    }];
    w.store
        .draft_activity_plan(jt, "Rencana", &activities, &jf)
        .await
        .unwrap();

    // Only the holder copies; the Kepala Dinas first, then the Kepala Bidang.
    let err = w
        .store
        .copy_agreement(kabid_pk, YEAR + 1, &kadis)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_the_holder");
    let top2 = w.store.copy_agreement(top, YEAR + 1, &kadis).await.unwrap();
    let kabid = w.actor(&w.d.kabid).await;
    let kabid2 = w
        .store
        .copy_agreement(kabid_pk, YEAR + 1, &kabid)
        .await
        .unwrap();
    let new_top = w.store.agreement(top2).await.unwrap();
    let new_kabid = w.store.agreement(kabid2).await.unwrap();
    assert_eq!(new_kabid.summary.year, YEAR + 1);
    assert_eq!(new_kabid.summary.status, AgreementStatus::Draft);
    assert_eq!(new_kabid.targets[0].indicator, "Rujukan tepat waktu");
    assert_eq!(new_kabid.targets[0].weight, 2);
    assert_eq!(
        new_kabid.targets[0].parent,
        Some(new_top.targets[0].id),
        "linked to the new year's parent"
    );
    let jf2 = w.store.copy_agreement(jf_pk, YEAR + 1, &jf).await.unwrap();
    let plans = w.store.activity_plans(jf2).await.unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].versions[0].status, PlanStatus::Draft);
    assert_eq!(plans[0].versions[0].total_budget, 500_000);
    let err = w
        .store
        .copy_agreement(top, YEAR + 1, &kadis)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "agreement_exists");
}

#[tokio::test]
async fn mek_02_both_parties_signing_at_once_leave_one_signed_agreement() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let kabid = w.actor(&w.d.kabid).await;
    for round in 0..4 {
        let year = YEAR + round;
        let pk = w
            .store
            .create_agreement(
                w.agency,
                w.post("kabid-yankes", &w.d.kabid).await,
                year,
                &kabid,
            )
            .await
            .unwrap();
        w.store
            .add_target(pk, &target("Cakupan layanan", 1), None, &kabid)
            .await
            .unwrap();
        let (a, b) = tokio::join!(
            w.store.sign_agreement(pk, &kabid),
            w.store.sign_agreement(pk, &kadis)
        );
        a.unwrap();
        b.unwrap();
        let view = w.store.agreement(pk).await.unwrap();
        assert_eq!(
            view.summary.status,
            AgreementStatus::Signed,
            "round {round}"
        );
        assert!(view.summary.holder_signed_at.is_some() && view.summary.setter_signed_at.is_some());
    }
    assert!(matches!(
        w.store.verify_audit().await.unwrap(),
        AuditVerification::Intact { .. }
    ));
}

#[tokio::test]
async fn kin_01_twenty_parallel_acknowledgements_record_one() {
    let w = World::new().await;
    let kasi = w.actor(&w.d.kasi).await;
    let jf = w.actor(&w.d.ahli_pertama).await;
    let to = w.post("jf-pertama", &w.d.ahli_pertama).await;
    let id = w
        .store
        .set_expectation(w.agency, to, YEAR, "Laporan tepat waktu", &kasi)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let store = w.store.clone();
        let jf = jf.clone();
        tasks.push(tokio::spawn(async move {
            store.acknowledge_expectation(id, &jf).await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => ok += 1,
            Err(e) => assert_eq!(code(&e), "already_acknowledged", "{e}"),
        }
    }
    assert_eq!(ok, 1);
    let acknowledged = w
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::Expectation,
            &id.to_string(),
        )
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == "expectation.acknowledged")
        .count();
    assert_eq!(acknowledged, 1);
}

/// A draft of `post` for `year` with one target, started by `by`.
async fn agreement_with_target(
    w: &World,
    position: &str,
    nip: &Nip,
    year: i32,
    by: &PlanningActor,
) -> i64 {
    let pk = w
        .store
        .create_agreement(w.agency, w.post(position, nip).await, year, by)
        .await
        .unwrap();
    w.store
        .add_target(pk, &target("Cakupan layanan rujukan", 1), None, by)
        .await
        .unwrap();
    pk
}

#[tokio::test]
async fn doc_05_an_agreement_is_numbered_at_the_second_signature_not_at_the_first() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let kabid = w.actor(&w.d.kabid).await;
    let kasi = w.actor(&w.d.kasi).await;
    let pk = agreement_with_target(&w, "kabid-yankes", &w.d.kabid, YEAR, &kabid).await;
    assert_eq!(w.store.agreement(pk).await.unwrap().number, None);

    w.store.sign_agreement(pk, &kabid).await.unwrap();
    assert_eq!(w.store.agreement(pk).await.unwrap().number, None);
    assert!(
        w.store.letter_registers(w.agency).await.unwrap().is_empty(),
        "no register is used before the second signature"
    );

    w.store.sign_agreement(pk, &kadis).await.unwrap();
    let first = w.store.agreement(pk).await.unwrap().number;
    assert_eq!(first.as_deref(), Some("800.1.11/1/DINKES/2027"));

    // A second agreement of the same Perangkat Daerah and year takes the next number.
    let second_pk = agreement_with_target(&w, "kasi-rujukan", &w.d.kasi, YEAR, &kasi).await;
    w.store.sign_agreement(second_pk, &kabid).await.unwrap();
    w.store.sign_agreement(second_pk, &kasi).await.unwrap();
    let second = w.store.agreement(second_pk).await.unwrap().number;
    assert_eq!(second.as_deref(), Some("800.1.11/2/DINKES/2027"));

    // The register of performance agreements of the department and year, created with the
    // defaults, lists both numbers, each line pointing to its agreement.
    let registers = w.store.letter_registers(w.agency).await.unwrap();
    assert_eq!(registers.len(), 1, "{registers:?}");
    let register = &registers[0];
    assert_eq!(register.kind, RegisterKind::PerformanceAgreement);
    assert_eq!(register.kind_label, "Perjanjian Kinerja");
    assert_eq!(register.year, YEAR);
    let department = w.store.agreement(pk).await.unwrap().summary.department;
    assert!(department.is_some());
    assert_eq!(register.department, department);
    let lines: Vec<(i64, &str, Option<i64>, Option<i64>)> = register
        .numbers
        .iter()
        .map(|n| (n.seq, n.number.as_str(), n.agreement, n.issued_letter))
        .collect();
    assert_eq!(
        lines,
        vec![
            (1, "800.1.11/1/DINKES/2027", Some(pk), None),
            (2, "800.1.11/2/DINKES/2027", Some(second_pk), None),
        ]
    );
    assert_eq!(register.next_seq, 3);

    // The signing's audit row carries the number.
    let entries = w
        .store
        .audit_entries(&AuditFilter {
            action: Some("agreement.signed".into()),
            agency: Some(w.agency.0),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(entries.total, 4);
    let numbered: Vec<&str> = entries
        .items
        .iter()
        .filter(|e| e.summary.contains("800.1.11/"))
        .map(|e| e.summary.as_str())
        .collect();
    assert_eq!(numbered.len(), 2, "{:?}", entries.items);
    assert!(
        numbered.iter().all(|s| s.contains("DOC-05")),
        "{numbered:?}"
    );
    assert!(matches!(
        w.store.verify_audit().await.unwrap(),
        AuditVerification::Intact { .. }
    ));
}

#[tokio::test]
async fn doc_05_an_amended_agreement_signed_again_takes_a_new_number_and_the_old_one_stays() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let kabid = w.actor(&w.d.kabid).await;
    let pk = agreement_with_target(&w, "kabid-yankes", &w.d.kabid, YEAR, &kabid).await;
    w.store.sign_agreement(pk, &kabid).await.unwrap();
    w.store.sign_agreement(pk, &kadis).await.unwrap();
    w.store
        .amend_agreement(pk, "Refocusing anggaran APBD-P 2027", &kabid)
        .await
        .unwrap();
    let amended = w.store.agreement(pk).await.unwrap();
    assert_eq!(amended.number, None);
    assert!(
        amended.versions[0]
            .content
            .contains("800.1.11/1/DINKES/2027")
    );
    w.store.sign_agreement(pk, &kadis).await.unwrap();
    assert_eq!(w.store.agreement(pk).await.unwrap().number, None);
    w.store.sign_agreement(pk, &kabid).await.unwrap();
    assert_eq!(
        w.store.agreement(pk).await.unwrap().number.as_deref(),
        Some("800.1.11/2/DINKES/2027")
    );
    let register = &w.store.letter_registers(w.agency).await.unwrap()[0];
    assert!(register.numbers.iter().all(|n| n.agreement == Some(pk)));
    assert_eq!(register.numbers.len(), 2);
}

#[tokio::test]
async fn doc_05_agreements_share_the_sequence_of_a_letter_register_with_the_same_format() {
    // The archive officer sets the agreements' register of the year to the format of the
    // Dinas' Surat Tugas: one sequence (one buku agenda), never the same number twice.
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let kabid = w.actor(&w.d.kabid).await;
    let hr = AuditActor::new("Admin BKPSDM");
    let pk = agreement_with_target(&w, "kabid-yankes", &w.d.kabid, YEAR, &kabid).await;
    let department = w.store.agreement(pk).await.unwrap().summary.department;
    for kind in [
        RegisterKind::Letter(LetterKind::SuratTugas),
        RegisterKind::PerformanceAgreement,
    ] {
        w.store
            .set_letter_register(
                &RegisterSetting {
                    agency: w.agency,
                    department,
                    kind,
                    year: YEAR,
                    classification: "800.1.11".into(),
                    unit_code: "DINKES".into(),
                    pattern: "{classification}/{seq}/{unit}/{year}".into(),
                },
                &hr,
            )
            .await
            .unwrap();
    }
    // A pattern for the agreements that could write the letters' numbers is refused like a
    // letter register's (issue 12 point 1).
    let err = w
        .store
        .set_letter_register(
            &RegisterSetting {
                agency: w.agency,
                department,
                kind: RegisterKind::PerformanceAgreement,
                year: YEAR,
                classification: "800.1.11".into(),
                unit_code: "DINKES".into(),
                pattern: "{classification}/1{seq}/{unit}/{year}".into(),
            },
            &hr,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "register_overlap");
    w.store.sign_agreement(pk, &kabid).await.unwrap();
    w.store.sign_agreement(pk, &kadis).await.unwrap();
    assert_eq!(
        w.store.agreement(pk).await.unwrap().number.as_deref(),
        Some("800.1.11/1/DINKES/2027")
    );
    let registers = w.store.letter_registers(w.agency).await.unwrap();
    assert_eq!(registers.len(), 2);
    // The Surat Tugas register now goes on from the shared sequence.
    assert!(registers.iter().all(|r| r.next_seq == 2), "{registers:?}");
}
