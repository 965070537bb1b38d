//! Conformance: the terms of office of the regional heads (issue 14 point 4) on whichever
//! backend `SIKERJA_TEST_DATABASE_URL` selects — one person per office at a time, a term ended
//! and followed the next day, the Bupati acting in the Keputusan Bupati lane only during a
//! term (PEN-12, PEN-15), a vacant office shown with its rule, every change audited.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::Utc;
use common::workflow::{World, involvement, step};
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, MemberRole};
use sikerja_domain::audit::AuditAction;
use sikerja_domain::planning::target::Execution;
use sikerja_domain::regional_heads::{RegionalOffice, TermStatus};
use sikerja_domain::workflow::LetterKind;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{AssignmentInput, AuditActor, LegalBasis, NewTerm, StorageError};

fn d(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn today() -> Day {
    let local = (Utc::now() + chrono::TimeDelta::hours(8)).date_naive();
    d(&local.format("%Y-%m-%d").to_string())
}

fn bupati(name: &str, username: &str, from: Day, until: Option<Day>) -> NewTerm {
    NewTerm {
        office: RegionalOffice::Regent,
        title: "Bupati Banjar".into(),
        name: name.into(),
        username: username.into(),
        from,
        until,
        basis: LegalBasis {
            number: "100.2.1.3-1234 Tahun 2021".into(),
            date: d("2021-02-20"),
        },
    }
}

fn code_of<T: std::fmt::Debug>(r: Result<T, StorageError>) -> &'static str {
    r.unwrap_err().code()
}

#[tokio::test]
async fn one_bupati_at_a_time_an_overlap_is_refused_and_the_next_term_starts_the_day_after() {
    let w = World::without_regional_head(|_| {}).await;
    let admin = AuditActor::new("Admin BKPSDM");
    let first = w
        .store
        .add_regional_head_term(
            w.agency,
            &bupati("H. Saidi Mansyur", "saidi", d("2021-02-26"), None),
            &admin,
        )
        .await
        .unwrap();
    assert!(first.new_account);
    // The successor while the first term is open: refused, nothing written.
    let before = w.store.audit_rows().await.unwrap().len();
    let next = bupati("H. Andin Sofyanoor", "andin", d("2026-02-26"), None);
    let refused = w
        .store
        .add_regional_head_term(w.agency, &next, &admin)
        .await;
    let err = refused.unwrap_err();
    assert_eq!(err.code(), "term_overlaps");
    assert!(
        err.to_string().contains("paling lambat 25 Februari 2026"),
        "{err}"
    );
    assert_eq!(w.store.audit_rows().await.unwrap().len(), before);
    // A Wali Kota is the same office as a Bupati: refused too; a Wakil Bupati is another one.
    let mut mayor = next.clone();
    mayor.office = RegionalOffice::Mayor;
    assert_eq!(
        code_of(
            w.store
                .add_regional_head_term(w.agency, &mayor, &admin)
                .await
        ),
        "term_overlaps"
    );
    let mut governor = next.clone();
    governor.office = RegionalOffice::Governor;
    assert_eq!(
        code_of(
            w.store
                .add_regional_head_term(w.agency, &governor, &admin)
                .await
        ),
        "regional_office_not_of_agency"
    );
    // Ended the day before the successor starts: the normal case.
    let basis = LegalBasis {
        number: "100.2.1.3-999 Tahun 2026".into(),
        date: d("2026-02-20"),
    };
    assert_eq!(
        code_of(
            w.store
                .end_regional_head_term(w.agency, first.term, d("2020-01-01"), None, &admin)
                .await
        ),
        "term_ends_before_start"
    );
    w.store
        .end_regional_head_term(w.agency, first.term, d("2026-02-25"), Some(&basis), &admin)
        .await
        .unwrap();
    assert_eq!(
        code_of(
            w.store
                .end_regional_head_term(w.agency, first.term, d("2026-02-26"), None, &admin)
                .await
        ),
        "term_already_ended"
    );
    let second = w
        .store
        .add_regional_head_term(w.agency, &next, &admin)
        .await
        .unwrap();
    assert_ne!(second.account, first.account);
    let terms = w
        .store
        .regional_head_terms(w.agency, d("2026-03-01"))
        .await
        .unwrap();
    assert_eq!(terms.len(), 2);
    assert_eq!(terms[0].name, "H. Andin Sofyanoor");
    assert_eq!(terms[0].status, TermStatus::InOffice);
    assert_eq!(terms[1].status, TermStatus::Ended);
    assert_eq!(terms[1].end_basis.as_ref(), Some(&basis));
    // A username of another agency's account is refused.
    w.second_agency().await;
    let tala = w.store.agency_by_code("kab-tala").await.unwrap().id;
    assert_eq!(
        code_of(
            w.store
                .add_regional_head_term(tala, &bupati("X", "andin", d("2026-02-26"), None), &admin)
                .await
        ),
        "username_taken"
    );
    // Every change has its audit row.
    let actions: Vec<String> = w
        .store
        .audit_rows()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .filter(|a| a.starts_with("regional_head."))
        .collect();
    assert_eq!(
        actions,
        [
            "regional_head.term_added",
            "regional_head.term_ended",
            "regional_head.term_added"
        ]
    );
}

