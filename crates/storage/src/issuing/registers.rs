//! Numbering registers (DOC-05): one per issuing Perangkat Daerah (department 0: the agency
//! itself), register kind (a letter kind, or the performance agreements) and year, with its classification code, the unit's code and the
//! pattern of its numbers. A number is taken inside the transaction that issues the letter,
//! with the register row locked (PostgreSQL; SQLite serialises writers), so numbers are never
//! reused nor skipped: a failed issue rolls its number back with it, and a cancelled number
//! stays in the register marked cancelled.
//!
//! The sequence number itself belongs to the register's *format* (its pattern with the codes
//! and year filled in, `sikerja_domain::numbering`): registers of one agency with the same
//! format share one sequence, as one *buku agenda* (issue 12 point 1, `docs/letters.md`), and a
//! format that could write another format's numbers is refused (`register_overlap`). The
//! unique index on (agency, number) is the last word: a number text is never given twice.

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, SqlErr,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::numbering::{NumberFormat, RegisterKind};
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_domain::workflow::LetterStatus;

use crate::entities::{
    agency, department, letter_number, letter_register, letter_sequence, performance_agreement,
};
use crate::error::{Result, StorageError, corrupt};
use crate::{AuditActor, Store, audit};

/// The default classification code until the archive officer sets one (*kode klasifikasi
/// arsip*, Kepegawaian).
pub const DEFAULT_CLASSIFICATION: &str = "800.1.11";
/// The default pattern of a number.
pub const DEFAULT_PATTERN: &str = "{classification}/{seq}/{unit}/{year}";

/// The settings of a register as the archive officer sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterSetting {
    pub agency: AgencyId,
    /// `None`: the agency itself (the Keputusan Bupati).
    pub department: Option<DepartmentId>,
    pub kind: RegisterKind,
    pub year: i32,
    pub classification: String,
    pub unit_code: String,
    /// Must contain `{seq}`; may contain `{classification}`, `{unit}` and `{year}`.
    pub pattern: String,
}

/// A number a register gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberLine {
    pub seq: i64,
    pub number: String,
    pub status: LetterStatus,
    pub issued_letter: Option<i64>,
    /// The performance agreement that took the number (a register of agreements).
    pub agreement: Option<i64>,
    pub note: String,
    pub at: DateTime<Utc>,
    pub by: String,
}

/// A register with the numbers it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterView {
    pub id: i64,
    pub agency: AgencyId,
    pub department: Option<DepartmentId>,
    pub kind: RegisterKind,
    pub kind_label: String,
    pub year: i32,
    pub classification: String,
    pub unit_code: String,
    pub pattern: String,
    pub next_seq: i64,
    pub numbers: Vec<NumberLine>,
}

/// The number `seq` of a register as its pattern writes it.
pub fn format_number(
    pattern: &str,
    classification: &str,
    unit: &str,
    seq: i64,
    year: i32,
) -> String {
    match NumberFormat::of(pattern, classification, unit, year) {
        Ok(format) => format.number(seq),
        Err(_) => pattern
            .replace("{classification}", classification)
            .replace("{unit}", unit)
            .replace("{year}", &year.to_string()),
    }
}

/// The format of a register's numbers.
fn format_of(r: &letter_register::Model) -> Result<NumberFormat> {
    NumberFormat::of(&r.pattern, &r.classification, &r.unit_code, r.year)
        .map_err(|e| StorageError::invalid("register_pattern_without_seq", e.to_string()))
}

fn sequence_of(agency: i64, key: &str) -> sea_orm::Select<letter_sequence::Entity> {
    letter_sequence::Entity::find()
        .filter(letter_sequence::Column::AgencyId.eq(agency))
        .filter(letter_sequence::Column::FormatKey.eq(key))
}

