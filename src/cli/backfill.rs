//! `claimwatch backfill SOURCE --limit N`: a Telegram channel's older posts, page by page,
//! with a progress bar on stderr. Ctrl-C (or SIGTERM) stops after the page in flight; the
//! next run resumes from the saved cursor.

use super::{BackfillArgs, CliError};
use crate::clock::SystemClock;
use crate::config::Config;
use crate::shutdown::Shutdown;
use crate::sources::PollContext;
use crate::sources::backfill::{BackfillEnd, BackfillOptions, BackfillProgress, backfill};
use anyhow::anyhow;
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// Pause between pages: gentle with Telegram's servers.
const PAGE_DELAY: Duration = Duration::from_millis(1500);
const BAR_WIDTH: usize = 30;

/// One progress line: `[#######.......]  120/500 posts  (37 new)  page 6  before #70989`.
pub fn progress_line(p: &BackfillProgress) -> String {
    let limit = p.limit.max(1);
    let filled = (p.posts.min(limit) * BAR_WIDTH) / limit;
    format!(
        "[{}{}] {:>5}/{} posts ({} new), page {}{}",
        "#".repeat(filled),
        ".".repeat(BAR_WIDTH - filled),
        p.posts,
        p.limit,
        p.new,
        p.pages,
        p.cursor
            .map(|c| format!(", next before #{c}"))
            .unwrap_or_default()
    )
}

pub async fn run(config: &Config, args: BackfillArgs) -> Result<(), CliError> {
    let store = super::open_store(config).await?;
    let source = super::sources::find_source(store.as_ref(), &args.source).await?;
    let ctx = PollContext::new(store.clone(), config).map_err(|e| CliError::Other(anyhow!(e)))?;
    let shutdown = Shutdown::new();
    shutdown.listen_for_signals();
    let terminal = std::io::stderr().is_terminal();
    if let Some(cursor) = &source.backfill_cursor {
        eprintln!(
            "resuming {} before post #{cursor}",
            crate::sources::poller::source_label(&source)
        );
    }
    let mut draw = |p: &BackfillProgress| {
        let mut err = std::io::stderr();
        let line = progress_line(p);
        let _ = if terminal {
            write!(err, "\r{line}")
        } else {
            writeln!(err, "{line}")
        };
        let _ = err.flush();
    };
    let options = BackfillOptions {
        limit: args.limit,
        page_delay: PAGE_DELAY,
    };
    let report = backfill(&ctx, &source, options, &SystemClock, &shutdown, &mut draw)
        .await
        .map_err(|e| CliError::Usage(e.to_string()))?;
    if terminal {
        eprintln!();
    }
    store.close().await;
    let p = &report.progress;
    let summary = format!(
        "{}: {} posts read, {} new, {} pages",
        crate::sources::poller::source_label(&source),
        p.posts,
        p.new,
        p.pages
    );
    match report.end {
        BackfillEnd::Limit => println!("{summary}; stopped at --limit {}", args.limit),
        BackfillEnd::NoOlderPosts => println!("{summary}; reached the channel's first post"),
        BackfillEnd::Interrupted => {
            println!("{summary}; interrupted: run the same command again to resume")
        }
        BackfillEnd::Failed(e) => {
            println!("{summary}");
            return Err(CliError::Other(anyhow!(
                "backfill stopped: {e}; run the same command again to resume"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_progress() {
        let p = BackfillProgress {
            posts: 150,
            new: 40,
            pages: 8,
            limit: 300,
            cursor: Some(70_989),
        };
        assert_eq!(
            progress_line(&p),
            "[###############...............]   150/300 posts (40 new), page 8, next before #70989"
        );
        let over = BackfillProgress {
            posts: 500,
            limit: 0,
            ..p
        };
        assert!(progress_line(&over).starts_with(&format!("[{}]", "#".repeat(BAR_WIDTH))));
    }
}
