//! Telegram's limits, enforced by the fake when a test turns them on: at most 30 messages in
//! any second overall, 1 a second to one chat, 20 a minute to one group (a negative chat id).
//! Messages are sendMessage, sendPhoto and the edits (chat and global limits) and
//! answerCallbackQuery (global only). A request over a limit is answered 429 with
//! `retry_after`, and its chat is frozen until then: every later request into a frozen chat
//! is counted as a "send into a frozen scope" (and answered 429 again), as Telegram would
//! answer it, with a longer wait.

use super::FakeBotApi;
use super::json::err;
use crate::support::http::Response;
use serde_json::json;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

/// The limit state and what it counted.
#[derive(Default)]
pub(super) struct Limits {
    pub on: bool,
    global: VecDeque<Instant>,
    chats: HashMap<i64, VecDeque<Instant>>,
    groups: HashMap<i64, VecDeque<Instant>>,
    frozen: HashMap<i64, Instant>,
    /// 429s answered (limits and frozen scopes).
    pub too_many: u64,
    /// Requests into a chat Telegram had frozen with a 429.
    pub frozen_sends: u64,
}

fn crowded(window: &mut VecDeque<Instant>, now: Instant, span: Duration, cap: usize) -> bool {
    while window
        .front()
        .is_some_and(|t| now.duration_since(*t) >= span)
    {
        window.pop_front();
    }
    window.len() >= cap
}

fn too_many(secs: u64) -> Response {
    err(
        429,
        &format!("Too Many Requests: retry after {secs}"),
        Some(json!({ "retry_after": secs })),
    )
}

impl Limits {
    /// `Some(429)` when a message to `chat` now breaks a limit (`per_chat`: the chat and group
    /// limits apply too); else the message is counted and `None`.
    pub fn check(&mut self, chat: i64, per_chat: bool) -> Option<Response> {
        if !self.on {
            return None;
        }
        let now = Instant::now();
        if let Some(until) = self.frozen.get(&chat).copied() {
            if until > now {
                self.frozen_sends += 1;
                self.too_many += 1;
                return Some(too_many((until - now).as_secs().max(1) + 1));
            }
            self.frozen.remove(&chat);
        }
        let global = crowded(&mut self.global, now, SECOND, 30);
        let chat_full = per_chat && crowded(self.chats.entry(chat).or_default(), now, SECOND, 1);
        let group_full =
            per_chat && chat < 0 && crowded(self.groups.entry(chat).or_default(), now, MINUTE, 20);
        let wait = if group_full {
            Some(30)
        } else if global || chat_full {
            Some(1)
        } else {
            None
        };
        if let Some(secs) = wait {
            self.too_many += 1;
            self.frozen.insert(chat, now + Duration::from_secs(secs));
            return Some(too_many(secs));
        }
        self.global.push_back(now);
        if per_chat {
            self.chats.entry(chat).or_default().push_back(now);
            if chat < 0 {
                self.groups.entry(chat).or_default().push_back(now);
            }
        }
        None
    }
}

impl FakeBotApi {
    /// Enforces Telegram's limits: 30 messages/s overall, 1/s per chat, 20/min per group; a
    /// request over one is answered 429 and freezes its chat until `retry_after`.
    pub fn enforce_telegram_limits(&self) {
        self.lock().limits.on = true;
    }

    /// Requests sent into a chat frozen by a 429 before its `retry_after` ran out.
    pub fn frozen_sends(&self) -> u64 {
        self.lock().limits.frozen_sends
    }

    /// Holds a `getUpdates` open for its full `timeout` up to `cap` (2 s by default, so tests
    /// stop quickly).
    pub fn set_long_poll_cap(&self, cap: Duration) {
        self.lock().long_poll_cap = cap;
    }
}
