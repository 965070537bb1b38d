//! The `report_due` scan (issue 18 point 4; LAP-01/02): once a day every notification sender
//! walks the running work — active assignments and approved activity plans — computes each
//! schedule of periodic reports as the work page does, and tells each reporter of a report
//! falling due (`report::falls_due`: not submitted, within the notice days before its due
//! day). Each event carries the key `report_due:<work>:<kind>:<period>:<due day>:<employee>`,
//! unique in the outbox, and is inserted `ON CONFLICT DO NOTHING`: a second scan, or a second
//! server scanning at the same moment, writes nothing more. See `docs/notifications.md`.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use sikerja_domain::assignment::{AssignmentId, AssignmentStatus, Day};
use sikerja_domain::execution::report::falls_due;
use sikerja_domain::notification::{NotificationKind, Recipient};
use sikerja_domain::planning::target::PlanStatus;

use super::reports::schedule_of;
use super::{WorkRef, load_work};
use crate::Store;
use crate::entities::{activity_plan_version, assignment};
use crate::error::Result;
use crate::notifications::{NewEvent, enqueue_once};

/// The page where the reporter writes the report.
fn work_link(r: WorkRef) -> String {
    match r {
        WorkRef::Assignment(a) => format!("/pelaksanaan/penugasan/{}", a.0),
        WorkRef::Plan(p) => format!("/pelaksanaan/rencana/{p}"),
    }
}

impl Store {
    /// Writes a `report_due` event for every periodic report falling due on `today` (WITA)
    /// with `notice_days` days' notice, once per schedule, period, due day and reporter;
    /// answers how many this call wrote.
    pub async fn scan_reports_due(
        &self,
        today: Day,
        notice_days: u8,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut works: Vec<WorkRef> = assignment::Entity::find()
            .filter(assignment::Column::Status.eq(AssignmentStatus::Active.code()))
            .select_only()
            .column(assignment::Column::Id)
            .into_tuple::<i64>()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| WorkRef::Assignment(AssignmentId(a)))
            .collect();
        let mut plans: Vec<i64> = activity_plan_version::Entity::find()
            .filter(activity_plan_version::Column::Status.eq(PlanStatus::Approved.code()))
            .select_only()
            .column(activity_plan_version::Column::PlanId)
            .into_tuple::<i64>()
            .all(&self.db)
            .await?;
        plans.sort_unstable();
        plans.dedup();
        works.extend(plans.into_iter().map(WorkRef::Plan));
        let mut written = 0;
        for r in works {
            let w = load_work(&self.db, r).await?;
            if !w.work.running {
                continue;
            }
            for d in schedule_of(&self.db, &w, today).await? {
                if !falls_due(d.start, d.due, d.report.is_some(), today, notice_days) {
                    continue;
                }
                let key = format!(
                    "report_due:{}:{}:{}:{}:{}",
                    r.key(),
                    d.kind.code(),
                    d.start,
                    d.due,
                    d.reporter.0
                );
                let event = NewEvent {
                    kind: NotificationKind::ReportDue,
                    recipient: Recipient::Employee(d.reporter),
                    agency: Some(w.agency.0),
                    subject: match r {
                        WorkRef::Assignment(a) => a.0,
                        WorkRef::Plan(p) => p,
                    },
                    title: format!("Laporan jatuh tempo {}: {}", d.due.label(), w.title),
                    note: format!(
                        "{} periode {} sampai {} ({} · {}) jatuh tempo {}. Sampaikan melalui halaman pelaksanaan.",
                        d.kind.label(),
                        d.start.label(),
                        d.end.label(),
                        d.kind.citation().rule_id,
                        d.kind.citation().article,
                        d.due.label()
                    ),
                    link: work_link(r),
                };
                if enqueue_once(&self.db, event, &key, now).await? {
                    written += 1;
                }
            }
        }
        Ok(written)
    }
}
