//! Reading, checking and writing (PRO-01): each refusal with its code, a map drawn elsewhere,
//! the round trip.

use crate::model::*;
use crate::problem::{MAX_BYTES, ProblemKind};
use crate::{read, write};

const SPIFF: &str = include_str!("../tests/data/spiff_cross_unit_appointment.bpmn");

/// A small sound document: one pool, two lanes, start → task → gateway → end (twice).
fn doc_with(process_extra: &str, di_extra: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="Collab">
    <bpmn:participant id="Pool" name="Dinas" processRef="P1" />
  </bpmn:collaboration>
  <bpmn:process id="P1" isExecutable="false">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Kepala Dinas">
        <bpmn:flowNodeRef>S</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>T</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="L2" name="Sekretaris">
        <bpmn:flowNodeRef>G</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>E</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S" name="Mulai"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="T" name="Periksa &amp; paraf"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:task>
    <bpmn:exclusiveGateway id="G" name="Lengkap?" default="F3"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="E"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" />
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="G" />
    <bpmn:sequenceFlow id="F3" name="Ya" sourceRef="G" targetRef="E" />
    {process_extra}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="D">
    <bpmndi:BPMNPlane id="Pl" bpmnElement="Collab">
      <bpmndi:BPMNShape id="Pool_di" bpmnElement="Pool" isHorizontal="true"><dc:Bounds x="0" y="0" width="600" height="300" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="T_di" bpmnElement="T"><dc:Bounds x="100" y="20" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="36" y="60" /><di:waypoint x="100" y="60" /></bpmndi:BPMNEdge>
      {di_extra}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"#
    )
}

fn doc() -> String {
    doc_with("", "")
}

/// The codes a document is refused with.
fn refused(xml: &str) -> Vec<&'static str> {
    match read(xml.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(r) => r.problems.iter().map(|p| p.code()).collect(),
    }
}

#[test]
fn pro_01_a_sound_document_reads() {
    let defs = read(doc().as_bytes()).unwrap();
    assert_eq!(defs.processes.len(), 1);
    let p = &defs.processes[0];
    assert_eq!(p.flow_nodes.len(), 4);
    assert_eq!(
        p.node("T").unwrap().name.as_deref(),
        Some("Periksa & paraf")
    );
    assert_eq!(p.lane_of("G").unwrap().id, "L2");
    assert_eq!(p.node("G").unwrap().default.as_deref(), Some("F3"));
    assert_eq!(defs.diagrams[0].plane.edges[0].waypoints.len(), 2);
}

#[test]
fn pro_01_a_map_drawn_elsewhere_reads() {
    // The peer baseline's map of Gambar 1, written for SpiffWorkflow: a script task, a
    // condition with an escaped "<=", documentation.
    let defs = read(SPIFF.as_bytes()).unwrap();
    let p = &defs.processes[0];
    assert_eq!(p.all_lanes().len(), 4);
    assert_eq!(
        p.node("Script_CekDurasi").unwrap().kind,
        FlowNodeKind::ScriptTask
    );
    let setuju = p
        .sequence_flows
        .iter()
        .find(|f| f.id == "Flow_Setuju")
        .unwrap();
    assert_eq!(
        setuju.condition.as_deref(),
        Some("approved == True and duration_months <= 6")
    );
}

#[test]
fn pro_01_written_documents_read_back_the_same() {
    for xml in [doc(), SPIFF.to_owned()] {
        let defs = read(xml.as_bytes()).unwrap();
        let again = read(write(&defs).as_bytes()).unwrap();
        assert_eq!(again, defs);
        assert_eq!(write(&again), write(&defs));
    }
}

#[test]
fn pro_01_texts_with_line_ends_and_markup_survive_the_round_trip() {
    let mut defs = read(doc().as_bytes()).unwrap();
    defs.processes[0].flow_nodes[1].name = Some("Periksa\nberkas <\"lengkap\"> & 'paraf'\t".into());
    defs.processes[0].documentation = Some("  baris satu\r\n  baris dua  ".into());
    let again = read(write(&defs).as_bytes()).unwrap();
    assert_eq!(again, defs);
}

