//! DOC-01 *Keputusan Bupati* and DOC-02 *Keputusan Sekretaris Daerah* (PEN-12; Pasal 14
//! ayat 1–2 and 5; Lampiran IV.A and IV.B): Menimbang, Mengingat, Memperhatikan, MEMUTUSKAN,
//! Menetapkan, diktum KESATU..KEEMPAT, "Ditetapkan di … pada tanggal …", the signer, and the
//! Lampiran with the table of the team.

use sikerja_domain::workflow::LetterKind;

use super::{Ctx, Parts, Piece, classify, items_under, labeled_text, name_cell};
use crate::format;
use crate::model::{Appendix, Block, Column, Field, Heading, Item, Table};

/// The legal basis of every assignment (the content's "Mengingat").
const SYSTEM_OF_WORK: &str = "Peraturan Bupati Banjar Nomor 39 Tahun 2024 tentang Sistem Kerja";

/// Lampiran III.B.1: what the head of the Unit Organisasi answers for in a team.
const RESPONSIBLE_DUTIES: [&str; 3] = [
    "memberikan arahan terpadu, input, dan umpan balik atas pelaksanaan kegiatan",
    "memastikan kolaborasi dan sinergisitas pelaksanaan tugas antar tim",
    "melakukan pemantauan dan evaluasi pelaksanaan tugas tim",
];

/// Lampiran III.B.3: the duties of a team lead.
const LEAD_DUTIES: [&str; 6] = [
    "menyusun rincian pelaksanaan kegiatan",
    "membagi peran Anggota Tim sesuai dengan kompetensi, keahlian, dan/atau keterampilan",
    "melaksanakan kegiatan sesuai dengan perencanaan",
    "memberikan umpan balik berkala kepada Anggota Tim",
    "melaporkan hasil kinerja Anggota Tim kepada Pejabat Penilai Kinerja dan/atau Pimpinan \
     Unit Organisasi yang bersangkutan sebagai bahan pertimbangan penilaian kinerja Pejabat \
     Fungsional dan Pelaksana",
    "melaksanakan kolaborasi dan sinergisitas pelaksanaan tugas antar Anggota Tim",
];

/// Lampiran III.B.4: the duties of a team member.
const MEMBER_DUTIES: [&str; 3] = [
    "menyusun rencana kerja individu",
    "melaksanakan kinerja sesuai ekspektasi Ketua Tim",
    "melaporkan hasil kinerjanya kepada Ketua Tim",
];

/// Items ending in ";", the one before last in "; dan", the last in ".".
fn enumerate_duties(duties: &[&str]) -> Vec<Item> {
    let n = duties.len();
    Item::numbered(
        duties.iter().enumerate().map(|(i, d)| {
            let end = match n - i {
                1 => ".",
                2 => "; dan",
                _ => ";",
            };
            format!("{d}{end}")
        }),
        false,
    )
}

