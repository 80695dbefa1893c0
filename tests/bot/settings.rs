//! /settings and every keyboard action, /time, /timezone, /keywords and their limits.

use crate::support::bot_harness::BotHarness;
use crate::support::t0;
use chrono::{Duration, NaiveTime, TimeZone, Utc};
use claimwatch::i18n::texts;
use claimwatch::model::{Lang, Topics};

/// /start, then the settings message's id.
async fn settings_message(h: &BotHarness, chat: i64, lang: &str) -> i64 {
    let replies = h.say(chat, chat, lang, "/start", 2).await;
    replies[1].message_id
}

/// Topic toggle.
async fn topic_toggle_saves_and_redraws(h: &BotHarness, chat: i64, msg: i64) {
    let t = &texts(Lang::En).bot;
    let answer = h.press(chat, chat, msg, "t:refusal").await;
    assert_eq!(answer["text"], t.saved);
    let sub = h.subscriber(chat).await.unwrap();
    assert_eq!(
        sub.topics,
        Topics {
            refusal: false,
            losses: true
        }
    );
    let edit = h.edits().pop().unwrap();
    assert_eq!(edit.params["message_id"], msg);
    assert!(
        edit.params["text"]
            .as_str()
            .unwrap()
            .contains("Topics: losses")
    );
    assert!(
        edit.params["reply_markup"]
            .to_string()
            .contains("⬜ refusals")
    );
}

/// Hour picker, then 06 keeps the minutes and reschedules.
async fn hour_picker_keeps_the_minutes_and_reschedules(h: &BotHarness, chat: i64, msg: i64) {
    let t = &texts(Lang::En).bot;
    h.press(chat, chat, msg, "m:hour").await;
    let edit = h.edits().pop().unwrap();
    assert_eq!(edit.params["text"], t.pick_hour);
    assert!(edit.params["reply_markup"].to_string().contains("\"h:23\""));
    h.press(chat, chat, msg, "h:6").await;
    let sub = h.subscriber(chat).await.unwrap();
    assert_eq!(sub.digest_time, NaiveTime::from_hms_opt(6, 0, 0).unwrap());
    // 06:00 Kyiv = 04:00 UTC; t0 is 07:00 UTC, so tomorrow.
    assert_eq!(
        sub.next_digest_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 22, 4, 0, 0).unwrap())
    );
}

/// Time zone picker: Moscow (index 1).
async fn zone_picker_sets_moscow(h: &BotHarness, chat: i64, msg: i64) {
    let t = &texts(Lang::En).bot;
    h.press(chat, chat, msg, "m:zone").await;
    assert_eq!(h.edits().pop().unwrap().params["text"], t.pick_timezone);
    h.press(chat, chat, msg, "z:1").await;
    let sub = h.subscriber(chat).await.unwrap();
    assert_eq!(sub.timezone, "Europe/Moscow");
    assert_eq!(
        sub.next_digest_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 22, 3, 0, 0).unwrap())
    );
}

/// Language picker: Ukrainian; the message is redrawn in Ukrainian.
async fn language_picker_redraws_in_ukrainian(h: &BotHarness, chat: i64, msg: i64) {
    h.press(chat, chat, msg, "m:lang").await;
    assert!(
        h.edits().pop().unwrap().params["reply_markup"]
            .to_string()
            .contains("Українська")
    );
    let answer = h.press(chat, chat, msg, "l:uk").await;
    assert_eq!(answer["text"], texts(Lang::Uk).bot.language_set);
    assert_eq!(h.subscriber(chat).await.unwrap().ui_lang, Lang::Uk);
    assert!(
        h.edits().pop().unwrap().params["text"]
            .as_str()
            .unwrap()
            .starts_with(texts(Lang::Uk).bot.settings_title)
    );
}

/// Digest off and on again.
async fn digest_off_and_on_again(h: &BotHarness, chat: i64, msg: i64) {
    h.press(chat, chat, msg, "d:off").await;
    let sub = h.subscriber(chat).await.unwrap();
    assert!(!sub.subscribed && sub.next_digest_at.is_none());
    h.press(chat, chat, msg, "d:on").await;
    assert!(h.subscriber(chat).await.unwrap().next_digest_at.is_some());
}

/// Back to the main screen.
async fn back_to_the_main_screen(h: &BotHarness, chat: i64, msg: i64) {
    h.press(chat, chat, msg, "m:hour").await;
    h.press(chat, chat, msg, "m:main").await;
    assert!(
        h.edits().pop().unwrap().params["text"]
            .as_str()
            .unwrap()
            .contains("Europe/Moscow")
    );
}

#[tokio::test]
async fn every_settings_button_edits_the_message_in_place() {
    let h = BotHarness::start().await;
    let chat = 501;
    let msg = settings_message(&h, chat, "en").await;
    topic_toggle_saves_and_redraws(&h, chat, msg).await;
    hour_picker_keeps_the_minutes_and_reschedules(&h, chat, msg).await;
    zone_picker_sets_moscow(&h, chat, msg).await;
    language_picker_redraws_in_ukrainian(&h, chat, msg).await;
    digest_off_and_on_again(&h, chat, msg).await;
    back_to_the_main_screen(&h, chat, msg).await;
    h.stop().await;
}

