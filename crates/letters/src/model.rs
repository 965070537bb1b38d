//! The document model: one laid-out-agnostic tree that both renderers walk, so the PDF and the
//! DOCX of a letter carry the same text (DOC-06). [`Letter::plain_text`] is that text.
//!
//! The tree is built from the domain's [`LetterContent`](sikerja_domain::workflow::LetterContent)
//! by [`Letter::new`](crate::Letter::new); it is serialised to JSON for the typst templates.

use serde::{Deserialize, Serialize};
use sikerja_domain::workflow::LetterKind;

/// The *kop surat*: the issuing government's or unit's letterhead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    /// The emblem as PNG bytes; drawn left of the names (centred above them in a Keputusan
    /// Bupati). Not serialised: the renderers pass it as a file.
    #[serde(skip)]
    pub logo_png: Option<Vec<u8>>,
    /// Name lines from the top, e.g. "PEMERINTAH KABUPATEN BANJAR", "DINAS KOMUNIKASI,
    /// INFORMATIKA, STATISTIK DAN PERSANDIAN". The last one is printed largest.
    pub names: Vec<String>,
    /// Street address, e.g. "Jalan Jenderal A. Yani Nomor 2, Martapura 70611".
    pub address: String,
    /// Telephone, e-mail and website lines, printed small under the address.
    pub contacts: Vec<String>,
}

impl Letterhead {
    /// Every line of the letterhead, in order.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = self.names.clone();
        if !self.address.trim().is_empty() {
            lines.push(self.address.clone());
        }
        lines.extend(self.contacts.iter().cloned());
        lines
    }
}

/// The verification block: where anyone can check the issued letter, and its hash, shown as
/// text and as a QR code of the URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The page that shows the issued letter, e.g. `https://sikerja.banjarkab.go.id/v/ab12`.
    pub url: String,
    /// The SHA-256 of the issued content, in hexadecimal.
    pub sha: String,
}

/// The title block of a letter; its shape depends on the kind of letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "style", rename_all = "snake_case")]
pub enum Heading {
    /// A Keputusan (DOC-01, DOC-02): centred title, number, "TENTANG", subject, the issuing
    /// office with a comma.
    Decree {
        /// "KEPUTUSAN BUPATI BANJAR".
        title: String,
        /// "NOMOR 800.1.11/17/BKPSDM/2026".
        number: String,
        /// "TENTANG".
        about: String,
        /// The subject in capitals.
        subject: String,
        /// "BUPATI BANJAR,".
        issuer: String,
    },
    /// A Surat Tugas or Surat Penugasan (DOC-03, DOC-04): centred, underlined title and number.
    Order {
        /// "SURAT TUGAS".
        title: String,
        /// "NOMOR 800/12/DISKOMINFO".
        number: String,
    },
    /// A letter (*surat dinas*, DOC-04): place and date, Nomor/Sifat/Lampiran/Hal, addressees.
    Letter {
        /// "Martapura, 20 Januari 2025".
        place_date: String,
        /// Nomor, Sifat, Lampiran, Hal.
        fields: Vec<Field>,
        /// "Yth." lines, each with the "Yth." prefix.
        addressees: Vec<String>,
        /// "di Tempat" or a place.
        at: String,
    },
}

/// A label and its value, written "Label : value".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

impl Field {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Field {
        Field {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// One item of a list: a marker ("a.", "1.") and its text, with sub-items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// "a.", "1.", or empty for an unmarked line.
    pub marker: String,
    pub text: String,
    pub items: Vec<Item>,
}

impl Item {
    pub fn new(marker: impl Into<String>, text: impl Into<String>) -> Item {
        Item {
            marker: marker.into(),
            text: text.into(),
            items: Vec::new(),
        }
    }

    /// Items marked 1., 2., … (or a., b., … when `letters`).
    pub fn numbered<S: Into<String>>(
        texts: impl IntoIterator<Item = S>,
        letters: bool,
    ) -> Vec<Item> {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| Item::new(marker(i, letters), t))
            .collect()
    }
}

/// The `i`-th marker (from 0): "1." or "a.".
pub fn marker(i: usize, letters: bool) -> String {
    if letters {
        let c = char::from(b'a' + u8::try_from(i % 26).unwrap_or(0));
        format!("{c}.")
    } else {
        format!("{}.", i + 1)
    }
}

/// A column of a table: its heading and its share of the width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    /// Relative width (all columns of a table add up to 100).
    pub width: u16,
    /// Centre the cells (numbers, short codes).
    pub center: bool,
}

