//! `sikerja notify --once` and the server's sending job (issue 18 point 4,
//! `docs/notifications.md`): makes the deliveries of new outbox events, claims the due ones,
//! sends them outside any transaction — email by SMTP (lettre, rustls with ring), the webhook
//! by a signed POST (reqwest) — and records each outcome with the retry backoff.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use hmac::{KeyInit, Mac};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sha2::Sha256;
use sikerja_domain::notification::{self, Channel, MessageItem};
use sikerja_storage::Store;
use sikerja_storage::notifications::{Channels, ClaimedDelivery};

use crate::config::{Config, Secret};

/// How long a claim lasts: a sender that dies leaves its deliveries to another after it.
const LEASE_MINUTES: i64 = 5;
/// Deliveries claimed per round.
const BATCH: u64 = 100;

struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

struct Webhook {
    client: reqwest::Client,
    url: String,
    secret: Secret,
}

/// The configured channels and what a message needs.
pub struct Notifier {
    smtp: Option<Smtp>,
    webhook: Option<Webhook>,
    base_url: String,
    digest_hour: u8,
    /// Days a done event is kept (0: for ever).
    keep_days: u32,
    /// Days of notice before a periodic report's due day (`report_due`).
    report_due_days: u8,
    /// The WITA day of this process's last `report_due` scan: the scan runs once a day.
    scanned_on: std::sync::Mutex<Option<sikerja_domain::assignment::Day>>,
    /// This sender's name in claims: host and process, unique per running process.
    worker: String,
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// `report_due` events the daily scan wrote.
    pub due: usize,
    pub made: usize,
    pub sent: usize,
    pub failed: usize,
    pub gave_up: u64,
    /// Done events older than `notify_keep_days` deleted.
    pub pruned: u64,
}

