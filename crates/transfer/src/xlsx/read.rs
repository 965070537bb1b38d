//! Reading the workbook: columns found by their headers (any order, any case), empty rows
//! skipped, every problem located by sheet, row and column as the spreadsheet shows them.
//! Sheets are read as a stream of cells, one row in memory at a time, within the limits of
//! `crate::limits`.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};

use calamine::{Data, Xlsx, XlsxError, open_workbook_from_rs};
use sikerja_domain::bundle::{AgencyBundle, Entity};

use crate::decode::{self, Decoded};
use crate::fields::{Cell, Place, Record};
use crate::json::placeholder_agency;
use crate::limits::{MAX_CELLS, MAX_ROWS};
use crate::problem::{ImportErrors, ImportProblem, Problems};
use crate::schema::*;
use crate::xlsx::package;

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

fn sheet_problem(sheet: &Sheet, code: &'static str, message: String) -> ImportProblem {
    ImportProblem {
        sheet: Some(sheet.name.into()),
        row: None,
        field: None,
        code,
        message,
    }
}

fn too_large(sheet: &Sheet) -> ImportProblem {
    sheet_problem(
        sheet,
        "sheet_too_large",
        format!(
            "lembar \"{}\" terlalu besar: paling banyak {MAX_ROWS} baris data dan {MAX_CELLS} sel; \
             hapus baris dan kolom yang tidak dipakai",
            sheet.name
        ),
    )
}

/// One worksheet read as a stream of rows: the header row maps columns to fields, then each
/// non-empty data row is handed to `each` with its number as the spreadsheet shows it. Only
/// one row is in memory at a time; a sheet over the limits (its declared dimension first, then
/// what is actually found) is refused with one problem (MAX_ROWS, MAX_CELLS).
fn rows<R: Read + Seek>(
    wb: &mut Xlsx<R>,
    sheet: &'static Sheet,
    problems: &mut Problems,
    mut each: impl FnMut(&mut Problems, u32, Vec<(String, Cell)>),
) {
    let mut reader = match wb.worksheet_cells_reader(sheet.name) {
        Ok(r) => r,
        Err(XlsxError::WorksheetNotFound(_)) => {
            if sheet.required {
                problems.push(sheet_problem(
                    sheet,
                    "sheet_missing",
                    format!("lembar \"{}\" wajib ada", sheet.name),
                ));
            }
            return;
        }
        Err(_) => {
            problems.push_always(unreadable(sheet));
            return;
        }
    };
    let dims = reader.dimensions();
    let declared_rows = u64::from(dims.end.0.saturating_sub(dims.start.0)) + 1;
    if declared_rows > MAX_ROWS as u64 + 1 || dims.len() > MAX_CELLS {
        problems.push_always(too_large(sheet));
        return;
    }
    let mut header: Option<HashMap<u32, &'static Column>> = None;
    let mut current: Option<u32> = None;
    let mut cells: Vec<(u32, Data)> = Vec::new();
    let mut seen_cells = 0u64;
    let mut data_rows = 0usize;
    let mut flush = |row: u32,
                     cells: &mut Vec<(u32, Data)>,
                     header: &mut Option<HashMap<u32, &'static Column>>,
                     problems: &mut Problems|
     -> bool {
        let taken = std::mem::take(cells);
        if taken.iter().all(|(_, d)| matches!(cell(d), Cell::Empty)) {
            return true;
        }
        match header {
            None => {
                *header = Some(read_header(sheet, row, &taken, problems));
                true
            }
            Some(h) => {
                data_rows += 1;
                if data_rows > MAX_ROWS {
                    return false;
                }
                let fields = taken
                    .iter()
                    .filter_map(|(c, d)| h.get(c).map(|col| (col.field.to_string(), cell(d))))
                    .collect();
                each(problems, row + 1, fields);
                true
            }
        }
    };
    loop {
        let next = match reader.next_cell() {
            Ok(n) => n,
            Err(_) => {
                problems.push_always(unreadable(sheet));
                return;
            }
        };
        let Some(c) = next else { break };
        seen_cells += 1;
        if seen_cells > MAX_CELLS {
            problems.push_always(too_large(sheet));
            return;
        }
        let (r, col) = c.get_position();
        if current.is_some_and(|cur| r != cur) {
            let cur = current.unwrap_or(r);
            if r < cur {
                problems.push_always(sheet_problem(
                    sheet,
                    "sheet_rows_unordered",
                    format!(
                        "baris-baris lembar \"{}\" tidak tersimpan berurutan; simpan ulang \
                         buku kerja dengan aplikasi lembar kerja",
                        sheet.name
                    ),
                ));
                return;
            }
            if !flush(cur, &mut cells, &mut header, problems) {
                problems.push_always(too_large(sheet));
                return;
            }
        }
        current = Some(r);
        cells.push((col, Data::from(c.get_value().clone())));
    }
    if let Some(cur) = current
        && !flush(cur, &mut cells, &mut header, problems)
    {
        problems.push_always(too_large(sheet));
        return;
    }
    if header.is_none() {
        read_header(sheet, 0, &[], problems);
    }
}

