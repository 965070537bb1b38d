//! Conformance: the fields of experience in the agency import (issue 14 point 6) on whichever
//! backend `SIKERJA_TEST_DATABASE_URL` selects — a file's list replaces the agency's, the
//! experience is stored under the field's name (a synonym counts, PEN-08 huruf d), the export
//! writes the list back, and an experience naming no field refuses the import with nothing
//! saved.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use sikerja_domain::experience_fields::ExperienceField;
use sikerja_storage::testing::fresh_store;

fn field(code: &str, name: &str, synonyms: &[&str]) -> ExperienceField {
    ExperienceField {
        code: code.into(),
        name: name.into(),
        synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
    }
}

#[tokio::test]
async fn pen_08_the_list_of_the_file_replaces_the_agencys_and_is_exported_back() {
    let store = fresh_store().await;
    let mut bundle = common::dinkes("kab-bidang").builder.build();
    let agency = store.import_agency(&bundle, "tester").await.unwrap().agency;
    // First import without a list: one field per distinct text, exported back.
    let seeded = store.export_agency(agency).await.unwrap().experience_fields;
    assert_eq!(
        seeded.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["Kesehatan"]
    );
    // The file's own list, the experience written with a synonym.
    bundle.experience_fields = vec![
        field(
            "kesehatan",
            "Kesehatan Masyarakat",
            &["Kesehatan", "Kesmas"],
        ),
        field("perencanaan", "Perencanaan", &[]),
    ];
    bundle.employees[0].experience[0].field = "  KESMAS ".into();
    store.import_agency(&bundle, "tester").await.unwrap();
    let exported = store.export_agency(agency).await.unwrap();
    assert_eq!(
        exported.experience_fields,
        vec![
            field(
                "kesehatan",
                "Kesehatan Masyarakat",
                &["Kesehatan", "Kesmas"]
            ),
            field("perencanaan", "Perencanaan", &[]),
        ]
    );
    assert!(exported.employees.iter().all(|e| {
        e.experience
            .iter()
            .all(|x| x.field == "Kesehatan Masyarakat")
    }));
    // An experience naming no field of the list: refused, nothing saved.
    let mut bad = exported.clone();
    bad.employees[1].experience[0].field = "Perikanan".into();
    bad.departments[0].name = "Diubah".into();
    let e = store.import_agency(&bad, "tester").await.unwrap_err();
    assert_eq!(e.code(), "experience_field_unknown");
    assert!(e.to_string().contains("Perikanan"), "{e}");
    assert_eq!(store.export_agency(agency).await.unwrap(), exported);
}
