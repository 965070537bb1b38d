//! The first pass over an uploaded document: well-formed XML into a small element tree with
//! resolved namespaces, within the size, element-count and depth limits, refusing a DOCTYPE
//! (and so every entity declaration: XXE) and any entity but the five predefined ones.

use quick_xml::NsReader;
use quick_xml::escape::{EscapeError, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::problem::{MAX_BYTES, MAX_DEPTH, MAX_ELEMENTS, Problem, ProblemKind, Refused};

/// An element with its namespace resolved.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    /// The namespace URI, empty when unbound.
    pub ns: String,
    pub local: String,
    /// Attributes with their namespace (empty for unprefixed ones) and local name.
    pub attrs: Vec<(String, String, String)>,
    pub children: Vec<Element>,
    /// The element's own text (CDATA included), concatenated.
    pub text: String,
    /// The line the element starts on (1-based).
    pub line: usize,
}

impl Element {
    /// An unprefixed attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(ns, local, _)| ns.is_empty() && local == name)
            .map(|(_, _, v)| v.as_str())
    }

    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// The children in a namespace.
    pub fn children_in<'a>(&'a self, ns: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.ns == ns)
    }
}

/// Lines counted forward as the reader moves on (each byte once).
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: u64) -> usize {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if end < self.offset {
            return line_of_bytes(self.text, end);
        }
        if let Some(bytes) = self.text.get(self.offset..end) {
            self.line += bytes.iter().filter(|c| **c == b'\n').count();
        }
        self.offset = end;
        self.line
    }
}

fn line_of_bytes(text: &[u8], end: usize) -> usize {
    text.get(..end)
        .map_or(1, |b| b.iter().filter(|c| **c == b'\n').count() + 1)
}

fn line_of(text: &str, offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    text.as_bytes()
        .get(..end)
        .map_or(1, |b| b.iter().filter(|c| **c == b'\n').count() + 1)
}

fn not_xml(text: &str, offset: u64, detail: impl Into<String>) -> Refused {
    Refused::one(
        Problem::new(ProblemKind::NotXml)
            .on_line(line_of(text, offset))
            .detail(detail),
    )
}

/// Parses `bytes` into the root element.
pub(crate) fn parse(bytes: &[u8]) -> Result<Element, Refused> {
    if bytes.len() > MAX_BYTES {
        return Err(Refused::one(
            Problem::new(ProblemKind::TooLarge)
                .detail(format!("Ukuran berkas {} bait.", bytes.len())),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Refused::one(Problem::new(ProblemKind::NotXml).detail(format!(
            "Berkas bukan teks UTF-8 (bait ke-{}).",
            e.valid_up_to()
        )))
    })?;
    // A byte-order mark is allowed before the declaration.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // XML 1.0 allows no control character but TAB, LF and CR.
    if let Some(at) = body.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(not_xml(body, at as u64, "Berkas memuat karakter kendali."));
    }
    // No DOCTYPE and no entity declaration anywhere (XXE, entity expansion): refused before
    // parsing, whatever the parser would make of them.
    let upper = body.to_ascii_uppercase();
    if let Some(at) = upper.find("<!DOCTYPE").or_else(|| upper.find("<!ENTITY")) {
        return Err(Refused::one(
            Problem::new(ProblemKind::Doctype).on_line(line_of(body, at as u64)),
        ));
    }
    let mut reader = NsReader::from_str(body);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    let mut lines = Lines {
        text: body.as_bytes(),
        offset: 0,
        line: 1,
    };
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| not_xml(body, reader.error_position(), describe(&e)))?;
        match event {
            Event::DocType(_) => {
                return Err(Refused::one(
                    Problem::new(ProblemKind::Doctype).on_line(line_of(body, position)),
                ));
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                if root.is_some() {
                    return Err(not_xml(body, position, "Ada elemen sesudah elemen akar."));
                }
                count += 1;
                if count > MAX_ELEMENTS || stack.len() >= MAX_DEPTH {
                    return Err(Refused::one(
                        Problem::new(ProblemKind::TooManyElements).on_line(line_of(body, position)),
                    ));
                }
                let element = element(&reader, e, lines.at(position)).map_err(|(kind, d)| {
                    Refused::one(
                        Problem::new(kind)
                            .on_line(line_of(body, position))
                            .detail(d),
                    )
                })?;
                if matches!(event, Event::Start(_)) {
                    stack.push(element);
                } else {
                    close(element, &mut stack, &mut root);
                }
            }
            Event::End(_) => {
                if let Some(element) = stack.pop() {
                    close(element, &mut stack, &mut root);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                } else if !t.xml10_content().trim().is_empty() {
                    return Err(not_xml(body, position, "Ada teks di luar elemen akar."));
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match resolve_predefined_entity(&r) {
                        Some(s) => s.to_owned(),
                        None => {
                            return Err(Refused::one(
                                Problem::new(ProblemKind::Doctype)
                                    .on_line(line_of(body, position))
                                    .detail(format!("Entitas &{}; tidak dikenal.", &*r)),
                            ));
                        }
                    },
                    Err(e) => return Err(not_xml(body, position, describe(&e))),
                };
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&resolved),
                    None => return Err(not_xml(body, position, "Ada teks di luar elemen akar.")),
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(not_xml(body, body.len() as u64, "Elemen tidak ditutup."));
    }
    root.ok_or_else(|| not_xml(body, 0, "Berkas kosong."))
}

