//! The spreadsheet form of a batch of changes: one sheet "Perubahan", one row per change, a
//! column for every field of every kind, with Indonesian headers (docs/import-format.md).

/// The sheet's name.
pub const SHEET: &str = "Perubahan";

/// Every column: the field (as the API names it) and its Indonesian header, in sheet order.
pub const COLUMNS: &[(&str, &str)] = &[
    ("kind", "Jenis Perubahan"),
    ("effective", "Tanggal Berlaku"),
    ("basis.number", "Nomor Keputusan"),
    ("basis.date", "Tanggal Keputusan"),
    ("employee", "NIP"),
    ("position", "Kode Jabatan"),
    ("unit", "Kode Unit"),
    ("parent", "Kode Unit Induk"),
    ("into", "Kode Unit Penerima"),
    ("department", "Kode Perangkat Daerah"),
    ("name", "Nama"),
    ("front_title", "Gelar Depan"),
    ("back_title", "Gelar Belakang"),
    ("employment_type", "Jenis Kepegawaian"),
    ("grade", "Golongan"),
    ("education", "Pendidikan"),
    ("from_equalization", "Hasil Penyetaraan"),
    ("reason", "Alasan Berhenti"),
    ("acting", "Jenis Plt/Plh"),
    ("class", "Kelas Jabatan"),
    ("functional_level", "Jenjang"),
    ("is_head", "Kepala Unit"),
    ("substance", "Substansi"),
    ("unit_kind", "Jenis Unit"),
    ("is_org_unit", "Unit Organisasi"),
];
