//! The server's job for dated organisation changes (issue 14 point 1): a change recorded with a
//! later effective day is applied on that day. Each due change is claimed once under its
//! agency's row lock, so several app servers on one database apply it exactly once.

use sikerja_storage::Store;

/// Applies the organisation changes whose day has come, every fifteen minutes while the server
/// runs (and once at start, so a restart after midnight does not wait a quarter of an hour).
pub async fn apply_periodically(store: Store, beats: sikerja_web::ops::JobBeats) {
    beats.register(sikerja_web::ops::Job::OrgChanges);
    let mut every = tokio::time::interval(std::time::Duration::from_secs(15 * 60));
    loop {
        every.tick().await;
        match store
            .apply_due_org_changes(sikerja_storage::policies::today())
            .await
        {
            Ok(run) if run.applied == 0 && run.failed == 0 => {
                beats.beat(sikerja_web::ops::Job::OrgChanges);
            }
            Ok(run) => {
                beats.beat(sikerja_web::ops::Job::OrgChanges);
                tracing::info!(
                    org_changes.applied = run.applied,
                    org_changes.failed = run.failed,
                    "dated organisation changes applied"
                );
            }
            Err(e) => tracing::warn!(error = %e, "applying dated organisation changes failed"),
        }
    }
}
