//! Conformance: notifications (issue 18 point 4) on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects. A decision writes its outbox event in its own
//! transaction (a refused one writes none); deliveries are made per recipient and channel with
//! the person's preference; two senders claiming at once get disjoint deliveries, each marked
//! sent once; a failed delivery backs off and gives up, recorded; the digest waits for its hour.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::{Duration, SubsecRound, Utc};
use common::workflow::{World, step};
use sikerja_domain::audit::AuditAction;
use sikerja_domain::notification::{
    Channel, DeliveryState, NotificationKind, NotifyMode, Recipient,
};
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::AuditFilter;
use sikerja_storage::notifications::{Channels, NewEvent, next_digest_at};

const ALL: Channels = Channels {
    email: true,
    webhook: true,
    digest_hour: 7,
};

const WEBHOOK: Channels = Channels {
    email: false,
    webhook: true,
    digest_hour: 7,
};

fn event(to: EmployeeId, n: usize) -> NewEvent {
    NewEvent {
        kind: NotificationKind::ReportDue,
        recipient: Recipient::Employee(to),
        agency: None,
        subject: i64::try_from(n).unwrap(),
        title: format!("Laporan {n}"),
        note: String::new(),
        link: format!("/pelaksanaan/penugasan/{n}"),
    }
}

#[tokio::test]
async fn a_waiting_step_writes_its_event_in_the_deciding_transaction_and_a_refused_decision_none() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    assert!(w.store.notification_events().await.unwrap().is_empty());
    let request = w.request_involvement(id).await;
    let events = w.store.notification_events().await.unwrap();
    let waiting: Vec<_> = events
        .iter()
        .filter(|e| e.kind == NotificationKind::StepWaiting)
        .collect();
    assert_eq!(waiting.len(), 1, "{events:?}");
    let e = waiting[0];
    assert!(matches!(e.recipient, Recipient::Post(_)), "{e:?}");
    assert_eq!(e.link, format!("/penugasan/{}", id.0));
    assert!(
        e.title.starts_with("Tim Perencanaan Layanan Rujukan"),
        "{e:?}"
    );
    assert!(!e.fanned_out);
    // A refused decision (not the holder) writes nothing.
    let before = events.len();
    w.store
        .decide_step(
            request,
            &step("ppk_decision", false, "Setuju"),
            &w.actor(&w.d.kabid).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap_err();
    assert_eq!(w.store.notification_events().await.unwrap().len(), before);
    // The holder decides: the next step's holder is told, in that decision's transaction.
    w.store
        .decide_step(
            request,
            &step("ppk_decision", false, "Setuju"),
            &w.actor(&w.ka_bappeda).await,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let after = w.store.notification_events().await.unwrap();
    assert_eq!(after.len(), before + 1, "{after:?}");
    assert_eq!(after[before].kind, NotificationKind::StepWaiting);
}

#[tokio::test]
async fn a_nudge_tells_the_holder_and_a_posts_event_reaches_whoever_holds_it() {
    let w = World::new().await;
    let id = w.cross_unit_team().await;
    let request = w.request_involvement(id).await;
    w.store
        .nudge(request, "Mohon segera", &w.actor(&w.d.kadis).await)
        .await
        .unwrap();
    let events = w.store.notification_events().await.unwrap();
    assert!(
        events.iter().any(|e| e.kind == NotificationKind::Nudge),
        "{events:?}"
    );
    // The Kepala Bappeda gives an address; the webhook tells everyone, email only them.
    let ka = w.id(&w.ka_bappeda).await;
    w.store
        .set_notification_preference(ka, "kabappeda@banjarkab.go.id", NotifyMode::Immediately)
        .await
        .unwrap();
    let now = Utc::now();
    let made = w.store.fan_out_notifications(ALL, now).await.unwrap();
    let deliveries = w.store.notification_deliveries().await.unwrap();
    assert_eq!(made, deliveries.len());
    // Two events (the step, the nudge), both to the Kepala Bappeda, on two channels.
    assert_eq!(deliveries.len(), 4, "{deliveries:?}");
    assert!(deliveries.iter().all(|d| d.recipient == ka));
    assert_eq!(
        deliveries
            .iter()
            .filter(|d| d.channel == Channel::Email)
            .count(),
        2
    );
    // Fanned out once: a second server finds nothing to do.
    assert_eq!(w.store.fan_out_notifications(ALL, now).await.unwrap(), 0);
    assert!(
        w.store
            .notification_events()
            .await
            .unwrap()
            .iter()
            .all(|e| e.fanned_out)
    );
}

#[tokio::test]
async fn preferences_are_off_until_an_address_is_given_and_addresses_are_checked() {
    let w = World::new().await;
    let me = w.id(&w.d.kasi).await;
    let p = w.store.notification_preference(me).await.unwrap();
    assert_eq!(p.mode, NotifyMode::Off);
    assert_eq!(p.email, None);
    let err = w
        .store
        .set_notification_preference(me, "", NotifyMode::Immediately)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "notification_email_required");
    let err = w
        .store
        .set_notification_preference(me, "bukan alamat", NotifyMode::Digest)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "email_invalid");
    w.store
        .set_notification_preference(me, " kasi@banjarkab.go.id ", NotifyMode::Digest)
        .await
        .unwrap();
    let p = w.store.notification_preference(me).await.unwrap();
    assert_eq!(p.email.as_deref(), Some("kasi@banjarkab.go.id"));
    assert_eq!(p.mode, NotifyMode::Digest);
    // Changed again: one row, the last choice.
    w.store
        .set_notification_preference(me, "kasi@banjarkab.go.id", NotifyMode::Off)
        .await
        .unwrap();
    assert_eq!(
        w.store.notification_preference(me).await.unwrap().mode,
        NotifyMode::Off
    );
}

