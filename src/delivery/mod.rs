//! Delivery: the outbox worker. [`deliver_due`] is one step — lease what is due, one message
//! at a time, pace it, send it with teloxide, record the outcome — and [`run_delivery`] is
//! the thin loop around it.
//!
//! A message is marked `sending` (leased, committed) just before its HTTP request, and only
//! one request is in flight at a time, so a crash leaves at most one message whose fate is
//! truly unknown. The `sent` mark is written in the background while the next message goes
//! out (awaited before the step ends); a crash before it lands leaves a delivered message
//! `sending`. Either way the message becomes `in_doubt` and is never resent (see the README).

pub mod bot;
pub mod pace;
mod photo;
mod run;
pub mod triage;

pub use run::{drain_outbox, recover_in_flight, run_delivery};

use crate::clock::Clock;
use crate::config::DeliveryConfig;
use crate::store::{OutboxMessage, Store, StoreError};
use chrono::{DateTime, Utc};
use pace::{PaceLimits, Pacer, Wait};
use std::sync::{Arc, Mutex, MutexGuard};
use teloxide::RequestError;
use teloxide::payloads::SendMessageSetters;
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{ChatId, LinkPreviewOptions, ParseMode};
use tokio::sync::Notify;
use triage::Outcome;

/// A message leased but not finished within this long is taken to belong to a dead process.
pub const LEASE: std::time::Duration = std::time::Duration::from_secs(120);
/// Messages handled in one step at most, so the loop checks for shutdown regularly.
pub const MAX_PER_STEP: usize = 1_000;
/// The longest wait between two attempts after network errors.
const MAX_BACKOFF: chrono::Duration = chrono::Duration::hours(1);

/// Why a delivery step stopped.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Telegram refused the bot token; messages stay pending.
    #[error("Telegram refused the bot token ({0}); check TELOXIDE_TOKEN")]
    Unauthorized(String),
    /// The bot could not be set up (token missing, bad API URL or proxy).
    #[error("{0}")]
    Setup(String),
}

/// What one step (or a whole run) did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub leased: usize,
    pub sent: usize,
    /// 429 answers (each waited out and retried, never dropped).
    pub rate_limited: usize,
    /// Network errors retried with backoff.
    pub retried: usize,
    /// Subscribers made inactive (blocked, kicked, deactivated, chat not found).
    pub deactivated: usize,
    pub migrated: usize,
    /// Messages given up (attempts exhausted, message refused, or their chat is gone).
    pub failed: usize,
    /// Leased messages put back because their chat must wait (pacing or a 429 pause).
    pub deferred: usize,
    /// The step stopped at [`MAX_PER_STEP`]: more may be due at once.
    pub more: bool,
    /// The step stopped because the global limit or a flood pause holds until then.
    pub paced_until: Option<DateTime<Utc>>,
}

impl DeliveryReport {
    pub fn add(&mut self, o: &DeliveryReport) {
        self.leased += o.leased;
        self.sent += o.sent;
        self.rate_limited += o.rate_limited;
        self.retried += o.retried;
        self.deactivated += o.deactivated;
        self.migrated += o.migrated;
        self.failed += o.failed;
        self.deferred += o.deferred;
    }
}

/// Everything a delivery step needs. `R` is `Bot` in tests and `Throttle<Bot>` or `Bot` in
/// production; pacing is ours either way.
pub struct DeliveryCtx<R> {
    pub store: Arc<dyn Store>,
    pub bot: R,
    pub config: DeliveryConfig,
    /// Read while a step runs, to stamp when each send finished.
    pub clock: Arc<dyn Clock>,
    /// Lease owner name: this process.
    pub owner: String,
    /// Notified when new messages are enqueued, to wake the loop.
    pub wake: Arc<Notify>,
    pacer: Mutex<Pacer>,
}

impl<R> DeliveryCtx<R> {
    pub fn new(
        store: Arc<dyn Store>,
        bot: R,
        config: DeliveryConfig,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let pacer = Pacer::new(PaceLimits {
            global_per_second: config.global_per_second,
            per_chat_per_second: config.per_chat_per_second,
            per_group_per_minute: config.per_group_per_minute,
        });
        DeliveryCtx {
            store,
            bot,
            config,
            clock,
            owner: format!("pid{}-{:08x}", std::process::id(), fastrand::u32(..)),
            wake: Arc::new(Notify::new()),
            pacer: Mutex::new(pacer),
        }
    }

