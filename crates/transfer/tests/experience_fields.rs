//! The fields of experience in the agency format (issue 14 point 6): the `experience_fields`
//! list and the `Bidang Tugas` sheet survive a round trip (synonyms `;`-separated in the
//! workbook, a list in JSON), and an experience naming no field of the file's list is a
//! problem at its row of `Pengalaman` (PEN-08 huruf d compares through the list).

mod common;

use common::{Val, edit, set, small};
use serde_json::{Value, json};
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::experience_fields::new_fields_for;
use sikerja_transfer::{read_json, read_xlsx, write_json, write_xlsx};

fn with_fields() -> AgencyBundle {
    let mut b = small();
    let texts: Vec<String> = b
        .employees
        .iter()
        .flat_map(|e| e.experience.iter().map(|x| x.field.clone()))
        .collect();
    b.experience_fields = new_fields_for(&[], texts.iter().map(String::as_str));
    b.experience_fields[0].synonyms = vec!["Sinonim Satu".into(), "Sinonim Dua".into()];
    b.validate().expect("valid");
    b
}

#[test]
fn pen_08_fields_of_experience_survive_json_and_xlsx() {
    let b = with_fields();
    assert!(b.experience_fields.len() > 1);
    let json = write_json(&b);
    assert_eq!(read_json(&json), Ok(b.clone()));
    assert_eq!(read_xlsx(&write_xlsx(&b).expect("written")), Ok(b));
}

#[test]
fn pen_08_an_experience_naming_no_field_of_the_list_is_a_problem_at_its_row() {
    let b = with_fields();
    let bytes = edit(&write_xlsx(&b).expect("written"), |s| {
        set(
            s,
            "Pengalaman",
            2,
            "Bidang",
            Val::Text("Perikanan Laut".into()),
        );
        set(s, "Bidang Tugas", 3, "Kode", Val::Text("a b".into()));
    });
    let ps = read_xlsx(&bytes).expect_err("refused").problems;
    let found: Vec<_> = ps
        .iter()
        .map(|p| (p.sheet.as_deref(), p.row, p.field.as_deref(), p.code))
        .collect();
    assert!(
        found.contains(&(
            Some("Pengalaman"),
            Some(2),
            Some("Bidang"),
            "experience_field_unknown"
        )),
        "{ps:#?}"
    );
    assert!(
        found.contains(&(
            Some("Bidang Tugas"),
            Some(3),
            Some("Kode"),
            "experience_field_code_invalid"
        )),
        "{ps:#?}"
    );
    // The same in JSON, by path; a synonym matches whatever its case and spaces.
    let mut v: Value = serde_json::from_slice(&write_json(&b)).expect("json");
    v["employees"][0]["experience"][0]["field"] = json!("  sinonim   SATU ");
    v["experience_fields"][1]["synonyms"] = json!(["Sinonim Dua"]);
    let ps = read_json(&serde_json::to_vec(&v).expect("json"))
        .expect_err("refused")
        .problems;
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(
        ps[0].field.as_deref(),
        Some("experience_fields[1].synonyms")
    );
    assert_eq!(ps[0].code, "experience_field_text_duplicate");
}
