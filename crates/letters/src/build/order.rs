//! DOC-03 *Surat Tugas* (PEN-12, PEN-13, PEN-16; Pasal 14 ayat 3; Lampiran IV.C) and the
//! *Surat Penugasan* of DOC-04 (PEN-14.3, PEN-15.5, PEN-17): a centred title with its number,
//! the body, the signer with name, pangkat and NIP.

use sikerja_domain::workflow::LetterMember;

use super::{Ctx, Parts, Piece, assemble, classify, items_under, labeled_text, members_table};
use crate::format;
use crate::model::{Appendix, Block, Field, Heading, Item};

/// Lampiran IV.C "Dasar" 1: the regulation of the unit's organisation (its number is a gap).
const SOTK: &str = "Peraturan Bupati Banjar tentang Kedudukan, Susunan Organisasi, Tugas dan \
                    Fungsi, serta Tata Kerja Perangkat Daerah";

const SYSTEM_OF_WORK: &str = "Peraturan Bupati Banjar Nomor 39 Tahun 2024 tentang Sistem Kerja";

/// DOC-03: Dasar, MEMERINTAHKAN, Kepada (as attached), Untuk 1..3; the Lampiran lists the
/// team with its Ketua and Anggota.
pub(super) fn surat_tugas(ctx: &Ctx<'_>) -> Parts {
    let c = ctx.content;
    let pieces = classify(c);
    let bases = if ctx.options.legal_bases.is_empty() {
        let system = labeled_text(&pieces, "Dasar")
            .map(|t| t.trim_end_matches([';', '.']).to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| SYSTEM_OF_WORK.to_string());
        vec![format!("{SOTK};"), format!("{system}.")]
    } else {
        ctx.options.legal_bases.clone()
    };
    let orders = items_under(&pieces, "Untuk");
    let labeled = |label: &str, text: String, items: Vec<Item>| Block::Labeled {
        label: label.to_string(),
        text,
        items,
    };
    let body = vec![
        labeled("Dasar", String::new(), Item::numbered(bases, false)),
        Block::Centered {
            text: "MEMERINTAHKAN:".into(),
        },
        labeled(
            "Kepada",
            "Nama-nama sebagaimana tercantum dalam Lampiran Surat Tugas ini.".into(),
            Vec::new(),
        ),
        labeled("Untuk", String::new(), orders),
    ];
    let signature = ctx.signature(vec![ctx.place_date()], None);
    let number = ctx.number();
    let appendix = Appendix {
        reference: vec![
            Field::new("Lampiran", "Surat Tugas"),
            Field::new("Nomor", number.clone()),
            Field::new("Tanggal", format::date(c.date)),
        ],
        title: vec!["DAFTAR PEGAWAI YANG DITUGASKAN".into()],
        body: vec![Block::List {
            items: vec![team_item(ctx)],
        }],
        signature: ctx.appendix_signature(&signature),
    };
    Parts {
        heading: Heading::Order {
            title: "SURAT TUGAS".into(),
            number: format!("NOMOR {number}"),
        },
        body,
        signature,
        appendix: Some(appendix),
    }
}

/// "1. Tim Kerja X" with "a. Ketua Tim: …" and "b. Anggota:" numbered under it (Lampiran
/// IV.C); for an individual task the one person under "a.".
fn team_item(ctx: &Ctx<'_>) -> Item {
    let members = &ctx.content.members;
    let mut roles: Vec<&str> = Vec::new();
    for m in members {
        if !roles.contains(&m.role.as_str()) {
            roles.push(&m.role);
        }
    }
    // The lead first, whatever the order of the content.
    roles.sort_by_key(|r| *r != "Ketua Tim");
    let items = roles
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let people: Vec<&LetterMember> = members.iter().filter(|m| m.role == *role).collect();
            let marker = crate::model::marker(i, true);
            match people.as_slice() {
                [one] => Item::new(marker, format!("{role}: {}", person(one))),
                many => Item {
                    marker,
                    text: format!("{role}:"),
                    items: Item::numbered(many.iter().map(|m| person(m)), false),
                },
            }
        })
        .collect();
    Item {
        marker: "1.".into(),
        text: ctx.work(),
        items,
    }
}

/// "Name, NIP …, position, period".
fn person(m: &LetterMember) -> String {
    format!(
        "{}, NIP {}, {}, {}",
        m.name.trim(),
        format::nip(&m.nip),
        m.position.trim(),
        format::period(m.from, m.until)
    )
}

/// DOC-04 Surat Penugasan: the content's body with the people in a table.
pub(super) fn assignment_letter(ctx: &Ctx<'_>) -> Parts {
    let c = ctx.content;
    let pieces = classify(c);
    let has_members = pieces.iter().any(|p| matches!(p, Piece::Member(_)));
    let mut body = assemble(&pieces, Some(members_table(&c.members)));
    if !has_members && !c.members.is_empty() {
        body.insert(body.len().min(1), members_table(&c.members));
    }
    Parts {
        heading: Heading::Order {
            title: "SURAT PENUGASAN".into(),
            number: format!("NOMOR {}", ctx.number()),
        },
        body,
        signature: ctx.signature(vec![ctx.place_date()], None),
        appendix: None,
    }
}
