//! `Code` — the key of an agency, a Perangkat Daerah, a unit or a position (ORG-01, ORG-03).
//!
//! Codes appear in URLs, file names of exports and letter numbers, so they are kept to a
//! short, safe alphabet: a letter or digit first, then letters, digits, `.`, `_` or `-`, at
//! most [`Code::MAX_LEN`] characters in all, and never `..` (so a code can never name a
//! parent folder such as `../../etc`). The pattern is documented in `docs/import-format.md`.

use thiserror::Error;

/// A valid code. Construct with [`Code::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(String);

/// Why a code was refused. Each has a stable code and an Indonesian message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeError {
    #[error("kode tidak boleh kosong")]
    Empty,
    #[error("kode paling panjang {max} karakter (diterima {found})", max = Code::MAX_LEN)]
    TooLong { found: usize },
    #[error("kode harus diawali huruf atau angka")]
    Start,
    #[error(
        "kode hanya boleh berisi huruf, angka, titik, garis bawah dan tanda hubung (ditemukan {found:?})"
    )]
    Character { found: char },
    #[error("kode tidak boleh mengandung \"..\"")]
    DoubleDot,
}

impl CodeError {
    /// Stable `snake_case` suffix; callers prefix it with what the code names
    /// (`unit_code_invalid`, …) where they need to tell them apart.
    pub fn code(&self) -> &'static str {
        match self {
            CodeError::Empty => "code_blank",
            _ => "code_invalid",
        }
    }
}

impl Code {
    /// Longest code accepted, in characters.
    pub const MAX_LEN: usize = 64;

    /// The pattern every code matches, as a regular expression (for the OpenAPI description
    /// and the documentation); `..` is refused in addition.
    pub const PATTERN: &'static str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    /// Parses a code: `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$` and no `..`.
    pub fn parse(s: &str) -> Result<Code, CodeError> {
        let mut chars = s.chars();
        let Some(first) = chars.next() else {
            return Err(CodeError::Empty);
        };
        let len = s.chars().count();
        if len > Code::MAX_LEN {
            return Err(CodeError::TooLong { found: len });
        }
        if !first.is_ascii_alphanumeric() {
            return Err(CodeError::Start);
        }
        if let Some(found) = chars.find(|c| !(c.is_ascii_alphanumeric() || "._-".contains(*c))) {
            return Err(CodeError::Character { found });
        }
        if s.contains("..") {
            return Err(CodeError::DoubleDot);
        }
        Ok(Code(s.to_string()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn org_01_codes_of_the_demo_kind_are_accepted() {
        for ok in ["kab-banjar", "bkpsdm", "800.1.11", "a", "Setda_2", "9"] {
            assert_eq!(Code::parse(ok).map(|c| c.to_string()), Ok(ok.to_string()));
        }
    }

    #[test]
    fn org_01_codes_that_could_name_a_path_or_carry_markup_are_refused() {
        assert_eq!(Code::parse("../../etc"), Err(CodeError::Start));
        assert_eq!(
            Code::parse("a/../b").map(|_| ()),
            Err(CodeError::Character { found: '/' })
        );
        assert_eq!(Code::parse("a..b"), Err(CodeError::DoubleDot));
        assert_eq!(Code::parse(".hidden"), Err(CodeError::Start));
        assert_eq!(Code::parse("a b"), Err(CodeError::Character { found: ' ' }));
        assert_eq!(
            Code::parse("a\0"),
            Err(CodeError::Character { found: '\0' })
        );
        assert_eq!(Code::parse("<b>"), Err(CodeError::Start));
        assert_eq!(Code::parse(""), Err(CodeError::Empty));
        assert_eq!(Code::parse("é"), Err(CodeError::Start));
        let long = "a".repeat(Code::MAX_LEN + 1);
        assert_eq!(Code::parse(&long), Err(CodeError::TooLong { found: 65 }));
        assert!(Code::parse(&"a".repeat(Code::MAX_LEN)).is_ok());
    }

    proptest! {
        #[test]
        fn org_01_a_parsed_code_matches_the_documented_pattern(s in "\\PC{0,80}") {
            if let Ok(code) = Code::parse(&s) {
                let t = code.as_str();
                prop_assert!(t.len() <= Code::MAX_LEN);
                prop_assert!(t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()));
                prop_assert!(t.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)));
                prop_assert!(!t.contains(".."));
            }
        }

        #[test]
        fn org_01_every_string_of_the_pattern_without_double_dots_is_a_code(
            s in "[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
        ) {
            prop_assert_eq!(Code::parse(&s).is_ok(), !s.contains(".."));
        }
    }
}
