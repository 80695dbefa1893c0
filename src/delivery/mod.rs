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
mod report;
mod run;
pub mod sender;
pub mod triage;

pub use ctx::DeliveryCtx;
pub use gate::Gate;
pub use record::backoff;
pub use recover::{Recovery, recover};
pub use report::{DeliveryError, DeliveryReport};
pub use run::{drain_outbox, run_delivery};
pub use sender::Sender;

use chrono::{DateTime, Utc};
use ctx::Answer;
use pace::Wait;
use triage::Outcome;

/// A message leased but not finished within this long is taken to belong to a dead process.
pub const LEASE: std::time::Duration = std::time::Duration::from_secs(120);
/// Messages handled in one step at most, so the loop checks for shutdown regularly.
pub const MAX_PER_STEP: usize = 1_000;

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
