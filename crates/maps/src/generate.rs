//! The regulation's own workflows as maps (issue 17 point 4): each assignment workflow's
//! [`Definition`] (PEN-13..17, Lampiran II.B, Gambar 1–3) as a BPMN document, generated from
//! the domain's table of steps so that a change of a definition changes its map.
//!
//! - one pool (participant) named by the workflow's title, one lane per workflow lane in the
//!   order of [`Definition::lanes`], named by [`Lane::label`] as the request page's swimlane
//!   names it;
//! - a start event, a task per step (`Step_<code>`) in its lane, named by the step's label;
//! - after each step its holder may refuse ([`StepDef::refusable`]) an exclusive gateway with
//!   the flows "Setuju" (to where the step leads) and "Tolak" (to an end event "Permohonan
//!   ditolak");
//! - the letters as text annotations: "Menerbitkan <letter>" above the step that produces it,
//!   the letter of a refusal beside its end event, and each copy (*tembusan*) in the lane of
//!   whoever receives it;
//! - the end event "Pegawai menerima penugasan" where a step leads to [`Next::Assigned`];
//! - DI in a fixed layout: lanes as horizontal bands, steps left to right in the order of the
//!   definition.
//!
//! Pure and deterministic: the same definition gives the same model, and [`crate::write`] the
//! same bytes.

use std::collections::BTreeMap;

use sikerja_domain::workflow::{
    Definition, Lane as WorkflowLane, Next, StepDecision, StepDef, StepKind, WorkflowKind,
};

use crate::model::*;

/// The id of the task of a step.
pub fn step_id(code: &str) -> String {
    format!("Step_{code}")
}

/// The id of the lane of a workflow lane.
pub fn lane_id(lane: WorkflowLane) -> String {
    format!("Lane_{}", lane.code())
}

/// The step code of a task id made by [`step_id`].
pub fn step_code(id: &str) -> Option<&str> {
    id.strip_prefix("Step_")
}

/// The file name of a workflow's map under `docs/examples/bpmn/`.
pub fn file_name(kind: WorkflowKind) -> String {
    format!("{}.bpmn", kind.code())
}

/// The name of the flow a holder takes when agreeing.
pub const APPROVE: &str = "Setuju";
/// The name of the flow a holder takes when refusing.
pub const REFUSE: &str = "Tolak";

const POOL_X: f64 = 160.0;
const POOL_Y: f64 = 80.0;
/// The band of the pool's name, left of the lanes.
const POOL_BAND: f64 = 30.0;
const LANE_H: f64 = 240.0;
const TASK_W: f64 = 140.0;
const TASK_H: f64 = 90.0;
/// The centre of a task or gateway, from the top of its lane.
const MID: f64 = 120.0;
const GATEWAY: f64 = 50.0;
const EVENT: f64 = 36.0;
const NOTE_W: f64 = 160.0;
const NOTE_H: f64 = 56.0;
/// The width of a copy's note, which must leave room for the next column's task.
const COPY_W: f64 = 115.0;
/// The centre of a refusal's end event, from the top of its lane.
const REFUSAL_MID: f64 = 200.0;
/// From a column's centre to the next step's.
const STEP_GAP: f64 = 190.0;
/// From a step's centre to its gateway's, and from the last column to the end event's.
const GATEWAY_GAP: f64 = 130.0;

/// Builds the map of a workflow.
pub fn generate(def: &Definition) -> Definitions {
    Builder::new(def).build()
}

/// The map of each of the five workflows, in [`WorkflowKind::ALL`] order.
pub fn all() -> Vec<(WorkflowKind, Definitions)> {
    WorkflowKind::ALL
        .into_iter()
        .map(|k| (k, generate(&k.definition())))
        .collect()
}

struct Builder<'a> {
    def: &'a Definition,
    lanes: Vec<WorkflowLane>,
    process: Process,
    /// The lane of each flow node.
    lane_nodes: BTreeMap<WorkflowLane, Vec<String>>,
    shapes: Vec<Shape>,
    edges: Vec<Edge>,
    /// Centre of each flow node or annotation, and its size.
    geometry: BTreeMap<String, Bounds>,
    /// Waypoints of associations drawn other than straight.
    routes: BTreeMap<String, Vec<Point>>,
}

