//! The structural checks import makes before it writes anything: codes unique, references
//! resolvable, the unit tree free of cycles. The bundle normally passed domain validation
//! already; these checks keep a bad file from ever becoming a database error.

use std::collections::{HashMap, HashSet};

use sikerja_domain::bundle::AgencyBundle;

use crate::error::{Result, StorageError};

fn duplicate<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = HashSet::new();
    values.into_iter().find(|v| !seen.insert(*v))
}

fn refused(code: &'static str, message: String) -> StorageError {
    StorageError::invalid(code, message)
}

/// Units grouped by depth: roots first, each unit after its parent.
pub(crate) fn unit_levels(bundle: &AgencyBundle) -> Result<Vec<Vec<usize>>> {
    let mut depth: Vec<Option<usize>> = vec![None; bundle.units.len()];
    let index: HashMap<&str, usize> = bundle
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.as_str(), i))
        .collect();
    let mut levels: Vec<Vec<usize>> = Vec::new();
    for start in 0..bundle.units.len() {
        // Walk up to a unit of known depth, then assign depths on the way back.
        let mut chain = Vec::new();
        let mut cur = Some(start);
        let mut base = 0;
        while let Some(i) = cur {
            if let Some(d) = depth[i] {
                base = d + 1;
                break;
            }
            if chain.contains(&i) || chain.len() > bundle.units.len() {
                return Err(refused(
                    "unit_tree_cycle",
                    format!("pohon unit melingkar pada unit {}", bundle.units[i].code),
                ));
            }
            chain.push(i);
            cur = bundle.units[i]
                .parent_code
                .as_deref()
                .and_then(|p| index.get(p).copied());
        }
        for (k, &i) in chain.iter().rev().enumerate() {
            let d = base + k;
            depth[i] = Some(d);
            if levels.len() <= d {
                levels.resize_with(d + 1, Vec::new);
            }
            levels[d].push(i);
        }
    }
    Ok(levels)
}

/// Refuses a bundle whose codes collide or whose references point nowhere.
pub(crate) fn check(bundle: &AgencyBundle) -> Result<()> {
    if bundle.agency.code.trim().is_empty() {
        return Err(refused(
            "agency_code_blank",
            "kode instansi tidak boleh kosong".into(),
        ));
    }
    if let Some(c) = duplicate(bundle.departments.iter().map(|d| d.code.as_str())) {
        return Err(refused(
            "department_code_duplicate",
            format!("kode Perangkat Daerah {c} dipakai lebih dari sekali"),
        ));
    }
    if let Some(c) = duplicate(bundle.units.iter().map(|u| u.code.as_str())) {
        return Err(refused(
            "unit_code_duplicate",
            format!("kode unit {c} dipakai lebih dari sekali"),
        ));
    }
    if let Some(c) = duplicate(bundle.positions.iter().map(|p| p.code.as_str())) {
        return Err(refused(
            "position_code_duplicate",
            format!("kode jabatan {c} dipakai lebih dari sekali"),
        ));
    }
    if let Some(n) = duplicate(bundle.employees.iter().map(|e| e.nip.as_str())) {
        return Err(refused(
            "nip_duplicate",
            format!("NIP {n} muncul lebih dari sekali"),
        ));
    }
    let departments: HashSet<&str> = bundle.departments.iter().map(|d| d.code.as_str()).collect();
    let unit_dept: HashMap<&str, &str> = bundle
        .units
        .iter()
        .map(|u| (u.code.as_str(), u.department_code.as_str()))
        .collect();
    for u in &bundle.units {
        if !departments.contains(u.department_code.as_str()) {
            return Err(refused(
                "unit_department_unknown",
                format!(
                    "unit {} merujuk Perangkat Daerah {} yang tidak ada",
                    u.code, u.department_code
                ),
            ));
        }
        if let Some(p) = &u.parent_code {
            match unit_dept.get(p.as_str()) {
                None => {
                    return Err(refused(
                        "unit_parent_unknown",
                        format!("unit {} merujuk unit induk {p} yang tidak ada", u.code),
                    ));
                }
                Some(d) if *d != u.department_code => {
                    return Err(refused(
                        "unit_parent_other_department",
                        format!(
                            "unit {} dan unit induknya {p} berada di Perangkat Daerah berbeda",
                            u.code
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    unit_levels(bundle)?;
    for p in &bundle.positions {
        if !unit_dept.contains_key(p.unit_code.as_str()) {
            return Err(refused(
                "position_unit_unknown",
                format!(
                    "jabatan {} merujuk unit {} yang tidak ada",
                    p.code, p.unit_code
                ),
            ));
        }
    }
    let positions: HashSet<&str> = bundle.positions.iter().map(|p| p.code.as_str()).collect();
    let mut acted: HashSet<&str> = HashSet::new();
    for e in &bundle.employees {
        for code in [&e.position_code, &e.acting_position_code]
            .into_iter()
            .flatten()
        {
            if !positions.contains(code.as_str()) {
                return Err(refused(
                    "employee_position_unknown",
                    format!("pegawai {} merujuk jabatan {code} yang tidak ada", e.nip),
                ));
            }
        }
        if let Some(code) = &e.acting_position_code
            && !acted.insert(code.as_str())
        {
            return Err(refused(
                "acting_position_taken",
                format!("jabatan {code} memiliki lebih dari satu Plt./Plh."),
            ));
        }
    }
    Ok(())
}
