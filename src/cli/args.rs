//! The command line's shape: the global options, the subcommands and their arguments (clap).

use super::{CheckArgs, ExportArgs};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
