//! Business-process maps in the demo (issue 17 point 6), so that "Peta Proses" has something to
//! show on a first `cargo run`: for Kabupaten Banjar one map of each kind of PRO-02, kept by the
//! demo's *Pengelola Peta Proses Bisnis* (Bagian Organisasi). The maps' content is the
//! regulation's own workflows as generated (`sikerja_maps::generate`), a keeper's usual start;
//! the cross-functional map has lanes bound to the organisation (one to the Dinas post a Plt.
//! holds, one to a vacant post) and a second version, published, with a completed review that
//! changed an SOP. All through the store's own checks; a refused step is reported and skipped.
//! Skipped when the agency already has maps.

use sikerja_domain::Nip;
use sikerja_domain::organisation::PositionId;
use sikerja_domain::process_map::lanes::LaneTarget;
use sikerja_domain::process_map::{ProcessMapKind, ReviewInput, SopChange};
use sikerja_domain::workflow::WorkflowKind;
use sikerja_storage::Store;
use sikerja_storage::process_maps::{
    DocumentSource, MapActor, MapFilter, MapSource, NewMap, ProcessMapId,
};

/// Reports a refused demo step and goes on.
fn skipped<T>(what: &str, r: Result<T, sikerja_storage::StorageError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            println!("Peta proses demo: {what} dilewati ({e}).");
            None
        }
    }
}

/// The four maps: kind, title, the workflow they start from, the note of version 1.
const MAPS: &[(ProcessMapKind, &str, WorkflowKind, &str)] = &[
    (
        ProcessMapKind::Level1,
        "Peta Level 1 Layanan Penugasan Pegawai Pemerintah Kabupaten Banjar",
        WorkflowKind::WithinUnitAppointment,
        "Disusun dari alur penunjukan di dalam Unit Organisasi (PEN-13).",
    ),
    (
        ProcessMapKind::CrossFunctional,
        "Peta Lintas Fungsi Penunjukan Pegawai Lintas Unit Organisasi",
        WorkflowKind::CrossUnitAppointment,
        "Disusun dari Gambar 1 Lampiran II (PEN-14).",
    ),
    (
        ProcessMapKind::Relation,
        "Peta Relasi Antar Perangkat Daerah dalam Penunjukan Lintas Instansi",
        WorkflowKind::CrossAgencyAppointment,
        "Disusun dari Gambar 2 Lampiran II (PEN-15).",
    ),
    (
        ProcessMapKind::Subprocess,
        "Peta Subproses Pengajuan Sukarela Lintas Unit Organisasi",
        WorkflowKind::VolunteerCrossUnit,
        "Disusun dari Gambar 3 Lampiran II (PEN-17).",
    ),
];

/// The generated document with one task added after the start: the second version.
fn with_verification_task(xml: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(xml)
        .replacen(
            "</bpmn:process>",
            "  <bpmn:task id=\"Task_verifikasi_berkas\" name=\"Verifikasi kelengkapan berkas permohonan\" />\n  </bpmn:process>",
            1,
        )
        .into_bytes()
}

pub async fn seed(store: &Store) -> anyhow::Result<()> {
    let people = sikerja_demo::DEMO_PEOPLE;
    let keeper = store
        .employee_by_nip(&Nip::parse(people.organisation_staff.nip)?)
        .await?;
    let agency = keeper.employee.agency;
    let facts = store.actor_facts(keeper.employee.id).await?;
    let actor = MapActor {
        facts,
        audit: super::demo_actor(&keeper).audit,
    };
    if !store
        .process_maps(agency, &actor.facts, &MapFilter::default())
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let mut cross_functional = None;
    for (kind, title, workflow, note) in MAPS {
        let made = skipped(
            title,
            store
                .create_process_map(
                    agency,
                    NewMap {
                        kind: *kind,
                        title: (*title).into(),
                        department: None,
                        note: (*note).into(),
                        source: MapSource::Workflow(*workflow),
                    },
                    &actor,
                )
                .await,
        );
        if let Some(id) = made {
            skipped(
                "menerbitkan peta",
                store.publish_process_map(id, &actor).await,
            );
            if *kind == ProcessMapKind::CrossFunctional {
                cross_functional = Some(id);
            }
        }
    }
    if let Some(id) = cross_functional {
        review_and_bind(store, id, agency, &actor).await?;
    }
    println!("Peta proses demo siap: satu peta untuk setiap jenis (PRO-02).");
    Ok(())
}

/// Version 2 with a verification task, published and reviewed with the SOP it changed; its
/// lanes bound to a unit, to a post a Plt. holds, and to a vacant post.
async fn review_and_bind(
    store: &Store,
    id: ProcessMapId,
    agency: sikerja_domain::organisation::AgencyId,
    actor: &MapActor,
) -> anyhow::Result<()> {
    let v1 = store.process_map_version_xml(id, 1, &actor.facts).await?;
    let Some(n) = skipped(
        "versi 2",
        store
            .save_process_map_version(
                id,
                with_verification_task(&v1),
                DocumentSource::Editor,
                "Menambah verifikasi kelengkapan berkas sebelum persetujuan.",
                actor,
            )
            .await,
    ) else {
        return Ok(());
    };
    skipped(
        "menerbitkan versi 2",
        store.publish_process_map(id, actor).await,
    );
    skipped(
        "reviu",
        store
            .review_process_map(
                id,
                &ReviewInput {
                    version: n,
                    findings: "Permohonan pelibatan sering kembali karena berkas belum lengkap; rata-rata persetujuan Pejabat Penilai Kinerja dituju lebih dari tiga hari kerja (contoh fiktif).".into(),
                    decisions: "Menambah langkah verifikasi kelengkapan berkas sebelum permohonan diteruskan; SOP penunjukan lintas Unit Organisasi disesuaikan (Pasal 21 ayat (3)).".into(),
                    sop_changes: vec![SopChange {
                        number: "SOP-ORG/07/2026".into(),
                        title: "SOP Penunjukan Pegawai Lintas Unit Organisasi".into(),
                    }],
                },
                actor,
            )
            .await,
    );

    // PRO-01: lanes bound to the organisation.
    let org = store.load_organisation(agency).await?;
    let held: std::collections::BTreeSet<PositionId> =
        org.employees.iter().filter_map(|e| e.position).collect();
    let unit_of_org = org
        .units
        .iter()
        .find(|u| u.name == "Bagian Organisasi")
        .map(|u| LaneTarget::Unit(u.id));
    let plt_post = org
        .positions
        .iter()
        .find(|p| p.is_head && !held.contains(&p.id) && p.acting.is_some())
        .map(|p| LaneTarget::Position(p.id));
    let vacant_post = org
        .positions
        .iter()
        .find(|p| !p.is_head && !held.contains(&p.id) && p.acting.is_none())
        .map(|p| LaneTarget::Position(p.id));
    let lanes = store.process_map_lanes(id, n, &actor.facts).await?;
    for (lane, target) in lanes.iter().zip([unit_of_org, plt_post, vacant_post]) {
        if let Some(t) = target {
            skipped(
                "mengikat lajur",
                store
                    .bind_process_map_lane(id, n, &lane.lane, Some(t), actor)
                    .await,
            );
        }
    }
    Ok(())
}
