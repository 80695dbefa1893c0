//! A fake Telegram Bot API server speaking the real HTTP protocol to the real teloxide client.
//!
//! It serves `POST /bot<token>/<method>` with JSON bodies, records every call, queues updates
//! for `getUpdates` (long polling), validates HTML parse mode like Telegram, and injects the
//! faults that matter: 429 with `retry_after`, 403 blocked/kicked/deactivated, 400 chat not
//! found, `migrate_to_chat_id`, a global rate limit, and a send held in flight (for crash
//! tests). It never answers 5xx (teloxide would sleep 10 s).

mod answer;
mod json;
mod limits;
mod photo;
pub mod updates;

use super::http::{self, Request, Response, Server};
use answer::answer;
#[allow(unused_imports)] // used by some test crates only
pub use json::{chat_json, user_json};
use json::{err, ok};
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

pub const TOKEN: &str = "123456789:AAFakeTokenForTestsOnly_abcdefghijklmn";
pub const BOT_ID: i64 = 123_456_789;
pub const BOT_USERNAME: &str = "claimwatch_test_bot";

/// A fault the server answers with for one chat.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// 403 "Forbidden: bot was blocked by the user".
    Blocked,
    /// 403 "Forbidden: bot was kicked from the group chat".
    Kicked,
    /// 403 "Forbidden: user is deactivated".
    Deactivated,
    /// 400 "Bad Request: chat not found".
    ChatNotFound,
    /// 400 with `migrate_to_chat_id`.
    MigrateTo(i64),
    /// 429 with `retry_after` for the next `times` sends to this chat.
    RetryAfter { secs: u32, times: u32 },
}

/// One recorded call.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub params: Value,
    /// What was answered: true when `ok`.
    pub ok: bool,
    pub at: Instant,
}

/// A message the server accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub chat_id: i64,
    pub message_id: i64,
    pub text: String,
    pub parse_mode: Option<String>,
    pub reply_markup: Option<Value>,
    pub disable_preview: bool,
}

/// A photo the server accepted (sendPhoto).
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    pub chat_id: i64,
    pub message_id: i64,
    pub caption: String,
    pub parse_mode: Option<String>,
    /// The uploaded bytes; empty when the photo was sent again by its file id.
    pub png: Vec<u8>,
    pub file_id: String,
}

#[derive(Default)]
struct State {
    photos: Vec<Photo>,
    photo_ids: std::collections::HashSet<String>,
    calls: Vec<Call>,
    sent: Vec<Sent>,
    updates: VecDeque<(i64, Value)>,
    next_update_id: i64,
    next_message_id: i64,
    faults: HashMap<i64, Fault>,
    /// chat id → admin user ids (the first is the owner).
    admins: HashMap<i64, Vec<i64>>,
    /// Global limit: at most this many sends per rolling second, else 429.
    global_limit: Option<u32>,
    recent_sends: VecDeque<Instant>,
    too_many: u64,
    /// Hold the response to the n-th send (1-based) until released.
    hold_at: Option<usize>,
    send_count: usize,
    /// Messages by (chat, message id), for edits.
    texts: HashMap<(i64, i64), String>,
    /// Telegram's limits, when on (see `limits`).
    limits: limits::Limits,
    /// The longest a `getUpdates` is held open (its `timeout`, at most this).
    long_poll_cap: Duration,
}

/// The fake server.
#[derive(Clone)]
pub struct FakeBotApi {
    state: Arc<Mutex<State>>,
    changed: Arc<Notify>,
    release: Arc<Notify>,
    held: Arc<Notify>,
    server: Arc<Server>,
}

impl FakeBotApi {
    pub async fn start() -> FakeBotApi {
        let state = Arc::new(Mutex::new(State {
            next_update_id: 1,
            next_message_id: 1000,
            long_poll_cap: Duration::from_secs(2),
            ..State::default()
        }));
        let changed = Arc::new(Notify::new());
        let release = Arc::new(Notify::new());
        let held = Arc::new(Notify::new());
        let (s, c, r, h) = (
            state.clone(),
            changed.clone(),
            release.clone(),
            held.clone(),
        );
        let server = http::serve(http::handler(move |req| {
            let (s, c, r, h) = (s.clone(), c.clone(), r.clone(), h.clone());
            async move { handle(req, s, c, r, h).await }
        }))
        .await;
        FakeBotApi {
            state,
            changed,
            release,
            held,
            server: Arc::new(server),
        }
    }

    /// The URL to give teloxide (`TELOXIDE_API_URL`).
    pub fn url(&self) -> String {
        format!("{}/", self.server.base_url())
    }

