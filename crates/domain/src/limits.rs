//! The one table of text limits (issue 12 point 5): how long each text field may be and
//! whether it may span several lines. The web layer enforces it on every JSON body, form and
//! query string and writes it into the OpenAPI document; the import checks the text of a
//! bundle against it. `docs/api.md` shows the table.
//!
//! A field is known by its name (the last object key above it in JSON, the name of a form
//! field or query parameter): the same name means the same kind of text everywhere.

/// The kinds of text, each with its limit in characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// NIP (18 digits, or 21 with the spaces of letters).
    Nip,
    /// Codes and vocabulary words: `code`, `kind`, `status`, `step`, dates.
    Code,
    /// Names, labels and every field not named below.
    Name,
    /// Titles and references of documents: `title`, plan references.
    Title,
    /// Passwords (sign-in and change).
    Password,
    /// Free text that may span lines: notes, reasons, justifications, letter text.
    Note,
}

impl TextKind {
    /// The largest number of characters.
    pub const fn max(self) -> usize {
        match self {
            TextKind::Nip => 32,
            TextKind::Code => 64,
            TextKind::Name => 255,
            TextKind::Title => 500,
            TextKind::Password => 1024,
            TextKind::Note => 4000,
        }
    }

    /// Whether TAB, LF and CR are allowed (every other control character never is).
    pub const fn multi_line(self) -> bool {
        matches!(self, TextKind::Note)
    }

    /// Indonesian name of the kind, for `docs/api.md` and messages.
    pub const fn label(self) -> &'static str {
        match self {
            TextKind::Nip => "NIP",
            TextKind::Code => "kode",
            TextKind::Name => "nama",
            TextKind::Title => "judul",
            TextKind::Password => "kata sandi",
            TextKind::Note => "catatan",
        }
    }
}

/// The named fields of each kind but [`TextKind::Name`] (the default).
pub const TABLE: &[(TextKind, &[&str])] = &[
    (TextKind::Nip, &["nip", "holder_nip", "nip_spaced"]),
    (
        TextKind::Code,
        &[
            "code",
            "agency_code",
            "department_code",
            "unit_code",
            "parent_code",
            "position_code",
            "acting_position_code",
            "kind",
            "status",
            "step",
            "format",
            "method",
            "scope",
            "execution",
            "lane",
            "workflow",
            "action",
            "grade",
            "education",
            "employment_type",
            "acting_kind",
            "functional_level",
            "assessor_policy",
            "class",
            "rating",
            "year",
            "start",
            "until",
            "from",
            "effective_from",
            "office",
            "basis_date",
            "held_on",
            "month_from",
            "month_to",
            // Issue 16: performance assessment vocabularies (KIN-02, period and curve policy).
            "results_level",
            "behaviour_level",
            "core_value",
            "cadence",
            "organisation_rating",
            // Issue 17: the number of an SOP a map's review changed (PRO-03).
            "sop_number",
            "_csrf",
        ],
    ),
    (
        TextKind::Title,
        &[
            "title",
            "strategic_plan_ref",
            "annual_work_plan_ref",
            "q",
            // Issue 14 point 5: the budget regulation a Keputusan cites (DOC-05).
            "budget_regulation",
            // Issue 17: the title of an SOP a map's review changed (PRO-03).
            "sop_title",
        ],
    ),
    (
        TextKind::Password,
        &["password", "current", "new", "confirm"],
    ),
    (
        TextKind::Note,
        &[
            "note",
            "notes",
            "reason",
            "reasons",
            "cancel_reason",
            "justification",
            "purpose",
            "competence",
            "expected_targets",
            "duration",
            "text",
            "team_lead_reason",
            "decision",
            "indicator",
            "output",
            "expectation",
            "address",
            // Execution (issue 13): a report's narrative and what a head asks for (LAP-01..03).
            "narrative",
            "message",
            // Issue 14: a previewed batch of organisation changes (JSON) carried to the
            // confirming form; its strings are checked again after parsing.
            "batch",
            // Issue 16: the evidence of a core value's rating (KIN-02) and an employee's
            // development needs (follow-up, KIN-01).
            "evidence",
            "development_needs",
            // The assessor's feedback to the employee with the rating (KIN-02).
            "feedback",
            // Issue 17: a review of a business-process map (PRO-03).
            "findings",
            "decisions",
        ],
    ),
];

