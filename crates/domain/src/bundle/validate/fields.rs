//! Checks of the fields of experience in a bundle (issue 14 point 6): the list as the HR
//! admin's page checks it (`experience_fields::validate`), and, when the file gives a list,
//! every experience of an employee naming one of its fields by code, name or synonym.

use super::{Entity, Report};
use crate::bundle::AgencyBundle;
use crate::experience_fields::{find_field, validate};

impl AgencyBundle {
    pub(super) fn check_experience_fields(&self, r: &mut Report) {
        if self.experience_fields.is_empty() {
            return;
        }
        if let Err(problems) = validate(&self.experience_fields) {
            for p in problems {
                let field = match p.code {
                    "experience_field_code_invalid" | "experience_field_code_duplicate" => "code",
                    "experience_field_name_blank" => "name",
                    _ => "synonyms",
                };
                r.add(Entity::ExperienceField, p.index, field, p.code, p.message);
            }
        }
        for (i, e) in self.employees.iter().enumerate() {
            for (k, x) in e.experience.iter().enumerate() {
                if x.field.trim().is_empty()
                    || find_field(&self.experience_fields, &x.field).is_some()
                {
                    continue;
                }
                r.item(
                    i,
                    k,
                    "experience",
                    "experience_field_unknown",
                    format!(
                        "bidang \"{}\" tidak ada dalam daftar bidang tugas (kode, nama atau sinonim)",
                        x.field.trim()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::bundle::validate::Entity;
    use crate::experience_fields::ExperienceField;

    fn field(code: &str, name: &str, synonyms: &[&str]) -> ExperienceField {
        ExperienceField {
            code: code.into(),
            name: name.into(),
            synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn pen_08_experience_names_a_field_of_the_list_or_a_synonym_and_the_list_is_checked() {
        let mut b = crate::bundle::tests::valid();
        b.experience_fields = vec![field("kesehatan", "Kesehatan", &["Pelayanan Kesehatan"])];
        b.employees[0].experience[0].field = "  pelayanan   KESEHATAN ".into();
        assert_eq!(b.validate(), Ok(()));
        b.employees[1].experience[0].field = "Perikanan".into();
        b.experience_fields
            .push(field("ke sehatan", "Bidang Lain", &["Kesehatan"]));
        let found: Vec<_> = b
            .validate()
            .expect_err("refused")
            .into_iter()
            .map(|p| (p.entity, p.index, p.item, p.field, p.code))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    Entity::ExperienceField,
                    1,
                    None,
                    "code",
                    "experience_field_code_invalid"
                ),
                (
                    Entity::ExperienceField,
                    1,
                    None,
                    "synonyms",
                    "experience_field_text_duplicate"
                ),
                (
                    Entity::Employee,
                    1,
                    Some(0),
                    "experience",
                    "experience_field_unknown"
                ),
            ]
        );
    }
}
