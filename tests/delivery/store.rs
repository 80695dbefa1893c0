//! The store methods delivery and the digest added: deferring a leased message, the next
//! sendable time, unscheduled subscribers, a claimant's latest claims.

use crate::seed::{self, GS};
use crate::support::{db::TestDb, t0};
use chrono::Duration;
use claimwatch::model::{Category, Lang, Metric, Side};
use claimwatch::store::{DigestEnqueue, OutboxState, SubscriberUpdate};
use std::time::Duration as StdDuration;

const LEASE: StdDuration = StdDuration::from_secs(120);

#[tokio::test]
async fn a_deferred_message_keeps_its_attempts_and_error_and_later_parts_wait() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let sub = seed::subscriber(s, 1, "Europe/Kyiv", (9, 0), Lang::En, t0()).await;
    let d = DigestEnqueue {
        subscriber_id: sub.id,
        period: "p".into(),
        parts: vec!["a".into(), "b".into()],
        story_ids: vec![],
        photo: None,
        period_end: t0(),
        next_digest_at: None,
    };
    s.enqueue_digest(&d, t0()).await.unwrap();
    assert_eq!(s.next_sendable_at().await.unwrap(), Some(t0()));
    let m = s.lease_outbox(t0(), "w", LEASE, 1).await.unwrap().remove(0);
    s.mark_retry(m.id, t0(), "timeout", true).await.unwrap();
    let m = s.lease_outbox(t0(), "w", LEASE, 1).await.unwrap().remove(0);
    assert_eq!(m.attempts, 2);
    s.defer_outbox(m.id, t0() + Duration::seconds(3))
        .await
        .unwrap();
    let back = s.outbox_message(m.id).await.unwrap().unwrap();
    assert_eq!(
        (back.state, back.attempts, back.last_error.as_deref()),
        (OutboxState::Pending, 1, Some("timeout"))
    );
    // Part "b" is due (enqueued at t0) but waits for "a": the next sendable time is a's.
    assert_eq!(s.next_outbox_due().await.unwrap(), Some(t0()));
    assert_eq!(
        s.next_sendable_at().await.unwrap(),
        Some(t0() + Duration::seconds(3))
    );
    // Deferring a message that is no longer leased changes nothing.
    s.defer_outbox(m.id, t0() + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(
        s.outbox_message(m.id)
            .await
            .unwrap()
            .unwrap()
            .next_attempt_at,
        t0() + Duration::seconds(3)
    );
    s.set_subscriber_active(1, false, Some("gone"), t0())
        .await
        .unwrap();
    assert_eq!(
        s.next_sendable_at().await.unwrap(),
        None,
        "an inactive chat has nothing sendable"
    );
}

#[tokio::test]
async fn unscheduled_subscribers_are_the_active_ones_without_a_time() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    for chat in 1..=4 {
        seed::subscriber(s, chat, "Europe/Kyiv", (9, 0), Lang::En, t0()).await;
    }
    seed::update(
        s,
        2,
        SubscriberUpdate {
            next_digest_at: Some(Some(t0())),
            ..Default::default()
        },
        t0(),
    )
    .await;
    seed::update(
        s,
        3,
        SubscriberUpdate {
            subscribed: Some(false),
            ..Default::default()
        },
        t0(),
    )
    .await;
    s.set_subscriber_active(4, false, Some("blocked"), t0())
        .await
        .unwrap();
    let chats: Vec<i64> = s
        .unscheduled_subscribers(10)
        .await
        .unwrap()
        .iter()
        .map(|x| x.chat_id)
        .collect();
    assert_eq!(chats, vec![1]);
}

/// The scheduler's first time for a new chat never overwrites a time set meanwhile (a settings
/// change, or another instance's scheduler, between its read and its write).
#[tokio::test]
async fn a_first_digest_time_never_overwrites_one_set_meanwhile() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    seed::subscriber(s, 1, "Europe/Kyiv", (9, 0), Lang::En, t0()).await;
    seed::subscriber(s, 2, "Europe/Kyiv", (9, 0), Lang::En, t0()).await;
    let soon = t0() + chrono::Duration::minutes(1);
    let later = t0() + chrono::Duration::hours(20);
    seed::update(
        s,
        2,
        SubscriberUpdate {
            next_digest_at: Some(Some(soon)),
            ..Default::default()
        },
        t0(),
    )
    .await;
    assert!(s.schedule_first_digest(1, later, t0()).await.unwrap());
    assert!(!s.schedule_first_digest(2, later, t0()).await.unwrap());
    let at = |chat| async move { s.subscriber(chat).await.unwrap().unwrap().next_digest_at };
    assert_eq!(at(1).await, Some(later));
    assert_eq!(at(2).await, Some(soon));
}

#[tokio::test]
async fn a_claimants_latest_claims_newest_first_with_figures() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let src = seed::source(s, "GS").await;
    let total = |p| {
        seed::losses(
            GS,
            Side::Russia,
            &[(Metric::Personnel, p, None, Some(true))],
        )
    };
    for (i, p) in [100, 200, 300].into_iter().enumerate() {
        seed::story(
            s,
            &[src],
            &format!("report {i}"),
            &[total(p)],
            t0() + Duration::hours(i as i64),
        )
        .await;
    }
    let other = seed::losses(
        "Someone else",
        Side::Russia,
        &[(Metric::Tanks, 1, None, None)],
    );
    seed::story(s, &[src], "other", &[other], t0() + Duration::hours(5)).await;
    let got = s
        .latest_claims_by_claimant(
            "general staff of the armed forces of ukraine",
            Category::Losses,
            t0() + Duration::hours(1),
            10,
        )
        .await
        .unwrap();
    let values: Vec<i64> = got.iter().map(|c| c.claim.figures[0].value).collect();
    assert_eq!(
        values,
        vec![200, 100],
        "case-insensitive, up to `until`, newest first"
    );
    assert!(
        s.latest_claims_by_claimant(GS, Category::Refusal, t0() + Duration::days(1), 10)
            .await
            .unwrap()
            .is_empty()
    );
}
