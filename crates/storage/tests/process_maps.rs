//! Conformance: business-process maps (issue 17, PRO-01..03) on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects — a map is created from an upload or a generated
//! workflow, saved in numbered versions kept byte for byte, published and reviewed with the
//! SOPs it changed; only the agency's keeper writes, everyone of the agency reads; a broken
//! document is refused with its `bpmn_*` code and nothing is written.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::{Dinkes, dinkes};
use sikerja_domain::Nip;
use sikerja_domain::access::{ActorFacts, GrantedRole};
use sikerja_domain::audit::AuditAction;
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::org::ActingKind;
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_domain::process_map::lanes::{LaneBindingKind, LaneTarget};
use sikerja_domain::process_map::{ProcessMapKind, ProcessMapStatus, ReviewInput, SopChange};
use sikerja_domain::workflow::WorkflowKind;
use sikerja_storage::process_maps::{
    DocumentSource, MapActor, MapFilter, MapSource, NewMap, ProcessMapId,
};
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_storage::{AuditActor, AuditFilter, StorageError};

struct World {
    store: TestStore,
    agency: AgencyId,
    department: DepartmentId,
    d: Dinkes,
}

impl World {
    async fn new() -> World {
        World::with_bundle(|b| b).await
    }

    /// The world with its agency's bundle changed by `change` before the import.
    async fn with_bundle(change: impl FnOnce(AgencyBundle) -> AgencyBundle) -> World {
        let store = fresh_store().await;
        let d = dinkes("kab-banjar");
        let agency = store
            .import_agency(&change(d.builder.build()), "tester")
            .await
            .unwrap()
            .agency;
        let org = store.load_organisation(agency).await.unwrap();
        let department = org.departments[0].id;
        let kabid = store.employee_by_nip(&d.kabid).await.unwrap().employee.id;
        store
            .grant_role(
                kabid,
                GrantedRole::ProcessMapKeeper,
                &AuditActor::new("admin"),
                "Nota dinas peta proses",
            )
            .await
            .unwrap();
        World {
            store,
            agency,
            department,
            d,
        }
    }

    async fn actor(&self, nip: &Nip) -> MapActor {
        let id = self.store.employee_by_nip(nip).await.unwrap().employee.id;
        MapActor {
            facts: self.store.actor_facts(id).await.unwrap(),
            audit: AuditActor::new(format!("NIP {}", nip.as_str())),
        }
    }

    async fn keeper(&self) -> MapActor {
        self.actor(&self.d.kabid).await
    }

    async fn reader(&self) -> MapActor {
        self.actor(&self.d.kasi).await
    }

    async fn audit_count(&self, action: AuditAction) -> usize {
        self.store
            .audit_entries(&AuditFilter::default())
            .await
            .unwrap()
            .items
            .iter()
            .filter(|e| e.action == action.code())
            .count()
    }

    async fn upload(&self, title: &str, kind: ProcessMapKind, xml: Vec<u8>) -> ProcessMapId {
        self.store
            .create_process_map(
                self.agency,
                NewMap {
                    kind,
                    title: title.into(),
                    department: Some(self.department),
                    note: "Versi awal".into(),
                    source: MapSource::Document {
                        xml,
                        source: DocumentSource::Upload,
                    },
                },
                &self.keeper().await,
            )
            .await
            .unwrap()
    }
}

/// A valid document (a generated workflow), with a comment and spacing the writer would not
/// produce, to show the bytes are kept as given.
fn workflow_xml() -> Vec<u8> {
    let defs = sikerja_maps::generate(&WorkflowKind::CrossUnitAppointment.definition());
    let text = sikerja_maps::write(&defs).replacen(
        "<bpmn:collaboration",
        "<!-- diunggah dari Camunda Modeler -->\n  <bpmn:collaboration",
        1,
    );
    text.into_bytes()
}

/// The document with one task added to the process.
fn with_added_task(xml: &[u8]) -> Vec<u8> {
    String::from_utf8(xml.to_vec())
        .unwrap()
        .replacen(
            "</bpmn:process>",
            "  <bpmn:task id=\"Task_verifikasi\" name=\"Verifikasi berkas\" />\n  </bpmn:process>",
            1,
        )
        .into_bytes()
}

fn review(version: u32) -> ReviewInput {
    ReviewInput {
        version,
        findings: "Persetujuan PPK memakan waktu lebih dari tiga hari.".into(),
        decisions: "Tambahkan verifikasi berkas sebelum persetujuan.".into(),
        sop_changes: vec![SopChange {
            number: "SOP-BKPSDM/07/2026".into(),
            title: "SOP Penunjukan Lintas Unit".into(),
        }],
    }
}

