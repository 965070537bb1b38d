//! The filters of the audit pages, as GET parameters, and the storage filter of one page of
//! entries. Dates are `YYYY-MM-DD`, whole days in WITA, both included.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::{AuditFilter, SignIns};

use crate::pages::non_empty;

/// Entries per page.
pub(super) const PAGE_SIZE: u32 = 50;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
    #[serde(skip_serializing)]
    pub halaman: Option<String>,
}

impl AuditQuery {
    pub(super) fn normalised(self) -> Self {
        AuditQuery {
            entity: non_empty(self.entity),
            entity_id: non_empty(self.entity_id),
            actor: non_empty(self.actor),
            action: non_empty(self.action),
            from: non_empty(self.from),
            until: non_empty(self.until),
            halaman: non_empty(self.halaman),
        }
    }

    pub(super) fn page(&self) -> u32 {
        self.halaman
            .as_deref()
            .and_then(|h| h.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }

    /// The storage filter of one page, or the Indonesian reason a date cannot be read.
    pub(super) fn filter(
        &self,
        page: u32,
        agency: AgencyId,
        sign_ins: SignIns,
    ) -> Result<AuditFilter, String> {
        let from = day_start(self.from.as_deref(), 0, "Tanggal awal")?;
        let until = day_start(self.until.as_deref(), 1, "Tanggal akhir")?;
        Ok(AuditFilter {
            agency: Some(agency.0),
            entity: self.entity.clone(),
            entity_id: self.entity_id.clone(),
            actor: self.actor.clone(),
            action: self.action.clone(),
            from,
            until,
            sign_ins,
            limit: PAGE_SIZE,
            offset: (page - 1).saturating_mul(PAGE_SIZE),
        })
    }

    /// The address of another page of `base` with the same filters.
    pub(super) fn href(&self, base: &str, page: u32) -> String {
        let mut query = serde_urlencoded::to_string(self).unwrap_or_default();
        if !query.is_empty() {
            query.push('&');
        }
        format!("{base}?{query}halaman={page}")
    }
}

/// Midnight in WITA at the start of `date` plus `days`, in UTC (`until` takes the next day,
/// so that the day it names is included).
fn day_start(date: Option<&str>, days: u64, what: &str) -> Result<Option<DateTime<Utc>>, String> {
    let Some(text) = date else { return Ok(None) };
    let unreadable = || format!("{what} “{text}” tidak dapat dibaca: gunakan format TTTT-BB-HH.");
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .ok_or_else(unreadable)?;
    let wita = FixedOffset::east_opt(8 * 3600).ok_or_else(unreadable)?;
    wita.from_local_datetime(&day.and_time(NaiveTime::MIN))
        .single()
        .map(|at| Some(at.with_timezone(&Utc)))
        .ok_or_else(unreadable)
}

#[cfg(test)]
mod tests {
    use super::AuditQuery;

    #[test]
    fn paging_links_keep_every_filter() {
        let q = AuditQuery {
            action: Some("role.granted".into()),
            entity: Some("employee".into()),
            from: Some("2026-12-01".into()),
            halaman: Some("2".into()),
            ..AuditQuery::default()
        };
        assert_eq!(
            q.href("/admin/audit", 3),
            "/admin/audit?entity=employee&action=role.granted&from=2026-12-01&halaman=3"
        );
    }
}