#[tokio::test]
async fn two_senders_claiming_at_once_get_disjoint_deliveries_each_marked_sent_once() {
    let w = World::new().await;
    let people = [
        w.id(&w.d.kadis).await,
        w.id(&w.d.kabid).await,
        w.id(&w.d.kasi).await,
    ];
    for n in 0..30 {
        w.store
            .enqueue_notification(event(people[n % 3], n))
            .await
            .unwrap();
    }
    let now = Utc::now();
    assert_eq!(
        w.store.fan_out_notifications(WEBHOOK, now).await.unwrap(),
        30
    );
    let lease = Duration::minutes(5);
    let (a, b) = tokio::join!(
        w.store.claim_deliveries("a", lease, 20, now),
        w.store.claim_deliveries("b", lease, 20, now),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut ids: Vec<i64> = a.iter().chain(b.iter()).map(|d| d.id).collect();
    assert_eq!(ids.len(), 30, "a {} + b {}", a.len(), b.len());
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 30, "no delivery is claimed twice");
    // While the leases run nobody else gets them.
    assert!(
        w.store
            .claim_deliveries("c", lease, 100, now)
            .await
            .unwrap()
            .is_empty()
    );
    let a_ids: Vec<i64> = a.iter().map(|d| d.id).collect();
    let b_ids: Vec<i64> = b.iter().map(|d| d.id).collect();
    // A marks its own; B cannot mark A's; A marking again changes nothing.
    assert_eq!(w.store.delivery_sent(&a_ids, "b", now).await.unwrap(), 0);
    assert_eq!(
        w.store.delivery_sent(&a_ids, "a", now).await.unwrap(),
        a_ids.len() as u64
    );
    assert_eq!(w.store.delivery_sent(&a_ids, "a", now).await.unwrap(), 0);
    // B "crashes" before marking: after its lease another sender claims its deliveries again
    // (and sends them with the same event id, for the receiver to recognise).
    let later = now + lease + Duration::seconds(1);
    let again = w
        .store
        .claim_deliveries("c", lease, 100, later)
        .await
        .unwrap();
    let mut again_ids: Vec<i64> = again.iter().map(|d| d.id).collect();
    again_ids.sort_unstable();
    let mut b_sorted = b_ids.clone();
    b_sorted.sort_unstable();
    assert_eq!(again_ids, b_sorted);
    // B wakes up late: its claim has passed to C, so its mark is refused.
    assert_eq!(w.store.delivery_sent(&b_ids, "b", later).await.unwrap(), 0);
    assert_eq!(
        w.store.delivery_sent(&again_ids, "c", later).await.unwrap(),
        b_ids.len() as u64
    );
    let deliveries = w.store.notification_deliveries().await.unwrap();
    assert!(
        deliveries
            .iter()
            .all(|d| d.state == DeliveryState::Sent && d.attempts == 1 && d.sent_at.is_some()),
        "{deliveries:?}"
    );
}

