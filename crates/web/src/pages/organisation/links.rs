//! Links to the change forms (`GET /organisasi/perubahan/baru?jenis={code}&…`, the contract
//! with the change pages), shown only to those who may record that kind of change
//! (`Action::RecordOrgChange`: staff changes the HR admin, structural ones the HR admin or
//! the organisation keeper).

use sikerja_domain::access::Action;
use sikerja_domain::changes::ChangeArea;
use sikerja_domain::organisation::AgencyId;

use crate::authz::Principal;

/// One link to a change form.
pub struct ChangeLink {
    pub label: &'static str,
    pub href: String,
    /// The change kind's code, for tests and styling.
    pub kind: &'static str,
}

/// Which change forms a person may open for an agency.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rights {
    pub staff: bool,
    pub structure: bool,
}

impl Rights {
    pub fn of(principal: &Principal, agency: AgencyId) -> Rights {
        let may = |area| {
            // Pages are for people: a token holder sees no change links.
            principal.actor().is_some()
                && principal
                    .require(Action::RecordOrgChange { agency, area })
                    .is_ok()
        };
        Rights {
            staff: may(ChangeArea::Staff),
            structure: may(ChangeArea::Structure),
        }
    }

    /// No links at all (e.g. a day other than today is shown).
    pub fn none() -> Rights {
        Rights::default()
    }
}

/// What a link names: the employee, position and unit the form starts from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subject {
    pub employee: Option<i64>,
    pub position: Option<i64>,
    pub unit: Option<i64>,
}

/// `/organisasi/perubahan/baru?jenis=…[&pegawai=…][&jabatan=…][&unit=…]`
pub fn new_change_href(kind: &str, s: Subject) -> String {
    let mut href = format!("/organisasi/perubahan/baru?jenis={kind}");
    for (name, value) in [
        ("pegawai", s.employee),
        ("jabatan", s.position),
        ("unit", s.unit),
    ] {
        if let Some(v) = value {
            href.push_str(&format!("&{name}={v}"));
        }
    }
    href
}

/// The links of `kinds` (code, label, area) the rights allow, all naming `subject`.
pub fn links(
    rights: Rights,
    subject: Subject,
    kinds: &[(&'static str, &'static str, ChangeArea)],
) -> Vec<ChangeLink> {
    kinds
        .iter()
        .filter(|(_, _, area)| match area {
            ChangeArea::Staff => rights.staff,
            ChangeArea::Structure => rights.structure,
        })
        .map(|(kind, label, _)| ChangeLink {
            label,
            href: new_change_href(kind, subject),
            kind,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_href_names_only_what_is_given() {
        assert_eq!(
            new_change_href("hire", Subject::default()),
            "/organisasi/perubahan/baru?jenis=hire"
        );
        assert_eq!(
            new_change_href(
                "name_acting",
                Subject {
                    employee: Some(3),
                    position: Some(7),
                    unit: None
                }
            ),
            "/organisasi/perubahan/baru?jenis=name_acting&pegawai=3&jabatan=7"
        );
    }

    #[test]
    fn structure_links_are_not_staff_links() {
        let kinds = [
            ("appoint", "Mutasi", ChangeArea::Staff),
            ("close_unit", "Hapus", ChangeArea::Structure),
        ];
        let keeper = Rights {
            staff: false,
            structure: true,
        };
        let got: Vec<_> = links(keeper, Subject::default(), &kinds)
            .into_iter()
            .map(|l| l.kind)
            .collect();
        assert_eq!(got, ["close_unit"]);
        assert!(links(Rights::none(), Subject::default(), &kinds).is_empty());
    }
}
