//! Delivery: the outbox worker. [`deliver_due`] is one step — lease what is due, one message
//! at a time, pace it, send it with teloxide, record the outcome — and [`run_delivery`] is
//! the thin loop around it.
//!
//! A message is marked `sending` (leased, committed) just before its HTTP request, only one
//! request is in flight at a time, and Telegram's answer (the message id and the `sent` mark,
//! one write) is recorded the moment it arrives, before anything else. So a crash leaves at
//! most one message whose fate is unknown; it becomes `in_doubt` and, by default, is sent
//! again with a marker (see [`recover`] and `docs/delivery.md`).

pub mod bot;
mod ctx;
pub mod gate;
pub mod pace;
mod photo;
mod record;
mod recover;
mod run;
pub mod sender;
pub mod triage;

pub use ctx::DeliveryCtx;
pub use gate::Gate;
pub use record::backoff;
pub use recover::{Recovery, recover};
pub use run::{drain_outbox, run_delivery};
pub use sender::Sender;

use crate::store::StoreError;
use chrono::{DateTime, Utc};
use ctx::Answer;
use pace::Wait;
use triage::Outcome;

/// A message leased but not finished within this long is taken to belong to a dead process.
pub const LEASE: std::time::Duration = std::time::Duration::from_secs(120);
/// Messages handled in one step at most, so the loop checks for shutdown regularly.
pub const MAX_PER_STEP: usize = 1_000;

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
    /// Of `sent`: messages sent again after being found in doubt, each with the marker.
    pub resent: usize,
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
        self.resent += o.resent;
        self.rate_limited += o.rate_limited;
        self.retried += o.retried;
        self.deactivated += o.deactivated;
        self.migrated += o.migrated;
        self.failed += o.failed;
        self.deferred += o.deferred;
    }
}

/// One delivery step at `now`: writes any answer not yet recorded, then sends due messages
/// one at a time while the pacer allows, up to [`MAX_PER_STEP`], and records each outcome.
/// `ctx.clock` is read as the step goes (for when sends finish); give it the clock `now` came
/// from.
pub async fn deliver_due<S: Sender>(
    ctx: &DeliveryCtx<S>,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, DeliveryError> {
    ctx.write_answers().await?;
    let mut report = DeliveryReport::default();
    while report.leased < MAX_PER_STEP {
        if ctx.stopping() {
            return Ok(report);
        }
        let now = now.max(ctx.clock.now());
        if let Err(until) = ctx.gate().global_ready(now) {
            report.paced_until = Some(until);
            return Ok(report);
        }
        let Some(msg) = ctx.store.lease_next(now, &ctx.owner, LEASE).await? else {
            return Ok(report);
        };
        report.leased += 1;
        let acquired = ctx.gate().try_acquire(msg.chat_id, msg.chat_is_group, now);
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
            None => sender::send_part(&ctx.bot, &msg).await,
        };
        let done = now.max(ctx.clock.now());
        // The answer first: until it is written, a crash leaves this message in doubt.
        let recorded = match &result {
            Ok(message_id) => {
                let answer = Answer {
                    id: msg.id,
                    message_id: *message_id,
                    at: done,
                };
                ctx.record_answer(answer).await
            }
            Err(_) => Ok(()),
        };
        ctx.gate().complete_at(ticket, done);
        recorded?;
        match triage::classify(result) {
            Outcome::Sent { .. } => {
                report.sent += 1;
                report.resent += usize::from(msg.resends > 0);
                crate::ops::metrics::record::digest_part_sent(&msg.period, msg.part, done);
            }
            outcome => record::record(ctx, &msg, outcome, done, &mut report).await?,
        }
    }
    report.more = true;
    Ok(report)
}
