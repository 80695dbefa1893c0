//! The delivery outbox: idempotent enqueue per subscriber and period, parts leased once and
//! in order, retries, failures, and sends whose outcome is unknown: in doubt when their lease
//! ends or another sender takes over, then sent again, marked and counted.

use crate::subscribers::new_sub;
use crate::support::{db::TestDb, t0};
use chrono::Duration;
use claimwatch::store::{
    DigestEnqueue, InDoubtResolved, InFlight, OutboxMessage, OutboxState, Store,
};
use std::time::Duration as StdDuration;

fn digest(subscriber_id: i64, period: &str, parts: &[&str]) -> DigestEnqueue {
    DigestEnqueue {
        subscriber_id,
        period: period.into(),
        parts: parts.iter().map(|p| p.to_string()).collect(),
        story_ids: vec![],
        photo: None,
        period_end: t0(),
        next_digest_at: Some(t0() + Duration::days(1)),
    }
}

const LEASE: StdDuration = StdDuration::from_secs(120);

#[tokio::test]
async fn enqueue_is_idempotent_per_subscriber_and_period() {
    let db = TestDb::new().await;
    let s = &db.store;
    let (sub, _) = s.upsert_subscriber(&new_sub(1), t0()).await.unwrap();
    assert!(
        s.enqueue_digest(&digest(sub.id, "2026-11-21", &["a", "b"]), t0())
            .await
            .unwrap()
    );
    assert!(
        !s.enqueue_digest(&digest(sub.id, "2026-11-21", &["other"]), t0())
            .await
            .unwrap()
    );
    let rows = s.outbox_of(sub.id).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].part, rows[0].parts, rows[0].body.as_str()),
        (0, 2, "a")
    );
    let sub = s.subscriber(1).await.unwrap().unwrap();
    assert_eq!(sub.last_digest_at, Some(t0()));
    assert_eq!(sub.next_digest_at, Some(t0() + Duration::days(1)));
}

#[tokio::test]
async fn parts_go_in_order_and_each_is_leased_once() {
    let db = TestDb::new().await;
    let s = &db.store;
    let (a, _) = s.upsert_subscriber(&new_sub(1), t0()).await.unwrap();
    let (b, _) = s.upsert_subscriber(&new_sub(-2), t0()).await.unwrap();
    s.enqueue_digest(&digest(a.id, "p", &["a0", "a1"]), t0())
        .await
        .unwrap();
    s.enqueue_digest(&digest(b.id, "p", &["b0"]), t0())
        .await
        .unwrap();

    let first = s.lease_outbox(t0(), "me", LEASE, 10).await.unwrap();
    assert_eq!(
        first.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        vec!["a0", "b0"]
    );
    assert!(
        first
            .iter()
            .all(|m| m.state == OutboxState::Sending && m.attempts == 1)
    );
    assert!(first[1].chat_is_group && !first[0].chat_is_group);
    assert!(
        s.lease_outbox(t0(), "other", LEASE, 10)
            .await
            .unwrap()
            .is_empty(),
        "a1 waits for a0"
    );
    s.mark_sent(first[0].id, Some(555), t0()).await.unwrap();
    let next = s.lease_outbox(t0(), "me", LEASE, 10).await.unwrap();
    assert_eq!(
        next.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        vec!["a1"]
    );
    let sent = s.outbox_message(first[0].id).await.unwrap().unwrap();
    assert_eq!(
        (sent.state, sent.telegram_message_id),
        (OutboxState::Sent, Some(555))
    );
}

#[tokio::test]
async fn retries_failures_and_in_doubt() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let (a, _) = s.upsert_subscriber(&new_sub(1), t0()).await.unwrap();
    s.enqueue_digest(&digest(a.id, "p", &["x"]), t0())
        .await
        .unwrap();
    let third = retry_then_count_a_network_error(s).await;
    a_dead_senders_message_is_in_doubt_once_its_lease_ends(s, third.id).await;
    a_blocked_chats_pending_messages_fail(s, a.id).await;
}

/// A 429 gives the attempt back; a network error counts it. Returns the third lease.
async fn retry_then_count_a_network_error(s: &dyn Store) -> OutboxMessage {
    let m = s
        .lease_outbox(t0(), "me", LEASE, 1)
        .await
        .unwrap()
        .remove(0);
    // A 429 gives the attempt back.
    s.mark_retry(m.id, t0() + Duration::seconds(30), "retry after 30s", false)
        .await
        .unwrap();
    assert!(
        s.lease_outbox(t0(), "me", LEASE, 1)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        s.next_outbox_due().await.unwrap(),
        Some(t0() + Duration::seconds(30))
    );
    let again = s
        .lease_outbox(t0() + Duration::seconds(30), "me", LEASE, 1)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(again.attempts, 1);
    // A network error counts it.
    s.mark_retry(again.id, t0() + Duration::seconds(40), "timeout", true)
        .await
        .unwrap();
    let third = s
        .lease_outbox(t0() + Duration::seconds(40), "me", LEASE, 1)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(third.attempts, 2);
    assert_eq!(third.last_error.as_deref(), Some("timeout"));

    third
}

