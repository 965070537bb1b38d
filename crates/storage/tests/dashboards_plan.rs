//! Conformance: the planning (`perencanaan`) and performance (`kinerja`) dashboards' aggregates
//! (issue 18) on whichever backend `SIKERJA_TEST_DATABASE_URL` selects, on the workflow world
//! (Dinkes with Bappeda and the Setda) with known answers for the agency, a department and a
//! unit with its subtree.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::workflow::World;
use sikerja_domain::Nip;
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::organisation::{DepartmentId, UnitId};
use sikerja_domain::performance::{
    AssessmentRating, BehaviourRating, CoreValue, ExpectationLevel, PerformanceRating, PeriodKind,
    ValueRating,
};
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{CheckedTarget, IndicatorKind};
use sikerja_storage::dashboards::{DepartmentAgreements, PerformanceDashboard, PlanningDashboard};
use sikerja_storage::performance::PeriodRef;

async fn unit(w: &World, code: &str) -> UnitId {
    let org = w.store.load_organisation(w.agency).await.unwrap();
    org.units.iter().find(|u| u.code == code).expect(code).id
}

async fn department(w: &World, code: &str) -> DepartmentId {
    let org = w.store.load_organisation(w.agency).await.unwrap();
    org.departments
        .iter()
        .find(|d| d.code == code)
        .expect(code)
        .id
}

fn within_department(w: &World, d: DepartmentId) -> DashboardScope {
    DashboardScope::Within {
        agency: w.agency,
        departments: vec![d],
        units: vec![],
    }
}

fn within_unit(w: &World, u: UnitId) -> DashboardScope {
    DashboardScope::Within {
        agency: w.agency,
        departments: vec![],
        units: vec![u],
    }
}

fn target(indicator: &str) -> CheckedTarget {
    CheckedTarget {
        indicator: indicator.into(),
        kind: IndicatorKind::Quantitative,
        target: "10".into(),
        target_number: Some(10.0),
        unit: "dokumen".into(),
        budget: 0,
        strategic_plan_ref: "Renstra 2025–2029 Sasaran 1".into(),
        annual_work_plan_ref: "Renja 2026 Program 1.02".into(),
        weight: 1,
    }
}

/// `nip`'s own 2026 agreement on post `code` with `targets` top targets, signed by `signers`.
async fn agreement(w: &World, code: &str, nip: &Nip, targets: &[&str], signers: &[&Nip]) {
    let org = w.store.load_organisation(w.agency).await.unwrap();
    let post = Post {
        position: org.positions.iter().find(|p| p.code == code).unwrap().id,
        employee: Some(w.id(nip).await),
    };
    let me = w.actor(nip).await;
    let id = w
        .store
        .create_agreement(w.agency, post, 2026, &me)
        .await
        .unwrap();
    for t in targets {
        w.store.add_target(id, &target(t), None, &me).await.unwrap();
    }
    for s in signers {
        w.store.sign_agreement(id, &w.actor(s).await).await.unwrap();
    }
}

fn agreements(d: &PlanningDashboard) -> Vec<(&str, u32, u32, u32, u32)> {
    d.agreements
        .iter()
        .map(|r: &DepartmentAgreements| {
            (
                r.name.as_str(),
                r.countersigned,
                r.signed_once,
                r.unsigned,
                r.missing,
            )
        })
        .collect()
}

#[tokio::test]
async fn str_01_05_planning_dashboard_counts_agreements_by_signature_and_targets_per_department() {
    let w = World::new().await;
    // The Kepala Bidang's agreement signed by both parties (the Kepala Dinas sets it,
    // STR-02), the Kepala Seksi's by the holder only, the Kepala Dinas' a draft.
    agreement(
        &w,
        "kabid-yankes",
        &w.d.kabid,
        &["Rujukan tepat waktu"],
        &[&w.d.kabid, &w.d.kadis],
    )
    .await;
    agreement(
        &w,
        "kasi-rujukan",
        &w.d.kasi,
        &["Berkas rujukan", "Kunjungan"],
        &[&w.d.kasi],
    )
    .await;
    agreement(&w, "kadis", &w.d.kadis, &["Layanan kesehatan"], &[]).await;

    let all = w
        .store
        .planning_dashboard(&DashboardScope::Agency { agency: w.agency }, 2026)
        .await
        .unwrap();
    // Dinkes: nine post holders, three with an agreement; Bappeda two, the Setda one, none.
    let mut rows = agreements(&all);
    rows.sort();
    assert_eq!(
        rows,
        vec![
            ("Badan Perencanaan Pembangunan Daerah", 0, 0, 0, 2),
            ("Dinas Kesehatan", 1, 1, 1, 6),
            ("Sekretariat Daerah", 0, 0, 0, 1),
        ]
    );
    // Realisation: the four leaf targets, none realised by an accepted result yet.
    assert_eq!(all.realisation.len(), 1);
    let r = &all.realisation[0];
    assert_eq!(
        (
            r.name.as_str(),
            r.targets,
            r.realised,
            r.partly,
            r.unrealised
        ),
        ("Dinas Kesehatan", 4, 0, 0, 4)
    );
    assert_eq!(r.mean_percent, 0.0);

    let dinkes = department(&w, "dinkes").await;
    let by_dept = w
        .store
        .planning_dashboard(&within_department(&w, dinkes), 2026)
        .await
        .unwrap();
    assert_eq!(agreements(&by_dept), vec![("Dinas Kesehatan", 1, 1, 1, 6)]);
    assert_eq!(by_dept.realisation[0].targets, 4);

    // A Kepala Bidang: the Bidang and its Seksi (kabid, kasi, two JF, the Pelaksana), not
    // the Kepala Dinas' agreement at the root.
    let yankes = unit(&w, "dinkes-yankes").await;
    let by_unit = w
        .store
        .planning_dashboard(&within_unit(&w, yankes), 2026)
        .await
        .unwrap();
    assert_eq!(agreements(&by_unit), vec![("Dinas Kesehatan", 1, 1, 0, 3)]);
    assert_eq!(by_unit.realisation[0].targets, 3);

    // Another year: nobody has an agreement.
    let next = w
        .store
        .planning_dashboard(&within_unit(&w, yankes), 2027)
        .await
        .unwrap();
    assert_eq!(agreements(&next), vec![("Dinas Kesehatan", 0, 0, 0, 5)]);
    assert!(next.realisation.is_empty());
}

