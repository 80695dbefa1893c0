//! `claimwatch run`: the bot. Needs `TELOXIDE_TOKEN` (and `TELOXIDE_API_URL` to use another
//! Bot API server); stops cleanly on SIGINT or SIGTERM.

use super::CliError;
use crate::app::{self, App, role::instance_id};
use crate::clock::SystemClock;
use crate::config::Config;
use crate::delivery::bot::bot_from_env;
use crate::shutdown::Shutdown;
use anyhow::anyhow;
use std::sync::Arc;

pub async fn run(config: Config) -> Result<(), CliError> {
    // Longer than the long poll: an idle poll is answered before the client gives up.
    let bot = bot_from_env(crate::bot::client_timeout(&config))
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let (store, health) = super::open_watched_store(&config).await?;
    let shutdown = Shutdown::new();
    shutdown.listen_for_signals();
    let app = App {
        config: Arc::new(config),
        store,
        clock: Arc::new(SystemClock),
        owner: instance_id(),
        health,
    };
    app::run(app, bot, shutdown)
        .await
        .map_err(|e| CliError::Other(anyhow!(e)))
}