fn no_facts_of(agency: i64) -> ActorFacts {
    ActorFacts {
        agency: Some(AgencyId(agency)),
        ..ActorFacts::default()
    }
}

#[tokio::test]
async fn pro_03_a_map_is_versioned_published_and_reviewed_with_its_sop_changes() {
    let w = World::new().await;
    let keeper = w.keeper().await;
    let reader = w.reader().await;
    let v1 = workflow_xml();
    let id = w
        .upload(
            "Penunjukan lintas unit",
            ProcessMapKind::CrossFunctional,
            v1.clone(),
        )
        .await;

    let map = w.store.process_map(id, &reader.facts).await.unwrap();
    assert_eq!(map.map.status, ProcessMapStatus::Draft);
    assert_eq!(map.map.latest_version, 1);
    assert_eq!(map.map.published_version, None);
    assert_eq!(map.versions[0].source, "upload");
    assert_eq!(map.versions[0].size, v1.len());
    assert_eq!(
        w.store
            .process_map_version_xml(id, 1, &reader.facts)
            .await
            .unwrap(),
        v1,
        "the uploaded bytes are kept as given, comment and all"
    );

    assert_eq!(w.store.publish_process_map(id, &keeper).await.unwrap(), 1);
    let again = w.store.publish_process_map(id, &keeper).await.unwrap_err();
    assert_eq!(again.code(), "process_map_nothing_to_publish");

    // A save of a published map is a new version; the published one stays until published.
    let v2 = with_added_task(&v1);
    let n = w
        .store
        .save_process_map_version(
            id,
            v2.clone(),
            DocumentSource::Editor,
            "Tambah verifikasi",
            &keeper,
        )
        .await
        .unwrap();
    assert_eq!(n, 2);
    let map = w.store.process_map(id, &reader.facts).await.unwrap();
    assert_eq!(map.map.status, ProcessMapStatus::Published);
    assert_eq!(map.map.published_version, Some(1));
    assert_eq!(map.map.latest_version, 2);
    assert_eq!(
        map.versions.iter().map(|v| v.number).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(w.store.publish_process_map(id, &keeper).await.unwrap(), 2);

    let changes = w
        .store
        .diff_process_map_versions(id, 1, 2, &reader.facts)
        .await
        .unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c.id == "Task_verifikasi" && c.change == sikerja_maps::Change::Added),
        "{changes:?}"
    );

    w.store
        .review_process_map(id, &review(2), &keeper)
        .await
        .unwrap();
    let map = w.store.process_map(id, &reader.facts).await.unwrap();
    assert_eq!(map.reviews.len(), 1);
    let r = &map.reviews[0];
    assert_eq!(r.version, 2);
    assert_eq!(r.sop_changes, review(2).sop_changes);
    assert_eq!(r.reviewed_by, keeper.audit.label);

    for action in [
        AuditAction::ProcessMapCreated,
        AuditAction::ProcessMapVersionSaved,
        AuditAction::ProcessMapReviewed,
    ] {
        assert_eq!(w.audit_count(action).await, 1, "{action:?}");
    }
    assert_eq!(w.audit_count(AuditAction::ProcessMapPublished).await, 2);
}

#[tokio::test]
async fn pro_01_only_the_keeper_writes_and_only_the_agency_reads() {
    let w = World::new().await;
    let reader = w.reader().await;
    let id = w
        .upload(
            "Peta relasi Dinkes",
            ProcessMapKind::Relation,
            workflow_xml(),
        )
        .await;

    let made = w
        .store
        .create_process_map(
            w.agency,
            NewMap {
                kind: ProcessMapKind::Relation,
                title: "Tidak boleh".into(),
                department: None,
                note: String::new(),
                source: MapSource::Workflow(WorkflowKind::VolunteerCrossUnit),
            },
            &reader,
        )
        .await
        .unwrap_err();
    assert!(matches!(made, StorageError::Forbidden { .. }));
    assert_eq!(made.code(), "process_map_not_keeper");
    for err in [
        w.store
            .save_process_map_version(id, workflow_xml(), DocumentSource::Upload, "", &reader)
            .await
            .unwrap_err(),
        w.store.publish_process_map(id, &reader).await.unwrap_err(),
        w.store
            .review_process_map(id, &review(1), &reader)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(err.code(), "process_map_not_keeper");
    }

    // Every signed-in person of the agency reads.
    let list = w
        .store
        .process_maps(w.agency, &reader.facts, &MapFilter::default())
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title, "Peta relasi Dinkes");

    // Another agency's people do not.
    let stranger = no_facts_of(w.agency.0 + 100);
    let err = w
        .store
        .process_maps(w.agency, &stranger, &MapFilter::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "process_map_not_reader");
    let err = w.store.process_map(id, &stranger).await.unwrap_err();
    assert!(matches!(err, StorageError::NotFound { .. }));
    let err = w
        .store
        .process_map_version_xml(id, 1, &stranger)
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::NotFound { .. }));
}