#[test]
fn pro_01_sub_processes_and_nested_lanes_round_trip() {
    let xml = doc_with(
        r#"<bpmn:subProcess id="Sub" name="Rinci"><bpmn:startEvent id="SubS"><bpmn:outgoing>SubF</bpmn:outgoing></bpmn:startEvent><bpmn:endEvent id="SubE"><bpmn:incoming>SubF</bpmn:incoming></bpmn:endEvent><bpmn:sequenceFlow id="SubF" sourceRef="SubS" targetRef="SubE" /></bpmn:subProcess>
        <bpmn:laneSet id="LS2"><bpmn:lane id="Outer"><bpmn:childLaneSet id="CLS"><bpmn:lane id="Inner"><bpmn:flowNodeRef>Sub</bpmn:flowNodeRef></bpmn:lane></bpmn:childLaneSet></bpmn:lane></bpmn:laneSet>
        <bpmn:dataObjectReference id="Doc1" name="Surat" />"#,
        r#"<bpmndi:BPMNShape id="Doc1_di" bpmnElement="Doc1"><dc:Bounds x="1" y="1" width="36" height="50" /></bpmndi:BPMNShape>"#,
    );
    let defs = read(xml.as_bytes()).unwrap();
    let p = &defs.processes[0];
    assert_eq!(p.node("SubS").unwrap().parent.as_deref(), Some("Sub"));
    assert_eq!(p.lane_of("Sub").unwrap().id, "Inner");
    assert!(
        defs.others
            .iter()
            .any(|o| o.id == "Doc1" && o.tag == "dataObjectReference")
    );
    let written = write(&defs);
    assert!(written.contains("<bpmn:subProcess id=\"Sub\" name=\"Rinci\">"));
    // The data object is not written (the subset does not hold its content), nor its shape.
    assert!(!written.contains("Doc1"));
    let again = read(written.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.processes, defs.processes);
    assert!(again.others.is_empty());
}

#[test]
fn pro_01_refuses_too_large() {
    let mut big = doc().into_bytes();
    big.resize(MAX_BYTES + 1, b' ');
    assert_eq!(
        refused(std::str::from_utf8(&big).unwrap()),
        ["bpmn_too_large"]
    );
}

#[test]
fn pro_01_refuses_what_is_not_xml() {
    assert_eq!(refused("bukan xml sama sekali"), ["bpmn_not_xml"]);
    assert_eq!(refused(""), ["bpmn_not_xml"]);
    let broken = doc().replace("</bpmn:process>", "");
    let err = read(broken.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "bpmn_not_xml");
    // Said in Indonesian, with the line the parser stopped at.
    assert_eq!(
        err.problems[0].detail.as_deref(),
        Some("Seharusnya </bpmn:process>, ditemukan </bpmn:definitions>.")
    );
    assert!(err.problems[0].line.is_some(), "{err}");
    let twice = doc().replace("<bpmn:task id=\"T\"", "<bpmn:task id=\"T\" id=\"U\"");
    assert_eq!(
        read(twice.as_bytes()).unwrap_err().problems[0]
            .detail
            .as_deref(),
        Some("Atribut yang sama ditulis dua kali pada satu elemen.")
    );
    assert_eq!(
        refused(&doc().replace("Mulai", "Mulai\u{0}")),
        ["bpmn_not_xml"]
    );
    assert_eq!(
        refused(&doc().replace("Mulai", "Mulai\u{1b}")),
        ["bpmn_not_xml"]
    );
    assert_eq!(
        read(&[0xff, 0xfe, 0x00]).unwrap_err().code(),
        "bpmn_not_xml"
    );
    assert_eq!(
        refused(&doc().replace("bpmn:task id", "bpmnx:task id")),
        ["bpmn_not_xml"]
    );
}

#[test]
fn pro_01_refuses_a_doctype_and_entities_xxe() {
    let xxe = doc().replace(
        "<bpmn:definitions",
        "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<bpmn:definitions",
    );
    assert_eq!(refused(&xxe), ["bpmn_doctype"]);
    let message = read(xxe.as_bytes()).unwrap_err().problems[0].message();
    assert!(message.contains("DOCTYPE"), "{message}");
    let lower = doc().replace(
        "<bpmn:definitions",
        "<!doctype bpmn:definitions>\n<bpmn:definitions",
    );
    assert_eq!(refused(&lower), ["bpmn_doctype"]);
    // An undeclared entity is refused the same way, never resolved.
    assert_eq!(refused(&doc().replace("Mulai", "&xxe;")), ["bpmn_doctype"]);
}

#[test]
fn pro_01_refuses_what_is_not_bpmn_2_0() {
    assert_eq!(refused("<definitions id=\"x\" />"), ["bpmn_not_bpmn"]);
    // BPMN 1.x-like or another namespace.
    let other = doc().replace(
        "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"",
        "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/2005/MODEL\"",
    );
    assert_eq!(refused(&other), ["bpmn_not_bpmn"]);
    assert_eq!(refused("<html><body/></html>"), ["bpmn_not_bpmn"]);
}

