//! `claimwatch check [--timeout 10s]`: before going live, checks the configuration, the
//! database, the bot token (`getMe`, when `TELOXIDE_TOKEN` is set) and every source (fetched
//! once with a short timeout), and prints a checklist with ✓/✗ and the fix for each ✗. Exit 0
//! only if all pass; 2 when the configuration itself is invalid, 1 for any other failure.

mod list;
mod probes;

use super::CliError;
use crate::config::{Config, ConfigError, parse_duration};
use crate::sources::PollContext;
use crate::sources::fetch::{FetchLimits, Fetcher};
use crate::store::Store;
use list::Checklist;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Time allowed to the database, the Bot API and each source, e.g. 10s.
    #[arg(long, default_value = "10s")]
    pub timeout: String,
}

pub async fn run(
    path: &Path,
    args: &CheckArgs,
    loaded: Result<Config, ConfigError>,
) -> Result<(), CliError> {
    let timeout = parse_duration(&args.timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            CliError::Usage(format!(
                "--timeout {:?}: expected a duration such as 10s",
                args.timeout
            ))
        })?;
    let mut list = Checklist::default();
    let config = match loaded {
        Ok(c) => {
            list.pass(
                "configuration",
                format!("{} is valid ({} sources)", path.display(), c.sources.len()),
            );
            c
        }
        Err(e) => {
            list.fail("configuration", e.to_string(), config_fix(&e, path));
            print!("{list}");
            return Err(CliError::Usage(
                "the configuration is invalid; nothing else was checked".into(),
            ));
        }
    };
    let store = probes::database(&config, timeout, &mut list).await;
    probes::telegram(timeout, &mut list).await;
    sources(&config, store.as_deref(), timeout, &mut list).await;
    if let Some(s) = store {
        s.close().await;
    }
    print!("{list}");
    match list.failures() {
        0 => Ok(()),
        n => Err(CliError::Other(anyhow::anyhow!(
            "{n} of {} checks failed",
            list.lines.len()
        ))),
    }
}

fn config_fix(e: &ConfigError, path: &Path) -> String {
    match e {
        ConfigError::Read { .. } => format!(
            "create {} (start from config/claimwatch.toml) or point --config / CLAIMWATCH_CONFIG at it",
            path.display()
        ),
        ConfigError::Syntax { .. } => format!("fix the TOML syntax in {}", path.display()),
        ConfigError::Invalid { option, .. } => format!(
            "correct `{option}` in {} (or its CLAIMWATCH_ variable); config/claimwatch.toml lists every option with its default",
            path.display()
        ),
    }
}

/// Every source of the config file, then those added at run time (from the database), each
/// fetched once, all at the same time within the fetcher's limits.
async fn sources(
    config: &Config,
    store: Option<&dyn Store>,
    timeout: Duration,
    list: &mut Checklist,
) {
    let mut urls: Vec<(String, String)> = config
        .sources
        .iter()
        .map(|s| (s.url.clone(), s.title.clone().unwrap_or_default()))
        .collect();
    if let Some(store) = store
        && let Ok(stored) = store.list_sources().await
    {
        for s in stored.iter().filter(|s| !s.paused) {
            if !urls.iter().any(|(u, _)| {
                crate::sources::address::SourceAddress::parse(u)
                    .is_ok_and(|a| a.canonical() == s.url)
            }) {
                urls.push((s.url.clone(), s.title.clone().unwrap_or_default()));
            }
        }
    }
    if urls.is_empty() {
        list.skip("sources", "none configured");
        return;
    }
    let ctx = match context(config, timeout).await {
        Ok(ctx) => ctx,
        Err(e) => {
            list.fail("sources", e, "check the [http] options");
            return;
        }
    };
    let checks = urls.iter().map(|(u, _)| probes::source(&ctx, u, timeout));
    let results = futures::future::join_all(checks).await;
    for ((url, title), result) in urls.iter().zip(results) {
        let what = match title.as_str() {
            "" => format!("source {}", crate::text::redact_url(url)),
            t => format!("source {t} ({})", crate::text::redact_url(url)),
        };
        match result {
            Ok(detail) => list.pass(what, detail),
            Err((why, fix)) => list.fail(what, why, fix),
        }
    }
}

/// A poll context whose requests end within `timeout`. Checking touches no database: the
/// context gets an in-memory SQLite store it never uses.
async fn context(config: &Config, timeout: Duration) -> Result<PollContext, String> {
    let mut limits = FetchLimits::from_config(&config.http, &config.poll);
    limits.timeout = limits.timeout.min(timeout);
    limits.connect_timeout = limits.connect_timeout.min(timeout);
    let fetcher = Fetcher::new(limits).map_err(|e| e.to_string())?;
    let unused = crate::store::connect("sqlite::memory:")
        .await
        .map_err(|e| e.to_string())?;
    let mut ctx = PollContext::new(unused, config).map_err(|e| e.to_string())?;
    ctx.fetcher = Arc::new(fetcher);
    Ok(ctx)
}
