//! The format of letter numbers (DOC-05; Permendagri 1/2023 on Tata Naskah Dinas: *kode
//! klasifikasi / nomor urut / kode unit / tahun*). A register's pattern with its
//! classification code, unit code and year filled in is a [`NumberFormat`]: text with the
//! sequence number (`{seq}`) still open. Two registers of one agency with the same format
//! share one sequence (one *buku agenda*); two different formats that could still write the
//! same number (`800/{seq}` and `800/1{seq}`: both give `800/11`) are refused, so a number is
//! never given twice. Pure: storage keeps the sequences and the unique index.

use std::collections::{HashMap, VecDeque};

use crate::workflow::LetterKind;

/// The placeholder of the sequence number in a pattern.
pub const SEQ: &str = "{seq}";

/// One piece of a format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Part {
    Text(String),
    Seq,
}

/// Why a pattern gives no format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NumberFormatError {
    /// The pattern has no `{seq}`: every number would be the same.
    #[error("Pola nomor surat wajib memuat {{seq}} (nomor urut register, DOC-05).")]
    WithoutSeq,
}

/// A register's numbers: a pattern with its classification, unit and year filled in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumberFormat {
    parts: Vec<Part>,
}

impl NumberFormat {
    /// The format of a pattern: `{classification}`, `{unit}` and `{year}` are filled in,
    /// `{seq}` stays open (also when a code happens to contain the text `{seq}`).
    pub fn of(
        pattern: &str,
        classification: &str,
        unit: &str,
        year: i32,
    ) -> Result<NumberFormat, NumberFormatError> {
        if !pattern.contains(SEQ) {
            return Err(NumberFormatError::WithoutSeq);
        }
        let fill = |text: &str| {
            text.replace("{classification}", classification)
                .replace("{unit}", unit)
                .replace("{year}", &year.to_string())
        };
        let mut parts = Vec::new();
        for (i, text) in pattern.split(SEQ).enumerate() {
            if i > 0 {
                parts.push(Part::Seq);
            }
            let text = fill(text);
            if !text.is_empty() {
                parts.push(Part::Text(text));
            }
        }
        Ok(NumberFormat { parts })
    }

    /// The number `seq` in this format.
    pub fn number(&self, seq: i64) -> String {
        let seq = seq.to_string();
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.as_str(),
                Part::Seq => seq.as_str(),
            })
            .collect()
    }

    /// A text that names this format and nothing else, to store and compare: the format with
    /// `{seq}` open, braces of the codes doubled (`{{`, `}}`).
    pub fn key(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.replace('{', "{{").replace('}', "}}"),
                Part::Seq => SEQ.to_string(),
            })
            .collect()
    }

    /// The format a [`NumberFormat::key`] names; `None` for a text no key looks like.
    pub fn from_key(key: &str) -> Option<NumberFormat> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = key;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix(SEQ) {
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(Part::Seq);
                rest = after;
            } else if let Some(after) = rest.strip_prefix("{{") {
                text.push('{');
                rest = after;
            } else if let Some(after) = rest.strip_prefix("}}") {
                text.push('}');
                rest = after;
            } else if c == '{' || c == '}' {
                return None;
            } else {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        parts.contains(&Part::Seq).then_some(NumberFormat { parts })
    }

    /// A number both formats can write (for two different formats, from different sequence
    /// numbers or sequences), the shortest one; `None` when they never meet. The same format
    /// is one sequence and never repeats itself, so it answers `None` for itself. A pattern
    /// with `{seq}` twice is read as if each could differ: the answer may refuse a pair that
    /// could not really meet, never the other way round.
    pub fn shared_number(&self, other: &NumberFormat) -> Option<String> {
        if self == other {
            return None;
        }
        let a = Machine::new(self);
        let b = Machine::new(other);
        // Breadth first over pairs of states: the first accepting pair gives the shortest text.
        let start = (a.start(), b.start());
        let mut came_from: HashMap<Pair, Option<(Pair, char)>> = HashMap::new();
        let mut queue = VecDeque::new();
        for pair in pairs(&a.closure(start.0), &b.closure(start.1)) {
            if came_from.insert(pair, None).is_none() {
                queue.push_back(pair);
            }
        }
        while let Some(pair) = queue.pop_front() {
            if a.accepts(pair.0) && b.accepts(pair.1) {
                let mut text = Vec::new();
                let mut at = pair;
                while let Some(Some((prev, c))) = came_from.get(&at) {
                    text.push(*c);
                    at = *prev;
                }
                return Some(text.into_iter().rev().collect());
            }
            for c in a.next_chars(pair.0, b.next_chars_set(pair.1)) {
                let (Some(na), Some(nb)) = (a.step(pair.0, c), b.step(pair.1, c)) else {
                    continue;
                };
                for next in pairs(&a.closure(na), &b.closure(nb)) {
                    if let std::collections::hash_map::Entry::Vacant(e) = came_from.entry(next) {
                        e.insert(Some((pair, c)));
                        queue.push_back(next);
                    }
                }
            }
        }
        None
    }
}

