//! View models shared by the page templates: plain, already formatted values so templates stay
//! free of logic, and conversions from the storage views.

use std::collections::HashMap;

use sikerja_storage::{OfficialRef, PersonRef, PlacementStatus, PlacementView, Store};

use crate::format;

/// What the base layout needs: page title, demo banner and breadcrumbs.
#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    pub demo_mode: bool,
    pub crumbs: Vec<Crumb>,
    /// The signed-in person, for the header.
    pub user: Option<crate::auth::SignedIn>,
    /// Nonce of this response's Content-Security-Policy, on every `<script>` and `<link>`.
    pub nonce: String,
    /// The session's CSRF token, in every state-changing form (`_csrf`) and htmx header.
    pub csrf: String,
    /// The header's links for the signed-in person, loaded before the handler.
    pub menu: crate::pages::header::HeaderMenu,
    /// The stylesheet's URL with its version, cached for a year.
    pub stylesheet: &'static str,
}

/// One breadcrumb link.
#[derive(Debug, Clone)]
pub struct Crumb {
    pub label: String,
    pub href: String,
}

impl Layout {
    pub fn new(title: impl Into<String>, demo_mode: bool) -> Self {
        let secrets = crate::security::request_secrets();
        Layout {
            title: title.into(),
            demo_mode,
            crumbs: Vec::new(),
            user: crate::auth::current_user(),
            nonce: secrets.nonce,
            csrf: secrets.csrf,
            menu: crate::pages::header::current(),
            stylesheet: crate::assets::stylesheet_url(),
        }
    }

    /// Adds a breadcrumb; the home page is always first.
    pub fn crumb(mut self, label: impl Into<String>, href: impl Into<String>) -> Self {
        self.crumbs.push(Crumb {
            label: label.into(),
            href: href.into(),
        });
        self
    }
}

/// An employee as shown in tables: name with titles, spaced NIP, pangkat/golongan.
#[derive(Debug, Clone)]
pub struct PersonCell {
    pub id: i64,
    pub name: String,
    pub nip: String,
    pub grade: String,
}

impl From<&PersonRef> for PersonCell {
    fn from(p: &PersonRef) -> Self {
        PersonCell {
            id: p.employee.0,
            name: p.name.clone(),
            nip: p.nip.spaced(),
            grade: format::grade(p.grade, p.rank.as_deref()),
        }
    }
}

/// An official exercising a position, possibly as Plt./Plh.
#[derive(Debug, Clone)]
pub struct OfficialCell {
    pub person: PersonCell,
    pub position_name: String,
    pub class_label: &'static str,
    /// "Plt." or "Plh." when acting.
    pub acting: Option<&'static str>,
}

impl From<&OfficialRef> for OfficialCell {
    fn from(o: &OfficialRef) -> Self {
        OfficialCell {
            person: PersonCell::from(&o.person),
            position_name: o.position_name.clone(),
            class_label: o.class.short_label(),
            acting: o.acting.map(|a| a.label()),
        }
    }
}

/// Who decided a manual placement (KED-09), when and why.
#[derive(Debug, Clone)]
pub struct ManualCell {
    pub justification: String,
    pub decided_by: String,
    pub decided_at: String,
}

/// One row of the rincian kedudukan (KED-11).
#[derive(Debug, Clone)]
pub struct PlacementRow {
    pub employee: PersonCell,
    pub position_name: String,
    pub class_label: &'static str,
    pub level: Option<&'static str>,
    pub unit_name: String,
    pub placed: bool,
    pub status_label: &'static str,
    pub superior: Option<OfficialCell>,
    pub assessor: Option<OfficialCell>,
    pub coordinator: Option<OfficialCell>,
    pub recommender: Option<OfficialCell>,
    pub rule_id: String,
    pub article: String,
    pub assessor_rule_id: Option<String>,
    pub assessor_article: Option<String>,
    pub notes: Vec<String>,
    pub reason: Option<String>,
    pub manual: Option<ManualCell>,
}

impl PlacementRow {
    /// Builds the row; `deciders` maps the NIP of a deciding official to their display name.
    pub fn new(p: &PlacementView, deciders: &HashMap<String, String>) -> Self {
        PlacementRow {
            employee: PersonCell::from(&p.employee),
            position_name: p.position_name.clone(),
            class_label: p.position_class.short_label(),
            level: p.functional_level.map(|l| l.label()),
            unit_name: p.unit_name.clone(),
            placed: p.status == PlacementStatus::Placed,
            status_label: p.status.label(),
            superior: p.superior.as_ref().map(OfficialCell::from),
            assessor: p.assessor.as_ref().map(OfficialCell::from),
            coordinator: p.coordinator.as_ref().map(OfficialCell::from),
            recommender: p.recommender.as_ref().map(OfficialCell::from),
            rule_id: p.rule_id.clone(),
            article: p.article.clone(),
            assessor_rule_id: p.assessor_rule_id.clone(),
            assessor_article: p.assessor_article.clone(),
            notes: p.notes.clone(),
            reason: p.reason.clone(),
            manual: p.manual.as_ref().map(|m| ManualCell {
                justification: m.justification.clone(),
                decided_by: deciders
                    .get(&m.decided_by)
                    .cloned()
                    .unwrap_or_else(|| m.decided_by.clone()),
                decided_at: format::date_time(m.decided_at),
            }),
        }
    }
}

/// Resolves the NIPs recorded as deciders of manual placements to "Name (NIP spaced)". A NIP
/// that no longer resolves is shown as recorded.
pub async fn decider_names(store: &Store, rows: &[PlacementView]) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for m in rows.iter().filter_map(|p| p.manual.as_ref()) {
        if names.contains_key(&m.decided_by) {
            continue;
        }
        let Ok(nip) = sikerja_domain::Nip::parse(&m.decided_by) else {
            continue;
        };
        if let Ok(e) = store.employee_by_nip(&nip).await {
            let label = format!("{} (NIP {})", e.employee.display_name(), nip.spaced());
            names.insert(m.decided_by.clone(), label);
        }
    }
    names
}
