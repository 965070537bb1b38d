//! Checks of the XLSX package (a ZIP file) before the workbook reader sees it: how many files
//! it holds and how large they are once unpacked — measured by unpacking them into nothing,
//! not taken from the sizes the package declares — and how many shared strings it holds,
//! since the reader keeps those in memory whole. A "zip bomb" is refused here, with bounded
//! memory and time.

use std::io::{BufReader, Cursor, Read, Write};

use quick_xml::Reader as XmlReader;
use quick_xml::events::Event;
use zip::ZipArchive;

use crate::limits::{
    MAX_PART_BYTES, MAX_PARTS, MAX_SHARED_STRINGS, MAX_SHARED_STRINGS_BYTES, MAX_UNPACKED_BYTES,
};
use crate::problem::ImportErrors;

fn unreadable() -> ImportErrors {
    ImportErrors::single(
        "xlsx_unreadable",
        "berkas bukan buku kerja XLSX yang dapat dibaca".into(),
    )
}

fn too_large(what: String) -> ImportErrors {
    ImportErrors::single(
        "xlsx_too_large",
        format!("buku kerja terlalu besar untuk diimpor: {what}"),
    )
}

/// Counts bytes written to it and refuses to go past `limit`.
struct Meter {
    written: u64,
    limit: u64,
}

impl Write for Meter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.written += buf.len() as u64;
        if self.written > self.limit {
            return Err(std::io::Error::other("limit"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Refuses a package that is not a readable ZIP, has too many files, unpacks to too much, or
/// whose shared-strings table is too large.
pub(crate) fn check(bytes: &[u8]) -> Result<(), ImportErrors> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    if zip.len() > MAX_PARTS {
        return Err(too_large(format!(
            "berisi {} berkas di dalamnya (paling banyak {MAX_PARTS})",
            zip.len()
        )));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| unreadable())?;
        let name = part.name().map_err(|_| unreadable())?.to_string();
        let shared = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let limit = if shared {
            MAX_SHARED_STRINGS_BYTES
        } else {
            MAX_PART_BYTES
        }
        .min(MAX_UNPACKED_BYTES - total);
        if part.size() > limit {
            return Err(too_large(format!(
                "bagian {name} berukuran {} MB setelah dibuka",
                part.size() / 1_000_000
            )));
        }
        let unpacked = if shared {
            shared_strings(&mut part, limit)?
        } else {
            let mut meter = Meter { written: 0, limit };
            match std::io::copy(&mut part, &mut meter) {
                Ok(n) => n,
                Err(_) if meter.written > limit => {
                    return Err(too_large(format!(
                        "bagian {name} melebihi {} MB setelah dibuka",
                        limit / 1_000_000
                    )));
                }
                Err(_) => return Err(unreadable()),
            }
        };
        total += unpacked;
    }
    Ok(())
}

/// Reads the shared-strings part as a stream, counting its entries (and the count it
/// declares, which the reader would reserve memory for); returns its unpacked size.
fn shared_strings(part: &mut impl Read, limit: u64) -> Result<u64, ImportErrors> {
    let mut counted = CountingReader {
        inner: part,
        read: 0,
    };
    let mut xml = XmlReader::from_reader(BufReader::new((&mut counted).take(limit + 1)));
    let mut buf = Vec::new();
    let mut entries = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => {
                    // The reader reserves room for the declared count before reading any.
                    let declared = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "uniqueCount")
                        .and_then(|a| a.value.trim().parse::<u64>().ok());
                    if declared.is_some_and(|n| n > MAX_SHARED_STRINGS) {
                        return Err(too_large(format!(
                            "tabel teks bersama menyatakan lebih dari {MAX_SHARED_STRINGS} teks"
                        )));
                    }
                }
                "si" => {
                    entries += 1;
                    if entries > MAX_SHARED_STRINGS {
                        return Err(too_large(format!(
                            "tabel teks bersama berisi lebih dari {MAX_SHARED_STRINGS} teks"
                        )));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => {
                if xml.get_ref().get_ref().limit() == 0 {
                    break;
                }
                return Err(unreadable());
            }
        }
    }
    drop(xml);
    if counted.read > limit {
        return Err(too_large(format!(
            "tabel teks bersama melebihi {} MB setelah dibuka",
            limit / 1_000_000
        )));
    }
    Ok(counted.read)
}

struct CountingReader<'r, R> {
    inner: &'r mut R,
    read: u64,
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}
