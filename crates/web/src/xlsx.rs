//! XLSX export of the rincian kedudukan (KED-11). NIPs are written as text: a number would lose
//! digits (an f64 holds 15–16) and spreadsheet programs would show them in scientific notation.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::views::{OfficialCell, PlacementRow};

/// Media type of an XLSX workbook.
pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const COLUMNS: [(&str, f64); 19] = [
    ("No", 5.0),
    ("Nama", 32.0),
    ("NIP", 21.0),
    ("Pangkat/Golongan", 22.0),
    ("Jabatan", 30.0),
    ("Jenis/Jenjang", 22.0),
    ("Unit", 28.0),
    ("Status", 18.0),
    ("Atasan Langsung", 30.0),
    ("NIP Atasan Langsung", 21.0),
    ("Jabatan Atasan Langsung", 30.0),
    ("Pejabat Penilai Kinerja", 30.0),
    ("NIP Pejabat Penilai Kinerja", 21.0),
    ("Koordinator", 30.0),
    ("Pemberi Rekomendasi", 30.0),
    ("Aturan", 10.0),
    ("Pasal", 22.0),
    ("Catatan", 50.0),
    ("Penetapan Manual", 50.0),
];

fn digits(spaced: &str) -> String {
    spaced.chars().filter(|c| !c.is_whitespace()).collect()
}

fn official(o: &Option<OfficialCell>) -> String {
    o.as_ref()
        .map(|o| match o.acting {
            Some(a) => format!("{a} {}", o.person.name),
            None => o.person.name.clone(),
        })
        .unwrap_or_default()
}

/// Writes the rows to a workbook with one sheet "Rincian Kedudukan".
pub fn placements(department: &str, rows: &[PlacementRow]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Rincian Kedudukan")?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    sheet.write_string_with_format(0, 0, format!("Rincian Kedudukan — {department}"), &bold)?;
    for (col, (title, width)) in COLUMNS.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(2, col, *title, &bold)?;
        sheet.set_column_width(col, *width)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        let level = match r.level {
            Some(l) => format!("{} {l}", r.class_label),
            None => r.class_label.to_string(),
        };
        let mut notes = r.notes.clone();
        if let Some(reason) = &r.reason {
            notes.insert(0, reason.clone());
        }
        let manual = r
            .manual
            .as_ref()
            .map(|m| {
                format!(
                    "Ditetapkan oleh {}, {}. Alasan: {}",
                    m.decided_by, m.decided_at, m.justification
                )
            })
            .unwrap_or_default();
        let cells: [String; 19] = [
            (i + 1).to_string(),
            r.employee.name.clone(),
            digits(&r.employee.nip),
            r.employee.grade.clone(),
            r.position_name.clone(),
            level,
            r.unit_name.clone(),
            r.status_label.to_string(),
            official(&r.superior),
            r.superior
                .as_ref()
                .map(|o| digits(&o.person.nip))
                .unwrap_or_default(),
            r.superior
                .as_ref()
                .map(|o| o.position_name.clone())
                .unwrap_or_default(),
            official(&r.assessor),
            r.assessor
                .as_ref()
                .map(|o| digits(&o.person.nip))
                .unwrap_or_default(),
            official(&r.coordinator),
            official(&r.recommender),
            r.rule_id.clone(),
            r.article.clone(),
            notes.join("; "),
            manual,
        ];
        for (col, value) in cells.iter().enumerate() {
            let col = col as u16;
            if col == 0 {
                sheet.write_number(row, col, (i + 1) as f64)?;
            } else {
                sheet.write_string_with_format(row, col, value, &text)?;
            }
        }
    }
    sheet.set_freeze_panes(3, 2)?;
    workbook.save_to_buffer()
}
