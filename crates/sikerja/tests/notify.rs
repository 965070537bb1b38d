//! Notifications end to end (issue 18 point 4): `sikerja notify --once` against a local SMTP
//! sink (a minimal SMTP dialogue on a TCP port) and a local webhook receiver (axum, checking
//! the HMAC signature), both started by the test, on an SQLite file with a small agency.
//! Two senders run at once and each delivery arrives once; a failing webhook is retried with
//! backoff and the failure recorded; the daily digest gathers the day's events in one email.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Duration, Utc};
use hmac::{KeyInit, Mac};
use sikerja_domain::notification::{
    Channel, DeliveryState, NotificationKind, NotifyMode, Recipient,
};
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::Store;
use sikerja_storage::notifications::{NewEvent, next_digest_at};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const SECRET: &str = "rahasia-webhook-uji-123";

/// The emails the sink received, as raw DATA.
type Mails = Arc<Mutex<Vec<String>>>;

/// Speaks just enough SMTP for a client to hand over messages.
async fn smtp_sink(listener: TcpListener, mails: Mails) {
    loop {
        let Ok((socket, _)) = listener.accept().await else {
            return;
        };
        let mails = mails.clone();
        tokio::spawn(async move {
            let (r, mut w) = socket.into_split();
            let mut lines = BufReader::new(r).lines();
            w.write_all(b"220 sink.test ESMTP\r\n").await.ok()?;
            while let Ok(Some(line)) = lines.next_line().await {
                let upper = line.to_ascii_uppercase();
                let reply: &[u8] = if upper.starts_with("EHLO") {
                    b"250-sink.test\r\n250 8BITMIME\r\n"
                } else if upper.starts_with("HELO")
                    || upper.starts_with("MAIL FROM")
                    || upper.starts_with("RCPT TO")
                    || upper.starts_with("RSET")
                    || upper.starts_with("NOOP")
                {
                    b"250 OK\r\n"
                } else if upper.starts_with("DATA") {
                    w.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        .await
                        .ok()?;
                    let mut data = String::new();
                    while let Ok(Some(l)) = lines.next_line().await {
                        if l == "." {
                            break;
                        }
                        data.push_str(&l);
                        data.push('\n');
                    }
                    mails.lock().unwrap().push(data);
                    b"250 OK queued\r\n"
                } else if upper.starts_with("QUIT") {
                    w.write_all(b"221 bye\r\n").await.ok()?;
                    break;
                } else {
                    b"502 not implemented\r\n"
                };
                w.write_all(reply).await.ok()?;
            }
            Some(())
        });
    }
}

/// What the webhook receiver saw.
#[derive(Default)]
struct Hook {
    /// Accepted bodies by idempotency key (event and person), each with how often it came.
    accepted: Mutex<HashMap<String, (usize, serde_json::Value)>>,
    /// Keys refused once with 503 when `fail_first` is on.
    failed: Mutex<Vec<String>>,
    fail_first: Mutex<bool>,
    bad_signatures: Mutex<usize>,
}

async fn receive(State(hook): State<Arc<Hook>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(&body);
    let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    if header("x-sikerja-signature") != expected || header("x-sikerja-timestamp").is_empty() {
        *hook.bad_signatures.lock().unwrap() += 1;
        return StatusCode::UNAUTHORIZED;
    }
    let key = header("idempotency-key");
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        json["event_id"].to_string(),
        header("x-sikerja-event"),
        "the event id header names the body's event"
    );
    if *hook.fail_first.lock().unwrap() {
        let mut failed = hook.failed.lock().unwrap();
        if !failed.contains(&key) {
            failed.push(key);
            return StatusCode::SERVICE_UNAVAILABLE;
        }
    }
    let mut accepted = hook.accepted.lock().unwrap();
    let entry = accepted.entry(key).or_insert((0, json));
    entry.0 += 1;
    StatusCode::OK
}

struct Setup {
    _dir: tempfile::TempDir,
    url: String,
    store: Store,
    smtp: String,
    webhook: String,
    mails: Mails,
    hook: Arc<Hook>,
    people: Vec<EmployeeId>,
}

async fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
    let store = Store::connect(&url).await.unwrap();
    let bundle = sikerja_demo::small_agency();
    store.import_agency(&bundle, "test").await.unwrap();
    let mut people = Vec::new();
    for e in bundle.employees.iter().take(4) {
        people.push(store.employee_by_nip(&e.nip).await.unwrap().employee.id);
    }
    let mails: Mails = Arc::default();
    let smtp_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let smtp = format!("smtp://{}", smtp_listener.local_addr().unwrap());
    tokio::spawn(smtp_sink(smtp_listener, mails.clone()));
    let hook = Arc::new(Hook::default());
    let app = axum::Router::new()
        .route("/hook", axum::routing::post(receive))
        .with_state(hook.clone());
    let hook_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let webhook = format!("http://{}/hook", hook_listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(hook_listener, app).await });
    Setup {
        _dir: dir,
        url,
        store,
        smtp,
        webhook,
        mails,
        hook,
        people,
    }
}

impl Setup {
    async fn event(&self, to: EmployeeId, n: i64) {
        self.store
            .enqueue_notification(NewEvent {
                kind: NotificationKind::ReportRequested,
                recipient: Recipient::Employee(to),
                agency: None,
                subject: n,
                title: format!("Laporan bulanan {n}"),
                note: "Batas waktu 10 Desember 2026.".into(),
                link: format!("/pelaksanaan/penugasan/{n}"),
            })
            .await
            .unwrap();
    }

