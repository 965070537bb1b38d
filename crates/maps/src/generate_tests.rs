//! The workflows' maps (PEN-13..17, issue 17 point 4): sound, deterministic, tied to the
//! definitions, drawn coherently, and kept in `docs/examples/bpmn/`.

use std::collections::BTreeSet;

use sikerja_domain::workflow::{Definition, Lane as WorkflowLane, Next, StepDef, WorkflowKind};

use crate::generate::{APPROVE, REFUSE, all, file_name, lane_id, step_code, step_id};
use crate::model::*;
use crate::{Change, ElementKind, Field, check, diff, generate, read, write};

/// What the map must say of its definition; used on the five and on changed definitions.
fn assert_tied(def: &Definition, map: &Definitions) {
    let p = &map.processes[0];
    let tasks: BTreeSet<&str> = p
        .flow_nodes
        .iter()
        .filter(|n| n.kind == FlowNodeKind::UserTask)
        .filter_map(|n| step_code(&n.id))
        .collect();
    let steps: BTreeSet<&str> = def.steps.iter().map(|s| s.code).collect();
    assert_eq!(
        tasks, steps,
        "{:?}: every step a task, nothing else",
        def.kind
    );

    let lanes: Vec<(String, Option<String>)> = p
        .all_lanes()
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    let expected: Vec<(String, Option<String>)> = def
        .lanes()
        .into_iter()
        .map(|l| (lane_id(l), Some(l.label().to_owned())))
        .collect();
    assert_eq!(
        lanes, expected,
        "{:?}: the swimlane's lanes, in order",
        def.kind
    );

    for s in def.steps {
        let id = step_id(s.code);
        let node = p.node(&id).unwrap();
        assert_eq!(node.name.as_deref(), Some(s.label));
        assert_eq!(p.lane_of(&id).unwrap().id, lane_id(s.lane), "{id}");
        let next = match s.then {
            Next::Step(c) => step_id(c),
            Next::Assigned => "End_assigned".to_owned(),
            Next::Refused => format!("Refused_{}", s.code),
        };
        let out: Vec<&SequenceFlow> = p
            .sequence_flows
            .iter()
            .filter(|f| node.outgoing.contains(&f.id))
            .collect();
        assert_eq!(out.len(), 1, "{id}: one flow out");
        let gateway = format!("Gateway_{}", s.code);
        if s.refusable() {
            assert_eq!(out[0].target_ref, gateway, "{id}: to its gateway");
            let g = p.node(&gateway).unwrap();
            assert_eq!(g.kind, FlowNodeKind::ExclusiveGateway);
            let names: Vec<(Option<&str>, &str)> = p
                .sequence_flows
                .iter()
                .filter(|f| g.outgoing.contains(&f.id))
                .map(|f| (f.name.as_deref(), f.target_ref.as_str()))
                .collect();
            let refused = format!("Refused_{}", s.code);
            assert_eq!(
                names,
                [
                    (Some(APPROVE), next.as_str()),
                    (Some(REFUSE), refused.as_str())
                ],
                "{id}"
            );
            assert_eq!(p.node(&refused).unwrap().kind, FlowNodeKind::EndEvent);
        } else {
            assert_eq!(out[0].target_ref, next, "{id}: where the step leads");
            assert!(p.node(&gateway).is_none(), "{id}: no refusal, no gateway");
        }
        if let Some(letter) = s.letter {
            let note = p
                .annotations
                .iter()
                .find(|a| a.id == format!("Letter_{}", s.code))
                .unwrap();
            assert_eq!(
                note.text.as_deref(),
                Some(format!("Menerbitkan {}", letter.label()).as_str())
            );
            assert!(
                p.associations
                    .iter()
                    .any(|a| a.source_ref == note.id && a.target_ref == id)
            );
        }
        for lane in s.copies {
            let copy = format!("Copy_{}_{}", s.code, lane.code());
            assert!(p.annotations.iter().any(|a| a.id == copy), "{copy}");
        }
    }
}

#[test]
fn pen_13_17_maps_are_sound_and_read_back() {
    for (kind, map) in all() {
        assert_eq!(check(&map), Vec::new(), "{kind:?}");
        let xml = write(&map);
        let again = read(xml.as_bytes()).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(again, map, "{kind:?}");
    }
}

#[test]
fn pen_13_17_maps_are_deterministic() {
    for kind in WorkflowKind::ALL {
        let a = write(&generate(&kind.definition()));
        let b = write(&generate(&kind.definition()));
        assert_eq!(a, b, "{kind:?}");
    }
}

#[test]
fn pen_13_17_maps_follow_their_definitions() {
    for (kind, map) in all() {
        assert_tied(&kind.definition(), &map);
    }
}

