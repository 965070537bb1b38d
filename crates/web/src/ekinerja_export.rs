//! The hand-off to e-Kinerja (issue 16 point 7; KIN-02, Pasal 18 ayat (2)): one row per
//! employee, result plan and indicator of an assessment period, written as CSV (UTF-8, a
//! header row, RFC 4180 quoting) and as XLSX with the same columns. The columns, their types
//! and codes are documented in `docs/performance.md` ("The hand-off to e-Kinerja");
//! `docs/examples/ekinerja-export-example.csv` and `.xlsx` are written from [`example`].
//!
//! The writers refuse nothing: every text is written as given, quoted where CSV needs it, and
//! as a text cell in the workbook (a NIP never becomes a number, a text starting with "=" never
//! becomes a formula).

use rust_xlsxwriter::XlsxError;

pub use crate::downloads::{CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE};
use crate::downloads::{csv as csv_table, text_workbook};

/// The name of the workbook's one sheet.
pub const SHEET: &str = "ekinerja";

/// The columns, in order: exactly the field names of [`EkinerjaRow`] (and of the table in
/// docs/performance.md), with the width of each in the workbook.
pub const COLUMNS: [(&str, f64); 12] = [
    ("nip", 21.0),
    ("name", 30.0),
    ("period", 10.0),
    ("result_plan", 45.0),
    ("indicator", 45.0),
    ("target", 18.0),
    ("realisation", 18.0),
    ("results_level", 14.0),
    ("behaviour_level", 16.0),
    ("performance_rating", 20.0),
    ("state", 20.0),
    ("assessor_nip", 21.0),
];

/// One row of the export: one indicator of one result plan of one employee's assessment. Codes
/// as the domain writes them (`meets`, `sangat_baik`, `finalised`, the period `2026-q4`); an
/// empty option is an empty cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EkinerjaRow {
    /// The employee's NIP, 18 digits.
    pub nip: String,
    pub name: String,
    /// The period's code: `2026-q4`, `2026-m11`, `2026-y`.
    pub period: String,
    pub result_plan: String,
    pub indicator: String,
    pub target: String,
    pub realisation: String,
    /// `below` / `meets` / `above`.
    pub results_level: Option<String>,
    pub behaviour_level: Option<String>,
    /// `sangat_baik` / `baik` / `butuh_perbaikan` / `kurang` / `sangat_kurang`.
    pub performance_rating: Option<String>,
    /// The assessment's state code (`draft`, `finalised`, `acknowledged`, …).
    pub state: String,
    /// The NIP of whoever finalised (holder or Plt./Plh. of the fixed assessor post).
    pub assessor_nip: Option<String>,
}

impl EkinerjaRow {
    /// The row's cells in the order of [`COLUMNS`].
    pub fn cells(&self) -> [&str; 12] {
        fn opt(o: &Option<String>) -> &str {
            o.as_deref().unwrap_or("")
        }
        [
            &self.nip,
            &self.name,
            &self.period,
            &self.result_plan,
            &self.indicator,
            &self.target,
            &self.realisation,
            opt(&self.results_level),
            opt(&self.behaviour_level),
            opt(&self.performance_rating),
            &self.state,
            opt(&self.assessor_nip),
        ]
    }
}

/// The rows as CSV: UTF-8 without a byte-order mark, the header row first, CRLF line ends.
pub fn csv(rows: &[EkinerjaRow]) -> String {
    csv_table(&COLUMNS, rows.iter().map(EkinerjaRow::cells))
}

/// The rows as a workbook with one sheet [`SHEET`]: the header row (bold, frozen), then one row
/// per [`EkinerjaRow`], every cell a text.
pub fn xlsx(rows: &[EkinerjaRow]) -> Result<Vec<u8>, XlsxError> {
    text_workbook(SHEET, &COLUMNS, rows.iter().map(EkinerjaRow::cells))
}

/// The file name of an export: `ekinerja-2026-q4.csv`.
pub fn file_name(period: &str, extension: &str) -> String {
    let period: String = period
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("ekinerja-{period}.{extension}")
}

