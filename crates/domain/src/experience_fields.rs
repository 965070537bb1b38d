//! Fields of experience — *bidang tugas* — as a controlled list per agency (issue 14 point 6):
//! each field has a code, a name and synonyms. A text names a field when it equals the code,
//! the name or a synonym ignoring case and spaces (leading, trailing and repeated ones). PEN-08
//! huruf d compares the lead's experience with the field of the task through the list: a
//! synonym counts as the field.

use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::limits::TextKind;
use crate::organisation::{AgencyId, Organisation};

/// One field of experience of an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperienceField {
    /// Stable key, e.g. `kesehatan` (the pattern of [`Code`]).
    pub code: String,
    /// The name shown and stored, e.g. "Kesehatan".
    pub name: String,
    /// Other names the field goes by, e.g. "Pelayanan Kesehatan", "Bidang Kesehatan".
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// The text as compared: lower case, words separated by one space, no leading or trailing
/// space.
pub fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field `text` names — by code, name or synonym, ignoring case and spaces — if any.
pub fn find_field<'a>(fields: &'a [ExperienceField], text: &str) -> Option<&'a ExperienceField> {
    let wanted = normalise(text);
    if wanted.is_empty() {
        return None;
    }
    fields.iter().find(|f| {
        normalise(&f.code) == wanted
            || normalise(&f.name) == wanted
            || f.synonyms.iter().any(|s| normalise(s) == wanted)
    })
}

/// The name of the field `text` names; the text itself (trimmed) when it names none — so that
/// two texts naming one field compare equal, and a field outside the list still compares with
/// itself as before the list.
pub fn canonical_name(fields: &[ExperienceField], text: &str) -> String {
    find_field(fields, text).map_or_else(|| text.trim().to_string(), |f| f.name.clone())
}

/// Whether two texts name the same field (PEN-08 huruf d): both name one field of the list,
/// or — naming none — they are equal ignoring case and spaces.
pub fn same_field(fields: &[ExperienceField], a: &str, b: &str) -> bool {
    match (find_field(fields, a), find_field(fields, b)) {
        (Some(x), Some(y)) => x.code == y.code,
        (None, None) => !normalise(a).is_empty() && normalise(a) == normalise(b),
        _ => false,
    }
}

/// A code for a new field from its name: lower case words joined by `-`, letters and digits
/// only, at most [`Code::MAX_LEN`] characters (`bidang` when nothing is left).
pub fn code_for(name: &str) -> String {
    let mut out = String::new();
    for word in normalise(name).split(' ') {
        let clean: String = word.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if clean.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&clean);
    }
    out.truncate(Code::MAX_LEN);
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "bidang".to_string()
    } else {
        out
    }
}

/// The fields to add so that every text names one: a field per text that names none (the
/// first spelling met is its name; later spellings differing in case or spaces name it), with
/// a code made from the name and kept unique (`-2`, `-3`, … on a clash). How a list is seeded
/// from the experience already stored and from an import without a list.
pub fn new_fields_for<'a>(
    existing: &[ExperienceField],
    texts: impl IntoIterator<Item = &'a str>,
) -> Vec<ExperienceField> {
    let mut added: Vec<ExperienceField> = Vec::new();
    for text in texts {
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty()
            || name.chars().count() > TextKind::Name.max()
            || name.chars().any(char::is_control)
            || find_field(existing, &name).is_some()
            || find_field(&added, &name).is_some()
        {
            continue;
        }
        let base = code_for(&name);
        let taken = |c: &str| existing.iter().chain(added.iter()).any(|f| f.code == c);
        let mut code = base.clone();
        let mut n = 2;
        while taken(&code) {
            let suffix = format!("-{n}");
            let mut b = base.clone();
            b.truncate(Code::MAX_LEN - suffix.len());
            code = format!("{b}{suffix}");
            n += 1;
        }
        added.push(ExperienceField {
            code,
            name,
            synonyms: Vec::new(),
        });
    }
    added
}

/// A problem of a list of fields, in Indonesian, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub code: &'static str,
    /// Position of the field in the list (0-based).
    pub index: usize,
    pub message: String,
}