#[tokio::test]
async fn a_failed_delivery_is_retried_with_backoff_then_given_up_and_recorded() {
    let w = World::new().await;
    let me = w.id(&w.d.kasi).await;
    w.store.enqueue_notification(event(me, 1)).await.unwrap();
    // PostgreSQL keeps microseconds.
    let mut now = Utc::now().trunc_subsecs(6);
    w.store.fan_out_notifications(WEBHOOK, now).await.unwrap();
    let lease = Duration::minutes(5);
    let waits = [1, 5, 30, 120, 720];
    for (attempt, minutes) in waits.iter().enumerate() {
        let claimed = w.store.claim_deliveries("s", lease, 10, now).await.unwrap();
        assert_eq!(claimed.len(), 1, "attempt {}", attempt + 1);
        assert_eq!(claimed[0].attempts, i32::try_from(attempt).unwrap());
        let gave_up = w
            .store
            .delivery_failed(&[claimed[0].id], "s", "webhook menjawab 503", now)
            .await
            .unwrap();
        assert_eq!(gave_up, 0);
        let d = &w.store.notification_deliveries().await.unwrap()[0];
        assert_eq!(d.state, DeliveryState::Pending);
        assert_eq!(d.last_error, "webhook menjawab 503");
        assert_eq!(d.next_attempt_at, now + Duration::minutes(*minutes));
        // Not before its time.
        assert!(
            w.store
                .claim_deliveries("s", lease, 10, now + Duration::minutes(*minutes - 1))
                .await
                .unwrap()
                .is_empty()
        );
        now += Duration::minutes(*minutes);
    }
    let claimed = w.store.claim_deliveries("s", lease, 10, now).await.unwrap();
    assert_eq!(claimed.len(), 1);
    let gave_up = w
        .store
        .delivery_failed(&[claimed[0].id], "s", "webhook menjawab 503", now)
        .await
        .unwrap();
    assert_eq!(gave_up, 1, "the sixth failure gives up");
    let d = &w.store.notification_deliveries().await.unwrap()[0];
    assert_eq!(d.state, DeliveryState::GaveUp);
    assert_eq!(d.attempts, 6);
    assert!(
        w.store
            .claim_deliveries("s", lease, 10, now + Duration::days(2))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn digest_deliveries_wait_for_the_digest_hour_and_come_together() {
    let w = World::new().await;
    let me = w.id(&w.d.kasi).await;
    let other = w.id(&w.d.kabid).await;
    w.store
        .set_notification_preference(me, "kasi@banjarkab.go.id", NotifyMode::Digest)
        .await
        .unwrap();
    w.store
        .set_notification_preference(other, "kabid@banjarkab.go.id", NotifyMode::Immediately)
        .await
        .unwrap();
    for n in 0..3 {
        w.store.enqueue_notification(event(me, n)).await.unwrap();
    }
    w.store.enqueue_notification(event(other, 9)).await.unwrap();
    let now = Utc::now();
    let email = Channels {
        email: true,
        webhook: false,
        digest_hour: 7,
    };
    assert_eq!(w.store.fan_out_notifications(email, now).await.unwrap(), 4);
    let lease = Duration::minutes(5);
    // Now: only the one who wants it immediately.
    let first = w.store.claim_deliveries("s", lease, 10, now).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].recipient, other);
    assert!(!first[0].digest);
    w.store
        .delivery_sent(&[first[0].id], "s", now)
        .await
        .unwrap();
    // At the digest hour: the day's three, together.
    let at = next_digest_at(now, 7);
    let digest = w.store.claim_deliveries("s", lease, 10, at).await.unwrap();
    assert_eq!(digest.len(), 3, "{digest:?}");
    assert!(digest.iter().all(|d| d.digest
        && d.recipient == me
        && d.email.as_deref() == Some("kasi@banjarkab.go.id")));
}

