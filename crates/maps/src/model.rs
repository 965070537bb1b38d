//! The BPMN 2.0 subset Sikerja reads and writes (PRO-01): definitions with their processes and
//! an optional collaboration (participants, message flows), lanes (nested lane sets allowed),
//! flow nodes, sequence flows, text annotations and associations, and the diagram (BPMN DI:
//! shapes with `dc:Bounds`, edges with `di:waypoint`).
//!
//! Every flow node kind of BPMN 2.0 is recognised by its element name so that a map drawn with
//! more than the subset still reads (a parallel gateway, a script task, a sub-process); what
//! such a node carries beyond id, name, documentation and flows (event definitions, scripts,
//! loop characteristics) is not kept. Other elements of the BPMN namespace with an id (data
//! objects, groups, messages, …) are kept as [`OtherElement`] only, so that references to them
//! resolve. `docs/maps.md` lists what is checked.

use serde::Serialize;

/// The BPMN 2.0 model namespace.
pub const BPMN_NS: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
/// The BPMN 2.0 diagram interchange namespace.
pub const BPMNDI_NS: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
/// The diagram-common namespace (`dc:Bounds`).
pub const DC_NS: &str = "http://www.omg.org/spec/DD/20100524/DC";
/// The diagram-interchange namespace (`di:waypoint`).
pub const DI_NS: &str = "http://www.omg.org/spec/DD/20100524/DI";
/// XML Schema instance (`xsi:type` of a condition expression).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A whole `.bpmn` document (`bpmn:definitions`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Definitions {
    pub id: String,
    pub name: Option<String>,
    pub target_namespace: String,
    pub exporter: Option<String>,
    pub exporter_version: Option<String>,
    pub collaboration: Option<Collaboration>,
    pub processes: Vec<Process>,
    pub diagrams: Vec<Diagram>,
    /// Elements of the BPMN namespace with an id that the subset does not model.
    pub others: Vec<OtherElement>,
}

/// `bpmn:collaboration`: the pools of a map and the messages between them.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Collaboration {
    pub id: String,
    pub name: Option<String>,
    pub participants: Vec<Participant>,
    pub message_flows: Vec<MessageFlow>,
    pub annotations: Vec<TextAnnotation>,
    pub associations: Vec<Association>,
}

/// `bpmn:participant`: a pool, usually showing one process.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participant {
    pub id: String,
    pub name: Option<String>,
    pub process_ref: Option<String>,
}

/// `bpmn:messageFlow` between pools or their nodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageFlow {
    pub id: String,
    pub name: Option<String>,
    pub source_ref: String,
    pub target_ref: String,
}

/// `bpmn:process`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Process {
    pub id: String,
    pub name: Option<String>,
    pub is_executable: Option<bool>,
    pub documentation: Option<String>,
    pub lane_sets: Vec<LaneSet>,
    /// Every flow node, those inside sub-processes too (with their `parent`), in document
    /// order.
    pub flow_nodes: Vec<FlowNode>,
    pub sequence_flows: Vec<SequenceFlow>,
    pub annotations: Vec<TextAnnotation>,
    pub associations: Vec<Association>,
}

/// `bpmn:laneSet`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct LaneSet {
    pub id: String,
    pub lanes: Vec<Lane>,
}

/// `bpmn:lane`: a swimlane, with the flow nodes it holds and, optionally, lanes inside it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Lane {
    pub id: String,
    pub name: Option<String>,
    pub flow_node_refs: Vec<String>,
    pub child_lane_set: Option<LaneSet>,
}

/// The element name of a flow node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FlowNodeKind {
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    Task,
    UserTask,
    ManualTask,
    ServiceTask,
    ScriptTask,
    SendTask,
    ReceiveTask,
    BusinessRuleTask,
    CallActivity,
    SubProcess,
    Transaction,
    AdHocSubProcess,
    ExclusiveGateway,
    InclusiveGateway,
    ParallelGateway,
    EventBasedGateway,
    ComplexGateway,
}

