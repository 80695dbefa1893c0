//! Blocking and reactivation through my_chat_member, /digest through the injected digest
//! source, group migration, and a clean stop on shutdown.

use crate::support::bot_api::updates;
use crate::support::bot_harness::BotHarness;
use chrono::NaiveTime;
use claimwatch::i18n::texts;
use claimwatch::model::Lang;

#[tokio::test]
async fn a_blocked_user_is_inactive_at_once_and_comes_back_with_old_settings() {
    let h = BotHarness::start().await;
    let chat = 1201;
    h.say(chat, chat, "en", "/start", 2).await;
    h.ask(chat, "en", "/time 06:45").await;
    h.api
        .push_update(updates::my_chat_member(chat, chat, "member", "kicked"));
    h.wait_subscriber(chat, |s| s.is_some_and(|s| !s.active))
        .await;
    let sub = h.subscriber(chat).await.unwrap();
    assert_eq!(sub.inactive_reason.as_deref(), Some("blocked the bot"));
    let due =
        h.db.store
            .due_subscribers(crate::support::t0() + chrono::Duration::days(2), 10)
            .await
            .unwrap();
    assert!(
        due.iter().all(|s| s.chat_id != chat),
        "no digest for a blocked chat"
    );

    // Unblocking reactivates with the old settings.
    h.api
        .push_update(updates::my_chat_member(chat, chat, "kicked", "member"));
    h.wait_subscriber(chat, |s| s.is_some_and(|s| s.active))
        .await;
    let sub = h.subscriber(chat).await.unwrap();
    assert_eq!(sub.digest_time, NaiveTime::from_hms_opt(6, 45, 0).unwrap());
    assert!(sub.subscribed && sub.next_digest_at.is_some());

    // Block again; /start reactivates too.
    h.api
        .push_update(updates::my_chat_member(chat, chat, "member", "kicked"));
    h.wait_subscriber(chat, |s| s.is_some_and(|s| !s.active))
        .await;
    let replies = h.say(chat, chat, "en", "/start", 2).await;
    assert_eq!(replies[0].text, texts(Lang::En).bot.welcome_back);
    let sub = h.subscriber(chat).await.unwrap();
    assert!(sub.active);
    assert_eq!(sub.digest_time, NaiveTime::from_hms_opt(6, 45, 0).unwrap());
    h.stop().await;
}

#[tokio::test]
async fn a_group_that_removes_the_bot_is_inactive_and_re_adding_reactivates_it() {
    let h = BotHarness::start().await;
    let group = -5005;
    h.api
        .push_update(updates::my_chat_member(group, 1, "left", "member"));
    h.wait_sent(group, 1).await;
    h.api
        .push_update(updates::my_chat_member(group, 1, "member", "left"));
    h.wait_subscriber(group, |s| s.is_some_and(|s| !s.active))
        .await;
    assert_eq!(
        h.subscriber(group)
            .await
            .unwrap()
            .inactive_reason
            .as_deref(),
        Some("removed the bot")
    );
    h.api
        .push_update(updates::my_chat_member(group, 1, "left", "member"));
    h.wait_subscriber(group, |s| s.is_some_and(|s| s.active))
        .await;
    assert_eq!(h.api.sent_to(group).len(), 1, "greeted only the first time");
    h.stop().await;
}

#[tokio::test]
async fn digest_now_uses_the_digest_source() {
    let h = BotHarness::start().await;
    let chat = 1301;
    let t = &texts(Lang::En).bot;
    assert_eq!(h.ask(chat, "en", "/digest").await, t.need_start);
    assert!(h.digest.calls().is_empty());
    h.say(chat, chat, "en", "/start", 2).await;

    h.digest.set_reply(Ok(vec![
        "<b>Claimwatch digest</b>\npart one".into(),
        "part two".into(),
    ]));
    let parts = h.say(chat, chat, "en", "/digest", 2).await;
    assert_eq!(parts[0].text, "<b>Claimwatch digest</b>\npart one");
    assert_eq!(parts[1].text, "part two");
    assert_eq!(h.digest.calls(), vec![(chat, crate::support::t0())]);

    h.digest.set_reply(Ok(vec![]));
    assert_eq!(h.ask(chat, "en", "/digest").await, t.digest_empty);
    h.digest.set_reply(Err("database is locked".into()));
    let reply = h.ask(chat, "en", "/digest").await;
    assert_eq!(reply, t.digest_failed);
    assert!(!reply.contains("locked"), "internal errors are not shown");
    h.stop().await;
}

#[tokio::test]
async fn a_group_upgraded_to_a_supergroup_keeps_its_subscription() {
    let h = BotHarness::start().await;
    let (old, new) = (-4004, -1_000_000_004_004);
    h.api
        .push_update(updates::my_chat_member(old, 1, "left", "member"));
    h.wait_sent(old, 1).await;
    let mut update = updates::message(old, 1, "en", "x");
    update["message"].as_object_mut().unwrap().remove("text");
    update["message"]["migrate_to_chat_id"] = serde_json::json!(new);
    h.api.push_update(update);
    h.wait_subscriber(new, |s| s.is_some()).await;
    assert!(h.subscriber(old).await.is_none());
    h.stop().await;
}