#[tokio::test]
async fn a_broken_bpmn_file_is_refused_with_its_code_and_nothing_is_written() {
    let w = World::new().await;
    let keeper = w.keeper().await;
    let cases: [(&[u8], &str); 3] = [
        (b"bukan xml <", "bpmn_not_xml"),
        (
            b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x/>",
            "bpmn_doctype",
        ),
        (b"<root xmlns=\"urn:x\"/>", "bpmn_not_bpmn"),
    ];
    for (xml, code) in cases {
        let err = w
            .store
            .create_process_map(
                w.agency,
                NewMap {
                    kind: ProcessMapKind::Subprocess,
                    title: "Rusak".into(),
                    department: None,
                    note: String::new(),
                    source: MapSource::Document {
                        xml: xml.to_vec(),
                        source: DocumentSource::Upload,
                    },
                },
                &keeper,
            )
            .await
            .unwrap_err();
        assert_eq!(err.code(), code);
        assert!(err.to_string().starts_with("Berkas BPMN ditolak"), "{err}");
    }
    let id = w
        .upload("Peta subproses", ProcessMapKind::Subprocess, workflow_xml())
        .await;
    let err = w
        .store
        .save_process_map_version(id, b"<a>".to_vec(), DocumentSource::Api, "", &keeper)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "bpmn_not_xml");
    let list = w
        .store
        .process_maps(w.agency, &keeper.facts, &MapFilter::default())
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].latest_version, 1);
    assert_eq!(w.audit_count(AuditAction::ProcessMapCreated).await, 1);
    assert_eq!(w.audit_count(AuditAction::ProcessMapVersionSaved).await, 0);
}

#[tokio::test]
async fn pro_02_a_map_starts_from_a_generated_workflow_and_the_list_filters() {
    let w = World::new().await;
    let keeper = w.keeper().await;
    let id = w
        .store
        .create_process_map(
            w.agency,
            NewMap {
                kind: ProcessMapKind::Level1,
                title: "Penugasan 100% sukarela".into(),
                department: None,
                note: String::new(),
                source: MapSource::Workflow(WorkflowKind::VolunteerCrossUnit),
            },
            &keeper,
        )
        .await
        .unwrap();
    let map = w.store.process_map(id, &keeper.facts).await.unwrap();
    assert_eq!(map.versions[0].source, "workflow:volunteer_cross_unit");
    let xml = w
        .store
        .process_map_version_xml(id, 1, &keeper.facts)
        .await
        .unwrap();
    let expected = sikerja_maps::write(&sikerja_maps::generate(
        &WorkflowKind::VolunteerCrossUnit.definition(),
    ));
    assert_eq!(xml, expected.into_bytes());
    w.upload(
        "Peta relasi Dinkes",
        ProcessMapKind::Relation,
        workflow_xml(),
    )
    .await;
    let archived = w
        .upload(
            "Peta subproses lama",
            ProcessMapKind::Subprocess,
            workflow_xml(),
        )
        .await;
    w.store
        .archive_process_map(archived, "Diganti", &keeper)
        .await
        .unwrap();

    let titles = |f: MapFilter| {
        let store = &w.store;
        let facts = keeper.facts.clone();
        async move {
            store
                .process_maps(w.agency, &facts, &f)
                .await
                .unwrap()
                .into_iter()
                .map(|m| m.title)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        titles(MapFilter::default()).await,
        vec![
            "Penugasan 100% sukarela",
            "Peta relasi Dinkes",
            "Peta subproses lama"
        ]
    );
    assert_eq!(
        titles(MapFilter {
            kind: Some(ProcessMapKind::Relation),
            ..MapFilter::default()
        })
        .await,
        vec!["Peta relasi Dinkes"]
    );
    assert_eq!(
        titles(MapFilter {
            department: Some(w.department),
            status: Some(ProcessMapStatus::Draft),
            ..MapFilter::default()
        })
        .await,
        vec!["Peta relasi Dinkes"]
    );
    assert_eq!(
        titles(MapFilter {
            search: Some("PETA SUB".into()),
            ..MapFilter::default()
        })
        .await,
        vec!["Peta subproses lama"]
    );
    assert_eq!(
        titles(MapFilter {
            search: Some("100%".into()),
            ..MapFilter::default()
        })
        .await,
        vec!["Penugasan 100% sukarela"],
        "a % in the search is taken literally"
    );
    assert!(
        titles(MapFilter {
            search: Some("0%s".into()),
            ..MapFilter::default()
        })
        .await
        .is_empty()
    );

    // An archived map is kept as it is.
    for err in [
        w.store
            .save_process_map_version(
                archived,
                workflow_xml(),
                DocumentSource::Upload,
                "",
                &keeper,
            )
            .await
            .unwrap_err(),
        w.store
            .publish_process_map(archived, &keeper)
            .await
            .unwrap_err(),
        w.store
            .review_process_map(archived, &review(1), &keeper)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(err.code(), "process_map_archived");
    }
    let err = w
        .store
        .review_process_map(id, &review(2), &keeper)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "process_map_unknown_version");
    let err = w
        .store
        .create_process_map(
            w.agency,
            NewMap {
                kind: ProcessMapKind::Level1,
                title: "Dinas lain".into(),
                department: Some(DepartmentId(w.department.0 + 1000)),
                note: String::new(),
                source: MapSource::Workflow(WorkflowKind::VolunteerCrossUnit),
            },
            &keeper,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "process_map_unknown_department");
}

