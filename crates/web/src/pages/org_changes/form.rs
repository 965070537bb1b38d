//! The change form (issue 14 point 3): the fields each kind of change asks for, its choices
//! filled from the agency's stored organisation, and the form read back into one dated change
//! (a Plt./Plh. named for a period into two: the naming and its dated end). Every problem is
//! named by its field, in Indonesian; nothing is read from or written to storage here.

use std::collections::HashMap;

use sikerja_domain::Nip;
use sikerja_domain::assignment::Day;
use sikerja_domain::changes::{ChangeKind, DatedChange, LeaveReason, LegalBasis, OrgChange};
use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::limits::{self, TextKind};
use sikerja_domain::org::{ActingKind, EmploymentType, FunctionalLevel, PositionClass, UnitKind};
use sikerja_domain::organisation::{
    AgencyId, Employee, EmployeeId, Organisation, Position, PositionId, Unit, UnitId,
};

use super::describe::{Names, employee_choice};

/// The kind of change a code names (`OrgChange::code`; issue 14 point 7: the pages key on
/// the domain's [`ChangeKind`], which gives its label and who records it).
pub fn kind_of(code: &str) -> Option<ChangeKind> {
    ChangeKind::from_code(code)
}

/// A closed list a select offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vocab {
    Employment,
    Education,
    Leave,
    Acting,
    UnitKind,
    Class,
    Level,
}

