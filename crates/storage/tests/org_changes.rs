//! Conformance: dated changes to the organisation in storage (issue 14 points 1-2; ORG-05,
//! KED-11, PEN-18) on whichever backend `SIKERJA_TEST_DATABASE_URL` selects: the preview of a
//! batch, recording it (applied today or pending), the job applying pending changes on their
//! day exactly once, and refusals that write nothing.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::workflow::World;
use sikerja_domain::assignment::Day;
use sikerja_domain::changes::{
    DatedChange, HeldItemKind, HolderShift, LegalBasis, OrgChange, ShiftKind,
};
use sikerja_domain::holders::Exercise;
use sikerja_domain::org::{ActingKind, FunctionalLevel};
use sikerja_domain::organisation::PositionId;
use sikerja_storage::org_changes::{DueRun, OrgChangeState};
use sikerja_storage::{AuditActor, TaskCategory};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn dated(effective: &str, change: OrgChange) -> DatedChange {
    DatedChange {
        effective: day(effective),
        basis: LegalBasis {
            number: "821.2/045/BKPSDM/2026".into(),
            date: day("2026-02-20"),
        },
        change,
    }
}

fn hr_admin() -> AuditActor {
    AuditActor::in_position("Admin Kepegawaian", "Kepala BKPSDM")
}

async fn position(w: &World, name: &str) -> PositionId {
    let org = w.store.load_organisation(w.agency).await.unwrap();
    org.positions.iter().find(|p| p.name == name).unwrap().id
}

async fn org_audit_rows(w: &World) -> usize {
    w.store
        .audit_rows()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.action.starts_with("org_change."))
        .count()
}

#[tokio::test]
async fn org_05_pen_18_a_plt_named_for_the_vacant_head_takes_over_the_open_workflow_step() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    let head = position(&w, "Kepala Bappeda").await;
    let fitri = w.id(&w.ka_bappeda).await;
    let plt = w.id(&w.d.kabid).await;
    let today = day("2026-03-02");

    // The Kepala Bappeda leaves the post: the step waiting for it is flagged vacant.
    let vacate = [dated("2026-03-01", OrgChange::Vacate { employee: fitri })];
    let impact = w
        .store
        .preview_org_changes(w.agency, &vacate)
        .await
        .unwrap();
    assert!(
        impact.holdings.iter().any(|h| matches!(h,
            HolderShift::Vacant { item, before: Some(b) }
                if item.kind == HeldItemKind::WorkflowStep && item.position == head
                    && b.employee == fitri)),
        "{impact:?}"
    );
    assert_eq!(impact.flagged(), impact.holdings.len());
    // The step is named as people read it, not by its code.
    for h in &impact.holdings {
        if let HolderShift::Vacant { item, .. } = h
            && item.kind == HeldItemKind::WorkflowStep
        {
            assert!(!item.label.contains("ppk_decision"), "{}", item.label);
            assert!(item.label.starts_with("Langkah \""), "{}", item.label);
        }
    }
    w.store
        .record_org_changes(w.agency, &vacate, &hr_admin(), today)
        .await
        .unwrap();

    // Naming a Plt. moves it to them (preview), and after recording they hold it.
    let name = [dated(
        "2026-03-02",
        OrgChange::NameActing {
            position: head,
            employee: plt,
            acting: ActingKind::Plt,
        },
    )];
    let kabid = w.actor(&w.d.kabid).await;
    let waiting_for_plt = |items: &[sikerja_storage::InboxItem]| {
        items
            .iter()
            .any(|i| i.request == request && i.category == TaskCategory::Decide)
    };
    assert!(!waiting_for_plt(&w.store.inbox(&kabid).await.unwrap()));
    let impact = w.store.preview_org_changes(w.agency, &name).await.unwrap();
    let moved: Vec<_> = impact
        .holdings
        .iter()
        .filter_map(|h| match h {
            HolderShift::MovesTo {
                item,
                before,
                after,
            } if item.kind == HeldItemKind::WorkflowStep => Some((item.position, *before, *after)),
            _ => None,
        })
        .collect();
    assert_eq!(moved.len(), 1, "{impact:?}");
    assert_eq!(moved[0].0, head);
    assert_eq!(moved[0].1, None);
    assert_eq!(moved[0].2.employee, plt);
    assert_eq!(moved[0].2.exercise, Exercise::Acting(ActingKind::Plt));
    assert_eq!(impact.flagged(), 0);
    // The preview wrote nothing.
    assert!(!waiting_for_plt(&w.store.inbox(&kabid).await.unwrap()));

    let ids = w
        .store
        .record_org_changes(w.agency, &name, &hr_admin(), today)
        .await
        .unwrap();
    assert!(waiting_for_plt(&w.store.inbox(&kabid).await.unwrap()));
    let org = w.store.load_organisation(w.agency).await.unwrap();
    let post = org.positions.iter().find(|p| p.id == head).unwrap();
    assert_eq!(
        post.acting.map(|a| (a.employee, a.kind)),
        Some((plt, ActingKind::Plt))
    );
    let stored = w.store.org_changes(w.agency).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|c| c.state == OrgChangeState::Applied));
    assert_eq!(stored[1].id, ids[0]);
    assert_eq!(stored[1].change, name[0]);
    let audit = w
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::OrgChange,
            &ids[0].to_string(),
        )
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "org_change.applied");
}

