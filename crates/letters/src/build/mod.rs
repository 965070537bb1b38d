//! From the domain's [`LetterContent`] to the document model: one builder per format of
//! Lampiran IV (DOC-01..04), sharing the pieces every format has (signature, copies, the table
//! of people).
//!
//! The content's body is a list of paragraphs in which the Lampiran IV structure is written
//! out ("Menimbang:", "a. bahwa …", "KESATU: …", one numbered line per person). [`classify`]
//! reads that structure back; the builders then lay it out as the format wants — the people
//! of a Keputusan or Surat Tugas go to its Lampiran, those of a letter into a table — and add
//! what the content lacks from [`LetterOptions`] or derived text.

mod decree;
mod letter;
mod order;

use sikerja_domain::workflow::{LetterContent, LetterKind, LetterMember, team_name, work_years};

use crate::format;
use crate::model::{Block, Column, Item, Letter, Letterhead, Signature, Table};
use crate::options::LetterOptions;

impl Letter {
    /// Builds the letter of `content` under `letterhead`. Infallible: whatever the content or
    /// the options lack is derived (see `docs/letters.md`, "Gaps").
    pub fn new(content: &LetterContent, letterhead: Letterhead, options: LetterOptions) -> Letter {
        let ctx = Ctx {
            content,
            letterhead: &letterhead,
            options: &options,
        };
        let parts = match content.kind {
            LetterKind::RegentDecree | LetterKind::SecretaryDecree => decree::build(&ctx),
            LetterKind::SuratTugas => order::surat_tugas(&ctx),
            LetterKind::AssignmentLetter => order::assignment_letter(&ctx),
            LetterKind::InvolvementRequest | LetterKind::InvolvementAnswer => letter::build(&ctx),
        };
        Letter {
            kind: content.kind,
            agency: options.agency.clone(),
            number: options
                .number
                .clone()
                .filter(|n| !n.trim().is_empty())
                .map(|n| n.trim().to_string()),
            heading: parts.heading,
            body: parts.body,
            signature: parts.signature,
            copies: content
                .copies
                .iter()
                .filter(|c| !c.trim().is_empty())
                .cloned()
                .collect(),
            verification: options.verification.clone(),
            appendix: parts.appendix,
            subject: content.subject.clone(),
            rule_id: content.rule_id.clone(),
            article: content.article.clone(),
            letterhead,
        }
    }
}

/// What a builder produces; [`Letter::new`] adds the parts every letter shares.
struct Parts {
    heading: crate::model::Heading,
    body: Vec<Block>,
    signature: Signature,
    appendix: Option<crate::model::Appendix>,
}

/// The inputs of a builder.
struct Ctx<'a> {
    content: &'a LetterContent,
    letterhead: &'a Letterhead,
    options: &'a LetterOptions,
}

impl Ctx<'_> {
    /// The number as printed: the register number or the draft blank.
    fn number(&self) -> String {
        format::number(self.options.number.as_deref())
    }

    /// The work the letter is about: the content's, or (a letter stored before the content
    /// kept it) the subject after its " dalam " ("Penugasan dalam Tim X" → "Tim X"); the whole
    /// subject when it has none.
    fn work_title(&self) -> String {
        let kept = self.content.work_title.trim();
        if !kept.is_empty() {
            return kept.to_string();
        }
        let s = self.content.subject.trim();
        s.split_once(" dalam ")
            .map_or(s, |(_, title)| title.trim())
            .to_string()
    }

    /// A team rather than an individual task (PEN-01): as the content says, else more than one
    /// person, or a team role.
    fn is_team(&self) -> bool {
        if let Some(team) = self.content.team {
            return team;
        }
        let m = &self.content.members;
        m.len() > 1
            || m.iter()
                .any(|m| m.role == "Ketua Tim" || m.role == "Anggota")
    }

    /// "Tim Kerja X" (or "Tim X" when the title names the team already) or "tugas individu X".
    fn work(&self) -> String {
        if self.is_team() {
            team_name(&self.work_title())
        } else {
            format!("tugas individu {}", self.work_title())
        }
    }

    /// The year or years of the work ("2027", "2026-2027"), from the people's periods.
    fn work_years(&self) -> String {
        match self.options.budget_year {
            Some(year) => year.to_string(),
            None => work_years(&self.content.members, self.content.date),
        }
    }

    fn place(&self) -> String {
        let p = self.content.place.trim();
        if p.is_empty() { "…………" } else { p }.to_string()
    }

    /// "Martapura, 20 Januari 2025".
    fn place_date(&self) -> String {
        format!("{}, {}", self.place(), format::date(self.content.date))
    }

    /// The region whose budget and regulations a Keputusan cites ("Kabupaten Banjar"): the
    /// option; else the letterhead's "PEMERINTAH KABUPATEN BANJAR" line; else read from the
    /// issuer, the signer's position or unit ("Sekretaris Daerah Kabupaten Banjar", "Bupati
    /// Banjar"); else none.
    fn region(&self) -> Option<String> {
        if let Some(r) = self.options.region.as_deref().map(str::trim)
            && !r.is_empty()
        {
            return Some(r.to_string());
        }
        let from_letterhead = self.letterhead.names.iter().find_map(|n| {
            let n = n.trim();
            n.to_uppercase()
                .starts_with("PEMERINTAH ")
                .then(|| format::title_case(&n["PEMERINTAH ".len()..]))
        });
        let signer = &self.content.signer;
        let named = [
            self.options.issuer.as_deref(),
            self.options
                .on_behalf_of
                .as_ref()
                .map(|o| o.principal.as_str()),
            Some(signer.position.as_str()),
            Some(signer.unit.as_str()),
        ];
        from_letterhead.or_else(|| named.into_iter().flatten().find_map(region_in))
    }

    /// The signature block (DOC-05): office lines with a.n./u.b., name, rank, NIP.
    fn signature(&self, place_date: Vec<String>, office_of: Option<&str>) -> Signature {
        let signer = &self.content.signer;
        let own = office_of.unwrap_or(&signer.position).trim().to_string();
        let mut office = Vec::new();
        if let Some(on) = &self.options.on_behalf_of {
            office.push(format!("a.n. {}", format::office(&on.principal)));
            if let Some(mid) = on.intermediate.as_deref().filter(|m| !m.trim().is_empty()) {
                office.push(format::office(mid));
                office.push("u.b.".to_string());
            }
        }
        if !own.is_empty() {
            office.push(format!("{},", format::office(&own)));
        }
        Signature {
            place_date,
            office,
            name: signer.name.trim().to_string(),
            rank: signer
                .rank
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string),
            nip: signer
                .nip
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .map(|n| format!("NIP. {}", format::nip(n))),
        }
    }

    /// The signature repeated under a Lampiran: without place and date.
    fn appendix_signature(&self, signature: &Signature) -> Signature {
        Signature {
            place_date: Vec::new(),
            ..signature.clone()
        }
    }
}