    /// `sikerja notify --once`, at `now` when given.
    fn notify(&self, now: Option<DateTime<Utc>>) -> tokio::process::Command {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_sikerja"));
        c.arg("notify").arg("--once");
        if let Some(now) = now {
            c.arg("--now").arg(now.to_rfc3339());
        }
        c.env("SIKERJA_DATABASE_URL", &self.url)
            .env("SIKERJA_NOTIFY_SMTP_URL", &self.smtp)
            .env(
                "SIKERJA_NOTIFY_SMTP_FROM",
                "Sikerja <sikerja@banjarkab.go.id>",
            )
            .env("SIKERJA_NOTIFY_WEBHOOK_URL", &self.webhook)
            .env("SIKERJA_NOTIFY_WEBHOOK_SECRET", SECRET)
            .env("SIKERJA_PUBLIC_URL", "https://sikerja.banjarkab.go.id")
            .env("RUST_LOG", "warn");
        c
    }

    async fn run(&self, now: Option<DateTime<Utc>>) -> String {
        let out = self.notify(now).output().await.unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_senders_at_once_deliver_each_email_and_webhook_once_signed_with_a_stable_message_id() {
    let s = setup().await;
    for (i, p) in s.people.iter().take(3).enumerate() {
        s.store
            .set_notification_preference(
                *p,
                &format!("pegawai{i}@banjarkab.go.id"),
                NotifyMode::Immediately,
            )
            .await
            .unwrap();
    }
    // The fourth person gave no address: the webhook only.
    let mut n = 0;
    for p in &s.people {
        for _ in 0..3 {
            n += 1;
            s.event(*p, n).await;
        }
    }
    let (a, b) = tokio::join!(s.notify(None).output(), s.notify(None).output());
    for out in [a.unwrap(), b.unwrap()] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Whatever one sender left (it may have found the other's claims), a third round ends.
    s.run(None).await;
    let mails = s.mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 9, "three people × three events, once each");
    let mut ids: Vec<&str> = mails
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("Message-ID:")))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 9, "{ids:?}");
    assert!(
        ids.iter().all(|i| i.contains("@sikerja.banjarkab.go.id>")),
        "{ids:?}"
    );
    let first = mails
        .iter()
        .find(|m| m.contains("Laporan bulanan 1"))
        .expect("the first event's email");
    assert!(
        first.contains("Subject: [Sikerja] Permintaan laporan: Laporan bulanan 1"),
        "{first}"
    );
    assert!(first.contains("Atasan Anda meminta laporan"), "{first}");
    assert!(
        first.contains("https://sikerja.banjarkab.go.id/pelaksanaan/penugasan/1"),
        "{first}"
    );
    {
        let accepted = s.hook.accepted.lock().unwrap();
        assert_eq!(
            accepted.len(),
            12,
            "every event to every person, by webhook"
        );
        assert!(accepted.values().all(|(count, _)| *count == 1));
        assert_eq!(*s.hook.bad_signatures.lock().unwrap(), 0);
        let (_, body) = accepted.values().next().unwrap();
        assert_eq!(body["kind"], "report_requested");
        assert!(
            body["link"]
                .as_str()
                .unwrap()
                .starts_with("https://sikerja.banjarkab.go.id/")
        );
    }
    let deliveries = s.store.notification_deliveries().await.unwrap();
    assert_eq!(deliveries.len(), 21);
    assert!(
        deliveries.iter().all(|d| d.state == DeliveryState::Sent),
        "{deliveries:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_webhook_is_retried_with_backoff_and_the_failure_recorded() {
    let s = setup().await;
    *s.hook.fail_first.lock().unwrap() = true;
    s.event(s.people[0], 1).await;
    let now = Utc::now();
    let out = s.run(Some(now)).await;
    assert!(out.contains("1 gagal"), "{out}");
    // The round's daily report_due scan ran (the small agency has no running work).
    assert!(out.contains("0 laporan jatuh tempo"), "{out}");
    let d = &s.store.notification_deliveries().await.unwrap()[0];
    assert_eq!(d.channel, Channel::Webhook);
    assert_eq!(d.state, DeliveryState::Pending);
    assert_eq!(d.attempts, 1);
    assert!(d.last_error.contains("503"), "{}", d.last_error);
    // Not again before the first backoff (one minute)…
    let out = s.run(Some(now + Duration::seconds(30))).await;
    assert!(out.contains("0 terkirim"), "{out}");
    assert!(s.hook.accepted.lock().unwrap().is_empty());
    // …then delivered, once.
    let out = s.run(Some(now + Duration::minutes(2))).await;
    assert!(out.contains("1 terkirim"), "{out}");
    let d = &s.store.notification_deliveries().await.unwrap()[0];
    assert_eq!(d.state, DeliveryState::Sent);
    assert_eq!(d.attempts, 2);
    assert_eq!(s.hook.accepted.lock().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_digest_gathers_the_days_events_into_one_email() {
    let s = setup().await;
    let me = s.people[1];
    s.store
        .set_notification_preference(me, "ringkasan@banjarkab.go.id", NotifyMode::Digest)
        .await
        .unwrap();
    for n in 1..=3 {
        s.event(me, n).await;
    }
    let now = Utc::now();
    s.run(Some(now)).await;
    assert!(
        s.mails.lock().unwrap().is_empty(),
        "nothing before the digest hour"
    );
    s.run(Some(next_digest_at(now, 7) + Duration::minutes(1)))
        .await;
    let mails = s.mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 1, "{mails:?}");
    let m = &mails[0];
    assert!(m.contains("Ringkasan harian"), "{m}");
    for n in 1..=3 {
        assert!(m.contains(&format!("Laporan bulanan {n}")), "{m}");
    }
    let emails: Vec<_> = s
        .store
        .notification_deliveries()
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.channel == Channel::Email)
        .collect();
    assert_eq!(emails.len(), 3);
    assert!(
        emails
            .iter()
            .all(|d| d.digest && d.state == DeliveryState::Sent)
    );
}
