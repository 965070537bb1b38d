//! The content of the workflow letters (DOC-04; PEN-12..17).

use super::*;
use crate::assignment::Day;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn involvement() -> Involvement {
    Involvement {
        purpose: "Menyusun dokumen perencanaan kesehatan daerah".into(),
        competence: "Analisis data kesehatan dan penyusunan rencana".into(),
        expected_targets: "Dokumen rencana aksi tersusun tepat waktu".into(),
        duration: "6 (enam) bulan".into(),
    }
}

fn members() -> Vec<LetterMember> {
    vec![
        LetterMember {
            name: "dr. Siti Aminah, M.Kes.".into(),
            nip: "19870111 200904 2 001".into(),
            position: "Epidemiolog Kesehatan Ahli Muda".into(),
            unit: "Dinas Kesehatan".into(),
            department: "Dinas Kesehatan".into(),
            agency: String::new(),
            role: "Ketua Tim".into(),
            from: day("2025-02-01"),
            until: day("2025-07-31"),
        },
        LetterMember {
            name: "Ahmad Fauzi, S.Kom.".into(),
            nip: "19900305 201503 1 002".into(),
            position: "Pranata Komputer Ahli Pertama".into(),
            unit: "Dinas Komunikasi dan Informatika".into(),
            department: "Dinas Komunikasi dan Informatika".into(),
            agency: String::new(),
            role: "Anggota".into(),
            from: day("2025-03-01"),
            until: day("2025-07-31"),
        },
    ]
}

fn facts(workflow: WorkflowKind) -> LetterFacts {
    LetterFacts {
        workflow,
        assignment_title: "Penyusunan Rencana Aksi Kesehatan Daerah".into(),
        field: "perencanaan kesehatan".into(),
        owner_unit: "Badan Perencanaan Pembangunan Daerah".into(),
        owner_agency: "Pemerintah Kabupaten Banjar".into(),
        place: "Martapura".into(),
        date: day("2025-01-20"),
        signer: LetterParty {
            position: "Kepala Badan Perencanaan Pembangunan Daerah".into(),
            name: "Ir. H. Budi Santoso, M.T.".into(),
            nip: Some("19700101 199503 1 001".into()),
            rank: Some("Pembina Utama Muda (IV/c)".into()),
            unit: "Badan Perencanaan Pembangunan Daerah".into(),
        },
        addressees: vec!["Kepala Dinas Kesehatan".into()],
        involvement: Some(involvement()),
        members: members(),
        reasons: None,
        copies: vec!["Sekretaris Badan Perencanaan Pembangunan Daerah".into()],
        team: true,
    }
}

fn text(letter: &LetterContent) -> String {
    letter.paragraphs.join("\n")
}

fn assert_names_every_member(letter: &LetterContent) {
    let body = text(letter);
    for m in members() {
        assert!(
            body.contains(&m.name),
            "{:?} misses {}",
            letter.kind,
            m.name
        );
        assert!(body.contains(&m.nip), "{:?} misses {}", letter.kind, m.nip);
    }
    assert_eq!(letter.members, members());
}

#[test]
fn doc_04_pen_14_a_request_names_every_blank_content_at_once() {
    assert_eq!(involvement().check(), Ok(()));
    let blank = Involvement {
        purpose: "  ".into(),
        competence: String::new(),
        expected_targets: "\n\t".into(),
        duration: "3 bulan".into(),
    };
    let missing = blank.check().unwrap_err();
    let fields: Vec<&str> = missing.iter().map(|m| m.field).collect();
    assert_eq!(fields, ["purpose", "competence", "expected_targets"]);
    assert_eq!(
        missing[0].message,
        "Tujuan pelibatan wajib diisi (PEN-14, Lampiran II.B.1.b.1)."
    );
    assert!(missing.iter().all(|m| m.message.contains("wajib diisi")));
}

