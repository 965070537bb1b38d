//! Applying one change to an organisation value, or refusing it with the rule it would break.
//! A refused change leaves the organisation as it was.

use super::OrgChange;
use crate::limits::{self, TextKind};
use crate::org::PositionClass;
use crate::organisation::{EmployeeId, Organisation, PositionId, UnitId};
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::RuleId;

fn refusal(
    kind: RefusalKind,
    code: &'static str,
    rule_id: RuleId,
    article: &'static str,
    message: impl Into<String>,
) -> Refusal {
    Refusal::new(kind, code, rule_id, article, message)
}

fn unknown(what: &str) -> Refusal {
    refusal(
        RefusalKind::Invalid,
        "org_change_subject_unknown",
        RuleId::ORG_01,
        "Pasal 1 angka 5",
        format!("{what} tidak ditemukan dalam organisasi pada tanggal berlaku perubahan."),
    )
}

fn employee_index(org: &Organisation, e: EmployeeId) -> Result<usize, Refusal> {
    org.employees
        .iter()
        .position(|x| x.id == e)
        .ok_or_else(|| unknown("Pegawai"))
}

fn position_index(org: &Organisation, p: PositionId) -> Result<usize, Refusal> {
    org.positions
        .iter()
        .position(|x| x.id == p)
        .ok_or_else(|| unknown("Jabatan"))
}

fn unit_index(org: &Organisation, u: UnitId) -> Result<usize, Refusal> {
    org.units
        .iter()
        .position(|x| x.id == u)
        .ok_or_else(|| unknown("Unit"))
}

fn holder(org: &Organisation, p: PositionId) -> Option<EmployeeId> {
    org.employees
        .iter()
        .find(|e| e.position == Some(p))
        .map(|e| e.id)
}

fn check_name(name: &str) -> Result<(), Refusal> {
    let trimmed = name.trim();
    if trimmed.is_empty() || limits::check_as(TextKind::Name, trimmed).is_err() {
        return Err(refusal(
            RefusalKind::Invalid,
            "org_change_name_invalid",
            RuleId::ORG_03,
            "Pasal 1 angka 21–22",
            "Nama wajib diisi, tanpa karakter kendali, dan tidak melebihi batas panjang.",
        ));
    }
    Ok(())
}

/// ORG-03: a unit has at most one head position.
fn check_one_head(
    org: &Organisation,
    unit: UnitId,
    except: Option<PositionId>,
) -> Result<(), Refusal> {
    if org
        .positions
        .iter()
        .any(|p| p.unit == unit && p.is_head && Some(p.id) != except)
    {
        return Err(refusal(
            RefusalKind::Conflict,
            "unit_head_exists",
            RuleId::ORG_03,
            "Pasal 1 angka 21–22",
            "Unit ini sudah memiliki jabatan pimpinan; satu unit paling banyak satu jabatan pimpinan.",
        ));
    }
    Ok(())
}

/// ORG-04: a functional position has a level (jenjang), no other class has one.
fn check_level(class: PositionClass, level_given: bool) -> Result<(), Refusal> {
    if (class == PositionClass::Fungsional) != level_given {
        return Err(refusal(
            RefusalKind::Invalid,
            "position_level_mismatch",
            RuleId::ORG_04,
            "Pasal 1",
            "Jenjang jabatan diisi untuk Jabatan Fungsional saja, dan wajib untuk Jabatan Fungsional.",
        ));
    }
    Ok(())
}

fn is_descendant(org: &Organisation, unit: UnitId, of: UnitId) -> bool {
    let mut at = Some(unit);
    let mut steps = 0;
    while let Some(u) = at {
        if u == of {
            return true;
        }
        steps += 1;
        if steps > org.units.len() {
            return true; // a cycle already: treat as inside, never loop
        }
        at = org.units.iter().find(|x| x.id == u).and_then(|x| x.parent);
    }
    false
}

