//! Why an uploaded `.bpmn` is refused: one [`Problem`] per finding, each with a stable code
//! (API) and an Indonesian message (pages). Reading stops at the first problem that makes the
//! document unreadable (not XML, a DOCTYPE, too large, not BPMN); the checks of a readable
//! document report every finding at once.

use std::fmt;

use serde::Serialize;

/// The largest `.bpmn` accepted, in bytes (5 MB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The most elements a document may hold.
pub const MAX_ELEMENTS: usize = 5_000;
/// The deepest nesting of elements.
pub const MAX_DEPTH: usize = 64;
/// The longest name of an element, in characters (the domain's `TextKind::Title`).
pub const MAX_NAME_CHARS: usize = sikerja_domain::limits::TextKind::Title.max();
/// The longest documentation, annotation text or condition (the domain's `TextKind::Note`).
pub const MAX_TEXT_CHARS: usize = sikerja_domain::limits::TextKind::Note.max();

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not well-formed XML (or not UTF-8).
    NotXml,
    /// A DOCTYPE or entity declaration (XXE is refused outright).
    Doctype,
    /// The root is not `definitions` in the BPMN 2.0 model namespace.
    NotBpmn,
    /// More than [`MAX_ELEMENTS`] elements or deeper than [`MAX_DEPTH`].
    TooManyElements,
    /// A modelled element has no `id`.
    MissingId,
    /// An id that is not an XML name (`xsd:ID`).
    InvalidId,
    /// Two elements share an id.
    DuplicateId,
    /// A required attribute or child is missing (a flow's `sourceRef`, a shape's bounds).
    MissingAttribute,
    /// A number of the diagram is not a finite number, or a size is negative.
    InvalidNumber,
    /// The document holds no `process`.
    NoProcess,
    /// A sequence flow's source or target is not a flow node of its process.
    FlowUnknownNode,
    /// A flow node's incoming/outgoing or a gateway's default names no sequence flow of the
    /// process, or a flow the node is not an end of.
    NodeUnknownFlow,
    /// A lane's `flowNodeRef` names no flow node of its process.
    LaneUnknownNode,
    /// A participant's `processRef` names no process.
    ParticipantUnknownProcess,
    /// A message flow or association names nothing.
    UnknownReference,
    /// A diagram shape or edge's `bpmnElement` names nothing.
    ShapeUnknownElement,
    /// A name or text is too long or holds control characters.
    InvalidText,
}

