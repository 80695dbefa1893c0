//! JSON shapes of the fake Bot API: answers, errors, chats, users, members.

use super::{BOT_ID, BOT_USERNAME, Fault};
use crate::support::http::Response;
use serde_json::{Value, json};

pub(super) fn ok(result: Value) -> Response {
    Response::json(200, &json!({"ok": true, "result": result}))
}

pub(super) fn err(code: u16, description: &str, parameters: Option<Value>) -> Response {
    let mut body = json!({"ok": false, "error_code": code, "description": description});
    if let Some(p) = parameters {
        body["parameters"] = p;
    }
    Response::json(code, &body)
}

pub(super) fn fault_response(f: &Fault) -> Response {
    match f {
        Fault::Blocked => err(403, "Forbidden: bot was blocked by the user", None),
        Fault::Kicked => err(403, "Forbidden: bot was kicked from the group chat", None),
        Fault::Deactivated => err(403, "Forbidden: user is deactivated", None),
        Fault::ChatNotFound => err(400, "Bad Request: chat not found", None),
        Fault::MigrateTo(new) => err(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            Some(json!({"migrate_to_chat_id": new})),
        ),
        Fault::RetryAfter { secs, .. } => err(
            429,
            &format!("Too Many Requests: retry after {secs}"),
            Some(json!({"retry_after": secs})),
        ),
    }
}

/// The `Chat` object for an id: positive ids are private chats, others supergroups.
pub fn chat_json(id: i64) -> Value {
    if id > 0 {
        json!({"id": id, "type": "private", "first_name": "Reader", "username": format!("reader{id}")})
    } else if id < -1_000_000_000_000 {
        json!({"id": id, "type": "supergroup", "title": format!("Group {id}")})
    } else {
        json!({"id": id, "type": "group", "title": format!("Group {id}")})
    }
}

pub fn user_json(id: i64, lang: &str) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "Reader", "username": format!("reader{id}"), "language_code": lang})
}

pub(super) fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "Claimwatch", "username": BOT_USERNAME})
}

pub(super) fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(super) fn admin_member(user: i64, owner: bool) -> Value {
    if owner {
        json!({"status": "creator", "user": user_json(user, "en"), "is_anonymous": false})
    } else {
        json!({"status": "administrator", "user": user_json(user, "en"), "can_be_edited": false,
               "is_anonymous": false, "can_manage_chat": true, "can_change_info": true,
               "can_delete_messages": true, "can_manage_video_chats": true, "can_invite_users": true,
               "can_restrict_members": true, "can_pin_messages": true, "can_promote_members": false})
    }
}

pub(super) fn chat_id_of(params: &Value) -> Option<i64> {
    match &params["chat_id"] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}
