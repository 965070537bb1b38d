//! The regional heads in the agency format (issue 14 point 4): the `regional_heads` list and
//! the `Kepala Daerah` sheet survive a round trip, a date cell of a spreadsheet is read as a
//! date, and every problem of the heads is put at its sheet, row and column (PEN-12: the
//! Bupati who signs the Keputusan Bupati comes from the file).

mod common;

use common::{Val, edit, set, sheet, small};
use serde_json::{Value, json};
use sikerja_domain::assignment::Day;
use sikerja_domain::bundle::{AgencyBundle, RegionalHeadRecord};
use sikerja_domain::regional_heads::RegionalOffice;
use sikerja_transfer::{ImportProblem, read_json, read_xlsx, write_json, write_xlsx};

fn d(s: &str) -> Day {
    Day::parse(s).expect("day")
}

fn with_heads() -> AgencyBundle {
    let mut b = small();
    b.regional_heads = vec![
        RegionalHeadRecord {
            office: RegionalOffice::Regent,
            title: "Bupati Contoh".into(),
            name: "H. Saidi Mansyur".into(),
            username: "bupati.contoh".into(),
            from: Some(d("2021-02-26")),
            until: Some(d("2026-02-25")),
            basis_number: Some("100.2.1.3-1234 Tahun 2021".into()),
            basis_date: Some(d("2021-02-20")),
            end_basis_number: Some("100.2.1.3-99 Tahun 2026".into()),
            end_basis_date: Some(d("2026-02-20")),
        },
        RegionalHeadRecord {
            office: RegionalOffice::Regent,
            title: String::new(),
            name: "Hj. Rina Astuti".into(),
            username: "rina".into(),
            from: Some(d("2026-02-26")),
            until: None,
            basis_number: None,
            basis_date: None,
            end_basis_number: None,
            end_basis_date: None,
        },
    ];
    b.validate().expect("valid");
    b
}

fn at(p: &ImportProblem) -> (Option<&str>, Option<u32>, Option<&str>, &str) {
    (p.sheet.as_deref(), p.row, p.field.as_deref(), p.code)
}

#[test]
fn pen_12_regional_heads_survive_json_and_xlsx() {
    let b = with_heads();
    let json = write_json(&b);
    assert!(String::from_utf8_lossy(&json).contains("\"regional_heads\""));
    assert_eq!(read_json(&json), Ok(b.clone()));
    let xlsx = write_xlsx(&b).expect("written");
    assert_eq!(read_xlsx(&xlsx), Ok(b));
}

#[test]
fn pen_12_a_file_without_regional_heads_is_still_read() {
    let mut v: Value = serde_json::from_slice(&write_json(&small())).expect("json");
    assert!(v.get("regional_heads").is_none());
    v["regional_heads"] = json!([]);
    assert_eq!(
        read_json(&serde_json::to_vec(&v).expect("json")),
        Ok(small())
    );
}

#[test]
fn pen_12_a_date_cell_is_read_as_a_date_and_labels_name_the_office() {
    let b = with_heads();
    let bytes = edit(&write_xlsx(&b).expect("written"), |s| {
        // 46079 is 26 February 2026 as a spreadsheet stores a date.
        set(
            s,
            "Kepala Daerah",
            3,
            "Mulai Menjabat",
            Val::Number(46079.0),
        );
        set(s, "Kepala Daerah", 3, "Jabatan", Val::Text("Bupati".into()));
    });
    assert_eq!(read_xlsx(&bytes), Ok(b));
}

#[test]
fn pen_12_every_problem_of_the_heads_is_at_its_row_and_column() {
    let b = with_heads();
    let bytes = edit(&write_xlsx(&b).expect("written"), |s| {
        set(s, "Kepala Daerah", 2, "Akhir Masa Jabatan", Val::Empty);
        set(
            s,
            "Kepala Daerah",
            2,
            "Nomor Keputusan Berakhir",
            Val::Empty,
        );
        set(
            s,
            "Kepala Daerah",
            2,
            "Tanggal Keputusan Berakhir",
            Val::Empty,
        );
        set(
            s,
            "Kepala Daerah",
            3,
            "Nama Pengguna",
            Val::Text("19800101".into()),
        );
        let rows = sheet(s, "Kepala Daerah");
        let mut extra = rows[2].clone();
        extra[0] = Val::Text("gubernur".into());
        rows.push(extra);
        set(
            s,
            "Kepala Daerah",
            4,
            "Mulai Menjabat",
            Val::Text("2026-02-30".into()),
        );
    });
    let mut ps: Vec<_> = read_xlsx(&bytes).expect_err("refused").problems;
    ps.sort_by_key(|p| (p.row, p.code));
    let found: Vec<_> = ps.iter().map(at).collect();
    let sheet = Some("Kepala Daerah");
    assert_eq!(
        found,
        vec![
            (sheet, Some(3), Some("Mulai Menjabat"), "term_overlaps"),
            (sheet, Some(3), Some("Nama Pengguna"), "username_invalid"),
            (sheet, Some(4), Some("Mulai Menjabat"), "date_invalid"),
        ],
        "{ps:#?}"
    );
    assert!(
        ps[0].message.contains("H. Saidi Mansyur"),
        "{}",
        ps[0].message
    );
    // Row 4 had a problem of its own (its date): the whole-bundle checks add nothing about it.
}

#[test]
fn pen_12_json_problems_of_the_heads_carry_their_path() {
    let mut v: Value = serde_json::from_slice(&write_json(&with_heads())).expect("json");
    v["regional_heads"][1]["office"] = json!("governor");
    v["regional_heads"][0]["basis_date"] = Value::Null;
    let ps = read_json(&serde_json::to_vec(&v).expect("json"))
        .expect_err("refused")
        .problems;
    let mut found: Vec<_> = ps
        .iter()
        .map(|p| (p.field.as_deref().unwrap_or_default(), p.code))
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            ("regional_heads[0].basis_number", "basis_incomplete"),
            ("regional_heads[1].office", "regional_office_not_of_agency"),
        ]
    );
}