pub(super) fn build(ctx: &Ctx<'_>) -> Parts {
    let c = ctx.content;
    let regent = c.kind == LetterKind::RegentDecree;
    let pieces = classify(c);
    let years = ctx.work_years();
    let region = ctx.region();
    // "Sekretaris Daerah Kabupaten Banjar", "Bupati Banjar" (Lampiran IV.A–B).
    let issuer = full_office(&issuer(ctx), region.as_deref());
    let issuer_name = issuer_sentence(&issuer);
    let apbd = match &region {
        Some(r) => format!("Anggaran Pendapatan dan Belanja Daerah {r}"),
        None => "Anggaran Pendapatan dan Belanja Daerah".to_string(),
    };
    let subject = c.subject.trim().to_string();

    // Menimbang: the content's, or the options'.
    let considerations = if ctx.options.considerations.is_empty() {
        items_under(&pieces, "Menimbang")
    } else {
        Item::numbered(ctx.options.considerations.iter().cloned(), true)
    };
    // Mengingat: the options', else the budget regulation the agency's policy names (with its
    // number, as the agency wrote it) and the regulation of the work system. A regulation is
    // never cited without its number: without the policy only the work system is cited.
    let legal = if ctx.options.legal_bases.is_empty() {
        let system = labeled_text(&pieces, "Mengingat")
            .map(|t| t.trim_end_matches([';', '.']).to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| SYSTEM_OF_WORK.to_string());
        let mut legal = Vec::new();
        if let Some(r) = ctx
            .options
            .budget_regulation
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            legal.push(format!("{};", r.trim_end_matches([';', '.'])));
        }
        legal.push(format!("{system};"));
        legal
    } else {
        ctx.options.legal_bases.clone()
    };
    let notes = if ctx.options.notes.is_empty() {
        vec![format!(
            "Permohonan pelibatan Pejabat Fungsional dan/atau Pelaksana beserta persetujuannya \
             sesuai dengan {} {SYSTEM_OF_WORK}.",
            c.article.trim()
        )]
    } else {
        ctx.options.notes.clone()
    };

    let work = ctx.work();
    let team = ctx.is_team();
    // Lampiran IV.A–B: "Membentuk Tim … Tahun …, dengan susunan keanggotaan …".
    let kesatu = if team {
        format!(
            "Membentuk {work} Tahun {years}, dengan susunan keanggotaan sebagaimana tercantum \
             dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."
        )
    } else {
        format!(
            "Menugaskan Pejabat Fungsional atau Pelaksana sebagaimana tercantum dalam Lampiran \
             yang merupakan bagian tidak terpisahkan dari Keputusan ini untuk melaksanakan \
             {work} Tahun {years}."
        )
    };
    let kedua = labeled_text(&pieces, "KEDUA")
        .map(str::to_string)
        .unwrap_or_else(|| {
            format!(
                "Pegawai sebagaimana dimaksud dalam Diktum KESATU bertugas melaksanakan {work} \
                 dengan penuh tanggung jawab."
            )
        });
    let mut duties = Vec::new();
    if team {
        let roles = |r: &str| c.members.iter().any(|m| m.role == r);
        let mut groups: Vec<(&str, &[&str])> = Vec::new();
        if ctx.options.responsible.is_some() {
            groups.push(("Penanggungjawab bertugas:", &RESPONSIBLE_DUTIES));
        }
        if roles("Ketua Tim") {
            groups.push(("Ketua Tim bertugas:", &LEAD_DUTIES));
        }
        if roles("Anggota") {
            groups.push(("Anggota Tim bertugas:", &MEMBER_DUTIES));
        }
        for (i, (lead, list)) in groups.into_iter().enumerate() {
            duties.push(Item {
                marker: crate::model::marker(i, true),
                text: lead.to_string(),
                items: enumerate_duties(list),
            });
        }
    }
    let kedua = if duties.is_empty() {
        kedua
    } else {
        format!("{kedua} Pembagian tugas dalam Tim adalah sebagai berikut:")
    };
    let in_force = pieces
        .iter()
        .find_map(|p| match p {
            Piece::Label { text, .. } if text.contains("mulai berlaku") => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| {
            format!("Keputusan {issuer_name} ini mulai berlaku pada tanggal ditetapkan.")
        });

    let labeled = |label: &str, text: String, items: Vec<Item>| Block::Labeled {
        label: label.to_string(),
        text,
        items,
    };
    let body = vec![
        labeled("Menimbang", String::new(), considerations),
        labeled("Mengingat", String::new(), Item::numbered(legal, false)),
        labeled(
            "Memperhatikan",
            if notes.len() == 1 {
                notes[0].clone()
            } else {
                String::new()
            },
            if notes.len() == 1 {
                Vec::new()
            } else {
                Item::numbered(notes, false)
            },
        ),
        Block::Centered {
            text: "MEMUTUSKAN:".into(),
        },
        labeled(
            "Menetapkan",
            format!(
                "KEPUTUSAN {} TENTANG {}.",
                format::office(&issuer),
                subject.to_uppercase()
            ),
            Vec::new(),
        ),
        labeled("KESATU", kesatu, Vec::new()),
        labeled("KEDUA", kedua, duties),
        labeled(
            "KETIGA",
            format!(
                "Segala biaya yang timbul atas pelaksanaan Keputusan ini dibebankan pada {apbd}."
            ),
            Vec::new(),
        ),
        labeled("KEEMPAT", in_force, Vec::new()),
    ];

    // The signer signs as the issuing office ("SEKRETARIS DAERAH KABUPATEN BANJAR,") unless
    // on behalf of another.
    let own_office = ctx
        .options
        .on_behalf_of
        .is_none()
        .then_some(issuer.as_str());
    let signature = ctx.signature(
        vec![
            format!("Ditetapkan di {}", ctx.place()),
            format!("pada tanggal {}", format::date(c.date)),
        ],
        own_office,
    );
    let number = ctx.number();
    let appendix = Appendix {
        reference: vec![
            Field::new("LAMPIRAN", format!("KEPUTUSAN {}", format::office(&issuer))),
            Field::new("NOMOR", number.clone()),
            Field::new("TANGGAL", format::date(c.date)),
            Field::new("TENTANG", subject.to_uppercase()),
        ],
        title: vec![
            if team {
                "DAFTAR SUSUNAN KEANGGOTAAN".to_string()
            } else {
                "DAFTAR PEGAWAI YANG DITUGASKAN".to_string()
            },
            format!("{} TAHUN {years}", work.to_uppercase()),
        ],
        body: lampiran_body(ctx, regent, team),
        signature: ctx.appendix_signature(&signature),
    };
    Parts {
        heading: Heading::Decree {
            title: format!("KEPUTUSAN {}", format::office(&issuer)),
            number: format!("NOMOR {number}"),
            about: "TENTANG".into(),
            subject: subject.to_uppercase(),
            issuer: format!("{},", format::office(&issuer)),
        },
        body,
        signature,
        appendix: Some(appendix),
    }
}