#[tokio::test]
async fn settings_before_start_asks_for_start() {
    let h = BotHarness::start().await;
    assert_eq!(
        h.ask(502, "ru", "/settings").await,
        texts(Lang::Ru).bot.need_start
    );
    assert_eq!(
        h.ask(502, "ru", "/time 08:00").await,
        texts(Lang::Ru).bot.need_start
    );
    h.stop().await;
}

#[tokio::test]
async fn time_and_timezone_are_validated_and_reschedule() {
    let h = BotHarness::start().await;
    let chat = 503;
    settings_message(&h, chat, "en").await;
    let t = &texts(Lang::En).bot;

    let reply = h.ask(chat, "en", "/time 08:30").await;
    assert!(
        reply.contains("08:30") && reply.contains("2026-11-22 08:30"),
        "{reply}"
    );
    let sub = h.subscriber(chat).await.unwrap();
    assert_eq!(sub.digest_time, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
    assert_eq!(
        sub.next_digest_at,
        Some(t0() + Duration::days(1) - Duration::minutes(30))
    );

    for bad in ["25:00", "8:7", "noon", "12:60"] {
        let reply = h.ask(chat, "en", &format!("/time {bad}")).await;
        assert!(reply.contains(bad) && reply.contains("HH:MM"), "{reply}");
    }
    assert_eq!(h.ask(chat, "en", "/time").await, t.time_usage);

    let reply = h.ask(chat, "en", "/timezone Europe/Warsaw").await;
    assert!(reply.contains("Europe/Warsaw"), "{reply}");
    assert_eq!(h.subscriber(chat).await.unwrap().timezone, "Europe/Warsaw");
    let reply = h.ask(chat, "en", "/timezone utc+3").await;
    assert!(reply.contains("UTC+03:00"), "{reply}");
    let sub = h.subscriber(chat).await.unwrap();
    assert_eq!(sub.timezone, "UTC+03:00");
    // 08:30 at UTC+3 = 05:30 UTC; t0 is 07:00 UTC, so tomorrow.
    assert_eq!(
        sub.next_digest_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 22, 5, 30, 0).unwrap())
    );
    let reply = h.ask(chat, "en", "/timezone Mars/Olympus").await;
    assert!(
        reply.contains("Mars/Olympus") && reply.contains("Europe/Kyiv"),
        "{reply}"
    );
    assert_eq!(h.ask(chat, "en", "/timezone").await, t.timezone_usage);
    assert_eq!(h.subscriber(chat).await.unwrap().timezone, "UTC+03:00");
    h.stop().await;
}

#[tokio::test]
async fn keywords_add_remove_list_clear_and_limits() {
    let h = BotHarness::start().await;
    let chat = 504;
    settings_message(&h, chat, "en").await;
    let t = &texts(Lang::En).bot;

    assert_eq!(h.ask(chat, "en", "/keywords list").await, t.keywords_empty);
    let reply = h
        .ask(chat, "en", "/keywords add Pskov, 76th division")
        .await;
    assert!(
        reply.contains("<code>pskov</code>, <code>76th division</code>"),
        "{reply}"
    );
    h.ask(chat, "en", "/keywords add tank").await;
    assert_eq!(
        h.subscriber(chat).await.unwrap().keywords,
        vec!["pskov", "76th division", "tank"]
    );
    let reply = h.ask(chat, "en", "/keywords list").await;
    assert!(reply.contains("<code>tank</code>"), "{reply}");
    let reply = h.ask(chat, "en", "/keywords remove TANK").await;
    assert!(
        reply.starts_with("🔑 Removed") && !reply.contains("tank"),
        "{reply}"
    );
    let reply = h.ask(chat, "en", "/keywords remove submarine").await;
    assert!(reply.starts_with("None of those"), "{reply}");

    let reply = h
        .ask(chat, "en", &format!("/keywords add {}", "к".repeat(5000)))
        .await;
    assert!(reply.contains("at most 50 characters"), "{reply}");
    let many: Vec<String> = (0..19).map(|i| format!("word{i}")).collect();
    let reply = h
        .ask(chat, "en", &format!("/keywords add {}", many.join(" ")))
        .await;
    assert!(reply.contains("at most 20 keywords"), "{reply}");
    assert_eq!(
        h.subscriber(chat).await.unwrap().keywords.len(),
        2,
        "nothing added"
    );
    let reply = h.ask(chat, "en", "/keywords add !!! ???").await;
    assert!(reply.contains("no letters or digits"), "{reply}");
    assert_eq!(h.ask(chat, "en", "/keywords add").await, t.keywords_usage);
    assert_eq!(h.ask(chat, "en", "/keywords").await, t.keywords_usage);
    assert_eq!(
        h.ask(chat, "en", "/keywords frobnicate x").await,
        t.keywords_usage
    );
    assert_eq!(
        h.ask(chat, "en", "/keywords clear").await,
        t.keywords_cleared
    );
    assert!(h.subscriber(chat).await.unwrap().keywords.is_empty());
    h.stop().await;
}