/// A table with a heading row; each cell is one or more lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Vec<String>>>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A justified paragraph.
    Paragraph { text: String },
    /// A centred, bold line: "MEMUTUSKAN:", "MEMERINTAHKAN:".
    Centered { text: String },
    /// A labelled section of a Keputusan or Surat Tugas: "Menimbang : a. bahwa …". `text`
    /// stands after the colon; `items` follow it, each with its marker.
    Labeled {
        label: String,
        text: String,
        items: Vec<Item>,
    },
    /// An indented list inside a letter's body.
    List { items: Vec<Item> },
    /// A table (the people named).
    Table(Table),
}

/// The signature block, on the right half of the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// "Ditetapkan di Martapura" / "pada tanggal 20 Januari 2025", or "Martapura, 20 Januari
    /// 2025"; empty where the date stands at the top of the letter.
    pub place_date: Vec<String>,
    /// The office lines, with "a.n." and "u.b." when signing on behalf of another, the last one
    /// ending in a comma.
    pub office: Vec<String>,
    /// Name with titles, as given.
    pub name: String,
    /// *Pangkat/golongan*, under the name.
    pub rank: Option<String>,
    /// "NIP. 19870111 200904 1 001".
    pub nip: Option<String>,
}

/// A *Lampiran*: a page (or pages) after the letter, with its own reference block and the
/// signature repeated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appendix {
    /// The reference block at the top right: "LAMPIRAN", "NOMOR", "TANGGAL", "TENTANG".
    pub reference: Vec<Field>,
    /// Centred title lines.
    pub title: Vec<String>,
    pub body: Vec<Block>,
    pub signature: Signature,
}

/// A letter ready to be rendered: what the PDF and the DOCX show, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub kind: LetterKind,
    /// The agency code whose template overrides apply (see [`crate::Templates`]).
    pub agency: Option<String>,
    pub letterhead: Letterhead,
    /// The register number; `None` for a preview (the number line then says DRAFT).
    pub number: Option<String>,
    pub heading: Heading,
    pub body: Vec<Block>,
    pub signature: Signature,
    /// *Tembusan*, listed numbered under the heading "Tembusan:".
    pub copies: Vec<String>,
    pub verification: Option<Verification>,
    pub appendix: Option<Appendix>,
    /// For the PDF's metadata: the subject (*Hal* / *tentang*).
    pub subject: String,
    /// The rule and article of the workflow that produced the letter (metadata, not printed).
    pub rule_id: String,
    pub article: String,
}

/// The heading of the copy list.
pub const COPIES_HEADING: &str = "Tembusan:";
/// The verification lines' lead texts.
pub const VERIFY_URL_LEAD: &str = "Keaslian dokumen ini dapat diperiksa pada";
pub const VERIFY_SHA_LEAD: &str = "Kode verifikasi (SHA-256):";

impl Letter {
    /// Every text of the letter in reading order, one string per printed unit (a line of the
    /// letterhead, a label, a marker, a paragraph, a table cell line). Both renderers print
    /// exactly these strings; tests compare them with what the PDF and the DOCX contain.
    pub fn texts(&self) -> Vec<String> {
        let mut out = self.letterhead.lines();
        match &self.heading {
            Heading::Decree {
                title,
                number,
                about,
                subject,
                issuer,
            } => out.extend([title, number, about, subject, issuer].map(String::clone)),
            Heading::Order { title, number } => {
                out.extend([title.clone(), number.clone()]);
            }
            Heading::Letter {
                place_date,
                fields,
                addressees,
                at,
            } => {
                out.push(place_date.clone());
                fields_texts(fields, &mut out);
                out.extend(addressees.iter().cloned());
                out.push(at.clone());
            }
        }
        blocks_texts(&self.body, &mut out);
        signature_texts(&self.signature, &mut out);
        if !self.copies.is_empty() {
            out.push(COPIES_HEADING.to_string());
            for (i, c) in self.copies.iter().enumerate() {
                out.push(marker(i, false));
                out.push(c.clone());
            }
        }
        if let Some(v) = &self.verification {
            out.extend([
                VERIFY_URL_LEAD.to_string(),
                v.url.clone(),
                VERIFY_SHA_LEAD.to_string(),
                v.sha.clone(),
            ]);
        }
        if let Some(a) = &self.appendix {
            fields_texts(&a.reference, &mut out);
            out.extend(a.title.iter().cloned());
            blocks_texts(&a.body, &mut out);
            signature_texts(&a.signature, &mut out);
        }
        out.retain(|t| !t.trim().is_empty());
        out
    }

