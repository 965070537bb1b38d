//! `sikerja serve`: open storage, load the demo into an empty database, serve HTTP.

use anyhow::Context;
use sikerja_web::AppState;

use crate::config::Config;

pub async fn run(config: &Config) -> anyhow::Result<()> {
    let proxy = config
        .proxy_settings()
        .context("pengaturan trusted_proxies tidak valid")?;
    let store = super::open(config).await?;
    // Issue 13 point 4: the evidence files of reports, in a folder or an S3 bucket.
    let files = sikerja_files::FileStore::open(&config.files_backend(), config.files_policy())
        .map_err(|e| anyhow::anyhow!("{} ({e})", e.message()))
        .context("menyiapkan penyimpanan berkas bukti (periksa SIKERJA_FILES_*)")?;
    let files_location = files.location().to_string();
    if config.demo && store.is_empty().await? {
        println!("Basis data kosong: memuat pemerintah demo (data fiktif)…");
        for bundle in sikerja_demo::demo_government_rated_through(super::demo_year()) {
            store
                .import_agency(&bundle, "demo")
                .await
                .with_context(|| format!("memuat data demo {}", bundle.agency.code))?;
        }
        super::accounts::set_demo_passwords(&store, config).await?;
    }
    // Issue 12 point 4: the audit chain's head is checkpointed outside the database at start,
    // on a schedule and at shutdown.
    let witness = config.audit_witness;
    let started_at = super::audit::checkpoint_logged(&store, witness)
        .await
        .map(|cp| cp.seq)
        .unwrap_or(-1);
    let store_for_sweep = store.clone();
    let store_for_escalation = store.clone();
    let store_for_org_changes = store.clone();
    let store_for_checkpoints = store.clone();
    let store_for_notifications = store.clone();
    // Issue 18 point 4: notifications, when email or a webhook is configured.
    let notifier = super::notify::Notifier::from_config(config)
        .context("pengaturan pemberitahuan (notify_*) tidak valid")?;
    let store_at_shutdown = store.clone();
    // Issue 19 point 3: `/metrics` behind its token, and the jobs' heartbeats it shows.
    let beats = sikerja_web::ops::JobBeats::default();
    let ops = sikerja_web::ops::OpsSettings {
        metrics_token: config.metrics_token()?,
        jobs: beats.clone(),
    };
    let app = sikerja_web::router_with_ops(
        AppState {
            store,
            demo_mode: config.demo,
            secure_cookies: config.secure_cookies(),
            demo_sign_ins: if config.demo {
                super::accounts::demo_sign_ins()
            } else {
                Default::default()
            },
            letters: std::sync::Arc::new(sikerja_web::letters::Letters::new(
                sikerja_web::letters::LetterSettings {
                    templates_dir: config.letter_templates.clone(),
                    public_url: config.public_url.clone(),
                },
            )),
            proxy,
            files: std::sync::Arc::new(files),
        },
        ops,
    );
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("membuka alamat {}", config.listen))?;
    let addr = listener.local_addr()?;
    let shutdown = shutdown_signal();
    // Issue 15: without `public_url` the QR codes of letters point to a local address.
    if let Some(warning) = config.public_url_warning() {
        println!("{warning}");
        tracing::warn!("public_url is not set: QR codes on letters point to the request's address");
    }
    println!("Sikerja berjalan di http://{addr}/");
    println!("Dokumentasi API: http://{addr}/api/docs");
    println!("Berkas bukti disimpan di {files_location}");
    if config.demo {
        println!("Mode demo: seluruh orang dan data adalah fiktif.");
    }
    tracing::info!(listen = %addr, "server started");
    tokio::spawn(sweep_expired_sessions(store_for_sweep, beats.clone()));
    tokio::spawn(super::workflow::escalate_periodically(
        store_for_escalation,
        beats.clone(),
    ));
    tokio::spawn(super::org_changes::apply_periodically(
        store_for_org_changes,
        beats.clone(),
    ));
    tokio::spawn(super::audit::checkpoint_periodically(
        store_for_checkpoints,
        config.audit_checkpoint_minutes,
        witness,
        started_at,
        beats.clone(),
    ));
    if let Some(notifier) = notifier {
        println!("Pemberitahuan aktif (surel/webhook).");
        tokio::spawn(super::notify::send_periodically(
            store_for_notifications,
            notifier,
            config.notify_interval_seconds,
            beats,
        ));
    }
    // The peer address: the client, or a trusted proxy whose forwarding header names it.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .context("server berhenti dengan galat")?;
    super::audit::checkpoint_logged(&store_at_shutdown, witness).await;
    Ok(())
}

/// Ctrl-C, or SIGTERM (what systemd and container runtimes send) on Unix. The handlers are
/// installed when this is called, not when the future is first polled, so a signal that
/// arrives right after the server announced itself still shuts it down gracefully.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let handlers = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let (mut term, mut int) = handlers;
            let term = async {
                match term.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let int = async {
                match int.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                }
            };
            tokio::select! {
                () = term => {}
                () = int => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Deletes expired sessions, stale sign-in throttle counts and expired device cookies once an
/// hour (they are never used, but would pile up).
async fn sweep_expired_sessions(store: sikerja_storage::Store, beats: sikerja_web::ops::JobBeats) {
    let job = sikerja_web::ops::Job::SessionSweep;
    beats.register(job);
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let sessions = match store.delete_expired_sessions().await {
            Ok(n) => {
                tracing::debug!(sessions.deleted = n, "expired sessions swept");
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "sweeping expired sessions failed");
                false
            }
        };
        let throttle = match store
            .delete_stale_sign_in_state(sikerja_web::auth::FORGET_AFTER)
            .await
        {
            Ok(n) => {
                tracing::debug!(sign_in.rows_deleted = n, "sign-in throttle swept");
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "sweeping the sign-in throttle failed");
                false
            }
        };
        if sessions && throttle {
            beats.beat(job);
        }
    }
}
