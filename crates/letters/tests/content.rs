//! What each letter says, per format of Lampiran IV (DOC-01..05): the model built from the
//! domain's content, as plain text (insta snapshots) and by its parts.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use sikerja_domain::workflow::LetterKind;
use sikerja_letters::format::squash;
use sikerja_letters::{
    Block, Heading, Letter, LetterOptions, Official, OnBehalfOf, format::DRAFT_NUMBER,
};

fn plain(kind: LetterKind) -> String {
    letter(kind).plain_text()
}

fn labels(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Labeled { label, .. } => label.clone(),
            Block::Centered { text } => text.clone(),
            Block::Paragraph { .. } => "¶".into(),
            Block::List { .. } => "list".into(),
            Block::Table(_) => "table".into(),
        })
        .collect()
}

fn table_headers(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t.columns.iter().map(|c| c.header.clone()).collect()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn doc_01_regent_decree_snapshot() {
    insta::assert_snapshot!("doc_01_regent_decree", plain(LetterKind::RegentDecree));
}

#[test]
fn doc_02_secretary_decree_snapshot() {
    insta::assert_snapshot!(
        "doc_02_secretary_decree",
        plain(LetterKind::SecretaryDecree)
    );
}

#[test]
fn doc_03_surat_tugas_snapshot() {
    insta::assert_snapshot!("doc_03_surat_tugas", plain(LetterKind::SuratTugas));
}

#[test]
fn doc_04_involvement_request_snapshot() {
    insta::assert_snapshot!(
        "doc_04_involvement_request",
        plain(LetterKind::InvolvementRequest)
    );
}

#[test]
fn doc_04_involvement_answer_snapshot() {
    insta::assert_snapshot!(
        "doc_04_involvement_answer",
        plain(LetterKind::InvolvementAnswer)
    );
}

#[test]
fn doc_04_involvement_refusal_snapshot() {
    let letter = Letter::new(&refusal(), diskominfo(), issued());
    insta::assert_snapshot!("doc_04_involvement_refusal", letter.plain_text());
}

#[test]
fn doc_04_assignment_letter_snapshot() {
    insta::assert_snapshot!(
        "doc_04_assignment_letter",
        plain(LetterKind::AssignmentLetter)
    );
}

#[test]
fn doc_06_the_model_the_templates_receive_snapshot() {
    // What a template override reads from `json(sys.inputs.data)`.
    let letter = Letter::new(
        &content(LetterKind::SuratTugas),
        letterhead(LetterKind::SuratTugas),
        issued(),
    );
    insta::assert_json_snapshot!("doc_06_surat_tugas_model", letter);
}

#[test]
fn doc_01_a_regent_decree_follows_lampiran_iv_a() {
    let l = letter(LetterKind::RegentDecree);
    let Heading::Decree {
        title,
        number,
        about,
        issuer,
        ..
    } = &l.heading
    else {
        panic!("not a decree heading: {:?}", l.heading)
    };
    assert_eq!(title, "KEPUTUSAN BUPATI BANJAR");
    assert_eq!(number, "NOMOR 800.1.11/17/BKPSDM/2026");
    assert_eq!(about, "TENTANG");
    assert_eq!(issuer, "BUPATI BANJAR,");
    assert_eq!(
        labels(&l.body),
        [
            "Menimbang",
            "Mengingat",
            "Memperhatikan",
            "MEMUTUSKAN:",
            "Menetapkan",
            "KESATU",
            "KEDUA",
            "KETIGA",
            "KEEMPAT"
        ]
    );
    let text = l.plain_text();
    for line in [
        "Menetapkan : KEPUTUSAN BUPATI BANJAR TENTANG PEMBENTUKAN TIM KERJA",
        "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari \
         Keputusan ini.",
        "Ketua Tim bertugas:",
        "Anggota Tim bertugas:",
        "KETIGA : Segala biaya yang timbul atas pelaksanaan Keputusan ini dibebankan pada \
         Anggaran Pendapatan dan Belanja Daerah Kabupaten Banjar.",
        "KEEMPAT : Keputusan Bupati Banjar ini mulai berlaku pada tanggal ditetapkan.",
        "Peraturan Bupati Banjar Nomor 39 Tahun 2024 tentang Sistem Kerja;",
        "Ditetapkan di Martapura\npada tanggal 20 Januari 2025\nBUPATI BANJAR,\n\
         H. Rahmat Hidayatullah, S.E., M.M.",
    ] {
        assert!(
            squash(&text).contains(&squash(line)),
            "missing {line:?} in\n{text}"
        );
    }
    // The Bupati has no NIP and no pangkat.
    assert_eq!(l.signature.nip, None);
    assert_eq!(l.signature.rank, None);
    let a = l.appendix.as_ref().unwrap();
    assert_eq!(a.reference[0].label, "LAMPIRAN");
    assert_eq!(a.reference[0].value, "KEPUTUSAN BUPATI BANJAR");
    assert_eq!(
        table_headers(&a.body),
        [
            "No",
            "Nama",
            "Kedudukan dalam Tim",
            "Instansi",
            "Unit Organisasi/Perangkat Daerah",
            "Jabatan"
        ]
    );
}

#[test]
fn doc_01_the_penanggungjawab_and_the_members_agencies_come_from_the_options() {
    let mut options = issued();
    options.responsible = Some(Official {
        name: "Ir. H. Budi Santoso, M.T.".into(),
        nip: Some("197001011995031001".into()),
        position: "Kepala Badan Perencanaan Pembangunan Daerah".into(),
        unit: "Badan Perencanaan Pembangunan Daerah".into(),
        agency: "Pemerintah Kabupaten Banjar".into(),
    });
    options.member_agencies.insert(
        "198701112009042001".into(),
        "Pemerintah Provinsi Kalimantan Selatan".into(),
    );
    let l = Letter::new(&content(LetterKind::RegentDecree), regent_head(), options);
    let Some(Block::Table(t)) = l.appendix.as_ref().unwrap().body.last() else {
        panic!("no table")
    };
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[0][0], ["1."]);
    assert_eq!(t.rows[0][2], ["Penanggungjawab"]);
    assert_eq!(t.rows[1][0], ["2."]);
    assert_eq!(
        t.rows[1][1],
        ["dr. Siti Aminah, M.Kes.", "NIP. 19870111 200904 2 001"]
    );
    assert_eq!(t.rows[1][3], ["Pemerintah Provinsi Kalimantan Selatan"]);
    assert_eq!(t.rows[2][3], ["-"]);
    assert!(l.plain_text().contains("Penanggungjawab bertugas:"));
}