/// The Dinas with its Kepala gone, the Sekretaris Dinas acting as Plt., and the Peneliti Ahli
/// Utama's post vacant.
fn with_plt_and_vacancy(mut b: AgencyBundle) -> AgencyBundle {
    b.employees
        .retain(|e| !matches!(e.position_code.as_deref(), Some("kadis") | Some("jf-utama")));
    let sekdis = b
        .employees
        .iter_mut()
        .find(|e| e.position_code.as_deref() == Some("sekdis"))
        .unwrap();
    sekdis.acting_position_code = Some("kadis".into());
    sekdis.acting_kind = Some(ActingKind::Plt);
    b
}

async fn generated_map(w: &World) -> ProcessMapId {
    w.store
        .create_process_map(
            w.agency,
            NewMap {
                kind: ProcessMapKind::CrossFunctional,
                title: "Penunjukan lintas unit".into(),
                department: None,
                note: String::new(),
                source: MapSource::Workflow(WorkflowKind::CrossUnitAppointment),
            },
            &w.keeper().await,
        )
        .await
        .unwrap()
}

async fn target(w: &World, kind: LaneBindingKind, code: &str) -> LaneTarget {
    w.store
        .lane_target_by_code(w.agency, kind, code)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no {code}"))
}

#[tokio::test]
async fn pro_01_lanes_bound_to_positions_and_units_show_who_holds_them_today() {
    let w = World::with_bundle(with_plt_and_vacancy).await;
    let keeper = w.keeper().await;
    let reader = w.reader().await;
    let id = generated_map(&w).await;
    let lanes = w
        .store
        .process_map_lanes(id, 1, &reader.facts)
        .await
        .unwrap();
    assert!(lanes.len() >= 3, "{lanes:?}");
    assert!(
        lanes
            .iter()
            .all(|l| l.binding.is_none() && l.name.is_some())
    );
    let (a, b, c) = (
        lanes[0].lane.clone(),
        lanes[1].lane.clone(),
        lanes[2].lane.clone(),
    );

    let kabid = target(&w, LaneBindingKind::Position, "kabid-yankes").await;
    let dinas = target(&w, LaneBindingKind::Unit, "dinkes").await;
    let vacant = target(&w, LaneBindingKind::Position, "jf-utama").await;
    for (lane, t) in [(&a, kabid), (&b, dinas), (&c, vacant)] {
        w.store
            .bind_process_map_lane(id, 1, lane, Some(t), &keeper)
            .await
            .unwrap();
    }
    assert_eq!(w.audit_count(AuditAction::ProcessMapLaneBound).await, 3);

    let lanes = w
        .store
        .process_map_lanes(id, 1, &reader.facts)
        .await
        .unwrap();
    let bound = |lane: &str| {
        lanes
            .iter()
            .find(|l| l.lane == lane)
            .and_then(|l| l.binding.clone())
            .unwrap()
    };
    let held = bound(&a);
    assert_eq!(held.target_name, "Kepala Bidang Pelayanan Kesehatan");
    assert_eq!(held.holding.holder_label().as_deref(), Some("Ahmad Fauzi"));
    let plt = bound(&b);
    assert_eq!(plt.target_name, "Dinas Kesehatan");
    assert_eq!(
        plt.holding.post_name.as_deref(),
        Some("Kepala Dinas Kesehatan")
    );
    assert_eq!(
        plt.holding.holder_label().as_deref(),
        Some("Plt. Rahmat Hidayat"),
        "the unit's head post is held by its Plt., shown as such"
    );
    let empty = bound(&c);
    assert!(empty.holding.vacant(), "{empty:?}");
    assert_eq!(
        empty.holding.post_name.as_deref(),
        Some("Peneliti Ahli Utama")
    );
    assert!(!held.holding.vacant() && !plt.holding.vacant());

    // Unbinding leaves the lane free.
    w.store
        .bind_process_map_lane(id, 1, &c, None, &keeper)
        .await
        .unwrap();
    let lanes = w
        .store
        .process_map_lanes(id, 1, &reader.facts)
        .await
        .unwrap();
    assert!(
        lanes
            .iter()
            .find(|l| l.lane == c)
            .unwrap()
            .binding
            .is_none()
    );
}

