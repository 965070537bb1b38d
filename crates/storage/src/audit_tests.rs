//! The audit log is written in the transaction of the change it records: a committed change
//! has its row, a rolled-back one leaves none.
#![allow(clippy::unwrap_used)]

use sea_orm::{EntityTrait, QueryOrder};
use sikerja_domain::bundle::{
    AgencyBundle, AgencyRecord, DepartmentRecord, EmployeeRecord, PositionRecord, UnitRecord,
};
use sikerja_domain::education::Education;
use sikerja_domain::org::{AgencyKind, DepartmentKind, EmploymentType, PositionClass, UnitKind};
use sikerja_domain::organisation::AgencyPolicy;
use sikerja_domain::{Grade, Nip};

use crate::entities::audit_log;
use crate::testing::fresh_store;

pub(crate) fn bundle(code: &str, nip: &str) -> AgencyBundle {
    AgencyBundle {
        regional_heads: Vec::new(),
        experience_fields: Vec::new(),
        agency: AgencyRecord {
            code: code.into(),
            name: code.into(),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: String::new(),
            policy: AgencyPolicy::default(),
        },
        departments: vec![DepartmentRecord {
            code: "setda".into(),
            name: "Sekretariat Daerah".into(),
            kind: DepartmentKind::RegionalSecretariat,
        }],
        units: vec![UnitRecord {
            code: "setda".into(),
            department_code: "setda".into(),
            parent_code: None,
            name: "Sekretariat Daerah".into(),
            kind: UnitKind::Department,
            is_org_unit: true,
        }],
        positions: vec![PositionRecord {
            code: "sekda".into(),
            unit_code: "setda".into(),
            name: "Sekretaris Daerah".into(),
            class: PositionClass::Jpt,
            is_head: true,
            functional_level: None,
            substance: None,
        }],
        employees: vec![EmployeeRecord {
            nip: Nip::parse(nip).unwrap(),
            name: "Siti".into(),
            front_title: String::new(),
            back_title: String::new(),
            employment_type: EmploymentType::Pns,
            grade: Grade::parse("IV/c", false).unwrap(),
            education: Education::S2,
            position_code: Some("sekda".into()),
            acting_position_code: None,
            acting_kind: None,
            from_equalization: false,
            ratings: vec![],
            experience: vec![],
        }],
    }
}

#[tokio::test]
async fn every_committed_change_has_its_audit_row_and_a_rolled_back_one_has_none() {
    let store = fresh_store().await;
    let nip = "198701112009041001";
    let a = store
        .import_agency(&bundle("kab-a", nip), "operator")
        .await
        .unwrap();
    // Same NIP in another agency: refused after the agency row was written, so rolled back.
    assert!(
        store
            .import_agency(&bundle("kab-b", nip), "operator")
            .await
            .is_err()
    );
    let policy = AgencyPolicy {
        span_of_control_threshold: 9,
        ..AgencyPolicy::default()
    };
    store
        .set_agency_policy(a.agency, policy, "admin")
        .await
        .unwrap();

    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&store.db)
        .await
        .unwrap();
    let actions: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.action.as_str(), r.actor.as_str()))
        .collect();
    assert_eq!(
        actions,
        [("agency.import", "operator"), ("agency.policy", "admin")]
    );
    let summary: serde_json::Value = serde_json::from_str(&rows[1].summary).unwrap();
    assert_eq!(summary["after"]["span_of_control_threshold"], 9);
    assert_eq!(rows[0].entity_id, a.agency.to_string());
}