#[test]
fn doc_02_a_secretary_decree_has_the_setda_letterhead_and_its_columns() {
    let l = letter(LetterKind::SecretaryDecree);
    assert_eq!(l.letterhead.names[1], "SEKRETARIAT DAERAH");
    let Heading::Decree { title, issuer, .. } = &l.heading else {
        panic!("not a decree")
    };
    assert_eq!(title, "KEPUTUSAN SEKRETARIS DAERAH KABUPATEN BANJAR");
    assert_eq!(issuer, "SEKRETARIS DAERAH KABUPATEN BANJAR,");
    assert_eq!(
        table_headers(&l.appendix.as_ref().unwrap().body),
        [
            "No",
            "Nama",
            "Kedudukan dalam Tim",
            "Perangkat Daerah",
            "Jabatan pada Perangkat Daerah"
        ]
    );
    assert!(
        l.plain_text()
            .contains("KEEMPAT : Keputusan Sekretaris Daerah ini mulai berlaku")
    );
    assert_eq!(
        l.signature.nip.as_deref(),
        Some("NIP. 19690412 199403 1 003")
    );
}

#[test]
fn doc_03_a_surat_tugas_has_dasar_kepada_untuk_and_a_lampiran_of_the_team() {
    let l = letter(LetterKind::SuratTugas);
    assert_eq!(
        l.heading,
        Heading::Order {
            title: "SURAT TUGAS".into(),
            number: "NOMOR 800.1.11/17/BKPSDM/2026".into()
        }
    );
    assert_eq!(
        labels(&l.body),
        ["Dasar", "MEMERINTAHKAN:", "Kepada", "Untuk"]
    );
    let text = l.plain_text();
    for line in [
        "Peraturan Bupati Banjar Nomor 39 Tahun 2024 tentang Sistem Kerja.",
        "Kepada : Nama-nama sebagaimana tercantum dalam Lampiran Surat Tugas ini.",
        "1. Melaksanakan tugas dalam Tim Kerja Penyusunan Rencana Aksi Kesehatan Daerah",
        "2. Melaksanakan perintah ini dengan penuh tanggung jawab; dan",
        "3. Melaporkan hasilnya kepada Kepala Badan Perencanaan Pembangunan Daerah sebagai \
         Pejabat Penilai Kinerja.",
        "Martapura, 20 Januari 2025\nKEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH,\n\
         Ir. H. Budi Santoso, M.T.\nPembina Utama Muda (IV/c)\nNIP. 19700101 199503 1 001",
        "1. Tim Kerja Penyusunan Rencana Aksi Kesehatan Daerah",
        "a. Ketua Tim: dr. Siti Aminah, M.Kes., NIP 19870111 200904 2 001",
        "b. Anggota: Ahmad Fauzi, S.Kom., NIP 19900305 201503 1 002",
    ] {
        assert!(
            squash(&text).contains(&squash(line)),
            "missing {line:?} in\n{text}"
        );
    }
    let a = l.appendix.as_ref().unwrap();
    assert_eq!(
        a.reference
            .iter()
            .map(|f| f.label.as_str())
            .collect::<Vec<_>>(),
        ["Lampiran", "Nomor", "Tanggal"]
    );
    // The signature repeats under the Lampiran, without place and date.
    assert_eq!(a.signature.name, l.signature.name);
    assert!(a.signature.place_date.is_empty());
}

