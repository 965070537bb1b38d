//! The limits of an import, so that no file — however it was made — can make the server use
//! more than a bounded amount of memory and time. Documented for users in
//! `docs/import-format.md` ("Batas ukuran"); the figures behind them are in
//! `docs/benchmarks.md`.

/// Data rows per worksheet (after the header row), and objects per JSON list.
pub const MAX_ROWS: usize = 100_000;

/// Cells per worksheet as stored in the file, empty formatted cells included; a sheet whose
/// declared dimension is larger is refused before any of its cells is read.
pub const MAX_CELLS: u64 = 1_500_000;

/// Characters in one cell or JSON value; longer values are refused, never echoed whole.
pub const MAX_VALUE_CHARS: usize = 1_000;

/// Bytes of text in all values of one file together (what the imported agency holds in
/// memory as text).
pub const MAX_TEXT_BYTES: usize = 48 * 1024 * 1024;

/// Problems listed in a refusal; the rest are only counted.
pub const MAX_PROBLEMS: usize = 1_000;

/// Files inside the XLSX (ZIP) package.
pub const MAX_PARTS: usize = 1_000;

/// Unpacked size of one file inside the XLSX package.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Unpacked size of all files of the XLSX package together.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;

/// Unpacked size of the shared-strings part, which the reader keeps in memory whole.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 32 * 1024 * 1024;

/// Entries of the shared-strings table (declared or found).
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// Estimated memory of one JSON file once parsed (objects and arrays take many times their
/// text); larger agencies use the XLSX form, which is read as a stream.
pub const MAX_JSON_BYTES_PARSED: usize = 96 * 1024 * 1024;
