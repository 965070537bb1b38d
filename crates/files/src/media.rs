//! The media types an evidence file may have, and the type of a content read from its magic
//! bytes (never from its name or the type its sender declares).

use serde::{Deserialize, Serialize};

/// A media type the store knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum MediaType {
    /// `application/pdf`
    Pdf,
    /// `image/jpeg`
    Jpeg,
    /// `image/png`
    Png,
    /// Word document (Office Open XML).
    Docx,
    /// Excel workbook (Office Open XML).
    Xlsx,
    /// OpenDocument text.
    Odt,
    /// `text/plain` in UTF-8.
    PlainText,
}

impl MediaType {
    /// Every known type, in the order messages list them.
    pub const ALL: [MediaType; 7] = [
        MediaType::Pdf,
        MediaType::Jpeg,
        MediaType::Png,
        MediaType::Docx,
        MediaType::Xlsx,
        MediaType::Odt,
        MediaType::PlainText,
    ];

    /// The MIME type (what a download's `Content-Type` says).
    pub const fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            MediaType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType::Odt => "application/vnd.oasis.opendocument.text",
            MediaType::PlainText => "text/plain",
        }
    }

    /// The name a person reads.
    pub const fn label(self) -> &'static str {
        match self {
            MediaType::Pdf => "PDF",
            MediaType::Jpeg => "JPEG",
            MediaType::Png => "PNG",
            MediaType::Docx => "DOCX",
            MediaType::Xlsx => "XLSX",
            MediaType::Odt => "ODT",
            MediaType::PlainText => "teks biasa",
        }
    }

    /// The file-name extensions of the type, the usual one first (for a file input's
    /// `accept` list; the type itself is always read from the content).
    pub const fn extensions(self) -> &'static [&'static str] {
        match self {
            MediaType::Pdf => &["pdf"],
            MediaType::Jpeg => &["jpg", "jpeg"],
            MediaType::Png => &["png"],
            MediaType::Docx => &["docx"],
            MediaType::Xlsx => &["xlsx"],
            MediaType::Odt => &["odt"],
            MediaType::PlainText => &["txt"],
        }
    }

    /// The known type of a MIME type (case and parameters such as `; charset=utf-8` ignored;
    /// `image/jpg` too).
    pub fn from_mime(mime: &str) -> Option<MediaType> {
        let essence = mime.split(';').next().unwrap_or_default().trim();
        let essence = essence.to_ascii_lowercase();
        if essence == "image/jpg" {
            return Some(MediaType::Jpeg);
        }
        MediaType::ALL.into_iter().find(|m| m.mime() == essence)
    }
}

impl From<MediaType> for &'static str {
    fn from(m: MediaType) -> Self {
        m.mime()
    }
}

impl TryFrom<String> for MediaType {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        MediaType::from_mime(&s).ok_or_else(|| format!("unknown media type {s}"))
    }
}

impl std::fmt::Display for MediaType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.mime())
    }
}

/// What the content is, read from its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// One of the known types.
    Known(MediaType),
    /// Something else: its MIME type when recognised (`application/x-executable`), else
    /// `tidak dikenal`.
    Other(String),
}

/// The type of `bytes` from their magic bytes. Office documents are ZIP archives told apart
/// by their entries (see [`sniff_zip`]). Text is `text/plain` only when it is UTF-8 without
/// control characters other than TAB, LF, CR and FF (so a binary with no known signature is
/// never taken for text); scripts and markup that `infer` recognises (`#!`, HTML, XML) are
/// other types.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") {
        return sniff_zip(bytes);
    }
    if let Some(kind) = infer::get(bytes) {
        return match MediaType::from_mime(kind.mime_type()) {
            Some(m) if m != MediaType::PlainText => Sniffed::Known(m),
            _ => Sniffed::Other(kind.mime_type().to_string()),
        };
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(text) {
        Ok(s)
            if !s
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) =>
        {
            Sniffed::Known(MediaType::PlainText)
        }
        _ => Sniffed::Other("tidak dikenal".to_string()),
    }
}

