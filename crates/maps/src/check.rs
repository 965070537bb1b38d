//! The structural checks of a map (PRO-01): what the BPMN 2.0 schema and its reference rules
//! demand of the subset, in Rust (no mature XSD validator exists for it; `docs/maps.md` lists
//! what is checked and what is not). Run on every read document and on every generated one.

use std::collections::{HashMap, HashSet};

use crate::model::*;
use crate::problem::{MAX_NAME_CHARS, MAX_TEXT_CHARS, Problem, ProblemKind};

/// Whether `s` is an XML name without a colon (`xsd:ID`, an NCName).
pub fn is_xml_name(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\u{b7}'))
}

/// Every finding, in model order; empty when the map is sound.
pub fn check(defs: &Definitions) -> Vec<Problem> {
    let mut out = Vec::new();
    ids(defs, &mut out);
    texts(defs, &mut out);
    if defs.processes.is_empty() {
        out.push(Problem::new(ProblemKind::NoProcess));
    }
    for p in &defs.processes {
        process(p, &mut out);
    }
    collaboration(defs, &mut out);
    diagrams(defs, &mut out);
    out
}

fn ids(defs: &Definitions, out: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for (id, tag) in defs.ids() {
        if id.is_empty() {
            // Reported by the reader as a missing id.
            continue;
        }
        if !is_xml_name(id) {
            out.push(
                Problem::new(ProblemKind::InvalidId)
                    .at(id)
                    .detail(format!("Elemen {tag}.")),
            );
        } else if !seen.insert(id) {
            out.push(
                Problem::new(ProblemKind::DuplicateId)
                    .at(id)
                    .detail(format!("Elemen {tag}.")),
            );
        }
    }
}

fn text(id: &str, what: &str, value: Option<&str>, max: usize, out: &mut Vec<Problem>) {
    let Some(value) = value else { return };
    let too_long = value.chars().count() > max;
    let control = value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    if too_long || control {
        let why = if too_long {
            format!("{what} lebih dari {max} karakter.")
        } else {
            format!("{what} memuat karakter kendali.")
        };
        out.push(Problem::new(ProblemKind::InvalidText).at(id).detail(why));
    }
}

fn texts(defs: &Definitions, out: &mut Vec<Problem>) {
    let name = |id: &str, v: &Option<String>, out: &mut Vec<Problem>| {
        text(id, "Nama", v.as_deref(), MAX_NAME_CHARS, out);
    };
    name(&defs.id, &defs.name, out);
    if let Some(c) = &defs.collaboration {
        name(&c.id, &c.name, out);
        for p in &c.participants {
            name(&p.id, &p.name, out);
        }
        for f in &c.message_flows {
            name(&f.id, &f.name, out);
        }
        for a in &c.annotations {
            text(&a.id, "Teks", a.text.as_deref(), MAX_TEXT_CHARS, out);
        }
    }
    for p in &defs.processes {
        name(&p.id, &p.name, out);
        text(
            &p.id,
            "Dokumentasi",
            p.documentation.as_deref(),
            MAX_TEXT_CHARS,
            out,
        );
        for lane in p.all_lanes() {
            name(&lane.id, &lane.name, out);
        }
        for n in &p.flow_nodes {
            name(&n.id, &n.name, out);
            text(
                &n.id,
                "Dokumentasi",
                n.documentation.as_deref(),
                MAX_TEXT_CHARS,
                out,
            );
        }
        for f in &p.sequence_flows {
            name(&f.id, &f.name, out);
            text(
                &f.id,
                "Kondisi",
                f.condition.as_deref(),
                MAX_TEXT_CHARS,
                out,
            );
        }
        for a in &p.annotations {
            text(&a.id, "Teks", a.text.as_deref(), MAX_TEXT_CHARS, out);
        }
    }
}

