//! The command line: parses arguments, loads the config, and hands each subcommand to its
//! module. Exit status: 0 success, 1 failure, 2 bad configuration or usage.

mod args;
mod backfill;
mod check;
pub mod classify;
pub mod cluster;
mod digest;
mod digest_send;
mod error;
pub mod eval;
mod export;
mod load;
mod migrate;
mod open;
mod poll;
mod run;
mod search;
mod series;
mod sources;

pub use args::{
    BackfillArgs, Cli, Command, DigestArgs, EvalArgs, JsonlArgs, PollArgs, SearchArgs, SeriesArgs,
    SourcesCommand,
};
pub use check::CheckArgs;
pub use cluster::{cluster_jsonl, cluster_jsonl_with};
pub use error::CliError;
pub use export::{ExportArgs, ExportFormat};
pub use load::{load_config, resolve_relative_files};
pub use open::{open_store, open_watched_store};

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