#[tokio::test]
async fn pro_01_only_the_keeper_binds_a_lane_of_the_version_to_a_post_of_the_agency() {
    let w = World::new().await;
    let keeper = w.keeper().await;
    let reader = w.reader().await;
    let id = generated_map(&w).await;
    let lane = w
        .store
        .process_map_lanes(id, 1, &reader.facts)
        .await
        .unwrap()[0]
        .lane
        .clone();
    let kabid = target(&w, LaneBindingKind::Position, "kabid-yankes").await;
    let refused = |e: StorageError| e.code().to_string();
    assert_eq!(
        refused(
            w.store
                .bind_process_map_lane(id, 1, &lane, Some(kabid), &reader)
                .await
                .unwrap_err()
        ),
        "process_map_not_keeper"
    );
    assert_eq!(
        refused(
            w.store
                .bind_process_map_lane(id, 1, "Lane_tidak_ada", Some(kabid), &keeper)
                .await
                .unwrap_err()
        ),
        "process_map_unknown_lane"
    );
    assert_eq!(
        refused(
            w.store
                .bind_process_map_lane(
                    id,
                    1,
                    &lane,
                    Some(LaneTarget::Unit(sikerja_domain::organisation::UnitId(
                        987_654
                    ))),
                    &keeper
                )
                .await
                .unwrap_err()
        ),
        "process_map_unknown_lane_target"
    );
    assert_eq!(
        refused(
            w.store
                .bind_process_map_lane(id, 2, &lane, Some(kabid), &keeper)
                .await
                .unwrap_err()
        ),
        "process_map_unknown_version"
    );
    assert_eq!(w.audit_count(AuditAction::ProcessMapLaneBound).await, 0);
}

#[tokio::test]
async fn pro_03_a_new_version_keeps_the_holders_of_the_lanes_it_still_has() {
    let w = World::new().await;
    let keeper = w.keeper().await;
    let reader = w.reader().await;
    let id = generated_map(&w).await;
    let lanes = w
        .store
        .process_map_lanes(id, 1, &reader.facts)
        .await
        .unwrap();
    let (kept, renamed) = (lanes[0].lane.clone(), lanes[1].lane.clone());
    let kabid = target(&w, LaneBindingKind::Position, "kabid-yankes").await;
    for lane in [&kept, &renamed] {
        w.store
            .bind_process_map_lane(id, 1, lane, Some(kabid), &keeper)
            .await
            .unwrap();
    }
    let v1 = w
        .store
        .process_map_version_xml(id, 1, &reader.facts)
        .await
        .unwrap();
    let v2 = String::from_utf8(v1)
        .unwrap()
        .replace(&format!("\"{renamed}\""), "\"Lane_baru\"")
        .replace(&format!(">{renamed}<"), ">Lane_baru<")
        .into_bytes();
    let n = w
        .store
        .save_process_map_version(id, v2, DocumentSource::Editor, "Lajur diganti", &keeper)
        .await
        .unwrap();
    let lanes = w
        .store
        .process_map_lanes(id, n, &reader.facts)
        .await
        .unwrap();
    let binding = |lane: &str| {
        lanes
            .iter()
            .find(|l| l.lane == lane)
            .unwrap()
            .binding
            .clone()
    };
    assert!(
        binding(&kept).is_some(),
        "a lane the new version keeps keeps its binding"
    );
    assert!(binding("Lane_baru").is_none(), "a new lane starts unbound");
    assert!(lanes.iter().all(|l| l.lane != renamed));
    // The old version's bindings stay as they were.
    let old = w
        .store
        .process_map_lanes(id, 1, &reader.facts)
        .await
        .unwrap();
    assert_eq!(old.iter().filter(|l| l.binding.is_some()).count(), 2);
}