#[test]
fn doc_04_pen_14_a_cross_unit_request_states_the_four_contents_and_cites_pen_14() {
    let letter = compose(
        LetterKind::InvolvementRequest,
        false,
        facts(WorkflowKind::CrossUnitAppointment),
    );
    assert_eq!(letter.title, "SURAT PERMOHONAN PELIBATAN");
    assert_eq!(
        letter.subject,
        "Permohonan pelibatan pegawai dalam Penyusunan Rencana Aksi Kesehatan Daerah"
    );
    assert_eq!(letter.rule_id, "PEN-14");
    assert_eq!(letter.article, "Lampiran II.B.1.b, Gambar 1");
    assert_eq!(letter.involvement, Some(involvement()));
    let body = text(&letter);
    for line in [
        "a. Tujuan: Menyusun dokumen perencanaan kesehatan daerah;",
        "b. Kompetensi/keahlian yang dibutuhkan: Analisis data kesehatan",
        "c. Target yang diharapkan: Dokumen rencana aksi",
        "d. Jangka waktu: 6 (enam) bulan.",
    ] {
        assert!(body.contains(line), "missing {line:?} in {body}");
    }
    assert!(body.contains("Tim Kerja Penyusunan Rencana Aksi Kesehatan Daerah"));
    assert!(body.contains("Badan Perencanaan Pembangunan Daerah"));
    assert_names_every_member(&letter);
    assert_eq!(letter.approved, None);
    assert_eq!(letter.reasons, None);
    assert_eq!(letter.place, "Martapura");
    assert_eq!(letter.addressees, ["Kepala Dinas Kesehatan"]);
    assert_eq!(
        letter.copies,
        ["Sekretaris Badan Perencanaan Pembangunan Daerah"]
    );
}

#[test]
fn doc_04_pen_15_a_cross_agency_request_cites_pen_15_and_asks_to_be_forwarded() {
    let letter = compose(
        LetterKind::InvolvementRequest,
        false,
        facts(WorkflowKind::CrossAgencyAppointment),
    );
    assert_eq!(letter.rule_id, "PEN-15");
    assert_eq!(letter.article, "Lampiran II.B.1.c, Gambar 2");
    assert!(text(&letter).contains("meneruskan permohonan ini kepada Pejabat yang Berwenang"));
}

#[test]
fn doc_04_pen_14_an_approving_answer_says_bersedia_with_the_list_of_people() {
    let letter = compose(
        LetterKind::InvolvementAnswer,
        false,
        facts(WorkflowKind::CrossUnitAppointment),
    );
    assert_eq!(letter.title, "SURAT JAWABAN PERMOHONAN PELIBATAN");
    assert_eq!(letter.approved, Some(true));
    assert_eq!(letter.reasons, None);
    assert_eq!(letter.involvement, None);
    assert!(text(&letter).contains("bersedia"));
    assert_names_every_member(&letter);
}

#[test]
fn doc_04_pen_14_a_refusing_answer_carries_its_reasons_and_no_list() {
    let mut f = facts(WorkflowKind::CrossUnitAppointment);
    f.reasons = Some("Pegawai sedang melaksanakan tugas prioritas daerah".into());
    let letter = compose(LetterKind::InvolvementAnswer, true, f);
    assert_eq!(letter.title, "SURAT JAWABAN PERMOHONAN PELIBATAN");
    assert_eq!(letter.approved, Some(false));
    assert_eq!(
        letter.reasons.as_deref(),
        Some("Pegawai sedang melaksanakan tugas prioritas daerah")
    );
    assert!(letter.members.is_empty());
    let body = text(&letter);
    assert!(body.contains(
        "tidak dapat memenuhi permohonan tersebut dengan alasan: Pegawai sedang melaksanakan \
         tugas prioritas daerah."
    ));
    assert!(!body.contains("bersedia"));
}

#[test]
fn doc_04_pen_15_a_refusal_flag_changes_only_the_answer() {
    let letter = compose(
        LetterKind::AssignmentLetter,
        true,
        facts(WorkflowKind::CrossAgencyAppointment),
    );
    assert_eq!(letter.approved, None);
    assert_eq!(letter.reasons, None);
    assert_names_every_member(&letter);
}

#[test]
fn doc_04_pen_12_every_assigning_letter_names_its_people_with_full_responsibility() {
    let cases = [
        (
            LetterKind::AssignmentLetter,
            WorkflowKind::CrossUnitAppointment,
            "SURAT PENUGASAN",
            "PEN-14",
        ),
        (
            LetterKind::SuratTugas,
            WorkflowKind::WithinUnitAppointment,
            "SURAT TUGAS",
            "PEN-13",
        ),
        (
            LetterKind::SecretaryDecree,
            WorkflowKind::VolunteerCrossUnit,
            "KEPUTUSAN SEKRETARIS DAERAH",
            "PEN-17",
        ),
        (
            LetterKind::RegentDecree,
            WorkflowKind::CrossAgencyAppointment,
            "KEPUTUSAN BUPATI",
            "PEN-15",
        ),
    ];
    for (kind, workflow, title, rule) in cases {
        let letter = compose(kind, false, facts(workflow));
        assert_eq!(letter.kind, kind);
        assert_eq!(letter.title, title);
        assert_eq!(letter.rule_id, rule);
        assert_eq!(letter.approved, None);
        assert_eq!(letter.involvement, None);
        assert_names_every_member(&letter);
        let body = text(&letter);
        assert!(body.contains("penuh tanggung jawab"), "{kind:?}: {body}");
        assert!(body.contains("melaporkan hasilnya") || body.contains("Melaporkan hasilnya"));
        assert!(body.contains("1 Februari 2025 sampai dengan 31 Juli 2025"));
        assert!(body.contains("sebagai Ketua Tim"));
    }
}

