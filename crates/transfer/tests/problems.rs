//! Every kind of problem is reported with the right sheet, row and column (or JSON path),
//! several at once, and nothing is returned (all or nothing).

mod common;

use common::{Val, edit, set, small};
use serde_json::{Value, json};
use sikerja_transfer::{ImportProblem, read_json, read_xlsx, write_json, write_xlsx};

fn xlsx_problems(f: impl FnOnce(&mut common::Sheets)) -> Vec<ImportProblem> {
    let bytes = edit(&write_xlsx(&small()).expect("written"), f);
    read_xlsx(&bytes).expect_err("refused").problems
}

fn json_problems(f: impl FnOnce(&mut Value)) -> Vec<ImportProblem> {
    let mut v: Value = serde_json::from_slice(&write_json(&small())).expect("json");
    f(&mut v);
    read_json(&serde_json::to_vec(&v).expect("json"))
        .expect_err("refused")
        .problems
}

fn find<'a>(ps: &'a [ImportProblem], code: &str) -> &'a ImportProblem {
    ps.iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("no {code} in {ps:#?}"))
}

fn at(p: &ImportProblem) -> (Option<&str>, Option<u32>, Option<&str>) {
    (p.sheet.as_deref(), p.row, p.field.as_deref())
}

#[test]
fn a_numeric_nip_cell_is_refused_not_mangled() {
    let ps = xlsx_problems(|s| {
        set(
            s,
            "Pegawai",
            3,
            "NIP",
            Val::Number(198_701_112_009_041_001.0),
        )
    });
    let p = find(&ps, "nip_numeric");
    assert_eq!(at(p), (Some("Pegawai"), Some(3), Some("NIP")));
    assert!(p.message.contains("Teks"), "{}", p.message);
    // The employee's ratings and experience now point to a NIP the Pegawai sheet lacks.
    let pegawai: Vec<_> = ps
        .iter()
        .filter(|p| p.sheet.as_deref() == Some("Pegawai"))
        .collect();
    assert_eq!(pegawai.len(), 1, "{ps:#?}");
}

#[test]
fn bad_nips_and_grades_carry_the_domain_codes_and_messages() {
    let ps = xlsx_problems(|s| {
        set(
            s,
            "Pegawai",
            2,
            "NIP",
            Val::Text("19870111200904100".into()),
        );
        set(
            s,
            "Pegawai",
            4,
            "NIP",
            Val::Text("198702302009041001".into()),
        );
        set(s, "Pegawai", 5, "Golongan", Val::Text("III/e".into()));
    });
    let p = find(&ps, "nip_length");
    assert_eq!(at(p), (Some("Pegawai"), Some(2), Some("NIP")));
    assert!(p.message.contains("18 angka"));
    assert_eq!(
        at(find(&ps, "nip_birth_date")),
        (Some("Pegawai"), Some(4), Some("NIP"))
    );
    assert_eq!(
        at(find(&ps, "grade_unknown")),
        (Some("Pegawai"), Some(5), Some("Golongan"))
    );
    let pegawai = ps
        .iter()
        .filter(|p| p.sheet.as_deref() == Some("Pegawai"))
        .count();
    assert_eq!(pegawai, 3, "{ps:#?}");
}

#[test]
fn a_rank_that_does_not_match_the_grade_is_refused() {
    let ps = xlsx_problems(|s| {
        set(s, "Pegawai", 2, "Golongan", Val::Text("III/a".into()));
        set(s, "Pegawai", 2, "Pangkat", Val::Text("Pembina".into()));
    });
    assert_eq!(
        at(find(&ps, "rank_grade_mismatch")),
        (Some("Pegawai"), Some(2), Some("Pangkat"))
    );
}

#[test]
fn unknown_codes_list_the_allowed_ones() {
    let ps = xlsx_problems(|s| {
        set(
            s,
            "Jabatan",
            2,
            "Jenis Jabatan",
            Val::Text("eselon_ii".into()),
        );
        set(
            s,
            "Perangkat Daerah",
            2,
            "Jenis Perangkat Daerah",
            Val::Empty,
        );
        set(s, "Unit", 3, "Unit Organisasi", Val::Text("mungkin".into()));
    });
    let p = find(&ps, "value_unknown");
    assert_eq!(at(p), (Some("Jabatan"), Some(2), Some("Jenis Jabatan")));
    assert!(
        p.message.contains("jpt (Pejabat Pimpinan Tinggi Pratama)"),
        "{}",
        p.message
    );
    let p = find(&ps, "value_required");
    assert_eq!(
        at(p),
        (
            Some("Perangkat Daerah"),
            Some(2),
            Some("Jenis Perangkat Daerah")
        )
    );
    assert!(p.message.contains("district (Kecamatan)"));
    assert_eq!(
        at(find(&ps, "flag_unknown")),
        (Some("Unit"), Some(3), Some("Unit Organisasi"))
    );
}

