//! Builders for the updates tests push.

use super::json::{bot_user, chat_json, now_unix, user_json};
use serde_json::{Value, json};

/// A text message from `user` in `chat` (a private chat when they are equal).
pub fn message(chat: i64, user: i64, lang: &str, text: &str) -> Value {
    json!({"message": {
        "message_id": 1, "date": now_unix(), "chat": chat_json(chat),
        "from": user_json(user, lang), "text": text
    }})
}

/// A press of an inline button with `data` on the bot's message `message_id`.
pub fn callback(chat: i64, user: i64, lang: &str, message_id: i64, data: &str) -> Value {
    json!({"callback_query": {
        "id": format!("cb{message_id}{}", data.len()), "from": user_json(user, lang),
        "chat_instance": "ci", "data": data,
        "message": {"message_id": message_id, "date": now_unix(), "chat": chat_json(chat),
                    "from": bot_user(), "text": "settings"}
    }})
}

/// The bot's own membership in `chat` changed from `old` to `new` ("member", "kicked",
/// "left", "administrator").
pub fn my_chat_member(chat: i64, user: i64, old: &str, new: &str) -> Value {
    let member = |status: &str| -> Value {
        match status {
            "administrator" => json!({"status": "administrator", "user": bot_user(),
                "can_be_edited": false, "is_anonymous": false, "can_manage_chat": true,
                "can_change_info": false, "can_delete_messages": false,
                "can_manage_video_chats": false, "can_invite_users": false,
                "can_restrict_members": false, "can_promote_members": false,
                "can_post_messages": true}),
            "kicked" => json!({"status": "kicked", "user": bot_user(), "until_date": 0}),
            s => json!({"status": s, "user": bot_user()}),
        }
    };
    json!({"my_chat_member": {
        "chat": chat_json(chat), "from": user_json(user, "en"), "date": now_unix(),
        "old_chat_member": member(old), "new_chat_member": member(new)
    }})
}
