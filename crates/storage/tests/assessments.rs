//! Conformance: the assessment of JF and Pelaksana (issue 16; KIN-01..04, STR-06, KED-09) on
//! whichever backend `SIKERJA_TEST_DATABASE_URL` selects: opened by the assessor the placement
//! names, fixed at opening, rated and finalised once, locked, objected to once and decided by
//! the assessor's superior, reopened with the earlier rating kept, capped by the curve, the
//! team leads' member reports, the readers, and the e-Kinerja rows.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::workflow::World;
use sikerja_domain::Nip;
use sikerja_domain::access::GrantedRole;
use sikerja_domain::performance::curve::ShareBound;
use sikerja_domain::performance::{
    AssessmentEventKind, AssessmentRating, AssessmentState, BehaviourRating, CoreValue, CurveMode,
    CurvePolicy, ExpectationLevel, FollowUp, FollowUpKind, OrganisationRating, PerformanceRating,
    PeriodKind, ValueRating,
};
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{CheckedTarget, IndicatorKind};
use sikerja_storage::performance::{PeriodRef, PlanningActor};
use sikerja_storage::{AuditActor, StorageError, WorkRef};

fn code<T: std::fmt::Debug>(r: Result<T, StorageError>) -> &'static str {
    r.unwrap_err().code()
}

fn q2() -> PeriodRef {
    PeriodRef {
        year: 2026,
        kind: PeriodKind::Quarter,
        number: 2,
    }
}