fn meets() -> AssessmentRating {
    AssessmentRating {
        results_level: ExpectationLevel::Meets,
        work_behaviour: BehaviourRating {
            behaviour_level: ExpectationLevel::Meets,
            values: CoreValue::ALL
                .iter()
                .map(|v| ValueRating {
                    core_value: *v,
                    level: ExpectationLevel::Meets,
                    evidence: String::new(),
                })
                .collect(),
        },
    }
}

fn q2() -> PeriodRef {
    PeriodRef {
        year: 2026,
        kind: PeriodKind::Quarter,
        number: 2,
    }
}

/// Opens `nip`'s Q2 assessment by the assessor their placement names; finalised as Baik
/// (Meets, Meets) when `finalise`.
async fn assess(w: &World, nip: &Nip, finalise: bool) {
    let p = w
        .store
        .placement_of(w.id(nip).await)
        .await
        .unwrap()
        .unwrap();
    let assessor = w.actor(&p.assessor.unwrap().person.nip).await;
    let id = w
        .store
        .open_assessment(w.id(nip).await, q2(), &assessor)
        .await
        .unwrap();
    if finalise {
        w.store
            .save_rating(id, &meets(), "Pertahankan.", &assessor)
            .await
            .unwrap();
        w.store.finalise_assessment(id, &assessor).await.unwrap();
    }
}

fn progress(d: &PerformanceDashboard) -> Vec<(&str, u32, u32, u32, u32, u32)> {
    d.departments
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.employees,
                r.not_opened,
                r.draft,
                r.finalised,
                r.acknowledged,
            )
        })
        .collect()
}

#[tokio::test]
async fn kin_02_performance_dashboard_counts_assessments_and_predikat_within_the_scope() {
    let w = World::new().await;
    assess(&w, &w.d.pelaksana, true).await;
    assess(&w, &w.d.ahli_pertama, false).await;

    let agency = DashboardScope::Agency { agency: w.agency };
    let all = w.store.performance_dashboard(&agency, q2()).await.unwrap();
    // The same numbers as the assessment pages' progress (`assessment_progress`).
    let pages = w.store.assessment_progress(w.agency, q2()).await.unwrap();
    assert_eq!(all.departments.len(), pages.len());
    for (d, p) in all.departments.iter().zip(&pages) {
        assert_eq!(d.name, p.name);
        assert_eq!(
            (d.employees, d.not_opened, d.draft, d.done(), d.acknowledged),
            (
                p.employees,
                p.not_opened,
                p.draft,
                p.finalised,
                p.acknowledged
            )
        );
    }
    let dinkes_row = all
        .departments
        .iter()
        .find(|d| d.name == "Dinas Kesehatan")
        .unwrap();
    assert_eq!(
        (
            dinkes_row.employees,
            dinkes_row.not_opened,
            dinkes_row.draft,
            dinkes_row.finalised
        ),
        (5, 3, 1, 1)
    );
    assert_eq!(
        all.distribution.counts.rated.get(&PerformanceRating::Baik),
        Some(&1)
    );
    assert_eq!(all.distribution.counts.employees, 6);
    // A periodic period: the curve is not applied (KIN-02 caps the annual predikat).
    assert!(all.distribution.excesses.is_empty());

    // The Kepala Bidang's subtree: the two JF and the Pelaksana placed there.
    let yankes = unit(&w, "dinkes-yankes").await;
    let by_unit = w
        .store
        .performance_dashboard(&within_unit(&w, yankes), q2())
        .await
        .unwrap();
    assert_eq!(progress(&by_unit), vec![("Dinas Kesehatan", 3, 1, 1, 1, 0)]);
    assert_eq!(by_unit.distribution.counts.employees, 3);
    assert_eq!(by_unit.distribution.counts.rated_total(), 1);

    // Bappeda: its one JF, nothing opened, nothing rated.
    let bappeda = department(&w, "bappeda").await;
    let by_dept = w
        .store
        .performance_dashboard(&within_department(&w, bappeda), q2())
        .await
        .unwrap();
    assert_eq!(
        progress(&by_dept),
        vec![("Badan Perencanaan Pembangunan Daerah", 1, 1, 0, 0, 0)]
    );
    assert_eq!(by_dept.distribution.counts.rated_total(), 0);
}
