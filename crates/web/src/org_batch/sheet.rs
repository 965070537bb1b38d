//! The file form of a batch of changes (issue 14 point 3): the spreadsheet — one sheet
//! "Perubahan", one row per change, a column for every field of every kind, Indonesian headers
//! (docs/import-format.md) — read with the agency import's reader and limits
//! (`sikerja_transfer::read_table`), or the JSON `{changes: […]}` of the API. The downloadable
//! template is written here too.

use chrono::{Duration, NaiveDate};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sikerja_transfer::{Column, ImportErrors, MAX_ROWS, Sheet, TableRow, XLSX_CONTENT_TYPE};

use super::{BasisItem, ChangeItem, ItemProblem};
use crate::error::{ErrorDetail, WebError};

/// The sheet's name.
pub const SHEET: &str = "Perubahan";

const fn col(field: &'static str, header: &'static str) -> Column {
    Column {
        field,
        header,
        required: true,
    }
}

const fn opt(field: &'static str, header: &'static str) -> Column {
    Column {
        field,
        header,
        required: false,
    }
}

/// Every column: the field (as the API names it) and its Indonesian header, in sheet order.
pub const COLUMNS: &[Column] = &[
    col("kind", "Jenis Perubahan"),
    col("effective", "Tanggal Berlaku"),
    col("basis.number", "Nomor Keputusan"),
    col("basis.date", "Tanggal Keputusan"),
    opt("employee", "NIP"),
    opt("position", "Kode Jabatan"),
    opt("unit", "Kode Unit"),
    opt("parent", "Kode Unit Induk"),
    opt("into", "Kode Unit Penerima"),
    opt("department", "Kode Perangkat Daerah"),
    opt("name", "Nama"),
    opt("front_title", "Gelar Depan"),
    opt("back_title", "Gelar Belakang"),
    opt("employment_type", "Jenis Kepegawaian"),
    opt("grade", "Golongan"),
    opt("education", "Pendidikan"),
    opt("from_equalization", "Hasil Penyetaraan"),
    opt("reason", "Alasan Berhenti"),
    opt("acting", "Jenis Plt/Plh"),
    opt("class", "Kelas Jabatan"),
    opt("functional_level", "Jenjang"),
    opt("is_head", "Kepala Unit"),
    opt("substance", "Substansi"),
    opt("unit_kind", "Jenis Unit"),
    opt("is_org_unit", "Unit Organisasi"),
];

static CHANGES: Sheet = Sheet {
    name: SHEET,
    columns: COLUMNS,
    required: true,
};

/// A batch read from a file: the items, and for a spreadsheet the row of each.
#[derive(Debug, Clone)]
pub struct FileBatch {
    pub items: Vec<ChangeItem>,
    /// Spreadsheet rows of the items (empty for JSON).
    pub rows: Vec<u32>,
}

impl FileBatch {
    /// Where the items came from, to name them in a refusal.
    pub fn source(&self) -> super::Source<'_> {
        if self.rows.is_empty() {
            super::Source::Json
        } else {
            super::Source::Sheet(&self.rows)
        }
    }
}

/// Reads a batch file: XLSX by its content type (or ZIP signature), else JSON
/// `{"changes": […]}`. Every problem of reading is listed (sheet, row, column, code, message).
pub fn read_file(content_type: &str, body: &[u8]) -> Result<FileBatch, WebError> {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let xlsx = media == XLSX_CONTENT_TYPE || (media.is_empty() && body.starts_with(b"PK"));
    if xlsx {
        let rows = sikerja_transfer::read_table(body, &CHANGES).map_err(file_refused)?;
        return items_of(&rows);
    }
    if media != "application/json" {
        return Err(WebError::UnsupportedMediaType);
    }
    let batch: crate::api::dto::org_changes::OrgChangeBatch = serde_json::from_slice(body)
        .map_err(|e| {
            WebError::invalid(
                "org_change_file_unreadable",
                format!(
                    "Berkas JSON tidak dapat dibaca (baris {}, kolom {}): tulis {{\"changes\": [ … ]}}.",
                    e.line(),
                    e.column()
                ),
            )
        })?;
    if batch.changes.len() > MAX_ROWS {
        return Err(WebError::invalid(
            "org_change_file_too_large",
            format!("Berkas berisi lebih dari {MAX_ROWS} perubahan; bagi menjadi beberapa berkas."),
        ));
    }
    Ok(FileBatch {
        items: batch.changes,
        rows: Vec::new(),
    })
}

