//! Conformance: the regional heads in the agency import (issue 14 point 4) on whichever
//! backend `SIKERJA_TEST_DATABASE_URL` selects — an agency imported without the demo gets its
//! Bupati from the file (an account without a password, the term with its decree) and a
//! cross-agency appointment completes through the Keputusan Bupati step (PEN-12, PEN-15);
//! re-importing the export changes nothing; a term that shares a day with a recorded one, or a
//! username of another agency, refuses the whole import with every problem and saves nothing.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::Builder;
use common::workflow::{World, involvement, step, with_setda};
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, MemberRole};
use sikerja_domain::bundle::RegionalHeadRecord;
use sikerja_domain::planning::target::Execution;
use sikerja_domain::regional_heads::{RegionalOffice, TermStatus};
use sikerja_domain::workflow::LetterKind;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{AssignmentInput, AuditActor};

fn d(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn head(office: RegionalOffice, name: &str, username: &str, from: &str) -> RegionalHeadRecord {
    RegionalHeadRecord {
        office,
        title: String::new(),
        name: name.into(),
        username: username.into(),
        from: Some(d(from)),
        until: None,
        basis_number: Some("100.2.1.3-1234 Tahun 2021".into()),
        basis_date: Some(d("2021-02-20")),
        end_basis_number: None,
        end_basis_date: None,
    }
}

fn file_heads() -> Vec<RegionalHeadRecord> {
    let mut bupati = head(
        RegionalOffice::Regent,
        "H. Saidi Mansyur",
        "saidi",
        "2021-02-26",
    );
    bupati.title = "Bupati Banjar".into();
    vec![
        bupati,
        head(
            RegionalOffice::ViceRegent,
            "H. Said Idrus",
            "wabup",
            "2021-02-26",
        ),
    ]
}

#[tokio::test]
async fn pen_12_the_heads_of_the_file_are_recorded_without_a_password_and_exported_back() {
    let w = World::imported(|_| {}, file_heads()).await;
    let terms = w
        .store
        .regional_head_terms(w.agency, d("2026-03-01"))
        .await
        .unwrap();
    let seen: Vec<_> = terms
        .iter()
        .map(|t| {
            (
                t.office,
                t.title.as_str(),
                t.name.as_str(),
                t.username.as_str(),
                t.has_password,
                t.status,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                RegionalOffice::Regent,
                "Bupati Banjar",
                "H. Saidi Mansyur",
                "saidi",
                false,
                TermStatus::InOffice
            ),
            (
                RegionalOffice::ViceRegent,
                "Wakil Bupati",
                "H. Said Idrus",
                "wabup",
                false,
                TermStatus::InOffice
            ),
        ]
    );
    assert_eq!(
        terms[0].basis.as_ref().unwrap().number,
        "100.2.1.3-1234 Tahun 2021"
    );
    // No password in the file: the account cannot sign in until the admin sets one.
    assert!(
        w.store
            .regional_head_credential("saidi")
            .await
            .unwrap()
            .is_none()
    );
    let exported = w.store.export_agency(w.agency).await.unwrap();
    assert_eq!(exported.regional_heads, file_heads());
    // Re-importing the export records nothing new and changes no term.
    let again = w.store.import_agency(&exported, "tester").await.unwrap();
    assert_eq!(
        (
            again.regional_head_terms_added,
            again.regional_head_terms_updated
        ),
        (0, 0)
    );
    // The file ends the Bupati's term: the stored term follows it, no second term is made.
    let mut ended = exported.clone();
    ended.regional_heads[0].until = Some(d("2026-02-25"));
    ended.regional_heads[0].end_basis_number = Some("100.2.1.3-99 Tahun 2026".into());
    ended.regional_heads[0].end_basis_date = Some(d("2026-02-20"));
    ended.regional_heads.push(head(
        RegionalOffice::Regent,
        "Hj. Rina",
        "rina",
        "2026-02-26",
    ));
    let summary = w.store.import_agency(&ended, "tester").await.unwrap();
    assert_eq!(
        (
            summary.regional_head_terms_added,
            summary.regional_head_terms_updated
        ),
        (1, 1)
    );
    let exported = w.store.export_agency(w.agency).await.unwrap();
    assert_eq!(exported.regional_heads, ended.regional_heads);
}

#[tokio::test]
async fn pen_12_a_file_without_heads_keeps_them_and_a_clash_with_a_recorded_term_saves_nothing() {
    let w = World::imported(|_| {}, file_heads()).await;
    let mut bundle = w.store.export_agency(w.agency).await.unwrap();
    let heads = std::mem::take(&mut bundle.regional_heads);
    w.store.import_agency(&bundle, "tester").await.unwrap();
    assert_eq!(
        w.store
            .export_agency(w.agency)
            .await
            .unwrap()
            .regional_heads,
        heads,
        "a file without the list leaves the recorded terms"
    );
    // A new Bupati from 2024 while the recorded one (not in the file) is still open, and a
    // username of another agency's account: both listed, nothing saved.
    let mut tala = Builder::new("kab-tala").nips_from(900);
    with_setda(&mut tala);
    let mut tala = tala.build();
    tala.regional_heads = vec![head(
        RegionalOffice::Regent,
        "H. Tala",
        "tala",
        "2021-02-26",
    )];
    w.store.import_agency(&tala, "tester").await.unwrap();
    bundle.departments[0].name = "Dinas Kesehatan (diubah)".into();
    bundle.regional_heads = vec![
        head(RegionalOffice::Regent, "H. Baru", "baru", "2024-01-01"),
        head(
            RegionalOffice::ViceRegent,
            "H. Said Idrus",
            "tala",
            "2021-02-26",
        ),
    ];
    let e = w.store.import_agency(&bundle, "tester").await.unwrap_err();
    assert_eq!(e.code(), "term_overlaps");
    let message = e.to_string();
    assert!(message.contains("Kepala Daerah ke-1"), "{message}");
    assert!(message.contains("H. Saidi Mansyur"), "{message}");
    assert!(
        message.contains("paling lambat 31 Desember 2023"),
        "{message}"
    );
    assert!(
        message.contains("Kepala Daerah ke-2")
            && message.contains("\"tala\" sudah dipakai akun instansi lain"),
        "{message}"
    );
    let now = w.store.export_agency(w.agency).await.unwrap();
    assert_eq!(now.departments[0].name, "Dinas Kesehatan", "nothing saved");
    assert_eq!(now.regional_heads, heads);
}

/// An agency imported without the demo, its Bupati from the file: a cross-agency appointment
/// completes through the Keputusan Bupati step (PEN-12, PEN-15) once the admin has set the
/// Bupati's password.
#[tokio::test]
async fn pen_15_an_agency_imported_with_its_bupati_completes_a_cross_agency_appointment() {
    let w = World::imported(|_| {}, file_heads()).await;
    let (sekda_tala, kadis_tala, epid) = w.second_agency().await;
    let kadis = w.actor(&w.d.kadis).await;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: w.root,
            owner_agency: w.agency,
            method: AssignmentMethod::Appointment,
            members: vec![
                w.member(&w.d.ahli_muda, MemberRole::TeamLead).await,
                w.member(&epid, MemberRole::Member).await,
            ],
            responsible_official: None,
            field: "Kesehatan".into(),
            team_lead_reason: Some("Menguasai data".into()),
        },
        title: "Tim Surveilans Lintas Daerah".into(),
        target: None,
    };
    let id = w.store.create_assignment(&input, &kadis).await.unwrap();
    let request = w
        .store
        .start_request(
            id,
            &involvement(),
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    // Issue 15 point 4: the request is answered once issued.
    w.issue_request_letter(request, &kadis).await;
    let sekda = w.actor(&w.sekda).await;
    let sekda_tala = w.actor(&sekda_tala).await;
    let kadis_tala = w.actor(&kadis_tala).await;
    let takes: [(&str, &PlanningActor); 6] = [
        ("owner_authority_decision", &sekda),
        ("target_authority_decision", &sekda_tala),
        ("head_recommendation", &kadis_tala),
        ("ppk_answer", &kadis_tala),
        ("target_authority_answer", &sekda_tala),
        ("issue", &kadis_tala),
    ];
    for (s, by) in takes {
        w.store
            .decide_step(
                request,
                &step(s, false, "Setuju"),
                by,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap_or_else(|e| panic!("{s}: {e:?}"));
    }
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.current_step.as_deref(), Some("establish"));
    let wait = view.waiting.iter().find(|x| x.step == "establish").unwrap();
    assert_eq!(wait.vacancy, None);
    assert_eq!(wait.held_by.as_deref(), Some("H. Saidi Mansyur"));
    let account = w
        .store
        .regional_head_terms(w.agency, d("2026-03-01"))
        .await
        .unwrap()[0]
        .account;
    w.store
        .set_regional_head_password(
            account,
            "$argon2id$x",
            true,
            &AuditActor::new("Admin BKPSDM"),
            sikerja_domain::audit::AuditAction::PasswordReset,
        )
        .await
        .unwrap();
    let credential = w
        .store
        .regional_head_credential("SAIDI")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(credential.kind, RegionalHeadKind::Head);
    let facts = w.store.regional_head_facts(credential.id).await.unwrap();
    let by = PlanningActor {
        employee: None,
        regional_head_of: facts
            .regional_head
            .filter(|k| *k == RegionalHeadKind::Head)
            .and(facts.agency),
        audit: AuditActor::new("H. Saidi Mansyur (akun saidi)"),
    };
    let inbox = w.store.inbox(&by).await.unwrap();
    assert!(
        inbox
            .iter()
            .any(|i| i.request == request && i.step == "establish")
    );
    w.store
        .decide_step(
            request,
            &step("establish", false, "Ditetapkan"),
            &by,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.current_step.as_deref(), Some("receive"));
    assert_eq!(view.letters.last().unwrap().kind, LetterKind::RegentDecree);
}