#[tokio::test]
async fn ked_11_a_transfer_changes_the_jf_s_ppk_and_the_history_is_dated_on_its_effective_day() {
    let w = World::new_with(|d| {
        d.builder.jf(
            "jf-pertama-bidang",
            "dinkes-yankes",
            "Epidemiolog Kesehatan Ahli Pertama Bidang",
            FunctionalLevel::AhliPertama,
        );
    })
    .await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let kasi = w.id(&w.d.kasi).await;
    let kabid = w.id(&w.d.kabid).await;
    let target = position(&w, "Epidemiolog Kesehatan Ahli Pertama Bidang").await;
    let before = w.store.placement_of(dewi).await.unwrap().unwrap();
    let ppk =
        |v: &sikerja_storage::views::PlacementView| v.assessor.as_ref().map(|a| a.person.employee);
    assert_eq!(ppk(&before), Some(kasi));
    let history_before = w.store.placement_history(dewi).await.unwrap().len();

    let transfer = [dated(
        "2026-03-01",
        OrgChange::Appoint {
            employee: dewi,
            position: target,
        },
    )];
    let impact = w
        .store
        .preview_org_changes(w.agency, &transfer)
        .await
        .unwrap();
    let shift = impact
        .placements
        .iter()
        .find(|p| p.employee == dewi)
        .unwrap();
    assert!(shift.what.contains(&ShiftKind::Assessor), "{shift:?}");

    w.store
        .record_org_changes(w.agency, &transfer, &hr_admin(), day("2026-03-05"))
        .await
        .unwrap();
    let after = w.store.placement_of(dewi).await.unwrap().unwrap();
    assert_eq!(ppk(&after), Some(kabid));
    let history = w.store.placement_history(dewi).await.unwrap();
    assert_eq!(history.len(), history_before + 1);
    // The new PPK's row carries the day the transfer took effect (history is ordered by
    // that day, so a backdated change sorts before rows recorded earlier).
    let row = history
        .iter()
        .find(|h| h.assessor.as_ref().map(|a| a.person.employee) == Some(kabid))
        .unwrap();
    assert_eq!(row.changed_at.date_naive().to_string(), "2026-03-01");

    // A promotion effective 10 March, recorded on the 12th: as of the 11th it is replayed on
    // the snapshot of the 5th; as of the 9th it is not there yet.
    let grade = |g: &str| sikerja_domain::Grade::parse_any(g).unwrap();
    let old_grade = w
        .store
        .load_organisation(w.agency)
        .await
        .unwrap()
        .employees
        .iter()
        .find(|e| e.id == dewi)
        .unwrap()
        .grade;
    w.store
        .record_org_changes(
            w.agency,
            &[dated(
                "2026-03-10",
                OrgChange::SetGrade {
                    employee: dewi,
                    grade: grade("III/d"),
                },
            )],
            &hr_admin(),
            day("2026-03-12"),
        )
        .await
        .unwrap();
    let grade_on = |d: &'static str| {
        let store = &w.store;
        let agency = w.agency;
        async move {
            store
                .organisation_as_of(agency, day(d), day("2026-03-20"))
                .await
                .unwrap()
                .employees
                .iter()
                .find(|e| e.id == dewi)
                .unwrap()
                .grade
        }
    };
    assert_eq!(grade_on("2026-03-11").await, grade("III/d"));
    assert_eq!(grade_on("2026-03-09").await, old_grade);
    assert_ne!(old_grade, grade("III/d"));
}