/// A state of a format's matcher: at piece `at`; inside a sequence number once a digit of it
/// was read.
type State = (usize, bool);

/// A state of each of the two matchers read side by side.
type Pair = (State, State);

fn pairs(a: &[State], b: &[State]) -> Vec<Pair> {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| (*x, *y)))
        .collect()
}

/// The numbers of a format as a matcher over characters: text pieces char by char, the
/// sequence number as `[1-9][0-9]*`.
struct Machine {
    tokens: Vec<Token>,
}

#[derive(Clone, Copy)]
enum Token {
    Char(char),
    Seq,
}

/// Which characters a state may read next.
enum Next {
    One(char),
    Digits { zero: bool },
    Nothing,
}

impl Machine {
    fn new(format: &NumberFormat) -> Machine {
        let mut tokens = Vec::new();
        for p in &format.parts {
            match p {
                Part::Text(t) => tokens.extend(t.chars().map(Token::Char)),
                Part::Seq => tokens.push(Token::Seq),
            }
        }
        Machine { tokens }
    }

    fn start(&self) -> State {
        (0, false)
    }

    fn accepts(&self, s: State) -> bool {
        s.0 == self.tokens.len() && !s.1
    }

    /// The state and those reached without reading: a sequence number with a digit may end.
    fn closure(&self, s: State) -> Vec<State> {
        if s.1 {
            vec![s, (s.0 + 1, false)]
        } else {
            vec![s]
        }
    }

    fn next_of(&self, s: State) -> Next {
        match self.tokens.get(s.0) {
            None => Next::Nothing,
            Some(Token::Char(c)) => Next::One(*c),
            Some(Token::Seq) => Next::Digits { zero: s.1 },
        }
    }

    fn next_chars_set(&self, s: State) -> Vec<char> {
        match self.next_of(s) {
            Next::Nothing => Vec::new(),
            Next::One(c) => vec![c],
            Next::Digits { zero } => {
                let first = if zero { '0' } else { '1' };
                (first..='9').collect()
            }
        }
    }

    /// The characters both may read: those of `s` that are among `other`.
    fn next_chars(&self, s: State, other: Vec<char>) -> Vec<char> {
        let mine = self.next_chars_set(s);
        other.into_iter().filter(|c| mine.contains(c)).collect()
    }

    fn step(&self, s: State, c: char) -> Option<State> {
        match self.next_of(s) {
            Next::One(x) if x == c => Some((s.0 + 1, false)),
            Next::Digits { zero } if c.is_ascii_digit() && (zero || c != '0') => Some((s.0, true)),
            _ => None,
        }
    }
}

/// What a numbering register numbers (DOC-05): the letters of one [`LetterKind`], or the
/// performance agreements (*Perjanjian Kinerja*, issue 15 point 6), which are no letter of a
/// workflow but take a number from their Perangkat Daerah's register all the same. One register
/// per issuing Perangkat Daerah, register kind and year; its numbers share the sequences of the
/// agency's formats like any letter's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegisterKind {
    Letter(LetterKind),
    PerformanceAgreement,
}

impl RegisterKind {
    /// Every register kind: the letters in their order, then the agreements.
    pub const ALL: [RegisterKind; 7] = [
        RegisterKind::Letter(LetterKind::ALL[0]),
        RegisterKind::Letter(LetterKind::ALL[1]),
        RegisterKind::Letter(LetterKind::ALL[2]),
        RegisterKind::Letter(LetterKind::ALL[3]),
        RegisterKind::Letter(LetterKind::ALL[4]),
        RegisterKind::Letter(LetterKind::ALL[5]),
        RegisterKind::PerformanceAgreement,
    ];

    /// Stable code, kept in `letter_registers.kind`: a letter kind's own code, or
    /// `performance_agreement`.
    pub fn code(self) -> &'static str {
        match self {
            RegisterKind::Letter(kind) => kind.code(),
            RegisterKind::PerformanceAgreement => "performance_agreement",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<RegisterKind> {
        RegisterKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Indonesian name of what the register numbers.
    pub fn label(self) -> &'static str {
        match self {
            RegisterKind::Letter(kind) => kind.label(),
            RegisterKind::PerformanceAgreement => "Perjanjian Kinerja",
        }
    }

    /// The letter kind, for a register of letters.
    pub fn letter(self) -> Option<LetterKind> {
        match self {
            RegisterKind::Letter(kind) => Some(kind),
            RegisterKind::PerformanceAgreement => None,
        }
    }
}

impl From<LetterKind> for RegisterKind {
    fn from(kind: LetterKind) -> RegisterKind {
        RegisterKind::Letter(kind)
    }
}

impl std::fmt::Display for RegisterKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl serde::Serialize for RegisterKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may panic on unexpected errors
mod tests {
    use super::*;