#[test]
fn doc_04_a_request_states_its_four_contents_and_lists_the_people_wanted() {
    let l = letter(LetterKind::InvolvementRequest);
    let Heading::Letter {
        fields, addressees, ..
    } = &l.heading
    else {
        panic!("not a letter")
    };
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        f,
        [
            ("Nomor", "800.1.11/17/BKPSDM/2026"),
            ("Sifat", "Biasa"),
            ("Lampiran", "-"),
            (
                "Hal",
                "Permohonan pelibatan pegawai dalam Penyusunan Rencana Aksi Kesehatan Daerah"
            )
        ]
    );
    assert_eq!(addressees, &["Yth. Kepala Dinas Kesehatan"]);
    let text = l.plain_text();
    for line in [
        "a. Tujuan: Menyusun dokumen perencanaan kesehatan daerah;",
        "b. Kompetensi/keahlian yang dibutuhkan: Analisis data kesehatan",
        "c. Target yang diharapkan: Dokumen rencana aksi tersusun tepat waktu;",
        "d. Jangka waktu: 6 (enam) bulan.",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert_eq!(
        table_headers(&l.body),
        [
            "No",
            "Nama / NIP",
            "Jabatan",
            "Unit Organisasi",
            "Kedudukan",
            "Jangka Waktu"
        ]
    );
}

#[test]
fn doc_04_an_approval_lists_the_people_and_a_refusal_gives_reasons_without_a_list() {
    let approval = letter(LetterKind::InvolvementAnswer);
    assert!(approval.plain_text().contains("bersedia"));
    assert_eq!(table_headers(&approval.body).len(), 6);
    let refusal = Letter::new(&refusal(), diskominfo(), issued());
    let text = refusal.plain_text();
    assert!(text.contains("dengan alasan: Pegawai sedang melaksanakan tugas prioritas daerah."));
    assert!(table_headers(&refusal.body).is_empty(), "{text}");
    assert!(!text.contains("dr. Siti Aminah"));
}