/// Checks a whole list: every code valid and used once; names present, within
/// [`TextKind::Name`] and free of control characters; no text (name or synonym) naming two
/// fields. Answers every problem.
pub fn validate(fields: &[ExperienceField]) -> Result<(), Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if let Err(e) = Code::parse(&f.code) {
            problems.push(FieldProblem {
                code: "experience_field_code_invalid",
                index: i,
                message: format!("Bidang ke-{}: {e}.", i + 1),
            });
        }
        if fields[..i].iter().any(|g| g.code == f.code) {
            problems.push(FieldProblem {
                code: "experience_field_code_duplicate",
                index: i,
                message: format!("Bidang ke-{}: kode {} dipakai dua kali.", i + 1, f.code),
            });
        }
        if normalise(&f.name).is_empty() {
            problems.push(FieldProblem {
                code: "experience_field_name_blank",
                index: i,
                message: format!("Bidang ke-{}: nama wajib diisi.", i + 1),
            });
        }
        for text in std::iter::once(&f.name).chain(f.synonyms.iter()) {
            let chars = text.chars().count();
            if chars > TextKind::Name.max() || text.chars().any(char::is_control) {
                problems.push(FieldProblem {
                    code: "experience_field_text_invalid",
                    index: i,
                    message: format!(
                        "Bidang ke-{}: nama dan sinonim paling panjang {} karakter, tanpa karakter kendali.",
                        i + 1,
                        TextKind::Name.max()
                    ),
                });
                continue;
            }
            let key = normalise(text);
            if key.is_empty() {
                continue;
            }
            match seen.iter().find(|(k, _)| *k == key) {
                Some((_, j)) if *j != i => problems.push(FieldProblem {
                    code: "experience_field_text_duplicate",
                    index: i,
                    message: format!(
                        "Bidang ke-{}: \"{}\" sudah menjadi nama atau sinonim bidang ke-{}.",
                        i + 1,
                        text.trim(),
                        j + 1
                    ),
                }),
                Some(_) => {}
                None => seen.push((key, i)),
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Every experience row of `agency`'s employees and the task's `field` in the controlled
/// field's name (PEN-08 huruf d: a synonym counts as the field): what storage does before the
/// check, so that `lead_eligibility` compares names. Rows naming no field stay as they are.
pub fn resolve_experience(
    org: &mut Organisation,
    agency: AgencyId,
    fields: &[ExperienceField],
    task_field: &str,
) -> String {
    for e in org.employees.iter_mut().filter(|e| e.agency == agency) {
        for x in &mut e.experience {
            x.field = canonical_name(fields, &x.field);
        }
    }
    canonical_name(fields, task_field)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn list() -> Vec<ExperienceField> {
        vec![
            ExperienceField {
                code: "kesehatan".into(),
                name: "Kesehatan".into(),
                synonyms: vec!["Pelayanan Kesehatan".into(), "Bidang  Kesehatan".into()],
            },
            ExperienceField {
                code: "spbe".into(),
                name: "Sistem Pemerintahan Berbasis Elektronik".into(),
                synonyms: vec!["SPBE".into(), "E-Government".into()],
            },
        ]
    }

    #[test]
    fn a_field_is_found_by_code_name_or_synonym_ignoring_case_and_spaces() {
        let l = list();
        for text in [
            "kesehatan",
            "  KESEHATAN ",
            "pelayanan   kesehatan",
            "bidang kesehatan",
        ] {
            assert_eq!(
                find_field(&l, text).map(|f| f.code.as_str()),
                Some("kesehatan"),
                "{text}"
            );
        }
        assert_eq!(
            find_field(&l, "e-government").map(|f| f.code.as_str()),
            Some("spbe")
        );
        assert_eq!(find_field(&l, "Keuangan"), None);
        assert_eq!(find_field(&l, "   "), None);
    }

    #[test]
    fn pen_08_a_synonym_counts_as_the_field() {
        let l = list();
        assert!(same_field(&l, "Pelayanan Kesehatan", "kesehatan"));
        assert!(same_field(
            &l,
            "SPBE",
            "Sistem Pemerintahan Berbasis Elektronik"
        ));
        assert!(!same_field(&l, "SPBE", "Kesehatan"));
        // Outside the list: equal texts still match, as before the list; blank never does.
        assert!(same_field(&l, "Keuangan ", "keuangan"));
        assert!(!same_field(&l, "", " "));
        assert!(!same_field(&l, "Keuangan", "Kesehatan"));
        assert_eq!(canonical_name(&l, "pelayanan kesehatan"), "Kesehatan");
        assert_eq!(canonical_name(&l, " Keuangan "), "Keuangan");
    }

    #[test]
    fn a_list_is_seeded_with_one_field_per_text_naming_none() {
        let l = list();
        let added = new_fields_for(
            &l,
            [
                "Keuangan",
                " keuangan ",
                "Pelayanan Kesehatan",
                "Kesehatan!",
                "",
                "SPBE",
            ],
        );
        let names: Vec<(&str, &str)> = added
            .iter()
            .map(|f| (f.code.as_str(), f.name.as_str()))
            .collect();
        // "Kesehatan!" makes the code `kesehatan`, taken: `kesehatan-2`.
        assert_eq!(
            names,
            [("keuangan", "Keuangan"), ("kesehatan-2", "Kesehatan!")]
        );
        let mut all = l.clone();
        all.extend(added);
        assert!(validate(&all).is_ok());
    }

    #[test]
    fn a_code_is_made_from_the_name() {
        assert_eq!(code_for("Pelayanan Kesehatan"), "pelayanan-kesehatan");
        assert_eq!(code_for("  Keuangan & Aset "), "keuangan-aset");
        assert_eq!(code_for("***"), "bidang");
        assert!(code_for(&"x".repeat(200)).len() <= Code::MAX_LEN);
    }

    #[test]
    fn a_list_naming_one_text_twice_or_with_a_bad_code_is_refused_with_every_problem() {
        assert!(validate(&list()).is_ok());
        let mut l = list();
        l.push(ExperienceField {
            code: "kesehatan".into(),
            name: "pelayanan kesehatan".into(),
            synonyms: vec![],
        });
        l.push(ExperienceField {
            code: "../x".into(),
            name: " ".into(),
            synonyms: vec!["a\u{7}".into()],
        });
        let codes: Vec<&str> = validate(&l)
            .expect_err("refused")
            .iter()
            .map(|p| p.code)
            .collect();
        assert_eq!(
            codes,
            [
                "experience_field_code_duplicate",
                "experience_field_text_duplicate",
                "experience_field_code_invalid",
                "experience_field_name_blank",
                "experience_field_text_invalid",
            ]
        );
    }
}
