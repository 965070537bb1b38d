//! Conformance: the assessment of JF and Pelaksana (issue 16; KIN-01..04, STR-06, KED-09) on
//! whichever backend `SIKERJA_TEST_DATABASE_URL` selects: opened by the assessor the placement
//! names, fixed at opening, rated and finalised once, locked, objected to once and decided by
//! the assessor's superior, reopened with the earlier rating kept, capped by the curve, the
//! team leads' member reports, the readers, and the e-Kinerja rows.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::workflow::{World, step};
use sikerja_domain::Nip;
use sikerja_domain::access::GrantedRole;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentId, AssignmentMethod, AssignmentStatus, MemberRole,
};
use sikerja_domain::performance::curve::ShareBound;
use sikerja_domain::performance::{
    AssessmentEventKind, AssessmentRating, AssessmentState, BehaviourRating, CoreValue, CurveMode,
    CurvePolicy, ExpectationLevel, FollowUp, FollowUpKind, OrganisationRating, PerformanceRating,
    PeriodKind, ValueRating,
};
use sikerja_domain::planning::target::Execution;
use sikerja_storage::performance::{PeriodRef, PlanningActor};
use sikerja_storage::{AssignmentInput, AuditActor, RequestStart, StorageError, WorkRef};

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
    w.store.record_follow_up(id, &f, &assessor).await.unwrap();
    let v = w.store.assessment(id, &own).await.unwrap();
    assert_eq!(v.follow_up, Some(f));
    assert_eq!(v.state, AssessmentState::Acknowledged);
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
    w.store
        .object_to_assessment(id, "Capaian target melebihi rencana.", &own)
        .await
        .unwrap();
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

/// A running within-unit team of Dinkes: the JF Ahli Muda leads the Pelaksana and the JF
/// Ahli Pertama, 1 March – 30 June 2026; its Surat Tugas issued and received.
async fn running_team(w: &World) -> AssignmentId {
    let kadis = w.actor(&w.d.kadis).await;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: w.root,
            owner_agency: w.agency,
            method: AssignmentMethod::Appointment,
            members: vec![
                w.member(&w.d.ahli_muda, MemberRole::TeamLead).await,
                w.member(&w.d.pelaksana, MemberRole::Member).await,
                w.member(&w.d.ahli_pertama, MemberRole::Member).await,
            ],
            responsible_official: None,
            field: "Kesehatan".into(),
            team_lead_reason: Some("Menguasai data layanan".into()),
        },
        title: "Tim Penyusunan SOP Rujukan".into(),
        target: None,
    };
    let id = w.store.create_assignment(&input, &kadis).await.unwrap();
    let request = w
        .store
        .start_request(
            id,
            &RequestStart {
                text: "Ditugaskan menyusun SOP rujukan".into(),
                ..Default::default()
            },
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    for nip in [&w.d.ahli_muda, &w.d.pelaksana, &w.d.ahli_pertama] {
        w.store
            .decide_step(
                request,
                &step("receive", false, "Diterima"),
                &w.actor(nip).await,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap();
    }
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Active
    );
    id
}

#[tokio::test]
async fn kin_03_the_member_report_is_written_by_the_team_lead_only() {
    let w = World::new().await;
    let team = running_team(&w).await;
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
    let note = w
        .store
        .write_recommendation(madya, q2(), "Direkomendasikan sesuai ekspektasi.", &kabid)
        .await
        .unwrap();
    let (assessor, _) = assessor_of(&w, &madya_nip).await;
    let id = w
        .store
        .open_assessment(madya, q2(), &assessor)
        .await
        .unwrap();
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
}
