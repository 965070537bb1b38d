//! Conformance: recording assignment drafts (issue 5; PEN-01..05, PEN-10, PEN-12) on whichever
//! backend `SIKERJA_TEST_DATABASE_URL` selects: the check runs on the stored organisation,
//! placements and past assignments; a refused draft writes nothing.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::{Dinkes, dinkes};
use sikerja_domain::Nip;
use sikerja_domain::assignment::AssignmentStatus;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentMethod, AssignmentScope, Day, Instrument, Member, MemberRole,
    MembershipKind,
};
use sikerja_domain::organisation::{AgencyId, EmployeeId, UnitId};
use sikerja_domain::planning::target::Execution;
use sikerja_domain::workflow::RequestState;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_storage::{AssignmentInput, AuditActor, AuditFilter, StorageError};

struct World {
    store: TestStore,
    agency: AgencyId,
    root: UnitId,
    d: Dinkes,
}

impl World {
    async fn new() -> World {
        let store = fresh_store().await;
        let d = dinkes("kab-banjar");
        let agency = store
            .import_agency(&d.builder.build(), "tester")
            .await
            .unwrap()
            .agency;
        let org = store.load_organisation(agency).await.unwrap();
        let root = org.units.iter().find(|u| u.parent.is_none()).unwrap().id;
        World {
            store,
            agency,
            root,
            d,
        }
    }

    async fn id(&self, nip: &Nip) -> EmployeeId {
        self.store.employee_by_nip(nip).await.unwrap().employee.id
    }

    async fn actor(&self, nip: &Nip) -> PlanningActor {
        PlanningActor {
            employee: Some(self.id(nip).await),
            regional_head_of: None,
            audit: AuditActor::new(format!("NIP {}", nip.as_str())),
        }
    }

    async fn member(&self, nip: &Nip, role: MemberRole, from: &str, until: &str) -> Member {
        Member {
            employee: self.id(nip).await,
            role,
            from: Day::parse(from).unwrap(),
            until: Day::parse(until).unwrap(),
        }
    }

    fn team(&self, members: Vec<Member>) -> AssignmentInput {
        AssignmentInput {
            draft: AssignmentDraft {
                id: None,
                execution: Execution::Team,
                owner_unit: self.root,
                owner_agency: self.agency,
                method: AssignmentMethod::Appointment,
                members,
                responsible_official: None,
                field: "Pelayanan kesehatan".into(),
                team_lead_reason: Some("Berpengalaman di bidang rujukan".into()),
            },
            title: "Tim Percepatan Rujukan".into(),
            target: None,
        }
    }

    async fn drafts(&self) -> u64 {
        self.store
            .audit_entries(&AuditFilter {
                action: Some("assignment.drafted".into()),
                ..Default::default()
            })
            .await
            .unwrap()
            .total
    }
}

#[tokio::test]
async fn pen_03_pen_12_a_team_of_the_owner_unit_is_recorded_within_the_unit_with_a_surat_tugas() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let input = w.team(vec![
        w.member(
            &w.d.ahli_muda,
            MemberRole::TeamLead,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-02-01",
            "2027-06-30",
        )
        .await,
    ]);
    let report = w.store.check_assignment(&input.draft).await.unwrap();
    assert!(report.is_allowed(), "{:?}", report.violations);
    let id = w.store.create_assignment(&input, &kadis).await.unwrap();
    let view = w.store.assignment(id).await.unwrap();
    assert_eq!(view.scope, AssignmentScope::WithinUnit);
    assert_eq!(view.instrument, Instrument::AssignmentLetter);
    assert_eq!(view.status, AssignmentStatus::Draft);
    assert_eq!(view.members.len(), 2);
    assert!(
        view.members
            .iter()
            .all(|m| m.membership == MembershipKind::OwnUnit)
    );
    assert_eq!(view.members[0].role, MemberRole::TeamLead);
    assert_eq!(view.members[1].from.to_string(), "2027-02-01");
    assert_eq!(w.drafts().await, 1);
}

