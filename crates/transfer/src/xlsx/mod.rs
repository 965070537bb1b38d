//! The XLSX workbook form of an agency: sheets `Instansi`, `Perangkat Daerah`, `Unit`,
//! `Jabatan`, `Pegawai`, `Penilaian`, `Pengalaman` with Indonesian headers and the stable codes
//! in the cells, plus a `Kode` sheet listing the allowed codes (ignored on import).

mod package;
mod read;
mod write;

pub use read::{TableRow, read_table, read_xlsx};
pub use write::write_xlsx;
