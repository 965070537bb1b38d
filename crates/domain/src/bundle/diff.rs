//! What importing a bundle would do to the agency as it is (issue 14 point 3, the preview of
//! the web upload): per list, the records it creates, changes and removes, by their keys —
//! codes, NIPs, a regional head's office and first day. The import never removes a regional
//! head's term, and a file without regional heads or fields of experience leaves those lists
//! as they are, so those show no removal.

use serde::Serialize;

use super::{AgencyBundle, Entity};

/// The effect of an import on one list of the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListDiff {
    pub entity: Entity,
    /// Records in the file only, by label ("dinkes — Dinas Kesehatan").
    pub added: Vec<String>,
    /// Records in both that differ.
    pub changed: Vec<String>,
    /// Records stored that the file no longer holds (they are deleted).
    pub removed: Vec<String>,
    /// Records in both that are the same.
    pub unchanged: usize,
}

impl ListDiff {
    /// Whether the import changes nothing in this list.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

fn list<T: PartialEq>(
    entity: Entity,
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> String,
    label: impl Fn(&T) -> String,
    removes: bool,
) -> ListDiff {
    let mut d = ListDiff {
        entity,
        added: Vec::new(),
        changed: Vec::new(),
        removed: Vec::new(),
        unchanged: 0,
    };
    for a in after {
        match before.iter().find(|b| key(b) == key(a)) {
            None => d.added.push(label(a)),
            Some(b) if b != a => d.changed.push(label(a)),
            Some(_) => d.unchanged += 1,
        }
    }
    if removes {
        for b in before {
            if !after.iter().any(|a| key(a) == key(b)) {
                d.removed.push(label(b));
            }
        }
    }
    d
}

/// The effect of importing `after` over `before` (the agency's export; `None`: a new agency).
pub fn diff(before: Option<&AgencyBundle>, after: &AgencyBundle) -> Vec<ListDiff> {
    let empty = AgencyBundle {
        agency: after.agency.clone(),
        departments: Vec::new(),
        units: Vec::new(),
        positions: Vec::new(),
        employees: Vec::new(),
        regional_heads: Vec::new(),
        experience_fields: Vec::new(),
    };
    let b = before.unwrap_or(&empty);
    let agency_before: Vec<_> = before.map(|b| b.agency.clone()).into_iter().collect();
    let mut out = vec![
        list(
            Entity::Agency,
            &agency_before,
            std::slice::from_ref(&after.agency),
            |a| a.code.clone(),
            |a| format!("{} — {}", a.code, a.name),
            false,
        ),
        list(
            Entity::Department,
            &b.departments,
            &after.departments,
            |d| d.code.clone(),
            |d| format!("{} — {}", d.code, d.name),
            true,
        ),
        list(
            Entity::Unit,
            &b.units,
            &after.units,
            |u| u.code.clone(),
            |u| format!("{} — {}", u.code, u.name),
            true,
        ),
        list(
            Entity::Position,
            &b.positions,
            &after.positions,
            |p| p.code.clone(),
            |p| format!("{} — {}", p.code, p.name),
            true,
        ),
        list(
            Entity::Employee,
            &b.employees,
            &after.employees,
            |e| e.nip.as_str().to_string(),
            |e| format!("{} — {}", e.nip.as_str(), e.name),
            true,
        ),
    ];
    if !after.regional_heads.is_empty() {
        out.push(list(
            Entity::RegionalHead,
            &b.regional_heads,
            &after.regional_heads,
            |h| format!("{}/{:?}", h.office.code(), h.from),
            |h| {
                let term = h.term().label();
                format!("{} — {} ({term})", h.office.label(), h.name)
            },
            false,
        ));
    }
    if !after.experience_fields.is_empty() {
        out.push(list(
            Entity::ExperienceField,
            &b.experience_fields,
            &after.experience_fields,
            |f| f.code.clone(),
            |f| format!("{} — {}", f.code, f.name),
            true,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_01_the_preview_names_what_is_added_changed_and_removed_by_code() {
        let before = crate::bundle::tests::valid();
        let mut after = before.clone();
        after.units[1].name = "Sekretariat Dinas".into();
        after.positions.retain(|p| p.code != "staf");
        after
            .employees
            .retain(|e| e.position_code.as_deref() != Some("staf"));
        after.departments.push(crate::bundle::DepartmentRecord {
            code: "bappeda".into(),
            name: "Bappeda".into(),
            kind: crate::org::DepartmentKind::Board,
        });
        let d = diff(Some(&before), &after);
        let of = |e: Entity| d.iter().find(|l| l.entity == e).expect("list");
        assert!(of(Entity::Agency).is_empty());
        assert_eq!(of(Entity::Department).added, ["bappeda — Bappeda"]);
        assert_eq!(of(Entity::Unit).changed, ["u-sekre — Sekretariat Dinas"]);
        assert_eq!(of(Entity::Position).removed, ["staf — Jabatan staf"]);
        assert_eq!(of(Entity::Employee).removed.len(), 1);
        assert_eq!(of(Entity::Employee).unchanged, 4);
        // A new agency: everything is added.
        let new = diff(None, &after);
        assert_eq!(new[0].added.len(), 1);
        assert_eq!(new[4].added.len(), after.employees.len());
    }
}