#[tokio::test]
async fn pen_10_an_appointment_is_recorded_by_the_head_of_the_owner_unit_only() {
    let w = World::new().await;
    let input = w.team(vec![
        w.member(
            &w.d.ahli_muda,
            MemberRole::TeamLead,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
    ]);
    for outsider in [&w.d.pelaksana, &w.d.kasi] {
        let err = w
            .store
            .create_assignment(&input, &w.actor(outsider).await)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StorageError::Forbidden {
                    code: "not_the_appointing_head",
                    ..
                }
            ),
            "{err:?}"
        );
    }
    // A volunteer records their own wish.
    let mut wish = w.team(vec![
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-03-01",
            "2027-03-31",
        )
        .await,
    ]);
    wish.draft.execution = Execution::Individual;
    wish.draft.method = AssignmentMethod::Volunteer;
    wish.draft.team_lead_reason = None;
    let id = w
        .store
        .create_assignment(&wish, &w.actor(&w.d.pelaksana).await)
        .await
        .unwrap();
    assert_eq!(
        w.store.assignment(id).await.unwrap().method,
        AssignmentMethod::Volunteer
    );
    assert_eq!(w.drafts().await, 1);
}

#[tokio::test]
async fn pen_02_a_member_left_unresolved_by_placement_refuses_the_draft_and_nothing_is_written() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let input = w.team(vec![
        w.member(
            &w.d.ahli_muda,
            MemberRole::TeamLead,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
        // No rule places an Ahli Utama (KED-09).
        w.member(
            &w.d.ahli_utama,
            MemberRole::Member,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
        // PEN-05: longer than 12 months as well — both are reported at once.
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-01-01",
            "2028-06-30",
        )
        .await,
    ]);
    let err = w.store.create_assignment(&input, &kadis).await.unwrap_err();
    let StorageError::Invalid { message, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(message.contains("PEN-02"), "{message}");
    assert!(message.contains("PEN-05"), "{message}");
    assert_eq!(w.drafts().await, 0);
}

#[tokio::test]
async fn pen_05_pen_07_a_fourth_team_in_the_same_year_is_refused_naming_the_three_counted() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let mut ids = Vec::new();
    for (from, until) in [
        ("2027-01-01", "2027-03-31"),
        ("2027-04-01", "2027-06-30"),
        ("2027-07-01", "2027-09-30"),
    ] {
        let input = w.team(vec![
            w.member(&w.d.ahli_muda, MemberRole::TeamLead, from, until)
                .await,
            w.member(&w.d.pelaksana, MemberRole::Member, from, until)
                .await,
        ]);
        ids.push(
            w.store
                .create_assignment(&input, &kadis)
                .await
                .unwrap()
                .0
                .to_string(),
        );
    }
    let fourth = w.team(vec![
        w.member(
            &w.d.ahli_pertama,
            MemberRole::TeamLead,
            "2027-10-01",
            "2027-12-31",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-10-01",
            "2027-12-31",
        )
        .await,
    ]);
    let report = w.store.check_assignment(&fourth.draft).await.unwrap();
    let counted = report
        .violations
        .iter()
        .find(|v| v.rule.rule_id.as_str() == "PEN-05")
        .unwrap_or_else(|| panic!("{:?}", report.violations));
    let listed = counted
        .facts
        .iter()
        .find(|f| f.key == "counted_assignments")
        .unwrap();
    assert_eq!(listed.value, ids.join(","), "{:?}", counted.facts);
    let err = w
        .store
        .create_assignment(&fourth, &kadis)
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Invalid { .. }), "{err:?}");
    assert_eq!(w.drafts().await, 3);
    // The next year counts afresh.
    let next_year = w.team(vec![
        w.member(
            &w.d.ahli_pertama,
            MemberRole::TeamLead,
            "2028-01-01",
            "2028-03-31",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2028-01-01",
            "2028-03-31",
        )
        .await,
    ]);
    w.store.create_assignment(&next_year, &kadis).await.unwrap();
}