impl FlowNodeKind {
    pub const ALL: [FlowNodeKind; 22] = [
        FlowNodeKind::StartEvent,
        FlowNodeKind::EndEvent,
        FlowNodeKind::IntermediateCatchEvent,
        FlowNodeKind::IntermediateThrowEvent,
        FlowNodeKind::BoundaryEvent,
        FlowNodeKind::Task,
        FlowNodeKind::UserTask,
        FlowNodeKind::ManualTask,
        FlowNodeKind::ServiceTask,
        FlowNodeKind::ScriptTask,
        FlowNodeKind::SendTask,
        FlowNodeKind::ReceiveTask,
        FlowNodeKind::BusinessRuleTask,
        FlowNodeKind::CallActivity,
        FlowNodeKind::SubProcess,
        FlowNodeKind::Transaction,
        FlowNodeKind::AdHocSubProcess,
        FlowNodeKind::ExclusiveGateway,
        FlowNodeKind::InclusiveGateway,
        FlowNodeKind::ParallelGateway,
        FlowNodeKind::EventBasedGateway,
        FlowNodeKind::ComplexGateway,
    ];

    /// The element's local name in the BPMN namespace.
    pub fn tag(self) -> &'static str {
        match self {
            FlowNodeKind::StartEvent => "startEvent",
            FlowNodeKind::EndEvent => "endEvent",
            FlowNodeKind::IntermediateCatchEvent => "intermediateCatchEvent",
            FlowNodeKind::IntermediateThrowEvent => "intermediateThrowEvent",
            FlowNodeKind::BoundaryEvent => "boundaryEvent",
            FlowNodeKind::Task => "task",
            FlowNodeKind::UserTask => "userTask",
            FlowNodeKind::ManualTask => "manualTask",
            FlowNodeKind::ServiceTask => "serviceTask",
            FlowNodeKind::ScriptTask => "scriptTask",
            FlowNodeKind::SendTask => "sendTask",
            FlowNodeKind::ReceiveTask => "receiveTask",
            FlowNodeKind::BusinessRuleTask => "businessRuleTask",
            FlowNodeKind::CallActivity => "callActivity",
            FlowNodeKind::SubProcess => "subProcess",
            FlowNodeKind::Transaction => "transaction",
            FlowNodeKind::AdHocSubProcess => "adHocSubProcess",
            FlowNodeKind::ExclusiveGateway => "exclusiveGateway",
            FlowNodeKind::InclusiveGateway => "inclusiveGateway",
            FlowNodeKind::ParallelGateway => "parallelGateway",
            FlowNodeKind::EventBasedGateway => "eventBasedGateway",
            FlowNodeKind::ComplexGateway => "complexGateway",
        }
    }

    /// The kind of an element's local name.
    pub fn from_tag(tag: &str) -> Option<FlowNodeKind> {
        FlowNodeKind::ALL.into_iter().find(|k| k.tag() == tag)
    }

    /// Whether nodes of this kind hold flow nodes of their own.
    pub fn is_container(self) -> bool {
        matches!(
            self,
            FlowNodeKind::SubProcess | FlowNodeKind::Transaction | FlowNodeKind::AdHocSubProcess
        )
    }

    /// Whether this is a gateway (it may name a default flow).
    pub fn is_gateway(self) -> bool {
        matches!(
            self,
            FlowNodeKind::ExclusiveGateway
                | FlowNodeKind::InclusiveGateway
                | FlowNodeKind::ParallelGateway
                | FlowNodeKind::EventBasedGateway
                | FlowNodeKind::ComplexGateway
        )
    }
}

/// A flow node: an event, an activity or a gateway.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowNode {
    pub id: String,
    pub kind: FlowNodeKind,
    pub name: Option<String>,
    pub documentation: Option<String>,
    /// The sub-process holding this node, when not the process itself.
    pub parent: Option<String>,
    pub incoming: Vec<String>,
    pub outgoing: Vec<String>,
    /// The default outgoing flow of a gateway or an activity.
    pub default: Option<String>,
}

/// `bpmn:sequenceFlow`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequenceFlow {
    pub id: String,
    pub name: Option<String>,
    pub source_ref: String,
    pub target_ref: String,
    /// The body of `bpmn:conditionExpression` (a `bpmn:tFormalExpression`).
    pub condition: Option<String>,
    /// The sub-process holding this flow, when not the process itself.
    pub parent: Option<String>,
}

/// `bpmn:textAnnotation`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextAnnotation {
    pub id: String,
    pub text: Option<String>,
}

/// `bpmn:association` (an annotation's dotted line to what it annotates).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Association {
    pub id: String,
    pub source_ref: String,
    pub target_ref: String,
}

