//! Admin commands as an admin and as anyone else; /sources for everyone.

use crate::seed;
use crate::support::bot_harness::{ADMIN, BotHarness};
use crate::support::t0;
use claimwatch::i18n::texts;
use claimwatch::model::{Lang, SourceKind};
use claimwatch::store::{DigestEnqueue, InFlight};
use std::time::Duration;

#[tokio::test]
async fn an_admin_adds_pauses_resumes_and_removes_sources() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();

    let reply = h.ask(ADMIN, "en", "/addsource @GeneralStaffZSU").await;
    assert!(reply.starts_with("✅ Added source #1"), "{reply}");
    let s = store
        .source_by_url("https://t.me/s/GeneralStaffZSU")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.kind, SourceKind::Telegram);
    let reply = h
        .ask(ADMIN, "en", "/addsource https://t.me/s/GeneralStaffZSU")
        .await;
    assert!(reply.starts_with("Already monitored: #1"), "{reply}");

    for private in [
        "http://127.0.0.1:8080/rss",
        "http://localhost/feed",
        "http://192.168.1.10/rss",
        "file:///etc/passwd",
    ] {
        let reply = h.ask(ADMIN, "en", &format!("/addsource {private}")).await;
        assert!(reply.starts_with("❌ Cannot add"), "{private}: {reply}");
    }
    let reply = h.ask(ADMIN, "en", "/addsource not a url at all").await;
    assert!(
        reply.starts_with("❌ Cannot add «not a url at all»"),
        "{reply}"
    );
    let reply = h
        .ask(ADMIN, "en", "/addsource https://93.184.216.34/rss")
        .await;
    assert!(reply.starts_with("✅ Added source #2"), "{reply}");
    assert_eq!(store.list_sources().await.unwrap().len(), 2);

    let reply = h.ask(ADMIN, "en", "/pausesource 2").await;
    assert!(reply.starts_with("⏸ Paused #2"), "{reply}");
    assert!(store.source(2).await.unwrap().unwrap().paused);
    let list = h.ask(ADMIN, "en", "/sources").await;
    assert!(
        list.contains("(2)") && list.contains("<b>#2</b> ⏸ paused"),
        "{list}"
    );
    let reply = h.ask(ADMIN, "en", "/resumesource #2").await;
    assert!(reply.starts_with("▶️ Resumed #2"), "{reply}");
    assert!(!store.source(2).await.unwrap().unwrap().paused);
    let reply = h.ask(ADMIN, "en", "/removesource @GeneralStaffZSU").await;
    assert!(reply.starts_with("🗑 Removed #1"), "{reply}");
    assert!(store.source(1).await.unwrap().is_none());
    let reply = h.ask(ADMIN, "en", "/removesource 99").await;
    assert!(reply.starts_with("No source «99»"), "{reply}");
    let reply = h.ask(ADMIN, "en", "/pausesource").await;
    assert!(reply.contains("/pausesource 12"), "{reply}");
    h.stop().await;
}

#[tokio::test]
async fn private_addresses_are_accepted_when_the_config_allows_them() {
    let h = BotHarness::with_config(|c| c.http.allow_private_addresses = true).await;
    let reply = h
        .ask(ADMIN, "en", "/addsource http://127.0.0.1:8080/rss")
        .await;
    assert!(reply.starts_with("✅ Added source"), "{reply}");
    h.stop().await;
}

#[tokio::test]
async fn stats_count_the_last_day() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://a.example/rss", "A").await;
    seed::claim_at(
        store,
        src,
        "Отказались воевать",
        seed::refusal("A", None, 3),
        t0(),
    )
    .await;
    h.say(901, 901, "en", "/start", 2).await;
    // A message in flight when its sender died: found in doubt, put back to be sent again.
    let sub = store.subscriber(901).await.unwrap().unwrap();
    let digest = DigestEnqueue {
        subscriber_id: sub.id,
        period: "p".into(),
        parts: vec!["x".into()],
        story_ids: vec![],
        period_end: t0(),
        next_digest_at: None,
        photo: None,
    };
    store.enqueue_digest(&digest, t0()).await.unwrap();
    store
        .lease_next(t0(), "dead", Duration::from_secs(1))
        .await
        .unwrap();
    let lone = InFlight {
        all: true,
        sender: None,
    };
    store.resolve_in_doubt(t0(), lone, true).await.unwrap();
    let reply = h.ask(ADMIN, "en", "/stats").await;
    for line in [
        "Sources: 1 (0 paused)",
        "Items: 1",
        "Claims: 1 in 1 stories",
        "Subscribers: 1 active of 1",
        "Last day: 0 messages sent, 0 failed, 1 resent after a crash",
        "Queue: 1 pending, 0 in doubt",
    ] {
        assert!(reply.contains(line), "{line}: {reply}");
    }
    h.stop().await;
}

