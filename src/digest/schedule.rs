//! When digests are due, and enqueuing them. [`schedule_due`] is one step: subscribers
//! without a digest time get the next local occurrence of theirs; every subscriber whose time
//! has come gets their digest composed and enqueued — outbox rows, delivered stories, the
//! period's end and the next time, in one transaction — keyed by the scheduled instant, so a
//! step that runs twice enqueues once. The next time is the first occurrence strictly after
//! now: a digest missed while the bot was down is caught up once, not once per missed day.

use super::{ComposedDigest, DigestError, compose, subscriber_tz};
use crate::clock::Clock;
use crate::config::Config;
use crate::model::Subscriber;
use crate::shutdown::Shutdown;
use crate::store::{DigestEnqueue, Store, SubscriberUpdate};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::Notify;

/// Subscribers read per query.
const BATCH: i64 = 200;
/// How often the loop looks for due digests.
pub const TICK: std::time::Duration = std::time::Duration::from_secs(15);
/// A digest that could not be composed is tried again this much later.
const RETRY_FAILED: Duration = Duration::minutes(5);

/// What the scheduler needs.
pub struct ScheduleCtx {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    /// Notified after digests are enqueued (delivery's `ctx.wake`).
    pub enqueued: Arc<Notify>,
}

/// What one step did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleReport {
    /// Subscribers given their first digest time.
    pub scheduled: usize,
    /// Digests written to the outbox (a skipped quiet day counts, with no message).
    pub enqueued: usize,
    /// Outbox messages written.
    pub messages: usize,
    /// Quiet days with nothing to send (`quiet_day = "skip"`).
    pub skipped_quiet: usize,
    /// Digests already enqueued for their period (nothing written twice).
    pub already_enqueued: usize,
    /// Digests that could not be composed; tried again later.
    pub failed: usize,
}

/// The outbox period of a digest scheduled at `at`: with the subscriber, its idempotency key.
pub fn period_key(at: DateTime<Utc>) -> String {
    format!("digest:{}", at.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// The subscriber's next digest strictly after `after`, in their zone, across DST changes.
/// The bot sets `next_digest_at` to this after a change of time or zone (or to NULL, and
/// the scheduler computes it).
pub fn next_digest_at(sub: &Subscriber, cfg: &Config, after: DateTime<Utc>) -> DateTime<Utc> {
    subscriber_tz(sub, cfg).next_occurrence(sub.digest_time, after)
}

async fn set_next(
    store: &dyn Store,
    sub: &Subscriber,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DigestError> {
    let update = SubscriberUpdate {
        next_digest_at: Some(Some(at)),
        ..SubscriberUpdate::default()
    };
    store.update_subscriber(sub.chat_id, &update, now).await?;
    Ok(())
}

async fn enqueue_one(
    ctx: &ScheduleCtx,
    sub: &Subscriber,
    now: DateTime<Utc>,
    report: &mut ScheduleReport,
) -> Result<(), DigestError> {
    let store = ctx.store.as_ref();
    let scheduled = sub.next_digest_at.unwrap_or(now);
    let next = next_digest_at(sub, &ctx.config, now);
    let digest = match compose(store, &ctx.config, sub, now).await {
        Ok(d) => d,
        Err(e) => {
            tracing::error!(chat = sub.chat_id, error = %e, "cannot compose a digest; trying again later");
            report.failed += 1;
            return set_next(store, sub, now + RETRY_FAILED, now).await;
        }
    };
    let period = period_key(scheduled);
    if !enqueue(store, sub, period, digest, Some(next), now, report).await? {
        set_next(store, sub, next, now).await?;
    }
    Ok(())
}

/// Writes `digest` to the outbox under `period` and counts it in `report`; `false` when this
/// subscriber's digest of that period was already enqueued (nothing is written twice).
pub(super) async fn enqueue(
    store: &dyn Store,
    sub: &Subscriber,
    period: String,
    digest: ComposedDigest,
    next_digest_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    report: &mut ScheduleReport,
) -> Result<bool, DigestError> {
    let parts = digest.parts.len();
    let enqueue = DigestEnqueue {
        subscriber_id: sub.id,
        period,
        parts: digest.parts,
        story_ids: digest.story_ids,
        photo: digest.photo,
        period_end: digest.period_end,
        next_digest_at,
    };
    let written = store.enqueue_digest(&enqueue, now).await?;
    if written {
        report.enqueued += 1;
        report.messages += parts;
        if parts == 0 {
            report.skipped_quiet += 1;
        }
    } else {
        report.already_enqueued += 1;
    }
    Ok(written)
}

/// One scheduler step at `now`.
pub async fn schedule_due(
    ctx: &ScheduleCtx,
    now: DateTime<Utc>,
) -> Result<ScheduleReport, DigestError> {
    let store = ctx.store.as_ref();
    let mut report = ScheduleReport::default();
    let mut seen = HashSet::new();
    loop {
        let batch = store.unscheduled_subscribers(BATCH).await?;
        let fresh: Vec<Subscriber> = batch.into_iter().filter(|s| seen.insert(s.id)).collect();
        if fresh.is_empty() {
            break;
        }
        for sub in &fresh {
            let at = next_digest_at(sub, &ctx.config, now);
            if store.schedule_first_digest(sub.chat_id, at, now).await? {
                report.scheduled += 1;
            }
        }
    }
    seen.clear();
    loop {
        let due = store.due_subscribers(now, BATCH).await?;
        let fresh: Vec<Subscriber> = due.into_iter().filter(|s| seen.insert(s.id)).collect();
        if fresh.is_empty() {
            break;
        }
        for sub in &fresh {
            enqueue_one(ctx, sub, now, &mut report).await?;
        }
    }
    if report.messages > 0 {
        ctx.enqueued.notify_one();
    }
    Ok(report)
}

/// Runs [`schedule_due`] every [`TICK`] until `shutdown`.
pub async fn run_scheduler(ctx: &ScheduleCtx, clock: &dyn Clock, shutdown: &Shutdown) {
    while !shutdown.is_triggered() {
        match schedule_due(ctx, clock.now()).await {
            Ok(r) if r.enqueued + r.scheduled + r.failed > 0 => {
                tracing::info!(
                    enqueued = r.enqueued,
                    messages = r.messages,
                    scheduled = r.scheduled,
                    failed = r.failed,
                    "digests scheduled"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "scheduler step failed"),
        }
        if !shutdown.sleep(TICK).await {
            break;
        }
    }
}