#[test]
fn doc_04_pen_12_a_decree_says_menetapkan_keputusan_and_never_sk() {
    for (kind, issuer) in [
        (LetterKind::SecretaryDecree, "SEKRETARIS DAERAH"),
        (LetterKind::RegentDecree, "BUPATI"),
    ] {
        let mut f = facts(WorkflowKind::CrossUnitAppointment);
        if kind == LetterKind::RegentDecree {
            f.signer.position = "Bupati".into();
        }
        let letter = compose(kind, false, f);
        // Lampiran IV.A–B: "TENTANG PEMBENTUKAN TIM … TAHUN …".
        assert_eq!(
            letter.subject,
            "Pembentukan Tim Kerja Penyusunan Rencana Aksi Kesehatan Daerah Tahun 2025"
        );
        let body = text(&letter);
        assert!(body.contains("MEMUTUSKAN:"));
        assert!(
            body.contains(&format!(
                "Menetapkan: KEPUTUSAN {issuer} TENTANG PEMBENTUKAN TIM KERJA"
            )),
            "{body}"
        );
        assert!(body.contains("perlu membentuk Tim Kerja"), "{body}");
        assert!(body.contains("Tahun Anggaran 2025"), "{body}");
        assert!(body.contains("KESATU:"));
        assert_eq!(letter.team, Some(true));
        assert_eq!(
            letter.work_title,
            "Penyusunan Rencana Aksi Kesehatan Daerah"
        );
        let all = format!("{}\n{}\n{body}", letter.title, letter.subject);
        assert!(!all.contains("SK "), "{all}");
        assert!(!all.contains("SK."), "{all}");
    }
}

#[test]
fn doc_02_a_team_decree_is_of_the_year_the_team_works_and_never_says_tim_kerja_tim() {
    let mut f = facts(WorkflowKind::CrossUnitAppointment);
    // Signed in December for a team working January to March of the next year.
    f.date = day("2026-12-07");
    f.assignment_title = "Tim Percepatan Rekam Medis".into();
    for m in &mut f.members {
        m.from = day("2027-01-01");
        m.until = day("2027-03-31");
    }
    let letter = compose(LetterKind::SecretaryDecree, false, f.clone());
    assert_eq!(
        letter.subject,
        "Pembentukan Tim Percepatan Rekam Medis Tahun 2027"
    );
    let body = text(&letter);
    assert!(!body.contains("Tim Kerja Tim"), "{body}");
    assert!(body.contains("Tahun Anggaran 2027"), "{body}");
    // A team across two years names both.
    f.members[1].until = day("2028-02-29");
    assert_eq!(
        work_years(&f.members, f.date),
        "2027-2028",
        "the years of the work"
    );
    // An individual task is assigned, not formed.
    let mut one = facts(WorkflowKind::CrossUnitAppointment);
    one.team = false;
    one.members.truncate(1);
    one.members[0].role = "Pelaksana tugas individu".into();
    let letter = compose(LetterKind::SecretaryDecree, false, one);
    assert!(
        letter
            .subject
            .starts_with("Penugasan Pejabat Fungsional atau Pelaksana dalam Tugas Individu")
    );
    assert_eq!(letter.team, Some(false));
    assert!(!text(&letter).contains("membentuk"));
}

#[test]
fn doc_04_a_team_is_named_once() {
    assert_eq!(team_name("Integrasi Data"), "Tim Kerja Integrasi Data");
    assert_eq!(team_name(" Tim Integrasi Data "), "Tim Integrasi Data");
    assert_eq!(team_name("TIM Integrasi"), "TIM Integrasi");
    assert_eq!(team_name("Timbangan Bayi"), "Tim Kerja Timbangan Bayi");
}

