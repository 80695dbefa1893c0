//! The polling loop: a cycle over due sources, then a sleep until the next source is due
//! (at most a minute, so sources added meanwhile are seen), until shutdown. On shutdown the
//! cycle in flight gets a short grace period; anything cut off comes due again after its lease.

use super::{PollContext, PollOutcome, PollReport, poll_due};
use crate::clock::Clock;
use crate::shutdown::Shutdown;
use crate::storage::Backoff;
use std::time::Duration;

/// Longest sleep between cycles (shorter when `poll.min_interval` is).
const MAX_SLEEP: Duration = Duration::from_secs(60);
/// Shortest sleep between cycles, so a store failure cannot spin the loop.
const MIN_SLEEP: Duration = Duration::from_millis(500);
/// How long a cycle in flight may still run after shutdown is asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

fn log_report(r: &PollReport) {
    match &r.outcome {
        PollOutcome::Ok if !r.new_item_ids.is_empty() => tracing::info!(
            source = r.source_id,
            name = %r.source_name,
            new = r.new_item_ids.len(),
            seen = r.entries_seen,
            "polled"
        ),
        PollOutcome::Ok | PollOutcome::NotModified => {
            tracing::debug!(source = r.source_id, name = %r.source_name, "polled, nothing new")
        }
        PollOutcome::Error(e) => {
            tracing::warn!(source = r.source_id, name = %r.source_name, error = %e, "poll failed")
        }
        // The storage's health reports the outage, once.
        PollOutcome::NotStored(e) => {
            tracing::debug!(source = r.source_id, name = %r.source_name, error = %e, "poll not stored")
        }
        PollOutcome::Paused(e) => tracing::error!(
            source = r.source_id,
            name = %r.source_name,
            error = %e,
            "source paused after repeated errors; resume it with `claimwatch sources resume`"
        ),
    }
}

/// Polls until `shutdown` fires, logging each report.
pub async fn run_pollers(ctx: &PollContext, clock: &dyn Clock, shutdown: &Shutdown) {
    run_pollers_with(ctx, clock, shutdown, |_| {}).await
}

/// Polls until `shutdown` fires, handing each cycle's reports to `on_reports` (the pipeline
/// classifies and clusters the new item ids).
pub async fn run_pollers_with(
    ctx: &PollContext,
    clock: &dyn Clock,
    shutdown: &Shutdown,
    mut on_reports: impl FnMut(Vec<PollReport>) + Send,
) {
    // While the storage is unavailable: 1 s, 2 s, … between cycles (at most the clamp below).
    let mut backoff = Backoff::new(MAX_SLEEP);
    while !shutdown.is_triggered() {
        match poll_step(ctx, clock, shutdown, &mut backoff, &mut on_reports).await {
            StepOutcome::Wait(wait) => {
                if !shutdown.sleep(wait).await {
                    break;
                }
            }
            StepOutcome::CutOff => return,
        }
    }
}

/// What one step of the loop came to.
enum StepOutcome {
    /// The cycle ran: the next one starts after this wait (or at shutdown, not at all).
    Wait(Duration),
    /// Shutdown came with polls still in flight after the grace period.
    CutOff,
}

/// One step: a cycle over the due sources, its reports logged and handed on, and the wait
/// until the next source is due.
async fn poll_step(
    ctx: &PollContext,
    clock: &dyn Clock,
    shutdown: &Shutdown,
    backoff: &mut Backoff,
    on_reports: &mut (impl FnMut(Vec<PollReport>) + Send),
) -> StepOutcome {
    let Some(reports) = poll_cycle(ctx, clock, shutdown).await else {
        tracing::warn!("shutting down with polls in flight; they will be retried");
        return StepOutcome::CutOff;
    };
    reports.iter().for_each(log_report);
    let stored = !reports
        .iter()
        .any(|r| matches!(r.outcome, PollOutcome::NotStored(_)));
    if !reports.is_empty() {
        on_reports(reports);
    }
    let wait = next_wait(ctx, clock, backoff, stored).await;
    // Never longer than the shortest interval: another instance may hold leases that make
    // the next due time look far away, and sources it polls come due again after that.
    let longest = MAX_SLEEP.min(ctx.poll.min_interval.0).max(MIN_SLEEP);
    StepOutcome::Wait(wait.clamp(MIN_SLEEP, longest))
}

/// A cycle over the due sources; on shutdown it gets [`SHUTDOWN_GRACE`] to finish, and is
/// `None` when it does not.
async fn poll_cycle(
    ctx: &PollContext,
    clock: &dyn Clock,
    shutdown: &Shutdown,
) -> Option<Vec<PollReport>> {
    let cycle = poll_due(ctx, clock.now());
    tokio::pin!(cycle);
    tokio::select! {
        reports = &mut cycle => Some(reports),
        _ = shutdown.wait() => tokio::time::timeout(SHUTDOWN_GRACE, &mut cycle).await.ok(),
    }
}

/// Until the next source is due (at most [`MAX_SLEEP`] when none is); while the storage fails
/// (or a cycle's results were not `stored`), the backoff's next delay instead.
async fn next_wait(
    ctx: &PollContext,
    clock: &dyn Clock,
    backoff: &mut Backoff,
    stored: bool,
) -> Duration {
    match ctx.store.next_check_due().await {
        Ok(Some(next)) if stored => {
            backoff.succeed();
            (next - clock.now()).to_std().unwrap_or(Duration::ZERO)
        }
        Ok(None) if stored => {
            backoff.succeed();
            MAX_SLEEP
        }
        Ok(_) => backoff.fail(),
        Err(e) => {
            crate::storage::log_store_error(&e, "cannot read the next check time");
            backoff.fail()
        }
    }
}
