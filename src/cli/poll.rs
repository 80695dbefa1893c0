//! `claimwatch poll [--once]`: with `--once`, poll every source that is not paused (due or
//! not), print one summary line per source and exit; without it, poll due sources until
//! SIGINT or SIGTERM.

use super::{CliError, PollArgs};
use crate::clock::SystemClock;
use crate::config::Config;
use crate::shutdown::Shutdown;
use crate::sources::{PollContext, PollOutcome, poll_sources, run_pollers};
use anyhow::anyhow;
use chrono::Utc;

pub async fn run(config: &Config, args: PollArgs) -> Result<(), CliError> {
    let store = super::open_store(config).await?;
    let ctx = PollContext::new(store.clone(), config).map_err(|e| CliError::Other(anyhow!(e)))?;
    if args.once {
        let sources: Vec<_> = store
            .list_sources()
            .await?
            .into_iter()
            .filter(|s| !s.paused)
            .collect();
        if sources.is_empty() {
            println!("no sources to poll; add one with `claimwatch sources add URL|@channel`");
        }
        let mut reports = poll_sources(&ctx, sources, Utc::now()).await;
        reports.sort_by_key(|r| r.source_id);
        let (mut new, mut failed) = (0, 0);
        for r in &reports {
            println!("{r}");
            new += r.new_item_ids.len();
            failed += usize::from(r.outcome.is_failure());
            if let PollOutcome::Paused(_) = r.outcome {
                eprintln!(
                    "note: source {} is paused; `claimwatch sources resume {}` after fixing it",
                    r.source_id, r.source_id
                );
            }
        }
        println!(
            "polled {} sources: {} new items, {} failed",
            reports.len(),
            new,
            failed
        );
    } else {
        let shutdown = Shutdown::new();
        shutdown.listen_for_signals();
        tracing::info!("polling until SIGINT or SIGTERM");
        run_pollers(&ctx, &SystemClock, &shutdown).await;
    }
    store.close().await;
    Ok(())
}
