//! The command line: parses arguments, loads the config, and hands each subcommand to its
//! module. Exit status: 0 success, 1 failure, 2 bad configuration or usage.

mod backfill;
mod check;
pub mod classify;
pub mod cluster;
mod digest;
mod digest_send;
pub mod eval;
mod export;
mod migrate;
mod poll;
mod run;
mod search;
mod series;
mod sources;

pub use check::CheckArgs;
pub use cluster::{cluster_jsonl, cluster_jsonl_with};
pub use export::{ExportArgs, ExportFormat};

use crate::config::{Config, ConfigError};
use crate::store::{self, Store};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// claimwatch — files refusal and loss reports from feeds and Telegram channels as claims and
/// sends daily digests.
#[derive(Debug, Parser)]
#[command(name = "claimwatch", version, about, long_about = None)]
pub struct Cli {
    /// Config file; CLAIMWATCH_* environment variables override it.
    #[arg(
        long,
        global = true,
        env = "CLAIMWATCH_CONFIG",
        default_value = "config/claimwatch.toml"
    )]
    pub config: PathBuf,
    /// Log format: text or json (one JSON object per line); default: `[log] format`.
    #[arg(long, global = true, value_name = "FORMAT")]
    pub log_format: Option<crate::config::LogFormat>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot: pollers, digest scheduler, delivery and the Telegram update loop.
    Run,
    /// Poll the sources that are due, once or continuously.
    Poll(PollArgs),
    /// Classify JSON lines from stdin ({"id","text","title"?,"lang"?}) and write one result per line.
    Classify(JsonlArgs),
    /// Assign JSON lines from stdin to stories: writes {"id","story"} per line.
    Cluster(JsonlArgs),
    /// Score the classifier on a labelled JSON lines file.
    Eval(EvalArgs),
    /// Render or send digests.
    Digest(DigestArgs),
    /// Search stored claims by keyword.
    Search(SearchArgs),
    /// A claimant's loss series as CSV or JSON lines, or its chart as PNG.
    Series(SeriesArgs),
    /// List, add, remove, pause or resume sources.
    #[command(subcommand)]
    Sources(SourcesCommand),
    /// Fetch older posts of a Telegram channel, page by page (resumable).
    Backfill(BackfillArgs),
    /// Create or upgrade the database schema.
    Migrate,
    /// Check the configuration, the database, the bot token and every source; print a
    /// checklist. Exit 0 only if everything passes.
    Check(CheckArgs),
    /// Write stored claims as CSV or JSON lines: one row per claim.
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct PollArgs {
    /// Poll every source once (due or not) and exit.
    #[arg(long)]
    pub once: bool,
}

#[derive(Debug, clap::Args)]
pub struct JsonlArgs {
    /// Read and write JSON lines (the only format).
    #[arg(long, required = true)]
    pub jsonl: bool,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Labelled file (JSON lines like shared/data/texts/dev_labeled.jsonl).
    #[arg(long)]
    pub labels: PathBuf,
    /// Exit with status 1 when any category and language among en, uk, ru (for claim labels:
    /// any category) falls below these floors.
    #[arg(long)]
    pub min_precision: Option<f64>,
    #[arg(long)]
    pub min_recall: Option<f64>,
    /// List the misclassified texts (for claim labels, of the dev split only).
    #[arg(long)]
    pub errors: bool,
    /// Claim labels: where the shared data (the posts' texts) lives.
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Claim labels: score only this split ("dev" or "held_out").
    #[arg(long, value_parser = ["dev", "held_out"])]
    pub split: Option<String>,
    /// Claim labels: fail when fewer claims than this share have the right claimant.
    #[arg(long)]
    pub min_claimant: Option<f64>,
    /// Claim labels: fail when fewer claims than this share have the right side.
    #[arg(long)]
    pub min_side: Option<f64>,
    /// Claim labels: fail when fewer claims than this share are right in every field.
    #[arg(long)]
    pub min_fully: Option<f64>,
}