#[tokio::test]
async fn pen_02_pen_08_the_candidate_picker_shows_placement_current_assignments_load_and_lead_requirements()
 {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let input = w.team(vec![
        w.member(
            &w.d.ahli_muda,
            MemberRole::TeamLead,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
    ]);
    let id = w.store.create_assignment(&input, &kadis).await.unwrap();
    let query = sikerja_storage::CandidateQuery {
        owner_unit: w.root,
        owner_agency: w.agency,
        agency: w.agency,
        field: "Pelayanan kesehatan".into(),
        start: Day::parse("2027-03-01").unwrap(),
        exclude: None,
    };
    let candidates = w.store.assignment_candidates(&query).await.unwrap();
    // Every JF and Pelaksana, no structural official.
    assert_eq!(candidates.len(), 6, "{candidates:#?}");
    let find = |nip: &Nip| {
        candidates
            .iter()
            .find(|c| c.nip == nip.as_str())
            .unwrap_or_else(|| panic!("{nip:?}"))
    };
    let pelaksana = find(&w.d.pelaksana);
    assert_eq!(pelaksana.load, 1);
    assert_eq!(pelaksana.assignments[0].id, id);
    assert_eq!(pelaksana.assignments[0].role, MemberRole::Member);
    assert!(pelaksana.placed && pelaksana.placement_note.starts_with("KED-04"));
    // Unresolved placement is shown with its reason (PEN-02: settle it first).
    let utama = find(&w.d.ahli_utama);
    assert!(!utama.placed && !utama.placement_note.is_empty());
    // The four lead requirements of Pasal 9 ayat 6, each with what the record shows.
    let codes: Vec<_> = pelaksana.lead_requirements.iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        [
            "lead_education",
            "lead_grade",
            "lead_rating",
            "lead_experience"
        ]
    );
    assert!(
        pelaksana
            .lead_requirements
            .iter()
            .all(|r| !r.detail.is_empty())
    );
    // Outside the period the load is nothing.
    let later = sikerja_storage::CandidateQuery {
        start: Day::parse("2027-09-01").unwrap(),
        ..query
    };
    let candidates = w.store.assignment_candidates(&later).await.unwrap();
    let pelaksana = candidates
        .iter()
        .find(|c| c.nip == w.d.pelaksana.as_str())
        .unwrap();
    assert_eq!((pelaksana.load, pelaksana.assignments.len()), (0, 1));
    // Changing that draft, the picker does not count it against its own members.
    let changing = sikerja_storage::CandidateQuery {
        start: Day::parse("2027-03-01").unwrap(),
        exclude: Some(id),
        ..later
    };
    let candidates = w.store.assignment_candidates(&changing).await.unwrap();
    let pelaksana = candidates
        .iter()
        .find(|c| c.nip == w.d.pelaksana.as_str())
        .unwrap();
    assert_eq!((pelaksana.load, pelaksana.assignments.len()), (0, 0));
}

#[tokio::test]
async fn pen_09_jf_from_penyetaraan_of_the_owner_unit_are_proposed_first() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let mut bundle = d.builder.build();
    for e in &mut bundle.employees {
        if e.nip == d.ahli_pertama {
            e.from_equalization = true;
        }
    }
    let agency = store.import_agency(&bundle, "tester").await.unwrap().agency;
    let org = store.load_organisation(agency).await.unwrap();
    let root = org.units.iter().find(|u| u.parent.is_none()).unwrap().id;
    let candidates = store
        .assignment_candidates(&sikerja_storage::CandidateQuery {
            owner_unit: root,
            owner_agency: agency,
            agency,
            field: "Pelayanan kesehatan".into(),
            start: Day::parse("2027-03-01").unwrap(),
            exclude: None,
        })
        .await
        .unwrap();
    assert_eq!(candidates[0].nip, d.ahli_pertama.as_str());
    assert!(candidates[0].equalized_first);
    assert!(candidates.iter().skip(1).all(|c| !c.equalized_first));
}

fn start(text: &str) -> sikerja_storage::RequestStart {
    sikerja_storage::RequestStart {
        text: text.into(),
        ..Default::default()
    }
}

fn step(step: &str, refuse: bool, text: &str) -> sikerja_storage::StepInput {
    sikerja_storage::StepInput {
        step: step.into(),
        refuse,
        text: text.into(),
    }
}

