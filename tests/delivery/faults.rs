//! Telegram's refusals during a fan-out: a 429 storm waited out, blocked and missing chats made
//! inactive without retries, a migrated group followed, network errors retried with backoff, a
//! refused token stopping delivery with nothing lost.

use crate::support::bot_api::{FakeBotApi, Fault, TOKEN};
use crate::support::t0;
use crate::{delivery_config, rig};
use chrono::Duration;
use claimwatch::clock::Clock;
use claimwatch::config::HumanDuration;
use claimwatch::delivery::{DeliveryError, deliver_due};
use claimwatch::store::OutboxState;
use std::collections::HashMap;

#[tokio::test]
async fn a_429_storm_is_waited_out_and_nothing_is_dropped() {
    let api = FakeBotApi::start().await;
    let r = rig(api.bot(), delivery_config()).await;
    let stormy: Vec<i64> = (1..=20).collect();
    let calm: Vec<i64> = (101..=105).collect();
    let mut subs = HashMap::new();
    for chat in stormy.iter().chain(&calm) {
        subs.insert(
            *chat,
            r.digest_for(*chat, &["digest part 1", "digest part 2"])
                .await,
        );
    }
    for chat in &stormy {
        api.set_fault(*chat, Fault::RetryAfter { secs: 5, times: 2 });
    }
    let mut first_at: HashMap<i64, chrono::DateTime<chrono::Utc>> = HashMap::new();
    let mut total = claimwatch::delivery::DeliveryReport::default();
    for _ in 0..300 {
        total.add(&r.step().await);
        for chat in stormy.iter().chain(&calm) {
            if !api.sent_to(*chat).is_empty() {
                first_at.entry(*chat).or_insert(r.clock.now());
            }
        }
        if r.store().next_outbox_due().await.unwrap().is_none() {
            break;
        }
        r.clock.advance(Duration::seconds(1));
    }
    assert_eq!(total.rate_limited, 40, "two 429s per stormy chat");
    assert_eq!((total.failed, total.deactivated), (0, 0));
    for chat in stormy.iter().chain(&calm) {
        let texts: Vec<String> = api.sent_to(*chat).into_iter().map(|m| m.text).collect();
        assert_eq!(
            texts,
            vec!["digest part 1", "digest part 2"],
            "chat {chat}: everything, once, in order"
        );
        for row in r.store().outbox_of(subs[chat]).await.unwrap() {
            assert_eq!(
                (row.state, row.attempts),
                (OutboxState::Sent, 1),
                "a 429 wait is not a failed attempt"
            );
        }
    }
    for chat in &stormy {
        assert!(
            first_at[chat] >= t0() + Duration::seconds(10),
            "chat {chat} waited twice 5 s: {}",
            first_at[chat]
        );
        let calls = api
            .calls_of("sendMessage")
            .into_iter()
            .filter(|c| c.params["chat_id"] == *chat)
            .count();
        assert_eq!(calls, 4, "chat {chat}: no send during a wait");
    }
}

#[tokio::test]
async fn blocked_kicked_deactivated_and_missing_chats_become_inactive_without_retries() {
    let api = FakeBotApi::start().await;
    let r = rig(api.bot(), delivery_config()).await;
    let faults = [
        (1, Fault::Blocked, "Forbidden: bot was blocked by the user"),
        (
            -2,
            Fault::Kicked,
            "Forbidden: bot was kicked from the group chat",
        ),
        (3, Fault::Deactivated, "Forbidden: user is deactivated"),
        (4, Fault::ChatNotFound, "Bad Request: chat not found"),
    ];
    let mut subs = Vec::new();
    for (chat, fault, _) in &faults {
        let id = r.digest_for(*chat, &["p0", "p1"]).await;
        r.enqueue(id, "digest:2026-11-22T07:00:00Z", &["next day"])
            .await;
        api.set_fault(*chat, fault.clone());
        subs.push(id);
    }
    r.digest_for(5, &["healthy"]).await;
    let (total, _) = r.drive(Duration::seconds(1), 20).await;
    assert_eq!(
        (total.sent, total.deactivated, total.failed, total.retried),
        (1, 4, 12, 0)
    );
    for ((chat, _, reason), sub) in faults.iter().zip(subs) {
        let calls = api
            .calls_of("sendMessage")
            .into_iter()
            .filter(|c| c.params["chat_id"] == *chat)
            .count();
        assert_eq!(calls, 1, "chat {chat}: no retries");
        let s = r.store().subscriber(*chat).await.unwrap().unwrap();
        assert!(!s.active, "chat {chat}");
        assert_eq!(s.inactive_reason.as_deref(), Some(*reason));
        assert!(
            r.store()
                .outbox_of(sub)
                .await
                .unwrap()
                .iter()
                .all(|m| m.state == OutboxState::Failed)
        );
    }
    assert_eq!(api.sent_to(5).len(), 1);
}

