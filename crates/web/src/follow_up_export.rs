//! BKPSDM's list of the follow-ups decided in an assessment period (issue 16 point 6; KIN-01,
//! Pasal 18 ayat (1) huruf d) as a downloaded file: CSV (UTF-8, a header row, RFC 4180 quoting,
//! the writer of the e-Kinerja export) and XLSX (one sheet, every cell a text). The columns
//! are for people at BKPSDM, so their titles and values are Indonesian.

use axum::response::Response;
use rust_xlsxwriter::XlsxError;
use sikerja_storage::performance::{FollowUpLine, PeriodRef};

use crate::downloads::{FileFormat, attachment, csv as csv_table, text_workbook};
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
    csv_table(&COLUMNS, lines.iter().map(cells))
}

/// The lines as a workbook with one sheet [`SHEET`]: the header row (bold, frozen), then one
/// row per line, every cell a text (a NIP never becomes a number).
pub fn xlsx(lines: &[FollowUpLine]) -> Result<Vec<u8>, XlsxError> {
    text_workbook(SHEET, &COLUMNS, lines.iter().map(cells))
}

/// The lines of a period as a downloaded file (`tindak-lanjut-2026-q4.csv`).
pub fn file(
    lines: &[FollowUpLine],
    period: PeriodRef,
    format: FileFormat,
) -> Result<Response, WebError> {
    let bytes = match format {
        FileFormat::Csv => csv(lines).into_bytes(),
        FileFormat::Xlsx => {
            xlsx(lines).map_err(|e| WebError::internal("follow-up XLSX export failed", &e))?
        }
    };
    let name = format!("tindak-lanjut-{}.{}", period.code(), format.extension());
    attachment(bytes, format, &name)
}