#[tokio::test]
async fn pen_13_pen_18_the_head_assigns_within_the_unit_and_each_member_receives_the_surat_tugas() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let input = w.team(vec![
        w.member(
            &w.d.ahli_muda,
            MemberRole::TeamLead,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
    ]);
    let id = w.store.create_assignment(&input, &kadis).await.unwrap();
    // Only the head of the owner Unit Organisasi starts it (PEN-13).
    let err = w
        .store
        .start_request(
            id,
            &start("Ditugaskan"),
            &w.actor(&w.d.kabid).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Forbidden {
                code: "not_the_step_holder",
                ..
            }
        ),
        "{err:?}"
    );
    let request = w
        .store
        .start_request(
            id,
            &start("Ditugaskan menyusun SOP rujukan"),
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.workflow.code(), "within_unit_appointment");
    assert_eq!(view.current_step.as_deref(), Some("receive"));
    assert_eq!(view.steps[0].letter.as_deref(), Some("surat_tugas"));
    assert_eq!(
        view.steps[0].actor_position.as_deref(),
        Some("Kepala Dinas Kesehatan")
    );
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Requested
    );
    // The head cannot receive for the members; each member receives once.
    let err = w
        .store
        .decide_step(
            request,
            &step("receive", false, ""),
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Forbidden { .. }), "{err:?}");
    let lead = w.actor(&w.d.ahli_muda).await;
    w.store
        .decide_step(
            request,
            &step("receive", false, "Diterima"),
            &lead,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let err = w
        .store
        .decide_step(
            request,
            &step("receive", false, "Lagi"),
            &lead,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Conflict {
                code: "already_decided",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Requested
    );
    w.store
        .decide_step(
            request,
            &step("receive", false, "Diterima"),
            &w.actor(&w.d.pelaksana).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(view.state, RequestState::Assigned);
    assert_eq!(view.steps.len(), 3);
    assert_eq!(
        w.store.assignment(id).await.unwrap().status,
        AssignmentStatus::Active
    );
    // Every step is in the audit trail (PEN-18).
    let steps = w
        .store
        .audit_entries(&AuditFilter {
            action: Some("request.step".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(steps.total, 3);
    assert!(steps.items.iter().all(|e| e.summary.contains("PEN-13")));
}

#[tokio::test]
async fn pen_16_pen_18_a_volunteers_wish_is_decided_once_even_when_two_decide_at_the_same_time() {
    let w = World::new().await;
    let pelaksana = w.actor(&w.d.pelaksana).await;
    let mut wish = w.team(vec![
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-03-01",
            "2027-03-31",
        )
        .await,
    ]);
    wish.draft.execution = Execution::Individual;
    wish.draft.method = AssignmentMethod::Volunteer;
    wish.draft.team_lead_reason = None;
    let id = w.store.create_assignment(&wish, &pelaksana).await.unwrap();
    let request = w
        .store
        .start_request(
            id,
            &start("Ingin membantu pendataan rujukan"),
            &pelaksana,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    // A refusal needs reasons.
    let kadis = w.actor(&w.d.kadis).await;
    let err = w
        .store
        .decide_step(
            request,
            &step("head_decision", true, " "),
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Invalid {
                code: "reasons_required",
                ..
            }
        ),
        "{err:?}"
    );
    // Two decisions at once: exactly one is recorded.
    let agree = step("head_decision", false, "Setuju");
    let refuse = step("head_decision", true, "Beban kerja sudah penuh");
    let (a, b) = tokio::join!(
        w.store.decide_step(
            request,
            &agree,
            &kadis,
            &sikerja_storage::testing::FakeLetters
        ),
        w.store.decide_step(
            request,
            &refuse,
            &kadis,
            &sikerja_storage::testing::FakeLetters
        )
    );
    let outcomes = [a, b];
    let ok = outcomes.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1, "{outcomes:?}");
    assert!(outcomes.iter().any(|r| matches!(
        r,
        Err(StorageError::Conflict {
            code: "already_decided",
            ..
        })
    )));
    let view = w.store.assignment_request(request).await.unwrap();
    assert_eq!(
        view.steps
            .iter()
            .filter(|s| s.step == "head_decision")
            .count(),
        1
    );
}

/// The relation under which `nip` sees assignment `id` in their list.
async fn relation(
    w: &World,
    nip: &Nip,
    id: sikerja_domain::assignment::AssignmentId,
) -> &'static str {
    w.store
        .assignments_involving(&w.actor(nip).await, 100)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.id == id)
        .map(|l| l.relation.code())
        .unwrap_or_default()
}

#[tokio::test]
async fn pen_10_pen_13_a_kepala_bidang_prepares_a_draft_that_the_head_of_the_unit_organisasi_starts()
 {
    use sikerja_domain::assignment::OwnerRoute;
    let w = World::new().await;
    let kabid = w.actor(&w.d.kabid).await;
    let input = w.team(vec![
        w.member(
            &w.d.ahli_muda,
            MemberRole::TeamLead,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
    ]);
    // The offer: no appointment, a draft for the Kepala Dinas, with the rule that says why.
    let members: Vec<EmployeeId> = input.draft.members.iter().map(|m| m.employee).collect();
    let offer = w
        .store
        .owner_offer(kabid.employee.unwrap(), &members)
        .await
        .unwrap();
    let routes: Vec<(UnitId, OwnerRoute)> =
        offer.options.iter().map(|o| (o.unit, o.route)).collect();
    assert_eq!(routes, [(w.root, OwnerRoute::Prepare)]);
    assert_eq!(
        offer.options[0].label(),
        "Siapkan rancangan untuk Kepala Dinas Kesehatan"
    );
    assert_eq!(
        offer.limits[0].citation.to_string(),
        "PEN-13 · Lampiran II.B.1.a"
    );
    // Recording it as an appointment is refused with the limitation; so is a forged owner
    // naming the Bidang. Nothing is written.
    let err = w.store.create_assignment(&input, &kabid).await.unwrap_err();
    assert!(
        matches!(&err, StorageError::Forbidden { code: "not_the_appointing_head", message } if message.contains("menyiapkan rancangan")),
        "{err:?}"
    );
    let mut forged = input.clone();
    forged.draft.owner_unit = offer.limits[0].unit;
    let err = w
        .store
        .prepare_assignment(&forged, &kabid)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StorageError::Forbidden { code: "not_the_appointing_head", message } if message.contains("bukan Unit Organisasi") && message.contains("PEN-13")),
        "{err:?}"
    );
    assert_eq!(w.drafts().await, 0);
    // The head appoints: nothing to prepare.
    let err = w
        .store
        .prepare_assignment(&input, &w.actor(&w.d.kadis).await)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Invalid {
                code: "prepare_not_needed",
                ..
            }
        ),
        "{err:?}"
    );

    // Prepared: a draft of the Dinas, listed for the Kepala Dinas to take up and for the
    // Kepala Bidang as theirs.
    let id = w.store.prepare_assignment(&input, &kabid).await.unwrap();
    let view = w.store.assignment(id).await.unwrap();
    assert_eq!(
        (view.status, view.owner_unit),
        (AssignmentStatus::Draft, Some(w.root))
    );
    assert_eq!(relation(&w, &w.d.kadis, id).await, "prepared_for_head");
    assert_eq!(relation(&w, &w.d.kabid, id).await, "preparer");
    assert_eq!(w.drafts().await, 1);

    // Before starting it, the Kepala Dinas changes it: one member fewer, another title. It
    // stays prepared by the Kepala Bidang and waiting for the head; the Kepala Seksi, who
    // did not prepare it, cannot change it; a change with a violation writes nothing.
    let kadis = w.actor(&w.d.kadis).await;
    // Who may change it — what the page asks before it offers "Ubah konsep" (PEN-10): the
    // head and the preparer, not the Kepala Seksi.
    let kasi = w.actor(&w.d.kasi).await;
    for (who, may) in [(&kadis, true), (&kabid, true), (&kasi, false)] {
        let answer = w
            .store
            .may_change_assignment_draft(id, who.employee.unwrap())
            .await;
        assert_eq!(answer.is_ok(), may, "{answer:?}");
    }
    let mut changed = input.clone();
    changed.title = "Tim Rujukan Terpadu".into();
    changed.draft.members.truncate(1);
    changed.draft.execution = Execution::Individual;
    changed.draft.members[0].role = MemberRole::Member;
    changed.draft.team_lead_reason = None;
    w.store
        .change_assignment_draft(id, &changed, &kadis)
        .await
        .unwrap();
    let view = w.store.assignment(id).await.unwrap();
    assert_eq!(view.title, "Tim Rujukan Terpadu");
    assert_eq!(view.members.len(), 1);
    assert_eq!(relation(&w, &w.d.kadis, id).await, "prepared_for_head");
    assert_eq!(relation(&w, &w.d.kabid, id).await, "preparer");
    let err = w
        .store
        .change_assignment_draft(id, &input, &w.actor(&w.d.kasi).await)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Forbidden {
                code: "not_the_appointing_head",
                ..
            }
        ),
        "{err:?}"
    );
    let mut bad = changed.clone();
    bad.draft.members[0].until = Day::parse("2026-12-31").unwrap();
    assert!(
        w.store
            .change_assignment_draft(id, &bad, &kadis)
            .await
            .is_err()
    );
    assert_eq!(
        w.store.assignment(id).await.unwrap().title,
        "Tim Rujukan Terpadu"
    );
    // The Kepala Bidang may still change what they prepared.
    w.store
        .change_assignment_draft(id, &changed, &kabid)
        .await
        .unwrap();

    // The Kepala Bidang cannot start it; the Kepala Dinas starts it as owner (PEN-13).
    assert!(
        w.store
            .start_request(
                id,
                &start("Ditugaskan"),
                &kabid,
                &sikerja_storage::testing::FakeLetters
            )
            .await
            .is_err()
    );
    w.store
        .start_request(
            id,
            &start("Ditugaskan"),
            &w.actor(&w.d.kadis).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    assert_eq!(relation(&w, &w.d.kadis, id).await, "owner_head");
    // Started: no longer a draft to change.
    assert!(matches!(
        w.store
            .may_change_assignment_draft(id, kadis.employee.unwrap())
            .await,
        Err(StorageError::Conflict {
            code: "assignment_not_draft",
            ..
        })
    ));
    let err = w
        .store
        .change_assignment_draft(id, &changed, &kadis)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Conflict {
                code: "assignment_not_draft",
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn pen_08_a_synonym_of_the_controlled_field_counts_as_the_lead_s_experience() {
    use sikerja_domain::experience_fields::ExperienceField;
    let w = World::new().await;
    // Seeded by the import: one field per distinct text of the file.
    let seeded = w.store.experience_fields(w.agency).await.unwrap();
    let names: Vec<(&str, &str, usize)> = seeded
        .iter()
        .map(|f| (f.field.code.as_str(), f.field.name.as_str(), f.used_by))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!((names[0].0, names[0].1), ("kesehatan", "Kesehatan"));
    assert!(names[0].2 > 1);

    let input = w.team(vec![
        w.member(
            &w.d.ahli_muda,
            MemberRole::TeamLead,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-01-01",
            "2027-06-30",
        )
        .await,
    ]);
    // "Pelayanan kesehatan" is no field yet: the lead's experience in "Kesehatan" does not count.
    let advice = |r: &sikerja_domain::assignment::Report| {
        r.advice.iter().map(|a| a.code).collect::<Vec<_>>()
    };
    let before = w.store.check_assignment(&input.draft).await.unwrap();
    assert!(
        advice(&before).contains(&"lead_experience"),
        "{:?}",
        advice(&before)
    );

    let admin = AuditActor::new("Admin BKPSDM");
    let list = vec![ExperienceField {
        code: "kesehatan".into(),
        name: "Kesehatan".into(),
        synonyms: vec!["Pelayanan  Kesehatan".into()],
    }];
    w.store
        .set_experience_fields(w.agency, &list, &admin)
        .await
        .unwrap();
    let after = w.store.check_assignment(&input.draft).await.unwrap();
    assert!(
        !advice(&after).contains(&"lead_experience"),
        "{:?}",
        advice(&after)
    );
    // Recorded under the controlled name.
    let id = w
        .store
        .create_assignment(&input, &w.actor(&w.d.kadis).await)
        .await
        .unwrap();
    assert_eq!(w.store.assignment(id).await.unwrap().field, "Kesehatan");

    // A list that drops a field still named by stored experience is refused; so is one naming
    // a text twice. Nothing changes.
    let err = w
        .store
        .set_experience_fields(
            w.agency,
            &[ExperienceField {
                code: "keuangan".into(),
                name: "Keuangan".into(),
                synonyms: vec![],
            }],
            &admin,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Invalid {
                code: "experience_field_in_use",
                ..
            }
        ),
        "{err:?}"
    );
    let mut twice = list.clone();
    twice.push(ExperienceField {
        code: "yankes".into(),
        name: "pelayanan kesehatan".into(),
        synonyms: vec![],
    });
    let err = w
        .store
        .set_experience_fields(w.agency, &twice, &admin)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Invalid {
                code: "experience_field_text_duplicate",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        w.store.experience_fields(w.agency).await.unwrap()[0]
            .field
            .synonyms,
        ["Pelayanan Kesehatan"]
    );

    // The import maps a synonym to the field and refuses a text naming none, listing it.
    let mut bundle = w.d.builder.build();
    bundle.employees[0].experience[0].field = "pelayanan kesehatan".into();
    w.store.import_agency(&bundle, "tester").await.unwrap();
    bundle.employees[0].experience[0].field = "Perikanan".into();
    let err = w.store.import_agency(&bundle, "tester").await.unwrap_err();
    assert!(
        matches!(&err, StorageError::Invalid { code: "experience_field_unknown", message } if message.contains("Perikanan")),
        "{err:?}"
    );
    let fields = w.store.experience_fields(w.agency).await.unwrap();
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].used_by, names[0].2);
}

