//! Reading the workbook: columns found by their headers (any order, any case), empty rows
//! skipped, every problem located by sheet, row and column as the spreadsheet shows them.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use sikerja_domain::bundle::{AgencyBundle, Entity};

use crate::decode::{self, Decoded};
use crate::fields::{Cell, Place, Record};
use crate::json::placeholder_agency;
use crate::problem::{ImportErrors, ImportProblem};
use crate::schema::*;

/// A data row: its number as the user sees it and its cells by field.
type Row = (u32, Vec<(String, Cell)>);

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

fn problem(
    sheet: &Sheet,
    row: u32,
    field: Option<&str>,
    code: &'static str,
    message: String,
) -> ImportProblem {
    ImportProblem {
        sheet: Some(sheet.name.into()),
        row: Some(row),
        field: field.map(Into::into),
        code,
        message,
    }
}

/// The data rows of `sheet`, or none (with a problem when the sheet is required).
fn rows<R: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<R>,
    sheet: &'static Sheet,
    problems: &mut Vec<ImportProblem>,
) -> Vec<Row> {
    let Ok(range) = wb.worksheet_range(sheet.name) else {
        if sheet.required {
            problems.push(ImportProblem {
                sheet: Some(sheet.name.into()),
                row: None,
                field: None,
                code: "sheet_missing",
                message: format!("lembar \"{}\" wajib ada", sheet.name),
            });
        }
        return Vec::new();
    };
    let first = range.start().map_or(0, |(r, _)| r) + 1;
    let mut it = range.rows();
    let header: Vec<Option<&Column>> = it
        .next()
        .map(|h| {
            h.iter()
                .map(|c| {
                    let name = match c {
                        Data::String(s) => s.trim().to_lowercase(),
                        _ => String::new(),
                    };
                    sheet
                        .columns
                        .iter()
                        .find(|col| col.header.to_lowercase() == name || col.field == name)
                })
                .collect()
        })
        .unwrap_or_default();
    for col in sheet.columns.iter().filter(|c| c.required) {
        if !header.iter().flatten().any(|h| h.field == col.field) {
            problems.push(problem(
                sheet,
                first,
                Some(col.header),
                "column_missing",
                format!("kolom \"{}\" wajib ada pada baris judul", col.header),
            ));
        }
    }
    let mut out = Vec::new();
    for (i, row) in it.enumerate() {
        let cells: Vec<(String, Cell)> = row
            .iter()
            .zip(&header)
            .filter_map(|(d, h)| h.map(|col| (col.field.to_string(), cell(d))))
            .collect();
        if cells.iter().all(|(_, c)| *c == Cell::Empty) {
            continue;
        }
        out.push((first + 1 + i as u32, cells));
    }
    out
}

/// Reads an agency from an XLSX workbook. All or nothing: any problem refuses the whole file.
pub fn read_xlsx(bytes: &[u8]) -> Result<AgencyBundle, ImportErrors> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
        ImportErrors::single(
            "xlsx_unreadable",
            "berkas bukan buku kerja XLSX yang dapat dibaca".into(),
        )
    })?;
    let mut d = Decoded::new(placeholder_agency());
    let mut problems = Vec::new();
    let agency = rows(&mut wb, &AGENCY, &mut problems);
    match agency.as_slice() {
        [] => {
            problems.push(problem(
                &AGENCY,
                2,
                None,
                "agency_missing",
                "lembar Instansi harus berisi satu baris data instansi".into(),
            ));
            d.bad.insert((Entity::Agency, 0));
        }
        [(row, cells), rest @ ..] => {
            let place = Place::Sheet(AGENCY.name, *row);
            let mut r = Record::new(place.clone(), AGENCY.columns, cells.clone(), &mut problems);
            d.bundle.agency = decode::agency(&mut r);
            let bad = r.bad;
            d.place(Entity::Agency, 0, place, bad);
            for (row, _) in rest {
                problems.push(problem(
                    &AGENCY,
                    *row,
                    None,
                    "agency_multiple",
                    "lembar Instansi hanya boleh berisi satu baris data".into(),
                ));
            }
        }
    }
    for (row, cells) in rows(&mut wb, &DEPARTMENTS, &mut problems) {
        let place = Place::Sheet(DEPARTMENTS.name, row);
        let mut r = Record::new(place.clone(), DEPARTMENTS.columns, cells, &mut problems);
        let rec = decode::department(&mut r);
        let bad = r.bad;
        d.place(Entity::Department, d.bundle.departments.len(), place, bad);
        d.bundle.departments.push(rec);
    }
    for (row, cells) in rows(&mut wb, &UNITS, &mut problems) {
        let place = Place::Sheet(UNITS.name, row);
        let mut r = Record::new(place.clone(), UNITS.columns, cells, &mut problems);
        let rec = decode::unit(&mut r);
        let bad = r.bad;
        d.place(Entity::Unit, d.bundle.units.len(), place, bad);
        d.bundle.units.push(rec);
    }
    for (row, cells) in rows(&mut wb, &POSITIONS, &mut problems) {
        let place = Place::Sheet(POSITIONS.name, row);
        let mut r = Record::new(place.clone(), POSITIONS.columns, cells, &mut problems);
        let rec = decode::position(&mut r);
        let bad = r.bad;
        d.place(Entity::Position, d.bundle.positions.len(), place, bad);
        d.bundle.positions.push(rec);
    }
    let mut by_nip: HashMap<String, usize> = HashMap::new();
    for (row, cells) in rows(&mut wb, &EMPLOYEES, &mut problems) {
        let place = Place::Sheet(EMPLOYEES.name, row);
        let mut r = Record::new(place.clone(), EMPLOYEES.columns, cells, &mut problems);
        let rec = decode::employee(&mut r);
        let bad = r.bad;
        let index = d.bundle.employees.len();
        if !bad {
            by_nip.entry(rec.nip.as_str().to_string()).or_insert(index);
        }
        d.place(Entity::Employee, index, place, bad);
        d.bundle.employees.push(rec);
    }
    details(&mut wb, &mut d, &by_nip, &mut problems);
    d.problems.append(&mut problems);
    d.finish()
}

/// The `Penilaian` and `Pengalaman` sheets, attached to employees by NIP.
fn details<R: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<R>,
    d: &mut Decoded,
    by_nip: &HashMap<String, usize>,
    problems: &mut Vec<ImportProblem>,
) {
    for sheet in [&RATINGS, &EXPERIENCE] {
        for (row, cells) in rows(wb, sheet, problems) {
            let place = Place::Sheet(sheet.name, row);
            let mut r = Record::new(place.clone(), sheet.columns, cells, problems);
            let owner = r.nip("nip").and_then(|nip| {
                let found = by_nip.get(nip.as_str()).copied();
                if found.is_none() {
                    r.problem(
                        "nip",
                        "employee_unknown",
                        format!("NIP {} tidak ada di lembar Pegawai", nip.as_str()),
                    );
                }
                found
            });
            if sheet.name == RATINGS.name {
                let value = decode::rating(&mut r);
                if let (Some(i), Some(v)) = (owner, value) {
                    let e = &mut d.bundle.employees[i];
                    d.rating_places.insert((i, e.ratings.len()), place);
                    e.ratings.push(v);
                }
            } else {
                let value = decode::experience(&mut r);
                if let (Some(i), Some(v)) = (owner, value) {
                    let e = &mut d.bundle.employees[i];
                    d.experience_places.insert((i, e.experience.len()), place);
                    e.experience.push(v);
                }
            }
        }
    }
}