#[tokio::test]
async fn webhook_mode_accepts_an_update_posted_to_it() {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let h = BotHarness::with_config(|c| {
        c.bot.mode = claimwatch::config::BotMode::Webhook;
        c.bot.webhook_listen = format!("127.0.0.1:{port}");
        c.bot.webhook_url = format!("http://127.0.0.1:{port}/hook");
    })
    .await;
    let set = h
        .api
        .calls_of("setWebhook")
        .pop()
        .expect("setWebhook called");
    assert_eq!(set.params["url"], format!("http://127.0.0.1:{port}/hook"));
    let secret = set.params["secret_token"]
        .as_str()
        .expect("a secret")
        .to_owned();
    let mut update = updates::message(1501, 1501, "uk", "/help");
    update["update_id"] = serde_json::json!(1);
    let client = reqwest::Client::new();
    let post = |secret: String| {
        client
            .post(format!("http://127.0.0.1:{port}/hook"))
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .json(&update)
            .send()
    };
    // The server starts right after setWebhook: retry a refused connection briefly.
    let mut status = None;
    for _ in 0..100 {
        match post("wrong-secret".into()).await {
            Ok(r) => {
                status = Some(r.status().as_u16());
                break;
            }
            Err(_) => {
                let _ = h
                    .api
                    .wait_until(std::time::Duration::from_millis(50), |_| false)
                    .await;
            }
        }
    }
    assert_eq!(status, Some(401), "a request without the secret is refused");
    let ok = post(secret).await.unwrap();
    assert_eq!(ok.status().as_u16(), 200);
    h.wait_sent(1501, 1).await;
    assert!(
        h.api.sent_to(1501)[0]
            .text
            .starts_with(texts(Lang::Uk).bot.help_title)
    );
    assert!(
        h.api.calls_of("getUpdates").is_empty(),
        "no polling in webhook mode"
    );
    let api = h.api.clone();
    h.stop().await;
    assert!(
        !api.calls_of("deleteWebhook").is_empty(),
        "webhook removed on shutdown"
    );
}

#[tokio::test]
async fn digest_now_with_the_digest_module() {
    use claimwatch::bot::{AddressChecker, BotDeps, ComposedDigestSource, run_bot};
    use std::sync::Arc;
    // The real composition behind /digest: the harness's parts, with ComposedDigestSource.
    let api = crate::support::bot_api::FakeBotApi::start().await;
    let db = crate::support::db::TestDb::new().await;
    let config = Arc::new(claimwatch::config::Config::default());
    let clock = claimwatch::clock::ManualClock::new(crate::support::t0());
    let src = crate::seed::source(
        db.store.as_ref(),
        "https://pskov.example/rss",
        "Pskovskaya Guberniya",
    )
    .await;
    let deps = BotDeps {
        store: db.store.clone(),
        config: config.clone(),
        clock: Arc::new(clock.clone()),
        digest: Arc::new(ComposedDigestSource {
            store: db.store.clone(),
            config: config.clone(),
        }),
        checker: Arc::new(AddressChecker::from_config(&config)),
        gate: Arc::new(claimwatch::delivery::Gate::from_config(
            &config.delivery,
            Arc::new(claimwatch::clock::SystemClock),
        )),
    };
    let shutdown = claimwatch::shutdown::Shutdown::new();
    let task = tokio::spawn(run_bot(deps, api.bot(), shutdown.clone()));
    let chat = 1601;
    api.push_update(updates::message(chat, chat, "en", "/start"));
    assert!(
        api.wait_for("sendMessage", 2, crate::support::bot_harness::WAIT)
            .await
    );
    crate::seed::claim_at(
        db.store.as_ref(),
        src,
        "Около 60 десантников отказались ехать на войну",
        crate::seed::refusal(
            "Pskovskaya Guberniya",
            Some("76th Air Assault Division"),
            60,
        ),
        crate::support::t0() - chrono::Duration::hours(1),
    )
    .await;
    api.push_update(updates::message(chat, chat, "en", "/digest"));
    assert!(
        api.wait_for("sendMessage", 3, crate::support::bot_harness::WAIT)
            .await
    );
    let digest = api.sent_to(chat).pop().unwrap().text;
    crate::support::tg_html::validate(&digest).unwrap();
    assert!(digest.contains("Pskovskaya Guberniya"), "{digest}");
    assert!(digest.contains("76th Air Assault Division"), "{digest}");
    // A preview: nothing is recorded, the schedule stays.
    let sub = db.store.subscriber(chat).await.unwrap().unwrap();
    assert_eq!(sub.last_digest_at, None);
    assert!(db.store.outbox_of(sub.id).await.unwrap().is_empty());
    shutdown.trigger();
    assert!(task.await.unwrap().is_ok());
}
