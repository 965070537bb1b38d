//! Conformance: issuing the letters the workflows recorded (issue 6; DOC-05, DOC-06) on
//! whichever backend `SIKERJA_TEST_DATABASE_URL` selects: numbers from the issuer's register,
//! never reused nor skipped (also when issued at once), a cancelled number kept, the files
//! stored as issued with their SHA-256, only the signer issues.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::{Datelike, Utc};
use common::workflow::World;
use sikerja_domain::workflow::LetterKind;
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
    let request = w.request_involvement(id).await;
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
    assert_eq!(issued.status, "issued");
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
    assert_eq!(blank.code(), "reasons_required");
    let cancelled = w
        .store
        .cancel_issued_letter(first.id, "Salah alamat", &kadis)
        .await
        .unwrap();
    assert_eq!(cancelled.status, "cancelled");
    assert_eq!(cancelled.cancel_reason, "Salah alamat");
    // The verification page says so.
    assert_eq!(
        w.store
            .verify_letter(&first.verify_code)
            .await
            .unwrap()
            .status,
        "cancelled"
    );
    let reissued = w.store.issue_letter(letter, &kadis, render).await.unwrap();
    assert_eq!(reissued.number, format!("800.1.11/2/DINKES/{}", year()));
    let register = &w.store.letter_registers(w.agency).await.unwrap()[0];
    let lines: Vec<(i64, &str)> = register
        .numbers
        .iter()
        .map(|n| (n.seq, n.status.as_str()))
        .collect();
    assert_eq!(lines, vec![(1, "cancelled"), (2, "issued")]);
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
        kind: LetterKind::InvolvementRequest,
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
    assert_eq!(stored.status, "cancelled");
    assert_eq!(&stored.cancel_reason, reason);
    let audit = w
        .store
        .audit_of("issued_letter", &issued.id.to_string())
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
