//! The agency format: field names (JSON) and the worksheets and Indonesian column headers of
//! the workbook, in one place so reader, writer and documentation agree.

use sikerja_domain::bundle::Entity;

/// The marker every JSON file carries at its top level.
pub const FORMAT: &str = "sikerja-agency/1";

/// One column of a worksheet, and the field it holds.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Field name as in JSON (`policy.assessor_policy` for nested fields).
    pub field: &'static str,
    /// Indonesian header in row 1.
    pub header: &'static str,
    /// The column must be present in the sheet.
    pub required: bool,
}

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

/// One worksheet.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: &'static [Column],
    /// A workbook without this sheet is refused.
    pub required: bool,
}

pub(crate) const AGENCY: Sheet = Sheet {
    name: "Instansi",
    required: true,
    columns: &[
        col("code", "Kode"),
        col("name", "Nama"),
        col("kind", "Jenis Instansi"),
        col("seat", "Tempat Kedudukan"),
        opt("address", "Alamat"),
        opt("policy.assessor_policy", "Kebijakan Penilai Kinerja"),
        opt("policy.span_of_control_threshold", "Ambang Rentang Kendali"),
    ],
};

pub(crate) const DEPARTMENTS: Sheet = Sheet {
    name: "Perangkat Daerah",
    required: true,
    columns: &[
        col("code", "Kode"),
        col("name", "Nama"),
        col("kind", "Jenis Perangkat Daerah"),
    ],
};

pub(crate) const UNITS: Sheet = Sheet {
    name: "Unit",
    required: true,
    columns: &[
        col("code", "Kode"),
        col("department_code", "Kode Perangkat Daerah"),
        col("parent_code", "Kode Unit Induk"),
        col("name", "Nama"),
        col("kind", "Jenis Unit"),
        col("is_org_unit", "Unit Organisasi"),
    ],
};

pub(crate) const POSITIONS: Sheet = Sheet {
    name: "Jabatan",
    required: true,
    columns: &[
        col("code", "Kode"),
        col("unit_code", "Kode Unit"),
        col("name", "Nama Jabatan"),
        col("class", "Jenis Jabatan"),
        col("is_head", "Kepala Unit"),
        col("functional_level", "Jenjang"),
        opt("substance", "Substansi"),
    ],
};

pub(crate) const EMPLOYEES: Sheet = Sheet {
    name: "Pegawai",
    required: true,
    columns: &[
        col("nip", "NIP"),
        col("name", "Nama"),
        opt("front_title", "Gelar Depan"),
        opt("back_title", "Gelar Belakang"),
        col("employment_type", "Status Kepegawaian"),
        col("grade", "Golongan"),
        opt("rank", "Pangkat"),
        col("education", "Pendidikan"),
        col("position_code", "Kode Jabatan"),
        opt("acting_position_code", "Kode Jabatan Plt./Plh."),
        opt("acting_kind", "Jenis Plt./Plh."),
        opt("from_equalization", "Hasil Penyetaraan"),
    ],
};

pub(crate) const RATINGS: Sheet = Sheet {
    name: "Penilaian",
    required: false,
    columns: &[
        col("nip", "NIP"),
        col("year", "Tahun"),
        col("rating", "Predikat"),
    ],
};

pub(crate) const EXPERIENCE: Sheet = Sheet {
    name: "Pengalaman",
    required: false,
    columns: &[
        col("nip", "NIP"),
        col("field", "Bidang"),
        col("years", "Lama (tahun)"),
    ],
};

pub(crate) const REGIONAL_HEADS: Sheet = Sheet {
    name: "Kepala Daerah",
    required: false,
    columns: &[
        col("office", "Jabatan"),
        opt("title", "Sebutan"),
        col("name", "Nama"),
        col("username", "Nama Pengguna"),
        opt("from", "Mulai Menjabat"),
        opt("until", "Akhir Masa Jabatan"),
        opt("basis_number", "Nomor Keputusan"),
        opt("basis_date", "Tanggal Keputusan"),
        opt("end_basis_number", "Nomor Keputusan Berakhir"),
        opt("end_basis_date", "Tanggal Keputusan Berakhir"),
    ],
};

pub(crate) const EXPERIENCE_FIELDS: Sheet = Sheet {
    name: "Bidang Tugas",
    required: false,
    columns: &[
        col("code", "Kode"),
        col("name", "Nama"),
        opt("synonyms", "Sinonim"),
    ],
};

/// The sheet holding an entity.
pub(crate) fn sheet_of(entity: Entity) -> &'static Sheet {
    match entity {
        Entity::Agency => &AGENCY,
        Entity::Department => &DEPARTMENTS,
        Entity::Unit => &UNITS,
        Entity::Position => &POSITIONS,
        Entity::Employee => &EMPLOYEES,
        Entity::RegionalHead => &REGIONAL_HEADS,
        Entity::ExperienceField => &EXPERIENCE_FIELDS,
    }
}

/// The JSON list holding an entity.
pub(crate) fn list_of(entity: Entity) -> &'static str {
    match entity {
        Entity::Agency => "agency",
        Entity::Department => "departments",
        Entity::Unit => "units",
        Entity::Position => "positions",
        Entity::Employee => "employees",
        Entity::RegionalHead => "regional_heads",
        Entity::ExperienceField => "experience_fields",
    }
}