fn vocab(v: Vocab) -> Vec<(&'static str, &'static str)> {
    match v {
        Vocab::Employment => EmploymentType::ALL
            .iter()
            .map(|x| (x.code(), x.label()))
            .collect(),
        Vocab::Education => Education::ALL
            .iter()
            .map(|x| (x.label(), x.label()))
            .collect(),
        Vocab::Leave => LeaveReason::ALL
            .iter()
            .map(|x| (x.code(), x.label()))
            .collect(),
        Vocab::Acting => ActingKind::ALL
            .iter()
            .map(|x| (x.code(), x.label()))
            .collect(),
        Vocab::UnitKind => UnitKind::ALL
            .iter()
            .map(|x| (x.code(), x.label()))
            .collect(),
        Vocab::Class => PositionClass::ALL
            .iter()
            .map(|x| (x.code(), x.label()))
            .collect(),
        Vocab::Level => FunctionalLevel::ALL
            .iter()
            .map(|x| (x.code(), x.label()))
            .collect(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Text,
    Date,
    /// A search input over the agency's employees (datalist "NIP — nama").
    Employee,
    Position,
    Unit,
    Select(Vocab),
    Check,
}

struct Spec {
    name: &'static str,
    label: &'static str,
    input: Input,
    required: bool,
    hint: &'static str,
}

const fn spec(
    name: &'static str,
    label: &'static str,
    input: Input,
    required: bool,
    hint: &'static str,
) -> Spec {
    Spec {
        name,
        label,
        input,
        required,
        hint,
    }
}

const EFFECTIVE: Spec = spec(
    "tanggal_berlaku",
    "Tanggal berlaku (TMT)",
    Input::Date,
    true,
    "Hari ini atau sebelumnya: berlaku saat disimpan. Sesudah hari ini: menunggu tanggal berlaku.",
);
const BASIS_NUMBER: Spec = spec(
    "nomor_keputusan",
    "Nomor keputusan",
    Input::Text,
    true,
    "Nomor keputusan yang menjadi dasar perubahan, seperti tertulis.",
);
const BASIS_DATE: Spec = spec(
    "tanggal_keputusan",
    "Tanggal keputusan",
    Input::Date,
    true,
    "",
);
const EMPLOYEE: Spec = spec(
    "pegawai",
    "Pegawai",
    Input::Employee,
    true,
    "Ketik nama atau NIP lalu pilih dari daftar.",
);
const POSITION: Spec = spec("jabatan", "Jabatan", Input::Position, true, "");
const UNIT: Spec = spec("unit", "Unit", Input::Unit, true, "");
const NAME: Spec = spec("nama", "Nama", Input::Text, true, "");
const GRADE: Spec = spec(
    "golongan",
    "Golongan",
    Input::Text,
    true,
    "PNS: I/a sampai IV/e. PPPK: I sampai XVII.",
);
const CLASS: Spec = spec(
    "kelas",
    "Kelas jabatan",
    Input::Select(Vocab::Class),
    true,
    "",
);
const LEVEL: Spec = spec(
    "jenjang",
    "Jenjang jabatan fungsional",
    Input::Select(Vocab::Level),
    false,
    "Hanya untuk Pejabat Fungsional (ORG-04).",
);

/// The fields of a kind, after the three every change has (day, basis number and date).
fn specs(kind: ChangeKind) -> Vec<Spec> {
    match kind {
        ChangeKind::Hire => vec![
            spec(
                "nip",
                "NIP",
                Input::Text,
                true,
                "18 angka; belum terdaftar.",
            ),
            NAME,
            spec("gelar_depan", "Gelar depan", Input::Text, false, ""),
            spec("gelar_belakang", "Gelar belakang", Input::Text, false, ""),
            spec(
                "jenis_pegawai",
                "Jenis pegawai",
                Input::Select(Vocab::Employment),
                true,
                "",
            ),
            GRADE,
            spec(
                "pendidikan",
                "Pendidikan terakhir",
                Input::Select(Vocab::Education),
                true,
                "",
            ),
            spec(
                "jabatan",
                "Jabatan",
                Input::Position,
                false,
                "Kosongkan bila belum menduduki jabatan; jabatan yang dipilih harus lowong.",
            ),
        ],
        ChangeKind::Appoint => vec![
            EMPLOYEE,
            spec(
                "jabatan",
                "Jabatan baru",
                Input::Position,
                true,
                "Harus lowong, atau dikosongkan lebih dulu; jabatan lama pegawai menjadi lowong.",
            ),
        ],
        ChangeKind::Vacate => vec![EMPLOYEE],
        ChangeKind::SetGrade => vec![EMPLOYEE, GRADE],
        ChangeKind::Leave => vec![
            EMPLOYEE,
            spec(
                "alasan",
                "Alasan",
                Input::Select(Vocab::Leave),
                true,
                "Setiap Plt./Plh. yang dipegangnya ikut berakhir.",
            ),
        ],
        ChangeKind::NameActing => vec![
            POSITION,
            spec(
                "pegawai",
                "Pegawai yang ditunjuk",
                Input::Employee,
                true,
                "Ketik nama atau NIP lalu pilih dari daftar.",
            ),
            spec(
                "jenis_plt",
                "Plt. atau Plh.",
                Input::Select(Vocab::Acting),
                true,
                "",
            ),
            spec(
                "sampai",
                "Berakhir pada",
                Input::Date,
                false,
                "Kosongkan bila belum ditentukan; bila diisi, berakhirnya dicatat sebagai perubahan bertanggal.",
            ),
        ],
        ChangeKind::EndActing => vec![POSITION],
        ChangeKind::AddUnit => vec![
            spec(
                "induk",
                "Di bawah unit",
                Input::Unit,
                true,
                "Unit baru berada dalam Perangkat Daerah yang sama (ORG-03).",
            ),
            NAME,
            spec(
                "kode",
                "Kode unit",
                Input::Text,
                true,
                "Unik dalam instansi.",
            ),
            spec(
                "jenis_unit",
                "Jenis unit",
                Input::Select(Vocab::UnitKind),
                true,
                "",
            ),
            spec(
                "unit_organisasi",
                "Unit Organisasi (dipimpin Pimpinan Unit Organisasi)",
                Input::Check,
                false,
                "",
            ),
        ],
        ChangeKind::RenameUnit => vec![UNIT, spec("nama", "Nama baru", Input::Text, true, "")],
        ChangeKind::MoveUnit => vec![
            UNIT,
            spec(
                "induk",
                "Pindah ke bawah unit",
                Input::Unit,
                true,
                "Dalam Perangkat Daerah yang sama, bukan di bawah unit itu sendiri (ORG-03).",
            ),
        ],
        ChangeKind::MergeUnit => vec![
            spec(
                "unit",
                "Unit yang digabungkan",
                Input::Unit,
                true,
                "Jabatan kepala unit ini ikut dihapus dan harus lowong.",
            ),
            spec(
                "ke_unit",
                "Digabungkan ke unit",
                Input::Unit,
                true,
                "Sub-unit dan jabatannya pindah ke unit ini.",
            ),
        ],
        ChangeKind::CloseUnit => vec![spec(
            "unit",
            "Unit",
            Input::Unit,
            true,
            "Hanya unit tanpa sub-unit dan jabatan.",
        )],
        ChangeKind::AddPosition => vec![
            UNIT,
            NAME,
            spec(
                "kode",
                "Kode jabatan",
                Input::Text,
                true,
                "Unik dalam instansi.",
            ),
            CLASS,
            LEVEL,
            spec(
                "kepala",
                "Kepala unit (satu per unit, ORG-03)",
                Input::Check,
                false,
                "",
            ),
        ],
        ChangeKind::ChangePosition => vec![
            POSITION,
            spec("nama", "Nama jabatan", Input::Text, true, ""),
            CLASS,
            LEVEL,
        ],
        ChangeKind::ClosePosition => vec![spec(
            "jabatan",
            "Jabatan",
            Input::Position,
            true,
            "Hanya jabatan yang lowong.",
        )],
    }
}

/// The values of the form, by field name.
pub type Values = HashMap<String, String>;

/// Problems by field name, in Indonesian.
pub type Problems = Vec<(&'static str, String)>;

/// One option of a select.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One field as the template draws it.
pub struct FieldView {
    pub name: &'static str,
    pub label: &'static str,
    /// `text`, `date`, `employee`, `select` or `check`.
    pub input: &'static str,
    pub required: bool,
    pub hint: &'static str,
    pub value: String,
    pub error: Option<String>,
    pub options: Vec<Opt>,
}

fn options(all: Vec<(String, String)>, selected: &str, required: bool) -> Vec<Opt> {
    let blank = Opt {
        value: String::new(),
        label: if required {
            "— pilih —".into()
        } else {
            "— tidak ada —".into()
        },
        selected: selected.is_empty(),
    };
    std::iter::once(blank)
        .chain(all.into_iter().map(|(value, label)| Opt {
            selected: value == selected,
            value,
            label,
        }))
        .collect()
}

/// The fields of `kind` with `values` and `problems`, choices from `org`.
pub fn fields(
    kind: ChangeKind,
    values: &Values,
    problems: &Problems,
    org: &Organisation,
) -> Vec<FieldView> {
    let names = Names(org);
    [EFFECTIVE, BASIS_NUMBER, BASIS_DATE]
        .into_iter()
        .chain(specs(kind))
        .map(|s| {
            let value = values.get(s.name).cloned().unwrap_or_default();
            let error = problems
                .iter()
                .filter(|(f, _)| *f == s.name)
                .map(|(_, m)| m.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let (input, opts) = match s.input {
                Input::Text => ("text", Vec::new()),
                Input::Date => ("date", Vec::new()),
                Input::Employee => ("employee", Vec::new()),
                Input::Check => ("check", Vec::new()),
                Input::Position => (
                    "select",
                    options(names.position_choices(), &value, s.required),
                ),
                Input::Unit => ("select", options(names.unit_choices(), &value, s.required)),
                Input::Select(v) => (
                    "select",
                    options(
                        vocab(v)
                            .into_iter()
                            .map(|(c, l)| (c.to_string(), l.to_string()))
                            .collect(),
                        &value,
                        s.required,
                    ),
                ),
            };
            FieldView {
                name: s.name,
                label: s.label,
                input,
                required: s.required,
                hint: s.hint,
                value,
                error: Some(error).filter(|e| !e.is_empty()),
                options: opts,
            }
        })
        .collect()
}

/// The values a link into the form fills in (`pegawai`, `jabatan`, `unit` by identity; the
/// unit of a new unit or position is its parent or home), with today as the default days.
pub fn prefilled(
    kind: ChangeKind,
    query: &HashMap<String, String>,
    org: &Organisation,
    today: Day,
) -> Values {
    let mut v = Values::new();
    v.insert("tanggal_berlaku".into(), today.to_string());
    v.insert("tanggal_keputusan".into(), today.to_string());
    let id = |k: &str| query.get(k).and_then(|s| s.trim().parse::<i64>().ok());
    if let Some(e) = id("pegawai").and_then(|i| org.employees.iter().find(|e| e.id.0 == i)) {
        v.insert("pegawai".into(), employee_choice(e));
    }
    if let Some(p) = id("jabatan").and_then(|i| org.positions.iter().find(|p| p.id.0 == i)) {
        v.insert("jabatan".into(), p.id.0.to_string());
        if kind == ChangeKind::ChangePosition {
            v.insert("nama".into(), p.name.clone());
            v.insert("kelas".into(), p.class.code().into());
            if let Some(l) = p.functional_level {
                v.insert("jenjang".into(), l.code().into());
            }
        }
    }
    if let Some(u) = id("unit").and_then(|i| org.units.iter().find(|u| u.id.0 == i)) {
        let key = if kind == ChangeKind::AddUnit {
            "induk"
        } else {
            "unit"
        };
        v.insert(key.into(), u.id.0.to_string());
    }
    v
}

/// Reads the form's fields, collecting every problem.
struct Reader<'a> {
    values: &'a Values,
    org: &'a Organisation,
    problems: Problems,
}

impl<'a> Reader<'a> {
    fn raw(&self, name: &str) -> &'a str {
        self.values.get(name).map_or("", |s| s.trim())
    }

    fn problem(&mut self, name: &'static str, message: impl Into<String>) {
        self.problems.push((name, message.into()));
    }

    /// A text field: trimmed, within its limit, without control characters.
    fn text(&mut self, s: &Spec, kind: TextKind) -> Option<String> {
        let v = self.raw(s.name);
        if v.is_empty() {
            if s.required {
                self.problem(s.name, format!("{} wajib diisi.", s.label));
            }
            return if s.required {
                None
            } else {
                Some(String::new())
            };
        }
        match limits::check_as(kind, v) {
            Ok(()) => Some(v.to_string()),
            Err(p) => {
                self.problem(s.name, p.message(s.label));
                None
            }
        }
    }

    fn day(&mut self, s: &Spec) -> Option<Option<Day>> {
        let v = self.raw(s.name);
        if v.is_empty() {
            if s.required {
                self.problem(s.name, format!("{} wajib diisi.", s.label));
                return None;
            }
            return Some(None);
        }
        match Day::parse(v) {
            Ok(d) => Some(Some(d)),
            Err(_) => {
                self.problem(
                    s.name,
                    format!("{} bukan tanggal yang sah (tttt-bb-hh).", s.label),
                );
                None
            }
        }
    }

    fn required_day(&mut self, s: &Spec) -> Option<Day> {
        self.day(s).flatten()
    }

    fn employee(&mut self, s: &Spec) -> Option<&'a Employee> {
        let v = self.raw(s.name);
        if v.is_empty() {
            self.problem(s.name, format!("{} wajib dipilih.", s.label));
            return None;
        }
        let nip = v.split('—').next().unwrap_or_default();
        let found = Nip::parse(nip)
            .ok()
            .and_then(|n| self.org.employees.iter().find(|e| e.nip == n));
        if found.is_none() {
            self.problem(
                s.name,
                "Pegawai tidak ditemukan di instansi ini: ketik nama atau NIP lalu pilih dari daftar.",
            );
        }
        found
    }

    fn id(&mut self, s: &Spec) -> Option<Option<i64>> {
        let v = self.raw(s.name);
        if v.is_empty() {
            if s.required {
                self.problem(s.name, format!("{} wajib dipilih.", s.label));
                return None;
            }
            return Some(None);
        }
        match v.parse::<i64>() {
            Ok(i) => Some(Some(i)),
            Err(_) => {
                self.problem(
                    s.name,
                    format!("Pilih {} dari daftar.", s.label.to_lowercase()),
                );
                None
            }
        }
    }

    fn position(&mut self, s: &Spec) -> Option<Option<&'a Position>> {
        let id = self.id(s)?;
        let Some(id) = id else { return Some(None) };
        let found = self.org.positions.iter().find(|p| p.id.0 == id);
        if found.is_none() {
            self.problem(s.name, "Jabatan tidak ditemukan di instansi ini.");
            return None;
        }
        Some(found)
    }

    fn required_position(&mut self, s: &Spec) -> Option<&'a Position> {
        self.position(s).flatten()
    }

    fn unit(&mut self, s: &Spec) -> Option<&'a Unit> {
        let id = self.id(s)??;
        let found = self.org.units.iter().find(|u| u.id.0 == id);
        if found.is_none() {
            self.problem(s.name, "Unit tidak ditemukan di instansi ini.");
        }
        found
    }

    /// A select of a closed list: its code, or a problem.
    fn choice(&mut self, s: &Spec, v: Vocab) -> Option<Option<&'static str>> {
        let value = self.raw(s.name);
        if value.is_empty() {
            if s.required {
                self.problem(s.name, format!("{} wajib dipilih.", s.label));
                return None;
            }
            return Some(None);
        }
        match vocab(v).into_iter().find(|(c, _)| *c == value) {
            Some((c, _)) => Some(Some(c)),
            None => {
                self.problem(
                    s.name,
                    format!("Pilih {} dari daftar.", s.label.to_lowercase()),
                );
                None
            }
        }
    }

    fn checked(&self, name: &str) -> bool {
        matches!(self.raw(name), "1" | "on")
    }

    fn grade(&mut self, s: &Spec, pppk: bool) -> Option<Grade> {
        let v = self.text(s, TextKind::Code)?;
        match Grade::parse(&v, pppk) {
            Ok(g) => Some(g),
            Err(e) => {
                self.problem(s.name, format!("Golongan: {e}."));
                None
            }
        }
    }

    fn spec_of(kind: ChangeKind, name: &str) -> Spec {
        specs(kind)
            .into_iter()
            .find(|s| s.name == name)
            .unwrap_or(spec("", "", Input::Text, false, ""))
    }
}