#[tokio::test]
async fn a_non_admin_gets_a_polite_refusal_and_nothing_changes() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://a.example/rss", "Meduza").await;
    let t = &texts(Lang::Ru).bot;
    for cmd in [
        "/addsource @astrapress",
        "/removesource 1",
        "/pausesource 1",
        "/resumesource 1",
        "/stats",
    ] {
        assert_eq!(h.ask(902, "ru", cmd).await, t.admin_only, "{cmd}");
    }
    let sources = store.list_sources().await.unwrap();
    assert_eq!(sources.len(), 1);
    assert!(!sources[0].paused && sources[0].id == src);
    // Everyone may see what is monitored.
    let list = h.ask(902, "ru", "/sources").await;
    assert!(
        list.contains("Meduza") && list.contains("ещё не прочитан"),
        "{list}"
    );
    h.stop().await;
}

#[tokio::test]
async fn a_long_reply_is_split_under_the_limit() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    for i in 0..120 {
        let name = format!("Источник <{i}> {}", "очень длинное название ".repeat(3));
        seed::source(
            store,
            &format!("https://source{i}.example/rss?a=1&b=2"),
            &name,
        )
        .await;
    }
    h.api.push_update(crate::support::bot_api::updates::message(
        903, 903, "ru", "/sources",
    ));
    h.wait_sent(903, 2).await;
    // Wait for the last part: it holds the last source.
    let ok = h
        .api
        .wait_until(crate::support::bot_harness::WAIT, |calls| {
            calls.iter().any(|c| {
                c.params["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("<b>#120</b>"))
            })
        })
        .await;
    assert!(ok);
    let parts = h.api.sent_to(903);
    assert!(parts.len() >= 3, "{} parts", parts.len());
    for p in &parts {
        // Telegram's own checks: tags balanced, at most 4,096 visible characters.
        crate::support::tg_html::validate(&p.text).unwrap();
    }
    let all: String = parts.iter().map(|p| p.text.as_str()).collect();
    for i in 1..=120 {
        assert_eq!(
            all.matches(&format!("<b>#{i}</b> ")).count(),
            1,
            "#{i} once"
        );
    }
    assert!(all.contains("Источник &lt;7&gt;") && all.contains("?a=1&amp;b=2"));
    h.stop().await;
}

#[tokio::test]
async fn addsource_fetches_the_feed_once_through_the_ingest_check() {
    use crate::support::feed_server::{FeedServer, Route, context_with, rss};
    use claimwatch::bot::FetchingSourceChecker;
    use std::sync::Arc;
    let feeds = FeedServer::start().await;
    let base = feeds.base_url();
    feeds.set(
        "/rss.xml",
        Route::rss(rss(
            "Pskov &lt;Herald&gt;",
            &base,
            &[("1", "Отказ", "Десантники отказались")],
        )),
    );
    feeds.set("/gone.xml", Route::status(404));
    feeds.set(
        "/page.html",
        Route::ok("text/html", "<html><body>hi</body></html>"),
    );
    let h = BotHarness::with_checker(
        |c| c.http.allow_private_addresses = true,
        |store, config| {
            Arc::new(FetchingSourceChecker {
                ctx: Arc::new(context_with(store, config)),
                allow_private: config.http.allow_private_addresses,
            })
        },
    )
    .await;
    let reply = h
        .ask(ADMIN, "en", &format!("/addsource {base}/rss.xml"))
        .await;
    assert!(
        reply.starts_with("✅ Added source #1: Pskov &lt;Herald&gt;"),
        "{reply}"
    );
    assert_eq!(feeds.requests("/rss.xml").len(), 1, "fetched once");
    let reply = h
        .ask(ADMIN, "en", &format!("/addsource {base}/gone.xml"))
        .await;
    assert!(
        reply.starts_with("❌ Cannot add") && reply.contains("404"),
        "{reply}"
    );
    let reply = h
        .ask(ADMIN, "en", &format!("/addsource {base}/page.html"))
        .await;
    assert!(reply.starts_with("❌ Cannot add"), "{reply}");
    assert_eq!(h.db.store.list_sources().await.unwrap().len(), 1);
    h.stop().await;
}