    fn pacer(&self) -> MutexGuard<'_, Pacer> {
        self.pacer.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Sends one part: HTML parse mode, link previews off.
async fn send_part<R>(
    bot: &R,
    msg: &OutboxMessage,
) -> Result<teloxide::types::Message, RequestError>
where
    R: Requester<Err = RequestError>,
{
    bot.send_message(ChatId(msg.chat_id), msg.body.clone())
        .parse_mode(ParseMode::Html)
        .link_preview_options(LinkPreviewOptions {
            is_disabled: true,
            url: None,
            prefer_small_media: false,
            prefer_large_media: false,
            show_above_text: false,
        })
        .send()
        .await
}

/// Marks of sent messages still being written; awaited before a step returns.
struct PendingMarks(Vec<tokio::task::JoinHandle<Result<(), StoreError>>>);

impl PendingMarks {
    /// At most this many marks in the air.
    const MAX: usize = 64;

    /// Records `id` as sent without holding up the next send. Safe to lose in a crash: a
    /// message left `sending` becomes `in_doubt` and is never resent — and it was delivered.
    async fn mark_sent(
        &mut self,
        store: &Arc<dyn Store>,
        id: i64,
        message_id: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if self.0.len() >= Self::MAX {
            let oldest = self.0.remove(0);
            join(oldest).await?;
        }
        let store = store.clone();
        self.0.push(tokio::spawn(async move {
            store.mark_sent(id, Some(message_id), at).await
        }));
        Ok(())
    }