#[test]
fn doc_04_a_surat_penugasan_names_the_people_in_a_table_and_is_signed_with_place_and_date() {
    let l = letter(LetterKind::AssignmentLetter);
    assert!(matches!(&l.heading, Heading::Order { title, .. } if title == "SURAT PENUGASAN"));
    assert_eq!(labels(&l.body), ["¶", "table", "¶", "¶"]);
    assert_eq!(l.signature.place_date, ["Martapura, 20 Januari 2025"]);
}

#[test]
fn doc_06_every_paragraph_and_person_of_the_content_reaches_the_letter() {
    // The Keputusan and the Surat Tugas rewrite these to the Lampiran IV wording (Mengingat
    // with the budget regulations, Menetapkan with the issuer's full name, KESATU pointing to
    // the Lampiran, Kepada "as attached", Dasar with the SOTK regulation); the people's lines
    // become a table or the Lampiran. Everything else is printed as the content says it.
    let rewritten = ["Mengingat:", "Menetapkan:", "KESATU:", "Kepada:", "Dasar:"];
    let mut letters: Vec<_> = LetterKind::ALL.into_iter().map(content).collect();
    letters.push(refusal());
    for c in letters {
        let kind = c.kind;
        let text = squash(&Letter::new(&c, letterhead(kind), issued()).plain_text());
        let mut checked = 0;
        for p in &c.paragraphs {
            let is_member = c.members.iter().any(|m| p.contains(&m.nip));
            if is_member || rewritten.iter().any(|r| p.starts_with(r)) {
                continue;
            }
            // A label's text stands after its label and colon.
            let body = match p.split_once(": ") {
                Some((label, rest)) if label.chars().all(char::is_alphabetic) => rest,
                _ => p.as_str(),
            };
            let body = body.trim_end_matches(':');
            if body.is_empty() || body.chars().all(char::is_alphabetic) {
                continue;
            }
            assert!(text.contains(&squash(body)), "{kind:?} misses {body:?}");
            checked += 1;
        }
        assert!(checked >= 2, "{kind:?}: only {checked} paragraphs checked");
        for m in &c.members {
            for part in [&m.name, &sikerja_letters::format::nip(&m.nip), &m.position] {
                assert!(text.contains(&squash(part)), "{kind:?} misses {part}");
            }
        }
    }
}

#[test]
fn doc_05_every_nip_is_spaced_and_every_date_written_out() {
    for (name, l) in all_letters() {
        for t in l.texts() {
            let digits: String = t.chars().filter(char::is_ascii_digit).collect();
            let runs = t
                .split(|c: char| !c.is_ascii_digit())
                .filter(|r| r.len() >= 14)
                .count();
            assert_eq!(runs, 0, "{name}: an unspaced NIP in {t:?} ({digits})");
            assert!(
                !t.chars()
                    .collect::<Vec<_>>()
                    .windows(10)
                    .any(|w| w[4] == '-' && w[7] == '-' && w[..4].iter().all(char::is_ascii_digit)),
                "{name}: an ISO date in {t:?}"
            );
        }
    }
}

#[test]
fn doc_05_no_letter_says_sk_only_keputusan() {
    for (name, l) in all_letters() {
        let text = l.plain_text();
        let words = text.split(|c: char| !c.is_alphanumeric());
        for w in words {
            assert_ne!(w, "SK", "{name} says SK:\n{text}");
        }
        assert!(!text.contains("SK "), "{name}");
    }
}