fn unreadable(sheet: &Sheet) -> ImportProblem {
    sheet_problem(
        sheet,
        "sheet_unreadable",
        format!("lembar \"{}\" tidak dapat dibaca", sheet.name),
    )
}

/// The columns of the header row (0-based `row`) by their index; a required column that is
/// missing is a problem.
fn read_header(
    sheet: &'static Sheet,
    row: u32,
    cells: &[(u32, Data)],
    problems: &mut Problems,
) -> HashMap<u32, &'static Column> {
    let header: HashMap<u32, &'static Column> = cells
        .iter()
        .filter_map(|(c, d)| {
            let name = match d {
                Data::String(s) => s.trim().to_lowercase(),
                _ => return None,
            };
            sheet
                .columns
                .iter()
                .find(|col| col.header.to_lowercase() == name || col.field == name)
                .map(|col| (*c, col))
        })
        .collect();
    for col in sheet.columns.iter().filter(|c| c.required) {
        if !header.values().any(|h| h.field == col.field) {
            problems.push(problem(
                sheet,
                row + 1,
                Some(col.header),
                "column_missing",
                format!("kolom \"{}\" wajib ada pada baris judul", col.header),
            ));
        }
    }
    header
}

/// Reads an agency from an XLSX workbook. All or nothing: any problem refuses the whole file.
/// The package is checked first (`package::check`), then each sheet is read as a stream.
pub fn read_xlsx(bytes: &[u8]) -> Result<AgencyBundle, ImportErrors> {
    package::check(bytes)?;
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
        ImportErrors::single(
            "xlsx_unreadable",
            "berkas bukan buku kerja XLSX yang dapat dibaca".into(),
        )
    })?;
    let mut d = Decoded::new(placeholder_agency());
    let mut problems = Problems::default();
    let mut agency_rows = 0usize;
    rows(&mut wb, &AGENCY, &mut problems, |problems, row, cells| {
        agency_rows += 1;
        if agency_rows > 1 {
            problems.push(problem(
                &AGENCY,
                row,
                None,
                "agency_multiple",
                "lembar Instansi hanya boleh berisi satu baris data".into(),
            ));
            return;
        }
        let place = Place::Sheet(AGENCY.name, row);
        let mut r = Record::new(place.clone(), AGENCY.columns, cells, problems);
        d.bundle.agency = decode::agency(&mut r);
        let bad = r.bad;
        d.place(Entity::Agency, 0, place, bad);
    });
    if agency_rows == 0 {
        problems.push(problem(
            &AGENCY,
            2,
            None,
            "agency_missing",
            "lembar Instansi harus berisi satu baris data instansi".into(),
        ));
        d.bad.insert((Entity::Agency, 0));
    }
    rows(
        &mut wb,
        &DEPARTMENTS,
        &mut problems,
        |problems, row, cells| {
            let place = Place::Sheet(DEPARTMENTS.name, row);
            let mut r = Record::new(place.clone(), DEPARTMENTS.columns, cells, problems);
            let rec = decode::department(&mut r);
            let bad = r.bad;
            d.place(Entity::Department, d.bundle.departments.len(), place, bad);
            d.bundle.departments.push(rec);
        },
    );
    rows(&mut wb, &UNITS, &mut problems, |problems, row, cells| {
        let place = Place::Sheet(UNITS.name, row);
        let mut r = Record::new(place.clone(), UNITS.columns, cells, problems);
        let rec = decode::unit(&mut r);
        let bad = r.bad;
        d.place(Entity::Unit, d.bundle.units.len(), place, bad);
        d.bundle.units.push(rec);
    });
    rows(
        &mut wb,
        &POSITIONS,
        &mut problems,
        |problems, row, cells| {
            let place = Place::Sheet(POSITIONS.name, row);
            let mut r = Record::new(place.clone(), POSITIONS.columns, cells, problems);
            let rec = decode::position(&mut r);
            let bad = r.bad;
            d.place(Entity::Position, d.bundle.positions.len(), place, bad);
            d.bundle.positions.push(rec);
        },
    );
    let mut by_nip: HashMap<String, usize> = HashMap::new();
    rows(
        &mut wb,
        &EMPLOYEES,
        &mut problems,
        |problems, row, cells| {
            let place = Place::Sheet(EMPLOYEES.name, row);
            let mut r = Record::new(place.clone(), EMPLOYEES.columns, cells, problems);
            let rec = decode::employee(&mut r);
            let bad = r.bad;
            let index = d.bundle.employees.len();
            if !bad {
                by_nip.entry(rec.nip.as_str().to_string()).or_insert(index);
            }
            d.place(Entity::Employee, index, place, bad);
            d.bundle.employees.push(rec);
        },
    );
    details(&mut wb, &mut d, &by_nip, &mut problems);
    rows(
        &mut wb,
        &REGIONAL_HEADS,
        &mut problems,
        |problems, row, cells| {
            let place = Place::Sheet(REGIONAL_HEADS.name, row);
            let mut r = Record::new(place.clone(), REGIONAL_HEADS.columns, cells, problems);
            let rec = decode::regional_head(&mut r);
            let bad = r.bad;
            d.place(
                Entity::RegionalHead,
                d.bundle.regional_heads.len(),
                place,
                bad,
            );
            d.bundle.regional_heads.push(rec);
        },
    );
    rows(
        &mut wb,
        &EXPERIENCE_FIELDS,
        &mut problems,
        |problems, row, cells| {
            let place = Place::Sheet(EXPERIENCE_FIELDS.name, row);
            let mut r = Record::new(place.clone(), EXPERIENCE_FIELDS.columns, cells, problems);
            let rec = decode::experience_field(&mut r);
            let bad = r.bad;
            d.place(
                Entity::ExperienceField,
                d.bundle.experience_fields.len(),
                place,
                bad,
            );
            d.bundle.experience_fields.push(rec);
        },
    );
    d.problems.extend(problems);
    d.finish()
}