fn rating(results: ExpectationLevel, behaviour: ExpectationLevel) -> AssessmentRating {
    AssessmentRating {
        results_level: results,
        work_behaviour: BehaviourRating {
            behaviour_level: behaviour,
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

fn meets() -> AssessmentRating {
    rating(ExpectationLevel::Meets, ExpectationLevel::Meets)
}

/// Whoever exercises the PPK post of `nip`'s placement, as an actor.
async fn assessor_of(w: &World, nip: &Nip) -> (PlanningActor, Nip) {
    let p = w
        .store
        .placement_of(w.id(nip).await)
        .await
        .unwrap()
        .unwrap();
    let who = p.assessor.unwrap().person.nip;
    (w.actor(&who).await, who)
}

/// Whoever exercises the post above the assessor's post of `nip` (Kepala Seksi → Kepala
/// Bidang → Kepala Dinas → Bupati).
async fn superior_of_assessor(w: &World, nip: &Nip) -> PlanningActor {
    let (_, assessor) = assessor_of(w, nip).await;
    if assessor == w.d.kasi {
        w.actor(&w.d.kabid).await
    } else if assessor == w.d.kabid {
        w.actor(&w.d.kadis).await
    } else {
        w.bupati()
    }
}

async fn audited(w: &World, action: &str) -> usize {
    w.store
        .audit_entries(&sikerja_storage::AuditFilter {
            action: Some(action.into()),
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .len()
}

/// The Pelaksana's Q2 assessment opened and finalised as Baik by their assessor.
async fn finalised(w: &World) -> (i64, PlanningActor) {
    let (assessor, _) = assessor_of(w, &w.d.pelaksana).await;
    let employee = w.id(&w.d.pelaksana).await;
    let id = w
        .store
        .open_assessment(employee, q2(), &assessor)
        .await
        .unwrap();
    w.store
        .save_rating(id, &meets(), "Pertahankan.", &assessor)
        .await
        .unwrap();
    w.store.finalise_assessment(id, &assessor).await.unwrap();
    (id, assessor)
}

#[tokio::test]
async fn kin_01_the_periods_follow_the_agency_policy() {
    let w = World::new().await;
    let ps = w.store.assessment_periods(w.agency, 2026).await.unwrap();
    assert_eq!(ps.len(), 5, "four quarters and the year (default policy)");
    assert_eq!(PeriodRef::of(&ps[1]), q2());
    assert_eq!(PeriodRef::of(&ps[4]), PeriodRef::year(2026));
    let now = w.store.current_periods(w.agency).await.unwrap();
    assert_eq!(now.len(), 2);
    assert_eq!(now[1].kind, PeriodKind::Year);
}

#[tokio::test]
async fn kin_04_the_assessor_opens_rates_and_finalises_once_then_it_is_locked() {
    let w = World::new().await;
    let (assessor, _) = assessor_of(&w, &w.d.pelaksana).await;
    let employee = w.id(&w.d.pelaksana).await;
    // The employee and a stranger do not open it.
    let own = w.actor(&w.d.pelaksana).await;
    assert_eq!(
        code(w.store.open_assessment(employee, q2(), &own).await),
        "assessing_oneself"
    );
    let stranger = w.actor(&w.d.ahli_utama).await;
    assert_eq!(
        code(w.store.open_assessment(employee, q2(), &stranger).await),
        "not_the_assessor"
    );
    let id = w
        .store
        .open_assessment(employee, q2(), &assessor)
        .await
        .unwrap();
    // Opening again finds the same record.
    assert_eq!(
        w.store
            .open_assessment(employee, q2(), &assessor)
            .await
            .unwrap(),
        id
    );
    assert_eq!(audited(&w, "assessment.opened").await, 1);
    // Finalising an unrated draft is refused.
    assert_eq!(
        code(w.store.finalise_assessment(id, &assessor).await),
        "assessment_incomplete"
    );
    // A draft may lack a value; finalising it is refused with the value missing.
    let mut partial = meets();
    partial.work_behaviour.values.pop();
    w.store
        .save_rating(id, &partial, "", &assessor)
        .await
        .unwrap();
    assert_eq!(
        code(w.store.finalise_assessment(id, &assessor).await),
        "behaviour_value_missing"
    );
    // Only the assessor rates.
    assert_eq!(
        code(w.store.save_rating(id, &meets(), "", &stranger).await),
        "not_found"
    );
    assert_eq!(
        code(w.store.save_rating(id, &meets(), "", &own).await),
        "assessing_oneself"
    );
    w.store
        .save_rating(id, &meets(), "Pertahankan kinerja.", &assessor)
        .await
        .unwrap();
    let v = w.store.assessment(id, &assessor).await.unwrap();
    assert!(v.offers.rate && v.offers.finalise);
    assert_eq!(v.assessor_citation.rule_id.as_str().len(), 6);
    // Two finalisations at once: one succeeds.
    let (a, b) = tokio::join!(
        w.store.finalise_assessment(id, &assessor),
        w.store.finalise_assessment(id, &assessor)
    );
    let codes: Vec<&str> = [&a, &b]
        .iter()
        .filter_map(|r| r.as_ref().err().map(StorageError::code))
        .collect();
    assert_eq!(codes, vec!["assessment_locked"], "{a:?} {b:?}");
    assert_eq!(audited(&w, "assessment.finalised").await, 1);
    let v = w.store.assessment(id, &assessor).await.unwrap();
    assert_eq!(v.state, AssessmentState::Finalised);
    assert_eq!(v.performance_rating, Some(PerformanceRating::Baik));
    assert!(v.finalised.is_some());
    assert!(!v.offers.rate && !v.offers.finalise);
    // Locked: no change.
    assert_eq!(
        code(
            w.store
                .save_rating(
                    id,
                    &rating(ExpectationLevel::Above, ExpectationLevel::Above),
                    "",
                    &assessor
                )
                .await
        ),
        "assessment_locked"
    );
    // The employee sees it in their list and acknowledges it, once.
    let mine = w.store.my_assessments(&own).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, Some(id));
    assert!(mine[0].due.is_some());
    assert!(
        w.store
            .assessment(id, &own)
            .await
            .unwrap()
            .offers
            .acknowledge
    );
    w.store.acknowledge_assessment(id, &own).await.unwrap();
    assert_eq!(
        code(w.store.acknowledge_assessment(id, &own).await),
        "assessment_not_finalised"
    );
    // Follow-up by the assessor.
    let f = FollowUp {
        kinds: vec![FollowUpKind::Training],
        development_needs: "Pelatihan penyusunan laporan.".into(),
    };
    assert_eq!(
        code(w.store.record_follow_up(id, &f, &own).await),
        "not_the_assessor"
    );
    assert!(
        w.store
            .follow_ups(w.agency, q2(), None)
            .await
            .unwrap()
            .is_empty()
    );
    w.store.record_follow_up(id, &f, &assessor).await.unwrap();
    let v = w.store.assessment(id, &own).await.unwrap();
    assert_eq!(v.follow_up, Some(f));
    assert_eq!(v.state, AssessmentState::Acknowledged);
    // KIN-01: BKPSDM's list of the follow-ups decided in the period, per Perangkat Daerah.
    let list = w.store.follow_ups(w.agency, q2(), None).await.unwrap();
    assert_eq!(list.len(), 1);
    let line = &list[0];
    assert_eq!(
        (line.assessment, line.nip.as_str(), line.kind),
        (id, w.d.pelaksana.as_str(), Some(FollowUpKind::Training))
    );
    assert_eq!(line.performance_rating, Some(PerformanceRating::Baik));
    assert_eq!(line.development_needs, "Pelatihan penyusunan laporan.");
    assert!(line.recorded_at.is_some() && !line.recorded_by.is_empty());
    let department = line.department_id.unwrap();
    assert_eq!(
        w.store
            .follow_ups(w.agency, q2(), Some(department))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        w.store
            .follow_ups(w.agency, q2(), Some(department + 1000))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn kin_04_the_worklist_lists_the_employees_the_assessor_assesses() {
    let w = World::new().await;
    let (assessor, _) = assessor_of(&w, &w.d.pelaksana).await;
    let list = w.store.assessor_worklist(q2(), &assessor).await.unwrap();
    let pelaksana = w.id(&w.d.pelaksana).await;
    let line = list.iter().find(|r| r.employee == pelaksana).unwrap();
    assert_eq!(line.id, None, "not opened yet");
    assert!(line.due.is_some());
    let id = w
        .store
        .open_assessment(pelaksana, q2(), &assessor)
        .await
        .unwrap();
    let list = w.store.assessor_worklist(q2(), &assessor).await.unwrap();
    let lines: Vec<_> = list.iter().filter(|r| r.employee == pelaksana).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].id, Some(id));
    assert_eq!(lines[0].state, Some(AssessmentState::Draft));
}

#[tokio::test]
async fn kin_04_reopening_keeps_the_earlier_rating_and_is_the_superiors() {
    let w = World::new().await;
    let (id, assessor) = finalised(&w).await;
    let own = w.actor(&w.d.pelaksana).await;
    let superior = superior_of_assessor(&w, &w.d.pelaksana).await;
    assert_eq!(
        code(
            w.store
                .reopen_assessment(id, "Salah hitung", &assessor)
                .await
        ),
        "not_the_assessor_superior"
    );
    assert_eq!(
        code(w.store.reopen_assessment(id, "Salah hitung", &own).await),
        "own_assessment_decision"
    );
    assert_eq!(
        code(w.store.reopen_assessment(id, " ", &superior).await),
        "reopen_reason_blank"
    );
    w.store
        .reopen_assessment(id, "Realisasi triwulan belum lengkap", &superior)
        .await
        .unwrap();
    let v = w.store.assessment(id, &assessor).await.unwrap();
    assert_eq!(v.state, AssessmentState::Draft);
    assert_eq!(v.performance_rating, None);
    assert_eq!(v.events.len(), 1);
    assert_eq!(v.events[0].kind, AssessmentEventKind::Reopened);
    assert_eq!(
        v.events[0].earlier_performance_rating,
        Some(PerformanceRating::Baik)
    );
    assert_eq!(v.events[0].earlier_rating, Some(meets()));
    // A draft has nothing to reopen; the assessor rates again.
    assert_eq!(
        code(w.store.reopen_assessment(id, "lagi", &superior).await),
        "assessment_not_locked"
    );
    w.store
        .save_rating(
            id,
            &rating(ExpectationLevel::Above, ExpectationLevel::Above),
            "",
            &assessor,
        )
        .await
        .unwrap();
    w.store.finalise_assessment(id, &assessor).await.unwrap();
    let v = w.store.assessment(id, &superior).await.unwrap();
    assert_eq!(v.performance_rating, Some(PerformanceRating::SangatBaik));
    assert_eq!(audited(&w, "assessment.reopened").await, 1);
}

#[tokio::test]
async fn kin_02_one_objection_decided_by_the_assessors_superior() {
    let w = World::new().await;
    let (id, assessor) = finalised(&w).await;
    let own = w.actor(&w.d.pelaksana).await;
    let superior = superior_of_assessor(&w, &w.d.pelaksana).await;
    assert_eq!(
        code(w.store.object_to_assessment(id, " ", &own).await),
        "objection_reasons_blank"
    );
    assert_eq!(
        code(
            w.store
                .object_to_assessment(id, "Tidak sesuai", &assessor)
                .await
        ),
        "not_the_assessed_employee"
    );
    assert!(
        w.store
            .objections_to_decide(&superior)
            .await
            .unwrap()
            .is_empty()
    );
    w.store
        .object_to_assessment(id, "Capaian target melebihi rencana.", &own)
        .await
        .unwrap();
    // The pending objection reaches the assessor's superior, and nobody else.
    let due = w.store.objections_to_decide(&superior).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].id, due[0].nip.as_str(), due[0].period),
        (id, w.d.pelaksana.as_str(), q2())
    );
    assert!(!due[0].also_assessor);
    for other in [&assessor, &own, &w.actor(&w.d.ahli_utama).await] {
        assert!(
            w.store
                .objections_to_decide(other)
                .await
                .unwrap()
                .is_empty()
        );
    }
    let v = w.store.assessment(id, &superior).await.unwrap();
    assert_eq!(v.state, AssessmentState::Objected);
    assert!(v.offers.decide_objection);
    assert!(!v.offers.reopen, "decide the objection first");
    // The assessor does not decide; an unchanged rating is not upheld.
    assert_eq!(
        code(w.store.dismiss_objection(id, "Tetap", &assessor).await),
        "not_the_assessor_superior"
    );
    assert_eq!(
        code(
            w.store
                .uphold_objection(id, &meets(), "Dikabulkan", &superior)
                .await
        ),
        "objection_rating_unchanged"
    );
    let better = rating(ExpectationLevel::Above, ExpectationLevel::Above);
    w.store
        .uphold_objection(id, &better, "Capaian terbukti di atas target.", &superior)
        .await
        .unwrap();
    assert!(
        w.store
            .objections_to_decide(&superior)
            .await
            .unwrap()
            .is_empty()
    );
    let v = w.store.assessment(id, &own).await.unwrap();
    assert_eq!(v.state, AssessmentState::ObjectionUpheld);
    assert_eq!(v.performance_rating, Some(PerformanceRating::SangatBaik));
    assert_eq!(v.objection.as_ref().unwrap().upheld, Some(true));
    assert_eq!(v.events[0].kind, AssessmentEventKind::ObjectionUpheld);
    assert_eq!(
        v.events[0].earlier_performance_rating,
        Some(PerformanceRating::Baik)
    );
    // Reopened and finalised again: the one objection is used.
    w.store
        .reopen_assessment(id, "Koreksi bukti perilaku", &superior)
        .await
        .unwrap();
    w.store.finalise_assessment(id, &assessor).await.unwrap();
    assert_eq!(
        code(w.store.object_to_assessment(id, "Lagi", &own).await),
        "objection_already_made"
    );
}

#[tokio::test]
async fn kin_04_the_assessor_is_fixed_at_opening_and_not_moved_by_a_placement_change() {
    let w = World::new().await;
    let (assessor, assessor_nip) = assessor_of(&w, &w.d.pelaksana).await;
    let employee = w.id(&w.d.pelaksana).await;
    let id = w
        .store
        .open_assessment(employee, q2(), &assessor)
        .await
        .unwrap();
    let before = w.store.assessment(id, &assessor).await.unwrap();
    // The placement now names another PPK post (a recomputation, an org change …).
    let other_nip = if assessor_nip == w.d.kadis {
        w.d.kabid.clone()
    } else {
        w.d.kadis.clone()
    };
    let other = w
        .store
        .employee_by_nip(&other_nip)
        .await
        .unwrap()
        .employee
        .position
        .unwrap();
    w.store
        .execute_sql(&format!(
            "UPDATE placements SET assessor_position_id = {} WHERE employee_id = {}",
            other.0, employee.0
        ))
        .await
        .unwrap();
    let after = w.store.assessment(id, &assessor).await.unwrap();
    assert_eq!(after.assessor_position, before.assessor_position);
    // The fixed assessor still rates; the new post's holder does not.
    w.store
        .save_rating(id, &meets(), "", &assessor)
        .await
        .unwrap();
    let newcomer = w.actor(&other_nip).await;
    assert!(
        w.store
            .save_rating(id, &meets(), "", &newcomer)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn ked_09_an_unresolved_placement_is_refused_with_its_code_and_reason() {
    let w = World::new().await;
    let (assessor, _) = assessor_of(&w, &w.d.pelaksana).await;
    let employee = w.id(&w.d.pelaksana).await;
    w.store
        .execute_sql(&format!(
            "UPDATE placements SET status = 'unresolved', reason = 'Unit kerja tanpa pejabat' \
             WHERE employee_id = {}",
            employee.0
        ))
        .await
        .unwrap();
    let e = w
        .store
        .open_assessment(employee, q2(), &assessor)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "placement_unresolved");
    assert!(e.to_string().contains("Unit kerja tanpa pejabat"), "{e}");
    // Someone without a placement (a structural head) is out of scope.
    let kasi = w.id(&w.d.kasi).await;
    assert_eq!(
        code(w.store.open_assessment(kasi, q2(), &assessor).await),
        "assessment_out_of_scope"
    );
    // A month under the quarterly cadence is not a period of the agency.
    let pertama = w.id(&w.d.ahli_pertama).await;
    let (a2, _) = assessor_of(&w, &w.d.ahli_pertama).await;
    let month = PeriodRef {
        year: 2026,
        kind: PeriodKind::Month,
        number: 5,
    };
    assert_eq!(
        code(w.store.open_assessment(pertama, month, &a2).await),
        "period_unknown"
    );
}

fn curve(mode: CurveMode) -> CurvePolicy {
    CurvePolicy {
        year: 2026,
        organisation_rating: OrganisationRating::Good,
        mode,
        bounds: vec![ShareBound {
            ratings: vec![PerformanceRating::Baik],
            min_percent: None,
            max_percent: Some(0),
            at_least_one: false,
        }],
    }
}

#[tokio::test]
async fn kin_02_the_curve_refuses_or_warns_on_annual_assessments() {
    let w = World::new().await;
    let bkpsdm = AuditActor::new("Admin BKPSDM");
    assert_eq!(w.store.curve_policy(w.agency, 2026).await.unwrap(), None);
    let mut bad = curve(CurveMode::Refuse);
    bad.bounds[0].max_percent = Some(120);
    assert_eq!(
        code(
            w.store
                .set_curve_policy(w.agency, &bad, "SK 1/2026", &bkpsdm)
                .await
        ),
        "curve_policy_invalid"
    );
    w.store
        .set_curve_policy(w.agency, &curve(CurveMode::Refuse), "SK 1/2026", &bkpsdm)
        .await
        .unwrap();
    let (assessor, _) = assessor_of(&w, &w.d.pelaksana).await;
    let employee = w.id(&w.d.pelaksana).await;
    let year = PeriodRef::year(2026);
    let id = w
        .store
        .open_assessment(employee, year, &assessor)
        .await
        .unwrap();
    w.store
        .save_rating(id, &meets(), "", &assessor)
        .await
        .unwrap();
    assert_eq!(
        code(w.store.finalise_assessment(id, &assessor).await),
        "distribution_exceeded"
    );
    assert_eq!(
        w.store.assessment(id, &assessor).await.unwrap().state,
        AssessmentState::Draft,
        "nothing written"
    );
    // A periodic evaluation is not capped.
    let q = w
        .store
        .open_assessment(employee, q2(), &assessor)
        .await
        .unwrap();
    w.store
        .save_rating(q, &meets(), "", &assessor)
        .await
        .unwrap();
    assert!(
        w.store
            .finalise_assessment(q, &assessor)
            .await
            .unwrap()
            .is_empty()
    );
    // The newest curve is in force: warn.
    w.store
        .set_curve_policy(w.agency, &curve(CurveMode::Warn), "SK 2/2026", &bkpsdm)
        .await
        .unwrap();
    assert_eq!(
        w.store
            .curve_policy(w.agency, 2026)
            .await
            .unwrap()
            .unwrap()
            .mode,
        CurveMode::Warn
    );
    let warnings = w.store.finalise_assessment(id, &assessor).await.unwrap();
    assert_eq!(warnings.len(), 1);
    let d = w.store.distribution(w.agency, 2026).await.unwrap();
    assert_eq!(d.counts.rated.get(&PerformanceRating::Baik), Some(&1));
    assert!(d.counts.employees >= 4);
    assert_eq!(d.excesses.len(), 1);
    // Progress counts the annual assessments per Perangkat Daerah.
    let progress = w.store.assessment_progress(w.agency, year).await.unwrap();
    let dinkes = progress
        .iter()
        .find(|p| p.name == "Dinas Kesehatan")
        .unwrap();
    assert_eq!(dinkes.finalised, 1);
    assert_eq!(
        dinkes.not_opened + dinkes.draft + dinkes.finalised,
        dinkes.employees
    );
    assert_eq!(audited(&w, "agency.assessment_curve").await, 2);
}

#[tokio::test]
async fn kin_04_readers_are_the_employee_assessor_superior_and_hr_admin() {
    let w = World::new().await;
    let (id, _) = finalised(&w).await;
    let stranger = w.actor(&w.d.ahli_utama).await;
    assert_eq!(code(w.store.assessment(id, &stranger).await), "not_found");
    let hr = w.id(&w.d.ahli_utama).await;
    w.store
        .grant_role(
            hr,
            GrantedRole::HrAdmin,
            &AuditActor::new("sistem"),
            "Admin BKPSDM",
        )
        .await
        .unwrap();
    let v = w.store.assessment(id, &stranger).await.unwrap();
    assert_eq!(v.performance_rating, Some(PerformanceRating::Baik));
    assert!(!v.offers.rate && !v.offers.acknowledge && !v.offers.reopen);
    // The rows of the e-Kinerja hand-off.
    let rows = w.store.ekinerja_export(w.agency, q2()).await.unwrap();
    assert_eq!(rows.len(), 1);
    let (_, assessor_nip) = assessor_of(&w, &w.d.pelaksana).await;
    let r = &rows[0];
    assert_eq!(r.nip, w.d.pelaksana.as_str());
    assert_eq!(r.period, q2());
    assert_eq!(r.results_level, Some(ExpectationLevel::Meets));
    assert_eq!(r.behaviour_level, Some(ExpectationLevel::Meets));
    assert_eq!(r.performance_rating, Some(PerformanceRating::Baik));
    assert_eq!(r.state, AssessmentState::Finalised);
    assert_eq!(r.assessor_nip.as_deref(), Some(assessor_nip.as_str()));
}

#[tokio::test]
async fn kin_03_the_member_report_is_written_by_the_team_lead_only() {
    let w = World::new().await;
    let team = w.running_team().await;
    let work = WorkRef::Assignment(team);
    let lead = w.actor(&w.d.ahli_muda).await;
    let member = w.id(&w.d.pelaksana).await;
    let fellow = w.actor(&w.d.ahli_pertama).await;
    let due = w.store.member_reports_due(q2(), &lead).await.unwrap();
    assert_eq!(due.len(), 2, "{due:?}");
    assert!(due.iter().all(|d| d.written.is_none()));
    assert!(
        w.store
            .member_reports_due(q2(), &fellow)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        code(
            w.store
                .write_member_report(member, q2(), work, "Rajin", &fellow)
                .await
        ),
        "not_the_team_lead"
    );
    // The first quarter has no overlap with the team (March is Q1, so Q3 instead).
    let q3 = PeriodRef { number: 3, ..q2() };
    assert_eq!(
        code(
            w.store
                .write_member_report(member, q3, work, "Rajin", &lead)
                .await
        ),
        "not_the_team_lead"
    );
    let note = w
        .store
        .write_member_report(
            member,
            q2(),
            work,
            "Menyelesaikan inventarisasi tepat waktu.",
            &lead,
        )
        .await
        .unwrap();
    // Rewriting keeps the one note.
    assert_eq!(
        w.store
            .write_member_report(
                member,
                q2(),
                work,
                "Menyelesaikan inventarisasi lebih awal.",
                &lead
            )
            .await
            .unwrap(),
        note
    );
    let due = w.store.member_reports_due(q2(), &lead).await.unwrap();
    let written = due.iter().find(|d| d.member == member).unwrap();
    assert_eq!(
        written.written.as_ref().unwrap().text,
        "Menyelesaikan inventarisasi lebih awal."
    );
    // The report opened the assessment: the assessor reads it among the inputs.
    let (assessor, _) = assessor_of(&w, &w.d.pelaksana).await;
    let list = w.store.assessor_worklist(q2(), &assessor).await.unwrap();
    let id = list
        .iter()
        .find(|r| r.employee == member)
        .and_then(|r| r.id)
        .unwrap();
    let v = w.store.assessment(id, &assessor).await.unwrap();
    assert_eq!(v.inputs.member_reports.len(), 1);
    assert_eq!(v.inputs.member_reports[0].id, note);
    assert!(v.inputs.leads_pending.is_empty());
    // The lead reads their own note, not the rating.
    let seen = w.store.assessment(id, &lead).await.unwrap();
    assert_eq!(seen.rating, None);
    assert_eq!(seen.inputs.member_reports.len(), 1);
    // The other member's assessor sees the lead as pending.
    let pertama = w.id(&w.d.ahli_pertama).await;
    let (a2, _) = assessor_of(&w, &w.d.ahli_pertama).await;
    let id2 = w.store.open_assessment(pertama, q2(), &a2).await.unwrap();
    let v2 = w.store.assessment(id2, &a2).await.unwrap();
    assert_eq!(
        v2.inputs.leads_pending.len(),
        1,
        "{:?}",
        v2.inputs.leads_pending
    );
    // Finalised: the note is part of the record.
    w.store
        .save_rating(id, &meets(), "", &assessor)
        .await
        .unwrap();
    w.store.finalise_assessment(id, &assessor).await.unwrap();
    assert_eq!(
        code(
            w.store
                .write_member_report(member, q2(), work, "Ubah", &lead)
                .await
        ),
        "assessment_note_locked"
    );
    assert_eq!(audited(&w, "assessment.member_report").await, 2);
}

#[tokio::test]
async fn str_06_the_recommendation_is_the_recommender_posts() {
    // An Ahli Madya in the Bidang: the Kepala Dinas assesses, the Kepala Bidang recommends.
    let mut madya_nip = None;
    let w = World::new_with(|d| {
        d.builder.jf(
            "jf-madya-yankes",
            "dinkes-yankes",
            "Administrator Kesehatan Ahli Madya",
            sikerja_domain::org::FunctionalLevel::AhliMadya,
        );
        madya_nip = Some(d.builder.employee("Lukman Hakim", Some("jf-madya-yankes")));
    })
    .await;
    let madya_nip = madya_nip.unwrap();
    let madya = w.id(&madya_nip).await;
    let placement = w.store.placement_of(madya).await.unwrap().unwrap();
    let recommender = placement
        .recommender
        .expect("STR-06 names the Kepala Bidang");
    assert_eq!(recommender.person.nip, w.d.kabid);
    let stranger = w.actor(&w.d.ahli_utama).await;
    assert_eq!(
        code(
            w.store
                .write_recommendation(madya, q2(), "Layak", &stranger)
                .await
        ),
        "not_the_recommender"
    );
    let kabid = w.actor(&w.d.kabid).await;
    // The recommendation due reaches the recommender (not opened yet), and nobody else.
    let due = w.store.recommendations_due(q2(), &kabid).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].employee, due[0].assessment, due[0].written.is_none()),
        (madya, None, true)
    );
    assert!(due[0].due.is_some());
    for other in [&stranger, &w.actor(&madya_nip).await] {
        assert!(
            w.store
                .recommendations_due(q2(), other)
                .await
                .unwrap()
                .is_empty()
        );
    }
    let (assessor, _) = assessor_of(&w, &madya_nip).await;
    let id = w
        .store
        .open_assessment(madya, q2(), &assessor)
        .await
        .unwrap();
    // Opened: the recommender reaches the assessment's page to write, without the rating.
    let before = w.store.assessment(id, &kabid).await.unwrap();
    assert!(before.offers.recommend && before.rating.is_none());
    assert!(before.inputs.recommendation.is_none());
    assert!(
        !w.store
            .assessment(id, &assessor)
            .await
            .unwrap()
            .offers
            .recommend
    );
    assert_eq!(code(w.store.assessment(id, &stranger).await), "not_found");
    let note = w
        .store
        .write_recommendation(madya, q2(), "Direkomendasikan sesuai ekspektasi.", &kabid)
        .await
        .unwrap();
    let due = w.store.recommendations_due(q2(), &kabid).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].assessment, Some(id));
    assert_eq!(due[0].written.as_ref().map(|n| n.id), Some(note));
    let v = w.store.assessment(id, &assessor).await.unwrap();
    assert_eq!(v.inputs.recommendation.as_ref().map(|n| n.id), Some(note));
    assert!(v.recommender_position_name.is_some());
    // The recommender reads their note only.
    let seen = w.store.assessment(id, &kabid).await.unwrap();
    assert_eq!(seen.rating, None);
    assert!(seen.inputs.recommendation.is_some());
    // A Pelaksana's assessment asks for none.
    let pelaksana = w.id(&w.d.pelaksana).await;
    assert_eq!(
        code(
            w.store
                .write_recommendation(pelaksana, q2(), "Layak", &kabid)
                .await
        ),
        "recommendation_not_needed"
    );
    assert_eq!(audited(&w, "assessment.recommendation").await, 1);
    // Finalised: nothing more to write, the list is empty and the form is not offered.
    w.store
        .save_rating(id, &meets(), "Pertahankan.", &assessor)
        .await
        .unwrap();
    w.store.finalise_assessment(id, &assessor).await.unwrap();
    assert!(
        w.store
            .recommendations_due(q2(), &kabid)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !w.store
            .assessment(id, &kabid)
            .await
            .unwrap()
            .offers
            .recommend
    );
}

