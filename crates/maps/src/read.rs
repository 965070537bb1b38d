//! Reading an uploaded `.bpmn` (PRO-01): the XML tree ([`crate::tree`]), the root, every id of
//! the document, the model, then the checks of [`crate::check`]. A document is either read
//! whole or refused with every finding.

use std::collections::{HashMap, HashSet};

use crate::check::{check, is_xml_name};
use crate::model::*;
use crate::problem::{Problem, ProblemKind, Refused};
use crate::tree::{Element, parse};

/// Reads and checks a `.bpmn` document.
pub fn read(bytes: &[u8]) -> Result<Definitions, Refused> {
    let root = parse(bytes)?;
    if !root.is(BPMN_NS, "definitions") {
        let found = if root.ns.is_empty() {
            root.local.clone()
        } else {
            format!("{{{}}}{}", root.ns, root.local)
        };
        return Err(Refused::one(
            Problem::new(ProblemKind::NotBpmn)
                .on_line(root.line)
                .detail(format!("Elemen akar yang ditemukan: {found}.")),
        ));
    }
    let mut reader = Reader::default();
    reader.ids(&root);
    let mut defs = reader.definitions(&root);
    let modelled: HashSet<String> = defs
        .ids()
        .into_iter()
        .map(|(id, _)| id.to_owned())
        .collect();
    reader.others(&root, &modelled, &mut defs.others);
    let mut problems = reader.problems;
    for mut p in check(&defs) {
        // The reader found ids and references first; the checks repeat some in other words.
        if problems
            .iter()
            .any(|q| q.kind == p.kind && q.element == p.element)
        {
            continue;
        }
        if p.line.is_none() {
            p.line = p
                .element
                .as_ref()
                .and_then(|e| reader.lines.get(e).copied());
        }
        problems.push(p);
    }
    if problems.is_empty() {
        Ok(defs)
    } else {
        Err(Refused { problems })
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
    /// The line of each id's first element.
    lines: HashMap<String, usize>,
}

impl Reader {
    /// Every `id` of the document, whatever its namespace: valid names, no two alike.
    fn ids(&mut self, e: &Element) {
        if let Some(id) = e.attr("id") {
            if !is_xml_name(id) {
                self.problems
                    .push(Problem::new(ProblemKind::InvalidId).at(id).on_line(e.line));
            } else if self.lines.contains_key(id) {
                self.problems.push(
                    Problem::new(ProblemKind::DuplicateId)
                        .at(id)
                        .on_line(e.line),
                );
            } else {
                self.lines.insert(id.to_owned(), e.line);
            }
        }
        for c in &e.children {
            self.ids(c);
        }
    }

    /// Elements of the BPMN namespace with an id the model does not hold.
    fn others(&self, e: &Element, modelled: &HashSet<String>, out: &mut Vec<OtherElement>) {
        if e.ns == BPMN_NS
            && let Some(id) = e.attr("id")
            && !modelled.contains(id)
            && !out.iter().any(|o| o.id == id)
        {
            out.push(OtherElement {
                id: id.to_owned(),
                tag: e.local.clone(),
            });
        }
        for c in &e.children {
            self.others(c, modelled, out);
        }
    }

    fn id(&mut self, e: &Element) -> String {
        match e.attr("id") {
            Some(id) => id.to_owned(),
            None => {
                self.problems.push(
                    Problem::new(ProblemKind::MissingId)
                        .on_line(e.line)
                        .detail(format!("Elemen {} tanpa id.", e.local)),
                );
                String::new()
            }
        }
    }

    fn required(&mut self, e: &Element, attr: &str, id: &str) -> String {
        match e.attr(attr) {
            Some(v) => v.to_owned(),
            None => {
                self.problems.push(
                    Problem::new(ProblemKind::MissingAttribute)
                        .at(id)
                        .on_line(e.line)
                        .detail(format!("Atribut {attr} pada {} tidak ada.", e.local)),
                );
                String::new()
            }
        }
    }

    fn definitions(&mut self, root: &Element) -> Definitions {
        let id = self.id(root);
        let target_namespace = self.required(root, "targetNamespace", &id);
        let mut defs = Definitions {
            name: opt(root.attr("name")),
            target_namespace,
            exporter: opt(root.attr("exporter")),
            exporter_version: opt(root.attr("exporterVersion")),
            id,
            ..Definitions::default()
        };
        for c in &root.children {
            if c.is(BPMN_NS, "collaboration") {
                if defs.collaboration.is_some() {
                    // A second collaboration is kept as an other element (its id resolves).
                    continue;
                }
                defs.collaboration = Some(self.collaboration(c));
            } else if c.is(BPMN_NS, "process") {
                defs.processes.push(self.process(c));
            } else if c.is(BPMNDI_NS, "BPMNDiagram") {
                defs.diagrams.push(self.diagram(c));
            }
        }
        defs
    }

    fn collaboration(&mut self, e: &Element) -> Collaboration {
        let mut out = Collaboration {
            id: self.id(e),
            name: opt(e.attr("name")),
            ..Collaboration::default()
        };
        for c in e.children_in(BPMN_NS) {
            match c.local.as_str() {
                "participant" => out.participants.push(Participant {
                    id: self.id(c),
                    name: opt(c.attr("name")),
                    process_ref: opt(c.attr("processRef")),
                }),
                "messageFlow" => {
                    let id = self.id(c);
                    out.message_flows.push(MessageFlow {
                        name: opt(c.attr("name")),
                        source_ref: self.required(c, "sourceRef", &id),
                        target_ref: self.required(c, "targetRef", &id),
                        id,
                    });
                }
                "textAnnotation" => out.annotations.push(self.annotation(c)),
                "association" => out.associations.push(self.association(c)),
                _ => {}
            }
        }
        out
    }

    fn annotation(&mut self, e: &Element) -> TextAnnotation {
        TextAnnotation {
            id: self.id(e),
            text: e
                .children_in(BPMN_NS)
                .find(|t| t.local == "text")
                .map(|t| t.text.clone()),
        }
    }

    fn association(&mut self, e: &Element) -> Association {
        let id = self.id(e);
        Association {
            source_ref: self.required(e, "sourceRef", &id),
            target_ref: self.required(e, "targetRef", &id),
            id,
        }
    }

    fn process(&mut self, e: &Element) -> Process {
        let mut out = Process {
            id: self.id(e),
            name: opt(e.attr("name")),
            is_executable: e.attr("isExecutable").map(|v| v == "true"),
            documentation: documentation(e),
            ..Process::default()
        };
        for c in e.children_in(BPMN_NS) {
            if c.local == "laneSet" {
                out.lane_sets.push(self.lane_set(c));
            }
        }
        self.content(e, None, &mut out);
        out
    }

    /// The flow nodes, flows and artifacts of a process or a sub-process; those of a
    /// sub-process after those around it (the order [`crate::write`] gives back).
    fn content(&mut self, e: &Element, parent: Option<&str>, out: &mut Process) {
        let mut containers = Vec::new();
        for c in e.children_in(BPMN_NS) {
            if let Some(kind) = FlowNodeKind::from_tag(&c.local) {
                let node = FlowNode {
                    id: self.id(c),
                    kind,
                    name: opt(c.attr("name")),
                    documentation: documentation(c),
                    parent: parent.map(str::to_owned),
                    incoming: refs(c, "incoming"),
                    outgoing: refs(c, "outgoing"),
                    default: opt(c.attr("default")),
                };
                let id = node.id.clone();
                out.flow_nodes.push(node);
                if kind.is_container() {
                    containers.push((c, id));
                }
                continue;
            }
            match c.local.as_str() {
                "sequenceFlow" => {
                    let id = self.id(c);
                    out.sequence_flows.push(SequenceFlow {
                        name: opt(c.attr("name")),
                        source_ref: self.required(c, "sourceRef", &id),
                        target_ref: self.required(c, "targetRef", &id),
                        condition: c
                            .children_in(BPMN_NS)
                            .find(|x| x.local == "conditionExpression")
                            .map(|x| x.text.trim().to_owned()),
                        parent: parent.map(str::to_owned),
                        id,
                    });
                }
                "textAnnotation" => out.annotations.push(self.annotation(c)),
                "association" => out.associations.push(self.association(c)),
                _ => {}
            }
        }
        for (c, id) in containers {
            self.content(c, Some(&id), out);
        }
    }

    fn lane_set(&mut self, e: &Element) -> LaneSet {
        let mut out = LaneSet {
            id: self.id(e),
            lanes: Vec::new(),
        };
        for c in e.children_in(BPMN_NS).filter(|c| c.local == "lane") {
            let lane = Lane {
                id: self.id(c),
                name: opt(c.attr("name")),
                flow_node_refs: refs(c, "flowNodeRef"),
                child_lane_set: c
                    .children_in(BPMN_NS)
                    .find(|x| x.local == "childLaneSet")
                    .map(|x| self.lane_set(x)),
            };
            out.lanes.push(lane);
        }
        out
    }

    fn diagram(&mut self, e: &Element) -> Diagram {
        let id = self.id(e);
        let name = opt(e.attr("name"));
        let plane = match e.children_in(BPMNDI_NS).find(|c| c.local == "BPMNPlane") {
            Some(p) => self.plane(p),
            None => {
                self.problems.push(
                    Problem::new(ProblemKind::MissingAttribute)
                        .at(&id)
                        .on_line(e.line)
                        .detail("Diagram tanpa bpmndi:BPMNPlane."),
                );
                Plane::default()
            }
        };
        Diagram { id, name, plane }
    }

    fn plane(&mut self, e: &Element) -> Plane {
        let mut out = Plane {
            id: self.id(e),
            bpmn_element: opt(e.attr("bpmnElement")),
            ..Plane::default()
        };
        for c in e.children_in(BPMNDI_NS) {
            match c.local.as_str() {
                "BPMNShape" => {
                    let id = self.id(c);
                    let bpmn_element = self.required(c, "bpmnElement", &id);
                    let bounds = match c.children_in(DC_NS).find(|b| b.local == "Bounds") {
                        Some(b) => self.bounds(b, &id),
                        None => {
                            self.problems.push(
                                Problem::new(ProblemKind::MissingAttribute)
                                    .at(&id)
                                    .on_line(c.line)
                                    .detail("Bentuk tanpa dc:Bounds."),
                            );
                            Bounds::default()
                        }
                    };
                    let label = self.label(c, &id);
                    out.shapes.push(Shape {
                        is_horizontal: c.attr("isHorizontal").map(|v| v == "true"),
                        is_expanded: c.attr("isExpanded").map(|v| v == "true"),
                        id,
                        bpmn_element,
                        bounds,
                        label,
                    });
                }
                "BPMNEdge" => {
                    let id = self.id(c);
                    let bpmn_element = self.required(c, "bpmnElement", &id);
                    let mut waypoints = Vec::new();
                    for w in c.children_in(DI_NS).filter(|w| w.local == "waypoint") {
                        waypoints.push(Point {
                            x: self.number(w, "x", &id),
                            y: self.number(w, "y", &id),
                        });
                    }
                    if waypoints.len() < 2 {
                        self.problems.push(
                            Problem::new(ProblemKind::MissingAttribute)
                                .at(&id)
                                .on_line(c.line)
                                .detail("Garis diagram perlu sedikitnya dua di:waypoint."),
                        );
                    }
                    let label = self.label(c, &id);
                    out.edges.push(Edge {
                        id,
                        bpmn_element,
                        waypoints,
                        label,
                    });
                }
                _ => {}
            }
        }
        out
    }

    fn label(&mut self, e: &Element, id: &str) -> Option<Bounds> {
        let label = e.children_in(BPMNDI_NS).find(|l| l.local == "BPMNLabel")?;
        let b = label.children_in(DC_NS).find(|b| b.local == "Bounds")?;
        Some(self.bounds(b, id))
    }

    fn bounds(&mut self, e: &Element, id: &str) -> Bounds {
        Bounds {
            x: self.number(e, "x", id),
            y: self.number(e, "y", id),
            width: self.number(e, "width", id),
            height: self.number(e, "height", id),
        }
    }

    fn number(&mut self, e: &Element, attr: &str, id: &str) -> f64 {
        let Some(raw) = e.attr(attr) else {
            self.problems.push(
                Problem::new(ProblemKind::MissingAttribute)
                    .at(id)
                    .on_line(e.line)
                    .detail(format!("Atribut {attr} pada {} tidak ada.", e.local)),
            );
            return 0.0;
        };
        match raw.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                self.problems.push(
                    Problem::new(ProblemKind::InvalidNumber)
                        .at(id)
                        .on_line(e.line)
                        .detail(format!("Nilai {attr}=\"{raw}\" bukan bilangan.")),
                );
                0.0
            }
        }
    }
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            x: 0.0,
            y: 0.0,
            width: 0.0,
            height: 0.0,
        }
    }
}

fn opt(v: Option<&str>) -> Option<String> {
    v.map(str::to_owned)
}

fn documentation(e: &Element) -> Option<String> {
    e.children_in(BPMN_NS)
        .find(|c| c.local == "documentation")
        .map(|c| c.text.clone())
}

/// The texts of the children named `local` (`incoming`, `flowNodeRef`), trimmed.
fn refs(e: &Element, local: &str) -> Vec<String> {
    e.children_in(BPMN_NS)
        .filter(|c| c.local == local)
        .map(|c| c.text.trim().to_owned())
        .collect()
}
