//! `/aturan`: the catalogue of the rules of Perbup Banjar 39/2024 the system enforces, grouped
//! by topic, with a search by ID, article or words (issue 15 point 8). A plain GET form
//! (`?q=`), so it works without JavaScript; each rule links to its own page (`/aturan/{id}`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use sikerja_domain::rules::RuleId;

use crate::AppState;
use crate::pages::rules::explanation;
use crate::views::Layout;

/// The topics of the catalogue, by the prefix of a rule's ID, in the order shown.
const TOPICS: &[(&str, &str)] = &[
    ("ORG", "Organisasi dan data pegawai"),
    ("KED", "Kedudukan Pejabat Fungsional dan Pelaksana"),
    ("STR", "Penetapan kinerja dalam struktur"),
    ("MEK", "Mekanisme kerja"),
    ("PEN", "Penugasan"),
    ("LAP", "Pelaporan dan koordinasi"),
    ("KIN", "Manajemen kinerja"),
    ("DOC", "Naskah dinas"),
    ("PRO", "Proses bisnis"),
];

/// The topic label of a rule (its ID's prefix).
fn topic_of(rule: RuleId) -> &'static str {
    let prefix = rule.as_str().split('-').next().unwrap_or_default();
    TOPICS
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, label)| *label)
        .unwrap_or("Lainnya")
}

/// One rule as listed.
pub struct RuleRow {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    pub source: &'static str,
}

/// The rules of one topic.
pub struct TopicGroup {
    pub label: &'static str,
    pub anchor: String,
    pub rules: Vec<RuleRow>,
}

/// Whether a rule matches every word of the search, in its ID, title, text or source
/// (case-insensitive; `ked 03`, `KED-03`, `Pasal 9` and `ketua tim` all find).
fn matches(rule: RuleId, words: &[String]) -> bool {
    let (text, source) = explanation(rule);
    let haystack = format!(
        "{} {} {} {} {}",
        rule.as_str(),
        rule.as_str().replace('-', " "),
        rule.title(),
        text,
        source
    )
    .to_lowercase();
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// The catalogue grouped by topic, only the rules matching `q` (all when empty).
fn catalogue(q: &str) -> Vec<TopicGroup> {
    let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    let mut groups: Vec<TopicGroup> = TOPICS
        .iter()
        .map(|(prefix, label)| TopicGroup {
            label,
            anchor: format!("topik-{}", prefix.to_lowercase()),
            rules: Vec::new(),
        })
        .collect();
    for rule in RuleId::all().filter(|r| matches(*r, &words)) {
        let label = topic_of(rule);
        let (text, source) = explanation(rule);
        let row = RuleRow {
            id: rule.as_str(),
            title: rule.title(),
            text,
            source,
        };
        match groups.iter_mut().find(|g| g.label == label) {
            Some(g) => g.rules.push(row),
            None => groups.push(TopicGroup {
                label,
                anchor: "topik-lainnya".into(),
                rules: vec![row],
            }),
        }
    }
    groups.retain(|g| !g.rules.is_empty());
    groups
}

#[derive(Debug, Default, Deserialize)]
pub struct CatalogueQuery {
    #[serde(default)]
    q: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "rules/index.html")]
pub struct CataloguePage {
    layout: Layout,
    q: String,
    total: usize,
    groups: Vec<TopicGroup>,
}

/// `GET /aturan?q=`: the rule catalogue, searched. The screen has already refused a `q`
/// longer than its limit or with control characters.
pub async fn list_rules(
    State(state): State<AppState>,
    query: Result<Query<CatalogueQuery>, axum::extract::rejection::QueryRejection>,
) -> CataloguePage {
    let q = query
        .map(|Query(q)| q.q)
        .unwrap_or_default()
        .trim()
        .to_string();
    let groups = catalogue(&q);
    CataloguePage {
        layout: Layout::new("Katalog aturan", state.demo_mode).crumb("Aturan", "/aturan"),
        total: groups.iter().map(|g| g.rules.len()).sum(),
        q,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_topic_and_the_empty_search_lists_them_all() {
        for rule in RuleId::all() {
            assert_ne!(topic_of(rule), "Lainnya", "{rule} has no topic");
        }
        let all: usize = catalogue("").iter().map(|g| g.rules.len()).sum();
        assert_eq!(all, RuleId::all().count());
    }

    #[test]
    fn search_finds_by_id_article_and_words() {
        let ids = |q: &str| -> Vec<&str> {
            catalogue(q)
                .into_iter()
                .flat_map(|g| g.rules.into_iter().map(|r| r.id))
                .collect()
        };
        assert_eq!(ids("KED-03"), vec!["KED-03"]);
        assert_eq!(ids("ked 03"), vec!["KED-03"]);
        assert!(ids("Pasal 9 ayat (6)").contains(&"PEN-08"));
        assert!(ids("ketua tim").contains(&"PEN-04"));
        assert!(ids("tidak ada kata seperti ini").is_empty());
    }
}