#[test]
fn pen_14_gambar_1_has_its_refusals_and_letters() {
    let map = generate(&WorkflowKind::CrossUnitAppointment.definition());
    let p = &map.processes[0];
    let gateways = p
        .flow_nodes
        .iter()
        .filter(|n| n.kind == FlowNodeKind::ExclusiveGateway)
        .count();
    // The target PPK decides and the target head recommends (II.B.1.b.2–3).
    assert_eq!(gateways, 2);
    let texts: Vec<&str> = p
        .annotations
        .iter()
        .filter_map(|a| a.text.as_deref())
        .collect();
    for wanted in [
        "Menerbitkan Surat permohonan pelibatan",
        "Menerbitkan Surat Penugasan",
        "Menerbitkan Keputusan Sekretaris Daerah",
        "Tembusan: Surat permohonan pelibatan",
    ] {
        assert!(texts.contains(&wanted), "{wanted}: {texts:?}");
    }
}

/// A definition with its steps changed (leaked: definitions hold static steps).
fn changed(kind: WorkflowKind, change: impl Fn(&mut Vec<StepDef>)) -> Definition {
    let mut def = kind.definition();
    let mut steps = def.steps.to_vec();
    change(&mut steps);
    def.steps = Box::leak(steps.into_boxed_slice());
    def
}

#[test]
fn pen_14_changing_a_definition_changes_its_map() {
    let kind = WorkflowKind::CrossUnitAppointment;
    let before = generate(&kind.definition());
    // The compose step moved to the head, relabelled.
    let def = changed(kind, |steps| {
        for s in steps.iter_mut().filter(|s| s.code == "compose") {
            s.lane = WorkflowLane::TargetHead;
            s.label = "Menyusun daftar pegawai";
        }
    });
    let after = generate(&def);
    assert_tied(&def, &after);
    assert_ne!(write(&before), write(&after));
    let changes = diff(&before, &after);
    let compose = changes.iter().find(|c| c.id == "Step_compose").unwrap();
    let Change::Changed(fields) = &compose.change else {
        panic!("{compose:?}")
    };
    let names: Vec<Field> = fields.iter().map(|f| f.field).collect();
    assert!(names.contains(&Field::Name), "{names:?}");
    assert!(names.contains(&Field::Lane), "{names:?}");
    let lane = fields.iter().find(|f| f.field == Field::Lane).unwrap();
    assert_eq!(
        (lane.before.as_str(), lane.after.as_str()),
        ("Lane_target_ppk", "Lane_target_head")
    );
}

#[test]
fn pen_16_a_step_added_to_a_definition_appears_in_its_map() {
    let kind = WorkflowKind::VolunteerWithinUnit;
    let before = generate(&kind.definition());
    let def = changed(kind, |steps| {
        let mut check = steps[1];
        check.code = "ppk_check";
        check.lane = WorkflowLane::OwnPpk;
        check.label = "Memeriksa beban kerja";
        check.letter = None;
        check.then = Next::Step("head_decision");
        steps[0].then = Next::Step("ppk_check");
        steps.insert(1, check);
    });
    let after = generate(&def);
    assert_tied(&def, &after);
    let changes = diff(&before, &after);
    let added: BTreeSet<&str> = changes
        .iter()
        .filter(|c| c.change == Change::Added)
        .map(|c| c.id.as_str())
        .collect();
    for id in ["Step_ppk_check", "Gateway_ppk_check", "Lane_own_ppk"] {
        assert!(added.contains(id), "{id}: {added:?}");
    }
    assert!(
        changes
            .iter()
            .any(|c| c.id == "Flow_wish" && matches!(c.change, Change::Changed(_)))
    );
}

#[test]
fn pen_13_17_diagrams_put_each_node_in_its_lane_without_overlap() {
    for (kind, map) in all() {
        let p = &map.processes[0];
        let plane = &map.diagrams[0].plane;
        let shape = |id: &str| {
            plane
                .shapes
                .iter()
                .find(|s| s.bpmn_element == id)
                .unwrap_or_else(|| panic!("{kind:?}: no shape of {id}"))
                .bounds
        };
        let mut boxes: Vec<(&str, Bounds)> = Vec::new();
        for n in &p.flow_nodes {
            let b = shape(&n.id);
            let lane = shape(&p.lane_of(&n.id).unwrap().id);
            assert!(
                b.y >= lane.y && b.y + b.height <= lane.y + lane.height,
                "{kind:?}: {} outside its lane",
                n.id
            );
            assert!(b.x >= lane.x && b.x + b.width <= lane.x + lane.width);
            boxes.push((&n.id, b));
        }
        for a in &p.annotations {
            boxes.push((&a.id, shape(&a.id)));
        }
        for (i, (a, x)) in boxes.iter().enumerate() {
            for (b, y) in &boxes[i + 1..] {
                let apart = x.x + x.width <= y.x
                    || y.x + y.width <= x.x
                    || x.y + x.height <= y.y
                    || y.y + y.height <= x.y;
                assert!(apart, "{kind:?}: {a} overlaps {b}");
            }
        }
        // Every flow and association is drawn.
        for f in &p.sequence_flows {
            assert!(
                plane.edges.iter().any(|e| e.bpmn_element == f.id),
                "{}",
                f.id
            );
        }
        for a in &p.associations {
            assert!(
                plane.edges.iter().any(|e| e.bpmn_element == a.id),
                "{}",
                a.id
            );
        }
    }
}