fn close(element: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

/// An element with its attributes, or why it is refused.
fn element(
    reader: &NsReader<&[u8]>,
    e: &BytesStart<'_>,
    line: usize,
) -> Result<Element, (ProblemKind, String)> {
    let not_xml = |d: String| (ProblemKind::NotXml, d);
    let (ns, local) = reader.resolver().resolve_element(e.name());
    let ns = match ns {
        ResolveResult::Bound(n) => n.0.to_owned(),
        ResolveResult::Unbound => String::new(),
        ResolveResult::Unknown(p) => {
            return Err(not_xml(format!("Awalan namespace {p} tidak dikenal.")));
        }
    };
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| not_xml(describe(&quick_xml::Error::InvalidAttr(e))))?;
        let key = a.key;
        if key.0 == "xmlns" || key.0.starts_with("xmlns:") {
            continue;
        }
        let (ans, alocal) = reader.resolver().resolve_attribute(key);
        let ans = match ans {
            ResolveResult::Bound(n) => n.0.to_owned(),
            ResolveResult::Unbound => String::new(),
            ResolveResult::Unknown(p) => {
                return Err(not_xml(format!("Awalan namespace {p} tidak dikenal.")));
            }
        };
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| match e {
                // Only the five predefined entities exist without a DOCTYPE.
                quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => (
                    ProblemKind::Doctype,
                    format!("Entitas &{name}; tidak dikenal."),
                ),
                e => not_xml(describe(&e)),
            })?;
        attrs.push((ans, alocal.as_ref().to_owned(), value.into_owned()));
    }
    Ok(Element {
        ns,
        local: local.as_ref().to_owned(),
        attrs,
        children: Vec::new(),
        text: String::new(),
        line,
    })
}

/// What the parser found wrong, in Indonesian (its own messages are English).
fn describe(e: &quick_xml::Error) -> String {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    use quick_xml::events::attributes::AttrError;
    match e {
        quick_xml::Error::Syntax(s) => match s {
            SyntaxError::UnclosedTag => "Sebuah tag tidak ditutup dengan >.".to_owned(),
            SyntaxError::UnclosedComment => "Sebuah komentar tidak ditutup.".to_owned(),
            SyntaxError::UnclosedCData => "Sebuah bagian CDATA tidak ditutup.".to_owned(),
            SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                "Nilai sebuah atribut tidak ditutup tanda kutip.".to_owned()
            }
            _ => "Susunan XML tidak sah.".to_owned(),
        },
        quick_xml::Error::IllFormed(i) => match i {
            IllFormedError::MissingEndTag(name) => format!("Elemen <{name}> tidak ditutup."),
            IllFormedError::UnmatchedEndTag(name) => {
                format!("Tag penutup </{name}> tanpa tag pembukanya.")
            }
            IllFormedError::MismatchedEndTag { expected, found } => {
                format!("Seharusnya </{expected}>, ditemukan </{found}>.")
            }
            IllFormedError::DoubleHyphenInComment => "Sebuah komentar memuat --.".to_owned(),
            IllFormedError::UnclosedReference => {
                "Sebuah rujukan & tidak diakhiri titik koma.".to_owned()
            }
            _ => "Dokumen XML tidak tersusun dengan benar.".to_owned(),
        },
        quick_xml::Error::InvalidAttr(AttrError::Duplicated(..)) => {
            "Atribut yang sama ditulis dua kali pada satu elemen.".to_owned()
        }
        quick_xml::Error::InvalidAttr(_) => {
            "Sebuah atribut tidak ditulis sebagai nama=\"nilai\".".to_owned()
        }
        quick_xml::Error::Escape(_) => "Rujukan karakter atau entitas tidak sah.".to_owned(),
        quick_xml::Error::Namespace(_) => "Deklarasi namespace tidak sah.".to_owned(),
        quick_xml::Error::Encoding(_) => "Berkas bukan teks UTF-8.".to_owned(),
        _ => "Berkas tidak dapat dibaca sebagai XML.".to_owned(),
    }
}
