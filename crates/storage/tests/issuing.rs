//! Conformance: issuing the letters the workflows recorded (issue 6; DOC-05, DOC-06) on
//! whichever backend `SIKERJA_TEST_DATABASE_URL` selects: numbers from the issuer's register,
//! never reused nor skipped (also when issued at once), a cancelled number kept, the files
//! stored as issued with their SHA-256, only the signer issues.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::{Datelike, Utc};
use common::workflow::World;
use sikerja_domain::workflow::LetterKind;
use sikerja_domain::workflow::LetterStatus;
use sikerja_storage::{
    AuditActor, IssueFacts, LetterFile, LetterheadInput, RegisterSetting, RenderedFiles,
};

/// A stand-in for the letters crate: files that name the number and the verification code.
async fn render(facts: IssueFacts) -> Result<RenderedFiles, String> {
    let number = facts.number.clone().unwrap_or_default();
    let code = facts.verify_code.clone().unwrap_or_default();
    Ok(RenderedFiles {
        pdf: format!("%PDF-1.7 {number} {code} {}", facts.content.subject).into_bytes(),
        docx: format!("PK {number} {}", facts.letterhead.lines.join("|")).into_bytes(),
    })
}

/// A started cross-unit request and the id of its *surat permohonan pelibatan*, signed by the
/// Kepala Dinas Kesehatan.
async fn request_letter(w: &World) -> i64 {
    let id = w.cross_unit_team().await;
    let request = w.request_involvement_draft(id).await;
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.letters[0].kind, LetterKind::InvolvementRequest);
    view.letters[0].id
}

fn year() -> i32 {
    Utc::now().year()
}

#[tokio::test]
async fn doc_05_doc_06_a_letter_is_issued_once_with_the_next_number_and_stored_as_issued() {
    let w = World::new().await;
    let letter = request_letter(&w).await;
    let kadis = w.actor(&w.d.kadis).await;
    let issued = w.store.issue_letter(letter, &kadis, render).await.unwrap();
    // The default pattern: classification / sequence / issuing unit / year.
    assert_eq!(
        issued.number,
        format!("800.1.11/1/{}/{}", "DINKES", year()),
        "{issued:?}"
    );
    assert_eq!(issued.status, LetterStatus::Issued);
    assert_eq!(issued.signer_position, "Kepala Dinas Kesehatan");
    assert_eq!(i32::from(issued.date.year()), year());
    assert_eq!(issued.verify_code.len(), 20);
    assert_eq!(issued.content_sha256.len(), 64);
    // Stored exactly as rendered, with their SHA-256.
    let pdf = w
        .store
        .issued_file(issued.id, LetterFile::Pdf)
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(String::from_utf8_lossy(&pdf).contains(&issued.number));
    assert!(String::from_utf8_lossy(&pdf).contains(&issued.verify_code));
    assert_eq!(issued.pdf_sha256.len(), 64);
    assert_ne!(issued.pdf_sha256, issued.docx_sha256);
    let docx = w
        .store
        .issued_file(issued.id, LetterFile::Docx)
        .await
        .unwrap();
    // The letterhead of the signer's department, derived from the organisation.
    assert!(
        String::from_utf8_lossy(&docx).contains("DINAS KESEHATAN"),
        "{}",
        String::from_utf8_lossy(&docx)
    );
    // Verification by the code printed on the letter.
    let verified = w.store.verify_letter(&issued.verify_code).await.unwrap();
    assert_eq!(verified.number, issued.number);
    assert_eq!(verified.pdf_sha256, issued.pdf_sha256);
    assert_eq!(
        w.store.verify_letter("TIDAKADA").await.unwrap_err().code(),
        "not_found"
    );
    // Issued once.
    let again = w
        .store
        .issue_letter(letter, &kadis, render)
        .await
        .unwrap_err();
    assert_eq!(again.code(), "already_issued");
    assert!(again.to_string().contains(&issued.number), "{again}");
    // The next letter of the register takes the next number.
    let second = request_letter(&w).await;
    let next = w.store.issue_letter(second, &kadis, render).await.unwrap();
    assert_eq!(next.number, format!("800.1.11/2/DINKES/{}", year()));
}

