//! The update listener with each chat's fair share applied ([`super::flood`]): updates of a
//! chat over its share are dropped here, before the dispatcher queues them per chat, so one
//! chat's flood never blocks the dispatcher nor delays another chat. The first dropped update
//! of a flood calls `on_flood` (which sends the one polite "slow down").

use super::flood::{FloodGuard, Verdict};
use crate::delivery::Gate;
use futures::StreamExt;
use futures::stream::BoxStream;
use std::sync::{Arc, Mutex};
use teloxide::stop::StopToken;
use teloxide::types::{AllowedUpdate, ChatId, Update, User};
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};

/// Called once per flood with the chat and the sender.
pub type OnFlood = Arc<dyn Fn(ChatId, Option<User>) + Send + Sync>;

/// An update listener filtered by the chats' fair share.
pub struct Fair<L> {
    inner: L,
    guard: Arc<Mutex<FloodGuard>>,
    gate: Arc<Gate>,
    on_flood: OnFlood,
}

impl<L> Fair<L> {
    /// `gate` tells the time (the pace's clock).
    pub fn new(inner: L, guard: FloodGuard, gate: Arc<Gate>, on_flood: OnFlood) -> Self {
        Fair {
            inner,
            guard: Arc::new(Mutex::new(guard)),
            gate,
            on_flood,
        }
    }
}

/// The chat an update counts against: its chat, else its sender's private chat.
fn chat_of(update: &Update) -> Option<ChatId> {
    update
        .chat()
        .map(|c| c.id)
        .or_else(|| update.from().map(|u| ChatId(u.id.0 as i64)))
}

fn admit(update: &Update, guard: &Mutex<FloodGuard>, gate: &Gate, on_flood: &OnFlood) -> bool {
    let Some(chat) = chat_of(update) else {
        return true;
    };
    let verdict = guard
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .check(chat.0, gate.now());
    match verdict {
        Verdict::Pass => true,
        Verdict::SlowDown => {
            tracing::info!(
                chat = chat.0,
                "a chat sends too fast: told to slow down, ignored for a while"
            );
            on_flood(chat, update.from().cloned());
            false
        }
        Verdict::Drop => false,
    }
}

impl<L> UpdateListener for Fair<L>
where
    L: UpdateListener + 'static,
    L::Err: Send + 'static,
{
    type Err = L::Err;

    fn stop_token(&mut self) -> StopToken {
        self.inner.stop_token()
    }

    fn hint_allowed_updates(&mut self, hint: &mut dyn Iterator<Item = AllowedUpdate>) {
        self.inner.hint_allowed_updates(hint)
    }
}

impl<'a, L> AsUpdateStream<'a> for Fair<L>
where
    L: UpdateListener + 'static,
    L::Err: Send + 'static,
{
    type StreamErr = L::Err;
    type Stream = BoxStream<'a, Result<Update, L::Err>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        let (guard, gate, on_flood) =
            (self.guard.clone(), self.gate.clone(), self.on_flood.clone());
        self.inner
            .as_stream()
            .filter(move |item| {
                let keep = match item {
                    Ok(update) => admit(update, &guard, &gate, &on_flood),
                    Err(_) => true,
                };
                futures::future::ready(keep)
            })
            .boxed()
    }
}
