//! Organisation changes and their impact in words (issue 14 point 2): what a change does, who
//! it moves, and which held work moves to a new holder or is flagged — each with the rule it
//! follows. Names come from the organisation the change is read against; a row the change
//! creates is named from the change itself.

use sikerja_domain::changes::{
    DatedChange, HeldItemKind, Holder, HolderShift, Impact, OrgChange, PlacementSide, ShiftKind,
};
use sikerja_domain::holders::Exercise;
use sikerja_domain::organisation::{Employee, EmployeeId, Organisation, PositionId, UnitId};
use sikerja_domain::placement::Official;

/// Looks names up in an organisation.
pub struct Names<'a>(pub &'a Organisation);

/// The datalist value of an employee: the NIP first (the form reads it back), then the name.
pub fn employee_choice(e: &Employee) -> String {
    format!("{} — {}", e.nip.as_str(), e.display_name())
}

impl Names<'_> {
    pub fn employee(&self, id: EmployeeId) -> String {
        match self.0.employees.iter().find(|e| e.id == id) {
            Some(e) => format!("{} (NIP {})", e.display_name(), e.nip.as_str()),
            None if id.0 < 0 => "pegawai baru".into(),
            None => format!("pegawai #{}", id.0),
        }
    }

    pub fn position(&self, id: PositionId) -> String {
        match self.0.positions.iter().find(|p| p.id == id) {
            Some(p) => format!("{} — {}", p.name, self.unit(p.unit)),
            None if id.0 < 0 => "jabatan baru".into(),
            None => format!("jabatan #{}", id.0),
        }
    }

    /// The unit's path from its department's top unit: "Dinas › Bidang › Seksi".
    pub fn unit(&self, id: UnitId) -> String {
        let mut path = Vec::new();
        let mut next = Some(id);
        while let Some(u) = next.and_then(|i| self.0.units.iter().find(|u| u.id == i)) {
            path.push(u.name.as_str());
            next = u.parent;
            if path.len() > 32 {
                break;
            }
        }
        if path.is_empty() {
            return if id.0 < 0 {
                "unit baru".into()
            } else {
                format!("unit #{}", id.0)
            };
        }
        path.reverse();
        path.join(" › ")
    }

    /// The agency's units as select choices, by tree path.
    pub fn unit_choices(&self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = self
            .0
            .units
            .iter()
            .map(|u| (u.id.0.to_string(), self.unit(u.id)))
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    }

    /// Who exercises a position now, for its choice: the holder, else the Plt./Plh., else
    /// "lowong".
    fn holder_label(&self, id: PositionId) -> String {
        let holder = self
            .0
            .employees
            .iter()
            .filter(|e| e.position == Some(id))
            .map(|e| e.display_name())
            .next();
        let acting = self
            .0
            .positions
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.acting)
            .map(|a| {
                let name = self
                    .0
                    .employees
                    .iter()
                    .find(|e| e.id == a.employee)
                    .map_or_else(|| format!("#{}", a.employee.0), Employee::display_name);
                format!("{} {name}", a.kind.label())
            });
        match (holder, acting) {
            (Some(h), _) => h,
            (None, Some(a)) => format!("lowong, {a}"),
            (None, None) => "lowong".into(),
        }
    }

    /// The agency's positions as select choices: name, unit path, holder or vacant.
    pub fn position_choices(&self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = self
            .0
            .positions
            .iter()
            .map(|p| {
                (
                    p.id.0.to_string(),
                    format!(
                        "{} — {} ({})",
                        p.name,
                        self.unit(p.unit),
                        self.holder_label(p.id)
                    ),
                )
            })
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    }

    fn official(&self, o: &Official) -> String {
        let who = self.employee_name(o.employee);
        let post = self
            .0
            .positions
            .iter()
            .find(|p| p.id == o.position)
            .map_or_else(|| format!("jabatan #{}", o.position.0), |p| p.name.clone());
        match o.acting {
            Some(k) => format!("{} {post} ({who})", k.label()),
            None => format!("{post} ({who})"),
        }
    }

    fn employee_name(&self, id: EmployeeId) -> String {
        self.0
            .employees
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| self.employee(id), Employee::display_name)
    }

    fn holder(&self, h: &Holder) -> String {
        let name = self.employee_name(h.employee);
        match h.exercise {
            Exercise::Definitive => name,
            Exercise::Acting(k) => format!("{name} ({})", k.label()),
        }
    }
}