#[tokio::test]
async fn doc_05_only_the_signer_issues_and_a_failed_rendering_takes_no_number() {
    let w = World::new().await;
    let letter = request_letter(&w).await;
    let kabid = w.actor(&w.d.kabid).await;
    let err = w
        .store
        .issue_letter(letter, &kabid, render)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_the_signer");
    assert!(err.to_string().contains("DOC-05"), "{err}");
    let kadis = w.actor(&w.d.kadis).await;
    let failed = w
        .store
        .issue_letter(letter, &kadis, |_| async {
            Err("mesin PDF mati".to_string())
        })
        .await
        .unwrap_err();
    assert_eq!(failed.code(), "render_failed");
    let issued = w.store.issue_letter(letter, &kadis, render).await.unwrap();
    assert_eq!(issued.number, format!("800.1.11/1/DINKES/{}", year()));
    let registers = w.store.letter_registers(w.agency).await.unwrap();
    assert_eq!(registers.len(), 1);
    assert_eq!(registers[0].numbers.len(), 1, "{:?}", registers[0].numbers);
    assert_eq!(registers[0].next_seq, 2);
}

#[tokio::test]
async fn doc_05_a_cancelled_number_stays_cancelled_and_the_reissue_takes_a_new_one() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let letter = request_letter(&w).await;
    let first = w.store.issue_letter(letter, &kadis, render).await.unwrap();
    let blank = w
        .store
        .cancel_issued_letter(first.id, " ", &kadis)
        .await
        .unwrap_err();
    assert_eq!(blank.code(), "cancel_reason_blank");
    let cancelled = w
        .store
        .cancel_issued_letter(first.id, "Salah alamat", &kadis)
        .await
        .unwrap();
    assert_eq!(cancelled.status, LetterStatus::Cancelled);
    assert_eq!(cancelled.cancel_reason, "Salah alamat");
    // The verification page says so.
    assert_eq!(
        w.store
            .verify_letter(&first.verify_code)
            .await
            .unwrap()
            .status,
        LetterStatus::Cancelled
    );
    let reissued = w.store.issue_letter(letter, &kadis, render).await.unwrap();
    assert_eq!(reissued.number, format!("800.1.11/2/DINKES/{}", year()));
    let register = &w.store.letter_registers(w.agency).await.unwrap()[0];
    let lines: Vec<(i64, LetterStatus)> =
        register.numbers.iter().map(|n| (n.seq, n.status)).collect();
    assert_eq!(
        lines,
        vec![(1, LetterStatus::Cancelled), (2, LetterStatus::Issued)]
    );
    assert_eq!(register.numbers[0].note, "Salah alamat");
    assert_eq!(w.store.issues_of_letter(letter).await.unwrap().len(), 2);
}

#[tokio::test]
async fn doc_05_the_register_pattern_and_letterhead_are_settings_of_the_agency() {
    let w = World::new().await;
    let hr = AuditActor::new("Admin BKPSDM");
    let department = w
        .store
        .load_organisation(w.agency)
        .await
        .unwrap()
        .units
        .iter()
        .find(|u| u.id == w.root)
        .unwrap()
        .department;
    let bad = RegisterSetting {
        agency: w.agency,
        department: Some(department),
        kind: LetterKind::InvolvementRequest.into(),
        year: year(),
        classification: "000.1.2".into(),
        unit_code: "DINKES".into(),
        pattern: "{classification}/{unit}/{year}".into(),
    };
    let err = w.store.set_letter_register(&bad, &hr).await.unwrap_err();
    assert_eq!(err.code(), "register_pattern_without_seq");
    let good = RegisterSetting {
        pattern: "{classification}/{seq}/{unit}-RJK/{year}".into(),
        ..bad
    };
    w.store.set_letter_register(&good, &hr).await.unwrap();
    w.store
        .set_letterhead(
            w.agency,
            Some(department),
            &LetterheadInput {
                lines: vec![
                    "PEMERINTAH KABUPATEN BANJAR".into(),
                    "DINAS KESEHATAN".into(),
                ],
                address: "Jalan Sekumpul No. 1, Martapura".into(),
                contacts: vec!["Telepon (0511) 4721111".into()],
                logo: None,
            },
            &hr,
        )
        .await
        .unwrap();
    let kadis = w.actor(&w.d.kadis).await;
    let letter = request_letter(&w).await;
    let issued = w.store.issue_letter(letter, &kadis, render).await.unwrap();
    assert_eq!(issued.number, format!("000.1.2/1/DINKES-RJK/{}", year()));
    let docx = w
        .store
        .issued_file(issued.id, LetterFile::Docx)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&docx).contains("PEMERINTAH KABUPATEN BANJAR|DINAS KESEHATAN"));
    let logo = w
        .store
        .set_letterhead(
            w.agency,
            None,
            &LetterheadInput {
                lines: vec!["X".into()],
                logo: Some(b"GIF89a".to_vec()),
                ..LetterheadInput::default()
            },
            &hr,
        )
        .await
        .unwrap_err();
    assert_eq!(logo.code(), "letterhead_logo_not_png");
}