impl ProblemKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::TooLarge => "bpmn_too_large",
            ProblemKind::NotXml => "bpmn_not_xml",
            ProblemKind::Doctype => "bpmn_doctype",
            ProblemKind::NotBpmn => "bpmn_not_bpmn",
            ProblemKind::TooManyElements => "bpmn_too_many_elements",
            ProblemKind::MissingId => "bpmn_missing_id",
            ProblemKind::InvalidId => "bpmn_invalid_id",
            ProblemKind::DuplicateId => "bpmn_duplicate_id",
            ProblemKind::MissingAttribute => "bpmn_missing_attribute",
            ProblemKind::InvalidNumber => "bpmn_invalid_number",
            ProblemKind::NoProcess => "bpmn_no_process",
            ProblemKind::FlowUnknownNode => "bpmn_flow_unknown_node",
            ProblemKind::NodeUnknownFlow => "bpmn_node_unknown_flow",
            ProblemKind::LaneUnknownNode => "bpmn_lane_unknown_node",
            ProblemKind::ParticipantUnknownProcess => "bpmn_participant_unknown_process",
            ProblemKind::UnknownReference => "bpmn_unknown_reference",
            ProblemKind::ShapeUnknownElement => "bpmn_shape_unknown_element",
            ProblemKind::InvalidText => "bpmn_invalid_text",
        }
    }

    /// Indonesian sentence saying what is wrong in general.
    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::TooLarge => "Berkas peta terlalu besar (paling besar 5 MB).",
            ProblemKind::NotXml => "Berkas bukan XML yang sah.",
            ProblemKind::Doctype => {
                "Berkas memuat deklarasi DOCTYPE atau entitas; demi keamanan berkas seperti itu \
                 tidak diterima."
            }
            ProblemKind::NotBpmn => {
                "Berkas bukan dokumen BPMN 2.0: elemen akarnya harus bpmn:definitions dengan \
                 namespace http://www.omg.org/spec/BPMN/20100524/MODEL."
            }
            ProblemKind::TooManyElements => {
                "Berkas memuat terlalu banyak elemen (paling banyak 5.000, kedalaman paling \
                 banyak 64)."
            }
            ProblemKind::MissingId => "Sebuah elemen tidak memiliki atribut id.",
            ProblemKind::InvalidId => {
                "Sebuah id bukan nama XML yang sah (harus diawali huruf atau garis bawah, \
                 tanpa spasi)."
            }
            ProblemKind::DuplicateId => "Dua elemen memakai id yang sama.",
            ProblemKind::MissingAttribute => "Sebuah atribut atau elemen wajib tidak ada.",
            ProblemKind::InvalidNumber => "Sebuah ukuran atau koordinat diagram tidak sah.",
            ProblemKind::NoProcess => "Dokumen tidak memuat proses (bpmn:process) apa pun.",
            ProblemKind::FlowUnknownNode => {
                "Sebuah alur urutan (sequence flow) menunjuk elemen awal atau tujuan yang tidak \
                 ada di prosesnya."
            }
            ProblemKind::NodeUnknownFlow => {
                "Sebuah elemen menyebut alur masuk, alur keluar atau alur bawaan yang tidak ada \
                 atau tidak terhubung dengannya."
            }
            ProblemKind::LaneUnknownNode => {
                "Sebuah lajur (lane) menyebut elemen yang tidak ada di prosesnya."
            }
            ProblemKind::ParticipantUnknownProcess => {
                "Sebuah peserta (pool) menunjuk proses yang tidak ada."
            }
            ProblemKind::UnknownReference => {
                "Sebuah alur pesan atau asosiasi menunjuk elemen yang tidak ada."
            }
            ProblemKind::ShapeUnknownElement => {
                "Sebuah bentuk atau garis pada diagram menunjuk elemen yang tidak ada."
            }
            ProblemKind::InvalidText => {
                "Sebuah nama atau teks terlalu panjang atau memuat karakter kendali."
            }
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The id of the element concerned, when it has one.
    pub element: Option<String>,
    /// The line of the document, when known.
    pub line: Option<usize>,
    /// Indonesian detail: which reference, which attribute.
    pub detail: Option<String>,
}

impl Problem {
    pub fn new(kind: ProblemKind) -> Problem {
        Problem {
            kind,
            element: None,
            line: None,
            detail: None,
        }
    }

    pub fn at(mut self, element: impl Into<String>) -> Problem {
        self.element = Some(element.into());
        self
    }

    pub fn on_line(mut self, line: usize) -> Problem {
        self.line = Some(line);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    /// Stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The whole Indonesian message: what, where, the detail.
    pub fn message(&self) -> String {
        let mut out = self.kind.label().to_owned();
        if let Some(line) = self.line {
            out.push_str(&format!(" Baris {line}."));
        }
        if let Some(element) = &self.element {
            out.push_str(&format!(" Elemen: {element}."));
        }
        if let Some(detail) = &self.detail {
            out.push(' ');
            out.push_str(detail);
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

/// A refused document: every finding, in document order (at least one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}", self.summary())]
pub struct Refused {
    pub problems: Vec<Problem>,
}

impl Refused {
    pub fn one(problem: Problem) -> Refused {
        Refused {
            problems: vec![problem],
        }
    }

    /// The code of the first problem (the API's error code).
    pub fn code(&self) -> &'static str {
        self.problems
            .first()
            .map_or(ProblemKind::NotBpmn.code(), Problem::code)
    }

    /// Whether any finding is of this kind.
    pub fn has(&self, kind: ProblemKind) -> bool {
        self.problems.iter().any(|p| p.kind == kind)
    }

    fn summary(&self) -> String {
        self.problems
            .iter()
            .map(Problem::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }
}
