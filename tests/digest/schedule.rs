//! When digests come: each subscriber's local time across time zones and DST, a missed time
//! caught up once, no story in two digests, one enqueue per period.

use crate::seed;
use crate::support::{db::TestDb, t0};
use chrono::{DateTime, Duration, TimeZone, Utc};
use claimwatch::config::Config;
use claimwatch::digest::schedule::{ScheduleCtx, period_key, schedule_due};
use claimwatch::model::{Lang, Subscriber};
use claimwatch::store::{Store, SubscriberUpdate};
use std::sync::Arc;
use tokio::sync::Notify;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn ctx(db: &TestDb) -> ScheduleCtx {
    ScheduleCtx {
        store: db.store.clone(),
        config: Arc::new(Config::default()),
        enqueued: Arc::new(Notify::new()),
    }
}

async fn sub(s: &dyn Store, chat: i64) -> Subscriber {
    s.subscriber(chat).await.unwrap().unwrap()
}

/// The scheduled instants of a subscriber's digests, from their outbox periods.
async fn digest_periods(s: &dyn Store, sub_id: i64) -> Vec<String> {
    let mut p: Vec<String> = s
        .outbox_of(sub_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.part == 0)
        .map(|m| m.period)
        .collect();
    p.dedup();
    p
}

/// Runs the scheduler every `step` from `from` to `to`.
async fn run_between(c: &ScheduleCtx, from: DateTime<Utc>, to: DateTime<Utc>, step: Duration) {
    let mut now = from;
    while now <= to {
        schedule_due(c, now).await.unwrap();
        now += step;
    }
}

#[tokio::test]
async fn a_new_subscriber_gets_the_next_local_digest_time_in_their_zone() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let now = utc(2026, 11, 21, 6, 0); // 08:00 in Kyiv, 01:00 in New York
    seed::subscriber(s, 1, "Europe/Kyiv", (9, 0), Lang::En, now).await;
    seed::subscriber(s, 2, "America/New_York", (7, 30), Lang::En, now).await;
    seed::subscriber(s, 3, "UTC+5:30", (8, 0), Lang::En, now).await;
    seed::subscriber(s, 4, "Asia/Tokyo", (9, 0), Lang::En, now).await;
    let r = schedule_due(&ctx(&db), now).await.unwrap();
    assert_eq!((r.scheduled, r.enqueued), (4, 0));
    let expect = [
        (1, utc(2026, 11, 21, 7, 0)),
        (2, utc(2026, 11, 21, 12, 30)),
        (3, utc(2026, 11, 22, 2, 30)), // 11:30 there now: tomorrow 08:00
        (4, utc(2026, 11, 22, 0, 0)),  // 15:00 in Tokyo now: tomorrow 09:00
    ];
    for (chat, at) in expect {
        assert_eq!(sub(s, chat).await.next_digest_at, Some(at), "chat {chat}");
    }
}