#[tokio::test]
async fn doc_05_letters_issued_at_once_take_consecutive_numbers_without_gaps() {
    let w = World::new().await;
    // Three requests: PEN-05/06 allow a person three team assignments a year.
    let mut letters = Vec::new();
    for _ in 0..3 {
        letters.push(request_letter(&w).await);
    }
    let kadis = w.actor(&w.d.kadis).await;
    let mut tasks = Vec::new();
    for letter in letters {
        let store = w.store.clone();
        let kadis = kadis.clone();
        tasks.push(tokio::spawn(async move {
            store.issue_letter(letter, &kadis, render).await
        }));
    }
    let mut seqs = Vec::new();
    for t in tasks {
        let issued = t.await.unwrap().unwrap();
        let seq: i64 = issued.number.split('/').nth(1).unwrap().parse().unwrap();
        seqs.push(seq);
    }
    seqs.sort_unstable();
    assert_eq!(seqs, vec![1, 2, 3]);
}

#[tokio::test]
async fn doc_05_a_plt_issues_as_plt_of_the_position_that_signs() {
    // The Kepala Bidang is also Plt. Kepala Dinas (ORG-05).
    let w = World::new_with(|d| {
        let kabid = d.kabid.clone();
        d.builder
            .acting(&kabid, "kadis", sikerja_domain::org::ActingKind::Plt);
    })
    .await;
    let letter = request_letter(&w).await;
    let plt = w.actor(&w.d.kabid).await;
    let issued = w.store.issue_letter(letter, &plt, render).await.unwrap();
    assert_eq!(issued.signer_position, "Plt. Kepala Dinas Kesehatan");
    assert_eq!(issued.signer_name, "Ahmad Fauzi, S.E.", "{issued:?}");
}

#[tokio::test]
async fn doc_05_fifty_parallel_cancels_decide_once_and_the_others_hear_already_cancelled() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let letter = request_letter(&w).await;
    let issued = w.store.issue_letter(letter, &kadis, render).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..50 {
        let store = w.store.clone();
        let kadis = kadis.clone();
        tasks.push(tokio::spawn(async move {
            let reason = format!("Alasan nomor {i}");
            let outcome = store.cancel_issued_letter(issued.id, &reason, &kadis).await;
            (reason, outcome)
        }));
    }
    let mut winners = Vec::new();
    for t in tasks {
        let (reason, outcome) = t.await.unwrap();
        match outcome {
            Ok(view) => winners.push((reason, view)),
            Err(e) => assert_eq!(e.code(), "already_cancelled", "{e}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one cancel succeeds");
    let (reason, view) = &winners[0];
    assert_eq!(&view.cancel_reason, reason);
    let stored = w.store.issued_letter(issued.id).await.unwrap();
    assert_eq!(stored.status, LetterStatus::Cancelled);
    assert_eq!(&stored.cancel_reason, reason);
    let audit = w
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::IssuedLetter,
            &issued.id.to_string(),
        )
        .await
        .unwrap();
    let cancels: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "letter.cancel")
        .collect();
    assert_eq!(cancels.len(), 1, "one audit row for the one decision");
    let summary: serde_json::Value = serde_json::from_str(&cancels[0].summary).unwrap();
    assert_eq!(summary["reason"], serde_json::json!(reason));
}

