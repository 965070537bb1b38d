//! Two API types with the same name become one OpenAPI schema: utoipa keys components by the
//! type's name, so the second silently replaces the first and the document then describes one
//! answer with the other's fields (schemathesis found `RatingDto` and `ReportDto` this way).
//! This test reads the web crate's sources and refuses two `ToSchema` types of one name.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The schema names a file declares: the type after each `#[derive(..ToSchema..)]`, or the
/// name given with `#[schema(as = Name)]`.
fn schema_names(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut names = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if !line.starts_with("#[derive(") {
            i += 1;
            continue;
        }
        // The derive list may span lines up to its closing `)]`.
        let mut derive = line.to_owned();
        while !derive.contains(")]") && i + 1 < lines.len() {
            i += 1;
            derive.push_str(lines[i].trim());
        }
        i += 1;
        if !derive.contains("ToSchema") {
            continue;
        }
        let mut renamed = None;
        while i < lines.len() {
            let next = lines[i].trim();
            if let Some(rest) = next.strip_prefix("#[schema(as = ") {
                renamed = rest
                    .split([')', ','])
                    .next()
                    .map(str::trim)
                    .map(str::to_owned);
            }
            let declared = [
                "pub struct ",
                "pub enum ",
                "struct ",
                "enum ",
                "pub(crate) struct ",
                "pub(crate) enum ",
            ]
            .iter()
            .find_map(|kw| next.strip_prefix(kw));
            if let Some(rest) = declared {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.push((renamed.unwrap_or(name), i + 1));
                break;
            }
            i += 1;
        }
    }
    names
}

#[test]
fn no_two_api_schemas_share_a_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files.sort();
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("a source file of the web crate reads");
        for (name, line) in schema_names(&text) {
            let place = format!(
                "{}:{line}",
                file.strip_prefix(&root).unwrap_or(file).display()
            );
            seen.entry(name).or_default().push(place);
        }
    }
    assert!(
        seen.len() > 100,
        "the scan found only {} schema types: it no longer reads the sources right",
        seen.len()
    );
    let clashes: Vec<String> = seen
        .iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(name, places)| format!("{name}: {}", places.join(", ")))
        .collect();
    assert!(
        clashes.is_empty(),
        "OpenAPI schema names declared more than once (one would hide the other):\n{}",
        clashes.join("\n")
    );
}

#[test]
fn the_scan_reads_renames_and_multi_line_derives() {
    let text = "#[derive(\n    Debug,\n    ToSchema,\n)]\n#[serde(rename_all = \"snake_case\")]\npub struct A {}\n\
                #[derive(Debug, ToSchema)]\n#[schema(as = Other)]\npub enum B {}\n\
                #[derive(Debug)]\npub struct NotASchema;\n";
    let names: Vec<String> = schema_names(text).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["A", "Other"]);
}
