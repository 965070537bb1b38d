//! What changed between two versions of a map (PRO-03), element by element and by id, for the
//! pages to colour on the diagram: flow nodes (name, kind, lane, flows in and out), sequence
//! flows (name, ends, condition), lanes (name), participants (name, process), message flows,
//! text annotations (text), and where a shape moved. Listed in the order of the new version,
//! then what was removed in the order of the old one.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::model::*;

/// The kind of element a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementKind {
    FlowNode,
    SequenceFlow,
    Lane,
    Participant,
    MessageFlow,
    TextAnnotation,
}

/// Which property of an element changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    /// The element name (a task became a user task, a gateway another gateway).
    Kind,
    /// The lane holding a flow node.
    Lane,
    /// The flows into a node.
    Incoming,
    /// The flows out of a node.
    Outgoing,
    /// A flow's or a message flow's source.
    Source,
    /// A flow's or a message flow's target.
    Target,
    /// A sequence flow's condition.
    Condition,
    /// An annotation's text.
    Text,
    /// A participant's process.
    Process,
    /// The shape or edge on the diagram.
    Position,
}

/// One changed property, before and after (empty when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// What happened to an element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", content = "fields", rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed(Vec<FieldChange>),
}

/// One element's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementChange {
    pub id: String,
    pub kind: ElementKind,
    pub change: Change,
}

/// The comparable facts of one element, by field.
type Facts = BTreeMap<&'static str, String>;

fn field_of(key: &str) -> Field {
    match key {
        "name" => Field::Name,
        "kind" => Field::Kind,
        "lane" => Field::Lane,
        "incoming" => Field::Incoming,
        "outgoing" => Field::Outgoing,
        "source" => Field::Source,
        "target" => Field::Target,
        "condition" => Field::Condition,
        "text" => Field::Text,
        "process" => Field::Process,
        _ => Field::Position,
    }
}

fn s(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// Where each element is drawn: its shape's bounds or its edge's waypoints (the first diagram
/// drawing it).
fn positions(defs: &Definitions) -> HashMap<&str, String> {
    let mut out = HashMap::new();
    for d in &defs.diagrams {
        for sh in &d.plane.shapes {
            let b = sh.bounds;
            out.entry(sh.bpmn_element.as_str())
                .or_insert_with(|| format!("{} {} {} {}", b.x, b.y, b.width, b.height));
        }
        for e in &d.plane.edges {
            out.entry(e.bpmn_element.as_str()).or_insert_with(|| {
                e.waypoints
                    .iter()
                    .map(|p| format!("{},{}", p.x, p.y))
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        }
    }
    out
}

/// Every element the diff compares, with its facts, in document order.
fn elements(defs: &Definitions) -> Vec<(String, ElementKind, Facts)> {
    let positions = positions(defs);
    let mut out = Vec::new();
    let mut push = |id: &str, kind: ElementKind, mut facts: Facts| {
        facts.insert("position", positions.get(id).cloned().unwrap_or_default());
        out.push((id.to_owned(), kind, facts));
    };
    if let Some(c) = &defs.collaboration {
        for p in &c.participants {
            push(
                &p.id,
                ElementKind::Participant,
                Facts::from([("name", s(&p.name)), ("process", s(&p.process_ref))]),
            );
        }
        for f in &c.message_flows {
            push(
                &f.id,
                ElementKind::MessageFlow,
                Facts::from([
                    ("name", s(&f.name)),
                    ("source", f.source_ref.clone()),
                    ("target", f.target_ref.clone()),
                ]),
            );
        }
        for a in &c.annotations {
            push(
                &a.id,
                ElementKind::TextAnnotation,
                Facts::from([("text", s(&a.text))]),
            );
        }
    }
    for p in &defs.processes {
        for lane in p.all_lanes() {
            push(
                &lane.id,
                ElementKind::Lane,
                Facts::from([("name", s(&lane.name))]),
            );
        }
        for n in &p.flow_nodes {
            push(
                &n.id,
                ElementKind::FlowNode,
                Facts::from([
                    ("name", s(&n.name)),
                    ("kind", n.kind.tag().to_owned()),
                    (
                        "lane",
                        p.lane_of(&n.id).map(|l| l.id.clone()).unwrap_or_default(),
                    ),
                    ("incoming", sorted(&n.incoming)),
                    ("outgoing", sorted(&n.outgoing)),
                ]),
            );
        }
        for f in &p.sequence_flows {
            push(
                &f.id,
                ElementKind::SequenceFlow,
                Facts::from([
                    ("name", s(&f.name)),
                    ("source", f.source_ref.clone()),
                    ("target", f.target_ref.clone()),
                    ("condition", s(&f.condition)),
                ]),
            );
        }
        for a in &p.annotations {
            push(
                &a.id,
                ElementKind::TextAnnotation,
                Facts::from([("text", s(&a.text))]),
            );
        }
    }
    out
}

fn sorted(ids: &[String]) -> String {
    let mut v = ids.to_vec();
    v.sort();
    v.join(" ")
}

/// The changes from `before` to `after`.
pub fn diff(before: &Definitions, after: &Definitions) -> Vec<ElementChange> {
    let old = elements(before);
    let new = elements(after);
    let old_by_id: HashMap<&str, &Facts> = old.iter().map(|(i, _, f)| (i.as_str(), f)).collect();
    let new_ids: HashSet<&str> = new.iter().map(|(i, _, _)| i.as_str()).collect();
    let mut out = Vec::new();
    for (id, kind, facts) in &new {
        match old_by_id.get(id.as_str()) {
            None => out.push(ElementChange {
                id: id.clone(),
                kind: *kind,
                change: Change::Added,
            }),
            Some(was) => {
                let fields: Vec<FieldChange> = facts
                    .iter()
                    .filter(|(k, v)| was.get(*k) != Some(v))
                    .map(|(k, v)| FieldChange {
                        field: field_of(k),
                        before: was.get(*k).cloned().unwrap_or_default(),
                        after: v.clone(),
                    })
                    .collect();
                if !fields.is_empty() {
                    out.push(ElementChange {
                        id: id.clone(),
                        kind: *kind,
                        change: Change::Changed(fields),
                    });
                }
            }
        }
    }
    for (id, kind, _) in &old {
        if !new_ids.contains(id.as_str()) {
            out.push(ElementChange {
                id: id.clone(),
                kind: *kind,
                change: Change::Removed,
            });
        }
    }
    out
}
