//! The handlers' way out: a requester whose messages (replies, edits, callback answers,
//! photos) each take a slot from the process's [`Gate`] — one pace with the digest, replies
//! first — and whose 429 answers freeze their chat for every sender, then are retried.
//! Calls that send nothing to a chat (`getChatMember`, `setMyCommands`) go through
//! [`Paced::inner`] unpaced.

use crate::delivery::Gate;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use teloxide::types::ChatId;
use teloxide::{Bot, RequestError};

/// Sends tried at most this many times when Telegram answers 429.
const MAX_TRIES: usize = 4;

/// A requester and the gate its messages go through.
#[derive(Clone)]
pub struct Paced {
    bot: Bot,
    gate: Arc<Gate>,
    /// Messages sent so far for this update: the first goes before others' follow-ups.
    sent: Arc<AtomicUsize>,
}

impl Paced {
    /// For one update: its first message is a first answer, the rest follow-ups.
    pub fn new(bot: Bot, gate: Arc<Gate>) -> Self {
        Paced {
            bot,
            gate,
            sent: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The requester itself, for calls that send nothing to a chat.
    pub fn inner(&self) -> &Bot {
        &self.bot
    }

    pub fn gate(&self) -> &Arc<Gate> {
        &self.gate
    }

    /// Runs the request `send` makes once a slot for `chat` is free; a 429 freezes the chat
    /// for `retry_after` (for the outbox too) and the request goes again after it.
    pub async fn paced<T, F, Fut>(&self, chat: ChatId, send: F) -> Result<T, RequestError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        self.run(chat, true, send).await
    }

    /// Like [`Paced::paced`] for a request that belongs to no chat's window (a callback
    /// answer): only the global limit applies; a 429 still freezes `chat`.
    pub async fn paced_global<T, F, Fut>(&self, chat: ChatId, send: F) -> Result<T, RequestError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        self.run(chat, false, send).await
    }

    async fn run<T, F, Fut>(&self, chat: ChatId, windows: bool, send: F) -> Result<T, RequestError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        let mut tries = 0;
        loop {
            tries += 1;
            let ticket = match windows {
                true => {
                    let follow_up = self.sent.fetch_add(1, Ordering::SeqCst) > 0;
                    self.gate.acquire(chat.0, chat.0 < 0, follow_up).await
                }
                false => self.gate.acquire_global().await,
            };
            let result = send().await;
            self.gate.complete(ticket);
            match result {
                Err(RequestError::RetryAfter(wait)) if tries < MAX_TRIES => {
                    let wait = chrono::Duration::from_std(wait.duration())
                        .unwrap_or(chrono::Duration::seconds(60));
                    tracing::info!(
                        chat = chat.0,
                        secs = wait.num_seconds(),
                        "Telegram asked to wait before a reply"
                    );
                    self.gate.on_retry_after(chat.0, wait, self.gate.now());
                }
                other => return other,
            }
        }
    }
}
