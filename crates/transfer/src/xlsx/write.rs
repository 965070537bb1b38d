//! Writing the workbook. NIPs are written as text in text-formatted columns: an 18-digit
//! number would lose its last digits in a spreadsheet.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::org::{
    ActingKind, AgencyKind, AssessorPolicy, DepartmentKind, EmploymentType, FunctionalLevel,
    PerformanceRating, PositionClass, Substance, UnitKind,
};

use sikerja_domain::regional_heads::RegionalOffice;

use crate::fields::Vocab;
use crate::problem::ExportError;
use crate::schema::*;

/// A cell to write.
enum Out {
    Text(String),
    Number(f64),
}

fn t(s: impl Into<String>) -> Out {
    Out::Text(s.into())
}

fn yes(b: bool) -> Out {
    t(if b { "Ya" } else { "Tidak" })
}

fn opt(s: Option<&str>) -> Out {
    t(s.unwrap_or_default())
}

/// Writes one sheet: bold headers, text-formatted NIP columns, rows placed by field name.
fn sheet(
    wb: &mut Workbook,
    sheet: &Sheet,
    rows: impl Iterator<Item = Vec<(&'static str, Out)>>,
) -> Result<(), ExportError> {
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(sheet.name)?;
    for (c, col) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, col.header, &bold)?;
        ws.set_column_width(c, (col.header.len() + 4).max(14) as f64)?;
        if col.field == "nip" || col.field.ends_with("code") {
            ws.set_column_format(c, &text)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    for (r, row) in rows.enumerate() {
        let r = r as u32 + 1;
        for (field, value) in row {
            let Some(c) = sheet.columns.iter().position(|col| col.field == field) else {
                continue;
            };
            let c = c as u16;
            match value {
                Out::Text(s) if s.is_empty() => {}
                Out::Text(s) => {
                    ws.write_string_with_format(r, c, s, &text)?;
                }
                Out::Number(n) => {
                    ws.write_number(r, c, n)?;
                }
            }
        }
    }
    Ok(())
}

/// Every allowed code with its label, for the `Kode` sheet.
fn codes() -> Vec<Vec<(&'static str, Out)>> {
    fn add<T: Vocab>(out: &mut Vec<Vec<(&'static str, Out)>>, column: &str) {
        for v in T::all() {
            out.push(vec![
                ("column", t(column)),
                ("code", t(v.code())),
                ("label", t(v.label())),
            ]);
        }
    }
    let mut out = Vec::new();
    add::<AgencyKind>(&mut out, "Instansi: Jenis Instansi");
    add::<AssessorPolicy>(&mut out, "Instansi: Kebijakan Penilai Kinerja");
    add::<DepartmentKind>(&mut out, "Perangkat Daerah: Jenis Perangkat Daerah");
    add::<UnitKind>(&mut out, "Unit: Jenis Unit");
    add::<PositionClass>(&mut out, "Jabatan: Jenis Jabatan");
    add::<FunctionalLevel>(&mut out, "Jabatan: Jenjang");
    add::<Substance>(&mut out, "Jabatan: Substansi");
    add::<EmploymentType>(&mut out, "Pegawai: Status Kepegawaian");
    add::<ActingKind>(&mut out, "Pegawai: Jenis Plt./Plh.");
    add::<PerformanceRating>(&mut out, "Penilaian: Predikat");
    add::<RegionalOffice>(&mut out, "Kepala Daerah: Jabatan");
    out
}

const CODES: Sheet = Sheet {
    name: "Kode",
    required: false,
    columns: &[
        Column {
            field: "column",
            header: "Kolom",
            required: false,
        },
        Column {
            field: "code",
            header: "Kode",
            required: false,
        },
        Column {
            field: "label",
            header: "Keterangan",
            required: false,
        },
    ],
};

/// The agency as an XLSX workbook.
pub fn write_xlsx(bundle: &AgencyBundle) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    // A fixed creation date keeps equal bundles giving equal files.
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("Data instansi Sikerja")
            .set_creation_datetime(&created),
    );
    let a = &bundle.agency;
    sheet(
        &mut wb,
        &AGENCY,
        std::iter::once(vec![
            ("code", t(&a.code)),
            ("name", t(&a.name)),
            ("kind", t(a.kind.code())),
            ("seat", t(&a.seat)),
            ("address", t(&a.address)),
            ("policy.assessor_policy", t(a.policy.assessor_policy.code())),
            (
                "policy.span_of_control_threshold",
                Out::Number(f64::from(a.policy.span_of_control_threshold)),
            ),
        ]),
    )?;
    sheet(
        &mut wb,
        &DEPARTMENTS,
        bundle.departments.iter().map(|d| {
            vec![
                ("code", t(&d.code)),
                ("name", t(&d.name)),
                ("kind", t(d.kind.code())),
            ]
        }),
    )?;
    sheet(
        &mut wb,
        &UNITS,
        bundle.units.iter().map(|u| {
            vec![
                ("code", t(&u.code)),
                ("department_code", t(&u.department_code)),
                ("parent_code", opt(u.parent_code.as_deref())),
                ("name", t(&u.name)),
                ("kind", t(u.kind.code())),
                ("is_org_unit", yes(u.is_org_unit)),
            ]
        }),
    )?;
    sheet(
        &mut wb,
        &POSITIONS,
        bundle.positions.iter().map(|p| {
            vec![
                ("code", t(&p.code)),
                ("unit_code", t(&p.unit_code)),
                ("name", t(&p.name)),
                ("class", t(p.class.code())),
                ("is_head", yes(p.is_head)),
                (
                    "functional_level",
                    opt(p.functional_level.map(FunctionalLevel::code)),
                ),
                ("substance", opt(p.substance.map(Substance::code))),
            ]
        }),
    )?;
    sheet(
        &mut wb,
        &EMPLOYEES,
        bundle.employees.iter().map(|e| {
            vec![
                ("nip", t(e.nip.as_str())),
                ("name", t(&e.name)),
                ("front_title", t(&e.front_title)),
                ("back_title", t(&e.back_title)),
                ("employment_type", t(e.employment_type.code())),
                ("grade", t(e.grade.to_string())),
                ("rank", opt(e.grade.rank().map(|r| r.as_str()))),
                ("education", t(e.education.label())),
                ("position_code", opt(e.position_code.as_deref())),
                (
                    "acting_position_code",
                    opt(e.acting_position_code.as_deref()),
                ),
                ("acting_kind", opt(e.acting_kind.map(ActingKind::code))),
                ("from_equalization", yes(e.from_equalization)),
            ]
        }),
    )?;
    sheet(
        &mut wb,
        &RATINGS,
        bundle.employees.iter().flat_map(|e| {
            e.ratings.iter().map(|y| {
                vec![
                    ("nip", t(e.nip.as_str())),
                    ("year", Out::Number(f64::from(y.year))),
                    ("rating", t(y.rating.code())),
                ]
            })
        }),
    )?;
    sheet(
        &mut wb,
        &EXPERIENCE,
        bundle.employees.iter().flat_map(|e| {
            e.experience.iter().map(|x| {
                vec![
                    ("nip", t(e.nip.as_str())),
                    ("field", t(&x.field)),
                    ("years", Out::Number(f64::from(x.years))),
                ]
            })
        }),
    )?;
    let day = |d: Option<sikerja_domain::assignment::Day>| {
        t(d.map(|d| d.to_string()).unwrap_or_default())
    };
    sheet(
        &mut wb,
        &REGIONAL_HEADS,
        bundle.regional_heads.iter().map(|h| {
            vec![
                ("office", t(h.office.code())),
                ("title", t(&h.title)),
                ("name", t(&h.name)),
                ("username", t(&h.username)),
                ("from", day(h.from)),
                ("until", day(h.until)),
                ("basis_number", opt(h.basis_number.as_deref())),
                ("basis_date", day(h.basis_date)),
                ("end_basis_number", opt(h.end_basis_number.as_deref())),
                ("end_basis_date", day(h.end_basis_date)),
            ]
        }),
    )?;
    sheet(
        &mut wb,
        &EXPERIENCE_FIELDS,
        bundle.experience_fields.iter().map(|f| {
            vec![
                ("code", t(&f.code)),
                ("name", t(&f.name)),
                ("synonyms", t(f.synonyms.join("; "))),
            ]
        }),
    )?;
    sheet(&mut wb, &CODES, codes().into_iter())?;
    Ok(wb.save_to_buffer()?)
}
