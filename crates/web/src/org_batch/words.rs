//! A resolved batch in words (Indonesian), for the upload's preview page: each change with its
//! rows named by name and natural key, and the impact's shifts and held work.

use sikerja_domain::changes::{DatedChange, OrgChange};
use sikerja_domain::organisation::{EmployeeId, PositionId, UnitId};

use super::Resolved;

impl Resolved {
    fn person(&self, e: EmployeeId) -> String {
        self.employee_keys.get(&e).map_or_else(
            || "pegawai".into(),
            |(nip, name)| format!("{name} (NIP {nip})"),
        )
    }

    fn post(&self, p: PositionId) -> String {
        self.position_keys.get(&p).map_or_else(
            || "jabatan".into(),
            |(code, name)| format!("{name} [{code}]"),
        )
    }

    fn unit(&self, u: UnitId) -> String {
        self.unit_keys
            .get(&u)
            .map_or_else(|| "unit".into(), |(code, name)| format!("{name} [{code}]"))
    }

    /// One change in words: what it does, to whom or what.
    pub fn describe(&self, c: &DatedChange) -> String {
        match &c.change {
            OrgChange::Hire { employee } => format!(
                "{} (NIP {}), {} {}{}",
                employee.display_name(),
                employee.nip.as_str(),
                employee.employment_type.label(),
                employee.grade,
                employee
                    .position
                    .map(|p| format!(", dalam jabatan {}", self.post(p)))
                    .unwrap_or_default()
            ),
            OrgChange::Appoint { employee, position } => {
                format!(
                    "{} ke jabatan {}",
                    self.person(*employee),
                    self.post(*position)
                )
            }
            OrgChange::Vacate { employee } => self.person(*employee),
            OrgChange::SetGrade { employee, grade } => {
                format!("{} menjadi {grade}", self.person(*employee))
            }
            OrgChange::Leave { employee, reason } => {
                format!("{} — {}", self.person(*employee), reason.label())
            }
            OrgChange::NameActing {
                position,
                employee,
                acting,
            } => format!(
                "{} {}: {}",
                acting.label(),
                self.post(*position),
                self.person(*employee)
            ),
            OrgChange::EndActing { position } => self.post(*position),
            OrgChange::AddUnit { unit } => format!(
                "{} [{}]{}",
                unit.name,
                unit.code,
                unit.parent
                    .map(|p| format!(" di bawah {}", self.unit(p)))
                    .unwrap_or_default()
            ),
            OrgChange::RenameUnit { unit, name } => {
                format!("{} menjadi \"{name}\"", self.unit(*unit))
            }
            OrgChange::MoveUnit { unit, parent } => {
                format!("{} ke bawah {}", self.unit(*unit), self.unit(*parent))
            }
            OrgChange::MergeUnit { unit, into } => {
                format!("{} ke dalam {}", self.unit(*unit), self.unit(*into))
            }
            OrgChange::CloseUnit { unit } => self.unit(*unit),
            OrgChange::AddPosition { position } => format!(
                "{} [{}] pada {}, {}{}",
                position.name,
                position.code,
                self.unit(position.unit),
                position.class.label(),
                if position.is_head {
                    ", kepala unit"
                } else {
                    ""
                }
            ),
            OrgChange::ChangePosition {
                position,
                name,
                class,
                functional_level,
            } => format!(
                "{} menjadi \"{name}\", {}{}",
                self.post(*position),
                class.label(),
                functional_level
                    .map(|l| format!(" {}", l.label()))
                    .unwrap_or_default()
            ),
            OrgChange::ClosePosition { position } => self.post(*position),
        }
    }
}