/// Left `sending` by a dead process: in doubt once the lease ends, not leased as such.
async fn a_dead_senders_message_is_in_doubt_once_its_lease_ends(s: &dyn Store, third_id: i64) {
    let skip = |at| s.resolve_in_doubt(at, InFlight::default(), false);
    assert_eq!(
        skip(t0() + Duration::seconds(41)).await.unwrap(),
        InDoubtResolved::default(),
        "lease still held"
    );
    assert_eq!(skip(t0() + Duration::minutes(10)).await.unwrap().found, 1);
    assert_eq!(
        s.outbox_message(third_id).await.unwrap().unwrap().state,
        OutboxState::InDoubt
    );
    assert!(
        s.lease_outbox(t0() + Duration::hours(1), "me", LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

/// A blocked chat: its pending messages fail, nothing is leased for it.
async fn a_blocked_chats_pending_messages_fail(s: &dyn Store, sub_id: i64) {
    s.enqueue_digest(&digest(sub_id, "q", &["y", "z"]), t0())
        .await
        .unwrap();
    s.set_subscriber_active(1, false, Some("blocked"), t0())
        .await
        .unwrap();
    assert!(
        s.lease_outbox(t0() + Duration::hours(1), "me", LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(s.fail_pending_for(sub_id, "blocked").await.unwrap(), 2);
    let stats = s.stats(t0() - Duration::days(1)).await.unwrap();
    assert_eq!(
        (stats.in_doubt, stats.pending, stats.failed_since),
        (1, 0, 2)
    );
}

#[tokio::test]
async fn an_in_doubt_message_is_sent_again_marked_before_later_parts_and_counted() {
    let db = TestDb::new().await;
    let s = &db.store;
    let (a, _) = s.upsert_subscriber(&new_sub(1), t0()).await.unwrap();
    s.enqueue_digest(&digest(a.id, "p", &["x", "y"]), t0())
        .await
        .unwrap();
    let x = s.lease_next(t0(), "me", LEASE).await.unwrap().unwrap();
    assert_eq!((x.resends, x.lang), (0, claimwatch::model::Lang::En));
    let later = t0() + Duration::minutes(10);
    let resolved = s
        .resolve_in_doubt(later, InFlight::default(), true)
        .await
        .unwrap();
    assert_eq!((resolved.found, resolved.resend), (1, 1));
    let again = s
        .resolve_in_doubt(later, InFlight::default(), true)
        .await
        .unwrap();
    assert_eq!(again, InDoubtResolved::default(), "once per doubt");
    let again = s.lease_next(later, "me", LEASE).await.unwrap().unwrap();
    assert_eq!(
        (again.id, again.resends, again.attempts, again.state),
        (x.id, 1, 2, OutboxState::Sending),
        "x again, before y"
    );
    s.mark_sent(again.id, Some(7), later).await.unwrap();
    let y = s.lease_next(later, "me", LEASE).await.unwrap().unwrap();
    assert_eq!((y.body.as_str(), y.resends), ("y", 0));
    let stats = s.stats(later - Duration::days(1)).await.unwrap();
    assert_eq!((stats.resent_since, stats.in_doubt), (1, 0));
    let stats = s.stats(later + Duration::seconds(1)).await.unwrap();
    assert_eq!(stats.resent_since, 0, "counted from when it was resent");
}

#[tokio::test]
async fn in_doubt_messages_left_by_skip_are_resent_once_resend_is_chosen() {
    let db = TestDb::new().await;
    let s = &db.store;
    let (a, _) = s.upsert_subscriber(&new_sub(1), t0()).await.unwrap();
    s.enqueue_digest(&digest(a.id, "p", &["x"]), t0())
        .await
        .unwrap();
    s.lease_next(t0(), "me", LEASE).await.unwrap().unwrap();
    let later = t0() + Duration::minutes(10);
    let all = InFlight::default();
    assert_eq!(
        s.resolve_in_doubt(later, all, false).await.unwrap().found,
        1
    );
    assert!(s.lease_next(later, "me", LEASE).await.unwrap().is_none());
    let resolved = s.resolve_in_doubt(later, all, true).await.unwrap();
    assert_eq!((resolved.found, resolved.resend), (0, 1));
    assert!(s.lease_next(later, "me", LEASE).await.unwrap().is_some());
}

#[tokio::test]
async fn a_new_sender_or_a_lone_process_finds_sends_in_flight_in_doubt_at_once() {
    let db = TestDb::new().await;
    let s = &db.store;
    for chat in 1..=3 {
        let (sub, _) = s.upsert_subscriber(&new_sub(chat), t0()).await.unwrap();
        s.enqueue_digest(&digest(sub.id, "p", &["x"]), t0())
            .await
            .unwrap();
    }
    let old = s
        .lease_next(t0(), "sender:a", LEASE)
        .await
        .unwrap()
        .unwrap();
    let cli = s
        .lease_next(t0(), "pid42-cli", LEASE)
        .await
        .unwrap()
        .unwrap();
    let mine = s
        .lease_next(t0(), "sender:b", LEASE)
        .await
        .unwrap()
        .unwrap();
    let soon = t0() + Duration::seconds(5);
    let found = |in_flight| async move {
        s.resolve_in_doubt(soon, in_flight, false)
            .await
            .unwrap()
            .found
    };
    assert_eq!(found(InFlight::default()).await, 0, "leases still held");
    let sender_b = InFlight {
        all: false,
        sender: Some("sender:b"),
    };
    assert_eq!(
        found(sender_b).await,
        1,
        "only the former sender's send, not the command line's nor its own"
    );
    let state = |id| async move { s.outbox_message(id).await.unwrap().unwrap().state };
    assert_eq!(state(old.id).await, OutboxState::InDoubt);
    assert_eq!(state(cli.id).await, OutboxState::Sending);
    assert_eq!(state(mine.id).await, OutboxState::Sending);
    let lone = InFlight {
        all: true,
        sender: None,
    };
    assert_eq!(found(lone).await, 2, "every send in flight");
}