    /// A teloxide `Bot` talking to this server.
    pub fn bot(&self) -> teloxide::Bot {
        let url = reqwest::Url::parse(&self.url()).expect("fake api url");
        teloxide::Bot::new(TOKEN).set_api_url(url)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues an update (its `update_id` is assigned here) and returns the id.
    pub fn push_update(&self, mut update: Value) -> i64 {
        let id = {
            let mut st = self.lock();
            let id = st.next_update_id;
            st.next_update_id += 1;
            update["update_id"] = json!(id);
            st.updates.push_back((id, update));
            id
        };
        self.changed.notify_waiters();
        id
    }

    pub fn set_fault(&self, chat_id: i64, fault: Fault) {
        self.lock().faults.insert(chat_id, fault);
    }

    pub fn clear_fault(&self, chat_id: i64) {
        self.lock().faults.remove(&chat_id);
    }

    pub fn set_admins(&self, chat_id: i64, user_ids: Vec<i64>) {
        self.lock().admins.insert(chat_id, user_ids);
    }

    /// At most `per_second` sends in any rolling second; more get 429 retry_after 1.
    pub fn set_global_limit(&self, per_second: Option<u32>) {
        self.lock().global_limit = per_second;
    }

    /// How many 429s the limits have answered (the global limit's and Telegram's).
    pub fn too_many_requests(&self) -> u64 {
        let st = self.lock();
        st.too_many + st.limits.too_many
    }

    /// Holds the response to the `n`-th send (1-based, counted from now on) until
    /// [`FakeBotApi::release_held`]; the message is recorded as received when it arrives.
    pub fn hold_send(&self, n: usize) {
        let mut st = self.lock();
        st.hold_at = Some(st.send_count + n);
    }

    /// Waits until a held send has arrived.
    pub async fn wait_held(&self, timeout: Duration) -> bool {
        tokio::time::timeout(timeout, self.held.notified())
            .await
            .is_ok()
    }

    pub fn release_held(&self) {
        self.lock().hold_at = None;
        self.release.notify_waiters();
    }

    pub fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.method == method)
            .cloned()
            .collect()
    }

    /// Photos accepted by `sendPhoto`, in order.
    pub fn photos(&self) -> Vec<Photo> {
        self.lock().photos.clone()
    }

    /// Messages accepted by `sendMessage`, in order.
    pub fn sent(&self) -> Vec<Sent> {
        self.lock().sent.clone()
    }

    pub fn sent_to(&self, chat_id: i64) -> Vec<Sent> {
        self.lock()
            .sent
            .iter()
            .filter(|m| m.chat_id == chat_id)
            .cloned()
            .collect()
    }

    /// Waits until `pred` holds over the recorded calls, or the timeout passes.
    pub async fn wait_until(&self, timeout: Duration, pred: impl Fn(&[Call]) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.changed.notified();
            // A snapshot: `pred` may itself look at the server (sent(), calls()).
            let calls = self.lock().calls.clone();
            if pred(&calls) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            let _ = tokio::time::timeout(left.min(Duration::from_millis(50)), notified).await;
        }
    }

    /// Waits until at least `n` calls of `method` were answered.
    pub async fn wait_for(&self, method: &str, n: usize, timeout: Duration) -> bool {
        self.wait_until(timeout, |calls| {
            calls.iter().filter(|c| c.method == method).count() >= n
        })
        .await
    }

    /// Updates not yet confirmed by a `getUpdates` offset.
    pub fn pending_updates(&self) -> usize {
        self.lock().updates.len()
    }
}

async fn handle(
    req: Request,
    state: Arc<Mutex<State>>,
    changed: Arc<Notify>,
    release: Arc<Notify>,
    held: Arc<Notify>,
) -> Response {
    let path = req.path().to_owned();
    let Some(rest) = path.strip_prefix("/bot") else {
        return err(404, "Not Found", None);
    };
    let (token, method) = rest.split_once('/').unwrap_or((rest, ""));
    if token != TOKEN {
        return err(401, "Unauthorized", None);
    }
    let multipart = req
        .header("content-type")
        .and_then(|c| c.split("boundary=").nth(1))
        .map(|b| b.trim_matches('"').to_owned());
    let mut files = Vec::new();
    let params: Value = if req.body.is_empty() {
        json!({})
    } else if let Some(boundary) = multipart {
        // setWebhook and sendPhoto are sent as multipart/form-data (a certificate, a photo).
        let mut fields = serde_json::Map::new();
        for part in photo::parts(&req.body, &boundary) {
            if part.file_name.is_some() {
                files.push(part);
            } else {
                let text = String::from_utf8_lossy(&part.bytes).into_owned();
                fields.insert(part.name, Value::String(text));
            }
        }
        Value::Object(fields)
    } else {
        match serde_json::from_slice(&req.body) {
            Ok(v) => v,
            Err(_) => return err(400, "Bad Request: invalid JSON", None),
        }
    };
    // teloxide sends "SendMessage"; Telegram's method names are case-insensitive.
    let mut chars = method.chars();
    let method: String = chars
        .next()
        .map(|c| c.to_ascii_lowercase())
        .into_iter()
        .chain(chars)
        .collect();
    let resp = if method == "getUpdates" {
        get_updates(&params, &state, &changed).await
    } else if method == "sendPhoto" {
        let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
        let chat = json::chat_id_of(&params).unwrap_or(0);
        match st.limits.check(chat, true) {
            Some(refused) => refused,
            None => photo::send_photo(&params, &files, &mut st),
        }
    } else {
        let (resp, hold) = answer(&method, &params, &state);
        if hold {
            held.notify_waiters();
            held.notify_one();
            release.notified().await;
        }
        resp
    };
    let okay = resp.status == 200;
    {
        let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
        st.calls.push(Call {
            method,
            params,
            ok: okay,
            at: Instant::now(),
        });
    }
    changed.notify_waiters();
    resp
}

async fn get_updates(params: &Value, state: &Arc<Mutex<State>>, changed: &Arc<Notify>) -> Response {
    let offset = params["offset"].as_i64().unwrap_or(0);
    let cap = state
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .long_poll_cap
        .as_secs();
    let timeout = params["timeout"].as_u64().unwrap_or(0).min(cap);
    let limit = params["limit"].as_u64().unwrap_or(100) as usize;
    let deadline = Instant::now() + Duration::from_secs(timeout);
    loop {
        let notified = changed.notified();
        {
            let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
            while st.updates.front().is_some_and(|(id, _)| *id < offset) {
                st.updates.pop_front();
            }
            if !st.updates.is_empty() || Instant::now() >= deadline {
                let batch: Vec<Value> = st
                    .updates
                    .iter()
                    .take(limit)
                    .map(|(_, u)| u.clone())
                    .collect();
                return ok(Value::Array(batch));
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        let _ = tokio::time::timeout(left.min(Duration::from_millis(100)), notified).await;
    }
}
