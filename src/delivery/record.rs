//! What the worker writes after an answer that is not "sent": a 429 wait, a chat gone for
//! good, a group moved, a network error retried with backoff, a refused message, a refused
//! token.

use super::triage::Outcome;
use super::{DeliveryCtx, DeliveryError, DeliveryReport};
use crate::config::DeliveryConfig;
use crate::store::OutboxMessage;
use chrono::{DateTime, Utc};

/// The longest wait between two attempts after network errors.
const MAX_BACKOFF: chrono::Duration = chrono::Duration::hours(1);

/// The wait before attempt `attempts + 1` after a network error.
pub fn backoff(config: &DeliveryConfig, attempts: i64) -> chrono::Duration {
    let base = chrono::Duration::from_std(config.retry_base.0).unwrap_or(MAX_BACKOFF);
    let doublings = attempts.saturating_sub(1).clamp(0, 20) as i32;
    base.checked_mul(2i32.pow(doublings as u32))
        .unwrap_or(MAX_BACKOFF)
        .min(MAX_BACKOFF)
}

/// Writes what `outcome` means for `msg`, leased and answered at `at`.
pub(super) async fn record<S>(
    ctx: &DeliveryCtx<S>,
    msg: &OutboxMessage,
    outcome: Outcome,
    at: DateTime<Utc>,
    report: &mut DeliveryReport,
) -> Result<(), DeliveryError> {
    let store = &ctx.store;
    match outcome {
        // Written the moment the answer arrived, before anything else (see `steps`).
        Outcome::Sent { .. } => {}
        Outcome::RetryAfter(wait) => {
            let wait = chrono::Duration::from_std(wait).unwrap_or(MAX_BACKOFF);
            let error = format!("429: retry after {}s", wait.num_seconds());
            store.mark_retry(msg.id, at + wait, &error, false).await?;
            ctx.gate().on_retry_after(msg.chat_id, wait, at);
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