impl Notifier {
    /// The channels of the configuration; `None` when neither email nor webhook is set.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Notifier>> {
        // rustls picks the process's provider: ring, as for the evidence-file store.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let smtp = match &config.notify_smtp_url {
            Some(url) => {
                let from: Mailbox = config
                    .notify_smtp_from
                    .as_deref()
                    .unwrap_or("Sikerja <sikerja@localhost>")
                    .parse()
                    .context("notify_smtp_from bukan alamat surel yang valid")?;
                // The URL holds the password: its error is reported without it.
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|_| {
                        anyhow::anyhow!("notify_smtp_url tidak valid (smtp://, smtps://)")
                    })?
                    .timeout(Some(Duration::from_secs(30)))
                    .build();
                Some(Smtp { transport, from })
            }
            None => None,
        };
        let webhook = match (&config.notify_webhook_url, &config.notify_webhook_secret) {
            (Some(url), Some(secret)) => {
                anyhow::ensure!(
                    secret.expose().chars().count() >= 16,
                    "notify_webhook_secret paling sedikit 16 karakter"
                );
                anyhow::ensure!(
                    url.starts_with("https://") || url.starts_with("http://"),
                    "notify_webhook_url harus diawali https:// atau http://"
                );
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(20))
                    .build()
                    .context("menyiapkan klien webhook")?;
                Some(Webhook {
                    client,
                    url: url.clone(),
                    secret: secret.clone(),
                })
            }
            (Some(_), None) => anyhow::bail!("notify_webhook_url memerlukan notify_webhook_secret"),
            _ => None,
        };
        if smtp.is_none() && webhook.is_none() {
            return Ok(None);
        }
        anyhow::ensure!(
            config.notify_digest_hour <= 23,
            "notify_digest_hour 0 sampai 23"
        );
        anyhow::ensure!(
            config.notify_report_due_days <= 31,
            "notify_report_due_days 0 sampai 31"
        );
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "sikerja".into());
        Ok(Some(Notifier {
            smtp,
            webhook,
            base_url: config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", config.local_address()))
                .trim_end_matches('/')
                .to_string(),
            digest_hour: config.notify_digest_hour,
            keep_days: config.notify_keep_days,
            report_due_days: config.notify_report_due_days,
            scanned_on: std::sync::Mutex::new(None),
            worker: format!("{host}:{}", std::process::id()),
        }))
    }

    fn channels(&self) -> Channels {
        Channels {
            email: self.smtp.is_some(),
            webhook: self.webhook.is_some(),
            digest_hour: self.digest_hour,
        }
    }

    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The host part of Message-IDs: the public address's host.
    fn id_host(&self) -> &str {
        self.base_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| !h.is_empty())
            .unwrap_or("sikerja.local")
    }

    /// One round: the day's `report_due` scan (first round of a WITA day), delete done events
    /// older than `notify_keep_days`, fan out new events, then claim and send due deliveries
    /// until none is left (at most ten batches).
    pub async fn run_once(&self, store: &Store, now: DateTime<Utc>) -> anyhow::Result<Round> {
        // A failed scan does not stop sending; the next round tries it again.
        let due = match self.scan_reports_due(store, now).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "report_due scan failed");
                0
            }
        };
        let pruned = match self.keep_days {
            0 => 0,
            days => {
                store
                    .prune_notifications(now - chrono::Duration::days(i64::from(days)))
                    .await?
            }
        };
        let mut round = Round {
            due,
            made: store.fan_out_notifications(self.channels(), now).await?,
            pruned,
            ..Round::default()
        };
        for _ in 0..10 {
            let claimed = store
                .claim_deliveries(
                    &self.worker,
                    chrono::Duration::minutes(LEASE_MINUTES),
                    BATCH,
                    now,
                )
                .await?;
            if claimed.is_empty() {
                break;
            }
            for (ids, outcome) in self.send_all(claimed).await {
                match outcome {
                    Ok(()) => {
                        store.delivery_sent(&ids, &self.worker, now).await?;
                        round.sent += ids.len();
                    }
                    Err(e) => {
                        tracing::warn!(deliveries = ?ids, error = %e, "notification not sent");
                        round.gave_up += store.delivery_failed(&ids, &self.worker, &e, now).await?;
                        round.failed += ids.len();
                    }
                }
            }
        }
        Ok(round)
    }

    /// The daily `report_due` scan, the first round of each WITA day (every server scans; the
    /// events' unique key keeps each one once).
    async fn scan_reports_due(&self, store: &Store, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let today = sikerja_storage::policies::day_of(now);
        let scanned = self
            .scanned_on
            .lock()
            .map(|on| *on == Some(today))
            .unwrap_or(false);
        if scanned {
            return Ok(0);
        }
        let written = store
            .scan_reports_due(today, self.report_due_days, now)
            .await?;
        if let Ok(mut on) = self.scanned_on.lock() {
            *on = Some(today);
        }
        Ok(written)
    }

    /// Sends claimed deliveries: a digest's emails to one person as one message, everything
    /// else one by one. Returns each group's delivery ids and outcome.
    async fn send_all(&self, claimed: Vec<ClaimedDelivery>) -> Vec<(Vec<i64>, Result<(), String>)> {
        let mut digests: BTreeMap<(i64, String), Vec<ClaimedDelivery>> = BTreeMap::new();
        let mut out = Vec::new();
        for d in claimed {
            match (d.channel, d.digest, d.email.clone()) {
                (Channel::Email, true, Some(address)) => {
                    digests.entry((d.recipient.0, address)).or_default().push(d);
                }
                (Channel::Email, _, Some(address)) => {
                    let id = message_id(
                        &format!("event-{}.to-{}", d.event, d.recipient.0),
                        self.id_host(),
                    );
                    let r = self.email(&address, &[&d], id).await;
                    out.push((vec![d.id], r));
                }
                (Channel::Email, _, None) => {
                    out.push((vec![d.id], Err("tidak ada alamat surel".to_string())));
                }
                (Channel::Webhook, _, _) => {
                    let r = self.post(&d).await;
                    out.push((vec![d.id], r));
                }
            }
        }
        for ((recipient, address), group) in digests {
            let first = group.iter().map(|d| d.id).min().unwrap_or_default();
            let id = message_id(
                &format!("digest-{recipient}.{first}.{}", group.len()),
                self.id_host(),
            );
            let refs: Vec<&ClaimedDelivery> = group.iter().collect();
            let r = self.email(&address, &refs, id).await;
            out.push((group.iter().map(|d| d.id).collect(), r));
        }
        out
    }

    async fn email(
        &self,
        address: &str,
        items: &[&ClaimedDelivery],
        message_id: String,
    ) -> Result<(), String> {
        let Some(smtp) = &self.smtp else {
            return Err("SMTP tidak diatur".to_string());
        };
        let Some(first) = items.first() else {
            return Ok(());
        };
        let to: Mailbox = format!(
            "{} <{address}>",
            first.recipient_name.replace(['<', '>', '"'], "")
        )
        .parse()
        .or_else(|_| address.parse())
        .map_err(|e| format!("alamat surel tidak valid: {e}"))?;
        let subject = if items.len() == 1 {
            notification::subject_line(first.kind, &first.title)
        } else {
            format!(
                "[Sikerja] Ringkasan harian: {} hal menunggu Anda",
                items.len()
            )
        };
        let message_items: Vec<MessageItem> = items
            .iter()
            .map(|d| MessageItem {
                kind: d.kind,
                title: d.title.clone(),
                note: d.note.clone(),
                link: self.link(&d.link),
            })
            .collect();
        let text = notification::body(&first.recipient_name, &message_items);
        let message = Message::builder()
            .from(smtp.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(message_id))
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .map_err(|e| format!("menyusun surel: {e}"))?;
        smtp.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }

    async fn post(&self, d: &ClaimedDelivery) -> Result<(), String> {
        let Some(hook) = &self.webhook else {
            return Err("webhook tidak diatur".to_string());
        };
        let timestamp = Utc::now().timestamp();
        let body = webhook_body(d, &self.link(&d.link), timestamp);
        let signature = sign(hook.secret.expose(), body.as_bytes());
        let response = hook
            .client
            .post(&hook.url)
            .header("Content-Type", "application/json")
            .header("X-Sikerja-Signature", format!("sha256={signature}"))
            .header("X-Sikerja-Timestamp", timestamp.to_string())
            .header("X-Sikerja-Event", d.event.to_string())
            .header("Idempotency-Key", format!("{}-{}", d.event, d.recipient.0))
            .body(body)
            .send()
            .await
            // The URL may carry a token: the error is reported without it.
            .map_err(|e| format!("webhook: {}", e.without_url()))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("webhook menjawab {}", response.status()))
        }
    }
}