#[tokio::test]
async fn digests_follow_local_time_across_spring_forward_and_fall_back() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let c = ctx(&db);
    let start = utc(2026, 3, 27, 0, 0);
    let kyiv = seed::subscriber(s, 1, "Europe/Kyiv", (9, 0), Lang::En, start).await;
    let ny = seed::subscriber(s, 2, "America/New_York", (2, 30), Lang::En, start).await;
    // Kyiv springs forward on 29 Mar; New York did on 8 Mar, so use its fall back below.
    run_between(&c, start, utc(2026, 3, 31, 0, 0), Duration::minutes(15)).await;
    assert_eq!(
        digest_periods(s, kyiv.id).await,
        vec![
            period_key(utc(2026, 3, 27, 7, 0)),
            period_key(utc(2026, 3, 28, 7, 0)),
            period_key(utc(2026, 3, 29, 6, 0)),
            period_key(utc(2026, 3, 30, 6, 0)),
        ]
    );
    assert_eq!(digest_periods(s, ny.id).await.len(), 4, "one a day");

    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let c = ctx(&db);
    let start = utc(2026, 10, 23, 0, 0);
    let kyiv = seed::subscriber(s, 1, "Europe/Kyiv", (9, 0), Lang::En, start).await;
    let ny = seed::subscriber(s, 2, "America/New_York", (1, 30), Lang::En, start).await;
    run_between(&c, start, utc(2026, 11, 3, 0, 0), Duration::minutes(15)).await;
    let k = digest_periods(s, kyiv.id).await;
    assert_eq!(k.len(), 11);
    assert_eq!(
        &k[..4],
        &[
            period_key(utc(2026, 10, 23, 6, 0)),
            period_key(utc(2026, 10, 24, 6, 0)),
            period_key(utc(2026, 10, 25, 7, 0)),
            period_key(utc(2026, 10, 26, 7, 0)),
        ]
    );
    // 01:30 happens twice in New York on 1 Nov: one digest, at the first.
    let n = digest_periods(s, ny.id).await;
    let nov: Vec<&String> = n
        .iter()
        .filter(|p| p.starts_with("digest:2026-11-0"))
        .collect();
    assert_eq!(
        nov,
        vec![
            &period_key(utc(2026, 11, 1, 5, 30)),
            &period_key(utc(2026, 11, 2, 6, 30)),
        ]
    );
}

#[tokio::test]
async fn a_time_skipped_by_spring_forward_still_gets_its_digest_once() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let start = utc(2026, 3, 7, 12, 0);
    let ny = seed::subscriber(s, 2, "America/New_York", (2, 30), Lang::En, start).await;
    run_between(
        &ctx(&db),
        start,
        utc(2026, 3, 9, 12, 0),
        Duration::minutes(10),
    )
    .await;
    assert_eq!(
        digest_periods(s, ny.id).await,
        vec![
            period_key(utc(2026, 3, 8, 7, 0)), // 02:30 does not exist: 03:00 EDT
            period_key(utc(2026, 3, 9, 6, 30)),
        ]
    );
}

#[tokio::test]
async fn a_digest_missed_while_the_bot_was_down_is_caught_up_once() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let c = ctx(&db);
    let src = seed::source(s, "Outlet").await;
    let before = t0() - Duration::hours(1);
    let sub0 = seed::subscriber(
        s,
        1,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        before - Duration::days(1),
    )
    .await;
    schedule_due(&c, before).await.unwrap();
    assert_eq!(sub(s, 1).await.next_digest_at, Some(t0()));
    let r = schedule_due(&c, t0()).await.unwrap();
    assert_eq!(r.enqueued, 1);
    // Down for three and a half days, stories kept coming in.
    let mut stories = Vec::new();
    for day in 0..3 {
        stories.push(
            seed::story(
                s,
                &[src],
                &format!("Refusal on day {day}"),
                &[seed::refusal(None, None, None, None)],
                t0() + Duration::days(day) + Duration::hours(2),
            )
            .await,
        );
    }
    let back = t0() + Duration::days(3) + Duration::hours(5);
    let r = schedule_due(&c, back).await.unwrap();
    assert_eq!(r.enqueued, 1, "one digest, not one per missed day");
    let again = schedule_due(&c, back + Duration::minutes(1)).await.unwrap();
    assert_eq!(again.enqueued, 0);
    let after = sub(s, 1).await;
    assert_eq!(
        after.next_digest_at,
        Some(t0() + Duration::days(4)),
        "the next regular time"
    );
    assert_eq!(after.last_digest_at, Some(back));
    let rows = s.outbox_of(sub0.id).await.unwrap();
    let last = rows.last().unwrap();
    assert_eq!(
        last.period,
        period_key(t0() + Duration::days(1)),
        "keyed by the first missed time"
    );
    for day in 0..3 {
        assert!(
            last.body.contains(&format!("Refusal on day {day}")),
            "{}",
            last.body
        );
    }
    assert!(last.body.contains("since Sat 09:00"), "{}", last.body);
}