fn centred(cx: f64, cy: f64, w: f64, h: f64) -> Bounds {
    Bounds {
        x: cx - w / 2.0,
        y: cy - h / 2.0,
        width: w,
        height: h,
    }
}

fn gateway_name(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Recommend => "Direkomendasikan?",
        StepKind::Compose => "Pegawai tersedia?",
        _ => "Disetujui?",
    }
}

fn condition(decision: StepDecision) -> String {
    format!("decision = {}", decision.code())
}

impl<'a> Builder<'a> {
    fn new(def: &'a Definition) -> Builder<'a> {
        let code = def.kind.code();
        Builder {
            def,
            lanes: def.lanes(),
            process: Process {
                id: format!("Process_{code}"),
                name: Some(def.title.to_owned()),
                is_executable: Some(false),
                documentation: Some(format!(
                    "Dibuat dari definisi alur kerja {code} ({}, {}). Jangan diubah di sini: \
                     ubah definisinya.",
                    def.rule, def.article
                )),
                ..Process::default()
            },
            lane_nodes: BTreeMap::new(),
            shapes: Vec::new(),
            edges: Vec::new(),
            geometry: BTreeMap::new(),
            routes: BTreeMap::new(),
        }
    }

    fn lane_top(&self, lane: WorkflowLane) -> f64 {
        let index = self.lanes.iter().position(|l| *l == lane).unwrap_or(0);
        POOL_Y + LANE_H * index as f64
    }

    fn node(
        &mut self,
        id: String,
        kind: FlowNodeKind,
        name: Option<String>,
        lane: WorkflowLane,
        bounds: Bounds,
        label: Option<Bounds>,
    ) {
        self.process.flow_nodes.push(FlowNode {
            id: id.clone(),
            kind,
            name,
            documentation: None,
            parent: None,
            incoming: Vec::new(),
            outgoing: Vec::new(),
            default: None,
        });
        self.lane_nodes.entry(lane).or_default().push(id.clone());
        self.shape(&id, bounds, label, None);
    }

    fn shape(
        &mut self,
        element: &str,
        bounds: Bounds,
        label: Option<Bounds>,
        horizontal: Option<bool>,
    ) {
        self.geometry.insert(element.to_owned(), bounds);
        self.shapes.push(Shape {
            id: format!("{element}_di"),
            bpmn_element: element.to_owned(),
            is_horizontal: horizontal,
            is_expanded: None,
            bounds,
            label,
        });
    }

    fn flow(
        &mut self,
        id: String,
        from: &str,
        to: &str,
        name: Option<&str>,
        decision: Option<StepDecision>,
    ) {
        self.process.sequence_flows.push(SequenceFlow {
            id,
            name: name.map(str::to_owned),
            source_ref: from.to_owned(),
            target_ref: to.to_owned(),
            condition: decision.map(condition),
            parent: None,
        });
    }

    fn note(&mut self, id: String, text: String, bounds: Bounds, to: &str) {
        self.process.annotations.push(TextAnnotation {
            id: id.clone(),
            text: Some(text),
        });
        self.process.associations.push(Association {
            id: format!("Association_{id}"),
            source_ref: id.clone(),
            target_ref: to.to_owned(),
        });
        self.shape(&id, bounds, None, None);
    }

    /// The node a step's `then` leads to, made when it is an end.
    fn target(&mut self, step: &StepDef, end_x: f64, task_cx: f64) -> String {
        match step.then {
            Next::Step(code) => step_id(code),
            Next::Assigned => {
                let id = "End_assigned".to_owned();
                if !self.geometry.contains_key(&id) {
                    let cy = self.lane_top(step.lane) + MID;
                    self.node(
                        id.clone(),
                        FlowNodeKind::EndEvent,
                        Some("Pegawai menerima penugasan".to_owned()),
                        step.lane,
                        centred(end_x, cy, EVENT, EVENT),
                        None,
                    );
                }
                id
            }
            Next::Refused => self.refusal_end(step, task_cx + GATEWAY_GAP, task_cx),
        }
    }

    /// The end event of a refusal of `step`, below its gateway at `cx`, with the refusal
    /// letter below the step's task at `task_cx`.
    fn refusal_end(&mut self, step: &StepDef, cx: f64, task_cx: f64) -> String {
        let id = format!("Refused_{}", step.code);
        let top = self.lane_top(step.lane);
        let cy = top + REFUSAL_MID;
        self.node(
            id.clone(),
            FlowNodeKind::EndEvent,
            Some("Permohonan ditolak".to_owned()),
            step.lane,
            centred(cx, cy, EVENT, EVENT),
            Some(Bounds {
                x: cx + EVENT / 2.0 + 4.0,
                y: cy - 13.0,
                width: 74.0,
                height: 27.0,
            }),
        );
        if let Some(letter) = step.refusal_letter {
            self.note(
                format!("RefusalLetter_{}", step.code),
                format!("Menerbitkan {} (penolakan dengan alasan)", letter.label()),
                centred(task_cx, cy, NOTE_W + 20.0, 50.0),
                &id,
            );
        }
        id
    }

    fn build(mut self) -> Definitions {
        let def = self.def;
        let code = def.kind.code();
        let steps = def.steps;
        let first_lane = steps.first().map_or(WorkflowLane::Employee, |s| s.lane);

        // Columns: the start event, then each step and its gateway, then the end.
        let mut cx = POOL_X + POOL_BAND + 60.0;
        let start_cy = self.lane_top(first_lane) + MID;
        self.node(
            "Start".to_owned(),
            FlowNodeKind::StartEvent,
            Some("Mulai".to_owned()),
            first_lane,
            centred(cx, start_cy, EVENT, EVENT),
            None,
        );
        let mut columns: Vec<(f64, Option<f64>)> = Vec::new();
        for step in steps {
            cx += STEP_GAP;
            let task_cx = cx;
            let gateway_cx = step.refusable().then(|| {
                cx += GATEWAY_GAP;
                cx
            });
            columns.push((task_cx, gateway_cx));
        }
        let end_x = cx + GATEWAY_GAP;

        for (step, (task_cx, gateway_cx)) in steps.iter().zip(&columns) {
            let top = self.lane_top(step.lane);
            self.node(
                step_id(step.code),
                FlowNodeKind::UserTask,
                Some(step.label.to_owned()),
                step.lane,
                centred(*task_cx, top + MID, TASK_W, TASK_H),
                None,
            );
            if let Some(n) = self.process.flow_nodes.last_mut() {
                n.documentation = Some(format!(
                    "Langkah {}: {} oleh {}.",
                    step.code,
                    step.kind.label(),
                    step.lane.label()
                ));
            }
            if let Some(gx) = gateway_cx {
                self.node(
                    format!("Gateway_{}", step.code),
                    FlowNodeKind::ExclusiveGateway,
                    Some(gateway_name(step.kind).to_owned()),
                    step.lane,
                    centred(*gx, top + MID, GATEWAY, GATEWAY),
                    Some(Bounds {
                        x: gx - 50.0,
                        y: top + MID - GATEWAY / 2.0 - 22.0,
                        width: 100.0,
                        height: 14.0,
                    }),
                );
            }
            if let Some(letter) = step.letter {
                self.note(
                    format!("Letter_{}", step.code),
                    format!("Menerbitkan {}", letter.label()),
                    Bounds {
                        x: task_cx - NOTE_W / 2.0,
                        y: top + 8.0,
                        width: NOTE_W,
                        height: NOTE_H,
                    },
                    &step_id(step.code),
                );
            }
            for lane in step.copies {
                let what = step
                    .letter
                    .map_or_else(|| "permohonan".to_owned(), |l| l.label().to_owned());
                // Right of the column, its line left of it: the lines of several copies
                // pass beside the other copies' notes, not through them.
                let copy_mid = self.lane_top(*lane) + MID;
                let note = format!("Copy_{}_{}", step.code, lane.code());
                self.note(
                    note.clone(),
                    format!("Tembusan: {what}"),
                    Bounds {
                        x: *task_cx,
                        y: copy_mid - NOTE_H / 2.0,
                        width: COPY_W,
                        height: NOTE_H,
                    },
                    &step_id(step.code),
                );
                let line_x = task_cx - 12.0;
                let task_edge = if copy_mid > top + MID {
                    top + MID + TASK_H / 2.0
                } else {
                    top + MID - TASK_H / 2.0
                };
                self.routes.insert(
                    format!("Association_{note}"),
                    vec![
                        Point {
                            x: *task_cx,
                            y: copy_mid,
                        },
                        Point {
                            x: line_x,
                            y: copy_mid,
                        },
                        Point {
                            x: line_x,
                            y: task_edge,
                        },
                    ],
                );
            }
        }

        // Flows, in step order.
        let first = steps.first().map(|s| step_id(s.code));
        if let Some(first) = first {
            self.flow("Flow_start".to_owned(), "Start", &first, None, None);
        }
        for (step, (task_cx, gateway_cx)) in steps.iter().zip(&columns) {
            let task = step_id(step.code);
            match gateway_cx {
                Some(gx) => {
                    let gateway = format!("Gateway_{}", step.code);
                    self.flow(format!("Flow_{}", step.code), &task, &gateway, None, None);
                    let to = self.target(step, end_x, *task_cx);
                    self.flow(
                        format!("Flow_{}_approve", step.code),
                        &gateway,
                        &to,
                        Some(APPROVE),
                        Some(StepDecision::Proceed),
                    );
                    let refused = self.refusal_end(step, *gx, *task_cx);
                    self.flow(
                        format!("Flow_{}_refuse", step.code),
                        &gateway,
                        &refused,
                        Some(REFUSE),
                        Some(StepDecision::Refuse),
                    );
                }
                None => {
                    let to = self.target(step, end_x, *task_cx);
                    self.flow(format!("Flow_{}", step.code), &task, &to, None, None);
                }
            }
        }
        self.wire();
        self.edges();

        // Lanes and the pool.
        let width = end_x + 80.0 - POOL_X;
        let mut lane_set = LaneSet {
            id: format!("LaneSet_{code}"),
            lanes: Vec::new(),
        };
        let lanes = self.lanes.clone();
        for lane in &lanes {
            let id = lane_id(*lane);
            lane_set.lanes.push(Lane {
                id: id.clone(),
                name: Some(lane.label().to_owned()),
                flow_node_refs: self.lane_nodes.get(lane).cloned().unwrap_or_default(),
                child_lane_set: None,
            });
            let top = self.lane_top(*lane);
            self.shape(
                &id,
                Bounds {
                    x: POOL_X + POOL_BAND,
                    y: top,
                    width: width - POOL_BAND,
                    height: LANE_H,
                },
                None,
                Some(true),
            );
        }
        self.process.lane_sets.push(lane_set);
        let participant = format!("Participant_{code}");
        let pool = Shape {
            id: format!("{participant}_di"),
            bpmn_element: participant.clone(),
            is_horizontal: Some(true),
            is_expanded: None,
            bounds: Bounds {
                x: POOL_X,
                y: POOL_Y,
                width,
                height: LANE_H * lanes.len() as f64,
            },
            label: None,
        };
        // The pool first, then its lanes, then what lies on them (drawing order).
        let lane_count = lanes.len();
        let lane_shapes: Vec<Shape> = self.shapes.split_off(self.shapes.len() - lane_count);
        let mut shapes = vec![pool];
        shapes.extend(lane_shapes);
        shapes.append(&mut self.shapes);

        let collaboration_id = format!("Collaboration_{code}");
        Definitions {
            id: format!("Definitions_{code}"),
            name: Some(def.title.to_owned()),
            target_namespace: format!("urn:sikerja:workflow:{code}"),
            exporter: Some("Sikerja".to_owned()),
            // No version: the maps change with the definitions, not with a release.
            exporter_version: None,
            collaboration: Some(Collaboration {
                id: collaboration_id.clone(),
                name: None,
                participants: vec![Participant {
                    id: participant,
                    name: Some(def.title.to_owned()),
                    process_ref: Some(self.process.id.clone()),
                }],
                ..Collaboration::default()
            }),
            processes: vec![self.process],
            diagrams: vec![Diagram {
                id: format!("Diagram_{code}"),
                name: Some(def.title.to_owned()),
                plane: Plane {
                    id: format!("Plane_{code}"),
                    bpmn_element: Some(collaboration_id),
                    shapes,
                    edges: self.edges,
                },
            }],
            others: Vec::new(),
        }
    }

    /// Each node's incoming and outgoing flows, in flow order.
    fn wire(&mut self) {
        let flows = self.process.sequence_flows.clone();
        for n in &mut self.process.flow_nodes {
            n.incoming = flows
                .iter()
                .filter(|f| f.target_ref == n.id)
                .map(|f| f.id.clone())
                .collect();
            n.outgoing = flows
                .iter()
                .filter(|f| f.source_ref == n.id)
                .map(|f| f.id.clone())
                .collect();
        }
    }

    fn edges(&mut self) {
        let mut edges = Vec::new();
        for f in &self.process.sequence_flows {
            let (Some(s), Some(t)) = (
                self.geometry.get(&f.source_ref),
                self.geometry.get(&f.target_ref),
            ) else {
                continue;
            };
            let (scx, scy) = (s.x + s.width / 2.0, s.y + s.height / 2.0);
            let (tcx, tcy) = (t.x + t.width / 2.0, t.y + t.height / 2.0);
            let waypoints = if scx == tcx {
                // Straight down (or up) to a refusal's end.
                let (sy, ty) = if tcy > scy {
                    (s.y + s.height, t.y)
                } else {
                    (s.y, t.y + t.height)
                };
                vec![Point { x: scx, y: sy }, Point { x: tcx, y: ty }]
            } else if scy == tcy {
                vec![
                    Point {
                        x: s.x + s.width,
                        y: scy,
                    },
                    Point { x: t.x, y: tcy },
                ]
            } else {
                // Along the source's lane, then across the lanes just before the target.
                let (sx, tx) = (s.x + s.width, t.x);
                let mx = tx - 20.0;
                vec![
                    Point { x: sx, y: scy },
                    Point { x: mx, y: scy },
                    Point { x: mx, y: tcy },
                    Point { x: tx, y: tcy },
                ]
            };
            let label = f.name.as_ref().map(|_| {
                if scx == tcx {
                    Bounds {
                        x: scx + 6.0,
                        y: s.y + s.height + 2.0,
                        width: 30.0,
                        height: 14.0,
                    }
                } else {
                    Bounds {
                        x: s.x + s.width + 4.0,
                        y: scy - 18.0,
                        width: 40.0,
                        height: 14.0,
                    }
                }
            });
            edges.push(Edge {
                id: format!("{}_di", f.id),
                bpmn_element: f.id.clone(),
                waypoints,
                label,
            });
        }
        for a in &self.process.associations {
            if let Some(route) = self.routes.get(&a.id) {
                edges.push(Edge {
                    id: format!("{}_di", a.id),
                    bpmn_element: a.id.clone(),
                    waypoints: route.clone(),
                    label: None,
                });
                continue;
            }
            let (Some(s), Some(t)) = (
                self.geometry.get(&a.source_ref),
                self.geometry.get(&a.target_ref),
            ) else {
                continue;
            };
            let (scx, scy) = (s.x + s.width / 2.0, s.y + s.height / 2.0);
            let (tcx, tcy) = (t.x + t.width / 2.0, t.y + t.height / 2.0);
            let waypoints = if scx == tcx {
                if tcy > scy {
                    vec![
                        Point {
                            x: scx,
                            y: s.y + s.height,
                        },
                        Point { x: tcx, y: t.y },
                    ]
                } else {
                    vec![
                        Point { x: scx, y: s.y },
                        Point {
                            x: tcx,
                            y: t.y + t.height,
                        },
                    ]
                }
            } else if scx < tcx {
                // A refusal letter, left of its end event.
                vec![
                    Point {
                        x: s.x + s.width,
                        y: scy,
                    },
                    Point { x: t.x, y: tcy },
                ]
            } else {
                vec![
                    Point { x: s.x, y: scy },
                    Point {
                        x: t.x + t.width,
                        y: tcy,
                    },
                ]
            };
            edges.push(Edge {
                id: format!("{}_di", a.id),
                bpmn_element: a.id.clone(),
                waypoints,
                label: None,
            });
        }
        self.edges = edges;
    }
}