/// The sequence of a number format in an agency, locked for this transaction. The first time
/// a format is used it is checked against every format the agency ever used (issue 12 point
/// 1): one that could write the same number as another is refused with `register_overlap`.
async fn locked_sequence(
    txn: &DatabaseTransaction,
    agency_id: i64,
    format: &NumberFormat,
) -> Result<letter_sequence::Model> {
    let key = format.key();
    if let Some(s) = sequence_of(agency_id, &key)
        .lock_exclusive()
        .one(txn)
        .await?
    {
        return Ok(s);
    }
    // A new format: new formats of an agency are checked one after the other, on the agency's
    // row (PostgreSQL; SQLite serialises writers), so two overlapping ones never both pass.
    agency::Entity::find_by_id(agency_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("agency", agency_id))?;
    if let Some(s) = sequence_of(agency_id, &key)
        .lock_exclusive()
        .one(txn)
        .await?
    {
        return Ok(s);
    }
    let known = letter_sequence::Entity::find()
        .filter(letter_sequence::Column::AgencyId.eq(agency_id))
        .order_by_asc(letter_sequence::Column::Id)
        .all(txn)
        .await?;
    for other in &known {
        let Some(other_format) = NumberFormat::from_key(&other.format_key) else {
            continue;
        };
        if let Some(example) = format.shared_number(&other_format) {
            return Err(StorageError::conflict(
                "register_overlap",
                format!(
                    "Pola nomor ini dapat memberi nomor yang sama dengan nomor urut lain di instansi ini ({}), misalnya {example}. Ubah kode klasifikasi, kode unit atau pola agar satu nomor surat tidak pernah diberikan dua kali (DOC-05).",
                    other.format_key
                ),
            ));
        }
    }
    letter_sequence::Entity::insert(letter_sequence::ActiveModel {
        agency_id: Set(agency_id),
        format_key: Set(key.clone()),
        next_seq: Set(1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            letter_sequence::Column::AgencyId,
            letter_sequence::Column::FormatKey,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    sequence_of(agency_id, &key)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("letter_sequence", key))
}

fn check_setting(s: &RegisterSetting) -> Result<()> {
    if !s.pattern.contains("{seq}") {
        return Err(StorageError::invalid(
            "register_pattern_without_seq",
            "Pola nomor surat wajib memuat {seq} (nomor urut register, DOC-05).",
        ));
    }
    if s.classification.trim().is_empty() || s.unit_code.trim().is_empty() {
        return Err(StorageError::invalid(
            "register_incomplete",
            "Kode klasifikasi arsip dan kode unit penerbit wajib diisi (DOC-05).",
        ));
    }
    if !(2000..=2999).contains(&s.year) {
        return Err(StorageError::invalid(
            "register_year",
            "Tahun register tidak sah.",
        ));
    }
    Ok(())
}

/// The unit code of an issuer: its department's code, else the agency's, upper case.
async fn default_unit_code<C: ConnectionTrait>(
    db: &C,
    agency: i64,
    department: i64,
) -> Result<String> {
    if department != 0
        && let Some(d) = department::Entity::find_by_id(department).one(db).await?
    {
        return Ok(d.code.to_uppercase());
    }
    Ok(agency::Entity::find_by_id(agency)
        .one(db)
        .await?
        .map(|a| a.code.to_uppercase())
        .unwrap_or_default())
}

/// The register of an issuer, kind and year, locked for this transaction; created from the
/// latest earlier year's settings (or the defaults) the first time, with the classification
/// code the agency's policy in force sets for the letter kind, when it sets one (DOC-05, issue
/// 14 point 5; the policy names no code for the agreements: the default until the archive
/// officer sets one).
pub(crate) async fn locked_register(
    txn: &DatabaseTransaction,
    agency: i64,
    department: i64,
    kind: RegisterKind,
    year: i32,
) -> Result<letter_register::Model> {
    let find = || {
        letter_register::Entity::find()
            .filter(letter_register::Column::AgencyId.eq(agency))
            .filter(letter_register::Column::DepartmentId.eq(department))
            .filter(letter_register::Column::Kind.eq(kind.code()))
            .filter(letter_register::Column::Year.eq(year))
    };
    if let Some(r) = find().lock_exclusive().one(txn).await? {
        return Ok(r);
    }
    let earlier = letter_register::Entity::find()
        .filter(letter_register::Column::AgencyId.eq(agency))
        .filter(letter_register::Column::DepartmentId.eq(department))
        .filter(letter_register::Column::Kind.eq(kind.code()))
        .filter(letter_register::Column::Year.lt(year))
        .order_by_desc(letter_register::Column::Year)
        .one(txn)
        .await?;
    let (mut classification, unit_code, pattern) = match earlier {
        Some(e) => (e.classification, e.unit_code, e.pattern),
        None => (
            DEFAULT_CLASSIFICATION.to_string(),
            default_unit_code(txn, agency, department).await?,
            DEFAULT_PATTERN.to_string(),
        ),
    };
    let policy = crate::policies::in_force(txn, AgencyId(agency), crate::policies::today()).await?;
    if let Some(code) = kind
        .letter()
        .and_then(|letter| policy.letters.classification(letter))
    {
        classification = code.to_string();
    }
    // Two first issues at once: one creates the row, the other finds it.
    letter_register::Entity::insert(letter_register::ActiveModel {
        agency_id: Set(agency),
        department_id: Set(department),
        kind: Set(kind.code().to_string()),
        year: Set(year),
        classification: Set(classification),
        unit_code: Set(unit_code),
        pattern: Set(pattern),
        next_seq: Set(1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            letter_register::Column::AgencyId,
            letter_register::Column::DepartmentId,
            letter_register::Column::Kind,
            letter_register::Column::Year,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    find()
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("letter_register", kind.code()))
}

/// Takes the next number of a locked register from the sequence of its format: records it as
/// issued and moves the sequence (and the register's own counter) on.
pub(crate) async fn take_number(
    txn: &DatabaseTransaction,
    register: &letter_register::Model,
    by: &str,
    now: DateTime<Utc>,
) -> Result<letter_number::Model> {
    let format = format_of(register)?;
    let sequence = locked_sequence(txn, register.agency_id, &format).await?;
    let seq = sequence.next_seq;
    let number = format.number(seq);
    let mut s: letter_sequence::ActiveModel = sequence.into();
    s.next_seq = Set(seq + 1);
    s.updated_at = Set(now);
    letter_sequence::Entity::update(s).exec(txn).await?;
    let mut r: letter_register::ActiveModel = register.clone().into();
    r.next_seq = Set(seq + 1);
    r.updated_at = Set(now);
    letter_register::Entity::update(r).exec(txn).await?;
    // The unique index on (agency, number) refuses a number given before under a format the
    // sequences do not know (a register's pattern changed before issue 12).
    let id = letter_number::Entity::insert(letter_number::ActiveModel {
        register_id: Set(register.id),
        agency_id: Set(register.agency_id),
        duplicate_rank: Set(0),
        seq: Set(seq),
        number: Set(number.clone()),
        status: Set(LetterStatus::Issued.code().to_string()),
        issued_letter_id: Set(None),
        agreement_id: Set(None),
        note: Set(String::new()),
        at: Set(now),
        by_label: Set(by.to_string()),
        ..Default::default()
    })
    .exec(txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StorageError::conflict(
            "letter_number_taken",
            format!(
                "Nomor {number} sudah pernah diberikan di instansi ini. Ubah kode klasifikasi, kode unit atau pola register ini (DOC-05)."
            ),
        ),
        _ => StorageError::Database(e),
    })?
    .last_insert_id;
    letter_number::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("letter_number", id))
}

/// Numbers a performance agreement that has just become fully signed (issue 15 point 6): the
/// next number of the register of performance agreements of its Perangkat Daerah (the agency
/// itself when it has none) for the agreement's year, created with the defaults on first use,
/// its line marked as the agreement's so the number is never given again. Runs in the
/// transaction of the second signature.
pub(crate) async fn number_agreement(
    txn: &DatabaseTransaction,
    agreement: &performance_agreement::Model,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(letter_register::Model, letter_number::Model)> {
    let register = locked_register(
        txn,
        agreement.agency_id,
        agreement.department_id.unwrap_or(0),
        RegisterKind::PerformanceAgreement,
        agreement.year,
    )
    .await?;
    let number = take_number(txn, &register, by, now).await?;
    let mut line: letter_number::ActiveModel = number.clone().into();
    line.agreement_id = Set(Some(agreement.id));
    let number = letter_number::Entity::update(line).exec(txn).await?;
    Ok((register, number))
}

fn view_of(
    r: letter_register::Model,
    numbers: Vec<letter_number::Model>,
    sequences: &HashMap<String, i64>,
) -> Result<RegisterView> {
    let kind = RegisterKind::from_code(&r.kind).ok_or_else(|| corrupt("register kind", &r.kind))?;
    // The next number this register gives is its format's (shared) sequence's.
    let next_seq = format_of(&r)
        .ok()
        .and_then(|f| sequences.get(&f.key()).copied())
        .unwrap_or(r.next_seq);
    Ok(RegisterView {
        id: r.id,
        agency: AgencyId(r.agency_id),
        department: (r.department_id != 0).then_some(DepartmentId(r.department_id)),
        kind,
        kind_label: kind.label().to_string(),
        year: r.year,
        classification: r.classification,
        unit_code: r.unit_code,
        pattern: r.pattern,
        next_seq,
        numbers: numbers
            .into_iter()
            .map(|n| {
                Ok(NumberLine {
                    seq: n.seq,
                    status: LetterStatus::from_code(&n.status)
                        .ok_or_else(|| corrupt("letter number status", &n.status))?,
                    number: n.number,
                    issued_letter: n.issued_letter_id,
                    agreement: n.agreement_id,
                    note: n.note,
                    at: n.at,
                    by: n.by_label,
                })
            })
            .collect::<Result<_>>()?,
    })
}

impl Store {
    /// Sets the classification code, unit code and pattern of a register (created if new);
    /// its sequence goes on where it is. Audited.
    pub async fn set_letter_register(
        &self,
        setting: &RegisterSetting,
        by: &AuditActor,
    ) -> Result<RegisterView> {
        by.checked_label()?;
        check_setting(setting)?;
        let department = setting.department.map_or(0, |d| d.0);
        let txn = self.begin_write().await?;
        agency::Entity::find_by_id(setting.agency.0)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", setting.agency.0))?;
        if department != 0 {
            department::Entity::find()
                .filter(department::Column::Id.eq(department))
                .filter(department::Column::AgencyId.eq(setting.agency.0))
                .one(&txn)
                .await?
                .ok_or_else(|| StorageError::not_found("department", department))?;
        }
        let r = locked_register(
            &txn,
            setting.agency.0,
            department,
            setting.kind,
            setting.year,
        )
        .await?;
        let mut a: letter_register::ActiveModel = r.clone().into();
        a.classification = Set(setting.classification.trim().to_string());
        a.unit_code = Set(setting.unit_code.trim().to_string());
        a.pattern = Set(setting.pattern.trim().to_string());
        a.updated_at = Set(Utc::now());
        let r = letter_register::Entity::update(a).exec(&txn).await?;
        // Registers the format, or refuses one that could write another format's numbers.
        let sequence = locked_sequence(&txn, r.agency_id, &format_of(&r)?).await?;
        audit::append_by(
            &txn,
            by,
            AuditAction::LetterRegister,
            audit::Subject::new(AuditSubject::LetterRegister, r.id, setting.agency.0),
            json!({
                "rule_id": "DOC-05",
                "kind": setting.kind.code(),
                "year": setting.year,
                "department": setting.department.map(|d| d.0),
                "classification": r.classification,
                "unit_code": r.unit_code,
                "pattern": r.pattern,
            }),
        )
        .await?;
        txn.commit().await?;
        let sequences = HashMap::from([(sequence.format_key, sequence.next_seq)]);
        view_of(r, Vec::new(), &sequences)
    }

    /// The registers of an agency with every number they gave, newest year first.
    pub async fn letter_registers(&self, agency: AgencyId) -> Result<Vec<RegisterView>> {
        let registers = letter_register::Entity::find()
            .filter(letter_register::Column::AgencyId.eq(agency.0))
            .order_by_desc(letter_register::Column::Year)
            .order_by_asc(letter_register::Column::DepartmentId)
            .order_by_asc(letter_register::Column::Kind)
            .all(&self.db)
            .await?;
        let mut numbers = letter_number::Entity::find()
            .filter(letter_number::Column::RegisterId.is_in(registers.iter().map(|r| r.id)))
            .order_by_asc(letter_number::Column::Seq)
            .all(&self.db)
            .await?;
        let sequences: HashMap<String, i64> = letter_sequence::Entity::find()
            .filter(letter_sequence::Column::AgencyId.eq(agency.0))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.format_key, s.next_seq))
            .collect();
        registers
            .into_iter()
            .map(|r| {
                let (mine, rest): (Vec<_>, Vec<_>) =
                    numbers.drain(..).partition(|n| n.register_id == r.id);
                numbers = rest;
                view_of(r, mine, &sequences)
            })
            .collect()
    }
}
