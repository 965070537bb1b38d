//! The JSON form of an agency: the serde form of [`AgencyBundle`] with a top-level
//! `"format": "sikerja-agency/1"` marker. Written pretty and deterministic; read field by
//! field so that every problem is reported with its path.

use serde::Serialize;
use serde_json::{Map, Value};
use sikerja_domain::bundle::{AgencyBundle, AgencyRecord, Entity};
use sikerja_domain::org::{AgencyKind, AssessorPolicy};
use sikerja_domain::organisation::AgencyPolicy;

use crate::decode::{self, Decoded};
use crate::fields::{Cell, Place, Record};
use crate::limits::{MAX_JSON_BYTES_PARSED, MAX_ROWS};
use crate::problem::{ImportErrors, ImportProblem, Problems};
use crate::schema::{self, FORMAT};

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    #[serde(flatten)]
    bundle: &'a AgencyBundle,
}

/// The agency as pretty-printed JSON (fields in a fixed order, so equal bundles give equal
/// bytes).
pub fn write_json(bundle: &AgencyBundle) -> Vec<u8> {
    let envelope = Envelope {
        format: FORMAT,
        bundle,
    };
    // Serialising plain structs with string keys cannot fail.
    let mut out = serde_json::to_vec_pretty(&envelope).unwrap_or_default();
    out.push(b'\n');
    out
}

fn cell(v: &Value) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        Value::String(s) => Cell::Text(s.clone()),
        // A list of texts (the synonyms of a field of experience) reads as one `;`-separated
        // text, as in the workbook.
        Value::Array(items) if items.iter().all(Value::is_string) => Cell::Text(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => Cell::Text(other.to_string()),
    }
}

/// The fields of an object, nested objects flattened as `outer.inner`.
fn cells(obj: &Map<String, Value>) -> Vec<(String, Cell)> {
    let mut out = Vec::new();
    for (k, v) in obj {
        if let Value::Object(inner) = v {
            out.extend(inner.iter().map(|(ik, iv)| (format!("{k}.{ik}"), cell(iv))));
        } else {
            out.push((k.clone(), cell(v)));
        }
    }
    out
}

fn at(path: String, code: &'static str, message: String) -> ImportProblem {
    ImportProblem {
        sheet: None,
        row: None,
        field: Some(path),
        code,
        message,
    }
}

/// The objects of a top-level list; a missing list is empty.
fn objects<'v>(
    root: &'v Map<String, Value>,
    list: &str,
    problems: &mut Problems,
) -> Vec<(String, Option<&'v Map<String, Value>>)> {
    match root.get(list) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) if items.len() > MAX_ROWS => {
            problems.push(at(
                list.into(),
                "json_list_too_large",
                format!("paling banyak {MAX_ROWS} isian (diterima {})", items.len()),
            ));
            Vec::new()
        }
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let path = format!("{list}[{i}]");
                if v.as_object().is_none() {
                    problems.push(at(
                        path.clone(),
                        "json_not_object",
                        "harus berupa objek".into(),
                    ));
                }
                (path, v.as_object())
            })
            .collect(),
        Some(_) => {
            problems.push(at(
                list.into(),
                "json_not_array",
                "harus berupa larik (array)".into(),
            ));
            Vec::new()
        }
    }
}