fn target(indicator: &str, n: u32) -> CheckedTarget {
    CheckedTarget {
        indicator: indicator.into(),
        kind: IndicatorKind::Quantitative,
        target: n.to_string(),
        target_number: Some(f64::from(n)),
        unit: "dokumen".into(),
        budget: 0,
        strategic_plan_ref: "Renstra 2025–2029 Sasaran 1".into(),
        annual_work_plan_ref: "Renja 2026 Program 1.02".into(),
        weight: 1,
    }
}

async fn post(w: &World, code: &str, nip: &Nip) -> Post {
    let org = w.store.load_organisation(w.agency).await.unwrap();
    Post {
        position: org.positions.iter().find(|p| p.code == code).unwrap().id,
        employee: Some(w.id(nip).await),
    }
}

/// `nip` starts their own agreement for 2026 with top targets `indicators`.
async fn own_targets(w: &World, code: &str, nip: &Nip, indicators: &[(&str, u32)]) {
    let me = w.actor(nip).await;
    let a = w
        .store
        .create_agreement(w.agency, post(w, code, nip).await, 2026, &me)
        .await
        .unwrap();
    for (i, n) in indicators {
        w.store
            .add_target(a, &target(i, *n), None, &me)
            .await
            .unwrap();
    }
}

/// Opens the Q2 assessment of `nip` by their assessor.
async fn open_q2(w: &World, nip: &Nip) -> i64 {
    let (assessor, _) = assessor_of(w, nip).await;
    w.store
        .open_assessment(w.id(nip).await, q2(), &assessor)
        .await
        .unwrap()
}