/// An employee's page lists every assignment they are a member of (issue 15 point 8): the
/// newest period first, with their own role and period in each, and nobody else's.
#[tokio::test]
async fn an_employees_memberships_list_each_assignment_with_their_role_newest_first() {
    let w = World::new().await;
    let kadis = w.actor(&w.d.kadis).await;
    let first = w.team(vec![
        w.member(
            &w.d.ahli_muda,
            MemberRole::TeamLead,
            "2027-01-01",
            "2027-03-31",
        )
        .await,
        w.member(
            &w.d.pelaksana,
            MemberRole::Member,
            "2027-02-01",
            "2027-03-31",
        )
        .await,
    ]);
    let first = w.store.create_assignment(&first, &kadis).await.unwrap();
    let mut second = w.team(vec![
        w.member(
            &w.d.ahli_pertama,
            MemberRole::TeamLead,
            "2027-07-01",
            "2027-09-30",
        )
        .await,
        w.member(
            &w.d.ahli_muda,
            MemberRole::Member,
            "2027-08-01",
            "2027-09-30",
        )
        .await,
    ]);
    second.title = "Tim Survei Kepuasan".into();
    let second = w.store.create_assignment(&second, &kadis).await.unwrap();

    let lines = w
        .store
        .memberships_of_employee(w.id(&w.d.ahli_muda).await)
        .await
        .unwrap();
    let seen: Vec<_> = lines
        .iter()
        .map(|l| {
            (
                l.assignment,
                l.role,
                l.from.to_string(),
                l.until.to_string(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                second,
                MemberRole::Member,
                "2027-08-01".into(),
                "2027-09-30".into()
            ),
            (
                first,
                MemberRole::TeamLead,
                "2027-01-01".into(),
                "2027-03-31".into()
            ),
        ]
    );
    assert_eq!(lines[0].title, "Tim Survei Kepuasan");
    assert!(lines.iter().all(|l| l.status == AssignmentStatus::Draft));
    assert!(
        lines
            .iter()
            .all(|l| l.method == AssignmentMethod::Appointment)
    );
    assert!(!lines[0].owner_unit_name.is_empty());

    let pelaksana = w
        .store
        .memberships_of_employee(w.id(&w.d.pelaksana).await)
        .await
        .unwrap();
    assert_eq!(pelaksana.len(), 1);
    assert_eq!(pelaksana[0].assignment, first);
    let none = w
        .store
        .memberships_of_employee(w.id(&w.d.ahli_madya).await)
        .await
        .unwrap();
    assert!(none.is_empty());
}
