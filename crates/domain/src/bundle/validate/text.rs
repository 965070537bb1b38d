//! The text of a bundle (issue 12 point 5): no control characters and no text longer than
//! its field's limit ([`crate::limits`]), whichever way the bundle came (JSON, XLSX, the CLI).
//! Each problem names its record and field; the value is never repeated.

use super::{Entity, Report};
use crate::bundle::AgencyBundle;
use crate::limits::check_text;

impl Report {
    fn text(&mut self, entity: Entity, index: usize, field: &'static str, value: &str) {
        if let Err(p) = check_text(field, value) {
            self.add(entity, index, field, p.code(), p.message(field));
        }
    }
}

impl AgencyBundle {
    /// Reports every text of the bundle with a control character or over its limit.
    pub(super) fn check_text(&self, r: &mut Report) {
        let a = &self.agency;
        for (field, value) in [
            ("code", &a.code),
            ("name", &a.name),
            ("seat", &a.seat),
            ("address", &a.address),
        ] {
            r.text(Entity::Agency, 0, field, value);
        }
        for (i, d) in self.departments.iter().enumerate() {
            r.text(Entity::Department, i, "code", &d.code);
            r.text(Entity::Department, i, "name", &d.name);
        }
        for (i, u) in self.units.iter().enumerate() {
            r.text(Entity::Unit, i, "code", &u.code);
            r.text(Entity::Unit, i, "department_code", &u.department_code);
            r.text(Entity::Unit, i, "name", &u.name);
            if let Some(p) = &u.parent_code {
                r.text(Entity::Unit, i, "parent_code", p);
            }
        }
        for (i, p) in self.positions.iter().enumerate() {
            r.text(Entity::Position, i, "code", &p.code);
            r.text(Entity::Position, i, "unit_code", &p.unit_code);
            r.text(Entity::Position, i, "name", &p.name);
        }
        for (i, e) in self.employees.iter().enumerate() {
            r.text(Entity::Employee, i, "name", &e.name);
            r.text(Entity::Employee, i, "front_title", &e.front_title);
            r.text(Entity::Employee, i, "back_title", &e.back_title);
            for (field, value) in [
                ("position_code", &e.position_code),
                ("acting_position_code", &e.acting_position_code),
            ] {
                if let Some(v) = value {
                    r.text(Entity::Employee, i, field, v);
                }
            }
            for (j, x) in e.experience.iter().enumerate() {
                if let Err(p) = check_text("field", &x.field) {
                    r.item(i, j, "experience", p.code(), p.message("experience.field"));
                }
            }
        }
        for (i, h) in self.regional_heads.iter().enumerate() {
            r.text(Entity::RegionalHead, i, "name", &h.name);
            r.text(Entity::RegionalHead, i, "title", &h.title);
            r.text(Entity::RegionalHead, i, "username", &h.username);
            for (field, value) in [
                ("basis_number", &h.basis_number),
                ("end_basis_number", &h.end_basis_number),
            ] {
                if let Some(v) = value {
                    r.text(Entity::RegionalHead, i, field, v);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::bundle::validate::Entity;

    #[test]
    fn a_control_character_or_an_overlong_name_in_a_bundle_is_a_problem_of_its_field() {
        let mut b = crate::bundle::tests::valid();
        b.agency.name = "Kabupaten\u{0}Banjar".into();
        b.departments[0].name = "x".repeat(300);
        let problems = b.validate().expect_err("refused");
        assert!(problems.iter().any(|p| p.entity == Entity::Agency
            && p.field == "name"
            && p.code == "control_character"));
        let long = problems
            .iter()
            .find(|p| p.code == "text_too_long")
            .expect("too long");
        assert_eq!((long.entity, long.field), (Entity::Department, "name"));
        assert!(long.message.len() < 200, "{}", long.message);
    }
}