/// The region named in an office or unit: "… Kabupaten Banjar" → "Kabupaten Banjar", "Bupati
/// Banjar" → "Kabupaten Banjar", "Wali Kota X" → "Kota X", "Gubernur X" → "Provinsi X".
fn region_in(text: &str) -> Option<String> {
    let t = format::title_case(text.trim());
    for word in ["Kabupaten ", "Kota ", "Provinsi "] {
        if let Some(i) = t.find(word)
            && (i == 0 || t[..i].ends_with(' '))
            && t.len() > i + word.len()
        {
            return Some(t[i..].to_string());
        }
    }
    for (office, region) in [
        ("Bupati ", "Kabupaten "),
        ("Wali Kota ", "Kota "),
        ("Gubernur ", "Provinsi "),
    ] {
        if let Some(name) = t.strip_prefix(office).filter(|n| !n.is_empty()) {
            return Some(format!("{region}{name}"));
        }
    }
    None
}

/// A paragraph of the content, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// "Menimbang:" or "Mengingat: text".
    Label {
        label: String,
        text: String,
    },
    /// "MEMUTUSKAN:", "MEMERINTAHKAN:".
    Centered(String),
    /// "a. text", "1. text".
    Item {
        marker: String,
        text: String,
    },
    /// The numbered line of the content's member with this index.
    Member(usize),
    Text(String),
}

const LABELS: [&str; 12] = [
    "Menimbang",
    "Mengingat",
    "Memperhatikan",
    "Menetapkan",
    "Dasar",
    "Kepada",
    "Untuk",
    "KESATU",
    "KEDUA",
    "KETIGA",
    "KEEMPAT",
    "KELIMA",
];

/// Reads the structure of the content's paragraphs back (see the module comment).
fn classify(content: &LetterContent) -> Vec<Piece> {
    content
        .paragraphs
        .iter()
        .map(|p| classify_one(p.trim(), &content.members))
        .collect()
}

fn classify_one(p: &str, members: &[LetterMember]) -> Piece {
    if let Some(i) = members
        .iter()
        .enumerate()
        .position(|(i, m)| p.starts_with(&format!("{}. {}, NIP {}", i + 1, m.name, m.nip)))
    {
        return Piece::Member(i);
    }
    if p == "MEMUTUSKAN:" || p == "MEMERINTAHKAN:" {
        return Piece::Centered(p.to_string());
    }
    if let Some((label, text)) = p.split_once(':')
        && LABELS.contains(&label.trim())
    {
        return Piece::Label {
            label: label.trim().to_string(),
            text: text.trim().to_string(),
        };
    }
    if let Some((marker, text)) = p.split_once(' ') {
        let m = marker.strip_suffix('.').unwrap_or("");
        let is_marker = (m.len() == 1 && m.chars().all(|c| c.is_ascii_lowercase()))
            || (!m.is_empty() && m.len() <= 2 && m.chars().all(|c| c.is_ascii_digit()));
        if is_marker {
            return Piece::Item {
                marker: marker.to_string(),
                text: text.trim().to_string(),
            };
        }
    }
    Piece::Text(p.to_string())
}

