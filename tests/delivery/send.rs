//! Sending a fan-out: every part once and in order, pacing under the global and per-group
//! limits, hostile titles accepted by Telegram's HTML rules, the loop stopping on shutdown.

use crate::support::bot_api::FakeBotApi;
use crate::support::t0;
use crate::{delivery_config, rig, seed};
use chrono::Duration;
use claimwatch::clock::SystemClock;
use claimwatch::config::Config;
use claimwatch::delivery::{DeliveryCtx, run_delivery};
use claimwatch::digest::schedule::{ScheduleCtx, schedule_due};
use claimwatch::model::Lang;
use claimwatch::shutdown::Shutdown;
use claimwatch::store::{OutboxState, SubscriberUpdate};
use std::sync::Arc;
use tokio::sync::Notify;

#[tokio::test]
async fn every_part_is_sent_once_in_order_as_html_without_previews() {
    let api = FakeBotApi::start().await;
    let r = rig(api.bot(), delivery_config()).await;
    let a = r.digest_for(1, &["<b>a0</b>", "a1", "a2"]).await;
    r.digest_for(2, &["b0 &amp; more"]).await;
    let g = r.digest_for(-3, &["<i>g0</i>", "g1"]).await;
    let (total, steps) = r.drive(Duration::seconds(1), 10).await;
    assert_eq!((total.sent, total.failed), (6, 0));
    assert_eq!(
        steps.iter().map(|s| s.sent).collect::<Vec<_>>(),
        vec![3, 2, 1],
        "one part per chat per second"
    );
    let texts = |chat| {
        api.sent_to(chat)
            .into_iter()
            .map(|m| m.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(1), vec!["<b>a0</b>", "a1", "a2"]);
    assert_eq!(texts(2), vec!["b0 &amp; more"]);
    assert_eq!(texts(-3), vec!["<i>g0</i>", "g1"]);
    for m in api.sent() {
        assert_eq!(m.parse_mode.as_deref(), Some("HTML"));
        assert!(m.disable_preview, "link previews off");
    }
    for sub in [a, g] {
        for row in r.store().outbox_of(sub).await.unwrap() {
            assert_eq!(row.state, OutboxState::Sent);
            assert_eq!(row.attempts, 1);
            let sent = api.sent().into_iter().find(|m| m.text == row.body).unwrap();
            assert_eq!(row.telegram_message_id, Some(sent.message_id));
        }
    }
}

#[tokio::test]
async fn the_global_limit_paces_a_fan_out_evenly() {
    let api = FakeBotApi::start().await;
    let mut cfg = delivery_config();
    cfg.global_per_second = 10;
    let r = rig(api.bot(), cfg).await;
    for chat in 1..=25 {
        r.digest_for(chat, &["hello"]).await;
    }
    let first = r.step().await;
    assert_eq!(first.sent, 3, "a short burst (a quarter of the rate)");
    assert_eq!(first.paced_until, Some(t0() + Duration::milliseconds(100)));
    let mut sends = vec![(t0(), first.sent)];
    let mut done_at = None;
    for _ in 0..50 {
        r.clock.advance(Duration::milliseconds(100));
        let step = r.step().await;
        let now = claimwatch::clock::Clock::now(&r.clock);
        sends.push((now, step.sent));
        if api.sent().len() == 25 {
            done_at = Some(now);
            break;
        }
    }
    for (i, (start, _)) in sends.iter().enumerate() {
        let in_second: usize = sends[i..]
            .iter()
            .take_while(|(t, _)| *t < *start + Duration::seconds(1))
            .map(|(_, n)| n)
            .sum();
        assert!(
            in_second <= 10,
            "{in_second} sends in the second from {start}"
        );
    }
    let done_at = done_at.expect("all sent");
    assert!(
        done_at >= t0() + Duration::seconds(2) && done_at <= t0() + Duration::milliseconds(2500),
        "25 messages at 10/s: {done_at}"
    );
}

#[tokio::test]
async fn a_group_gets_at_most_twenty_messages_a_minute() {
    let api = FakeBotApi::start().await;
    let r = rig(api.bot(), delivery_config()).await;
    let parts: Vec<String> = (0..22).map(|i| format!("part {i}")).collect();
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    r.digest_for(-50, &refs).await;
    let mut twenty_first_at = None;
    for _ in 0..120 {
        r.step().await;
        if twenty_first_at.is_none() && api.sent_to(-50).len() == 21 {
            twenty_first_at = Some(claimwatch::clock::Clock::now(&r.clock));
        }
        r.clock.advance(Duration::seconds(1));
    }
    assert_eq!(api.sent_to(-50).len(), 22);
    let at = twenty_first_at.unwrap();
    assert!(at >= t0() + Duration::seconds(60), "21st message at {at}");
    assert!(
        at <= t0() + Duration::seconds(61),
        "and not much later: {at}"
    );
}

#[tokio::test]
async fn a_digest_with_hostile_titles_is_accepted_by_telegram_html_rules() {
    let api = FakeBotApi::start().await;
    let r = rig(api.bot(), delivery_config()).await;
    let s = r.store();
    let src = seed::source(s, "<b>Evil</b> & \"Co\"").await;
    seed::story(
        s,
        &[src],
        "<script>alert(1)</script> & </b> \"quoted\" <a href=\"javascript:x\">",
        &[seed::refusal(Some("</i>Claimant<b>"), None, None, None)],
        t0() - Duration::hours(1),
    )
    .await;
    seed::subscriber(
        s,
        77,
        "Europe/Kyiv",
        (9, 0),
        Lang::En,
        t0() - Duration::days(1),
    )
    .await;
    seed::update(
        s,
        77,
        SubscriberUpdate {
            next_digest_at: Some(Some(t0())),
            ..Default::default()
        },
        t0(),
    )
    .await;
    let sched = ScheduleCtx {
        store: r.db.store.clone(),
        config: Arc::new(Config::default()),
        enqueued: Arc::new(Notify::new()),
    };
    assert_eq!(schedule_due(&sched, t0()).await.unwrap().enqueued, 1);
    let (total, _) = r.drive(Duration::seconds(1), 5).await;
    assert_eq!(
        (total.sent, total.failed),
        (1, 0),
        "Telegram's HTML rules accept it"
    );
    let text = &api.sent_to(77)[0].text;
    assert!(
        text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/b&gt;"),
        "{text}"
    );
}

#[tokio::test]
async fn a_message_telegram_refuses_is_failed_without_retries() {
    let api = FakeBotApi::start().await;
    let r = rig(api.bot(), delivery_config()).await;
    let sub = r.digest_for(5, &["<b>unclosed"]).await;
    let (total, _) = r.drive(Duration::seconds(1), 5).await;
    assert_eq!((total.sent, total.failed, total.retried), (0, 1, 0));
    assert_eq!(api.calls_of("sendMessage").len(), 1);
    let row = &r.store().outbox_of(sub).await.unwrap()[0];
    assert_eq!(row.state, OutboxState::Failed);
    assert!(
        row.last_error
            .as_deref()
            .unwrap_or("")
            .contains("can't parse entities"),
        "{row:?}"
    );
    assert!(
        r.store().subscriber(5).await.unwrap().unwrap().active,
        "the chat is fine"
    );
}

#[tokio::test]
async fn the_delivery_loop_sends_what_is_enqueued_and_stops_on_shutdown() {
    let api = FakeBotApi::start().await;
    let db = crate::support::db::TestDb::new().await;
    let ctx = Arc::new(DeliveryCtx::new(
        db.store.clone(),
        api.bot(),
        delivery_config(),
        Arc::new(SystemClock),
    ));
    let shutdown = Shutdown::new();
    let task = {
        let (ctx, shutdown) = (ctx.clone(), shutdown.clone());
        tokio::spawn(async move { run_delivery(&ctx, &shutdown).await })
    };
    let now = chrono::Utc::now();
    for chat in 1..=3 {
        let sub = seed::subscriber(
            db.store.as_ref(),
            chat,
            "Europe/Kyiv",
            (9, 0),
            Lang::En,
            now,
        )
        .await;
        let d = claimwatch::store::DigestEnqueue {
            subscriber_id: sub.id,
            period: "p".into(),
            parts: vec![format!("hello {chat}")],
            story_ids: vec![],
            photo: None,
            period_end: now,
            next_digest_at: None,
        };
        db.store.enqueue_digest(&d, now).await.unwrap();
    }
    ctx.wake.notify_one();
    assert!(
        api.wait_for("sendMessage", 3, std::time::Duration::from_secs(10))
            .await
    );
    shutdown.trigger();
    let report = tokio::time::timeout(std::time::Duration::from_secs(10), task)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(report.sent, 3);
    assert_eq!(api.sent().len(), 3);
}