/// The `Penilaian` and `Pengalaman` sheets, attached to employees by NIP.
fn details<R: Read + Seek>(
    wb: &mut Xlsx<R>,
    d: &mut Decoded,
    by_nip: &HashMap<String, usize>,
    problems: &mut Problems,
) {
    for sheet in [&RATINGS, &EXPERIENCE] {
        rows(wb, sheet, problems, |problems, row, cells| {
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
        });
    }
}

/// One data row of a table sheet read by [`read_table`]: its number as the spreadsheet shows
/// it, and the text of each known column by field (numbers without a fraction when whole).
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub row: u32,
    pub cells: Vec<(String, String)>,
}

/// Reads one sheet of a workbook that is not an agency — e.g. a month of organisation changes
/// (issue 14 point 3) — with the same package checks, limits and problem list as the agency
/// import: columns by their headers, empty rows skipped, a value longer than
/// [`crate::MAX_VALUE_CHARS`] refused by its row and column, every problem located. Any problem
/// refuses the whole file.
pub fn read_table(bytes: &[u8], sheet: &'static Sheet) -> Result<Vec<TableRow>, ImportErrors> {
    package::check(bytes)?;
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
        ImportErrors::single(
            "xlsx_unreadable",
            "berkas bukan buku kerja XLSX yang dapat dibaca".into(),
        )
    })?;
    let mut problems = Problems::default();
    let mut out = Vec::new();
    rows(&mut wb, sheet, &mut problems, |problems, row, cells| {
        let place = Place::Sheet(sheet.name, row);
        let r = Record::new(place, sheet.columns, cells, problems);
        let texts = sheet
            .columns
            .iter()
            .filter_map(|c| r.opt_text(c.field).map(|t| (c.field.to_string(), t)))
            .collect();
        if !r.bad {
            out.push(TableRow { row, cells: texts });
        }
    });
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.into_errors())
    }
}