#[test]
fn doc_05_signing_on_behalf_writes_atas_nama_and_untuk_beliau() {
    let mut options = issued();
    options.on_behalf_of = Some(OnBehalfOf {
        principal: "Bupati Banjar".into(),
        intermediate: None,
    });
    let mut c = content(LetterKind::RegentDecree);
    c.signer.position = "Sekretaris Daerah".into();
    c.signer.name = "Dr. Gusti Rusdiansyah, S.Sos., M.Si.".into();
    c.signer.nip = Some("196904121994031003".into());
    c.signer.rank = Some("Pembina Utama Madya (IV/d)".into());
    let l = Letter::new(&c, regent_head(), options.clone());
    assert_eq!(
        l.signature.office,
        ["a.n. BUPATI BANJAR", "SEKRETARIS DAERAH,"]
    );
    // The Keputusan is still the Bupati's.
    assert!(
        matches!(&l.heading, Heading::Decree { title, .. } if title == "KEPUTUSAN BUPATI BANJAR")
    );
    assert_eq!(
        l.signature.rank.as_deref(),
        Some("Pembina Utama Madya (IV/d)")
    );
    assert_eq!(
        l.signature.nip.as_deref(),
        Some("NIP. 19690412 199403 1 003")
    );

    options.on_behalf_of = Some(OnBehalfOf {
        principal: "Bupati Banjar".into(),
        intermediate: Some("Sekretaris Daerah".into()),
    });
    c.signer.position = "Kepala Bagian Organisasi".into();
    let l = Letter::new(&c, regent_head(), options);
    assert_eq!(
        l.signature.office,
        [
            "a.n. BUPATI BANJAR",
            "SEKRETARIS DAERAH",
            "u.b.",
            "KEPALA BAGIAN ORGANISASI,"
        ]
    );
    assert_eq!(
        l.appendix.as_ref().unwrap().signature.office,
        l.signature.office
    );
}

#[test]
fn doc_05_a_preview_without_a_number_says_draft_and_has_no_verification() {
    for kind in LetterKind::ALL {
        let l = Letter::new(&content(kind), letterhead(kind), LetterOptions::default());
        let text = l.plain_text();
        assert!(text.contains(DRAFT_NUMBER), "{kind:?}:\n{text}");
        assert!(!text.contains("Kode verifikasi"), "{kind:?}");
        assert_eq!(l.number, None);
    }
}

#[test]
fn doc_05_the_copies_are_listed_numbered() {
    let text = plain(LetterKind::AssignmentLetter);
    assert!(text.contains(
        "Tembusan:\n1. Sekretaris Daerah Kabupaten Banjar\n2. Sekretaris Badan Perencanaan \
         Pembangunan Daerah\n"
    ));
}

#[test]
fn doc_05_a_decree_cites_the_budget_regulation_the_agency_policy_names() {
    let perda = "Peraturan Daerah Kabupaten Banjar Nomor 5 Tahun 2025 tentang Anggaran \
                 Pendapatan dan Belanja Daerah Tahun Anggaran 2026";
    let options = LetterOptions {
        budget_regulation: Some(format!("{perda}.")),
        ..issued()
    };
    let with = Letter::new(
        &content(LetterKind::RegentDecree),
        letterhead(LetterKind::RegentDecree),
        options,
    )
    .plain_text();
    assert!(squash(&with).contains(&format!("{perda};")), "{with}");
    // Without it, no budget regulation is cited: a regulation is never cited without its
    // number (issue 15 point 7). The work system's is.
    let without = plain(LetterKind::RegentDecree);
    assert!(!without.contains("Nomor 5 Tahun 2025"));
    assert!(!without.contains("tentang Anggaran Pendapatan dan Belanja Daerah Tahun Anggaran"));
    assert!(!without.contains("Penjabaran"), "{without}");
    assert!(
        squash(&without).contains("Mengingat : 1. Peraturan Bupati Banjar Nomor 39 Tahun 2024"),
        "{without}"
    );
}

/// The Keputusan Sekda as the demo's storage composes it: the signer's post is "Sekretaris
/// Daerah" (no region), the team works the next year, members carry their Perangkat Daerah.
fn sekda_decree_next_year(team: bool) -> Letter {
    use sikerja_domain::workflow::{WorkflowKind, compose};
    let mut f = facts(WorkflowKind::CrossUnitAppointment);
    f.signer.position = "Sekretaris Daerah".into();
    f.signer.name = "Dr. Gusti Rusdiansyah, S.Sos., M.Si.".into();
    f.date = day("2026-12-07");
    f.assignment_title = "Tim Percepatan Rekam Medis Elektronik".into();
    f.team = team;
    if !team {
        f.members.truncate(1);
        f.members[0].role = "Pelaksana tugas individu".into();
        f.assignment_title = "Penyusunan Profil Kesehatan".into();
    }
    for m in &mut f.members {
        m.from = day("2027-01-01");
        m.until = day("2027-03-31");
        m.unit = "Bidang Pelayanan Kesehatan".into();
        m.department = "Dinas Kesehatan".into();
    }
    let content = compose(LetterKind::SecretaryDecree, false, f);
    Letter::new(
        &content,
        letterhead(LetterKind::SecretaryDecree),
        LetterOptions::default(),
    )
}