/// The form of kind `kind` read into a batch: one dated change, or for a Plt./Plh. with an end
/// day the naming and its dated end. Every problem is named by its field.
pub fn read(
    kind: ChangeKind,
    values: &Values,
    org: &Organisation,
    agency: AgencyId,
) -> Result<Vec<DatedChange>, Problems> {
    let mut r = Reader {
        values,
        org,
        problems: Vec::new(),
    };
    let effective = r.required_day(&EFFECTIVE);
    let number = r.text(&BASIS_NUMBER, TextKind::Title);
    let basis_day = r.required_day(&BASIS_DATE);
    let f = |name: &str| Reader::spec_of(kind, name);
    let mut until = None;
    let change: Option<OrgChange> = match kind {
        ChangeKind::Hire => {
            let nip = r
                .text(&f("nip"), TextKind::Nip)
                .and_then(|v| match Nip::parse(&v) {
                    Ok(n) => Some(n),
                    Err(e) => {
                        r.problem("nip", format!("NIP tidak sah: {e}."));
                        None
                    }
                });
            let name = r.text(&NAME, TextKind::Name);
            let front = r.text(&f("gelar_depan"), TextKind::Name);
            let back = r.text(&f("gelar_belakang"), TextKind::Name);
            let kind = r
                .choice(&f("jenis_pegawai"), Vocab::Employment)
                .flatten()
                .and_then(EmploymentType::from_code);
            let grade = match kind {
                Some(k) => r.grade(&GRADE, k == EmploymentType::Pppk),
                None => None,
            };
            let education = r
                .choice(&f("pendidikan"), Vocab::Education)
                .flatten()
                .and_then(Education::parse);
            let position = r.position(&f("jabatan"));
            match (nip, name, front, back, kind, grade, education, position) {
                (
                    Some(nip),
                    Some(name),
                    Some(front_title),
                    Some(back_title),
                    Some(employment_type),
                    Some(grade),
                    Some(education),
                    Some(position),
                ) => Some(OrgChange::Hire {
                    employee: Employee {
                        // The placeholder storage replaces with the stored identity.
                        id: EmployeeId(-1),
                        agency,
                        nip,
                        name,
                        front_title,
                        back_title,
                        employment_type,
                        grade,
                        education,
                        position: position.map(|p| p.id),
                        from_equalization: false,
                        ratings: Vec::new(),
                        experience: Vec::new(),
                    },
                }),
                _ => None,
            }
        }
        ChangeKind::Appoint => {
            let e = r.employee(&EMPLOYEE);
            let p = r.required_position(&f("jabatan"));
            e.zip(p).map(|(e, p)| OrgChange::Appoint {
                employee: e.id,
                position: p.id,
            })
        }
        ChangeKind::Vacate => r
            .employee(&EMPLOYEE)
            .map(|e| OrgChange::Vacate { employee: e.id }),
        ChangeKind::SetGrade => {
            let e = r.employee(&EMPLOYEE);
            let g = e.and_then(|e| r.grade(&GRADE, e.employment_type == EmploymentType::Pppk));
            e.zip(g).map(|(e, grade)| OrgChange::SetGrade {
                employee: e.id,
                grade,
            })
        }
        ChangeKind::Leave => {
            let e = r.employee(&EMPLOYEE);
            let reason = r
                .choice(&f("alasan"), Vocab::Leave)
                .flatten()
                .and_then(LeaveReason::from_code);
            e.zip(reason).map(|(e, reason)| OrgChange::Leave {
                employee: e.id,
                reason,
            })
        }
        ChangeKind::NameActing => {
            let p = r.required_position(&POSITION);
            let e = r.employee(&f("pegawai"));
            let acting = r
                .choice(&f("jenis_plt"), Vocab::Acting)
                .flatten()
                .and_then(ActingKind::from_code);
            until = r.day(&f("sampai")).flatten();
            if let (Some(u), Some(from)) = (until, effective)
                && u <= from
            {
                r.problem("sampai", "Tanggal berakhir harus sesudah tanggal berlaku.");
            }
            match (p, e, acting) {
                (Some(p), Some(e), Some(acting)) => Some(OrgChange::NameActing {
                    position: p.id,
                    employee: e.id,
                    acting,
                }),
                _ => None,
            }
        }
        ChangeKind::EndActing => r
            .required_position(&POSITION)
            .map(|p| OrgChange::EndActing { position: p.id }),
        ChangeKind::AddUnit => {
            let parent = r.unit(&f("induk"));
            let name = r.text(&NAME, TextKind::Name);
            let unit_code = r.text(&f("kode"), TextKind::Code);
            let kind = r
                .choice(&f("jenis_unit"), Vocab::UnitKind)
                .flatten()
                .and_then(UnitKind::from_code);
            let is_org_unit = r.checked("unit_organisasi");
            match (parent, name, unit_code, kind) {
                (Some(parent), Some(name), Some(code), Some(kind)) => Some(OrgChange::AddUnit {
                    unit: Unit {
                        // The placeholder storage replaces with the stored identity.
                        id: UnitId(-1),
                        department: parent.department,
                        parent: Some(parent.id),
                        code,
                        name,
                        kind,
                        is_org_unit,
                    },
                }),
                _ => None,
            }
        }
        ChangeKind::RenameUnit => {
            let u = r.unit(&UNIT);
            let name = r.text(&f("nama"), TextKind::Name);
            u.zip(name)
                .map(|(u, name)| OrgChange::RenameUnit { unit: u.id, name })
        }
        ChangeKind::MoveUnit => {
            let u = r.unit(&UNIT);
            let parent = r.unit(&f("induk"));
            u.zip(parent).map(|(u, p)| OrgChange::MoveUnit {
                unit: u.id,
                parent: p.id,
            })
        }
        ChangeKind::MergeUnit => {
            let u = r.unit(&f("unit"));
            let into = r.unit(&f("ke_unit"));
            u.zip(into).map(|(u, i)| OrgChange::MergeUnit {
                unit: u.id,
                into: i.id,
            })
        }
        ChangeKind::CloseUnit => r
            .unit(&f("unit"))
            .map(|u| OrgChange::CloseUnit { unit: u.id }),
        ChangeKind::AddPosition => {
            let u = r.unit(&UNIT);
            let name = r.text(&NAME, TextKind::Name);
            let position_code = r.text(&f("kode"), TextKind::Code);
            let class = r
                .choice(&CLASS, Vocab::Class)
                .flatten()
                .and_then(PositionClass::from_code);
            let level = r.choice(&LEVEL, Vocab::Level);
            let is_head = r.checked("kepala");
            match (u, name, position_code, class, level) {
                (Some(u), Some(name), Some(code), Some(class), Some(level)) => {
                    Some(OrgChange::AddPosition {
                        position: Position {
                            // The placeholder storage replaces with the stored identity.
                            id: PositionId(-1),
                            unit: u.id,
                            code,
                            name,
                            class,
                            is_head,
                            functional_level: level.and_then(FunctionalLevel::from_code),
                            substance: None,
                            acting: None,
                        },
                    })
                }
                _ => None,
            }
        }
        ChangeKind::ChangePosition => {
            let p = r.required_position(&POSITION);
            let name = r.text(&f("nama"), TextKind::Name);
            let class = r
                .choice(&CLASS, Vocab::Class)
                .flatten()
                .and_then(PositionClass::from_code);
            let level = r.choice(&LEVEL, Vocab::Level);
            match (p, name, class, level) {
                (Some(p), Some(name), Some(class), Some(level)) => {
                    Some(OrgChange::ChangePosition {
                        position: p.id,
                        name,
                        class,
                        functional_level: level.and_then(FunctionalLevel::from_code),
                    })
                }
                _ => None,
            }
        }
        ChangeKind::ClosePosition => r
            .required_position(&f("jabatan"))
            .map(|p| OrgChange::ClosePosition { position: p.id }),
    };
    match (change, effective, number, basis_day) {
        (Some(change), Some(effective), Some(number), Some(date)) if r.problems.is_empty() => {
            let basis = LegalBasis { number, date };
            let mut batch = Vec::with_capacity(2);
            let acting_post = match &change {
                OrgChange::NameActing { position, .. } => Some(*position),
                _ => None,
            };
            batch.push(DatedChange {
                effective,
                basis: basis.clone(),
                change,
            });
            if let (Some(position), Some(until)) = (acting_post, until) {
                batch.push(DatedChange {
                    effective: until,
                    basis,
                    change: OrgChange::EndActing { position },
                });
            }
            Ok(batch)
        }
        _ => {
            if r.problems.is_empty() {
                r.problem("jenis", "Formulir belum lengkap.");
            }
            Err(r.problems)
        }
    }
}