/// A ZIP archive by its entries (its central directory; `infer`'s reading of the first local
/// headers misses documents whose entries come in another order): an Office Open XML document
/// has `[Content_Types].xml` and `word/document.xml` (DOCX) or `xl/workbook.xml` (XLSX); one
/// carrying macros (`vbaProject.bin`) is refused as its macro-enabled type. An OpenDocument
/// text has a `mimetype` entry saying so. Anything else is `application/zip`.
pub fn sniff_zip(bytes: &[u8]) -> Sniffed {
    let zip = "application/zip";
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Sniffed::Other(zip.to_string());
    };
    let has = |name: &str| archive.file_names().any(|n| n == name);
    let macros = archive.file_names().any(|n| n.ends_with("vbaProject.bin"));
    if has("[Content_Types].xml") {
        let found = if has("word/document.xml") {
            if macros {
                Sniffed::Other("application/vnd.ms-word.document.macroEnabled.12".into())
            } else {
                Sniffed::Known(MediaType::Docx)
            }
        } else if has("xl/workbook.xml") {
            if macros {
                Sniffed::Other("application/vnd.ms-excel.sheet.macroEnabled.12".into())
            } else {
                Sniffed::Known(MediaType::Xlsx)
            }
        } else {
            Sniffed::Other(zip.to_string())
        };
        return found;
    }
    let mut declared = String::new();
    if let Ok(entry) = archive.by_name("mimetype") {
        use std::io::Read as _;
        // At most 100 bytes are read from it, whatever it claims to unpack to.
        let _ = entry.take(100).read_to_string(&mut declared);
    }
    match declared.trim() {
        "application/vnd.oasis.opendocument.text" => Sniffed::Known(MediaType::Odt),
        "" => Sniffed::Other(zip.to_string()),
        other => Sniffed::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types_are_read_without_case_or_parameters() {
        assert_eq!(
            MediaType::from_mime("Text/Plain; charset=utf-8"),
            Some(MediaType::PlainText)
        );
        assert_eq!(MediaType::from_mime("image/jpg"), Some(MediaType::Jpeg));
        assert_eq!(MediaType::from_mime("application/zip"), None);
        for m in MediaType::ALL {
            assert_eq!(MediaType::from_mime(m.mime()), Some(m));
        }
    }

    #[test]
    fn magic_bytes_decide_the_type() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"),
            Sniffed::Known(MediaType::Pdf)
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Sniffed::Known(MediaType::Png)
        );
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"),
            Sniffed::Known(MediaType::Jpeg)
        );
        assert_eq!(
            sniff("Laporan kemajuan\nbulan Desember ✓\n".as_bytes()),
            Sniffed::Known(MediaType::PlainText)
        );
    }

    #[test]
    fn executables_scripts_markup_and_unknown_binaries_are_other_types() {
        // A Linux executable's 64-byte header.
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0".to_vec();
        elf.resize(64, 0);
        assert_eq!(
            sniff(&elf),
            Sniffed::Other("application/x-executable".into())
        );
        assert!(matches!(sniff(b"MZ\x90\0\x03\0\0\0"), Sniffed::Other(_)));
        assert!(matches!(sniff(b"#!/bin/sh\nrm -rf /\n"), Sniffed::Other(_)));
        assert!(matches!(
            sniff(b"<!DOCTYPE html><html><script>alert(1)</script>"),
            Sniffed::Other(_)
        ));
        assert_eq!(
            sniff(b"\0\x01\x02binary"),
            Sniffed::Other("tidak dikenal".into())
        );
        assert_eq!(
            sniff(b"PK\x03\x04\x14\0\0\0"),
            Sniffed::Other("application/zip".into())
        );
    }

    fn zip_of(names: &[&str]) -> Vec<u8> {
        use std::io::Write as _;
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for name in names {
            out.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("entry");
            out.write_all(b"<x/>").expect("write");
        }
        out.finish().expect("zip").into_inner()
    }

    #[test]
    fn office_documents_are_told_apart_by_their_entries_in_any_order() {
        // Three entries: `infer` alone reads this as a plain ZIP.
        let docx = zip_of(&["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
        assert_eq!(sniff(&docx), Sniffed::Known(MediaType::Docx));
        let xlsx = zip_of(&["_rels/.rels", "xl/workbook.xml", "[Content_Types].xml"]);
        assert_eq!(sniff(&xlsx), Sniffed::Known(MediaType::Xlsx));
        let xlsm = zip_of(&[
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/vbaProject.bin",
        ]);
        assert_eq!(
            sniff(&xlsm),
            Sniffed::Other("application/vnd.ms-excel.sheet.macroEnabled.12".into())
        );
        let pptx = zip_of(&["[Content_Types].xml", "ppt/presentation.xml"]);
        assert_eq!(sniff(&pptx), Sniffed::Other("application/zip".into()));
        let mut truncated = docx.clone();
        truncated.truncate(docx.len() / 2);
        assert_eq!(sniff(&truncated), Sniffed::Other("application/zip".into()));
    }
}
