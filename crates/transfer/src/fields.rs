//! Reading one record — a JSON object or a worksheet row — field by field, turning every bad
//! value into a problem located where the user can find it, with the domain's own messages.

use sikerja_domain::assignment::Day;
use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::nip::Nip;
use sikerja_domain::org::{
    ActingKind, AgencyKind, AssessorPolicy, DepartmentKind, EmploymentType, FunctionalLevel,
    PerformanceRating, PositionClass, Substance, UnitKind,
};

use sikerja_domain::regional_heads::RegionalOffice;

use crate::limits::MAX_VALUE_CHARS;
use crate::problem::{ImportProblem, Problems};
use crate::schema::Column;

/// A value as read, before interpretation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
}

/// Where a record is.
#[derive(Debug, Clone)]
pub(crate) enum Place {
    /// A JSON object at `path` (e.g. `employees[3]`).
    Json(String),
    /// A worksheet row (1-based, header is row 1).
    Sheet(&'static str, u32),
}

impl Place {
    /// A problem at `field` of this place; `columns` name the headers of a sheet.
    pub(crate) fn problem(
        &self,
        columns: &[Column],
        field: &str,
        code: &'static str,
        message: String,
    ) -> ImportProblem {
        match self {
            Place::Json(path) => ImportProblem {
                sheet: None,
                row: None,
                field: Some(if field.is_empty() {
                    path.clone()
                } else {
                    format!("{path}.{field}")
                }),
                code,
                message,
            },
            Place::Sheet(sheet, row) => ImportProblem {
                sheet: Some((*sheet).to_string()),
                row: Some(*row),
                field: columns
                    .iter()
                    .find(|c| c.field == field)
                    .map(|c| c.header.to_string()),
                code,
                message,
            },
        }
    }
}

/// The closed vocabularies of the domain, read by code or by Indonesian label.
pub(crate) trait Vocab: Copy + 'static {
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
}

macro_rules! vocab {
    ($($t:ty),+) => {$(
        impl Vocab for $t {
            fn all() -> &'static [Self] { <$t>::ALL }
            fn code(self) -> &'static str { <$t>::code(self) }
            fn label(self) -> &'static str { <$t>::label(self) }
        }
    )+};
}

vocab!(
    AgencyKind,
    DepartmentKind,
    UnitKind,
    PositionClass,
    FunctionalLevel,
    Substance,
    EmploymentType,
    ActingKind,
    PerformanceRating,
    AssessorPolicy,
    RegionalOffice
);

/// Lower case with runs of spaces, dots and dashes as one underscore: "Ahli Muda" → "ahli_muda".
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// Parses a vocabulary value given as its code or its label (any case).
pub(crate) fn parse_vocab<T: Vocab>(s: &str) -> Option<T> {
    let wanted = slug(s);
    T::all()
        .iter()
        .copied()
        .find(|v| v.code() == wanted || slug(v.label()) == wanted)
        .or_else(|| {
            // Short forms such as "JPT Pratama" or "Plt".
            T::all().iter().copied().find(|v| slug(v.code()) == wanted)
        })
}