/// One change in words.
pub fn change_in_words(c: &OrgChange, n: &Names) -> String {
    match c {
        OrgChange::Hire { employee: e } => {
            let post = e
                .position
                .map(|p| format!(", menduduki {}", n.position(p)))
                .unwrap_or_default();
            format!(
                "{} (NIP {}) masuk sebagai pegawai baru ({}, golongan {}){post}.",
                e.display_name(),
                e.nip.as_str(),
                e.employment_type.label(),
                e.grade
            )
        }
        OrgChange::Appoint { employee, position } => format!(
            "{} diangkat dalam jabatan {}; jabatan lamanya menjadi lowong.",
            n.employee(*employee),
            n.position(*position)
        ),
        OrgChange::Vacate { employee } => {
            format!("{} dibebaskan dari jabatannya.", n.employee(*employee))
        }
        OrgChange::SetGrade { employee, grade } => format!(
            "{} naik pangkat/golongan menjadi {grade}.",
            n.employee(*employee)
        ),
        OrgChange::Leave { employee, reason } => format!(
            "{} berhenti ({}); setiap Plt./Plh. yang dipegangnya berakhir.",
            n.employee(*employee),
            reason.label()
        ),
        OrgChange::NameActing {
            position,
            employee,
            acting,
        } => format!(
            "{} ditunjuk sebagai {} {}.",
            n.employee(*employee),
            acting.label(),
            n.position(*position)
        ),
        OrgChange::EndActing { position } => {
            format!("Plt./Plh. {} berakhir.", n.position(*position))
        }
        OrgChange::AddUnit { unit } => format!(
            "Unit {} ({}, kode {}) dibentuk di bawah {}.",
            unit.name,
            unit.kind.label(),
            unit.code,
            unit.parent.map_or_else(|| "—".into(), |p| n.unit(p))
        ),
        OrgChange::RenameUnit { unit, name } => {
            format!("Unit {} berganti nama menjadi {name}.", n.unit(*unit))
        }
        OrgChange::MoveUnit { unit, parent } => format!(
            "Unit {} dipindahkan ke bawah {}.",
            n.unit(*unit),
            n.unit(*parent)
        ),
        OrgChange::MergeUnit { unit, into } => format!(
            "Unit {} digabungkan ke {}: sub-unit dan jabatannya pindah, jabatan kepalanya dihapus.",
            n.unit(*unit),
            n.unit(*into)
        ),
        OrgChange::CloseUnit { unit } => format!("Unit {} dihapus.", n.unit(*unit)),
        OrgChange::AddPosition { position: p } => format!(
            "Jabatan {} ({}{}, kode {}) dibentuk di {}{}.",
            p.name,
            p.class.label(),
            p.functional_level
                .map(|l| format!(" {}", l.label()))
                .unwrap_or_default(),
            p.code,
            n.unit(p.unit),
            if p.is_head {
                " sebagai kepala unit"
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
            "Jabatan {} diubah menjadi {name} ({}{}).",
            n.position(*position),
            class.label(),
            functional_level
                .map(|l| format!(" {}", l.label()))
                .unwrap_or_default()
        ),
        OrgChange::ClosePosition { position } => {
            format!("Jabatan {} dihapus.", n.position(*position))
        }
    }
}

/// A dated change in words: what, from when, on which basis.
pub fn dated_in_words(d: &DatedChange, n: &Names) -> String {
    format!(
        "{} Berlaku {}. Dasar: keputusan nomor {} tanggal {}.",
        change_in_words(&d.change, n),
        d.effective.label(),
        d.basis.number.trim(),
        d.basis.date.label()
    )
}

/// One line of the impact: the text, the rule it follows (its catalogue id) and whether it
/// needs attention (work left without a holder).
pub struct Line {
    pub text: String,
    pub rule: &'static str,
    pub flagged: bool,
}

fn side(s: &PlacementSide, n: &Names) -> String {
    match s {
        PlacementSide::Placed {
            superior,
            assessor,
            coordinator,
        } => {
            let mut t = format!(
                "atasan {}, PPK {}",
                n.official(superior),
                n.official(assessor)
            );
            if let Some(c) = coordinator {
                t.push_str(&format!(", koordinator {}", n.official(c)));
            }
            t
        }
        PlacementSide::Unresolved { reason } => format!("belum terselesaikan ({reason})"),
        PlacementSide::Absent => "tidak ditempatkan".into(),
    }
}

/// The placements that shift, each with its rule.
pub fn placement_lines(impact: &Impact, n: &Names) -> Vec<Line> {
    impact
        .placements
        .iter()
        .map(|s| {
            let who = n.employee_name(s.employee);
            let what: Vec<&str> = s.what.iter().map(|k| k.label()).collect();
            let rule = if s.what.contains(&ShiftKind::BecomesUnresolved)
                || s.what.contains(&ShiftKind::Settled)
            {
                "KED-09"
            } else if s.what.contains(&ShiftKind::Assessor) {
                "KED-11"
            } else if s.what == [ShiftKind::Coordinator] {
                "STR-07"
            } else {
                "KED-01"
            };
            Line {
                text: format!(
                    "{who}: {} — sebelum: {}; sesudah: {}.",
                    what.join(", "),
                    side(&s.before, n),
                    side(&s.after, n)
                ),
                rule,
                flagged: s.what.contains(&ShiftKind::BecomesUnresolved),
            }
        })
        .collect()
}

/// The kind of a held item with the rule that makes its holder a position.
fn item_kind(k: HeldItemKind) -> (&'static str, &'static str) {
    let rule = match k {
        HeldItemKind::WorkflowStep => "PEN-18",
        HeldItemKind::ResultReview => "MEK-05",
        HeldItemKind::ProblemDecision => "LAP-05",
        HeldItemKind::AssignmentOwner => "PEN-10",
        HeldItemKind::Assessment => "KIN-04",
    };
    (k.label(), rule)
}

/// The held work that moves to a new holder or is flagged, each with its rule.
pub fn holding_lines(impact: &Impact, n: &Names) -> Vec<Line> {
    impact
        .holdings
        .iter()
        .map(|h| {
            let (item, before) = match h {
                HolderShift::MovesTo { item, before, .. }
                | HolderShift::Vacant { item, before }
                | HolderShift::PositionClosed { item, before } => (item, before),
            };
            let (kind, rule) = item_kind(item.kind);
            let was = before
                .as_ref()
                .map_or_else(|| "lowong".into(), |b| n.holder(b));
            let post =
                n.0.positions
                    .iter()
                    .find(|p| p.id == item.position)
                    .map_or_else(|| n.position(item.position), |p| p.name.clone());
            let (what, flagged) = match h {
                HolderShift::MovesTo { after, .. } => (
                    format!("pindah kepada {} (hak mengikuti jabatan)", n.holder(after)),
                    false,
                ),
                HolderShift::Vacant { .. } => (
                    "jabatan menjadi lowong: tunjuk Plt./Plh.; sementara itu berlaku eskalasi alur"
                        .to_string(),
                    true,
                ),
                HolderShift::PositionClosed { .. } => (
                    "jabatan dihapus: harus dialihkan secara manual".to_string(),
                    true,
                ),
            };
            Line {
                text: format!(
                    "{kind} — {} (jabatan {post}, sebelumnya {was}): {what}.",
                    item.label
                ),
                rule,
                flagged,
            }
        })
        .collect()
}
