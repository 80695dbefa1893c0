//! Groups and channels: the bot added to a group subscribes it and greets it; only the group's
//! admins change settings (by command or button); a channel subscribes when the bot is made
//! an admin.

use crate::support::bot_api::updates;
use crate::support::bot_harness::BotHarness;
use claimwatch::i18n::texts;
use claimwatch::model::{ChatKind, Lang, Topics};

const GROUP: i64 = -1_001_234_567_890;
const OWNER: i64 = 11;
const MEMBER: i64 = 12;

#[tokio::test]
async fn in_a_group_only_admins_change_settings() {
    let h = BotHarness::start().await;
    h.api.set_admins(GROUP, vec![OWNER]);
    h.api
        .push_update(updates::my_chat_member(GROUP, OWNER, "left", "member"));
    h.wait_sent(GROUP, 1).await;
    let greeting = &h.api.sent_to(GROUP)[0].text;
    assert!(
        greeting.contains("09:00 (Europe/Kyiv)") && greeting.contains("/settings"),
        "{greeting}"
    );
    let sub = h.subscriber(GROUP).await.expect("group subscribed");
    assert_eq!(sub.kind, ChatKind::Supergroup);
    assert!(sub.subscribed && sub.next_digest_at.is_some());

    let t = &texts(Lang::En).bot;
    // A member may read but not change.
    let reply = h
        .say(GROUP, MEMBER, "en", "/time 10:00", 1)
        .await
        .remove(0)
        .text;
    assert_eq!(reply, t.group_admin_only);
    let reply = h
        .say(GROUP, MEMBER, "en", "/unsubscribe", 1)
        .await
        .remove(0)
        .text;
    assert_eq!(reply, t.group_admin_only);
    assert!(h.subscriber(GROUP).await.unwrap().subscribed);
    let settings = h.say(GROUP, MEMBER, "en", "/settings", 1).await.remove(0);
    let edits_before = h.edits().len();
    let answer = h
        .press(GROUP, MEMBER, settings.message_id, "t:losses")
        .await;
    assert_eq!(answer["text"], t.group_admin_only);
    assert_eq!(answer["show_alert"], true);
    assert_eq!(h.edits().len(), edits_before, "nothing edited");
    assert_eq!(h.subscriber(GROUP).await.unwrap().topics, Topics::ALL);

    // The owner may.
    let reply = h
        .say(GROUP, OWNER, "en", "/time 10:00@claimwatch_test_bot", 1)
        .await
        .remove(0)
        .text;
    assert!(reply.contains("10:00"), "{reply}");
    h.press(GROUP, OWNER, settings.message_id, "t:losses").await;
    assert_eq!(h.edits().len(), edits_before + 1);
    assert_eq!(
        h.subscriber(GROUP).await.unwrap().topics,
        Topics {
            refusal: true,
            losses: false
        }
    );
    // Search works for everyone.
    let reply = h
        .say(GROUP, MEMBER, "en", "/search отказ", 1)
        .await
        .remove(0)
        .text;
    assert!(reply.starts_with("🔎 Nothing found"), "{reply}");
    // Plain talk in a group is ignored: the next reply is the one to /help.
    h.say(GROUP, MEMBER, "en", "hello everyone", 0).await;
    let reply = h.say(GROUP, MEMBER, "en", "/help", 1).await.remove(0).text;
    assert!(reply.starts_with(t.help_title));
    h.stop().await;
}

#[tokio::test]
async fn an_anonymous_group_admin_may_change_settings() {
    let h = BotHarness::start().await;
    h.api.push_update(updates::my_chat_member(
        GROUP,
        OWNER,
        "left",
        "administrator",
    ));
    h.wait_sent(GROUP, 1).await;
    let mut update = updates::message(GROUP, 1_087_968_824, "en", "/time 11:30");
    update["message"]["sender_chat"] = crate::support::bot_api::chat_json(GROUP);
    h.api.push_update(update);
    h.wait_sent(GROUP, 2).await;
    assert!(h.api.sent_to(GROUP)[1].text.contains("11:30"));
    h.stop().await;
}

#[tokio::test]
async fn a_channel_subscribes_when_the_bot_becomes_an_admin() {
    let h = BotHarness::start().await;
    let channel = -1_009_876_543_210;
    let mut update = updates::my_chat_member(channel, OWNER, "left", "member");
    update["my_chat_member"]["chat"] =
        serde_json::json!({"id": channel, "type": "channel", "title": "War news"});
    h.api.push_update(update.clone());
    update["my_chat_member"]["new_chat_member"] = updates::my_chat_member(
        channel,
        OWNER,
        "member",
        "administrator",
    )["my_chat_member"]["new_chat_member"]
        .clone();
    h.api.push_update(update);
    // Created, then scheduled: wait for both.
    h.wait_subscriber(channel, |s| s.is_some_and(|s| s.next_digest_at.is_some()))
        .await;
    let sub = h.subscriber(channel).await.unwrap();
    assert_eq!(sub.kind, ChatKind::Channel);
    assert_eq!(sub.title.as_deref(), Some("War news"));
    assert!(sub.active && sub.subscribed && sub.next_digest_at.is_some());
    assert!(
        h.api.sent_to(channel).is_empty(),
        "no greeting in a channel"
    );
    h.stop().await;
}
