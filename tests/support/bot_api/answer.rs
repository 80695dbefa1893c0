//! How the fake Bot API answers each method but getUpdates, faults and limits included.

use super::json::{
    admin_member, bot_user, chat_id_of, chat_json, err, fault_response, now_unix, ok, user_json,
};
use super::{BOT_ID, BOT_USERNAME, Fault, Sent, State};
use crate::support::http::Response;
use crate::support::tg_html;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Answers every method but getUpdates; the bool asks to hold the response.
pub(super) fn answer(method: &str, p: &Value, state: &Arc<Mutex<State>>) -> (Response, bool) {
    let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(refused) = over_limit(method, p, &mut st) {
        return (refused, false);
    }
    let resp = match method {
        "getMe" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "Claimwatch", "username": BOT_USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false
        })),
        "setMyCommands"
        | "deleteMyCommands"
        | "deleteWebhook"
        | "setWebhook"
        | "answerCallbackQuery"
        | "sendChatAction"
        | "setChatMenuButton"
        | "leaveChat" => ok(json!(true)),
        "getMyCommands" => ok(json!([])),
        "getWebhookInfo" => {
            ok(json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0}))
        }
        "sendMessage" => return send_message(p, &mut st),
        "editMessageText" => edit_message_text(p, &mut st),
        "editMessageReplyMarkup" => edit_reply_markup(p, &st),
        "getChatAdministrators" => chat_administrators(p, &st),
        "getChatMember" => chat_member(p, &st),
        "getChat" => match chat_id_of(p) {
            Some(id) => ok(chat_json(id)),
            None => err(400, "Bad Request: chat not found", None),
        },
        _ => err(404, "Not Found: method not found", None),
    };
    (resp, false)
}

/// editMessageText: the new text checked like a sent one, refused when nothing changes.
fn edit_message_text(p: &Value, st: &mut State) -> Response {
    let Some(chat) = chat_id_of(p) else {
        return err(400, "Bad Request: chat_id is empty", None);
    };
    let id = p["message_id"].as_i64().unwrap_or(0);
    let text = p["text"].as_str().unwrap_or("").to_owned();
    if let Some(Err(e)) = p["parse_mode"]
        .as_str()
        .filter(|m| *m == "HTML")
        .map(|_| tg_html::validate(&text))
    {
        return err(400, &e, None);
    }
    match st.texts.get(&(chat, id)) {
        None => err(400, "Bad Request: message to edit not found", None),
        Some(old) if *old == text && p.get("reply_markup").is_none() => err(
            400,
            "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            None,
        ),
        Some(_) => {
            st.texts.insert((chat, id), text.clone());
            ok(message_json(chat, id, &text, p.get("reply_markup")))
        }
    }
}

/// editMessageReplyMarkup: the message with its new keyboard.
fn edit_reply_markup(p: &Value, st: &State) -> Response {
    let chat = chat_id_of(p).unwrap_or(0);
    let id = p["message_id"].as_i64().unwrap_or(0);
    match st.texts.get(&(chat, id)).cloned() {
        Some(text) => ok(message_json(chat, id, &text, p.get("reply_markup"))),
        None => err(400, "Bad Request: message to edit not found", None),
    }
}

/// getChatAdministrators: the chat's admins, the first its creator.
fn chat_administrators(p: &Value, st: &State) -> Response {
    let chat = chat_id_of(p).unwrap_or(0);
    let admins = st.admins.get(&chat).cloned().unwrap_or_default();
    ok(Value::Array(
        admins
            .iter()
            .enumerate()
            .map(|(i, u)| admin_member(*u, i == 0))
            .collect(),
    ))
}

/// getChatMember: an admin (the first the creator) or a plain member.
fn chat_member(p: &Value, st: &State) -> Response {
    let chat = chat_id_of(p).unwrap_or(0);
    let user = p["user_id"].as_i64().unwrap_or(0);
    let admins = st.admins.get(&chat).cloned().unwrap_or_default();
    match admins.iter().position(|u| *u == user) {
        Some(i) => ok(admin_member(user, i == 0)),
        None => ok(json!({"status": "member", "user": user_json(user, "en")})),
    }
}

/// Telegram's limits for edits (chat and global) and callback answers (global only);
/// sendMessage and sendPhoto check theirs where they are answered.
fn over_limit(method: &str, p: &Value, st: &mut State) -> Option<Response> {
    match method {
        "editMessageText" | "editMessageReplyMarkup" => {
            st.limits.check(chat_id_of(p).unwrap_or(0), true)
        }
        "answerCallbackQuery" => st.limits.check(0, false),
        _ => None,
    }
}

fn message_json(chat: i64, id: i64, text: &str, markup: Option<&Value>) -> Value {
    let mut m = json!({
        "message_id": id, "date": now_unix(), "chat": chat_json(chat), "from": bot_user(), "text": text
    });
    if let Some(k) = markup.filter(|k| !k.is_null()) {
        m["reply_markup"] = k.clone();
    }
    m
}

fn send_message(p: &Value, st: &mut State) -> (Response, bool) {
    let Some(chat) = chat_id_of(p) else {
        return (err(400, "Bad Request: chat_id is empty", None), false);
    };
    if let Some(f) = st.faults.get(&chat).cloned() {
        if let Fault::RetryAfter { secs, times } = f {
            if times <= 1 {
                st.faults.remove(&chat);
            } else {
                st.faults.insert(
                    chat,
                    Fault::RetryAfter {
                        secs,
                        times: times - 1,
                    },
                );
            }
        }
        return (fault_response(&f), false);
    }
    if let Some(refused) = st.limits.check(chat, true) {
        return (refused, false);
    }
    if let Some(limit) = st.global_limit {
        let now = Instant::now();
        while st
            .recent_sends
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            st.recent_sends.pop_front();
        }
        if st.recent_sends.len() >= limit as usize {
            st.too_many += 1;
            return (
                err(
                    429,
                    "Too Many Requests: retry after 1",
                    Some(json!({"retry_after": 1})),
                ),
                false,
            );
        }
        st.recent_sends.push_back(now);
    }
    let text = p["text"].as_str().unwrap_or("").to_owned();
    if text.trim().is_empty() {
        return (err(400, "Bad Request: message text is empty", None), false);
    }
    let parse_mode = p["parse_mode"].as_str().map(str::to_owned);
    if parse_mode.as_deref() == Some("HTML") {
        if let Err(e) = tg_html::validate(&text) {
            return (err(400, &e, None), false);
        }
    } else if text.encode_utf16().count() > 4096 {
        return (err(400, "Bad Request: message is too long", None), false);
    }
    st.send_count += 1;
    let hold = st.hold_at == Some(st.send_count);
    let id = st.next_message_id;
    st.next_message_id += 1;
    let disable_preview = p["link_preview_options"]["is_disabled"]
        .as_bool()
        .unwrap_or(false)
        || p["disable_web_page_preview"].as_bool().unwrap_or(false);
    st.texts.insert((chat, id), text.clone());
    st.sent.push(Sent {
        chat_id: chat,
        message_id: id,
        text: text.clone(),
        parse_mode,
        reply_markup: p.get("reply_markup").cloned(),
        disable_preview,
    });
    (
        ok(message_json(chat, id, &text, p.get("reply_markup"))),
        hold,
    )
}