    fn f(pattern: &str) -> NumberFormat {
        NumberFormat::of(pattern, "800.1.11", "DISKOMINFOSTAT", 2026).unwrap()
    }

    #[test]
    fn doc_05_the_default_pattern_writes_classification_sequence_unit_year() {
        let format = f("{classification}/{seq}/{unit}/{year}");
        assert_eq!(format.number(1), "800.1.11/1/DISKOMINFOSTAT/2026");
        assert_eq!(format.key(), "800.1.11/{seq}/DISKOMINFOSTAT/2026");
        assert_eq!(NumberFormat::from_key(&format.key()), Some(format));
    }

    #[test]
    fn doc_05_a_pattern_without_seq_gives_no_format() {
        assert_eq!(
            NumberFormat::of("{classification}/{unit}", "800", "X", 2026),
            Err(NumberFormatError::WithoutSeq)
        );
    }

    #[test]
    fn doc_05_a_code_containing_braces_keeps_its_own_key() {
        let format = NumberFormat::of("{unit}/{seq}", "800", "A{seq}}", 2026).unwrap();
        assert_eq!(format.number(7), "A{seq}}/7");
        assert_eq!(format.key(), "A{{seq}}}}/{seq}");
        assert_eq!(NumberFormat::from_key(&format.key()), Some(format));
        assert_eq!(NumberFormat::from_key("A{/{seq}"), None);
        assert_eq!(NumberFormat::from_key("tanpa nomor urut"), None);
    }

    #[test]
    fn doc_05_the_same_format_is_one_sequence_and_never_meets_itself() {
        let a = f("{classification}/{seq}/{unit}/{year}");
        assert_eq!(a.shared_number(&a.clone()), None);
    }

    #[test]
    fn doc_05_formats_of_other_years_units_or_classifications_never_meet() {
        let a = f("{classification}/{seq}/{unit}/{year}");
        for other in [
            NumberFormat::of(
                "{classification}/{seq}/{unit}/{year}",
                "800.1.11",
                "X",
                2026,
            ),
            NumberFormat::of(
                "{classification}/{seq}/{unit}/{year}",
                "800.1.12",
                "DISKOMINFOSTAT",
                2026,
            ),
            NumberFormat::of(
                "{classification}/{seq}/{unit}/{year}",
                "800.1.11",
                "DISKOMINFOSTAT",
                2027,
            ),
            NumberFormat::of(
                "{classification}/{seq}/ST/{unit}/{year}",
                "800.1.11",
                "DISKOMINFOSTAT",
                2026,
            ),
        ] {
            let other = other.unwrap();
            assert_eq!(a.shared_number(&other), None, "{}", other.key());
        }
    }

    #[test]
    fn doc_05_formats_that_can_write_the_same_number_are_found_with_an_example() {
        let a = f("800/{seq}");
        let b = f("800/1{seq}");
        assert_eq!(a.shared_number(&b).as_deref(), Some("800/11"));
        assert_eq!(b.shared_number(&a).as_deref(), Some("800/11"));
        // The sequence number may stand where the other format has a digit of its text.
        let c = f("{seq}/{unit}");
        let d = f("1{seq}/{unit}");
        assert_eq!(c.shared_number(&d).as_deref(), Some("11/DISKOMINFOSTAT"));
        // A sequence number never starts with 0: "800/0{seq}" writes nothing "800/{seq}" does.
        assert_eq!(f("800/{seq}").shared_number(&f("800/0{seq}")), None);
        // Two open numbers side by side against one.
        let e = f("{seq}-{seq}");
        let g = f("1-{seq}");
        assert_eq!(e.shared_number(&g).as_deref(), Some("1-1"));
    }

    #[test]
    fn doc_05_every_letter_kind_and_the_agreements_have_a_register_kind() {
        for kind in LetterKind::ALL {
            assert_eq!(RegisterKind::from(kind).code(), kind.code());
            assert!(RegisterKind::ALL.contains(&RegisterKind::Letter(kind)));
        }
        let pk = RegisterKind::PerformanceAgreement;
        assert_eq!(RegisterKind::from_code("performance_agreement"), Some(pk));
        assert_eq!(pk.label(), "Perjanjian Kinerja");
        assert_eq!(pk.letter(), None);
        assert_eq!(
            RegisterKind::from_code("surat_tugas"),
            Some(RegisterKind::Letter(LetterKind::SuratTugas))
        );
    }
}
