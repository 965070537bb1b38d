//! Writing a model as a `.bpmn` document: the prefixes bpmn-js uses (`bpmn`, `bpmndi`, `dc`,
//! `di`, `xsi`), two-space indentation, elements in model order, numbers without a trailing
//! `.0` — the same model always gives the same bytes. [`OtherElement`]s are not written (the
//! model does not hold their content), nor the shapes and edges of them.

use std::fmt::Write as _;

use quick_xml::escape::escape;

use crate::model::*;

/// The document as UTF-8 XML.
pub fn write(defs: &Definitions) -> String {
    let mut w = Out::default();
    w.line(0, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let mut root = format!(
        "<bpmn:definitions xmlns:bpmn=\"{BPMN_NS}\" xmlns:bpmndi=\"{BPMNDI_NS}\" \
         xmlns:dc=\"{DC_NS}\" xmlns:di=\"{DI_NS}\" xmlns:xsi=\"{XSI_NS}\""
    );
    attr(&mut root, "id", Some(&defs.id));
    attr(&mut root, "name", defs.name.as_deref());
    attr(&mut root, "targetNamespace", Some(&defs.target_namespace));
    attr(&mut root, "exporter", defs.exporter.as_deref());
    attr(
        &mut root,
        "exporterVersion",
        defs.exporter_version.as_deref(),
    );
    root.push('>');
    w.line(0, &root);
    if let Some(c) = &defs.collaboration {
        collaboration(&mut w, c);
    }
    for p in &defs.processes {
        process(&mut w, p);
    }
    // A shape of an element not written would point to nothing.
    let others: Vec<&str> = defs.others.iter().map(|o| o.id.as_str()).collect();
    for d in &defs.diagrams {
        diagram(&mut w, d, &others);
    }
    w.line(0, "</bpmn:definitions>");
    w.0
}

#[derive(Default)]
struct Out(String);

impl Out {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.0.push_str("  ");
        }
        self.0.push_str(text);
        self.0.push('\n');
    }

    /// `<tag attrs>text</tag>` on one line.
    fn text(&mut self, depth: usize, tag: &str, attrs: &str, text: &str) {
        self.line(depth, &format!("<{tag}{attrs}>{}</{tag}>", esc(text)));
    }
}

fn attr(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(v) = value {
        let _ = write!(out, " {name}=\"{}\"", esc(v));
    }
}

