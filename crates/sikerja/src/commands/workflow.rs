//! `sikerja workflow …`: an agency's workflow settings and the escalation of waiting steps
//! (issue 5 point 4). The server escalates on its own every quarter of an hour; the command is
//! for a scheduler (cron) when the server runs on several machines.

use sikerja_storage::{AuditActor, Store, WorkflowPolicy};

use crate::config::Config;

/// Shows or changes an agency's Pejabat yang Berwenang and escalation time.
pub async fn policy(
    config: &Config,
    agency: &str,
    authority_position: Option<&str>,
    escalation_hours: Option<i32>,
) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let a = store.agency_by_code(agency).await?;
    let mut p = store.workflow_policy(a.id).await?;
    if authority_position.is_some() || escalation_hours.is_some() {
        if let Some(code) = authority_position {
            p.authority_position = (!code.trim().is_empty()).then(|| code.trim().to_string());
        }
        if let Some(h) = escalation_hours {
            p.escalation_hours = h;
        }
        store
            .set_workflow_policy(a.id, &p, &AuditActor::new("cli"))
            .await?;
        println!("Pengaturan alur {} diperbarui.", a.name);
    }
    print(&a.name, &p);
    Ok(())
}

fn print(agency: &str, p: &WorkflowPolicy) {
    println!("{agency}");
    println!(
        "  Pejabat yang Berwenang (PEN-15): {}",
        p.authority_position
            .as_deref()
            .unwrap_or("Sekretaris Daerah (bawaan)")
    );
    println!(
        "  Eskalasi langkah yang menunggu: {}",
        if p.escalation_hours == 0 {
            "tidak aktif".to_string()
        } else {
            format!("setelah {} jam", p.escalation_hours)
        }
    );
}

/// Escalates every step that waits longer than its agency allows.
pub async fn escalate(config: &Config) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let n = store.escalate_overdue(chrono::Utc::now()).await?;
    println!("{n} langkah dieskalasi.");
    Ok(())
}

/// Escalates waiting steps every fifteen minutes while the server runs.
pub async fn escalate_periodically(store: Store, beats: sikerja_web::ops::JobBeats) {
    beats.register(sikerja_web::ops::Job::Escalation);
    let mut every = tokio::time::interval(std::time::Duration::from_secs(15 * 60));
    loop {
        every.tick().await;
        match store.escalate_overdue(chrono::Utc::now()).await {
            Ok(0) => beats.beat(sikerja_web::ops::Job::Escalation),
            Ok(n) => {
                beats.beat(sikerja_web::ops::Job::Escalation);
                tracing::info!(steps.escalated = n, "waiting workflow steps escalated");
            }
            Err(e) => tracing::warn!(error = %e, "escalating waiting steps failed"),
        }
    }
}
