//! `claimwatch digest --send-now | --deliver`: the digests go out at the one pace of the
//! database. When a running instance holds the `sender` role, the work is handed to it (this
//! command enqueues, then waits for the outbox to empty); otherwise this command takes the
//! role itself for as long as it sends, so no `run` sends beside it. SIGTERM or SIGINT stops it
//! after the message in flight; the rest stays queued for the next run.

use super::{CliError, DigestArgs};
use crate::app::role::{Role, holder_is_dead_here, instance_id, with_role};
use crate::clock::{Clock, SystemClock};
use crate::config::{Config, InDoubt};
use crate::delivery::{self, DeliveryCtx, DeliveryReport, bot::bot_from_env};
use crate::digest::manual;
use crate::shutdown::Shutdown;
use crate::store::Store;
use anyhow::anyhow;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use teloxide::Bot;

/// How often a command that handed its work over looks at the outbox.
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

fn other(e: impl std::fmt::Display) -> CliError {
    CliError::Other(anyhow!(e.to_string()))
}

pub async fn send(config: &Config, args: &DigestArgs) -> Result<(), CliError> {
    let bot =
        bot_from_env(delivery::bot::SEND_TIMEOUT).map_err(|e| CliError::Usage(e.to_string()))?;
    let store = super::open_store(config).await?;
    let clock = SystemClock;
    let now = clock.now();
    let shutdown = Shutdown::new();
    shutdown.listen_for_signals();
    if args.send_now {
        let period = manual::manual_period(args.period.as_deref(), now);
        let r = manual::enqueue_now(store.as_ref(), config, &period, now)
            .await
            .map_err(other)?;
        println!(
            "{period}: enqueued {} digest(s), {} message(s); {} already enqueued; {} quiet and skipped",
            r.enqueued, r.messages, r.already_enqueued, r.skipped_quiet
        );
    }
    let role = Role {
        name: "sender",
        ttl: config.run.lease_ttl.0,
        keep_through_faults: false,
    };
    let owner = format!("cli:{}", instance_id());
    let outcome = loop {
        let work = |lost: Shutdown| deliver(config, &store, bot.clone(), &owner, &shutdown, lost);
        match with_role(store.as_ref(), &role, &owner, &clock, work)
            .await
            .map_err(other)?
        {
            Some(result) => break Some(result),
            None if handed_over(store.as_ref(), &shutdown, &clock).await? => break None,
            // The holder let the role go with messages left: take it.
            None => continue,
        }
    };
    let summary = summarize(store.as_ref(), clock.now()).await;
    store.close().await;
    if let Some(result) = outcome {
        let r = result?;
        println!(
            "sent {} message(s), {} of them resent after a crash (marked); {} failed; {} chat(s) made inactive; {} migrated; {} 429 wait(s); {}",
            r.sent, r.resent, r.failed, r.deactivated, r.migrated, r.rate_limited, summary
        );
    } else {
        println!("{summary}");
    }
    if shutdown.is_triggered() {
        println!("stopped by a signal: `claimwatch digest --deliver` finishes the delivery");
    }
    Ok(())
}

/// Holding the sender role: resolves what a stopped sender left in flight, then sends until
/// the outbox is drained, a signal comes (`shutdown`) or the role is lost.
async fn deliver(
    config: &Config,
    store: &Arc<dyn Store>,
    bot: Bot,
    owner: &str,
    shutdown: &Shutdown,
    lost: Shutdown,
) -> Result<DeliveryReport, CliError> {
    let forward = {
        let (signal, lost) = (shutdown.clone(), lost.clone());
        tokio::spawn(async move {
            signal.wait().await;
            lost.trigger();
        })
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let ctx = DeliveryCtx::new(store.clone(), bot, config.delivery.clone(), clock.clone())
        .in_sender_role(owner)
        .with_stop(lost.clone());
    let result = async {
        let found = delivery::recover(&ctx, clock.now(), true)
            .await
            .map_err(other)?;
        if found.in_doubt > 0 {
            let what = match config.delivery.in_doubt {
                InDoubt::Resend => "in doubt: sent again, marked as resent",
                InDoubt::Skip => "marked in_doubt, not resent (delivery.in_doubt = \"skip\")",
            };
            println!(
                "{} message(s) were in flight when the last run stopped: {what}",
                found.in_doubt
            );
        }
        delivery::drain_outbox(&ctx, &lost).await.map_err(other)
    }
    .await;
    forward.abort();
    result
}

/// Another process holds the sender role: it sends. Waits until nothing is left to send
/// (true), a signal (true: the holder goes on), or the role is free with messages left
/// (false: take it).
async fn handed_over(
    store: &dyn Store,
    shutdown: &Shutdown,
    clock: &dyn Clock,
) -> Result<bool, CliError> {
    let mut told = false;
    loop {
        let holder = store
            .lease_holder("sender", clock.now())
            .await
            .map_err(other)?;
        let left = store.next_sendable_at().await.map_err(other)?;
        match (holder, left) {
            (_, None) => return Ok(true),
            (None, Some(_)) => return Ok(false),
            // Killed before it could let the role go: take it now rather than after its lease.
            (Some(holder), Some(_)) if holder_is_dead_here(&holder) => {
                store
                    .release_lease("sender", &holder)
                    .await
                    .map_err(other)?;
                return Ok(false);
            }
            (Some(holder), Some(_)) if !told => {
                println!(
                    "{holder} holds the sender role: it delivers the messages at the shared pace; waiting for the outbox to empty (a signal stops the waiting, not the delivery)"
                );
                told = true;
            }
            (Some(_), Some(_)) => {}
        }
        if !shutdown.sleep(WATCH_EVERY).await {
            return Ok(true);
        }
    }
}

async fn summarize(store: &dyn Store, now: DateTime<Utc>) -> String {
    match store.stats(now - Duration::days(1)).await {
        Ok(s) => format!(
            "outbox: {} pending, {} in doubt, {} resent after a crash in the last day",
            s.pending, s.in_doubt, s.resent_since
        ),
        Err(e) => format!("outbox counts unavailable: {e}"),
    }
}