/// The department with this code in the test agency.
async fn department_of(w: &World, code: &str) -> sikerja_domain::organisation::DepartmentId {
    w.store
        .departments(Some(w.agency))
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.department.code == code)
        .unwrap()
        .department
        .id
}

/// A register setting with the Diskominfostat codes of issue 12's report.
fn diskominfostat(
    w: &World,
    department: sikerja_domain::organisation::DepartmentId,
    kind: LetterKind,
    pattern: &str,
) -> RegisterSetting {
    RegisterSetting {
        agency: w.agency,
        department: Some(department),
        kind: kind.into(),
        year: year(),
        classification: "800.1.11".into(),
        unit_code: "DISKOMINFOSTAT".into(),
        pattern: pattern.into(),
    }
}

/// A refused involvement request: its answer letter, signed by the Kepala Bappeda.
async fn answer_letter(w: &World) -> i64 {
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    w.store
        .decide_step(
            request,
            &common::workflow::step("ppk_decision", true, "Perencana sedang menyusun RKPD"),
            &w.actor(&w.ka_bappeda).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let view = w.store.assignment_request(request).await.unwrap();
    let answer = view.letters.last().unwrap();
    assert_eq!(answer.kind, LetterKind::InvolvementAnswer);
    answer.id
}

#[tokio::test]
async fn doc_05_two_registers_writing_the_same_numbers_share_one_sequence() {
    // Issue 12: two registers with the same pattern and codes both gave
    // 800.1.11/1/DISKOMINFOSTAT/2026. Here two kinds of letter of two issuers are set to the
    // same codes and pattern: one sequence, so the second letter is number 2.
    let w = World::new().await;
    let hr = AuditActor::new("Arsiparis");
    let pattern = "{classification}/{seq}/{unit}/{year}";
    let dinkes = department_of(&w, "dinkes").await;
    let bappeda = department_of(&w, "bappeda").await;
    for (department, kind) in [
        (dinkes, LetterKind::InvolvementRequest),
        (bappeda, LetterKind::InvolvementAnswer),
    ] {
        w.store
            .set_letter_register(&diskominfostat(&w, department, kind, pattern), &hr)
            .await
            .unwrap();
    }
    // The answered request was issued first (issue 15 point 4: answered once issued): number 1.
    let answer = answer_letter(&w).await;
    let request = request_letter(&w).await;
    let first = w
        .store
        .issue_letter(request, &w.actor(&w.d.kadis).await, render)
        .await
        .unwrap();
    let second = w
        .store
        .issue_letter(answer, &w.actor(&w.ka_bappeda).await, render)
        .await
        .unwrap();
    assert_eq!(
        first.number,
        format!("800.1.11/2/DISKOMINFOSTAT/{}", year())
    );
    assert_eq!(
        second.number,
        format!("800.1.11/3/DISKOMINFOSTAT/{}", year())
    );
    // Both registers show the shared sequence's next number.
    let registers = w.store.letter_registers(w.agency).await.unwrap();
    assert_eq!(registers.len(), 2);
    assert!(registers.iter().all(|r| r.next_seq == 4), "{registers:?}");
}

#[tokio::test]
async fn doc_05_a_register_that_could_write_another_registers_numbers_is_refused() {
    let w = World::new().await;
    let hr = AuditActor::new("Arsiparis");
    let dinkes = department_of(&w, "dinkes").await;
    let bappeda = department_of(&w, "bappeda").await;
    w.store
        .set_letter_register(
            &diskominfostat(
                &w,
                dinkes,
                LetterKind::InvolvementRequest,
                "{classification}/{seq}/{unit}/{year}",
            ),
            &hr,
        )
        .await
        .unwrap();
    // Sequence 11 of the first and sequence 1 of this one are the same text.
    let err = w
        .store
        .set_letter_register(
            &diskominfostat(
                &w,
                bappeda,
                LetterKind::InvolvementAnswer,
                "{classification}/1{seq}/{unit}/{year}",
            ),
            &hr,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "register_overlap");
    let message = err.to_string();
    assert!(
        message.contains(&format!("800.1.11/11/DISKOMINFOSTAT/{}", year())),
        "{message}"
    );
    assert!(message.contains("DOC-05"), "{message}");
    // Nothing changed: the refused register was not kept.
    assert_eq!(w.store.letter_registers(w.agency).await.unwrap().len(), 1);
    // A distinct part in the pattern keeps the two apart.
    w.store
        .set_letter_register(
            &diskominfostat(
                &w,
                bappeda,
                LetterKind::InvolvementAnswer,
                "{classification}/{seq}/JWB/{unit}/{year}",
            ),
            &hr,
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn doc_05_the_database_refuses_a_number_the_agency_already_gave() {
    let w = World::new().await;
    let letter = request_letter(&w).await;
    w.store
        .issue_letter(letter, &w.actor(&w.d.kadis).await, render)
        .await
        .unwrap();
    // A second row with the same number text, written past the application.
    let err = w
        .store
        .execute_sql(
            "INSERT INTO letter_numbers (register_id, agency_id, seq, number, status, note, at, by_label) \
             SELECT register_id, agency_id, seq + 100, number, status, note, at, by_label FROM letter_numbers",
        )
        .await
        .unwrap_err();
    let text = err.to_string().to_lowercase();
    assert!(text.contains("unique"), "{text}");
}

#[tokio::test]
async fn doc_05_numbers_given_twice_before_the_upgrade_are_reported_and_kept() {
    let at = "'2026-01-05 08:00:00+00:00'";
    let agency = format!(
        "INSERT INTO agencies (id, code, name, kind, seat, address, assessor_policy, span_threshold, escalation_hours, created_at, updated_at) \
         VALUES (1, 'kab-uji', 'Kabupaten Uji', 'regional_government', 'Martapura', 'Jl. A. Yani', 'assessor', 5, 72, {at}, {at})"
    );
    let registers = format!(
        "INSERT INTO letter_registers (id, agency_id, department_id, kind, year, classification, unit_code, pattern, next_seq, updated_at) VALUES \
         (1, 1, 7, 'assignment_letter', 2026, '800.1.11', 'DISKOMINFOSTAT', '{{classification}}/{{seq}}/{{unit}}/{{year}}', 2, {at}), \
         (2, 1, 7, 'surat_tugas', 2026, '800.1.11', 'DISKOMINFOSTAT', '{{classification}}/{{seq}}/{{unit}}/{{year}}', 2, {at})"
    );
    let numbers = format!(
        "INSERT INTO letter_numbers (id, register_id, seq, number, status, note, at, by_label) VALUES \
         (1, 1, 1, '800.1.11/1/DISKOMINFOSTAT/2026', 'issued', '', {at}, 'Kadis'), \
         (2, 2, 1, '800.1.11/1/DISKOMINFOSTAT/2026', 'issued', '', {at}, 'Kadis')"
    );
    let store =
        sikerja_storage::testing::fresh_store_upgraded_from(12, &[&agency, &registers, &numbers])
            .await;
    let duplicates = store.letter_number_duplicates(None).await.unwrap();
    assert_eq!(duplicates.len(), 1, "{duplicates:?}");
    assert_eq!(duplicates[0].number, "800.1.11/1/DISKOMINFOSTAT/2026");
    let registers: Vec<i64> = duplicates[0].copies.iter().map(|c| c.register).collect();
    assert_eq!(registers, [1, 2], "both copies kept, not renumbered");
    // The shared sequence goes on after them.
    let views = store
        .letter_registers(sikerja_domain::organisation::AgencyId(1))
        .await
        .unwrap();
    assert!(views.iter().all(|r| r.next_seq == 2), "{views:?}");
    // And a third copy is refused by the index.
    let err = store
        .execute_sql(&format!(
            "INSERT INTO letter_numbers (id, register_id, agency_id, seq, number, status, note, at, by_label) \
             VALUES (99, 1, 1, 5, '800.1.11/1/DISKOMINFOSTAT/2026', 'issued', '', {at}, 'Kadis')"
        ))
        .await
        .unwrap_err();
    assert!(err.to_string().to_lowercase().contains("unique"), "{err}");
}