#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// Render the current digest to stdout without sending or recording it.
    #[arg(long, conflicts_with_all = ["send_now", "deliver"])]
    pub print: bool,
    /// Render for this chat's settings (default: the config's defaults).
    #[arg(long, requires = "print")]
    pub chat: Option<i64>,
    /// With --print and no --chat: how far back, e.g. 3d (default 24h, at most 7d).
    #[arg(long, requires = "print", conflicts_with = "chat")]
    pub since: Option<String>,
    /// With --print and no --chat: the language, en, uk or ru (default en).
    #[arg(long, requires = "print", conflicts_with = "chat")]
    pub lang: Option<String>,
    /// With --print: text for a terminal, without HTML (links as "text <address>").
    #[arg(long, requires = "print")]
    pub plain: bool,
    /// Enqueue the current digest for every active subscriber and deliver it.
    #[arg(long, conflicts_with = "deliver")]
    pub send_now: bool,
    /// With --send-now: the digest's name, its idempotency key (default: today's UTC date).
    /// Running --send-now again with the same name sends nothing twice: it resumes delivery.
    #[arg(long, requires = "send_now")]
    pub period: Option<String>,
    /// Only deliver what the outbox holds (resume after a crash or a stop); enqueue nothing.
    #[arg(long)]
    pub deliver: bool,
}

#[derive(Debug, clap::Args)]
pub struct SeriesArgs {
    /// What the series counts (personnel, tanks, artillery, uav, …).
    #[arg(long, default_value = "personnel")]
    pub metric: String,
    /// A canonical claimant id (ua_general_staff, ru_mod, …).
    #[arg(long, default_value = "ua_general_staff")]
    pub claimant: String,
    /// How many days back from the series' latest day, e.g. 30d, 90d, 365d.
    #[arg(long, default_value = "90d")]
    pub since: String,
    /// The last day (YYYY-MM-DD); default: the series' latest day up to today.
    #[arg(long)]
    pub until: Option<chrono::NaiveDate>,
    /// JSON lines instead of CSV.
    #[arg(long, conflicts_with = "png")]
    pub jsonl: bool,
    /// Write the chart to this PNG file instead of printing the rows.
    #[arg(long)]
    pub png: Option<PathBuf>,
    /// The chart's language: en, uk or ru.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// First file the General Staff's daily figures from this folder (the PetroIvaniuk
    /// dataset's JSON files, as in shared/data/losses).
    #[arg(long)]
    pub import_reference: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words to find (inflected forms match).
    #[arg(required = true)]
    pub words: Vec<String>,
    /// How far back, e.g. 7d (default: the bot's search window).
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long, default_value_t = 10)]
    pub limit: i64,
    /// The hits' language: en, uk or ru.
    #[arg(long, default_value = "en")]
    pub lang: String,
}

#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// Show every source and its health.
    List,
    /// Add a feed URL, file:// path, @channel or t.me link.
    Add {
        url: String,
        /// Poll interval, e.g. 15m.
        #[arg(long)]
        interval: Option<String>,
        /// Language of the source's texts: en, uk or ru.
        #[arg(long)]
        lang: Option<String>,
        #[arg(long)]
        title: Option<String>,
    },
    /// Stop monitoring a source (by id or address); its items and claims stay.
    Remove { source: String },
    /// Pause polling a source.
    Pause { source: String },
    /// Resume a paused source and poll it at the next cycle.
    Resume { source: String },
}

#[derive(Debug, clap::Args)]
pub struct BackfillArgs {
    /// The channel (id, @name or t.me link).
    pub source: String,
    /// Stop after this many posts.
    #[arg(long, default_value_t = 500)]
    pub limit: usize,
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn lexically_normal(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A command's failure: configuration problems exit 2, everything else 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<store::StoreError> for CliError {
    fn from(e: store::StoreError) -> Self {
        CliError::Other(e.into())
    }
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Config(_) | CliError::Usage(_) => ExitCode::from(2),
            CliError::Other(_) => ExitCode::from(1),
        }
    }
}