#[test]
fn doc_02_a_keputusan_sekda_is_titled_with_its_region_and_dated_by_the_year_of_the_team() {
    let l = sekda_decree_next_year(true);
    let text = squash(&l.plain_text());
    // Lampiran IV.B: "KEPUTUSAN SEKRETARIS DAERAH KABUPATEN BANJAR … TENTANG PEMBENTUKAN TIM
    // … TAHUN …", the signer as "SEKRETARIS DAERAH KABUPATEN BANJAR,".
    let Heading::Decree { title, subject, .. } = &l.heading else {
        panic!("a decree heading")
    };
    assert_eq!(title, "KEPUTUSAN SEKRETARIS DAERAH KABUPATEN BANJAR");
    assert_eq!(
        subject,
        "PEMBENTUKAN TIM PERCEPATAN REKAM MEDIS ELEKTRONIK TAHUN 2027"
    );
    assert!(!text.contains("Tim Kerja Tim"), "{text}");
    assert!(
        l.signature
            .office
            .contains(&"SEKRETARIS DAERAH KABUPATEN BANJAR,".to_string()),
        "{:?}",
        l.signature.office
    );
    assert!(text.contains("KESATU : Membentuk Tim Percepatan Rekam Medis Elektronik Tahun 2027,"));
    // The Lampiran is of 2027, not of the year the letter is signed.
    let a = l.appendix.as_ref().unwrap();
    assert_eq!(
        a.title,
        [
            "DAFTAR SUSUNAN KEANGGOTAAN",
            "TIM PERCEPATAN REKAM MEDIS ELEKTRONIK TAHUN 2027"
        ]
    );
    assert!(!squash(&a.title.join(" ")).contains("2026"));
    // The "Perangkat Daerah" column names the Perangkat Daerah, not the Bidang.
    let Some(Block::Table(t)) = a.body.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!("a table")
    };
    let col = t
        .columns
        .iter()
        .position(|c| c.header == "Perangkat Daerah")
        .unwrap();
    for row in &t.rows {
        assert_eq!(row[col], ["Dinas Kesehatan"]);
    }
    // Drafts speak Indonesian.
    assert!(text.contains("(KONSEP)"), "{text}");
    assert!(!text.contains("DRAFT"), "{text}");
}

#[test]
fn doc_02_an_individual_task_has_no_place_in_a_team() {
    let l = sekda_decree_next_year(false);
    let text = squash(&l.plain_text());
    let a = l.appendix.as_ref().unwrap();
    assert_eq!(a.title[0], "DAFTAR PEGAWAI YANG DITUGASKAN");
    assert_eq!(
        table_headers(&a.body),
        [
            "No",
            "Nama",
            "Perangkat Daerah",
            "Jabatan pada Perangkat Daerah"
        ]
    );
    assert!(!text.contains("Kedudukan dalam Tim"), "{text}");
    assert!(
        !text.contains("membentuk") && !text.contains("Membentuk"),
        "{text}"
    );
    assert!(
        text.contains("tugas individu Penyusunan Profil Kesehatan Tahun 2027"),
        "{text}"
    );
}

#[test]
fn doc_05_no_letter_doubles_a_full_stop_after_a_title_of_a_name() {
    for (name, l) in all_letters() {
        let text = l.plain_text();
        if let Some(i) = text.find("..") {
            let before: String = text[..i].chars().rev().take(20).collect();
            let before: String = before.chars().rev().collect();
            panic!("{name}: a doubled full stop after {before:?}");
        }
    }
}
