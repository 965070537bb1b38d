//! Property-based fuzzing of the importers (issue 12, point 10): arbitrary and mutated JSON
//! bundles and XLSX workbooks never panic, and either import a bundle that validates or are
//! refused with at least one problem. Runs in `cargo test`; `PROPTEST_CASES` raises the
//! number of cases for a longer run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::OnceLock;

use common::package::{pack, parts};
use common::{Val, edit, set, small};
use proptest::prelude::*;
use serde_json::Value;
use sikerja_domain::bundle::AgencyBundle;
use sikerja_transfer::{ImportErrors, read_any, read_json, read_xlsx, write_json, write_xlsx};

fn json() -> &'static Vec<u8> {
    static J: OnceLock<Vec<u8>> = OnceLock::new();
    J.get_or_init(|| write_json(&sikerja_demo::small_agency()))
}

fn workbook() -> &'static Vec<u8> {
    static W: OnceLock<Vec<u8>> = OnceLock::new();
    W.get_or_init(|| write_xlsx(&sikerja_demo::small_agency()).unwrap())
}

/// The outcome is one of the two allowed: a valid bundle, or a refusal with its problems.
fn sound(r: Result<AgencyBundle, ImportErrors>) -> Result<(), TestCaseError> {
    match r {
        Ok(b) => prop_assert_eq!(b.validate(), Ok(())),
        Err(e) => {
            prop_assert!(e.total() > 0);
            prop_assert!(e.problems.len() <= sikerja_transfer::MAX_PROBLEMS + 8);
            for p in &e.problems {
                prop_assert!(!p.code.is_empty());
                prop_assert!(!p.message.is_empty());
            }
        }
    }
    Ok(())
}

/// Byte edits: overwrite, insert, delete or truncate.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let one = prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Delete(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ];
    prop::collection::vec(one, 1..6)
}

fn apply(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for e in edits {
        if b.is_empty() {
            break;
        }
        match e {
            Edit::Set(i, v) => {
                let i = i % b.len();
                b[i] = *v;
            }
            Edit::Insert(i, v) => {
                let i = i % b.len();
                b.splice(i..i, v.iter().copied());
            }
            Edit::Delete(i, n) => {
                let i = i % b.len();
                let end = (i + n).min(b.len());
                b.drain(i..end);
            }
            Edit::Truncate(i) => b.truncate(i % b.len()),
        }
    }
    b
}

/// Arbitrary JSON values, including the odd ones (deep nesting, huge numbers, NUL).
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::String),
        Just(Value::String("\0../../etc".into())),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_.]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A path to a place in the valid bundle (list, index, field).
fn json_path() -> impl Strategy<Value = (&'static str, usize, &'static str)> {
    (
        prop::sample::select(vec![
            "agency",
            "departments",
            "units",
            "positions",
            "employees",
        ]),
        0usize..40,
        prop::sample::select(vec![
            "code",
            "name",
            "kind",
            "parent_code",
            "department_code",
            "unit_code",
            "class",
            "is_head",
            "functional_level",
            "nip",
            "grade",
            "position_code",
            "acting_position_code",
            "acting_kind",
            "ratings",
            "experience",
            "policy",
            "format",
        ]),
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic_either_importer(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        sound(read_json(&bytes))?;
        sound(read_xlsx(&bytes))?;
        sound(read_any(&bytes))?;
    }

    #[test]
    fn mutated_json_bundles_import_or_give_problems(edits in edits()) {
        sound(read_json(&apply(json(), &edits)))?;
    }

    #[test]
    fn json_bundles_with_arbitrary_values_import_or_give_problems(
        changes in prop::collection::vec((json_path(), value()), 1..5)
    ) {
        let mut root: Value = serde_json::from_slice(json()).unwrap();
        for ((list, index, field), v) in changes {
            let target = match root.get_mut(list) {
                Some(Value::Array(items)) if !items.is_empty() => {
                    let n = items.len();
                    &mut items[index % n]
                }
                Some(other) => other,
                None => continue,
            };
            if let Value::Object(obj) = target {
                obj.insert(field.to_string(), v);
            } else {
                *target = v;
            }
        }
        sound(read_json(&serde_json::to_vec(&root).unwrap()))?;
    }

    #[test]
    fn mutated_workbook_bytes_import_or_give_problems(edits in edits()) {
        sound(read_xlsx(&apply(workbook(), &edits)))?;
    }

    #[test]
    fn workbooks_with_mutated_parts_import_or_give_problems(
        part in any::<usize>(),
        edits in edits(),
    ) {
        // The package stays a valid ZIP; one XML part inside it is damaged.
        let mut all = parts(workbook());
        let i = part % all.len();
        all[i].1 = apply(&all[i].1, &edits);
        sound(read_xlsx(&pack(&all)))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn workbooks_with_arbitrary_cells_import_or_give_problems(
        cells in prop::collection::vec((
            prop::sample::select(vec![
                ("Instansi", "Kode"), ("Perangkat Daerah", "Kode"), ("Unit", "Kode Unit Induk"),
                ("Jabatan", "Jenis Jabatan"), ("Jabatan", "Jenjang"), ("Pegawai", "NIP"),
                ("Pegawai", "Golongan"), ("Pegawai", "Kode Jabatan"), ("Penilaian", "Tahun"),
                ("Pengalaman", "Lama (tahun)"),
            ]),
            2usize..8,
            prop_oneof![
                "\\PC{0,30}".prop_map(Val::Text),
                any::<f64>().prop_map(Val::Number),
                any::<bool>().prop_map(Val::Bool),
                Just(Val::Empty),
            ],
        ), 1..5)
    ) {
        let bytes = edit(workbook(), |s| {
            for ((sheet, header), row, v) in cells {
                let rows = common::sheet(s, sheet).len();
                if rows > 1 {
                    set(s, sheet, 2 + (row - 2) % (rows - 1), header, v);
                }
            }
        });
        sound(read_xlsx(&bytes))?;
    }
}

#[test]
fn the_unmutated_files_import() {
    assert_eq!(read_json(json()).map(|_| ()), Ok(()));
    assert_eq!(read_xlsx(workbook()).map(|_| ()), Ok(()));
    assert!(small().validate().is_ok());
}