/// Applies `change` to `org`, or refuses it and leaves `org` as it was.
pub fn apply(org: &mut Organisation, change: &OrgChange) -> Result<(), Refusal> {
    let mut next = org.clone();
    apply_in_place(&mut next, change)?;
    *org = next;
    Ok(())
}

/// Applies every change in order; the first refused one is named by its index, and `org` is
/// left as it was.
pub fn apply_all(org: &mut Organisation, changes: &[OrgChange]) -> Result<(), (usize, Refusal)> {
    let mut next = org.clone();
    for (i, c) in changes.iter().enumerate() {
        apply_in_place(&mut next, c).map_err(|r| (i, r))?;
    }
    *org = next;
    Ok(())
}

fn apply_in_place(org: &mut Organisation, change: &OrgChange) -> Result<(), Refusal> {
    match change {
        OrgChange::Hire { employee } => {
            if org
                .employees
                .iter()
                .any(|e| e.id == employee.id || e.nip == employee.nip)
            {
                return Err(refusal(
                    RefusalKind::Conflict,
                    "employee_exists",
                    RuleId::ORG_07,
                    "Pasal 1",
                    "Pegawai dengan NIP ini sudah terdaftar.",
                ));
            }
            if !org.agencies.iter().any(|a| a.id == employee.agency) {
                return Err(unknown("Instansi"));
            }
            if let Some(p) = employee.position {
                position_index(org, p)?;
                if holder(org, p).is_some() {
                    return Err(position_taken());
                }
            }
            org.employees.push(employee.clone());
        }
        OrgChange::Appoint { employee, position } => {
            let i = employee_index(org, *employee)?;
            let p = position_index(org, *position)?;
            match holder(org, *position) {
                Some(h) if h == *employee => return Err(no_change()),
                Some(_) => return Err(position_taken()),
                None => {}
            }
            let agency = super::OrgChange::Appoint {
                employee: *employee,
                position: *position,
            }
            .agency(org)
            .ok_or_else(|| unknown("Instansi jabatan"))?;
            org.employees[i].position = Some(*position);
            org.employees[i].agency = agency;
            // Holding a post definitively ends one's own acting in it (ORG-05).
            if org.positions[p]
                .acting
                .is_some_and(|a| a.employee == *employee)
            {
                org.positions[p].acting = None;
            }
        }
        OrgChange::Vacate { employee } => {
            let i = employee_index(org, *employee)?;
            if org.employees[i].position.is_none() {
                return Err(no_change());
            }
            org.employees[i].position = None;
        }
        OrgChange::SetGrade { employee, grade } => {
            let i = employee_index(org, *employee)?;
            if org.employees[i].grade == *grade {
                return Err(no_change());
            }
            let pns = matches!(grade, crate::grade::Grade::Pns { .. });
            let is_pns = org.employees[i].employment_type == crate::org::EmploymentType::Pns;
            if pns != is_pns {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "grade_kind_mismatch",
                    RuleId::ORG_07,
                    "Pasal 1",
                    "PNS bergolongan I/a sampai IV/e, PPPK bergolongan I sampai XVII.",
                ));
            }
            org.employees[i].grade = *grade;
        }
        OrgChange::Leave { employee, .. } => {
            employee_index(org, *employee)?;
            org.employees.retain(|e| e.id != *employee);
            for p in &mut org.positions {
                if p.acting.is_some_and(|a| a.employee == *employee) {
                    p.acting = None;
                }
            }
        }
        OrgChange::NameActing {
            position,
            employee,
            acting,
        } => {
            let p = position_index(org, *position)?;
            let i = employee_index(org, *employee)?;
            if org.employees[i].position == Some(*position) {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "acting_in_own_position",
                    RuleId::ORG_05,
                    "Pasal 1",
                    "Pejabat definitif tidak dapat ditunjuk sebagai Plt./Plh. pada jabatannya sendiri.",
                ));
            }
            org.positions[p].acting = Some(crate::organisation::Acting {
                employee: *employee,
                kind: *acting,
            });
        }
        OrgChange::EndActing { position } => {
            let p = position_index(org, *position)?;
            if org.positions[p].acting.is_none() {
                return Err(no_change());
            }
            org.positions[p].acting = None;
        }
        OrgChange::AddUnit { unit } => {
            if org.units.iter().any(|u| u.id == unit.id) {
                return Err(refusal(
                    RefusalKind::Conflict,
                    "unit_exists",
                    RuleId::ORG_03,
                    "Pasal 1 angka 21–22",
                    "Unit dengan identitas ini sudah ada.",
                ));
            }
            check_name(&unit.name)?;
            if !org.departments.iter().any(|d| d.id == unit.department) {
                return Err(unknown("Perangkat Daerah"));
            }
            match unit.parent {
                Some(parent) => {
                    let at = unit_index(org, parent)?;
                    if org.units[at].department != unit.department {
                        return Err(other_department());
                    }
                }
                None => {
                    if org
                        .units
                        .iter()
                        .any(|u| u.department == unit.department && u.parent.is_none())
                    {
                        return Err(refusal(
                            RefusalKind::Conflict,
                            "department_root_exists",
                            RuleId::ORG_03,
                            "Pasal 1 angka 21–22",
                            "Perangkat Daerah ini sudah memiliki unit teratas; unit baru ditempatkan di bawah sebuah unit.",
                        ));
                    }
                }
            }
            org.units.push(unit.clone());
        }
        OrgChange::RenameUnit { unit, name } => {
            let u = unit_index(org, *unit)?;
            check_name(name)?;
            if org.units[u].name == name.trim() {
                return Err(no_change());
            }
            org.units[u].name = name.trim().to_string();
        }
        OrgChange::MoveUnit { unit, parent } => {
            let u = unit_index(org, *unit)?;
            let p = unit_index(org, *parent)?;
            if org.units[p].department != org.units[u].department {
                return Err(other_department());
            }
            if org.units[u].parent.is_none() {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "department_root_fixed",
                    RuleId::ORG_03,
                    "Pasal 1 angka 21–22",
                    "Unit teratas Perangkat Daerah tidak dipindahkan.",
                ));
            }
            if is_descendant(org, *parent, *unit) {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "unit_cycle",
                    RuleId::ORG_03,
                    "Pasal 1 angka 21–22",
                    "Unit tidak dapat dipindahkan ke bawah dirinya sendiri atau unit bawahannya: unit membentuk pohon.",
                ));
            }
            if org.units[u].parent == Some(*parent) {
                return Err(no_change());
            }
            org.units[u].parent = Some(*parent);
        }
        OrgChange::MergeUnit { unit, into } => {
            let u = unit_index(org, *unit)?;
            let t = unit_index(org, *into)?;
            if unit == into || is_descendant(org, *into, *unit) {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "unit_cycle",
                    RuleId::ORG_03,
                    "Pasal 1 angka 21–22",
                    "Unit tidak dapat digabungkan ke dalam dirinya sendiri atau unit bawahannya.",
                ));
            }
            if org.units[t].department != org.units[u].department {
                return Err(other_department());
            }
            if org.units[u].parent.is_none() {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "department_root_fixed",
                    RuleId::ORG_03,
                    "Pasal 1 angka 21–22",
                    "Unit teratas Perangkat Daerah tidak digabungkan.",
                ));
            }
            // The merged unit's head post closes with it: it must be vacant.
            let heads: Vec<PositionId> = org
                .positions
                .iter()
                .filter(|p| p.unit == *unit && p.is_head)
                .map(|p| p.id)
                .collect();
            for h in &heads {
                require_vacant(org, *h)?;
            }
            org.positions.retain(|p| !heads.contains(&p.id));
            for p in &mut org.positions {
                if p.unit == *unit {
                    p.unit = *into;
                }
            }
            for c in &mut org.units {
                if c.parent == Some(*unit) {
                    c.parent = Some(*into);
                }
            }
            org.units.retain(|x| x.id != *unit);
        }
        OrgChange::CloseUnit { unit } => {
            unit_index(org, *unit)?;
            if org.units.iter().any(|u| u.parent == Some(*unit))
                || org.positions.iter().any(|p| p.unit == *unit)
            {
                return Err(refusal(
                    RefusalKind::Conflict,
                    "unit_not_empty",
                    RuleId::ORG_03,
                    "Pasal 1 angka 21–22",
                    "Unit masih memiliki unit bawahan atau jabatan: pindahkan atau hapus lebih dahulu, atau gabungkan unit.",
                ));
            }
            org.units.retain(|u| u.id != *unit);
        }
        OrgChange::AddPosition { position } => {
            if org.positions.iter().any(|p| p.id == position.id) {
                return Err(refusal(
                    RefusalKind::Conflict,
                    "position_exists",
                    RuleId::ORG_04,
                    "Pasal 1",
                    "Jabatan dengan identitas ini sudah ada.",
                ));
            }
            check_name(&position.name)?;
            unit_index(org, position.unit)?;
            check_level(position.class, position.functional_level.is_some())?;
            if position.is_head {
                check_one_head(org, position.unit, None)?;
            }
            let mut p = position.clone();
            p.acting = None;
            org.positions.push(p);
        }
        OrgChange::ChangePosition {
            position,
            name,
            class,
            functional_level,
        } => {
            let p = position_index(org, *position)?;
            check_name(name)?;
            check_level(*class, functional_level.is_some())?;
            let post = &mut org.positions[p];
            if post.name == name.trim()
                && post.class == *class
                && post.functional_level == *functional_level
            {
                return Err(no_change());
            }
            post.name = name.trim().to_string();
            post.class = *class;
            post.functional_level = *functional_level;
            if post.class != PositionClass::Fungsional {
                post.substance = None;
            }
        }
        OrgChange::ClosePosition { position } => {
            position_index(org, *position)?;
            require_vacant(org, *position)?;
            org.positions.retain(|p| p.id != *position);
        }
    }
    Ok(())
}