#[test]
fn validation_problems_are_put_at_their_sheet_and_row() {
    let b = small();
    let dup_nip = b.employees[0].nip.as_str().to_string();
    let ps = xlsx_problems(|s| {
        set(
            s,
            "Unit",
            4,
            "Kode Unit Induk",
            Val::Text("tidak-ada".into()),
        );
        set(s, "Pegawai", 6, "NIP", Val::Text(dup_nip.clone()));
        set(s, "Jabatan", 3, "Kode Unit", Val::Text("hilang".into()));
        set(s, "Penilaian", 3, "Tahun", Val::Number(2022.0));
        set(s, "Penilaian", 3, "NIP", Val::Text(dup_nip.clone()));
        set(s, "Pengalaman", 2, "Lama (tahun)", Val::Number(51.0));
    });
    assert_eq!(
        at(find(&ps, "unit_parent_unknown")),
        (Some("Unit"), Some(4), Some("Kode Unit Induk"))
    );
    assert_eq!(
        at(find(&ps, "nip_duplicate")),
        (Some("Pegawai"), Some(6), Some("NIP"))
    );
    assert_eq!(
        at(find(&ps, "position_unit_unknown")),
        (Some("Jabatan"), Some(3), Some("Kode Unit"))
    );
    assert_eq!(at(find(&ps, "rating_year_duplicate")).1, Some(3));
    assert_eq!(
        at(find(&ps, "experience_years_too_high")),
        (Some("Pengalaman"), Some(2), Some("Lama (tahun)"))
    );
}

#[test]
fn details_of_an_unknown_nip_and_missing_sheets_and_columns_are_reported() {
    let ps = xlsx_problems(|s| {
        set(
            s,
            "Penilaian",
            2,
            "NIP",
            Val::Text("199001012015011001".into()),
        );
        s.retain(|(n, _)| n != "Perangkat Daerah");
        let rows = common::sheet(s, "Unit");
        let c = common::column(rows, "Jenis Unit");
        for r in rows.iter_mut() {
            r.remove(c);
        }
    });
    assert_eq!(
        at(find(&ps, "employee_unknown")),
        (Some("Penilaian"), Some(2), Some("NIP"))
    );
    assert_eq!(
        find(&ps, "sheet_missing").sheet.as_deref(),
        Some("Perangkat Daerah")
    );
    assert_eq!(
        at(find(&ps, "column_missing")),
        (Some("Unit"), Some(1), Some("Jenis Unit"))
    );
}

#[test]
fn json_problems_carry_their_path() {
    let ps = json_problems(|v| {
        v["employees"][2]["nip"] = json!(198701112009041001u64);
        v["employees"][3]["grade"] = json!("V/a");
        v["positions"][1]["functional_level"] = json!("ahli_sekali");
        v["units"][2]["parent_code"] = json!("tidak-ada");
        v["employees"][4]["ratings"][0]["rating"] = json!("luar biasa");
    });
    assert_eq!(
        at(find(&ps, "nip_numeric")),
        (None, None, Some("employees[2].nip"))
    );
    assert_eq!(
        at(find(&ps, "grade_unknown")),
        (None, None, Some("employees[3].grade"))
    );
    assert_eq!(
        at(find(&ps, "value_unknown")),
        (None, None, Some("positions[1].functional_level"))
    );
    assert_eq!(
        at(find(&ps, "unit_parent_unknown")),
        (None, None, Some("units[2].parent_code"))
    );
    assert!(
        ps.iter()
            .any(|p| p.field.as_deref() == Some("employees[4].ratings[0].rating"))
    );
    assert_eq!(ps.len(), 5, "{ps:#?}");
}

#[test]
fn json_needs_its_format_marker_and_valid_syntax() {
    let ps = json_problems(|v| v["format"] = json!("sikerja-agency/9"));
    assert_eq!(
        find(&ps, "format_unsupported").field.as_deref(),
        Some("format")
    );
    let ps = json_problems(|v| {
        v.as_object_mut().map(|o| o.remove("format"));
    });
    find(&ps, "format_missing");
    let err = read_json(b"{\"format\": ").expect_err("refused");
    assert_eq!(err.problems[0].code, "json_syntax");
}

#[test]
fn problems_read_as_indonesian_sentences() {
    let ps = xlsx_problems(|s| set(s, "Pegawai", 3, "NIP", Val::Text("123".into())));
    assert_eq!(
        ps[0].to_string(),
        "Lembar Pegawai, baris 3, kolom NIP: NIP harus terdiri dari 18 angka (diterima 3 karakter) [nip_length]"
    );
}