#[tokio::test]
async fn org_05_a_refused_change_in_a_batch_writes_nothing() {
    let w = World::new().await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let kabid_post = position(&w, "Kepala Bidang Pelayanan Kesehatan").await;
    let org_before = w.store.load_organisation(w.agency).await.unwrap();
    let audit_before = w.store.audit_rows().await.unwrap().len();
    let batch = [
        dated(
            "2026-03-01",
            OrgChange::SetGrade {
                employee: dewi,
                grade: sikerja_domain::Grade::parse_any("III/b").unwrap(),
            },
        ),
        // The Kepala Bidang's post is held: ORG-05 refuses a second holder.
        dated(
            "2026-03-01",
            OrgChange::Appoint {
                employee: dewi,
                position: kabid_post,
            },
        ),
    ];
    let err = w
        .store
        .preview_org_changes(w.agency, &batch)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "position_taken", "{err:?}");
    assert!(err.to_string().contains("Perubahan ke-2"), "{err}");
    let err = w
        .store
        .record_org_changes(w.agency, &batch, &hr_admin(), day("2026-03-05"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "position_taken", "{err:?}");
    assert!(err.to_string().contains("ORG-05"), "{err}");
    assert_eq!(
        w.store.load_organisation(w.agency).await.unwrap(),
        org_before
    );
    assert_eq!(w.store.audit_rows().await.unwrap().len(), audit_before);
    assert!(w.store.org_changes(w.agency).await.unwrap().is_empty());

    // A blank legal basis is refused before anything, and so is a kind not yet stored.
    let mut blank = batch[0].clone();
    blank.basis.number = " \u{7}".into();
    let err = w
        .store
        .record_org_changes(w.agency, &[blank], &hr_admin(), day("2026-03-05"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_change_basis_invalid");
    // ORG-05: only a vacant post closes.
    let close = dated(
        "2026-03-01",
        OrgChange::ClosePosition {
            position: kabid_post,
        },
    );
    let err = w
        .store
        .record_org_changes(w.agency, &[close], &hr_admin(), day("2026-03-05"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "position_not_vacant");
    let mut unit = org_before.units[1].clone();
    unit.id = sikerja_domain::organisation::UnitId(9_999);
    unit.code = "dinkes-baru".into();
    unit.name = "Bidang Baru".into();
    // A created row is named by a negative placeholder, never by an identity of its own.
    let add = dated("2026-03-01", OrgChange::AddUnit { unit });
    let err = w
        .store
        .record_org_changes(w.agency, &[add], &hr_admin(), day("2026-03-05"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_change_new_id_invalid");
    assert_eq!(org_audit_rows(&w).await, 0);
    assert_eq!(
        w.store.load_organisation(w.agency).await.unwrap(),
        org_before
    );
}

#[tokio::test]
async fn ked_11_a_future_change_is_pending_and_applied_once_when_two_jobs_run_at_once() {
    let w = World::new_with(|d| {
        d.builder.jf(
            "jf-pertama-bidang",
            "dinkes-yankes",
            "Epidemiolog Kesehatan Ahli Pertama Bidang",
            FunctionalLevel::AhliPertama,
        );
    })
    .await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let kabid = w.id(&w.d.kabid).await;
    let target = position(&w, "Epidemiolog Kesehatan Ahli Pertama Bidang").await;
    let transfer = [dated(
        "2026-04-01",
        OrgChange::Appoint {
            employee: dewi,
            position: target,
        },
    )];
    let ids = w
        .store
        .record_org_changes(w.agency, &transfer, &hr_admin(), day("2026-03-05"))
        .await
        .unwrap();
    let stored = w.store.org_changes(w.agency).await.unwrap();
    assert_eq!(stored[0].state, OrgChangeState::Pending);
    assert_eq!(stored[0].applied_at, None);
    // Today's tables are unchanged until its day.
    let org = w.store.load_organisation(w.agency).await.unwrap();
    assert_ne!(
        org.employees
            .iter()
            .find(|e| e.id == dewi)
            .unwrap()
            .position,
        Some(target)
    );
    assert_eq!(
        w.store
            .apply_due_org_changes(day("2026-03-31"))
            .await
            .unwrap(),
        DueRun::default()
    );
    // As of its day the organisation has it (pending changes replayed), not the day before.
    let held_on = |org: &sikerja_domain::organisation::Organisation| {
        org.employees
            .iter()
            .find(|e| e.id == dewi)
            .unwrap()
            .position
    };
    let then = w
        .store
        .organisation_as_of(w.agency, day("2026-04-01"), day("2026-03-05"))
        .await
        .unwrap();
    assert_eq!(held_on(&then), Some(target));
    let before = w
        .store
        .organisation_as_of(w.agency, day("2026-03-31"), day("2026-03-05"))
        .await
        .unwrap();
    assert_ne!(held_on(&before), Some(target));

    // Two app servers run the job on its day.
    let other = w.store.reopen().await.unwrap();
    let (a, b) = tokio::join!(
        w.store.apply_due_org_changes(day("2026-04-01")),
        other.apply_due_org_changes(day("2026-04-01"))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.applied + b.applied, 1, "{a:?} {b:?}");
    assert_eq!(a.failed + b.failed, 0);
    let stored = w.store.org_changes(w.agency).await.unwrap();
    assert_eq!(stored[0].state, OrgChangeState::Applied);
    assert!(stored[0].applied_at.is_some());
    let audit = w
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::OrgChange,
            &ids[0].to_string(),
        )
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["org_change.recorded", "org_change.applied"]);
    let after = w.store.placement_of(dewi).await.unwrap().unwrap();
    assert_eq!(after.position, target);
    assert_eq!(
        after.assessor.as_ref().map(|a| a.person.employee),
        Some(kabid)
    );
    let history = w.store.placement_history(dewi).await.unwrap();
    let row = history
        .iter()
        .find(|h| h.assessor.as_ref().map(|a| a.person.employee) == Some(kabid))
        .unwrap();
    assert_eq!(row.changed_at.date_naive().to_string(), "2026-04-01");
    // Past days: from the snapshot taken when it was applied; before it, not recorded.
    let then = w
        .store
        .organisation_as_of(w.agency, day("2026-04-01"), day("2026-04-10"))
        .await
        .unwrap();
    assert_eq!(held_on(&then), Some(target));
    let err = w
        .store
        .organisation_as_of(w.agency, day("2026-03-20"), day("2026-04-10"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_as_of_before_records");
    // The import took a snapshot on its day: as of that day the organisation is the one
    // imported (before the transfer, whose day is in the snapshot's past for this test).
    let import_day = sikerja_storage::policies::today();
    let imported = w
        .store
        .organisation_as_of(w.agency, import_day, import_day.add_days(1).unwrap())
        .await
        .unwrap();
    assert_eq!(imported.employees.len(), org.employees.len());
    // Applied once: a later run finds nothing.
    assert_eq!(
        w.store
            .apply_due_org_changes(day("2026-04-02"))
            .await
            .unwrap(),
        DueRun::default()
    );
}

#[tokio::test]
async fn org_05_a_pending_change_that_no_longer_applies_on_its_day_is_marked_failed_not_dropped() {
    let w = World::new().await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let pelaksana = w.id(&w.d.pelaksana).await;
    let madya_post = position(&w, "Analis Kebijakan Ahli Madya").await;
    let hendra = w.id(&w.d.ahli_madya).await;
    // Recorded while the post is to be vacated first.
    let batch = [
        dated("2026-04-01", OrgChange::Vacate { employee: hendra }),
        dated(
            "2026-04-02",
            OrgChange::Appoint {
                employee: dewi,
                position: madya_post,
            },
        ),
    ];
    let ids = w
        .store
        .record_org_changes(w.agency, &batch, &hr_admin(), day("2026-03-05"))
        .await
        .unwrap();
    // Recording refuses a change that would break the pending appointment...
    let today = day("2026-04-01");
    w.store.apply_due_org_changes(today).await.unwrap();
    let err = w
        .store
        .record_org_changes(
            w.agency,
            &[dated(
                "2026-04-01",
                OrgChange::Appoint {
                    employee: pelaksana,
                    position: madya_post,
                },
            )],
            &hr_admin(),
            today,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_change_pending_conflict");
    // ...but a re-import of the agency may put someone there meanwhile.
    w.store
        .execute_sql(&format!(
            "UPDATE employees SET position_id = {} WHERE id = {}",
            madya_post.0, pelaksana.0
        ))
        .await
        .unwrap();
    let run = w
        .store
        .apply_due_org_changes(day("2026-04-02"))
        .await
        .unwrap();
    assert_eq!(
        run,
        DueRun {
            applied: 0,
            failed: 1
        }
    );
    let stored = w.store.org_changes(w.agency).await.unwrap();
    let failed = stored.iter().find(|c| c.id == ids[1]).unwrap();
    assert_eq!(failed.state, OrgChangeState::Failed);
    let error = failed.error.clone().unwrap();
    assert!(error.contains("ORG-05"), "{error}");
    let audit = w
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::OrgChange,
            &ids[1].to_string(),
        )
        .await
        .unwrap();
    assert_eq!(audit.last().unwrap().action, "org_change.failed");
    // Not tried again.
    assert_eq!(
        w.store
            .apply_due_org_changes(day("2026-04-03"))
            .await
            .unwrap(),
        DueRun::default()
    );
}

#[tokio::test]
async fn org_03_a_retirement_a_closed_post_and_a_merged_section_are_written_to_today_s_tables() {
    let w = World::new().await;
    let yusuf = w.id(&w.d.ahli_utama).await;
    let nurul = w.id(&w.d.kasi).await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let kabid = w.id(&w.d.kabid).await;
    let utama_post = position(&w, "Peneliti Ahli Utama").await;
    let kasi_post = position(&w, "Kepala Seksi Pelayanan Rujukan").await;
    let org = w.store.load_organisation(w.agency).await.unwrap();
    let unit = |name: &str| org.units.iter().find(|u| u.name == name).unwrap().id;
    let seksi = unit("Seksi Pelayanan Rujukan");
    let bidang = unit("Bidang Pelayanan Kesehatan");
    let history_before = w.store.placement_history(dewi).await.unwrap();
    let batch = [
        dated(
            "2026-03-01",
            OrgChange::Leave {
                employee: yusuf,
                reason: sikerja_domain::changes::LeaveReason::Retirement,
            },
        ),
        dated(
            "2026-03-01",
            OrgChange::ClosePosition {
                position: utama_post,
            },
        ),
        dated("2026-03-01", OrgChange::Vacate { employee: nurul }),
        dated(
            "2026-03-01",
            OrgChange::MergeUnit {
                unit: seksi,
                into: bidang,
            },
        ),
    ];
    let impact = w.store.preview_org_changes(w.agency, &batch).await.unwrap();
    let dewi_shift = impact
        .placements
        .iter()
        .find(|p| p.employee == dewi)
        .unwrap();
    assert!(
        dewi_shift.what.contains(&ShiftKind::Assessor),
        "{dewi_shift:?}"
    );
    w.store
        .record_org_changes(w.agency, &batch, &hr_admin(), day("2026-03-02"))
        .await
        .unwrap();
    let org = w.store.load_organisation(w.agency).await.unwrap();
    assert!(org.employees.iter().all(|e| e.id != yusuf));
    assert!(
        org.positions
            .iter()
            .all(|p| p.id != utama_post && p.id != kasi_post)
    );
    assert!(org.units.iter().all(|u| u.id != seksi));
    let dewi_post = org
        .employees
        .iter()
        .find(|e| e.id == dewi)
        .unwrap()
        .position
        .unwrap();
    assert_eq!(
        org.positions
            .iter()
            .find(|p| p.id == dewi_post)
            .unwrap()
            .unit,
        bidang
    );
    assert_eq!(
        org.employees
            .iter()
            .find(|e| e.id == nurul)
            .unwrap()
            .position,
        None
    );
    let placed = w.store.placement_of(dewi).await.unwrap().unwrap();
    assert_eq!(
        placed.assessor.as_ref().map(|a| a.person.employee),
        Some(kabid)
    );
    // Her history keeps the rows naming the closed Kepala Seksi post.
    let history = w.store.placement_history(dewi).await.unwrap();
    assert_eq!(history.len(), history_before.len() + 1);
    assert_eq!(
        history_before[0]
            .assessor
            .as_ref()
            .map(|a| a.person.employee),
        Some(nurul)
    );
    assert!(history.iter().any(|h| {
        h.assessor.as_ref().map(|a| a.person.name.clone())
            == history_before[0]
                .assessor
                .as_ref()
                .map(|a| a.person.name.clone())
    }));
    assert_eq!(w.store.org_changes(w.agency).await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_pending_change_cancelled_before_its_day_is_never_applied() {
    let w = World::new().await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let grade = sikerja_domain::Grade::parse_any("III/d").unwrap();
    let ids = w
        .store
        .record_org_changes(
            w.agency,
            &[dated(
                "2026-04-01",
                OrgChange::SetGrade {
                    employee: dewi,
                    grade,
                },
            )],
            &hr_admin(),
            day("2026-03-05"),
        )
        .await
        .unwrap();
    w.store
        .cancel_org_change(w.agency, ids[0], &hr_admin())
        .await
        .unwrap();
    assert_eq!(
        w.store
            .apply_due_org_changes(day("2026-04-01"))
            .await
            .unwrap(),
        DueRun::default()
    );
    let org = w.store.load_organisation(w.agency).await.unwrap();
    assert_ne!(
        org.employees.iter().find(|e| e.id == dewi).unwrap().grade,
        grade
    );
    let stored = w.store.org_changes(w.agency).await.unwrap();
    assert_eq!(stored[0].state, OrgChangeState::Cancelled);
    // Once cancelled (or applied) it cannot be cancelled again; another agency's id is unknown.
    let err = w
        .store
        .cancel_org_change(w.agency, ids[0], &hr_admin())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_change_not_pending");
    let other = sikerja_domain::organisation::AgencyId(w.agency.0 + 1_000);
    let err = w
        .store
        .cancel_org_change(other, ids[0], &hr_admin())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    let audit = w
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::OrgChange,
            &ids[0].to_string(),
        )
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["org_change.recorded", "org_change.cancelled"]);
}

#[tokio::test]
async fn org_05_a_batch_that_would_break_a_pending_change_is_refused_and_the_preview_counts_pending_ones()
 {
    let w = World::new_with(|d| {
        d.builder.jf(
            "jf-pertama-bidang",
            "dinkes-yankes",
            "Epidemiolog Kesehatan Ahli Pertama Bidang",
            FunctionalLevel::AhliPertama,
        );
    })
    .await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let budi = w.id(&w.d.pelaksana).await;
    let target = position(&w, "Epidemiolog Kesehatan Ahli Pertama Bidang").await;
    let today = day("2026-03-05");
    let ids = w
        .store
        .record_org_changes(
            w.agency,
            &[dated(
                "2026-04-01",
                OrgChange::Appoint {
                    employee: dewi,
                    position: target,
                },
            )],
            &hr_admin(),
            today,
        )
        .await
        .unwrap();
    // Appointing someone else to the post earlier would leave the pending transfer no post.
    let other = [dated(
        "2026-03-15",
        OrgChange::Appoint {
            employee: budi,
            position: target,
        },
    )];
    let err = w
        .store
        .preview_org_changes(w.agency, &other)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_change_pending_conflict");
    let err = w
        .store
        .record_org_changes(w.agency, &other, &hr_admin(), today)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_change_pending_conflict");
    assert!(err.to_string().contains(&format!("#{}", ids[0])), "{err}");
    assert_eq!(w.store.org_changes(w.agency).await.unwrap().len(), 1);
    // A promotion after the transfer's day is previewed on the organisation as it will be:
    // Dewi's PPK is then the Kepala Bidang, so the grade changes no placement.
    let later = [dated(
        "2026-04-10",
        OrgChange::SetGrade {
            employee: dewi,
            grade: sikerja_domain::Grade::parse_any("III/d").unwrap(),
        },
    )];
    let impact = w.store.preview_org_changes(w.agency, &later).await.unwrap();
    assert!(impact.placements.is_empty(), "{impact:?}");
}

#[tokio::test]
async fn org_03_a_new_section_its_posts_and_a_new_head_are_created_in_one_batch() {
    use sikerja_domain::org::{EmploymentType, PositionClass, UnitKind};
    use sikerja_domain::organisation::{Employee, Position, Unit, UnitId};
    let w = World::new().await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let org = w.store.load_organisation(w.agency).await.unwrap();
    let bidang = org
        .units
        .iter()
        .find(|u| u.name == "Bidang Pelayanan Kesehatan")
        .unwrap()
        .clone();
    let new_unit = Unit {
        id: UnitId(-1),
        department: bidang.department,
        parent: Some(bidang.id),
        code: "dinkes-yankes-surveilans".into(),
        name: "Seksi Surveilans".into(),
        kind: UnitKind::Section,
        is_org_unit: false,
    };
    let post = |id: i64, code: &str, name: &str, class, head, level| Position {
        id: PositionId(id),
        unit: UnitId(-1),
        code: code.into(),
        name: name.into(),
        class,
        is_head: head,
        functional_level: level,
        substance: None,
        acting: None,
    };
    let hired = Employee {
        id: sikerja_domain::organisation::EmployeeId(-1),
        agency: w.agency,
        nip: common::nip(700),
        name: "Lukman Hakim".into(),
        front_title: String::new(),
        back_title: "S.KM.".into(),
        employment_type: EmploymentType::Pns,
        grade: sikerja_domain::Grade::parse_any("III/c").unwrap(),
        education: sikerja_domain::education::Education::S1,
        position: Some(PositionId(-1)),
        from_equalization: false,
        ratings: vec![],
        experience: vec![],
    };
    let batch = [
        dated("2026-03-01", OrgChange::AddUnit { unit: new_unit }),
        dated(
            "2026-03-01",
            OrgChange::AddPosition {
                position: post(
                    -1,
                    "kasi-surveilans",
                    "Kepala Seksi Surveilans",
                    PositionClass::Pengawas,
                    true,
                    None,
                ),
            },
        ),
        dated(
            "2026-03-01",
            OrgChange::AddPosition {
                position: post(
                    -2,
                    "jf-surveilans",
                    "Epidemiolog Kesehatan Ahli Pertama Surveilans",
                    PositionClass::Fungsional,
                    false,
                    Some(FunctionalLevel::AhliPertama),
                ),
            },
        ),
        dated("2026-03-01", OrgChange::Hire { employee: hired }),
        dated(
            "2026-03-01",
            OrgChange::Appoint {
                employee: dewi,
                position: PositionId(-2),
            },
        ),
    ];
    // Not before their day: a pending change cannot name a row that does not exist yet.
    let err = w
        .store
        .record_org_changes(w.agency, &batch, &hr_admin(), day("2026-02-27"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_change_kind_not_supported");
    let impact = w.store.preview_org_changes(w.agency, &batch).await.unwrap();
    assert!(impact.placements.iter().any(|p| p.employee == dewi));
    w.store
        .record_org_changes(w.agency, &batch, &hr_admin(), day("2026-03-02"))
        .await
        .unwrap();
    let lukman = w.id(&common::nip(700)).await;
    let placed = w.store.placement_of(dewi).await.unwrap().unwrap();
    assert_eq!(
        placed.position_name,
        "Epidemiolog Kesehatan Ahli Pertama Surveilans"
    );
    assert_eq!(placed.unit_name, "Seksi Surveilans");
    assert_eq!(
        placed.assessor.as_ref().map(|a| a.person.employee),
        Some(lukman)
    );
    // The stored changes name the stored rows, not the placeholders.
    let stored = w.store.org_changes(w.agency).await.unwrap();
    let appoint = stored
        .iter()
        .find(|c| matches!(c.change.change, OrgChange::Appoint { .. }))
        .unwrap();
    assert_eq!(
        appoint.change.change,
        OrgChange::Appoint {
            employee: dewi,
            position: placed.position
        }
    );
    // A created row needs a negative placeholder.
    let mut again = batch[0].clone();
    if let OrgChange::AddUnit { unit } = &mut again.change {
        unit.id = UnitId(5);
    }
    let err = w
        .store
        .preview_org_changes(w.agency, &[again])
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_change_new_id_invalid");
}
