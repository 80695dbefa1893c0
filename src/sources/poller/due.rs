//! One polling cycle: lease the due sources a few at a time and poll them concurrently, each
//! in its own task with its own deadline, so a slow or broken source never holds up the
//! others (their items are stored as soon as each finishes). The fetcher's global and
//! per-host limits decide how many requests actually run at once.

use super::step::{poll_source, record_failure};
use super::{PollContext, PollOutcome, PollReport};
use crate::model::Source;
use chrono::{DateTime, Utc};
use futures::stream::{FuturesUnordered, StreamExt};
use std::time::Instant;
use tokio::task::JoinHandle;

/// Polls `source` in a task of its own, bounded by the context's poll deadline.
fn spawn_poll(ctx: &PollContext, source: Source, now: DateTime<Utc>) -> JoinHandle<PollReport> {
    let ctx = ctx.clone();
    tokio::spawn(async move {
        let started = Instant::now();
        let deadline = ctx.poll_deadline();
        match tokio::time::timeout(deadline, poll_source(&ctx, &source, now)).await {
            Ok(report) => report,
            Err(_) => {
                let mut report = PollReport::empty(&source, now);
                report.error_kind = Some("deadline");
                let message = format!("poll took longer than {}s", deadline.as_secs());
                record_failure(&ctx, &source, &mut report, &message, None, now).await;
                report.elapsed = started.elapsed();
                report
            }
        }
    })
}

/// Spawns the poll of `source` and pairs its result with what is needed to report a task
/// that panicked (a bug, never outside input): such a source comes due again when its
/// lease ends.
fn track(
    ctx: &PollContext,
    source: Source,
    now: DateTime<Utc>,
) -> impl std::future::Future<Output = PollReport> + use<> {
    let mut fallback = PollReport::empty(&source, now);
    let handle = spawn_poll(ctx, source, now);
    async move {
        handle.await.unwrap_or_else(|e| {
            tracing::error!(source = fallback.source_id, error = %e, "a poll task failed");
            fallback.outcome = PollOutcome::Error(format!("poll task failed: {e}"));
            fallback.error_kind = Some("internal");
            fallback
        })
    }
}

/// Polls every due source once, concurrently, and returns one report per source polled, in
/// the order they finished. Sources coming due while the cycle runs are taken too.
pub async fn poll_due(ctx: &PollContext, now: DateTime<Utc>) -> Vec<PollReport> {
    let started = Instant::now();
    let window = ctx.fetcher.limits().concurrency.max(1) * 2;
    let mut running = FuturesUnordered::new();
    let mut reports = Vec::new();
    let mut exhausted = false;
    loop {
        if !exhausted && running.len() < window {
            let at = now + chrono::Duration::from_std(started.elapsed()).unwrap_or_default();
            let want = i64::try_from(window - running.len()).unwrap_or(1);
            match ctx.store.lease_due_sources(at, ctx.lease(), want).await {
                Ok(batch) if batch.is_empty() => exhausted = true,
                Ok(batch) => {
                    for s in batch {
                        running.push(track(ctx, s, at));
                    }
                    continue;
                }
                Err(e) => {
                    crate::storage::log_store_error(&e, "cannot lease due sources");
                    exhausted = true;
                }
            }
        }
        match running.next().await {
            Some(report) => reports.push(report),
            None => break,
        }
    }
    reports
}

/// Polls the given sources once each (due or not), concurrently, without leasing: for
/// `claimwatch poll --once`.
pub async fn poll_sources(
    ctx: &PollContext,
    sources: Vec<Source>,
    now: DateTime<Utc>,
) -> Vec<PollReport> {
    let running: FuturesUnordered<_> = sources.into_iter().map(|s| track(ctx, s, now)).collect();
    running.collect().await
}