/// Loads the configuration from the `--config` path and the process environment.
pub fn load_config(cli: &Cli) -> Result<Config, ConfigError> {
    let default_path = cli.config == std::path::Path::new("config/claimwatch.toml");
    let mut config = Config::load(&cli.config, std::env::vars(), default_path)?;
    resolve_relative_files(&mut config, &cli.config);
    Ok(config)
}

/// `file:./PATH` and `file:../PATH` source addresses are relative to the config file's
/// directory (so `config/demo.toml` can name `file:./demo/…`); they become absolute
/// `file://` URLs here. Absolute `file:///…` addresses are left as they are.
pub fn resolve_relative_files(config: &mut Config, config_path: &std::path::Path) {
    let base = config_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    for source in &mut config.sources {
        let Some(rel) = source
            .url
            .trim()
            .strip_prefix("file:")
            .filter(|r| r.starts_with("./") || r.starts_with("../"))
        else {
            continue;
        };
        let joined = base.join(rel);
        let absolute = joined
            .canonicalize()
            .or_else(|_| std::path::absolute(&joined).map(|p| lexically_normal(&p)));
        if let Some(url) = absolute.ok().and_then(|p| url::Url::from_file_path(p).ok()) {
            source.url = url.to_string();
        }
    }
}

/// Opens the store (applying migrations) and upserts the config's sources.
pub async fn open_store(config: &Config) -> Result<Arc<dyn Store>, CliError> {
    Ok(open_watched_store(config).await?.0)
}

/// [`open_store`], watched: every outcome feeds the returned health (see `storage`).
pub async fn open_watched_store(
    config: &Config,
) -> Result<(Arc<dyn Store>, Arc<crate::storage::StoreHealth>), CliError> {
    let store = store::connect_with(&config.database_url, config.run.database_pool_size).await?;
    let (store, health) = crate::storage::watch(store, Arc::new(crate::clock::SystemClock));
    store.migrate().await?;
    match sources::sync_config_sources(store.as_ref(), config, chrono::Utc::now()).await {
        Ok(_) => {}
        // A read-only or full database still serves what it holds: the sources are synced at
        // the next start (the health reports the fault).
        Err(CliError::Other(e))
            if e.downcast_ref::<store::StoreError>()
                .is_some_and(store::StoreError::is_unavailable) =>
        {
            tracing::info!(error = %e, "cannot sync the configured sources now");
        }
        Err(e) => return Err(e),
    }
    Ok((store, health))
}

/// Runs one parsed command line.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    let loaded = load_config(&cli);
    let configured = loaded.as_ref().map(|c| c.log.format).unwrap_or_default();
    crate::logging::init_with(cli.log_format.unwrap_or(configured));
    if let Command::Check(args) = &cli.command {
        return check::run(&cli.config, args, loaded).await;
    }
    let config = loaded?;
    tracing::debug!(database = %config.redacted_database_url(), "configuration loaded");
    match cli.command {
        Command::Migrate => migrate::run(&config).await,
        Command::Sources(cmd) => sources::run(&config, cmd).await,
        Command::Run => run::run(config).await,
        Command::Poll(args) => poll::run(&config, args).await,
        Command::Backfill(args) => backfill::run(&config, args).await,
        Command::Classify(_) => classify::run().await,
        Command::Eval(args) => eval::run(args).await,
        Command::Cluster(_) => cluster::run(&config.cluster),
        Command::Digest(args) => digest::run(&config, args).await,
        Command::Search(args) => search::run(&config, args).await,
        Command::Series(args) => series::run(&config, args).await,
        Command::Export(args) => export::run(&config, args).await,
        // Answered above, configuration errors included.
        Command::Check(_) => Ok(()),
    }
}