/// Reads an agency from JSON. All or nothing: any problem refuses the whole file.
pub fn read_json(bytes: &[u8]) -> Result<AgencyBundle, ImportErrors> {
    if parsed_size(bytes) > MAX_JSON_BYTES_PARSED {
        return Err(ImportErrors::single(
            "json_too_large",
            format!(
                "berkas JSON terlalu besar untuk dibaca (perkiraan lebih dari {} MB setelah \
                 dibaca); gunakan buku kerja XLSX untuk instansi sebesar ini",
                MAX_JSON_BYTES_PARSED / 1_000_000
            ),
        ));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        ImportErrors::single(
            "json_syntax",
            format!(
                "JSON tidak sah pada baris {}, kolom {}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let Some(root) = value.as_object() else {
        return Err(ImportErrors::single(
            "json_not_object",
            "isi berkas harus berupa objek JSON".into(),
        ));
    };
    let mut d = Decoded::new(placeholder_agency());
    match root.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => d.problems.push(at(
            "format".into(),
            "format_unsupported",
            format!("format \"{other}\" tidak didukung; gunakan \"{FORMAT}\""),
        )),
        None => d.problems.push(at(
            "format".into(),
            "format_missing",
            format!("penanda format wajib ada: \"format\": \"{FORMAT}\""),
        )),
    }
    let columns = |e| schema::sheet_of(e).columns;
    match root.get("agency").and_then(Value::as_object) {
        Some(obj) => {
            let place = Place::Json("agency".into());
            let mut r = Record::new(
                place.clone(),
                columns(Entity::Agency),
                cells(obj),
                &mut d.problems,
            );
            let agency = decode::agency(&mut r);
            let bad = r.bad;
            d.bundle.agency = agency;
            d.place(Entity::Agency, 0, place, bad);
        }
        None => {
            d.problems.push(at(
                "agency".into(),
                "agency_missing",
                "objek \"agency\" wajib ada".into(),
            ));
            d.bad.insert((Entity::Agency, 0));
        }
    }
    let mut problems = Problems::default();
    for (path, obj) in objects(root, "departments", &mut problems) {
        let Some(obj) = obj else { continue };
        let place = Place::Json(path);
        let mut r = Record::new(
            place.clone(),
            columns(Entity::Department),
            cells(obj),
            &mut d.problems,
        );
        let rec = decode::department(&mut r);
        let bad = r.bad;
        d.place(Entity::Department, d.bundle.departments.len(), place, bad);
        d.bundle.departments.push(rec);
    }
    for (path, obj) in objects(root, "units", &mut problems) {
        let Some(obj) = obj else { continue };
        let place = Place::Json(path);
        let mut r = Record::new(
            place.clone(),
            columns(Entity::Unit),
            cells(obj),
            &mut d.problems,
        );
        let rec = decode::unit(&mut r);
        let bad = r.bad;
        d.place(Entity::Unit, d.bundle.units.len(), place, bad);
        d.bundle.units.push(rec);
    }
    for (path, obj) in objects(root, "positions", &mut problems) {
        let Some(obj) = obj else { continue };
        let place = Place::Json(path);
        let mut r = Record::new(
            place.clone(),
            columns(Entity::Position),
            cells(obj),
            &mut d.problems,
        );
        let rec = decode::position(&mut r);
        let bad = r.bad;
        d.place(Entity::Position, d.bundle.positions.len(), place, bad);
        d.bundle.positions.push(rec);
    }
    for (path, obj) in objects(root, "employees", &mut problems) {
        let Some(obj) = obj else { continue };
        read_employee(&mut d, path, obj, &mut problems);
    }
    for (path, obj) in objects(root, "regional_heads", &mut problems) {
        let Some(obj) = obj else { continue };
        let place = Place::Json(path);
        let mut r = Record::new(
            place.clone(),
            columns(Entity::RegionalHead),
            cells(obj),
            &mut d.problems,
        );
        let rec = decode::regional_head(&mut r);
        let bad = r.bad;
        d.place(
            Entity::RegionalHead,
            d.bundle.regional_heads.len(),
            place,
            bad,
        );
        d.bundle.regional_heads.push(rec);
    }
    for (path, obj) in objects(root, "experience_fields", &mut problems) {
        let Some(obj) = obj else { continue };
        let place = Place::Json(path);
        let mut r = Record::new(
            place.clone(),
            columns(Entity::ExperienceField),
            cells(obj),
            &mut d.problems,
        );
        let rec = decode::experience_field(&mut r);
        let bad = r.bad;
        d.place(
            Entity::ExperienceField,
            d.bundle.experience_fields.len(),
            place,
            bad,
        );
        d.bundle.experience_fields.push(rec);
    }
    d.problems.extend(problems);
    d.finish()
}

fn read_employee(d: &mut Decoded, path: String, obj: &Map<String, Value>, problems: &mut Problems) {
    let index = d.bundle.employees.len();
    let place = Place::Json(path.clone());
    let columns = schema::sheet_of(Entity::Employee).columns;
    let mut r = Record::new(place.clone(), columns, cells(obj), &mut d.problems);
    let mut rec = decode::employee(&mut r);
    let bad = r.bad;
    for (p, item) in objects(obj, "ratings", problems) {
        let Some(item) = item else { continue };
        let place = Place::Json(format!("{path}.{p}"));
        let mut r = Record::new(
            place.clone(),
            schema::RATINGS.columns,
            cells(item),
            &mut d.problems,
        );
        if let Some(y) = decode::rating(&mut r) {
            d.rating_places.insert((index, rec.ratings.len()), place);
            rec.ratings.push(y);
        }
    }
    for (p, item) in objects(obj, "experience", problems) {
        let Some(item) = item else { continue };
        let place = Place::Json(format!("{path}.{p}"));
        let mut r = Record::new(
            place.clone(),
            schema::EXPERIENCE.columns,
            cells(item),
            &mut d.problems,
        );
        if let Some(x) = decode::experience(&mut r) {
            d.experience_places
                .insert((index, rec.experience.len()), place);
            rec.experience.push(x);
        }
    }
    d.place(Entity::Employee, index, place, bad);
    d.bundle.employees.push(rec);
}

/// An estimate of the memory the parsed JSON takes, counted without parsing it: an object
/// takes a map node (about 640 bytes), every array element and object member a value slot
/// (about 64 bytes with the key), text its bytes. Parsed values take many times their text,
/// so the estimate is bounded before parsing (MAX_JSON_BYTES_PARSED).
fn parsed_size(bytes: &[u8]) -> usize {
    let mut n = 64usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            n += 1;
        } else {
            n += match b {
                b'"' => {
                    in_string = true;
                    24
                }
                b'{' => 640,
                b'[' | b',' | b':' => 64,
                _ => 0,
            };
        }
    }
    n
}

/// Stands in until the agency object is read.
pub(crate) fn placeholder_agency() -> AgencyRecord {
    AgencyRecord {
        code: String::new(),
        name: String::new(),
        kind: AgencyKind::RegionalGovernment,
        seat: String::new(),
        address: String::new(),
        policy: AgencyPolicy {
            assessor_policy: AssessorPolicy::PlacementDecides,
            ..AgencyPolicy::default()
        },
    }
}
