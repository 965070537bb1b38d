//! Round trips: bundle → JSON → bundle and bundle → XLSX → bundle give the same bundle.

mod common;

use sikerja_transfer::{FORMAT, read_any, read_json, read_xlsx, write_json, write_xlsx};

#[test]
fn the_demo_government_survives_json() {
    for b in sikerja_demo::demo_government() {
        let bytes = write_json(&b);
        assert_eq!(read_json(&bytes), Ok(b.clone()));
        assert_eq!(write_json(&b), bytes, "JSON output is deterministic");
    }
}

#[test]
fn the_demo_government_survives_xlsx() {
    for b in sikerja_demo::demo_government() {
        let bytes = write_xlsx(&b).expect("written");
        assert_eq!(read_xlsx(&bytes), Ok(b.clone()));
        assert_eq!(read_any(&bytes), Ok(b));
    }
}

#[test]
fn json_carries_the_format_marker_and_readable_codes() {
    let b = common::small();
    let text = String::from_utf8(write_json(&b)).expect("utf-8");
    assert!(
        text.starts_with(&format!("{{\n  \"format\": \"{FORMAT}\"")),
        "{}",
        &text[..80]
    );
    assert!(text.contains("\"kind\": \"regional_government\""));
    assert!(text.contains("\"class\": \"jpt\""));
}

#[test]
fn xlsx_output_is_deterministic() {
    let b = common::small();
    assert_eq!(
        write_xlsx(&b).expect("written"),
        write_xlsx(&b).expect("written")
    );
}

#[test]
fn labels_are_accepted_where_codes_are_expected() {
    let b = common::small();
    let bytes = write_xlsx(&b).expect("written");
    let row = b
        .positions
        .iter()
        .position(|p| p.functional_level.is_some())
        .expect("a JF")
        + 2;
    let level = b.positions[row - 2].functional_level.expect("level");
    let class = b.positions[row - 2].class;
    let edited = common::edit(&bytes, |s| {
        common::set(
            s,
            "Jabatan",
            row,
            "Jenjang",
            common::Val::Text(level.label().into()),
        );
        common::set(
            s,
            "Jabatan",
            row,
            "Jenis Jabatan",
            common::Val::Text("Pejabat Fungsional".into()),
        );
        common::set(s, "Unit", 2, "Unit Organisasi", common::Val::Bool(true));
    });
    assert_eq!(class.code(), "fungsional");
    assert_eq!(read_xlsx(&edited), Ok(b));
}