/// A Message-ID stable for the same event and person (or the same digest), so a receiver
/// recognises the copy a retry after a crash sends.
fn message_id(local: &str, host: &str) -> String {
    format!("<sikerja.{local}@{host}>")
}

/// `hex(HMAC-SHA256(secret, body))`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let Ok(mut mac) = hmac::Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// The JSON a webhook receives.
fn webhook_body(d: &ClaimedDelivery, link: &str, timestamp: i64) -> String {
    serde_json::json!({
        "event_id": d.event,
        "delivery_id": d.id,
        "kind": d.kind.code(),
        "kind_label": d.kind.label(),
        "recipient": {
            "employee_id": d.recipient.0,
            "nip": d.recipient_nip,
            "name": d.recipient_name,
        },
        "title": d.title,
        "note": d.note,
        "text": notification::subject_line(d.kind, &d.title),
        "link": link,
        "created_at": d.created_at,
        "timestamp": timestamp,
    })
    .to_string()
}

/// `sikerja notify --once`: one round, for tests and a scheduler.
pub async fn once(config: &Config, now: DateTime<Utc>) -> anyhow::Result<()> {
    let Some(notifier) = Notifier::from_config(config)? else {
        println!("Pemberitahuan tidak aktif: atur notify_smtp_url atau notify_webhook_url.");
        return Ok(());
    };
    let store = super::open(config).await?;
    let r = notifier.run_once(&store, now).await?;
    println!(
        "Pemberitahuan: {} laporan jatuh tempo, {} pengiriman dibuat, {} terkirim, {} gagal ({} tidak dicoba lagi).",
        r.due, r.made, r.sent, r.failed, r.gave_up
    );
    Ok(())
}

/// `sikerja notify`: rounds until stopped (a sender without the web server).
pub async fn forever(config: &Config) -> anyhow::Result<()> {
    let Some(notifier) = Notifier::from_config(config)? else {
        println!("Pemberitahuan tidak aktif: atur notify_smtp_url atau notify_webhook_url.");
        return Ok(());
    };
    let store = super::open(config).await?;
    send_periodically(
        store,
        notifier,
        config.notify_interval_seconds,
        sikerja_web::ops::JobBeats::default(),
    )
    .await;
    Ok(())
}

/// The server's job: a round every `notify_interval_seconds`.
pub async fn send_periodically(
    store: Store,
    notifier: Notifier,
    seconds: u64,
    beats: sikerja_web::ops::JobBeats,
) {
    beats.register(sikerja_web::ops::Job::Notifications);
    let mut every = tokio::time::interval(Duration::from_secs(seconds.max(5)));
    loop {
        every.tick().await;
        match notifier.run_once(&store, Utc::now()).await {
            Ok(r) if r == Round::default() => beats.beat(sikerja_web::ops::Job::Notifications),
            Ok(r) => {
                beats.beat(sikerja_web::ops::Job::Notifications);
                tracing::info!(
                    due = r.due,
                    made = r.made,
                    sent = r.sent,
                    failed = r.failed,
                    gave_up = r.gave_up,
                    pruned = r.pruned,
                    "notifications sent"
                );
            }
            Err(e) => tracing::warn!(error = %e, "sending notifications failed"),
        }
    }
}
