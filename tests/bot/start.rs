//! /start in three languages, /help, /subscribe variants, /unsubscribe, unknown commands,
//! command registration.

use crate::support::bot_harness::{ADMIN, BotHarness};
use crate::support::t0;
use chrono::{Duration, NaiveTime};
use claimwatch::i18n::texts;
use claimwatch::model::{Lang, Topics};

#[tokio::test]
async fn start_subscribes_with_defaults_in_the_users_language() {
    let h = BotHarness::start().await;
    for (chat, code, lang) in [
        (101, "uk", Lang::Uk),
        (102, "ru-RU", Lang::Ru),
        (103, "en", Lang::En),
        (104, "de", Lang::En),
    ] {
        let replies = h.say(chat, chat, code, "/start", 2).await;
        let t = &texts(lang).bot;
        assert_eq!(replies[0].text, t.welcome, "{code}");
        assert!(replies[1].text.starts_with(t.settings_title), "{code}");
        let keyboard = replies[1].reply_markup.as_ref().expect("settings keyboard");
        let data: Vec<&str> = keyboard["inline_keyboard"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|row| row.as_array().unwrap())
            .map(|b| b["callback_data"].as_str().unwrap())
            .collect();
        assert_eq!(
            data,
            [
                "t:refusal",
                "t:losses",
                "m:hour",
                "m:zone",
                "m:lang",
                "d:off",
                "m:chart"
            ]
        );
        let sub = h.subscriber(chat).await.expect("subscriber created");
        assert_eq!(sub.ui_lang, lang);
        assert!(sub.active && sub.subscribed);
        assert_eq!(sub.topics, Topics::ALL);
        assert_eq!(sub.timezone, "Europe/Kyiv");
        assert_eq!(sub.digest_time, NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        // 09:00 in Kyiv is 07:00 UTC in November; t0 is exactly then, so the next is tomorrow.
        assert_eq!(sub.next_digest_at, Some(t0() + Duration::days(1)));
    }
    // A second /start keeps the settings and says so.
    let again = h.say(101, 101, "uk", "/start", 2).await;
    assert_eq!(again[0].text, texts(Lang::Uk).bot.welcome_back);
    h.stop().await;
}

#[tokio::test]
async fn commands_are_registered_per_language_and_for_admins() {
    let h = BotHarness::start().await;
    assert!(
        h.api
            .wait_for("setMyCommands", 5, crate::support::bot_harness::WAIT)
            .await
    );
    let calls = h.api.calls_of("setMyCommands");
    let codes: Vec<Option<&str>> = calls
        .iter()
        .map(|c| c.params["language_code"].as_str())
        .collect();
    assert!(codes.contains(&None) && codes.contains(&Some("uk")) && codes.contains(&Some("ru")));
    let uk = calls
        .iter()
        .find(|c| c.params["language_code"] == "uk")
        .unwrap();
    let search = uk.params["commands"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["command"].as_str().unwrap().trim_start_matches('/') == "search")
        .unwrap();
    assert_eq!(search["description"], texts(Lang::Uk).bot.commands.search);
    let admin = calls
        .iter()
        .find(|c| c.params["scope"]["type"] == "chat")
        .expect("admin scope");
    assert_eq!(admin.params["scope"]["chat_id"], ADMIN);
    assert!(admin.params["commands"].to_string().contains("addsource"));
    h.stop().await;
}

#[tokio::test]
async fn help_lists_the_commands_and_admin_commands_only_for_admins() {
    let h = BotHarness::start().await;
    let user = h.ask(201, "ru", "/help").await;
    assert!(user.starts_with(texts(Lang::Ru).bot.help_title));
    assert!(user.contains("/search — ") && user.contains("/keywords — "));
    assert!(user.contains(texts(Lang::Ru).bot.commands.digest));
    assert!(!user.contains("/addsource"));
    let admin = h.ask(ADMIN, "en", "/help").await;
    assert!(admin.contains("/addsource") && admin.contains("/stats"));
    h.stop().await;
}

#[tokio::test]
async fn subscribe_variants_and_unsubscribe_keep_settings() {
    let h = BotHarness::start().await;
    let chat = 301;
    let reply = h.ask(chat, "en", "/subscribe refusals").await;
    assert!(reply.contains("Subscribed: refusals."), "{reply}");
    let sub = h.subscriber(chat).await.unwrap();
    assert_eq!(
        sub.topics,
        Topics {
            refusal: true,
            losses: false
        }
    );
    assert!(
        h.ask(chat, "en", "/subscribe losses")
            .await
            .contains("losses")
    );
    assert_eq!(
        h.subscriber(chat).await.unwrap().topics,
        Topics {
            refusal: false,
            losses: true
        }
    );
    h.ask(chat, "en", "/time 07:15").await;
    let reply = h.ask(chat, "en", "/unsubscribe").await;
    assert_eq!(reply, texts(Lang::En).bot.unsubscribed);
    let sub = h.subscriber(chat).await.unwrap();
    assert!(!sub.subscribed && sub.active);
    assert_eq!(sub.next_digest_at, None);
    assert_eq!(
        sub.digest_time,
        NaiveTime::from_hms_opt(7, 15, 0).unwrap(),
        "settings kept"
    );
    let reply = h.ask(chat, "en", "/subscribe all").await;
    assert!(
        reply.contains("refusals, losses") && reply.contains("07:15"),
        "{reply}"
    );
    let sub = h.subscriber(chat).await.unwrap();
    assert!(sub.subscribed && sub.topics == Topics::ALL);
    assert!(sub.next_digest_at.is_some());
    assert_eq!(
        h.ask(chat, "en", "/subscribe bananas").await,
        texts(Lang::En).bot.subscribe_usage
    );
    assert_eq!(
        h.ask(302, "en", "/unsubscribe").await,
        texts(Lang::En).bot.not_subscribed
    );
    h.stop().await;
}

#[tokio::test]
async fn unknown_commands_point_to_help_and_plain_text_gets_a_hint() {
    let h = BotHarness::start().await;
    let t = &texts(Lang::Uk).bot;
    assert_eq!(h.ask(401, "uk", "/frobnicate now").await, t.unknown_command);
    assert_eq!(h.ask(401, "uk", "привіт").await, t.plain_text);
    // Commands for other bots are not ours: the next reply is to /help.
    let replies = h.say(401, 401, "uk", "/start@someone_else_bot", 0).await;
    assert!(replies.is_empty());
    assert!(h.ask(401, "uk", "/help").await.starts_with(t.help_title));
    h.stop().await;
}
