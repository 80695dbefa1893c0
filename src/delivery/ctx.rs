//! The delivery context: the store, the sender, the settings, the clock, the gate (the pace
//! shared with the bot's replies), this worker's lease name, and Telegram's answers that are
//! not written yet.
//!
//! An answer is written the moment it arrives. If the database refuses the write, the answer
//! stays here and is written before anything else — before any lease is resolved or any
//! message sent — so this process never sends again a message it knows Telegram accepted.

use super::gate::Gate;
use crate::clock::Clock;
use crate::config::DeliveryConfig;
use crate::shutdown::Shutdown;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Notify;

/// The prefix of the lease names of the `sender` role's worker (see
/// [`DeliveryCtx::in_sender_role`]).
pub const SENDER_PREFIX: &str = "sender:";

/// Telegram accepted outbox message `id` as `message_id` at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Answer {
    pub id: i64,
    pub message_id: i64,
    pub at: DateTime<Utc>,
}

/// Everything a delivery step needs. `S` is a [`super::Sender`]: `Bot` in tests and
/// `Throttle<Bot>` or `Bot` in production (pacing is ours either way), or a scripted sender in
/// the state-machine tests.
pub struct DeliveryCtx<S> {
    pub store: Arc<dyn Store>,
    pub bot: S,
    pub config: DeliveryConfig,
    /// Read while a step runs, to stamp when each send finished.
    pub clock: Arc<dyn Clock>,
    /// Lease owner name: this worker.
    pub owner: String,
    /// Notified when new messages are enqueued, to wake the loop.
    pub wake: Arc<Notify>,
    /// Whether this worker holds the `sender` role (then `owner` starts with
    /// [`SENDER_PREFIX`]).
    sender_role: bool,
    gate: Arc<Gate>,
    /// Stops a step between two messages (SIGTERM during `digest --send-now`).
    stop: Shutdown,
    answers: Mutex<Vec<Answer>>,
}

impl<S> DeliveryCtx<S> {
    pub fn new(
        store: Arc<dyn Store>,
        bot: S,
        config: DeliveryConfig,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let gate = Arc::new(Gate::from_config(&config, clock.clone()));
        DeliveryCtx {
            store,
            bot,
            config,
            clock,
            owner: format!("pid{}-{:08x}", std::process::id(), fastrand::u32(..)),
            wake: Arc::new(Notify::new()),
            sender_role: false,
            gate,
            stop: Shutdown::new(),
            answers: Mutex::new(Vec::new()),
        }
    }

    /// This worker delivers for the `sender` role of `instance`: its leases are named
    /// `sender:<instance>`. Only the role's holder sends, so what another `sender:` worker left
    /// in flight is in doubt as soon as this one starts (see [`super::recover`]).
    pub fn in_sender_role(mut self, instance: &str) -> Self {
        self.owner = format!("{SENDER_PREFIX}{instance}");
        self.sender_role = true;
        self
    }

    /// Paces through `gate`, shared with the bot's replies (give it the same clock).
    pub fn with_gate(mut self, gate: Arc<Gate>) -> Self {
        self.gate = gate;
        self
    }

    /// Steps stop between two messages once `stop` fires: the message in flight is finished
    /// and recorded, the rest stays queued.
    pub fn with_stop(mut self, stop: Shutdown) -> Self {
        self.stop = stop;
        self
    }

    pub(super) fn stopping(&self) -> bool {
        self.stop.is_triggered()
    }

    /// This worker's lease name when it holds the `sender` role.
    pub fn sender_name(&self) -> Option<&str> {
        self.sender_role.then_some(self.owner.as_str())
    }

    pub(super) fn gate(&self) -> &Gate {
        &self.gate
    }

    fn answers(&self) -> MutexGuard<'_, Vec<Answer>> {
        self.answers.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Answers Telegram gave that the database has not taken yet.
    pub fn unwritten_answers(&self) -> usize {
        self.answers().len()
    }

    /// Writes the answers Telegram gave that the database refused so far (call it while the
    /// worker is not running, e.g. after its role was lost during a storage outage).
    pub async fn flush_answers(&self) -> Result<(), StoreError> {
        self.write_answers().await
    }

    /// Writes `answer` (the message id and the `sent` mark), keeping it in memory until the
    /// database takes it.
    pub(super) async fn record_answer(&self, answer: Answer) -> Result<(), StoreError> {
        self.answers().push(answer);
        self.write_answers().await
    }

    /// Writes the answers not yet written, oldest first; stops at the first failure (that
    /// one and the later ones stay in memory).
    pub(super) async fn write_answers(&self) -> Result<(), StoreError> {
        loop {
            let Some(a) = self.answers().first().copied() else {
                return Ok(());
            };
            self.store.mark_sent(a.id, Some(a.message_id), a.at).await?;
            self.answers().retain(|x| *x != a);
        }
    }
}