    /// The letter's text for reading (and the snapshot tests): the strings of
    /// [`Letter::texts`] as lines — "Label : value", list items indented under their marker,
    /// table rows with cells separated by " | " and a cell's lines by " / ", sections separated
    /// by a blank line.
    pub fn plain_text(&self) -> String {
        let mut w = Lines::default();
        for l in self.letterhead.lines() {
            w.line(&l);
        }
        w.gap();
        match &self.heading {
            Heading::Decree {
                title,
                number,
                about,
                subject,
                issuer,
            } => {
                for l in [title, number, about, subject] {
                    w.line(l);
                }
                w.gap();
                w.line(issuer);
            }
            Heading::Order { title, number } => {
                w.line(title);
                w.line(number);
            }
            Heading::Letter {
                place_date,
                fields,
                addressees,
                at,
            } => {
                w.line(place_date);
                w.fields(fields);
                w.gap();
                for a in addressees {
                    w.line(a);
                }
                w.line(at);
            }
        }
        w.gap();
        w.blocks(&self.body);
        w.signature(&self.signature);
        if !self.copies.is_empty() {
            w.gap();
            w.line(COPIES_HEADING);
            for (i, c) in self.copies.iter().enumerate() {
                w.line(&format!("{} {c}", marker(i, false)));
            }
        }
        if let Some(v) = &self.verification {
            w.gap();
            w.line(&format!("{VERIFY_URL_LEAD} {}", v.url));
            w.line(&format!("{VERIFY_SHA_LEAD} {}", v.sha));
        }
        if let Some(a) = &self.appendix {
            w.gap();
            w.line("--- halaman baru ---");
            w.fields(&a.reference);
            w.gap();
            for t in &a.title {
                w.line(t);
            }
            w.gap();
            w.blocks(&a.body);
            w.signature(&a.signature);
        }
        w.0
    }
}

/// The writer of [`Letter::plain_text`].
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, s: &str) {
        if !s.trim().is_empty() {
            self.0.push_str(s.trim_end());
            self.0.push('\n');
        }
    }

    fn gap(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with("\n\n") {
            self.0.push('\n');
        }
    }

    fn fields(&mut self, fields: &[Field]) {
        for f in fields {
            self.line(&format!("{} : {}", f.label, f.value));
        }
    }

    fn items(&mut self, items: &[Item], depth: usize) {
        let indent = "  ".repeat(depth);
        for i in items {
            self.line(&format!("{indent}{} {}", i.marker, i.text));
            self.items(&i.items, depth + 1);
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Paragraph { text } | Block::Centered { text } => self.line(text),
                Block::Labeled { label, text, items } => {
                    self.line(format!("{label} : {text}").trim_end());
                    self.items(items, 1);
                }
                Block::List { items } => self.items(items, 1),
                Block::Table(t) => {
                    let head: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
                    self.line(&head.join(" | "));
                    for row in &t.rows {
                        let cells: Vec<String> = row.iter().map(|c| c.join(" / ")).collect();
                        self.line(&cells.join(" | "));
                    }
                }
            }
            self.gap();
        }
    }

    fn signature(&mut self, s: &Signature) {
        for l in s.place_date.iter().chain(&s.office) {
            self.line(l);
        }
        self.line(&s.name);
        for l in s.rank.iter().chain(&s.nip) {
            self.line(l);
        }
    }
}

fn fields_texts(fields: &[Field], out: &mut Vec<String>) {
    for f in fields {
        out.push(f.label.clone());
        out.push(":".into());
        out.push(f.value.clone());
    }
}

fn items_texts(items: &[Item], out: &mut Vec<String>) {
    for i in items {
        out.push(i.marker.clone());
        out.push(i.text.clone());
        items_texts(&i.items, out);
    }
}

fn blocks_texts(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { text } | Block::Centered { text } => out.push(text.clone()),
            Block::Labeled { label, text, items } => {
                out.push(label.clone());
                out.push(":".into());
                out.push(text.clone());
                items_texts(items, out);
            }
            Block::List { items } => items_texts(items, out),
            Block::Table(t) => {
                out.extend(t.columns.iter().map(|c| c.header.clone()));
                for row in &t.rows {
                    for cell in row {
                        out.extend(cell.iter().cloned());
                    }
                }
            }
        }
    }
}

fn signature_texts(s: &Signature, out: &mut Vec<String>) {
    out.extend(s.place_date.iter().cloned());
    out.extend(s.office.iter().cloned());
    out.push(s.name.clone());
    out.extend(s.rank.iter().cloned());
    out.extend(s.nip.iter().cloned());
}