fn process(p: &Process, out: &mut Vec<Problem>) {
    let nodes: HashSet<&str> = p.flow_nodes.iter().map(|n| n.id.as_str()).collect();
    for f in &p.sequence_flows {
        for (attr, end) in [("sourceRef", &f.source_ref), ("targetRef", &f.target_ref)] {
            if !end.is_empty() && !nodes.contains(end.as_str()) {
                out.push(
                    Problem::new(ProblemKind::FlowUnknownNode)
                        .at(&f.id)
                        .detail(format!("{attr}=\"{end}\" tidak ada di proses {}.", p.id)),
                );
            }
        }
    }
    let flows: HashMap<&str, &SequenceFlow> = p
        .sequence_flows
        .iter()
        .map(|f| (f.id.as_str(), f))
        .collect();
    let flow = |id: &str| flows.get(id).copied();
    for n in &p.flow_nodes {
        for id in &n.incoming {
            if flow(id).is_none_or(|f| f.target_ref != n.id) {
                out.push(
                    Problem::new(ProblemKind::NodeUnknownFlow)
                        .at(&n.id)
                        .detail(format!("Alur masuk {id}.")),
                );
            }
        }
        for id in &n.outgoing {
            if flow(id).is_none_or(|f| f.source_ref != n.id) {
                out.push(
                    Problem::new(ProblemKind::NodeUnknownFlow)
                        .at(&n.id)
                        .detail(format!("Alur keluar {id}.")),
                );
            }
        }
        if let Some(id) = &n.default
            && flow(id).is_none_or(|f| f.source_ref != n.id)
        {
            out.push(
                Problem::new(ProblemKind::NodeUnknownFlow)
                    .at(&n.id)
                    .detail(format!("Alur bawaan {id}.")),
            );
        }
    }
    for lane in p.all_lanes() {
        for r in &lane.flow_node_refs {
            if !nodes.contains(r.as_str()) {
                out.push(
                    Problem::new(ProblemKind::LaneUnknownNode)
                        .at(&lane.id)
                        .detail(format!("flowNodeRef {r}.")),
                );
            }
        }
    }
    let known: HashSet<&str> = p
        .flow_nodes
        .iter()
        .map(|n| n.id.as_str())
        .chain(p.sequence_flows.iter().map(|f| f.id.as_str()))
        .chain(p.annotations.iter().map(|a| a.id.as_str()))
        .collect();
    associations(&p.associations, &known, out);
}

fn associations(list: &[Association], known: &HashSet<&str>, out: &mut Vec<Problem>) {
    for a in list {
        for (attr, end) in [("sourceRef", &a.source_ref), ("targetRef", &a.target_ref)] {
            if !end.is_empty() && !known.contains(end.as_str()) {
                out.push(
                    Problem::new(ProblemKind::UnknownReference)
                        .at(&a.id)
                        .detail(format!("{attr}=\"{end}\".")),
                );
            }
        }
    }
}

fn collaboration(defs: &Definitions, out: &mut Vec<Problem>) {
    let Some(c) = &defs.collaboration else { return };
    for part in &c.participants {
        if let Some(r) = &part.process_ref
            && !defs.processes.iter().any(|p| &p.id == r)
        {
            out.push(
                Problem::new(ProblemKind::ParticipantUnknownProcess)
                    .at(&part.id)
                    .detail(format!("processRef {r}.")),
            );
        }
    }
    // Message flows join pools or the nodes inside them; associations of the collaboration
    // may annotate anything of the document.
    let all: HashSet<&str> = defs.ids().into_iter().map(|(id, _)| id).collect();
    let ends: HashSet<&str> = c
        .participants
        .iter()
        .map(|p| p.id.as_str())
        .chain(
            defs.processes
                .iter()
                .flat_map(|p| p.flow_nodes.iter().map(|n| n.id.as_str())),
        )
        .collect();
    for f in &c.message_flows {
        for (attr, end) in [("sourceRef", &f.source_ref), ("targetRef", &f.target_ref)] {
            if !end.is_empty() && !ends.contains(end.as_str()) {
                out.push(
                    Problem::new(ProblemKind::UnknownReference)
                        .at(&f.id)
                        .detail(format!("{attr}=\"{end}\".")),
                );
            }
        }
    }
    associations(&c.associations, &all, out);
}

fn diagrams(defs: &Definitions, out: &mut Vec<Problem>) {
    let diagram_ids: HashSet<&str> = defs
        .diagrams
        .iter()
        .flat_map(|d| {
            [d.id.as_str(), d.plane.id.as_str()]
                .into_iter()
                .chain(d.plane.shapes.iter().map(|s| s.id.as_str()))
                .chain(d.plane.edges.iter().map(|e| e.id.as_str()))
        })
        .collect();
    let elements: HashSet<&str> = defs
        .ids()
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| !diagram_ids.contains(id))
        .collect();
    let unknown = |id: &str, reference: &str, out: &mut Vec<Problem>| {
        if !reference.is_empty() && !elements.contains(reference) {
            out.push(
                Problem::new(ProblemKind::ShapeUnknownElement)
                    .at(id)
                    .detail(format!("bpmnElement=\"{reference}\".")),
            );
        }
    };
    for d in &defs.diagrams {
        if let Some(r) = &d.plane.bpmn_element {
            unknown(&d.plane.id, r, out);
        }
        for s in &d.plane.shapes {
            unknown(&s.id, &s.bpmn_element, out);
            for b in std::iter::once(&s.bounds).chain(s.label.as_ref()) {
                negative(&s.id, b, out);
            }
        }
        for e in &d.plane.edges {
            unknown(&e.id, &e.bpmn_element, out);
            if let Some(b) = &e.label {
                negative(&e.id, b, out);
            }
        }
    }
}

fn negative(id: &str, b: &Bounds, out: &mut Vec<Problem>) {
    if b.width < 0.0 || b.height < 0.0 {
        out.push(
            Problem::new(ProblemKind::InvalidNumber)
                .at(id)
                .detail("Lebar atau tinggi negatif."),
        );
    }
}