fn require_vacant(org: &Organisation, position: PositionId) -> Result<(), Refusal> {
    let acting = org
        .positions
        .iter()
        .find(|p| p.id == position)
        .is_some_and(|p| p.acting.is_some());
    if holder(org, position).is_some() || acting {
        return Err(refusal(
            RefusalKind::Conflict,
            "position_not_vacant",
            RuleId::ORG_05,
            "Pasal 1",
            "Jabatan masih dijabat (definitif atau Plt./Plh.): pindahkan atau bebaskan pejabatnya lebih dahulu.",
        ));
    }
    Ok(())
}

fn position_taken() -> Refusal {
    refusal(
        RefusalKind::Conflict,
        "position_taken",
        RuleId::ORG_05,
        "Pasal 1 angka 5",
        "Jabatan ini sudah dijabat definitif oleh pegawai lain: bebaskan atau pindahkan pejabatnya lebih dahulu (keduanya dapat dicatat dalam satu paket perubahan).",
    )
}

fn other_department() -> Refusal {
    refusal(
        RefusalKind::Invalid,
        "unit_other_department",
        RuleId::ORG_03,
        "Pasal 1 angka 21–22",
        "Unit hanya dipindahkan atau digabungkan di dalam Perangkat Daerah yang sama.",
    )
}

fn no_change() -> Refusal {
    refusal(
        RefusalKind::Invalid,
        "org_change_no_effect",
        RuleId::ORG_01,
        "Pasal 1 angka 5",
        "Perubahan ini tidak mengubah apa pun: keadaannya sudah demikian.",
    )
}