/// Fictional rows for the example files and the demo: two employees of the fourth quarter of
/// 2026, one finalised with two indicators on one plan, one still a draft.
pub fn example() -> Vec<EkinerjaRow> {
    let row = |nip: &str, name: &str, plan: &str, indicator: &str, target: &str, real: &str| {
        EkinerjaRow {
            nip: nip.into(),
            name: name.into(),
            period: "2026-q4".into(),
            result_plan: plan.into(),
            indicator: indicator.into(),
            target: target.into(),
            realisation: real.into(),
            ..EkinerjaRow::default()
        }
    };
    let rated = |mut r: EkinerjaRow| {
        r.results_level = Some("meets".into());
        r.behaviour_level = Some("above".into());
        r.performance_rating = Some("baik".into());
        r.state = "acknowledged".into();
        r.assessor_nip = Some("197910182005011002".into());
        r
    };
    let draft = |mut r: EkinerjaRow| {
        r.state = "draft".into();
        r
    };
    let plan = "Tersedianya data statistik sektoral yang mutakhir";
    vec![
        rated(row(
            "198801012010011001",
            "Nama Pegawai, S.Kom.",
            plan,
            "Jumlah dataset sektoral yang dimutakhirkan",
            "12 dataset",
            "12 dataset",
        )),
        rated(row(
            "198801012010011001",
            "Nama Pegawai, S.Kom.",
            plan,
            "Persentase dataset yang lolos pemeriksaan mutu",
            "90%",
            "92%",
        )),
        draft(row(
            "199202022015032002",
            "Nama Anggota, A.Md.",
            "Terselenggaranya layanan \"satu data\" bagi perangkat daerah, kecamatan, dan desa",
            "Permintaan data yang dijawab\npaling lambat tiga hari kerja",
            "100%",
            "95%",
        )),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use calamine::Reader;

    use super::*;

    /// RFC 4180 read back: fields, quoted or not, with doubled quotes and line breaks inside
    /// quotes; records end in CRLF.
    fn parse(s: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut chars = s.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' => quoted = true,
                ',' => record.push(std::mem::take(&mut field)),
                '\r' if chars.peek() == Some(&'\n') => {
                    chars.next();
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                _ => field.push(c),
            }
        }
        assert!(!quoted, "an unterminated quote");
        assert!(
            field.is_empty() && record.is_empty(),
            "a record without CRLF"
        );
        records
    }

    fn examples() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples")
    }

    fn expected(rows: &[EkinerjaRow]) -> Vec<Vec<String>> {
        let mut out = vec![COLUMNS.iter().map(|(c, _)| c.to_string()).collect()];
        out.extend(
            rows.iter()
                .map(|r| r.cells().iter().map(|c| c.to_string()).collect()),
        );
        out
    }

    fn sheet(bytes: Vec<u8>) -> Vec<Vec<String>> {
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range(SHEET).unwrap();
        range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn kin_02_a_quoted_field_survives_the_csv_round_trip() {
        let mut row = example().remove(2);
        row.target = "  \"semua\", tanpa kecuali\r\n=1+1 ".into();
        let text = csv(std::slice::from_ref(&row));
        assert!(text.starts_with("nip,name,period,result_plan,indicator,target,realisation,"));
        assert!(text.contains("\"Terselenggaranya layanan \"\"satu data\"\" bagi"));
        assert_eq!(parse(&text), expected(&[row]));
    }

    #[test]
    fn kin_02_the_xlsx_opens_with_the_header_row_and_text_cells() {
        let rows = example();
        let got = sheet(xlsx(&rows).unwrap());
        assert_eq!(
            got[0],
            [
                "nip",
                "name",
                "period",
                "result_plan",
                "indicator",
                "target",
                "realisation",
                "results_level",
                "behaviour_level",
                "performance_rating",
                "state",
                "assessor_nip"
            ]
        );
        // A NIP stays 18 digits (a number would lose some).
        assert_eq!(got[1][0], "198801012010011001");
        assert_eq!(got, expected(&rows));
    }

    #[test]
    fn kin_02_an_empty_export_is_the_header_row_alone() {
        assert_eq!(parse(&csv(&[])), expected(&[]));
        assert_eq!(sheet(xlsx(&[]).unwrap()), expected(&[]));
        assert_eq!(file_name("2026-q4", "csv"), "ekinerja-2026-q4.csv");
        assert_eq!(file_name("../x", "xlsx"), "ekinerja-x.xlsx");
    }

    /// The example files in docs/examples are what the writers make of [`example`]; with
    /// `SIKERJA_UPDATE_EXAMPLES=1` this test writes them again.
    #[test]
    fn the_example_files_match_the_writers() {
        let rows = example();
        let dir = examples();
        let csv_path = dir.join("ekinerja-export-example.csv");
        let xlsx_path = dir.join("ekinerja-export-example.xlsx");
        if std::env::var("SIKERJA_UPDATE_EXAMPLES").as_deref() == Ok("1") {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&csv_path, csv(&rows)).unwrap();
            std::fs::write(&xlsx_path, xlsx(&rows).unwrap()).unwrap();
        }
        let committed = std::fs::read_to_string(&csv_path).unwrap();
        assert_eq!(
            committed,
            csv(&rows),
            "{} is out of date: run this test with SIKERJA_UPDATE_EXAMPLES=1",
            csv_path.display()
        );
        assert_eq!(
            sheet(std::fs::read(&xlsx_path).unwrap()),
            expected(&rows),
            "{} is out of date: run this test with SIKERJA_UPDATE_EXAMPLES=1",
            xlsx_path.display()
        );
    }
}