/// The preview of the web upload (issue 14 point 3): the whole import runs and is rolled back
/// — what it would do is answered, its refusals (the database's own checks included) are the
/// import's, and nothing is written, not even an audit row.
#[tokio::test]
async fn pen_12_a_preview_of_an_import_answers_what_it_would_do_and_writes_nothing() {
    let w = World::imported(|_| {}, file_heads()).await;
    let before = w.store.export_agency(w.agency).await.unwrap();
    let audit_before = w
        .store
        .audit_entries(&sikerja_storage::AuditFilter::default())
        .await
        .unwrap()
        .total;
    let mut next = before.clone();
    next.departments[0].name = "Dinas Kesehatan Kabupaten".into();
    next.regional_heads[0].until = Some(d("2026-02-25"));
    next.regional_heads.push(head(
        RegionalOffice::Regent,
        "Hj. Rina",
        "rina",
        "2026-02-26",
    ));
    let summary = w.store.preview_import(&next, "tester").await.unwrap();
    assert_eq!(
        (
            summary.regional_head_terms_added,
            summary.regional_head_terms_updated
        ),
        (1, 1)
    );
    assert_eq!(w.store.export_agency(w.agency).await.unwrap(), before);
    // A term clashing with the recorded one: the import's refusal, nothing written.
    next.regional_heads[0].until = None;
    let e = w.store.preview_import(&next, "tester").await.unwrap_err();
    assert_eq!(e.code(), "term_overlaps");
    assert_eq!(w.store.export_agency(w.agency).await.unwrap(), before);
    let audit_after = w
        .store
        .audit_entries(&sikerja_storage::AuditFilter::default())
        .await
        .unwrap()
        .total;
    assert_eq!(audit_after, audit_before);
}