/// The office issuing the Keputusan: the option, the principal signed for, the signer's
/// position, or the office the kind names.
fn issuer(ctx: &Ctx<'_>) -> String {
    let o = ctx.options;
    [
        o.issuer.as_deref(),
        o.on_behalf_of.as_ref().map(|b| b.principal.as_str()),
        Some(ctx.content.signer.position.as_str()),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .find(|s| !s.is_empty())
    .map_or_else(
        || match ctx.content.kind {
            LetterKind::RegentDecree => "Bupati".to_string(),
            _ => "Sekretaris Daerah".to_string(),
        },
        str::to_string,
    )
}

/// The issuing office with its region, as the heading, the Menetapkan and the signature of a
/// Keputusan write it (Lampiran IV.A–B): "Sekretaris Daerah" → "Sekretaris Daerah Kabupaten
/// Banjar", "Bupati" → "Bupati Banjar"; an office naming its region already is kept.
fn full_office(issuer: &str, region: Option<&str>) -> String {
    let issuer = issuer.trim();
    let Some(region) = region.map(str::trim).filter(|r| !r.is_empty()) else {
        return issuer.to_string();
    };
    if super::region_in(issuer).is_some() {
        return issuer.to_string();
    }
    let name = ["Kabupaten ", "Kota ", "Provinsi "]
        .iter()
        .find_map(|p| region.strip_prefix(p))
        .unwrap_or(region);
    let lower = issuer.to_lowercase();
    if ["bupati", "wali kota", "gubernur"].contains(&lower.as_str()) {
        format!("{issuer} {name}")
    } else {
        format!("{issuer} {region}")
    }
}

/// "Bupati Banjar" as it stands in a sentence ("Keputusan Bupati Banjar ini …").
fn issuer_sentence(issuer: &str) -> String {
    format::title_case(issuer)
}

/// The team's table (DOC-01: No, Nama, Kedudukan dalam Tim, Instansi, Unit Organisasi/Perangkat
/// Daerah, Jabatan; DOC-02: No, Nama, Kedudukan dalam Tim, Perangkat Daerah, Jabatan pada
/// Perangkat Daerah), the Penanggungjawab first when known. When every member has the same
/// period it is stated once above the table, otherwise in each member's row.
fn lampiran_body(ctx: &Ctx<'_>, regent: bool, team: bool) -> Vec<Block> {
    let c = ctx.content;
    let col = |header: &str, width: u16, center: bool| Column {
        header: header.to_string(),
        width,
        center,
    };
    let mut columns = if regent {
        vec![
            col("No", 6, true),
            col("Nama", 30, false),
            col("Kedudukan dalam Tim", 13, false),
            col("Instansi", 14, false),
            col("Unit Organisasi/Perangkat Daerah", 19, false),
            col("Jabatan", 18, false),
        ]
    } else {
        vec![
            col("No", 6, true),
            col("Nama", 28, false),
            col("Kedudukan dalam Tim", 15, false),
            col("Perangkat Daerah", 26, false),
            col("Jabatan pada Perangkat Daerah", 25, false),
        ]
    };
    // An individual task has no team to hold a place in.
    if !team {
        let gone = columns.remove(2);
        columns[1].width += gone.width;
    }
    let periods: Vec<_> = c.members.iter().map(|m| (m.from, m.until)).collect();
    let shared = periods.first().filter(|p| periods.iter().all(|q| q == *p));
    let mut rows = Vec::new();
    if let Some(r) = &ctx.options.responsible {
        let mut row = vec![vec![String::new()], name_cell(&r.name, r.nip.as_deref())];
        if team {
            row.push(vec!["Penanggungjawab".to_string()]);
        }
        if regent {
            row.push(vec![r.agency.clone()]);
        }
        row.push(vec![r.unit.clone()]);
        row.push(vec![r.position.clone()]);
        rows.push(row);
    }
    for m in &c.members {
        let mut role = vec![m.role.clone()];
        if shared.is_none() {
            role.push(format!(
                "({} s.d. {})",
                format::date(m.from),
                format::date(m.until)
            ));
        }
        let mut row = vec![vec![String::new()], name_cell(&m.name, Some(&m.nip))];
        if team {
            row.push(role);
        } else if shared.is_none() {
            // The period of the one person, where the role would have carried it.
            row[1].extend(role.into_iter().skip(1));
        }
        if regent {
            let digits: String = m.nip.chars().filter(char::is_ascii_digit).collect();
            let agency = Some(m.agency.trim())
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .or_else(|| ctx.options.member_agencies.get(&digits).cloned())
                .unwrap_or_else(|| "-".to_string());
            row.push(vec![agency]);
        }
        // The Perangkat Daerah, not the Bidang the position sits in (older letters kept only
        // the unit).
        let department = if m.department.trim().is_empty() {
            m.unit.clone()
        } else {
            m.department.trim().to_string()
        };
        row.push(vec![department]);
        row.push(vec![m.position.clone()]);
        rows.push(row);
    }
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = vec![format!("{}.", i + 1)];
    }
    let mut body = Vec::new();
    if let Some((from, until)) = shared {
        body.push(Block::Paragraph {
            text: format!("Jangka waktu penugasan: {}.", format::period(*from, *until)),
        });
    }
    body.push(Block::Table(Table { columns, rows }));
    body
}
