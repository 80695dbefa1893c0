//! The delivery outbox: digests written before they are sent. Every message arrives at least
//! once; a message in flight at a crash may arrive twice, and the repeat is marked (see
//! `docs/delivery.md` for the states and the in-doubt rule).

use super::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::Lang;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Where a message is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    /// Waiting for its `next_attempt_at`.
    Pending,
    /// Being sent under a lease.
    Sending,
    Sent,
    /// Given up (chat blocked or gone, or attempts exhausted).
    Failed,
    /// Its sender stopped while the send was in flight: it may or may not have arrived. Sent
    /// again, marked, with `delivery.in_doubt = "resend"` (the default); left so with `"skip"`.
    InDoubt,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::InDoubt => "in_doubt",
        }
    }
}

impl fmt::Display for OutboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutboxState {
    type Err = claimwatch_core::model::UnknownValue;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Ok(match s {
            "pending" => OutboxState::Pending,
            "sending" => OutboxState::Sending,
            "sent" => OutboxState::Sent,
            "failed" => OutboxState::Failed,
            "in_doubt" => OutboxState::InDoubt,
            _ => {
                return Err(claimwatch_core::model::UnknownValue::new(
                    "outbox state",
                    s,
                    "pending, sending, sent, failed or in_doubt",
                ));
            }
        })
    }
}

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub subscriber_id: i64,
    /// The chat to send to now (after any group migration).
    pub chat_id: i64,
    pub chat_is_group: bool,
    pub period: String,
    pub part: i64,
    pub parts: i64,
    pub body: String,
    pub state: OutboxState,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub telegram_message_id: Option<i64>,
    /// A chart image (see `SeriesStore::chart_image`): sent with sendPhoto, `body` as caption.
    pub photo_id: Option<i64>,
    /// How many times it was sent again after being found in doubt: a send with `resends > 0`
    /// carries the "resent after an interruption" marker.
    pub resends: i64,
    /// The subscriber's language (for the marker).
    pub lang: Lang,
}

/// Which sends still `sending` with a live lease [`OutboxStore::resolve_in_doubt`] also takes
/// to be in doubt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InFlight<'a> {
    /// Every one: the caller is the only process on its database (SQLite) and has just
    /// started, so whatever is in flight was left by a dead process.
    pub all: bool,
    /// The current holder of the sender role (`sender:…`): every other `sender:…` worker's
    /// (only the role's holder sends, so they were left by a dead or replaced instance).
    pub sender: Option<&'a str>,
}

/// What [`OutboxStore::resolve_in_doubt`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InDoubtResolved {
    /// Messages found in flight from a sender that stopped: now in doubt.
    pub found: u64,
    /// Messages in doubt put back to be sent again, marked (some may have been in doubt
    /// before, kept so while `in_doubt = "skip"`).
    pub resend: u64,
}

/// A rendered digest to enqueue for one subscriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestEnqueue {
    pub subscriber_id: i64,
    /// Identifies the digest period; with the subscriber it is the idempotency key.
    pub period: String,
    /// Message bodies in order, each ≤ 4096 characters (may be empty: a skipped quiet day).
    pub parts: Vec<String>,
    /// Stories the digest carries: recorded as delivered to this subscriber.
    pub story_ids: Vec<i64>,
    /// A chart image sent as a photo with the last part as its caption (≤ 1,024 characters).
    pub photo: Option<i64>,
    /// End of the period covered: becomes the subscriber's `last_digest_at`.
    pub period_end: DateTime<Utc>,
    /// The subscriber's next scheduled digest (`None` leaves it unchanged).
    pub next_digest_at: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// In one transaction: writes the parts, records the stories as delivered, and moves the
    /// subscriber's `last_digest_at`/`next_digest_at`. Returns false (and changes nothing) when
    /// this subscriber + period is already enqueued.
    async fn enqueue_digest(&self, digest: &DigestEnqueue, now: DateTime<Utc>) -> Result<bool>;
    /// Takes up to `limit` pending messages due at `now` (a later part only after the earlier
    /// parts of its digest are sent), marks them `sending` under a lease and counts an attempt.
    async fn lease_outbox(
        &self,
        now: DateTime<Utc>,
        owner: &str,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>>;
    /// Takes the next message [`OutboxStore::lease_outbox`] would take, alone, in one
    /// statement: for a worker that sends one message at a time.
    async fn lease_next(
        &self,
        now: DateTime<Utc>,
        owner: &str,
        lease: Duration,
    ) -> Result<Option<OutboxMessage>>;
    /// Telegram accepted the message: its id and the `sent` state, in one statement (written the
    /// moment the answer arrives, so the window in which a crash loses it is one write).
    async fn mark_sent(
        &self,
        id: i64,
        telegram_message_id: Option<i64>,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// Back to pending, due at `next_attempt_at`. `count_attempt: false` gives the attempt back
    /// (a 429 wait is not a failure).
    async fn mark_retry(
        &self,
        id: i64,
        next_attempt_at: DateTime<Utc>,
        error: &str,
        count_attempt: bool,
    ) -> Result<()>;
    async fn mark_failed(&self, id: i64, error: &str) -> Result<()>;
    /// A leased message that was not sent (its chat must wait: pacing or a pause) goes back to
    /// pending, due at `next_attempt_at`, with its attempt given back and its last error kept.
    async fn defer_outbox(&self, id: i64, next_attempt_at: DateTime<Utc>) -> Result<()>;
    /// Messages left `sending` by a sender that stopped become `in_doubt`: those whose lease
    /// ended before `now`, and those `in_flight` names. With `resend`, in the same
    /// transaction, every `in_doubt` message goes back to pending to be sent again, marked:
    /// `resends` is counted and `resent_at` set to `now` (so a later part of its digest never
    /// overtakes it).
    async fn resolve_in_doubt(
        &self,
        now: DateTime<Utc>,
        in_flight: InFlight<'_>,
        resend: bool,
    ) -> Result<InDoubtResolved>;
    /// Pending messages of a chat that cannot receive any more are failed. Returns how many.
    async fn fail_pending_for(&self, subscriber_id: i64, error: &str) -> Result<u64>;
    async fn outbox_message(&self, id: i64) -> Result<Option<OutboxMessage>>;
    /// Every message of one subscriber, oldest first.
    async fn outbox_of(&self, subscriber_id: i64) -> Result<Vec<OutboxMessage>>;
    /// The earliest `next_attempt_at` of a pending message, to know how long to sleep.
    async fn next_outbox_due(&self) -> Result<Option<DateTime<Utc>>>;
    /// The earliest `next_attempt_at` of a message [`OutboxStore::lease_outbox`] could take
    /// once due: pending, its chat active, every earlier part of its digest finished. `None`
    /// when nothing is left to send.
    async fn next_sendable_at(&self) -> Result<Option<DateTime<Utc>>>;
}