/// Escaped for text and attributes alike; line ends and tabs as character references, so that
/// neither the indentation nor attribute normalisation changes them.
fn esc(s: &str) -> String {
    escape(s)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

fn attrs(pairs: &[(&str, Option<&str>)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        attr(&mut out, name, *value);
    }
    out
}

/// `<tag attrs/>` or `<tag attrs>` … `</tag>` around what `body` writes.
fn element(w: &mut Out, depth: usize, tag: &str, attrs: &str, body: impl FnOnce(&mut Out)) {
    let mut inner = Out::default();
    body(&mut inner);
    if inner.0.is_empty() {
        w.line(depth, &format!("<{tag}{attrs} />"));
    } else {
        w.line(depth, &format!("<{tag}{attrs}>"));
        for l in inner.0.lines() {
            w.line(depth + 1, l);
        }
        w.line(depth, &format!("</{tag}>"));
    }
}

fn collaboration(w: &mut Out, c: &Collaboration) {
    let a = attrs(&[("id", Some(&c.id)), ("name", c.name.as_deref())]);
    element(w, 1, "bpmn:collaboration", &a, |w| {
        for p in &c.participants {
            let a = attrs(&[
                ("id", Some(&p.id)),
                ("name", p.name.as_deref()),
                ("processRef", p.process_ref.as_deref()),
            ]);
            w.line(0, &format!("<bpmn:participant{a} />"));
        }
        for f in &c.message_flows {
            let a = attrs(&[
                ("id", Some(&f.id)),
                ("name", f.name.as_deref()),
                ("sourceRef", Some(&f.source_ref)),
                ("targetRef", Some(&f.target_ref)),
            ]);
            w.line(0, &format!("<bpmn:messageFlow{a} />"));
        }
        artifacts(w, &c.annotations, &c.associations);
    });
}

fn artifacts(w: &mut Out, annotations: &[TextAnnotation], associations: &[Association]) {
    for t in annotations {
        let a = attrs(&[("id", Some(&t.id))]);
        element(w, 0, "bpmn:textAnnotation", &a, |w| {
            if let Some(text) = &t.text {
                w.text(0, "bpmn:text", "", text);
            }
        });
    }
    for s in associations {
        let a = attrs(&[
            ("id", Some(&s.id)),
            ("sourceRef", Some(&s.source_ref)),
            ("targetRef", Some(&s.target_ref)),
        ]);
        w.line(0, &format!("<bpmn:association{a} />"));
    }
}

fn process(w: &mut Out, p: &Process) {
    let executable = p.is_executable.map(|e| if e { "true" } else { "false" });
    let a = attrs(&[
        ("id", Some(&p.id)),
        ("name", p.name.as_deref()),
        ("isExecutable", executable),
    ]);
    element(w, 1, "bpmn:process", &a, |w| {
        if let Some(d) = &p.documentation {
            w.text(0, "bpmn:documentation", "", d);
        }
        for set in &p.lane_sets {
            lane_set(w, "bpmn:laneSet", set);
        }
        content(w, p, None);
        artifacts(w, &p.annotations, &p.associations);
    });
}

fn lane_set(w: &mut Out, tag: &str, set: &LaneSet) {
    let a = attrs(&[("id", Some(&set.id))]);
    element(w, 0, tag, &a, |w| {
        for lane in &set.lanes {
            let a = attrs(&[("id", Some(&lane.id)), ("name", lane.name.as_deref())]);
            element(w, 0, "bpmn:lane", &a, |w| {
                for r in &lane.flow_node_refs {
                    w.text(0, "bpmn:flowNodeRef", "", r);
                }
                if let Some(child) = &lane.child_lane_set {
                    lane_set(w, "bpmn:childLaneSet", child);
                }
            });
        }
    });
}

/// The nodes and flows whose parent is `parent` (the process itself when `None`).
fn content(w: &mut Out, p: &Process, parent: Option<&str>) {
    for n in p
        .flow_nodes
        .iter()
        .filter(|n| n.parent.as_deref() == parent)
    {
        let a = attrs(&[
            ("id", Some(&n.id)),
            ("name", n.name.as_deref()),
            ("default", n.default.as_deref()),
        ]);
        element(w, 0, &format!("bpmn:{}", n.kind.tag()), &a, |w| {
            if let Some(d) = &n.documentation {
                w.text(0, "bpmn:documentation", "", d);
            }
            for f in &n.incoming {
                w.text(0, "bpmn:incoming", "", f);
            }
            for f in &n.outgoing {
                w.text(0, "bpmn:outgoing", "", f);
            }
            if n.kind.is_container() {
                content(w, p, Some(&n.id));
            }
        });
    }
    for f in p
        .sequence_flows
        .iter()
        .filter(|f| f.parent.as_deref() == parent)
    {
        let a = attrs(&[
            ("id", Some(&f.id)),
            ("name", f.name.as_deref()),
            ("sourceRef", Some(&f.source_ref)),
            ("targetRef", Some(&f.target_ref)),
        ]);
        element(w, 0, "bpmn:sequenceFlow", &a, |w| {
            if let Some(c) = &f.condition {
                w.text(
                    0,
                    "bpmn:conditionExpression",
                    " xsi:type=\"bpmn:tFormalExpression\"",
                    c,
                );
            }
        });
    }
}

fn number(v: f64) -> String {
    format!("{v}")
}

fn bounds(w: &mut Out, b: &Bounds) {
    w.line(
        0,
        &format!(
            "<dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />",
            number(b.x),
            number(b.y),
            number(b.width),
            number(b.height)
        ),
    );
}

fn label(w: &mut Out, b: &Option<Bounds>) {
    if let Some(b) = b {
        element(w, 0, "bpmndi:BPMNLabel", "", |w| bounds(w, b));
    }
}

fn diagram(w: &mut Out, d: &Diagram, others: &[&str]) {
    let a = attrs(&[("id", Some(&d.id)), ("name", d.name.as_deref())]);
    element(w, 1, "bpmndi:BPMNDiagram", &a, |w| {
        let a = attrs(&[
            ("id", Some(&d.plane.id)),
            ("bpmnElement", d.plane.bpmn_element.as_deref()),
        ]);
        element(w, 0, "bpmndi:BPMNPlane", &a, |w| {
            for s in d
                .plane
                .shapes
                .iter()
                .filter(|s| !others.contains(&s.bpmn_element.as_str()))
            {
                let flag = |b: Option<bool>| b.map(|b| if b { "true" } else { "false" });
                let a = attrs(&[
                    ("id", Some(&s.id)),
                    ("bpmnElement", Some(&s.bpmn_element)),
                    ("isHorizontal", flag(s.is_horizontal)),
                    ("isExpanded", flag(s.is_expanded)),
                ]);
                element(w, 0, "bpmndi:BPMNShape", &a, |w| {
                    bounds(w, &s.bounds);
                    label(w, &s.label);
                });
            }
            for e in d
                .plane
                .edges
                .iter()
                .filter(|e| !others.contains(&e.bpmn_element.as_str()))
            {
                let a = attrs(&[("id", Some(&e.id)), ("bpmnElement", Some(&e.bpmn_element))]);
                element(w, 0, "bpmndi:BPMNEdge", &a, |w| {
                    for p in &e.waypoints {
                        w.line(
                            0,
                            &format!(
                                "<di:waypoint x=\"{}\" y=\"{}\" />",
                                number(p.x),
                                number(p.y)
                            ),
                        );
                    }
                    label(w, &e.label);
                });
            }
        });
    });
}
