//! The table behind a chart: shown on the page beside it (`<table>` with caption and `th
//! scope`) and written to the dashboard's XLSX download, one sheet per table.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// A table of numbers with its caption.
pub struct DataTable {
    pub caption: String,
    /// Column headings; the first column holds the row's name (a `th scope="row"`).
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One cell: text, or a number (right-aligned, written as a number to XLSX).
pub enum Cell {
    Text(String),
    Number(i64),
}

impl Cell {
    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Number(_))
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Text(t) => f.write_str(t),
            Cell::Number(n) => write!(f, "{n}"),
        }
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Cell {
        Cell::Text(v.to_string())
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Text(v)
    }
}

impl From<u32> for Cell {
    fn from(v: u32) -> Cell {
        Cell::Number(i64::from(v))
    }
}

impl From<i64> for Cell {
    fn from(v: i64) -> Cell {
        Cell::Number(v)
    }
}

/// A sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(caption: &str, n: usize) -> String {
    let clean: String = caption
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(27)
        .collect();
    format!("{n} {}", clean.trim())
}

/// The tables as one workbook, a sheet each: the caption, the headings, the rows.
pub fn workbook(title: &str, tables: &[&DataTable]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for (i, t) in tables.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&t.caption, i + 1))?;
        sheet.write_string_with_format(0, 0, title, &bold)?;
        sheet.write_string(1, 0, &t.caption)?;
        for (c, heading) in t.columns.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.write_string_with_format(3, c, heading, &bold)?;
            sheet.set_column_width(c, if c == 0 { 40.0 } else { 16.0 })?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = 4 + u32::try_from(r).unwrap_or(u32::MAX - 4);
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s)?,
                    Cell::Number(n) => sheet.write_number(r, c, *n as f64)?,
                };
            }
        }
        sheet.set_freeze_panes(4, 1)?;
    }
    workbook.save_to_buffer()
}
