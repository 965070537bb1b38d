//! Checks of the people: NIPs, holders and acting officials, grades, ratings, experience
//! (ORG-05, ORG-07).

use std::collections::{HashMap, HashSet};

use super::{Entity, Report};
use crate::bundle::AgencyBundle;
use crate::org::EmploymentType;

impl AgencyBundle {
    pub(super) fn check_employees(&self, r: &mut Report, positions: &HashMap<&str, usize>) {
        let mut nips = HashSet::new();
        let mut held: HashMap<usize, usize> = HashMap::new();
        let mut acted: HashMap<usize, usize> = HashMap::new();
        for (i, e) in self.employees.iter().enumerate() {
            r.blank(Entity::Employee, i, "name", &e.name, "nama pegawai");
            // ORG-07: the NIP identifies an employee.
            if !nips.insert(e.nip.as_str()) {
                r.add(
                    Entity::Employee,
                    i,
                    "nip",
                    "nip_duplicate",
                    format!("NIP {} dipakai lebih dari sekali", e.nip.as_str()),
                );
            }
            let own = e
                .position_code
                .as_deref()
                .and_then(|c| self.resolve(r, i, "position_code", c, positions));
            if let Some(p) = own {
                // ORG-05: one definitive holder per position.
                if let Some(&first) = held.get(&p) {
                    r.add(
                        Entity::Employee,
                        i,
                        "position_code",
                        "position_held_twice",
                        format!(
                            "jabatan \"{}\" sudah dijabat definitif oleh NIP {}",
                            self.positions[p].code,
                            self.employees[first].nip.as_str()
                        ),
                    );
                } else {
                    held.insert(p, i);
                }
            }
            self.check_acting(r, i, own, positions, &mut acted);
            self.check_grade_and_details(r, i);
        }
    }

    fn resolve(
        &self,
        r: &mut Report,
        i: usize,
        field: &'static str,
        code: &str,
        positions: &HashMap<&str, usize>,
    ) -> Option<usize> {
        let found = positions.get(code).copied();
        if found.is_none() {
            let c = if field == "position_code" {
                "employee_position_unknown"
            } else {
                "acting_position_unknown"
            };
            r.add(
                Entity::Employee,
                i,
                field,
                c,
                format!("jabatan \"{code}\" tidak ada"),
            );
        }
        found
    }

    /// ORG-05: Plt./Plh. in another position, one acting holder per position, kind given.
    fn check_acting(
        &self,
        r: &mut Report,
        i: usize,
        own: Option<usize>,
        positions: &HashMap<&str, usize>,
        acted: &mut HashMap<usize, usize>,
    ) {
        let e = &self.employees[i];
        match (&e.acting_position_code, e.acting_kind) {
            (Some(_), None) => r.add(
                Entity::Employee,
                i,
                "acting_kind",
                "acting_kind_missing",
                "jabatan Plt./Plh. diisi tetapi jenisnya (plt atau plh) kosong".into(),
            ),
            (None, Some(_)) => r.add(
                Entity::Employee,
                i,
                "acting_kind",
                "acting_kind_without_position",
                "jenis Plt./Plh. diisi tetapi jabatan yang dijalankan kosong".into(),
            ),
            _ => {}
        }
        let Some(code) = &e.acting_position_code else {
            return;
        };
        let Some(p) = self.resolve(r, i, "acting_position_code", code, positions) else {
            return;
        };
        if own == Some(p) {
            r.add(
                Entity::Employee,
                i,
                "acting_position_code",
                "acting_own_position",
                format!(
                    "pegawai tidak dapat menjadi Plt./Plh. pada jabatannya sendiri (\"{code}\")"
                ),
            );
        }
        if let Some(&first) = acted.get(&p) {
            r.add(
                Entity::Employee,
                i,
                "acting_position_code",
                "position_acted_twice",
                format!(
                    "jabatan \"{code}\" sudah dijalankan Plt./Plh. oleh NIP {}",
                    self.employees[first].nip.as_str()
                ),
            );
        } else {
            acted.insert(p, i);
        }
    }

    /// ORG-07: grade scale matches employment type; ratings and experience are sane.
    fn check_grade_and_details(&self, r: &mut Report, i: usize) {
        let e = &self.employees[i];
        let pppk = e.employment_type == EmploymentType::Pppk;
        if e.grade.is_pppk() != pppk {
            let expected = if pppk {
                "I sampai XVII"
            } else {
                "I/a sampai IV/e"
            };
            r.add(
                Entity::Employee,
                i,
                "grade",
                "grade_employment_mismatch",
                format!(
                    "golongan {} tidak sesuai dengan status {}: seharusnya {expected}",
                    e.grade,
                    e.employment_type.label()
                ),
            );
        }
        let mut years = HashSet::new();
        for (k, y) in e.ratings.iter().enumerate() {
            if !(1970..=2100).contains(&y.year) {
                r.item(
                    i,
                    k,
                    "ratings",
                    "rating_year_invalid",
                    format!("tahun penilaian {} tidak wajar", y.year),
                );
            }
            if !years.insert(y.year) {
                r.item(
                    i,
                    k,
                    "ratings",
                    "rating_year_duplicate",
                    format!(
                        "predikat kinerja tahun {} tercatat lebih dari sekali",
                        y.year
                    ),
                );
            }
        }
        for (k, x) in e.experience.iter().enumerate() {
            if x.field.trim().is_empty() {
                r.item(
                    i,
                    k,
                    "experience",
                    "experience_field_blank",
                    "bidang pengalaman tidak boleh kosong".into(),
                );
            }
            if x.years > 50 {
                r.item(
                    i,
                    k,
                    "experience",
                    "experience_years_too_high",
                    format!("lama pengalaman {} tahun melebihi batas 50 tahun", x.years),
                );
            }
        }
    }
}