#[tokio::test]
async fn kin_01_the_ekinerja_export_gathers_all_employees_in_a_fixed_number_of_queries() {
    let w = World::new().await;
    // The Pelaksana: a target cascaded from the Kepala Seksi (its result plan is the Kepala
    // Seksi's indicator) and one of their own; the JF Ahli Muda: two of their own; the JF
    // Ahli Pertama: none (one row without a plan).
    let kasi = w.actor(&w.d.kasi).await;
    let kasi_agreement = w
        .store
        .create_agreement(
            w.agency,
            post(&w, "kasi-rujukan", &w.d.kasi).await,
            2026,
            &kasi,
        )
        .await
        .unwrap();
    let plan = w
        .store
        .add_target(
            kasi_agreement,
            &target("Rujukan tertangani tepat waktu", 40),
            None,
            &kasi,
        )
        .await
        .unwrap();
    let (theirs, _) = w
        .store
        .cascade_target(
            plan,
            post(&w, "pel-rujukan", &w.d.pelaksana).await,
            &target("Berkas rujukan diverifikasi", 12),
            &kasi,
        )
        .await
        .unwrap();
    w.store
        .add_target(
            theirs,
            &target("Laporan rujukan bulanan", 3),
            None,
            &w.actor(&w.d.pelaksana).await,
        )
        .await
        .unwrap();
    own_targets(
        &w,
        "jf-muda",
        &w.d.ahli_muda,
        &[("Kajian mutu rujukan", 2), ("Pedoman rujukan", 1)],
    )
    .await;

    let (counting, queries) = sikerja_storage::testing::counting_queries(&w.store);
    open_q2(&w, &w.d.pelaksana).await;
    queries.reset();
    let one = counting.ekinerja_export(w.agency, q2()).await.unwrap();
    let with_one = queries.count();
    assert_eq!(one.len(), 2, "the Pelaksana's two targets");
    open_q2(&w, &w.d.ahli_muda).await;
    open_q2(&w, &w.d.ahli_pertama).await;
    queries.reset();
    let rows = counting.ekinerja_export(w.agency, q2()).await.unwrap();
    let with_three = queries.count();
    assert!(with_one > 0);
    assert_eq!(
        with_one, with_three,
        "the export's queries do not grow with the assessments"
    );

    let got: Vec<(&str, &str, &str, &str, AssessmentState)> = rows
        .iter()
        .map(|r| {
            (
                r.nip.as_str(),
                r.result_plan.as_str(),
                r.indicator.as_str(),
                r.target.as_str(),
                r.state,
            )
        })
        .collect();
    let draft = AssessmentState::Draft;
    assert_eq!(
        got,
        [
            // Ordered by Perangkat Daerah and name: Budi, Dewi, Rina.
            (
                w.d.pelaksana.as_str(),
                "Rujukan tertangani tepat waktu",
                "Berkas rujukan diverifikasi",
                "12 dokumen",
                draft
            ),
            (
                w.d.pelaksana.as_str(),
                "Laporan rujukan bulanan",
                "Laporan rujukan bulanan",
                "3 dokumen",
                draft
            ),
            (w.d.ahli_pertama.as_str(), "", "", "", draft),
            (
                w.d.ahli_muda.as_str(),
                "Kajian mutu rujukan",
                "Kajian mutu rujukan",
                "2 dokumen",
                draft
            ),
            (
                w.d.ahli_muda.as_str(),
                "Pedoman rujukan",
                "Pedoman rujukan",
                "1 dokumen",
                draft
            ),
        ]
    );
    // A draft hands over no levels, predikat or assessor; nothing realised yet.
    assert!(rows.iter().all(|r| r.performance_rating.is_none()
        && r.results_level.is_none()
        && r.assessor_nip.is_none()
        && r.realisation.is_empty()
        && r.period == q2()));
    // The export agrees with the inputs gathered for each assessor.
    for nip in [&w.d.pelaksana, &w.d.ahli_muda] {
        let (assessor, _) = assessor_of(&w, nip).await;
        let id = w
            .store
            .assessor_worklist(q2(), &assessor)
            .await
            .unwrap()
            .iter()
            .find(|r| r.nip == nip.as_str())
            .and_then(|r| r.id)
            .unwrap();
        let view = w.store.assessment(id, &assessor).await.unwrap();
        let exported: Vec<(&str, &str)> = rows
            .iter()
            .filter(|r| r.nip == nip.as_str())
            .map(|r| (r.result_plan.as_str(), r.indicator.as_str()))
            .collect();
        let gathered: Vec<(&str, &str)> = view
            .inputs
            .targets
            .iter()
            .map(|t| (t.result_plan.as_str(), t.indicator.as_str()))
            .collect();
        assert_eq!(exported, gathered);
    }
}