    async fn finish(self) -> Result<(), StoreError> {
        let mut first_error = Ok(());
        for handle in self.0 {
            if let Err(e) = join(handle).await
                && first_error.is_ok()
            {
                first_error = Err(e);
            }
        }
        first_error
    }
}

async fn join(handle: tokio::task::JoinHandle<Result<(), StoreError>>) -> Result<(), StoreError> {
    handle
        .await
        .map_err(|e| StoreError::Database(format!("marking a message sent: {e}")))?
}

/// One delivery step at `now`: sends due messages one at a time while the pacer allows, up
/// to [`MAX_PER_STEP`], and records each outcome. `ctx.clock` is read as the step goes (for
/// when sends finish); give it the clock `now` came from.
pub async fn deliver_due<R>(
    ctx: &DeliveryCtx<R>,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, DeliveryError>
where
    R: Requester<Err = RequestError>,
{
    let mut report = DeliveryReport::default();
    let mut marks = PendingMarks(Vec::new());
    let result = steps(ctx, now, &mut report, &mut marks).await;
    let marked = marks.finish().await;
    result?;
    marked?;
    Ok(report)
}

async fn steps<R>(
    ctx: &DeliveryCtx<R>,
    now: DateTime<Utc>,
    report: &mut DeliveryReport,
    marks: &mut PendingMarks,
) -> Result<(), DeliveryError>
where
    R: Requester<Err = RequestError>,
{
    while report.leased < MAX_PER_STEP {
        let now = now.max(ctx.clock.now());
        if let Err(until) = ctx.pacer().global_ready(now) {
            report.paced_until = Some(until);
            return Ok(());
        }
        let Some(msg) = ctx.store.lease_next(now, &ctx.owner, LEASE).await? else {
            return Ok(());
        };
        report.leased += 1;
        let acquired = ctx.pacer().acquire(msg.chat_id, msg.chat_is_group, now);
        let ticket = match acquired {
            Ok(t) => t,
            Err(Wait::Chat(until) | Wait::Global(until)) => {
                ctx.store.defer_outbox(msg.id, until).await?;
                report.deferred += 1;
                continue;
            }
        };
        let result = match msg.photo_id {
            Some(image) => photo::send_photo(&ctx.bot, ctx.store.as_ref(), &msg, image).await?,
            None => send_part(&ctx.bot, &msg).await,
        };
        let done = now.max(ctx.clock.now());
        ctx.pacer().complete(ticket, done);
        match triage::classify(result) {
            Outcome::Sent { message_id } => {
                marks
                    .mark_sent(&ctx.store, msg.id, message_id, done)
                    .await?;
                report.sent += 1;
                crate::ops::metrics::record::digest_part_sent(&msg.period, msg.part, done);
            }
            outcome => record(ctx, &msg, outcome, done, report).await?,
        }
    }
    report.more = true;
    Ok(())
}

/// The wait before attempt `attempts + 1` after a network error.
pub fn backoff(config: &DeliveryConfig, attempts: i64) -> chrono::Duration {
    let base = chrono::Duration::from_std(config.retry_base.0).unwrap_or(MAX_BACKOFF);
    let doublings = attempts.saturating_sub(1).clamp(0, 20) as i32;
    base.checked_mul(2i32.pow(doublings as u32))
        .unwrap_or(MAX_BACKOFF)
        .min(MAX_BACKOFF)
}

async fn record<R>(
    ctx: &DeliveryCtx<R>,
    msg: &OutboxMessage,
    outcome: Outcome,
    at: DateTime<Utc>,
    report: &mut DeliveryReport,
) -> Result<(), DeliveryError> {
    let store = &ctx.store;
    match outcome {
        Outcome::Sent { message_id } => {
            store.mark_sent(msg.id, Some(message_id), at).await?;
            report.sent += 1;
        }
        Outcome::RetryAfter(wait) => {
            let wait = chrono::Duration::from_std(wait).unwrap_or(MAX_BACKOFF);
            let error = format!("429: retry after {}s", wait.num_seconds());
            store.mark_retry(msg.id, at + wait, &error, false).await?;
            ctx.pacer().on_retry_after(msg.chat_id, wait, at);
            tracing::info!(
                chat = msg.chat_id,
                secs = wait.num_seconds(),
                "Telegram asked to wait"
            );
            report.rate_limited += 1;
        }
        Outcome::Gone(reason) => {
            tracing::info!(chat = msg.chat_id, %reason, "chat unreachable: subscriber made inactive");
            store
                .set_subscriber_active(msg.chat_id, false, Some(&reason), at)
                .await?;
            store.mark_failed(msg.id, &reason).await?;
            report.failed += 1 + store.fail_pending_for(msg.subscriber_id, &reason).await? as usize;
            report.deactivated += 1;
        }
        Outcome::Migrated(new_chat) => {
            report.migrated += 1;
            if store.migrate_chat(msg.chat_id, new_chat, at).await? {
                tracing::info!(
                    old = msg.chat_id,
                    new = new_chat,
                    "group moved: delivering to the supergroup"
                );
                store.defer_outbox(msg.id, at).await?;
            } else {
                let reason = format!("group moved to {new_chat}, which is subscribed itself");
                store.mark_failed(msg.id, &reason).await?;
                report.failed +=
                    1 + store.fail_pending_for(msg.subscriber_id, &reason).await? as usize;
            }
        }
        Outcome::Transient(error) => {
            if msg.attempts >= i64::from(ctx.config.max_attempts) {
                tracing::warn!(id = msg.id, chat = msg.chat_id, %error, "giving up after {} attempts", msg.attempts);
                store.mark_failed(msg.id, &error).await?;
                report.failed += 1;
            } else {
                let next = at + backoff(&ctx.config, msg.attempts);
                tracing::info!(id = msg.id, chat = msg.chat_id, attempt = msg.attempts, %error, retry_at = %next, "send failed; retrying");
                store.mark_retry(msg.id, next, &error, true).await?;
                report.retried += 1;
            }
        }
        Outcome::Rejected(error) => {
            tracing::error!(id = msg.id, chat = msg.chat_id, %error, "Telegram refused a digest message (a bug)");
            store.mark_failed(msg.id, &error).await?;
            report.failed += 1;
        }
        Outcome::Unauthorized(error) => {
            store
                .defer_outbox(msg.id, at + chrono::Duration::minutes(1))
                .await?;
            return Err(DeliveryError::Unauthorized(error));
        }
    }
    Ok(())
}
