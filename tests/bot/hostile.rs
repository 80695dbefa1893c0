//! Hostile input: HTML in arguments, huge arguments, garbage button data, emoji and RTL text.
//! Every reply is checked as valid Telegram HTML when the harness stops.

use crate::seed;
use crate::support::bot_harness::BotHarness;
use crate::support::t0;
use chrono::Duration;
use claimwatch::i18n::texts;
use claimwatch::model::Lang;

#[tokio::test]
async fn html_in_arguments_is_escaped() {
    let h = BotHarness::start().await;
    let chat = 1401;
    h.say(chat, chat, "en", "/start", 2).await;
    let reply = h.ask(chat, "en", "/timezone <b>Europe</b>&amp;").await;
    assert!(
        reply.contains("«&lt;b&gt;Europe&lt;/b&gt;&amp;amp;»"),
        "{reply}"
    );
    let reply = h.ask(chat, "en", "/time <script>alert(1)</script>").await;
    assert!(reply.contains("&lt;script&gt;"), "{reply}");
    let reply = h.ask(chat, "en", "/keywords add <i>pskov</i>").await;
    assert!(
        reply.contains("<code>&lt;i&gt;pskov&lt;/i&gt;</code>"),
        "{reply}"
    );
    let reply = h.ask(chat, "en", "/search <a href=\"x\">отказ</a>").await;
    assert!(reply.contains("&lt;a href=&quot;x&quot;&gt;"), "{reply}");
    let reply = h.ask(chat, "en", "/addsource <b>x</b>").await;
    assert_eq!(reply, texts(Lang::En).bot.admin_only);
    h.stop().await;
}

#[tokio::test]
async fn huge_arguments_get_helpful_replies() {
    let h = BotHarness::start().await;
    let chat = 1402;
    h.say(chat, chat, "en", "/start", 2).await;
    let long = "я".repeat(5000);
    let reply = h.ask(chat, "en", &format!("/keywords add {long}")).await;
    assert!(reply.contains("at most 50 characters"), "{reply}");
    let reply = h.ask(chat, "en", &format!("/timezone {long}")).await;
    assert!(reply.chars().count() < 300, "echo is cut: {reply}");
    let reply = h.ask(chat, "en", &format!("/time {long}")).await;
    assert!(reply.chars().count() < 300, "echo is cut: {reply}");
    let reply = h.ask(chat, "en", &format!("/search {long}")).await;
    assert!(reply.contains("at most 200 characters"), "{reply}");
    assert!(h.subscriber(chat).await.unwrap().keywords.is_empty());
    h.stop().await;
}

#[tokio::test]
async fn garbage_button_data_gets_a_notice_and_changes_nothing() {
    let h = BotHarness::start().await;
    let chat = 1403;
    let settings = h.say(chat, chat, "en", "/start", 2).await.remove(1);
    let before = h.subscriber(chat).await.unwrap();
    let t = &texts(Lang::En).bot;
    for data in [
        "",
        "garbage",
        "t:bananas",
        "h:99",
        "z:42",
        "p:zz:1",
        "l:de",
        "t:refusal;DROP",
        &"x".repeat(64),
    ] {
        let answer = h.press(chat, chat, settings.message_id, data).await;
        assert_eq!(answer["text"], t.callback_stale, "{data:?}");
    }
    assert!(h.edits().is_empty());
    assert_eq!(h.subscriber(chat).await.unwrap(), before);
    // Still alive.
    h.press(chat, chat, settings.message_id, "t:refusal").await;
    assert_eq!(h.edits().len(), 1);
    h.stop().await;
}

#[tokio::test]
async fn emoji_and_rtl_text_are_handled() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://a.example/rss", "‏مصدر 🔥").await;
    seed::claim_at(
        store,
        src,
        "Танкисты 🔥 отказались ‏שלום",
        seed::refusal("‏مصدر <b>", None, 1),
        t0() - Duration::hours(1),
    )
    .await;
    let chat = 1404;
    h.say(chat, chat, "en", "/start", 2).await;
    let reply = h.ask(chat, "en", "/search 🔥🔥 отказ ‏שלום").await;
    assert!(reply.contains("<b>1</b> claim"), "{reply}");
    assert!(reply.contains("‏مصدر &lt;b&gt;"), "{reply}");
    let reply = h.ask(chat, "en", "/keywords add 🔥 ‏שלום").await;
    assert!(reply.contains("no letters or digits"), "{reply}");
    let reply = h.ask(chat, "en", "/keywords add ‏שלום").await;
    assert!(reply.contains("<code>‏שלום</code>"), "{reply}");
    assert_eq!(
        h.ask(chat, "en", "🔥🔥🔥").await,
        texts(Lang::En).bot.plain_text
    );
    h.stop().await;
}