#[test]
fn pro_01_refuses_too_many_elements() {
    let many = "<x/>".repeat(5_001);
    let xml = doc_with(
        &format!("<bpmn:extensionElements>{many}</bpmn:extensionElements>"),
        "",
    );
    assert_eq!(refused(&xml), ["bpmn_too_many_elements"]);
    let deep = "<a>".repeat(70) + &"</a>".repeat(70);
    assert_eq!(refused(&doc_with(&deep, "")), ["bpmn_too_many_elements"]);
}

#[test]
fn pro_01_refuses_duplicate_ids() {
    let xml = doc().replace("<bpmn:endEvent id=\"E\"", "<bpmn:endEvent id=\"T\"");
    let err = read(xml.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "bpmn_duplicate_id");
    let first = &err.problems[0];
    assert_eq!(first.element.as_deref(), Some("T"));
    assert!(first.line.is_some());
}

#[test]
fn pro_01_refuses_missing_and_invalid_ids() {
    assert_eq!(
        refused(&doc().replace("<bpmn:endEvent id=\"E\">", "<bpmn:endEvent>"))[0],
        "bpmn_missing_id"
    );
    assert_eq!(
        refused(&doc().replace("id=\"LS\"", "id=\"1 LS\"")),
        ["bpmn_invalid_id"]
    );
}

#[test]
fn pro_01_refuses_missing_attributes_and_bad_numbers() {
    assert_eq!(
        refused(&doc().replace(" sourceRef=\"S\"", ""))[0],
        "bpmn_missing_attribute"
    );
    assert_eq!(
        refused(&doc().replace("width=\"100\"", "width=\"lebar\"")),
        ["bpmn_invalid_number"]
    );
    assert_eq!(
        refused(&doc().replace("width=\"100\"", "width=\"-100\"")),
        ["bpmn_invalid_number"]
    );
    assert_eq!(
        refused(&doc().replace("<di:waypoint x=\"100\" y=\"60\" />", "")),
        ["bpmn_missing_attribute"]
    );
}

#[test]
fn pro_01_refuses_a_document_without_a_process() {
    let xml = r#"<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x"><bpmn:message id="M" /></bpmn:definitions>"#;
    assert_eq!(refused(xml), ["bpmn_no_process"]);
}

#[test]
fn pro_01_refuses_a_flow_to_nothing() {
    let xml = doc().replace("targetRef=\"T\"", "targetRef=\"Hilang\"");
    let err = read(xml.as_bytes()).unwrap_err();
    assert!(err.has(ProblemKind::FlowUnknownNode), "{err}");
    let p = err
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::FlowUnknownNode)
        .unwrap();
    assert_eq!(p.element.as_deref(), Some("F1"));
    assert!(p.message().contains("Hilang"), "{}", p.message());
}

#[test]
fn pro_01_refuses_a_node_naming_a_flow_it_is_not_on() {
    assert_eq!(
        refused(&doc().replace("default=\"F3\"", "default=\"F1\"")),
        ["bpmn_node_unknown_flow"]
    );
}

#[test]
fn pro_01_refuses_a_lane_reference_to_nothing() {
    assert_eq!(
        refused(&doc().replace(
            "<bpmn:flowNodeRef>E</bpmn:flowNodeRef>",
            "<bpmn:flowNodeRef>Hantu</bpmn:flowNodeRef>"
        )),
        ["bpmn_lane_unknown_node"]
    );
}

#[test]
fn pro_01_refuses_a_pool_of_no_process() {
    assert_eq!(
        refused(&doc().replace("processRef=\"P1\"", "processRef=\"P9\"")),
        ["bpmn_participant_unknown_process"]
    );
}

#[test]
fn pro_01_refuses_an_association_to_nothing() {
    assert_eq!(
        refused(&doc_with(
            r#"<bpmn:textAnnotation id="N"><bpmn:text>Catatan</bpmn:text></bpmn:textAnnotation><bpmn:association id="A" sourceRef="N" targetRef="Z" />"#,
            ""
        )),
        ["bpmn_unknown_reference"]
    );
}

#[test]
fn pro_01_refuses_a_shape_of_nothing() {
    assert_eq!(
        refused(&doc_with(
            "",
            r#"<bpmndi:BPMNShape id="X_di" bpmnElement="X"><dc:Bounds x="1" y="1" width="1" height="1" /></bpmndi:BPMNShape>"#
        )),
        ["bpmn_shape_unknown_element"]
    );
}

