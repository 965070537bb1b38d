//! Helpers: a small valid agency, and editing a workbook cell by cell.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod package;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::Workbook;
use sikerja_domain::bundle::AgencyBundle;

/// A small valid agency taken from the generator.
pub fn small() -> AgencyBundle {
    let b = sikerja_demo::generated_agency(60, 3);
    b.validate().expect("generated agency is valid");
    b
}

/// A value to put in a cell.
#[derive(Debug, Clone)]
pub enum Val {
    Text(String),
    Number(f64),
    Bool(bool),
    Empty,
}

fn val(d: &Data) -> Val {
    match d {
        Data::String(s) => Val::Text(s.clone()),
        Data::Float(f) => Val::Number(*f),
        Data::Int(i) => Val::Number(*i as f64),
        Data::Bool(b) => Val::Bool(*b),
        _ => Val::Empty,
    }
}

/// Sheets of a workbook as names and rows of values.
pub type Sheets = Vec<(String, Vec<Vec<Val>>)>;

/// Reads `bytes`, lets `f` change the cells, writes the workbook again.
pub fn edit(bytes: &[u8], f: impl FnOnce(&mut Sheets)) -> Vec<u8> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let mut sheets: Sheets = wb
        .sheet_names()
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).unwrap();
            let rows = range.rows().map(|r| r.iter().map(val).collect()).collect();
            (n, rows)
        })
        .collect();
    f(&mut sheets);
    let mut out = Workbook::new();
    for (name, rows) in &sheets {
        let ws = out.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Val::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    Val::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
                    Val::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                    Val::Empty => Ok(()),
                }
                .unwrap();
            }
        }
    }
    out.save_to_buffer().unwrap()
}

/// The rows of sheet `name`.
pub fn sheet<'a>(sheets: &'a mut Sheets, name: &str) -> &'a mut Vec<Vec<Val>> {
    &mut sheets.iter_mut().find(|(n, _)| n == name).expect("sheet").1
}

/// The column index of `header` in sheet rows.
pub fn column(rows: &[Vec<Val>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|v| matches!(v, Val::Text(s) if s == header))
        .expect("header")
}

/// Sets the cell of `header` in spreadsheet row `row` (1-based, header is row 1).
pub fn set(sheets: &mut Sheets, name: &str, row: usize, header: &str, v: Val) {
    let rows = sheet(sheets, name);
    let c = column(rows, header);
    let r = &mut rows[row - 1];
    if r.len() <= c {
        r.resize(c + 1, Val::Empty);
    }
    r[c] = v;
}