#[tokio::test]
async fn a_bupati_whose_term_ended_no_longer_signs_in_nor_acts_and_a_successor_does() {
    let w = World::without_regional_head(|_| {}).await;
    let admin = AuditActor::new("Admin BKPSDM");
    let yesterday = today().add_days(-1).unwrap();
    let old = w
        .store
        .add_regional_head_term(
            w.agency,
            &bupati("H. Lama", "lama", d("2016-02-17"), Some(yesterday)),
            &admin,
        )
        .await
        .unwrap();
    let new = w
        .store
        .add_regional_head_term(w.agency, &bupati("H. Baru", "baru", today(), None), &admin)
        .await
        .unwrap();
    for account in [old.account, new.account] {
        w.store
            .set_regional_head_password(
                account,
                "$argon2id$x",
                false,
                &admin,
                AuditAction::PasswordReset,
            )
            .await
            .unwrap();
    }
    assert!(
        w.store
            .regional_head_credential("lama")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        w.store
            .regional_head_credential("BARU")
            .await
            .unwrap()
            .is_some()
    );
    let facts = w.store.regional_head_facts(old.account).await.unwrap();
    assert_eq!(facts.regional_head, None);
    let facts = w.store.regional_head_facts(new.account).await.unwrap();
    assert_eq!(facts.regional_head, Some(RegionalHeadKind::Head));
}

/// An agency imported without the demo records its Bupati and a cross-agency appointment
/// completes through the Keputusan Bupati step (PEN-12, PEN-15); before the Bupati is
/// recorded the step waits on the vacant office, named with its rule, and nobody can take it.
#[tokio::test]
async fn pen_15_a_cross_agency_appointment_waits_on_a_vacant_bupati_then_the_recorded_one_establishes_it()
 {
    let w = World::without_regional_head(|_| {}).await;
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
    // The office is vacant: the step shows it with the rule, and cannot be taken.
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.current_step.as_deref(), Some("establish"));
    let wait = view
        .waiting
        .iter()
        .find(|x| x.step == "establish")
        .expect("the vacant step is shown, not skipped");
    assert_eq!(wait.held_by, None);
    let note = wait.vacancy.as_deref().unwrap();
    assert!(note.contains("PEN-12"), "{note}");
    let someone = PlanningActor {
        employee: None,
        regional_head_of: Some(w.agency),
        audit: AuditActor::new("Bupati Banjar"),
    };
    let err = w
        .store
        .decide_step(
            request,
            &step("establish", false, "Ditetapkan"),
            &someone,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "lane_vacant");
    // The Bupati recorded (as BKPSDM would) and signed in: they establish the decree.
    let added = w
        .store
        .add_regional_head_term(
            w.agency,
            &bupati("H. Saidi Mansyur", "saidi", d("2021-02-26"), None),
            &AuditActor::new("Admin BKPSDM"),
        )
        .await
        .unwrap();
    let facts = w.store.regional_head_facts(added.account).await.unwrap();
    let by = PlanningActor {
        employee: None,
        regional_head_of: facts
            .regional_head
            .filter(|k| *k == RegionalHeadKind::Head)
            .and(facts.agency),
        audit: AuditActor::new("H. Saidi Mansyur (akun saidi)"),
    };
    let view = w.store.assignment_request(request).await.unwrap();
    // The step that waited on the vacancy now waits on them, in their inbox too.
    let wait = view.waiting.iter().find(|x| x.step == "establish").unwrap();
    assert_eq!(wait.vacancy, None);
    assert_eq!(wait.held_by.as_deref(), Some("H. Saidi Mansyur"));
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