fn file_refused(errors: ImportErrors) -> WebError {
    WebError::Invalid {
        code: "org_change_batch_invalid",
        message: format!(
            "Berkas perubahan ditolak: {} masalah; tidak ada yang disimpan.",
            errors.total()
        ),
        details: errors
            .problems
            .iter()
            .map(|p| ErrorDetail {
                sheet: p.sheet.clone(),
                row: p.row,
                field: p.field.clone(),
                code: p.code.to_string(),
                message: p.message.clone(),
                ..ErrorDetail::default()
            })
            .collect(),
    }
}

/// A flag cell: `ya`/`tidak` (also `true`/`false`, `1`/`0`).
fn flag(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "ya" | "y" | "true" | "1" | "benar" => Some(true),
        "tidak" | "t" | "false" | "0" | "salah" | "" => Some(false),
        _ => None,
    }
}

/// A date cell: `YYYY-MM-DD` as text, or a spreadsheet date (a day number since 1899-12-30).
fn date(v: &str) -> String {
    match v.parse::<i64>() {
        Ok(n) if (1..=2_958_465).contains(&n) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.checked_add_signed(Duration::days(n)))
            .map_or_else(|| v.to_string(), |d| d.format("%Y-%m-%d").to_string()),
        _ => v.to_string(),
    }
}

/// The items of the sheet's rows; a flag that is neither yes nor no is a problem at its row.
fn items_of(rows: &[TableRow]) -> Result<FileBatch, WebError> {
    let mut items = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    for (index, r) in rows.iter().enumerate() {
        let get = |f: &str| {
            r.cells
                .iter()
                .find(|(k, _)| k == f)
                .map(|(_, v)| v.trim().to_string())
        };
        let mut bool_of = |f: &'static str| {
            let v = get(f)?;
            let b = flag(&v);
            if b.is_none() {
                problems.push(ItemProblem {
                    index,
                    field: f,
                    code: "org_change_value_invalid",
                    message: format!(
                        "Isian \"{}\": tulis \"ya\" atau \"tidak\".",
                        super::resolve::label(f)
                    ),
                });
            }
            b
        };
        let from_equalization = bool_of("from_equalization");
        let is_head = bool_of("is_head");
        let is_org_unit = bool_of("is_org_unit");
        items.push(ChangeItem {
            kind: get("kind"),
            effective: get("effective").map(|v| date(&v)),
            basis: Some(BasisItem {
                number: get("basis.number"),
                date: get("basis.date").map(|v| date(&v)),
            }),
            employee: get("employee"),
            position: get("position"),
            unit: get("unit"),
            parent: get("parent"),
            into: get("into"),
            department: get("department"),
            name: get("name"),
            front_title: get("front_title"),
            back_title: get("back_title"),
            employment_type: get("employment_type"),
            grade: get("grade"),
            education: get("education"),
            from_equalization,
            reason: get("reason"),
            acting: get("acting"),
            class: get("class"),
            functional_level: get("functional_level"),
            is_head,
            substance: get("substance"),
            unit_kind: get("unit_kind"),
            is_org_unit,
        });
    }
    let batch = FileBatch {
        items,
        rows: rows.iter().map(|r| r.row).collect(),
    };
    if problems.is_empty() {
        Ok(batch)
    } else {
        Err(super::problems_refused(&problems, batch.source()))
    }
}

