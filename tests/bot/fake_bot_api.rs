//! The fake Bot API against the real teloxide client: answers parse, every injected fault
//! arrives as the teloxide error production code matches on, HTML is validated like Telegram.

use crate::support::bot_api::{FakeBotApi, Fault, updates};
use crate::support::tg_html::validate;
use serde_json::json;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::{ChatId, ParseMode, UpdateKind};
use teloxide::{ApiError, RequestError};

#[tokio::test]
async fn teloxide_talks_to_the_fake() {
    let api = FakeBotApi::start().await;
    let bot = api.bot();
    let me = bot.get_me().await.unwrap();
    assert_eq!(me.username(), crate::support::bot_api::BOT_USERNAME);
    let sent = bot
        .send_message(ChatId(42), "<b>Digest</b> &amp; more")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    assert_eq!(sent.chat.id, ChatId(42));
    let edited = bot
        .edit_message_text(ChatId(42), sent.id, "<i>edited</i>")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    assert_eq!(edited.id, sent.id);
    assert_eq!(api.sent_to(42).len(), 1);
    assert_eq!(api.calls_of("editMessageText").len(), 1);
}

#[tokio::test]
async fn faults_arrive_as_teloxide_errors() {
    let api = FakeBotApi::start().await;
    let bot = api.bot();
    let send = |chat: i64| bot.send_message(ChatId(chat), "hello").into_future();

    api.set_fault(1, Fault::Blocked);
    assert!(matches!(
        send(1).await,
        Err(RequestError::Api(ApiError::BotBlocked))
    ));
    api.set_fault(2, Fault::ChatNotFound);
    assert!(matches!(
        send(2).await,
        Err(RequestError::Api(ApiError::ChatNotFound))
    ));
    api.set_fault(3, Fault::Deactivated);
    assert!(matches!(
        send(3).await,
        Err(RequestError::Api(ApiError::UserDeactivated))
    ));
    // Telegram's real text for groups has no teloxide variant: production must triage any
    // "Forbidden: …" as permanent, not only the variants it knows.
    api.set_fault(-4, Fault::Kicked);
    match send(-4).await {
        Err(RequestError::Api(ApiError::Unknown(d))) => {
            assert_eq!(d, "Forbidden: bot was kicked from the group chat")
        }
        other => panic!("{other:?}"),
    }
    api.set_fault(-5, Fault::MigrateTo(-1_000_000_000_005));
    match send(-5).await {
        Err(RequestError::MigrateToChatId(id)) => assert_eq!(id, ChatId(-1_000_000_000_005)),
        other => panic!("{other:?}"),
    }
    api.set_fault(6, Fault::RetryAfter { secs: 7, times: 2 });
    for _ in 0..2 {
        match send(6).await {
            Err(RequestError::RetryAfter(d)) => assert_eq!(d.duration(), Duration::from_secs(7)),
            other => panic!("{other:?}"),
        }
    }
    assert!(send(6).await.is_ok(), "the 429 fault lasts `times` sends");
    let bad = bot
        .send_message(ChatId(7), "<b>unclosed")
        .parse_mode(ParseMode::Html)
        .await;
    assert!(
        matches!(bad, Err(RequestError::Api(ApiError::CantParseEntities(_)))),
        "{bad:?}"
    );
    let long = bot.send_message(ChatId(7), "x".repeat(4097)).await;
    assert!(
        matches!(long, Err(RequestError::Api(ApiError::MessageIsTooLong))),
        "{long:?}"
    );
}

#[tokio::test]
async fn the_global_limit_answers_429() {
    let api = FakeBotApi::start().await;
    api.set_global_limit(Some(3));
    let bot = api.bot();
    let mut limited = 0;
    for i in 0..5 {
        if let Err(RequestError::RetryAfter(_)) = bot.send_message(ChatId(100 + i), "x").await {
            limited += 1;
        }
    }
    assert_eq!(limited, 2);
    assert_eq!(api.too_many_requests(), 2);
}

#[tokio::test]
async fn updates_are_long_polled() {
    let api = FakeBotApi::start().await;
    let bot = api.bot();
    api.push_update(updates::message(42, 42, "uk", "/start"));
    api.push_update(updates::callback(42, 42, "uk", 1000, "topic:refusal"));
    api.push_update(updates::my_chat_member(42, 42, "member", "kicked"));
    let got = bot.get_updates().timeout(1).await.unwrap();
    assert_eq!(got.len(), 3);
    assert!(matches!(got[0].kind, UpdateKind::Message(_)));
    assert!(matches!(got[1].kind, UpdateKind::CallbackQuery(_)));
    assert!(matches!(got[2].kind, UpdateKind::MyChatMember(_)));
    let next = got[2].id.0 as i32 + 1;
    let none = bot.get_updates().offset(next).timeout(0).await.unwrap();
    assert!(none.is_empty());
    assert_eq!(api.pending_updates(), 0);
}

#[tokio::test]
async fn a_held_send_stays_in_flight_until_released() {
    let api = FakeBotApi::start().await;
    api.hold_send(1);
    let bot = api.bot();
    let task = tokio::spawn(async move { bot.send_message(ChatId(9), "held").await });
    assert!(api.wait_held(Duration::from_secs(5)).await);
    assert_eq!(api.sent_to(9).len(), 1, "recorded as received while held");
    assert!(!task.is_finished());
    api.release_held();
    assert!(task.await.unwrap().is_ok());
}

#[test]
fn html_validation_matches_telegram() {
    assert!(
        validate("<b>Digest</b> &amp; <a href=\"https://x.y/?a=1&amp;b=2\">link</a> &#8212;")
            .is_ok()
    );
    assert!(validate("<b>open").is_err());
    assert!(validate("<script>x</script>").is_err());
    assert!(validate("Tom & Jerry").is_err());
    assert!(validate("1 < 2").is_err());
    assert!(validate("<b><i>x</b></i>").is_err());
    assert!(validate(&"x".repeat(4097)).is_err());
    assert!(validate(&"&amp;".repeat(4096)).is_ok());
    assert!(validate("").is_err());
    let _ = json!({});
}
