//! The loops around [`deliver_due`]: [`run_delivery`] for the bot (until shutdown) and
//! [`drain_outbox`] for the command line (until nothing deliverable is left). Both look for
//! sends left in flight by a stopped sender regularly (see [`recover`]).

use super::{DeliveryCtx, DeliveryError, DeliveryReport, Sender, deliver_due, recover};
use crate::shutdown::Shutdown;
use crate::storage::{Backoff, log_store_error};
use chrono::{DateTime, Duration, Utc};

/// Longest sleep when nothing is due (new digests also wake the loop through `ctx.wake`).
const IDLE: Duration = Duration::seconds(5);
/// Sleep after a step that found nothing although something is due (another worker took it),
/// so the loop never spins.
const NOTHING_SENDABLE: Duration = Duration::milliseconds(500);
/// How often expired leases are looked for while running.
const RESOLVE_EVERY: Duration = Duration::minutes(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Until {
    Shutdown,
    Drained,
}

async fn sleep_until<S>(ctx: &DeliveryCtx<S>, shutdown: &Shutdown, at: DateTime<Utc>) {
    let wait = (at - ctx.clock.now()).clamp(Duration::zero(), IDLE);
    let wait = wait.to_std().unwrap_or_default();
    tokio::select! {
        _ = tokio::time::sleep(wait) => {}
        _ = ctx.wake.notified() => {}
        _ = shutdown.wait() => {}
    }
}

/// What the loop does after a step.
enum Next {
    Continue,
    SleepUntil(DateTime<Utc>),
    Done,
}

async fn step<S: Sender>(
    ctx: &DeliveryCtx<S>,
    until: Until,
    total: &mut DeliveryReport,
    last_resolve: &mut Option<DateTime<Utc>>,
) -> Result<Next, DeliveryError> {
    let now = ctx.clock.now();
    if last_resolve.is_none_or(|t| now - t >= RESOLVE_EVERY || t > now) {
        recover(ctx, now, false).await?;
        *last_resolve = Some(now);
    }
    let step = deliver_due(ctx, now).await?;
    total.add(&step);
    crate::ops::metrics::record::delivery(&step);
    if step.more {
        return Ok(Next::Continue);
    }
    if let Some(at) = step.paced_until {
        return Ok(Next::SleepUntil(at));
    }
    let now = ctx.clock.now();
    Ok(match ctx.store.next_sendable_at().await? {
        None if until == Until::Drained => Next::Done,
        None => Next::SleepUntil(now + IDLE),
        // Due now but the step took nothing (another worker did): don't spin.
        Some(due) if due <= now && step.leased == 0 => Next::SleepUntil(now + NOTHING_SENDABLE),
        Some(due) if due <= now => Next::Continue,
        Some(due) => Next::SleepUntil(due.min(now + IDLE)),
    })
}

async fn run<S: Sender>(
    ctx: &DeliveryCtx<S>,
    shutdown: &Shutdown,
    until: Until,
) -> Result<DeliveryReport, DeliveryError> {
    let mut total = DeliveryReport::default();
    let mut last_resolve: Option<DateTime<Utc>> = None;
    let mut backoff = Backoff::new(std::time::Duration::from_secs(60));
    while !shutdown.is_triggered() {
        match step(ctx, until, &mut total, &mut last_resolve).await {
            Ok(next) => {
                backoff.succeed();
                match next {
                    Next::Continue => {}
                    Next::SleepUntil(at) => sleep_until(ctx, shutdown, at).await,
                    Next::Done => break,
                }
            }
            Err(e) if until == Until::Drained => return Err(e),
            Err(e) => {
                let wait = backoff.fail();
                match &e {
                    // Reported by the storage's health, once per outage.
                    DeliveryError::Store(s) => log_store_error(s, "delivery step failed; retrying"),
                    _ => {
                        tracing::error!(error = %e, secs = wait.as_secs(), "delivery step failed; retrying")
                    }
                }
                let _ = shutdown.sleep(wait).await;
            }
        }
    }
    Ok(total)
}

/// Delivers until `shutdown`: the bot's delivery loop. Starts with [`recover`] for a process
/// just started; errors are logged and retried.
pub async fn run_delivery<S: Sender>(ctx: &DeliveryCtx<S>, shutdown: &Shutdown) -> DeliveryReport {
    match recover(ctx, ctx.clock.now(), true).await {
        Ok(_) => {}
        Err(DeliveryError::Store(e)) => log_store_error(
            &e,
            "cannot resolve sends left in flight yet; retried every minute",
        ),
        Err(e) => {
            tracing::warn!(error = %e, "cannot resolve sends left in flight yet; retried every minute")
        }
    }
    match run(ctx, shutdown, Until::Shutdown).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "delivery stopped");
            DeliveryReport::default()
        }
    }
}

/// Delivers until no message can be sent any more (every one sent or failed, or in doubt with
/// `in_doubt = "skip"`; ones waiting for a retry are waited for), or `shutdown`. Call
/// [`recover`] first.
pub async fn drain_outbox<S: Sender>(
    ctx: &DeliveryCtx<S>,
    shutdown: &Shutdown,
) -> Result<DeliveryReport, DeliveryError> {
    run(ctx, shutdown, Until::Drained).await
}