/// An element of the BPMN namespace with an id that the subset does not model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherElement {
    pub id: String,
    /// Its local name (`dataObjectReference`, `group`, `message`, …).
    pub tag: String,
}

/// `bpmndi:BPMNDiagram` with its one plane.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Diagram {
    pub id: String,
    pub name: Option<String>,
    pub plane: Plane,
}

/// `bpmndi:BPMNPlane`: the shapes and edges of a process or collaboration.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Plane {
    pub id: String,
    pub bpmn_element: Option<String>,
    pub shapes: Vec<Shape>,
    pub edges: Vec<Edge>,
}

/// `bpmndi:BPMNShape`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shape {
    pub id: String,
    pub bpmn_element: String,
    pub is_horizontal: Option<bool>,
    pub is_expanded: Option<bool>,
    pub bounds: Bounds,
    pub label: Option<Bounds>,
}

/// `bpmndi:BPMNEdge`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub id: String,
    pub bpmn_element: String,
    pub waypoints: Vec<Point>,
    pub label: Option<Bounds>,
}

/// `dc:Bounds`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// `di:waypoint`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Process {
    /// The flow node with this id.
    pub fn node(&self, id: &str) -> Option<&FlowNode> {
        self.flow_nodes.iter().find(|n| n.id == id)
    }

    /// Every lane, nested ones too, depth first.
    pub fn all_lanes(&self) -> Vec<&Lane> {
        fn walk<'a>(set: &'a LaneSet, out: &mut Vec<&'a Lane>) {
            for lane in &set.lanes {
                out.push(lane);
                if let Some(child) = &lane.child_lane_set {
                    walk(child, out);
                }
            }
        }
        let mut out = Vec::new();
        for set in &self.lane_sets {
            walk(set, &mut out);
        }
        out
    }

    /// The innermost lane holding a flow node.
    pub fn lane_of(&self, node: &str) -> Option<&Lane> {
        // Depth first puts an outer lane before the lanes inside it: the last match is the
        // innermost.
        self.all_lanes()
            .into_iter()
            .rfind(|l| l.flow_node_refs.iter().any(|r| r == node))
    }
}

impl Definitions {
    /// Every id of the document the model knows, with the element's local name, in document
    /// order (the definitions first, the diagram last).
    pub fn ids(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = vec![(self.id.as_str(), "definitions")];
        if let Some(c) = &self.collaboration {
            out.push((&c.id, "collaboration"));
            out.extend(
                c.participants
                    .iter()
                    .map(|p| (p.id.as_str(), "participant")),
            );
            out.extend(
                c.message_flows
                    .iter()
                    .map(|f| (f.id.as_str(), "messageFlow")),
            );
            out.extend(
                c.annotations
                    .iter()
                    .map(|a| (a.id.as_str(), "textAnnotation")),
            );
            out.extend(
                c.associations
                    .iter()
                    .map(|a| (a.id.as_str(), "association")),
            );
        }
        for p in &self.processes {
            out.push((&p.id, "process"));
            fn lane_ids<'a>(set: &'a LaneSet, out: &mut Vec<(&'a str, &'a str)>) {
                out.push((&set.id, "laneSet"));
                for lane in &set.lanes {
                    out.push((&lane.id, "lane"));
                    if let Some(child) = &lane.child_lane_set {
                        lane_ids(child, out);
                    }
                }
            }
            for set in &p.lane_sets {
                lane_ids(set, &mut out);
            }
            out.extend(p.flow_nodes.iter().map(|n| (n.id.as_str(), n.kind.tag())));
            out.extend(
                p.sequence_flows
                    .iter()
                    .map(|f| (f.id.as_str(), "sequenceFlow")),
            );
            out.extend(
                p.annotations
                    .iter()
                    .map(|a| (a.id.as_str(), "textAnnotation")),
            );
            out.extend(
                p.associations
                    .iter()
                    .map(|a| (a.id.as_str(), "association")),
            );
        }
        out.extend(self.others.iter().map(|o| (o.id.as_str(), o.tag.as_str())));
        for d in &self.diagrams {
            out.push((&d.id, "BPMNDiagram"));
            out.push((&d.plane.id, "BPMNPlane"));
            out.extend(d.plane.shapes.iter().map(|s| (s.id.as_str(), "BPMNShape")));
            out.extend(d.plane.edges.iter().map(|e| (e.id.as_str(), "BPMNEdge")));
        }
        out
    }
}
