//! Peak memory of an import, for `docs/benchmarks.md` (issue 12, point 6). Writes the test
//! files, or reads one the way the server does and prints what came out:
//!
//! ```sh
//! cargo run -p sikerja-transfer --example import_peak -- write /tmp/peak
//! /usr/bin/time -v target/debug/examples/import_peak read /tmp/peak/worst.xlsx
//! ```
//!
//! `write DIR [N]` makes: `large.xlsx`/`large.json` (a valid agency of N employees, default
//! 15,000), `worst.xlsx` (every imported sheet with 42,000 rows of 12 cells, each a 1,000-character
//! text — about the largest shape that passes the package checks), and `worst.json` (small objects up to the parsed
//! size cap).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Read, Write};
use std::path::Path;

use sikerja_transfer::{read_any, write_json, write_xlsx};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("write") => write(Path::new(&args[2])),
        Some("read") => {
            let bytes = std::fs::read(&args[2]).expect("file");
            match read_any(&bytes) {
                Ok(b) => println!("accepted: {} employees", b.employees.len()),
                Err(e) => println!(
                    "refused: {} problems ({} listed), first: {}",
                    e.total(),
                    e.problems.len(),
                    e.problems[0]
                ),
            }
        }
        _ => eprintln!("usage: import_peak write DIR | read FILE"),
    }
}

fn write(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let employees: usize = std::env::args()
        .nth(3)
        .and_then(|n| n.parse().ok())
        .unwrap_or(15_000);
    let large = sikerja_demo::generated_agency(employees, 40);
    std::fs::write(dir.join("large.xlsx"), write_xlsx(&large).unwrap()).unwrap();
    std::fs::write(dir.join("large.json"), write_json(&large)).unwrap();
    std::fs::write(dir.join("worst.xlsx"), worst_xlsx(WORST_ROWS, 12, true)).unwrap();
    std::fs::write(dir.join("million.xlsx"), worst_xlsx(1_000_000, 3, false)).unwrap();
    let mut json = String::from(r#"{"format":"sikerja-agency/1","units":["#);
    // Each `{"code":"u"}` is estimated at 640 + 64 + 48 bytes parsed.
    let n = sikerja_transfer::MAX_JSON_BYTES_PARSED / 900;
    json.push_str(&vec![r#"{"code":"u"}"#; n].join(","));
    json.push_str("]}");
    std::fs::write(dir.join("worst.json"), json).unwrap();
    for f in [
        "large.xlsx",
        "large.json",
        "worst.xlsx",
        "million.xlsx",
        "worst.json",
    ] {
        let len = std::fs::metadata(dir.join(f)).unwrap().len();
        println!("{f}: {:.1} MB", len as f64 / 1e6);
    }
}

/// Rows per sheet of `worst.xlsx`: as many as keep the seven sheets (about 34 bytes a cell
/// unpacked) under MAX_UNPACKED_BYTES together.
const WORST_ROWS: usize = 42_000;

/// Every sheet of the exported workbook replaced by WORST_ROWS rows of 12 cells, each the same
/// 1,000-character shared string; the headers stay the real ones (row 1 of the export).
/// (`million.xlsx`: only the `Pegawai` sheet, with a million rows of three cells, as in the
/// issue's probe.)
fn worst_xlsx(rows: usize, cells: u8, every_sheet: bool) -> Vec<u8> {
    let base = write_xlsx(&sikerja_demo::small_agency()).unwrap();
    let mut zip = ZipArchive::new(Cursor::new(base)).unwrap();
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    let long = "x".repeat(1_000);
    let index = count_strings(&mut zip);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "xl/sharedStrings.xml" {
            // The long text is appended as the last shared string; its index is `count`.
            let text = String::from_utf8(data).unwrap();
            let end = text.rfind("</sst>").unwrap();
            data = format!("{}<si><t>{long}</t></si></sst>", &text[..end]).into_bytes();
        } else if (every_sheet
            && name.starts_with("xl/worksheets/sheet")
            && name != "xl/worksheets/sheet8.xml")
            || name == "xl/worksheets/sheet5.xml"
        {
            data = worst_sheet(&String::from_utf8(data).unwrap(), index, rows, cells);
        }
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn count_strings(zip: &mut ZipArchive<Cursor<Vec<u8>>>) -> usize {
    let mut s = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s.matches("<si>").count()
}

/// The sheet's header row kept (its dimension dropped), then `rows` rows of `cells` cells
/// pointing at string `index`.
fn worst_sheet(sheet: &str, index: usize, rows: usize, cells: u8) -> Vec<u8> {
    let start = sheet.find("<sheetData>").unwrap() + "<sheetData>".len();
    let header_end = sheet[start..].find("</row>").unwrap() + start + "</row>".len();
    let mut x = sheet[..header_end].replace(
        sheet
            .split("<dimension ref=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map(|d| format!("<dimension ref=\"{d}\"/>"))
            .unwrap_or_default()
            .as_str(),
        "",
    );
    for r in 2..=rows + 1 {
        x.push_str(&format!("<row r=\"{r}\">"));
        for c in b'A'..b'A' + cells {
            x.push_str(&format!(
                "<c r=\"{}{r}\" t=\"s\"><v>{index}</v></c>",
                c as char
            ));
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x.into_bytes()
}