/// "`a` (Label A), `b` (Label B)" for messages.
pub(crate) fn allowed<T: Vocab>() -> String {
    T::all()
        .iter()
        .map(|v| format!("{} ({})", v.code(), v.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One record being read: its cells by field and the problems found so far.
pub(crate) struct Record<'a> {
    pub place: Place,
    pub columns: &'static [Column],
    cells: Vec<(String, Cell)>,
    problems: &'a mut Problems,
    /// Whether this record had a problem of its own.
    pub bad: bool,
}

impl<'a> Record<'a> {
    pub(crate) fn new(
        place: Place,
        columns: &'static [Column],
        cells: Vec<(String, Cell)>,
        problems: &'a mut Problems,
    ) -> Record<'a> {
        let mut r = Record {
            place,
            columns,
            cells,
            problems,
            bad: false,
        };
        r.refuse_long_values();
        r
    }

    /// A value longer than [`MAX_VALUE_CHARS`] is a problem (named, not echoed) and read as
    /// empty, so no message can repeat it.
    fn refuse_long_values(&mut self) {
        // Only the fields of the record count: other keys of a JSON object are ignored.
        let columns = self.columns;
        let known = |f: &str| columns.iter().any(|c| c.field == f);
        let text: usize = self
            .cells
            .iter()
            .map(|(f, c)| match c {
                Cell::Text(s) if known(f) => s.len(),
                _ => 0,
            })
            .sum();
        if !self.problems.spend_text(text) {
            // Past the file's text budget (MAX_TEXT_BYTES): nothing more is kept.
            self.bad = true;
            for (_, c) in &mut self.cells {
                *c = Cell::Empty;
            }
            return;
        }
        for i in 0..self.cells.len() {
            if !known(&self.cells[i].0) {
                continue;
            }
            if matches!(&self.cells[i].1, Cell::Text(s) if s.chars().count() > MAX_VALUE_CHARS) {
                let field = self.cells[i].0.clone();
                let m = format!("isian terlalu panjang (paling banyak {MAX_VALUE_CHARS} karakter)");
                self.problem(&field, "value_too_long", m);
                self.cells[i].1 = Cell::Empty;
            }
        }
    }

    pub(crate) fn problem(&mut self, field: &str, code: &'static str, message: String) {
        self.bad = true;
        let p = self.place.problem(self.columns, field, code, message);
        self.problems.push(p);
    }

    fn cell(&self, field: &str) -> &Cell {
        self.cells
            .iter()
            .find(|(f, _)| f == field)
            .map_or(&Cell::Empty, |(_, c)| c)
    }

    /// Text of a field; numbers are written without a fraction when whole.
    pub(crate) fn text(&self, field: &str) -> String {
        match self.cell(field) {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }

    /// Text of a field, `None` when empty.
    pub(crate) fn opt_text(&self, field: &str) -> Option<String> {
        Some(self.text(field)).filter(|s| !s.is_empty())
    }

    /// A required vocabulary value.
    pub(crate) fn vocab<T: Vocab>(&mut self, field: &str, default: T) -> T {
        match self.opt_vocab(field) {
            Some(v) => v,
            None => {
                if self.text(field).is_empty() {
                    let m = format!("wajib diisi; pilihan: {}", allowed::<T>());
                    self.problem(field, "value_required", m);
                }
                default
            }
        }
    }

    /// An optional vocabulary value; an unknown one is a problem listing the allowed codes.
    pub(crate) fn opt_vocab<T: Vocab>(&mut self, field: &str) -> Option<T> {
        let s = self.opt_text(field)?;
        let v = parse_vocab::<T>(&s);
        if v.is_none() {
            let m = format!("nilai \"{s}\" tidak dikenal; pilihan: {}", allowed::<T>());
            self.problem(field, "value_unknown", m);
        }
        v
    }

    /// Yes/no: `Ya`/`Tidak`, `true`/`false`, `1`/`0`; empty is no.
    pub(crate) fn flag(&mut self, field: &str) -> bool {
        if let Cell::Bool(b) = self.cell(field) {
            return *b;
        }
        match slug(&self.text(field)).as_str() {
            "" | "tidak" | "t" | "false" | "0" | "no" | "n" => false,
            "ya" | "y" | "true" | "1" | "yes" => true,
            other => {
                let m = format!("nilai \"{other}\" tidak dikenal; isi Ya atau Tidak");
                self.problem(field, "flag_unknown", m);
                false
            }
        }
    }

    /// A whole number in `min..=max`.
    pub(crate) fn number(&mut self, field: &str, min: u32, max: u32) -> Option<u32> {
        let s = self.text(field);
        if s.is_empty() {
            self.problem(field, "value_required", "wajib diisi dengan angka".into());
            return None;
        }
        match s.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                let m = format!("\"{s}\" bukan bilangan bulat antara {min} dan {max}");
                self.problem(field, "number_invalid", m);
                None
            }
        }
    }

    /// A NIP written as text. A number is refused: a spreadsheet keeps 15 significant digits,
    /// so an 18-digit NIP stored as a number has already lost its last digits.
    pub(crate) fn nip(&mut self, field: &str) -> Option<Nip> {
        if let Cell::Number(n) = self.cell(field) {
            let m = format!(
                "NIP tersimpan sebagai angka ({n}), sehingga digit terakhirnya bisa hilang; \
                 format kolom NIP sebagai Teks lalu ketik ulang NIP-nya"
            );
            self.problem(field, "nip_numeric", m);
            return None;
        }
        let s = self.text(field);
        if s.is_empty() {
            self.problem(field, "value_required", "NIP wajib diisi".into());
            return None;
        }
        match Nip::parse(&s) {
            Ok(n) => Some(n),
            Err(e) => {
                self.problem(field, e.code(), e.to_string());
                None
            }
        }
    }

    /// A grade of either scale (validation checks it against the employment type); with a
    /// pangkat given, it must match the grade (ORG-07).
    pub(crate) fn grade(&mut self, field: &str, rank_field: &str) -> Option<Grade> {
        let s = self.text(field);
        if s.is_empty() {
            self.problem(field, "value_required", "golongan wajib diisi".into());
            return None;
        }
        let grade = match Grade::parse_any(&s) {
            Ok(g) => g,
            Err(e) => {
                self.problem(field, e.code(), e.to_string());
                return None;
            }
        };
        if let Err(e) = grade.check_rank(&self.text(rank_field)) {
            self.problem(rank_field, e.code(), e.to_string());
        }
        Some(grade)
    }

    /// An optional date: `YYYY-MM-DD` text, or a date cell of a spreadsheet (a serial number
    /// of days since 30 December 1899).
    pub(crate) fn day(&mut self, field: &str) -> Option<Day> {
        if let Cell::Number(n) = self.cell(field) {
            let serial = *n;
            let day = (serial.fract() == 0.0 && (1.0..=2_958_465.0).contains(&serial))
                .then(|| Day::parse("1899-12-30").ok()?.add_days(serial as i64))
                .flatten();
            if day.is_none() {
                let m = format!("\"{serial}\" bukan tanggal; tulis TTTT-BB-HH, mis. 2025-01-31");
                self.problem(field, "date_invalid", m);
            }
            return day;
        }
        let s = self.opt_text(field)?;
        match Day::parse(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(field, "date_invalid", e.to_string());
                None
            }
        }
    }

    /// The highest education (SD … S3).
    pub(crate) fn education(&mut self, field: &str) -> Education {
        let s = self.text(field);
        Education::parse(&s).unwrap_or_else(|| {
            let all: Vec<&str> = Education::ALL.iter().map(|e| e.label()).collect();
            let m = if s.is_empty() {
                format!("wajib diisi; pilihan: {}", all.join(", "))
            } else {
                format!(
                    "pendidikan \"{s}\" tidak dikenal; pilihan: {}",
                    all.join(", ")
                )
            };
            self.problem(
                field,
                if s.is_empty() {
                    "value_required"
                } else {
                    "value_unknown"
                },
                m,
            );
            Education::S1
        })
    }
}