/// The text of the first label `label` among `pieces`.
fn labeled_text<'p>(pieces: &'p [Piece], label: &str) -> Option<&'p str> {
    pieces.iter().find_map(|p| match p {
        Piece::Label { label: l, text } if l == label => Some(text.as_str()),
        _ => None,
    })
}

/// The items that follow the label `label` up to the next label.
fn items_under(pieces: &[Piece], label: &str) -> Vec<Item> {
    let mut inside = false;
    let mut items = Vec::new();
    for p in pieces {
        match p {
            Piece::Label { label: l, .. } => inside = l == label,
            Piece::Item { marker, text } if inside => items.push(Item::new(marker, text)),
            Piece::Item { .. } | Piece::Member(_) => {}
            _ => inside = false,
        }
    }
    items
}

/// The generic layout of a body: labels become labelled sections, items join the section or
/// list before them, the people become `members` (placed once, where their lines stood).
fn assemble(pieces: &[Piece], mut members: Option<Block>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for p in pieces {
        match p {
            Piece::Label { label, text } => blocks.push(Block::Labeled {
                label: label.clone(),
                text: text.clone(),
                items: Vec::new(),
            }),
            Piece::Centered(text) => blocks.push(Block::Centered { text: text.clone() }),
            Piece::Item { marker, text } => {
                let item = Item::new(marker, text);
                match blocks.last_mut() {
                    Some(Block::Labeled { items, .. } | Block::List { items }) => items.push(item),
                    _ => blocks.push(Block::List { items: vec![item] }),
                }
            }
            Piece::Member(_) => {
                if let Some(table) = members.take() {
                    blocks.push(table);
                }
            }
            Piece::Text(text) => blocks.push(Block::Paragraph { text: text.clone() }),
        }
    }
    blocks
}

/// The table of people inside a letter: No, Nama/NIP, Jabatan, Unit Organisasi, Kedudukan,
/// Jangka Waktu.
fn members_table(members: &[LetterMember]) -> Block {
    let col = |header: &str, width: u16, center: bool| Column {
        header: header.to_string(),
        width,
        center,
    };
    Block::Table(Table {
        columns: vec![
            col("No", 6, true),
            col("Nama / NIP", 28, false),
            col("Jabatan", 19, false),
            col("Unit Organisasi", 18, false),
            col("Kedudukan", 13, false),
            col("Jangka Waktu", 16, false),
        ],
        rows: members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                vec![
                    vec![format!("{}.", i + 1)],
                    name_cell(&m.name, Some(&m.nip)),
                    vec![m.position.clone()],
                    vec![m.unit.clone()],
                    vec![m.role.clone()],
                    vec![
                        format::date(m.from),
                        format!("s.d. {}", format::date(m.until)),
                    ],
                ]
            })
            .collect(),
    })
}

/// A name and, under it, "NIP. …".
fn name_cell(name: &str, nip: Option<&str>) -> Vec<String> {
    let mut cell = vec![name.trim().to_string()];
    if let Some(n) = nip.filter(|n| !n.trim().is_empty()) {
        cell.push(format!("NIP. {}", format::nip(n)));
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_is_read_from_an_office_or_unit() {
        assert_eq!(
            region_in("Sekretaris Daerah Kabupaten Banjar").as_deref(),
            Some("Kabupaten Banjar")
        );
        assert_eq!(
            region_in("Bupati Banjar").as_deref(),
            Some("Kabupaten Banjar")
        );
        assert_eq!(
            region_in("Wali Kota Banjarbaru").as_deref(),
            Some("Kota Banjarbaru")
        );
        assert_eq!(
            region_in("Pemerintah Provinsi Kalimantan Selatan").as_deref(),
            Some("Provinsi Kalimantan Selatan")
        );
        assert_eq!(region_in("Kepala Dinas Kesehatan"), None);
        assert_eq!(region_in("Bupati"), None);
    }

    #[test]
    fn doc_04_the_structure_of_a_paragraph_is_read_back() {
        let none: [LetterMember; 0] = [];
        assert_eq!(
            classify_one("Menimbang:", &none),
            Piece::Label {
                label: "Menimbang".into(),
                text: String::new()
            }
        );
        assert_eq!(
            classify_one("KEDUA: Pegawai bertugas: a", &none),
            Piece::Label {
                label: "KEDUA".into(),
                text: "Pegawai bertugas: a".into()
            }
        );
        assert_eq!(
            classify_one("b. bahwa berdasarkan", &none),
            Piece::Item {
                marker: "b.".into(),
                text: "bahwa berdasarkan".into()
            }
        );
        assert_eq!(
            classify_one("12. Melaksanakan", &none),
            Piece::Item {
                marker: "12.".into(),
                text: "Melaksanakan".into()
            }
        );
        assert_eq!(
            classify_one("MEMUTUSKAN:", &none),
            Piece::Centered("MEMUTUSKAN:".into())
        );
        assert_eq!(
            classify_one("Dalam rangka x: y", &none),
            Piece::Text("Dalam rangka x: y".into())
        );
        assert_eq!(
            classify_one("Ir. Budi", &none),
            Piece::Text("Ir. Budi".into())
        );
    }
}