#[tokio::test]
async fn no_story_is_in_two_digests() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let c = ctx(&db);
    let a_src = seed::source(s, "A").await;
    let b_src = seed::source(s, "B").await;
    let chat = seed::subscriber(
        s,
        1,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(1),
    )
    .await;
    seed::update(
        s,
        1,
        SubscriberUpdate {
            next_digest_at: Some(Some(t0())),
            ..Default::default()
        },
        t0(),
    )
    .await;
    let first = seed::story(
        s,
        &[a_src],
        "First story",
        &[seed::refusal(None, None, None, None)],
        t0() - Duration::hours(2),
    )
    .await;
    schedule_due(&c, t0()).await.unwrap();
    // A story stored late with an earlier first-seen time (it raced the first digest).
    let late = seed::story(
        s,
        &[a_src],
        "Late story",
        &[seed::refusal(None, None, None, None)],
        t0() - Duration::minutes(30),
    )
    .await;
    // The first story gets a second outlet; a new story comes in.
    seed::add_item(
        s,
        first,
        b_src,
        "https://b.example/first",
        t0() + Duration::hours(3),
    )
    .await;
    let second = seed::story(
        s,
        &[b_src],
        "Second story",
        &[seed::refusal(None, None, None, None)],
        t0() + Duration::hours(2),
    )
    .await;
    schedule_due(&c, t0() + Duration::days(1)).await.unwrap();
    schedule_due(&c, t0() + Duration::days(2)).await.unwrap();
    let bodies: Vec<String> = s
        .outbox_of(chat.id)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.body)
        .collect();
    assert_eq!(bodies.len(), 3);
    let count = |needle: &str| bodies.iter().filter(|b| b.contains(needle)).count();
    assert_eq!(count("First story"), 1);
    assert_eq!(count("Late story"), 1);
    assert_eq!(count("Second story"), 1);
    assert!(bodies[0].contains("First story"));
    assert!(bodies[1].contains("Second story") && bodies[1].contains("Late story"));
    assert!(bodies[2].contains("Nothing new"), "{}", bodies[2]);
    let _ = (late, second);
}

#[tokio::test]
async fn scheduling_twice_enqueues_once_and_skips_inactive_chats() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let c = ctx(&db);
    for chat in [1, 2, 3] {
        seed::subscriber(
            s,
            chat,
            "Europe/Kyiv",
            (9, 0),
            Lang::En,
            t0() - Duration::days(1),
        )
        .await;
        seed::update(
            s,
            chat,
            SubscriberUpdate {
                next_digest_at: Some(Some(t0())),
                ..Default::default()
            },
            t0(),
        )
        .await;
    }
    s.set_subscriber_active(
        2,
        false,
        Some("Forbidden: bot was blocked by the user"),
        t0(),
    )
    .await
    .unwrap();
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
    let r = schedule_due(&c, t0()).await.unwrap();
    assert_eq!((r.enqueued, r.messages), (1, 1));
    // The bot resets the time to the same instant (a settings change): still one digest.
    seed::update(
        s,
        1,
        SubscriberUpdate {
            next_digest_at: Some(Some(t0())),
            ..Default::default()
        },
        t0(),
    )
    .await;
    let again = schedule_due(&c, t0() + Duration::minutes(1)).await.unwrap();
    assert_eq!((again.enqueued, again.already_enqueued), (0, 1));
    assert_eq!(s.outbox_of(sub(s, 1).await.id).await.unwrap().len(), 1);
    assert_eq!(
        sub(s, 1).await.next_digest_at,
        Some(t0() + Duration::days(1))
    );
    assert!(s.outbox_of(sub(s, 2).await.id).await.unwrap().is_empty());
    assert!(s.outbox_of(sub(s, 3).await.id).await.unwrap().is_empty());
}
