//! Lists people download as a file, in one of two formats: CSV (UTF-8 without a byte-order
//! mark, a header row, RFC 4180 quoting, CRLF line ends) and XLSX (one sheet, the header row
//! bold and frozen, every cell a text — a NIP never becomes a number, a text starting with "="
//! never becomes a formula). The e-Kinerja hand-off and BKPSDM's follow-up list are written
//! with these; their columns stay with them.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::WebError;

pub use crate::xlsx::CONTENT_TYPE as XLSX_CONTENT_TYPE;

/// Media type of a CSV file.
pub const CSV_CONTENT_TYPE: &str = "text/csv; charset=utf-8";

/// CSV or XLSX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

impl FileFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
        }
    }

    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            FileFormat::Csv => CSV_CONTENT_TYPE,
            FileFormat::Xlsx => XLSX_CONTENT_TYPE,
        }
    }
}

/// A field as RFC 4180 writes it: quoted (with its quotes doubled) when it holds a comma, a
/// quote, a line break, or starts or ends with a space; as it is otherwise.
fn csv_field(s: &str, out: &mut String) {
    let quote = s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn csv_line<S: AsRef<str>>(cells: &[S], out: &mut String) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(c.as_ref(), out);
    }
    out.push_str("\r\n");
}

/// The rows as CSV under a header row of the columns' names.
pub fn csv<const N: usize, S: AsRef<str>>(
    columns: &[(&str, f64); N],
    rows: impl IntoIterator<Item = [S; N]>,
) -> String {
    let mut out = String::new();
    csv_line(&columns.map(|(name, _)| name), &mut out);
    for row in rows {
        csv_line(&row, &mut out);
    }
    out
}

/// The rows as a workbook with one sheet named `sheet`: the header row (bold, frozen, each
/// column its width), then one row per row, every cell a text.
pub fn text_workbook<const N: usize, S: AsRef<str>>(
    sheet_name: &str,
    columns: &[(&str, f64); N],
    rows: impl IntoIterator<Item = [S; N]>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (col, (name, width)) in columns.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, *name, &bold)?;
        sheet.set_column_width(col, *width)?;
    }
    for (i, cells) in rows.into_iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (col, value) in cells.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            sheet.write_string_with_format(row, col, value.as_ref(), &text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// The bytes as a downloaded file named `file_name` (ASCII letters, digits, '-' and '.').
pub fn attachment(
    bytes: Vec<u8>,
    format: FileFormat,
    file_name: &str,
) -> Result<Response, WebError> {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    let disposition =
        HeaderValue::from_str(&disposition).map_err(|e| WebError::internal("bad header", &e))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