#[tokio::test]
async fn a_posts_event_reaches_nobody_while_the_post_is_vacant_and_an_employee_without_an_address_gets_no_email()
 {
    let w = World::new().await;
    let me = w.id(&w.d.kasi).await;
    w.store.enqueue_notification(event(me, 1)).await.unwrap();
    let email_only = Channels {
        email: true,
        webhook: false,
        digest_hour: 7,
    };
    assert_eq!(
        w.store
            .fan_out_notifications(email_only, Utc::now())
            .await
            .unwrap(),
        0
    );
    assert!(w.store.notification_events().await.unwrap()[0].fanned_out);
}

fn agency_event(w: &World, to: EmployeeId, n: usize) -> NewEvent {
    NewEvent {
        agency: Some(w.agency.0),
        ..event(to, n)
    }
}

async fn audited(w: &World, action: AuditAction) -> Vec<sikerja_storage::AuditEntry> {
    w.store
        .audit_entries(&AuditFilter::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|e| e.action == action.code())
        .collect()
}

#[tokio::test]
async fn a_preference_change_is_audited_with_a_masked_address() {
    let w = World::new().await;
    let me = w.id(&w.d.kasi).await;
    w.store
        .set_notification_preference(me, "kasi@banjarkab.go.id", NotifyMode::Digest)
        .await
        .unwrap();
    let rows = audited(&w, AuditAction::NotificationPreferenceSet).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].summary.contains("k***@banjarkab.go.id"), "{rows:?}");
    assert!(!rows[0].summary.contains("kasi@"), "{rows:?}");
    assert!(rows[0].summary.contains("digest"), "{rows:?}");
    // A refused change leaves no row.
    w.store
        .set_notification_preference(me, "bukan alamat", NotifyMode::Digest)
        .await
        .unwrap_err();
    assert_eq!(
        audited(&w, AuditAction::NotificationPreferenceSet)
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn the_admin_desk_counts_lists_and_sends_a_given_up_delivery_again_once() {
    let w = World::new().await;
    let me = w.id(&w.d.kasi).await;
    w.store
        .enqueue_notification(agency_event(&w, me, 1))
        .await
        .unwrap();
    w.store
        .enqueue_notification(agency_event(&w, me, 2))
        .await
        .unwrap();
    // Another agency's event (none named): not on this agency's desk.
    w.store.enqueue_notification(event(me, 3)).await.unwrap();
    let mut now = Utc::now().trunc_subsecs(6);
    w.store.fan_out_notifications(WEBHOOK, now).await.unwrap();
    let lease = Duration::minutes(5);
    // Delivery of event 1 fails six times and gives up; the others are sent.
    let sent: Vec<i64> = w
        .store
        .claim_deliveries("s", lease, 10, now)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.title != "Laporan 1")
        .map(|c| c.id)
        .collect();
    w.store.delivery_sent(&sent, "s", now).await.unwrap();
    let failing = w.store.notification_deliveries().await.unwrap()[0].id;
    for _ in 0..6 {
        w.store
            .delivery_failed(&[failing], "s", "webhook menjawab 503", now)
            .await
            .unwrap();
        now += Duration::days(1);
        w.store.claim_deliveries("s", lease, 10, now).await.unwrap();
    }
    let counts = w.store.delivery_counts(w.agency).await.unwrap();
    let n = |s: DeliveryState| {
        counts
            .iter()
            .find(|c| c.channel == Channel::Webhook && c.state == s)
            .map_or(0, |c| c.count)
    };
    assert_eq!((n(DeliveryState::Sent), n(DeliveryState::GaveUp)), (1, 1));
    let gave_up = w
        .store
        .agency_deliveries(w.agency, Some(DeliveryState::GaveUp))
        .await
        .unwrap();
    assert_eq!(gave_up.len(), 1);
    assert_eq!(gave_up[0].id, failing);
    assert_eq!(gave_up[0].last_error, "webhook menjawab 503");
    assert_eq!(gave_up[0].title, "Laporan 1");
    assert_eq!(
        w.store
            .agency_deliveries(w.agency, None)
            .await
            .unwrap()
            .len(),
        2,
        "the unnamed agency's delivery is not listed"
    );
    let admin = sikerja_storage::AuditActor::new("Admin BKPSDM");
    // A sent delivery is not sent again; another agency's is unknown.
    let err = w
        .store
        .retry_delivery(w.agency, sent[0], &admin, now)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "delivery_not_given_up");
    let other = sikerja_domain::organisation::AgencyId(w.agency.0 + 999);
    let err = w
        .store
        .retry_delivery(other, failing, &admin, now)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    // Sent again twice at once: one succeeds, with one audit row.
    let (a, b) = tokio::join!(
        w.store.retry_delivery(w.agency, failing, &admin, now),
        w.store.retry_delivery(w.agency, failing, &admin, now),
    );
    assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "{a:?} {b:?}");
    assert_eq!(audited(&w, AuditAction::NotificationRetried).await.len(), 1);
    let d = w
        .store
        .notification_deliveries()
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.id == failing)
        .unwrap();
    assert_eq!((d.state, d.attempts), (DeliveryState::Pending, 0));
    let claimed = w.store.claim_deliveries("s", lease, 10, now).await.unwrap();
    assert_eq!(claimed.iter().map(|c| c.id).collect::<Vec<_>>(), [failing]);
}