/// The template: the sheet "Perubahan" with its headers and two example rows, and a sheet
/// "Petunjuk" listing the kinds and the columns each reads.
pub fn template() -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet = wb.add_worksheet().set_name(SHEET)?;
    for (c, column) in COLUMNS.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, c, column.header, &bold)?;
        sheet.set_column_width(c, 20)?;
        sheet.set_column_format(c, &text)?;
    }
    let examples: [&[(&str, &str)]; 2] = [
        &[
            ("kind", "appoint"),
            ("effective", "2026-01-02"),
            ("basis.number", "800.1.3/1/BKPSDM/2026"),
            ("basis.date", "2025-12-20"),
            ("employee", "199001012015031005"),
            ("position", "kode-jabatan"),
        ],
        &[
            ("kind", "set_grade"),
            ("effective", "2026-04-01"),
            ("basis.number", "800.1.3/2/BKPSDM/2026"),
            ("basis.date", "2026-03-15"),
            ("employee", "199001012015031005"),
            ("grade", "III/b"),
        ],
    ];
    for (r, example) in examples.iter().enumerate() {
        for (field, value) in *example {
            if let Some(c) = COLUMNS.iter().position(|x| x.field == *field) {
                let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                sheet.write_string(row, c, *value)?;
            }
        }
    }
    let help = wb.add_worksheet().set_name("Petunjuk")?;
    help.write_string_with_format(0, 0, "Jenis Perubahan", &bold)?;
    help.write_string_with_format(0, 1, "Keterangan", &bold)?;
    help.write_string_with_format(0, 2, "Kolom yang diisi", &bold)?;
    help.set_column_width(0, 18)?;
    help.set_column_width(1, 36)?;
    help.set_column_width(2, 90)?;
    for (r, (kind, label, fields)) in KIND_HELP.iter().enumerate() {
        let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
        help.write_string(row, 0, *kind)?;
        help.write_string(row, 1, *label)?;
        help.write_string(row, 2, *fields)?;
    }
    wb.save_to_buffer()
}

/// Each kind, its Indonesian name and the columns it reads (besides the four of every row).
const KIND_HELP: &[(&str, &str, &str)] = &[
    (
        "hire",
        "Pegawai baru",
        "NIP (baru), Nama, Gelar Depan/Belakang, Jenis Kepegawaian (pns/pppk), Golongan, Pendidikan, Kode Jabatan (boleh kosong), Hasil Penyetaraan",
    ),
    (
        "appoint",
        "Pengangkatan dalam jabatan / mutasi",
        "NIP, Kode Jabatan",
    ),
    ("vacate", "Dibebaskan dari jabatan", "NIP"),
    ("set_grade", "Kenaikan pangkat/golongan", "NIP, Golongan"),
    (
        "leave",
        "Berhenti / pensiun",
        "NIP, Alasan Berhenti (retirement, resignation, death, dismissal, transfer_out)",
    ),
    (
        "name_acting",
        "Penunjukan Plt./Plh.",
        "Kode Jabatan, NIP, Jenis Plt/Plh (plt/plh)",
    ),
    ("end_acting", "Berakhirnya Plt./Plh.", "Kode Jabatan"),
    (
        "add_unit",
        "Pembentukan unit",
        "Kode Unit (baru), Kode Unit Induk, Nama, Jenis Unit, Unit Organisasi (ya/tidak)",
    ),
    ("rename_unit", "Perubahan nama unit", "Kode Unit, Nama"),
    ("move_unit", "Pemindahan unit", "Kode Unit, Kode Unit Induk"),
    (
        "merge_unit",
        "Penggabungan unit",
        "Kode Unit, Kode Unit Penerima",
    ),
    ("close_unit", "Penghapusan unit", "Kode Unit"),
    (
        "add_position",
        "Pembentukan jabatan",
        "Kode Jabatan (baru), Kode Unit, Nama, Kelas Jabatan, Jenjang, Kepala Unit (ya/tidak), Substansi",
    ),
    (
        "change_position",
        "Perubahan jabatan",
        "Kode Jabatan, lalu yang berubah: Nama, Kelas Jabatan, Jenjang (- untuk tanpa jenjang)",
    ),
    ("close_position", "Penghapusan jabatan", "Kode Jabatan"),
];