/// `docs/examples/bpmn/` holds the generated maps as they are now. Regenerate with
/// `SIKERJA_UPDATE_BPMN=1 cargo test -p sikerja-maps`.
#[test]
fn pen_13_17_example_files_are_current() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/bpmn");
    let update = std::env::var_os("SIKERJA_UPDATE_BPMN").is_some();
    let mut stale = Vec::new();
    for (kind, map) in all() {
        let path = folder.join(file_name(kind));
        let xml = write(&map);
        if update {
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(&path, &xml).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(xml.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale maps {stale:?}: run SIKERJA_UPDATE_BPMN=1 cargo test -p sikerja-maps"
    );
}

#[test]
fn pro_03_diff_of_the_same_map_is_empty() {
    let map = generate(&WorkflowKind::CrossAgencyAppointment.definition());
    assert!(diff(&map, &map.clone()).is_empty());
}

#[test]
fn pro_03_diff_names_added_removed_renamed_and_moved_elements() {
    let before = generate(&WorkflowKind::WithinUnitAppointment.definition());
    let mut after = before.clone();
    let p = &mut after.processes[0];
    // Renamed.
    p.flow_nodes
        .iter_mut()
        .find(|n| n.id == "Step_assign")
        .unwrap()
        .name = Some("Menugaskan".into());
    // Removed: the letter's annotation.
    p.annotations.retain(|a| a.id != "Letter_assign");
    p.associations.retain(|a| a.source_ref != "Letter_assign");
    // Added: a task between receipt and the end.
    p.flow_nodes.push(FlowNode {
        id: "Task_report".into(),
        kind: FlowNodeKind::Task,
        name: Some("Melapor".into()),
        documentation: None,
        parent: None,
        incoming: vec![],
        outgoing: vec![],
        default: None,
    });
    // Moved on the diagram.
    for s in &mut after.diagrams[0].plane.shapes {
        if s.bpmn_element == "Start" {
            s.bounds.x += 10.0;
        }
    }
    let changes = diff(&before, &after);
    let find = |id: &str| changes.iter().find(|c| c.id == id).unwrap();
    assert_eq!(find("Task_report").change, Change::Added);
    assert_eq!(find("Task_report").kind, ElementKind::FlowNode);
    assert_eq!(find("Letter_assign").change, Change::Removed);
    assert_eq!(find("Letter_assign").kind, ElementKind::TextAnnotation);
    let Change::Changed(fields) = &find("Step_assign").change else {
        panic!()
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].field, Field::Name);
    assert_eq!(fields[0].after, "Menugaskan");
    let Change::Changed(fields) = &find("Start").change else {
        panic!()
    };
    assert_eq!(fields[0].field, Field::Position);
}

/// The generated Gambar 1 opened in the bpmn-js 18 modeler, a task added below "compose" and
/// joined to it, a step renamed and one coloured, saved (`saveXML`): what the keeper's editor
/// will send.
const EDITED_IN_BPMN_JS: &str =
    include_str!("../tests/data/bpmn_js_edited_cross_unit_appointment.bpmn");

#[test]
fn pro_03_a_map_saved_by_bpmn_js_reads_and_diffs_against_the_generated_one() {
    let edited = read(EDITED_IN_BPMN_JS.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let generated = generate(&WorkflowKind::CrossUnitAppointment.definition());
    let changes = diff(&generated, &edited);
    let added: Vec<(&str, ElementKind)> = changes
        .iter()
        .filter(|c| c.change == Change::Added)
        .map(|c| (c.id.as_str(), c.kind))
        .collect();
    assert_eq!(added.len(), 2, "{added:?}");
    assert!(added.contains(&("Activity_0i5h7ak", ElementKind::FlowNode)));
    assert!(added.iter().any(|(_, k)| *k == ElementKind::SequenceFlow));
    let new_task = edited.processes[0].node("Activity_0i5h7ak").unwrap();
    assert_eq!(
        new_task.name.as_deref(),
        Some("Memeriksa kelengkapan berkas")
    );
    // Dropped 200 px below "compose": bpmn-js put it in the lane there.
    assert_eq!(
        edited.processes[0].lane_of("Activity_0i5h7ak").unwrap().id,
        "Lane_target_head"
    );
    let changed = |id: &str| -> Vec<Field> {
        match &changes.iter().find(|c| c.id == id).unwrap().change {
            Change::Changed(fields) => fields.iter().map(|f| f.field).collect(),
            other => panic!("{id}: {other:?}"),
        }
    };
    assert_eq!(changed("Step_request"), [Field::Name]);
    assert!(changed("Step_compose").contains(&Field::Outgoing));
    // Nothing was removed; colours are not changes of the process.
    assert!(!changes.iter().any(|c| c.change == Change::Removed));
    assert!(!changes.iter().any(|c| c.id == "Step_issue"));
}
