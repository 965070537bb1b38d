//! Imports that cannot exhaust memory (issue 12, point 6): sheets over the row and cell caps,
//! ZIP bombs and huge shared-string tables are refused with a problem; problems beyond the cap
//! are counted, not kept; over-long values are refused without being echoed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::package::{pack, parts, replace, sheet_xml, worksheet};
use common::{Val, edit, set, small};
use sikerja_transfer::{
    ImportErrors, MAX_PART_BYTES, MAX_PROBLEMS, MAX_ROWS, MAX_SHARED_STRINGS, MAX_VALUE_CHARS,
    read_json, read_xlsx, write_json, write_xlsx,
};

fn refused(r: Result<sikerja_domain::bundle::AgencyBundle, ImportErrors>) -> ImportErrors {
    r.expect_err("refused")
}

fn codes(e: &ImportErrors) -> Vec<&'static str> {
    e.problems.iter().map(|p| p.code).collect()
}

fn workbook() -> Vec<u8> {
    write_xlsx(&small()).unwrap()
}

#[test]
fn a_sheet_declaring_a_million_rows_is_refused_before_reading_it() {
    let wb = workbook();
    let name = worksheet(&wb, "Pegawai");
    let header = vec!["NIP".to_string(), "Nama".to_string()];
    let xml = sheet_xml(Some("A1:L1000000"), std::iter::once(header));
    let e = refused(read_xlsx(&replace(&wb, &name, xml)));
    let p = e.problems.iter().find(|p| p.code == "sheet_too_large");
    assert_eq!(p.and_then(|p| p.sheet.as_deref()), Some("Pegawai"), "{e:?}");
}

#[test]
fn a_sheet_with_more_data_rows_than_the_cap_is_refused_while_streaming() {
    let wb = workbook();
    let name = worksheet(&wb, "Penilaian");
    // No dimension: the rows are counted as they are read.
    let rows = std::iter::once(vec!["NIP".into(), "Tahun".into(), "Predikat".into()])
        .chain((0..=MAX_ROWS).map(|_| vec!["x".into(), "2024".into(), "baik".into()]));
    let e = refused(read_xlsx(&replace(&wb, &name, sheet_xml(None, rows))));
    assert!(codes(&e).contains(&"sheet_too_large"), "{:?}", codes(&e));
    // The rows before the cap were read (and were bad), but only the cap is listed, plus
    // the reason of the refusal.
    assert_eq!(e.problems.len(), MAX_PROBLEMS + 1);
    assert!(e.omitted > 0);
}

#[test]
fn problems_beyond_the_cap_are_counted_not_listed() {
    let mut bundle = small();
    let template = bundle.employees[0].clone();
    bundle.employees = (0..MAX_PROBLEMS + 500).map(|_| template.clone()).collect();
    let json = write_json(&bundle);
    let e = refused(read_json(&json));
    assert_eq!(e.problems.len(), MAX_PROBLEMS);
    assert!(e.omitted >= 499, "{}", e.omitted);
    assert_eq!(e.total(), e.problems.len() + e.omitted);
}

#[test]
fn a_zip_bomb_of_shared_strings_is_refused() {
    let wb = workbook();
    // 40 MB of tiny strings deflate to a few hundred kilobytes.
    let mut sst = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    sst.push_str(&"<si><t>a</t></si>".repeat(40_000_000 / 17));
    sst.push_str("</sst>");
    let bomb = replace(&wb, "xl/sharedStrings.xml", sst.into_bytes());
    assert!(bomb.len() < 2_000_000, "{}", bomb.len());
    let e = refused(read_xlsx(&bomb));
    assert_eq!(codes(&e), vec!["xlsx_too_large"]);
}

#[test]
fn a_shared_string_table_declaring_more_entries_than_allowed_is_refused() {
    let wb = workbook();
    let all = parts(&wb);
    let sst = &all
        .iter()
        .find(|(n, _)| n == "xl/sharedStrings.xml")
        .unwrap()
        .1;
    let text = String::from_utf8(sst.clone()).unwrap();
    let start = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
    let end = start + text[start..].find('"').unwrap();
    // Read as declared, the reader would reserve terabytes before reading one string.
    let lie = format!("{}{}{}", &text[..start], u64::MAX / 64, &text[end..]);
    let e = refused(read_xlsx(&replace(
        &wb,
        "xl/sharedStrings.xml",
        lie.into_bytes(),
    )));
    assert_eq!(codes(&e), vec!["xlsx_too_large"]);
    assert!(
        e.problems[0]
            .message
            .contains(&MAX_SHARED_STRINGS.to_string())
    );
}

#[test]
fn a_part_unpacking_past_the_cap_is_refused() {
    let wb = workbook();
    let mut all = parts(&wb);
    // A part nobody reads, of zeros: counted by unpacking, refused past the cap.
    let size = usize::try_from(MAX_PART_BYTES).unwrap() + 1024;
    all.push(("xl/media/zeros.bin".into(), vec![0u8; size]));
    let bomb = pack(&all);
    drop(all);
    assert!(bomb.len() < 2_000_000, "{}", bomb.len());
    let e = refused(read_xlsx(&bomb));
    assert_eq!(codes(&e), vec!["xlsx_too_large"]);
}

#[test]
fn an_over_long_value_is_refused_without_being_echoed() {
    let long = "x".repeat(MAX_VALUE_CHARS + 1);
    let wb = edit(&workbook(), |s| {
        set(s, "Perangkat Daerah", 2, "Nama", Val::Text(long.clone()))
    });
    let e = refused(read_xlsx(&wb));
    let p = e
        .problems
        .iter()
        .find(|p| p.code == "value_too_long")
        .expect("value_too_long");
    assert_eq!(p.sheet.as_deref(), Some("Perangkat Daerah"));
    assert!(e.problems.iter().all(|p| !p.message.contains(&long)));
}

#[test]
fn a_json_file_too_large_once_parsed_is_refused_before_parsing() {
    let mut text = String::from(r#"{"format":"sikerja-agency/1","departments":["#);
    // Two million empty objects: 6 MB of text, over a gigabyte once parsed.
    text.push_str(&"{},".repeat(2_000_000));
    text.push_str("0]}");
    let e = refused(read_json(text.as_bytes()));
    assert_eq!(codes(&e), vec!["json_too_large"]);
}

#[test]
fn org_01_an_agency_code_that_names_a_path_is_refused_on_import() {
    let mut bundle = small();
    bundle.agency.code = "../../etc".into();
    let e = refused(read_json(&write_json(&bundle)));
    assert!(
        codes(&e).contains(&"agency_code_invalid"),
        "{:?}",
        codes(&e)
    );
    let wb = edit(&workbook(), |s| {
        set(s, "Unit", 2, "Kode", Val::Text("a/../b".into()))
    });
    let e = refused(read_xlsx(&wb));
    assert!(codes(&e).contains(&"unit_code_invalid"), "{:?}", codes(&e));
}