#[test]
fn doc_04_pen_13_an_individual_surat_tugas_names_the_task_not_a_team() {
    let mut f = facts(WorkflowKind::WithinUnitAppointment);
    f.team = false;
    f.field = String::new();
    f.members.truncate(1);
    f.members[0].role = "Pelaksana tugas individu".into();
    let letter = compose(LetterKind::SuratTugas, false, f);
    let body = text(&letter);
    assert!(body.contains("tugas individu Penyusunan Rencana Aksi Kesehatan Daerah"));
    assert!(!body.contains("Tim Kerja"));
    assert!(!body.contains("di bidang"));
    assert!(body.contains("sebagai Pelaksana tugas individu"));
    assert!(body.contains(
        "Melaporkan hasilnya kepada Kepala Badan Perencanaan Pembangunan Daerah sebagai \
         Pejabat Penilai Kinerja."
    ));
}

#[test]
fn doc_04_a_letter_survives_a_json_round_trip() {
    let mut refused = facts(WorkflowKind::CrossAgencyAppointment);
    refused.reasons = Some("Tidak tersedia pegawai dengan kompetensi tersebut.".into());
    let letters = [
        compose(
            LetterKind::InvolvementRequest,
            false,
            facts(WorkflowKind::CrossUnitAppointment),
        ),
        compose(LetterKind::InvolvementAnswer, true, refused),
        compose(
            LetterKind::RegentDecree,
            false,
            facts(WorkflowKind::CrossAgencyAppointment),
        ),
    ];
    for letter in letters {
        let json = serde_json::to_string(&letter).unwrap();
        let back: LetterContent = serde_json::from_str(&json).unwrap();
        assert_eq!(back, letter);
    }
    let json = serde_json::to_value(compose(
        LetterKind::SuratTugas,
        false,
        facts(WorkflowKind::WithinUnitAppointment),
    ))
    .unwrap();
    assert_eq!(json["kind"], "surat_tugas");
    assert_eq!(json["date"], "2025-01-20");
    assert_eq!(json["members"][0]["from"], "2025-02-01");
}

#[test]
fn doc_04_letter_and_workflow_kinds_keep_their_snake_case_codes() {
    for kind in LetterKind::ALL {
        assert_eq!(LetterKind::from_code(kind.code()), Some(kind));
        let json = serde_json::to_value(kind).unwrap();
        assert_eq!(json, kind.code());
        assert_eq!(serde_json::from_value::<LetterKind>(json).unwrap(), kind);
    }
    assert_eq!(LetterKind::from_code("sk"), None);
    for kind in WorkflowKind::ALL {
        let json = serde_json::to_value(kind).unwrap();
        assert_eq!(json, kind.code());
        assert_eq!(serde_json::from_value::<WorkflowKind>(json).unwrap(), kind);
    }
}

#[test]
fn doc_04_facts_survive_a_json_round_trip() {
    let f = facts(WorkflowKind::VolunteerCrossUnit);
    let back: LetterFacts = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
    assert_eq!(back, f);
}

#[test]
fn doc_04_no_letter_ends_a_sentence_with_two_full_stops() {
    // Issue 15 point 7: "S.Kom.." — a text ending in its own stop before the sentence's stop.
    let kinds = [
        (LetterKind::InvolvementRequest, false),
        (LetterKind::InvolvementAnswer, false),
        (LetterKind::InvolvementAnswer, true),
        (LetterKind::AssignmentLetter, false),
        (LetterKind::SuratTugas, false),
        (LetterKind::SecretaryDecree, false),
        (LetterKind::RegentDecree, false),
    ];
    for (kind, refusing) in kinds {
        let mut f = facts(WorkflowKind::CrossUnitAppointment);
        f.assignment_title = "Penyusunan Rencana Aksi Kesehatan Daerah Tahap II.".into();
        f.owner_unit = "Bidang Perencanaan dan Evaluasi Kab.".into();
        f.signer.position = "Kepala Badan Perencanaan Pembangunan Daerah Kab.".into();
        f.reasons = Some("Pegawai sedang bertugas di luar daerah.".into());
        if let Some(i) = f.involvement.as_mut() {
            i.duration = "6 (enam) bulan.".into();
        }
        for m in &mut f.members {
            m.until = day("2025-07-31");
            m.unit = format!("{} Kab.", m.unit);
        }
        let letter = compose(kind, refusing, f);
        for p in &letter.paragraphs {
            assert!(
                !p.contains("..") || p.contains("..."),
                "{kind:?}: two full stops in {p:?}"
            );
        }
    }
    assert_eq!(
        super::letter::single_stops("Ahmad Fauzi, S.Kom.."),
        "Ahmad Fauzi, S.Kom."
    );
    assert_eq!(
        super::letter::single_stops("tunggu ... lalu."),
        "tunggu ... lalu."
    );
}