#[tokio::test]
async fn old_done_events_are_pruned_and_pending_ones_kept() {
    let w = World::new().await;
    let me = w.id(&w.d.kasi).await;
    for n in 1..=3 {
        w.store
            .enqueue_notification(agency_event(&w, me, n))
            .await
            .unwrap();
    }
    let now = Utc::now().trunc_subsecs(6);
    w.store.fan_out_notifications(WEBHOOK, now).await.unwrap();
    let claimed = w
        .store
        .claim_deliveries("s", Duration::minutes(5), 10, now)
        .await
        .unwrap();
    // Event 1 is sent, events 2 and 3 wait for another attempt, event 4 is not fanned out.
    let first: Vec<i64> = claimed
        .iter()
        .filter(|c| c.title == "Laporan 1")
        .map(|c| c.id)
        .collect();
    w.store.delivery_sent(&first, "s", now).await.unwrap();
    let rest: Vec<i64> = claimed
        .iter()
        .filter(|c| c.title != "Laporan 1")
        .map(|c| c.id)
        .collect();
    w.store
        .delivery_failed(&rest, "s", "webhook menjawab 503", now)
        .await
        .unwrap();
    w.store
        .enqueue_notification(agency_event(&w, me, 4))
        .await
        .unwrap();
    // Nothing is old enough yet.
    assert_eq!(
        w.store
            .prune_notifications(now - Duration::days(90))
            .await
            .unwrap(),
        0
    );
    let pruned = w
        .store
        .prune_notifications(now + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(pruned, 1, "only the sent event goes");
    let events = w.store.notification_events().await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.subject).collect::<Vec<_>>(),
        [2, 3, 4]
    );
    assert!(
        w.store
            .notification_deliveries()
            .await
            .unwrap()
            .iter()
            .all(|d| d.state == DeliveryState::Pending)
    );
}