#[test]
fn pro_01_refuses_long_names_and_control_characters() {
    let long = "a".repeat(501);
    assert_eq!(
        refused(&doc().replace("name=\"Mulai\"", &format!("name=\"{long}\""))),
        ["bpmn_invalid_text"]
    );
    assert_eq!(
        refused(&doc().replace("name=\"Mulai\"", "name=\"Mu&#27;lai\"")),
        ["bpmn_invalid_text"]
    );
}

#[test]
fn pro_01_reports_every_finding_at_once() {
    let xml = doc()
        .replace("targetRef=\"T\"", "targetRef=\"Hilang\"")
        .replace("processRef=\"P1\"", "processRef=\"P9\"");
    let err = read(xml.as_bytes()).unwrap_err();
    assert!(err.has(ProblemKind::FlowUnknownNode));
    assert!(err.has(ProblemKind::ParticipantUnknownProcess));
    // Every message is Indonesian and names its element.
    for p in &err.problems {
        assert!(p.element.is_some());
        assert!(!p.message().is_empty());
    }
}

#[test]
fn pro_01_reads_by_namespace_not_by_prefix() {
    let expected = read(doc().as_bytes()).unwrap();
    // The default namespace (no prefix), and another prefix (Signavio writes "semantic:").
    let default = doc().replace("bpmn:", "").replace("xmlns:bpmn=", "xmlns=");
    assert_eq!(read(default.as_bytes()).unwrap(), expected);
    let semantic = doc()
        .replace("bpmn:", "semantic:")
        .replace("xmlns:bpmn=", "xmlns:semantic=");
    assert_eq!(read(semantic.as_bytes()).unwrap(), expected);
}

/// A chain of `n` tasks with their flows, shapes and edges (about 9 elements per task).
fn chain(n: usize) -> String {
    let mut process = String::new();
    let mut di = String::new();
    let mut lane = String::new();
    for i in 0..n {
        let incoming = if i > 0 {
            format!("<bpmn:incoming>F{i}</bpmn:incoming>")
        } else {
            String::new()
        };
        let outgoing = if i + 1 < n {
            format!("<bpmn:outgoing>F{}</bpmn:outgoing>", i + 1)
        } else {
            String::new()
        };
        process.push_str(&format!(
            "<bpmn:task id=\"T{i}\" name=\"Langkah {i}\">{incoming}{outgoing}</bpmn:task>"
        ));
        lane.push_str(&format!("<bpmn:flowNodeRef>T{i}</bpmn:flowNodeRef>"));
        di.push_str(&format!(
            "<bpmndi:BPMNShape id=\"T{i}_di\" bpmnElement=\"T{i}\"><dc:Bounds x=\"{}\" y=\"0\" width=\"100\" height=\"80\" /></bpmndi:BPMNShape>",
            i * 150
        ));
        if i + 1 < n {
            let f = i + 1;
            process.push_str(&format!(
                "<bpmn:sequenceFlow id=\"F{f}\" sourceRef=\"T{i}\" targetRef=\"T{f}\" />"
            ));
            di.push_str(&format!(
                "<bpmndi:BPMNEdge id=\"F{f}_di\" bpmnElement=\"F{f}\"><di:waypoint x=\"{}\" y=\"40\" /><di:waypoint x=\"{}\" y=\"40\" /></bpmndi:BPMNEdge>",
                i * 150 + 100,
                f * 150
            ));
        }
    }
    format!(
        r#"<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="D" targetNamespace="x"><bpmn:process id="P"><bpmn:laneSet id="LS"><bpmn:lane id="L">{lane}</bpmn:lane></bpmn:laneSet>{process}</bpmn:process><bpmndi:BPMNDiagram id="Dg"><bpmndi:BPMNPlane id="Pl" bpmnElement="P">{di}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>"#
    )
}

#[test]
fn pro_01_a_map_at_the_element_limit_reads_and_diffs() {
    // 495 tasks of 10 elements each: just under 5,000 elements.
    let xml = chain(495);
    let started = std::time::Instant::now();
    let defs = read(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let mut after = defs.clone();
    after.processes[0].flow_nodes[0].name = Some("Diubah".into());
    let changes = crate::diff(&defs, &after);
    assert_eq!(changes.len(), 1);
    eprintln!(
        "read and diff of {} bytes: {:?}",
        xml.len(),
        started.elapsed()
    );
    assert_eq!(refused(&chain(505)), ["bpmn_too_many_elements"]);
}
