//! BKPSDM's list of the follow-ups decided in an assessment period (issue 16 point 6; KIN-01,
//! Pasal 18 ayat (1) huruf d) as a downloaded file: CSV (UTF-8, a header row, RFC 4180 quoting,
//! the writer of the e-Kinerja export) and XLSX (one sheet, every cell a text). The columns
//! are for people at BKPSDM, so their titles and values are Indonesian.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sikerja_storage::performance::{FollowUpLine, PeriodRef};

use crate::ekinerja_export::{CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_line};
use crate::error::WebError;
use crate::format;

/// The sheet's name.
pub const SHEET: &str = "Tindak lanjut";

/// The columns, in order, with their width in the workbook.
pub const COLUMNS: [(&str, f64); 9] = [
    ("NIP", 21.0),
    ("Nama", 30.0),
    ("Perangkat Daerah", 30.0),
    ("Periode", 16.0),
    ("Predikat", 18.0),
    ("Tindak lanjut", 22.0),
    ("Kebutuhan pengembangan", 50.0),
    ("Dicatat", 18.0),
    ("Dicatat oleh", 30.0),
];

/// A line's cells in the order of [`COLUMNS`].
pub fn cells(l: &FollowUpLine) -> [String; 9] {
    [
        l.nip.clone(),
        l.name.clone(),
        l.department_name.clone(),
        l.period.label(),
        l.performance_rating
            .map(|p| p.label().to_string())
            .unwrap_or_default(),
        l.kind.map(|k| k.label().to_string()).unwrap_or_default(),
        l.development_needs.clone(),
        l.recorded_at.map(format::date_time).unwrap_or_default(),
        l.recorded_by.clone(),
    ]
}

/// The lines as CSV: UTF-8 without a byte-order mark, the header row first, CRLF line ends.
pub fn csv(lines: &[FollowUpLine]) -> String {
    let mut out = String::new();
    let header: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
    csv_line(&header, &mut out);
    for l in lines {
        let c = cells(l);
        let refs: Vec<&str> = c.iter().map(String::as_str).collect();
        csv_line(&refs, &mut out);
    }
    out
}

/// The lines as a workbook with one sheet [`SHEET`]: the header row (bold, frozen), then one
/// row per line, every cell a text (a NIP never becomes a number).
pub fn xlsx(lines: &[FollowUpLine]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (col, (name, width)) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, *name, &bold)?;
        sheet.set_column_width(col, *width)?;
    }
    for (i, l) in lines.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (col, value) in cells(l).iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            sheet.write_string_with_format(row, col, value, &text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// CSV or XLSX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpFile {
    Csv,
    Xlsx,
}

/// The lines of a period as a downloaded file (`tindak-lanjut-2026-q4.csv`).
pub fn file(
    lines: &[FollowUpLine],
    period: PeriodRef,
    kind: FollowUpFile,
) -> Result<Response, WebError> {
    let (bytes, content_type, extension) = match kind {
        FollowUpFile::Csv => (csv(lines).into_bytes(), CSV_CONTENT_TYPE, "csv"),
        FollowUpFile::Xlsx => (
            xlsx(lines).map_err(|e| WebError::internal("follow-up XLSX export failed", &e))?,
            XLSX_CONTENT_TYPE,
            "xlsx",
        ),
    };
    let disposition = format!(
        "attachment; filename=\"tindak-lanjut-{}.{extension}\"",
        period.code()
    );
    let disposition =
        HeaderValue::from_str(&disposition).map_err(|e| WebError::internal("bad header", &e))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