/// The kind of the field called `name`.
/// (Any other name ending in `_code` is a code too.)
pub fn kind_of(name: &str) -> TextKind {
    TABLE
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(kind, _)| *kind)
        .unwrap_or(if name.ends_with("_code") {
            TextKind::Code
        } else {
            TextKind::Name
        })
}

/// What is wrong with one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    /// A control character that the field does not allow (its code point).
    ControlCharacter(u32),
    /// Longer than the field's limit (its length and the limit, in characters).
    TooLong { length: usize, max: usize },
}

impl TextProblem {
    /// Stable `snake_case` code.
    pub fn code(&self) -> &'static str {
        match self {
            TextProblem::ControlCharacter(_) => "control_character",
            TextProblem::TooLong { .. } => "text_too_long",
        }
    }

    /// Indonesian message about the field `field`; never repeats the value.
    pub fn message(&self, field: &str) -> String {
        match self {
            TextProblem::ControlCharacter(c) => format!(
                "Isian {field} memuat karakter kendali U+{c:04X} yang tidak diizinkan. Hapus karakter tersebut lalu kirim lagi."
            ),
            TextProblem::TooLong { length, max } => format!(
                "Isian {field} terlalu panjang: {length} karakter, paling banyak {max} karakter."
            ),
        }
    }
}

/// Checks one text as a text of `kind`: control characters (Unicode category Cc) are refused,
/// except TAB, LF and CR in multi-line kinds; then the length.
pub fn check_as(kind: TextKind, value: &str) -> Result<(), TextProblem> {
    let allowed = |c: char| kind.multi_line() && matches!(c, '\t' | '\n' | '\r');
    if let Some(c) = value.chars().find(|c| c.is_control() && !allowed(*c)) {
        return Err(TextProblem::ControlCharacter(u32::from(c)));
    }
    // Counting stops past the limit: a 10 MB value costs no more than a short one to refuse.
    if value.chars().take(kind.max() + 1).count() > kind.max() {
        return Err(TextProblem::TooLong {
            length: value.chars().count(),
            max: kind.max(),
        });
    }
    Ok(())
}

/// Checks one text of the field called `name`.
pub fn check_text(name: &str, value: &str) -> Result<(), TextProblem> {
    check_as(kind_of(name), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_field_name_is_listed_under_two_kinds() {
        let mut seen = std::collections::BTreeMap::new();
        for (kind, names) in TABLE {
            for n in *names {
                assert_eq!(seen.insert(*n, *kind), None, "{n} listed twice");
            }
        }
        assert_eq!(kind_of("note"), TextKind::Note);
        assert_eq!(kind_of("anything_else"), TextKind::Name);
    }

    #[test]
    fn nul_and_other_control_characters_are_refused_and_newlines_only_in_notes() {
        assert_eq!(
            check_text("name", "a\0b"),
            Err(TextProblem::ControlCharacter(0))
        );
        assert_eq!(
            check_text("note", "a\u{7f}"),
            Err(TextProblem::ControlCharacter(0x7f))
        );
        assert_eq!(
            check_text("note", "a\u{85}"),
            Err(TextProblem::ControlCharacter(0x85))
        );
        assert_eq!(check_text("note", "baris\r\n\tdua"), Ok(()));
        assert_eq!(
            check_text("name", "baris\ndua"),
            Err(TextProblem::ControlCharacter(10))
        );
        assert_eq!(check_text("name", "Dinas – ✓ é"), Ok(()));
    }

    #[test]
    fn an_oversized_value_is_refused_without_being_repeated() {
        let huge = "x".repeat(10 * 1024 * 1024);
        let p = check_text("note", &huge).expect_err("too long");
        assert_eq!(p.code(), "text_too_long");
        assert!(p.message("note").len() < 200);
    }
}
