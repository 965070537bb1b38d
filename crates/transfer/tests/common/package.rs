//! Rewriting the files inside an XLSX package, for inputs no spreadsheet application writes.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The files of an XLSX package by name, in order.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

/// A package of `parts`, deflated.
pub fn pack(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, data) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `bytes` with the part `name` replaced by `data`.
pub fn replace(bytes: &[u8], name: &str, data: Vec<u8>) -> Vec<u8> {
    let mut all = parts(bytes);
    let part = all.iter_mut().find(|(n, _)| n == name).expect("part");
    part.1 = data;
    pack(&all)
}

/// The package path of the worksheet named `sheet` (as the writer numbers them).
pub fn worksheet(bytes: &[u8], sheet: &str) -> String {
    let all = parts(bytes);
    let workbook = all.iter().find(|(n, _)| n == "xl/workbook.xml").unwrap();
    let text = String::from_utf8_lossy(&workbook.1);
    let names: Vec<&str> = text
        .split("<sheet ")
        .skip(1)
        .map(|s| {
            s.split("name=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    let index = names.iter().position(|n| *n == sheet).expect("sheet") + 1;
    format!("xl/worksheets/sheet{index}.xml")
}

/// A worksheet of inline-string rows (`dimension` as given, or none).
pub fn sheet_xml(dimension: Option<&str>, rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    if let Some(d) = dimension {
        x.push_str(&format!(r#"<dimension ref="{d}"/>"#));
    }
    x.push_str("<sheetData>");
    for (r, row) in rows.enumerate() {
        x.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, v) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            x.push_str(&format!(
                r#"<c r="{col}{}" t="inlineStr"><is><t>{v}</t></is></c>"#,
                r + 1
            ));
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x.into_bytes()
}