#[tokio::test]
async fn a_migrated_group_gets_its_digest_in_the_supergroup() {
    let api = FakeBotApi::start().await;
    let r = rig(api.bot(), delivery_config()).await;
    let (old, new) = (-10, -1_000_000_000_010);
    let sub = r.digest_for(old, &["g0", "g1"]).await;
    api.set_fault(old, Fault::MigrateTo(new));
    let (total, _) = r.drive(Duration::seconds(1), 10).await;
    assert_eq!((total.sent, total.migrated, total.failed), (2, 1, 0));
    assert!(api.sent_to(old).is_empty());
    let texts: Vec<String> = api.sent_to(new).into_iter().map(|m| m.text).collect();
    assert_eq!(texts, vec!["g0", "g1"]);
    assert!(r.store().subscriber(old).await.unwrap().is_none());
    let moved = r.store().subscriber(new).await.unwrap().unwrap();
    assert_eq!((moved.id, moved.active), (sub, true));
    assert_eq!(moved.kind, claimwatch::model::ChatKind::Supergroup);
    let rows = r.store().outbox_of(sub).await.unwrap();
    assert!(
        rows.iter()
            .all(|m| m.state == OutboxState::Sent && m.attempts == 1),
        "{rows:?}"
    );
}

#[tokio::test]
async fn network_errors_retry_with_backoff_then_fail() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = reqwest::Url::parse(&format!("http://127.0.0.1:{closed}/")).unwrap();
    let bot = teloxide::Bot::new(TOKEN).set_api_url(url);
    let mut cfg = delivery_config();
    cfg.max_attempts = 3;
    cfg.retry_base = HumanDuration(std::time::Duration::from_secs(5));
    let r = rig(bot, cfg).await;
    let sub = r.digest_for(9, &["x"]).await;
    let row = || async { r.store().outbox_of(sub).await.unwrap().remove(0) };

    assert_eq!(r.step().await.retried, 1);
    let m = row().await;
    assert_eq!(
        (m.state, m.attempts, m.next_attempt_at),
        (OutboxState::Pending, 1, t0() + Duration::seconds(5))
    );
    let error = m.last_error.unwrap();
    assert!(error.contains("network"), "{error}");
    assert!(
        !error.contains(TOKEN) && !error.contains("AAFakeToken"),
        "the token leaked: {error}"
    );

    r.clock.advance(Duration::seconds(4));
    assert_eq!(r.step().await.leased, 0, "not before its backoff");
    r.clock.advance(Duration::seconds(1));
    assert_eq!(r.step().await.retried, 1);
    assert_eq!(
        row().await.next_attempt_at,
        t0() + Duration::seconds(15),
        "the wait doubles"
    );
    r.clock.advance(Duration::seconds(10));
    let last = r.step().await;
    assert_eq!((last.failed, last.retried), (1, 0));
    let m = row().await;
    assert_eq!((m.state, m.attempts), (OutboxState::Failed, 3));
    assert!(
        r.store().subscriber(9).await.unwrap().unwrap().active,
        "a network error says nothing about the chat"
    );
}

#[tokio::test]
async fn a_refused_token_stops_delivery_and_keeps_messages_pending() {
    let api = FakeBotApi::start().await;
    let url = reqwest::Url::parse(&api.url()).unwrap();
    let bot = teloxide::Bot::new("999999:WrongTokenWrongTokenWrongToken").set_api_url(url);
    let r = rig(bot, delivery_config()).await;
    let sub = r.digest_for(1, &["x"]).await;
    match deliver_due(&r.ctx, t0()).await {
        Err(DeliveryError::Unauthorized(e)) => assert!(!e.contains("WrongToken"), "{e}"),
        other => panic!("{other:?}"),
    }
    let m = r.store().outbox_of(sub).await.unwrap().remove(0);
    assert_eq!((m.state, m.attempts), (OutboxState::Pending, 0));
    assert!(api.sent().is_empty());
}
