//! Webhook mode: Telegram posts updates to `bot.webhook_url` (HTTPS, usually terminated by a
//! reverse proxy); the bot listens on `bot.webhook_listen` with teloxide's axum listener, which
//! sets the webhook (with a generated secret token it checks on every request) and deletes it
//! on shutdown.

use super::BotRunError;
use crate::config::Config;
use std::net::SocketAddr;
use teloxide::update_listeners::webhooks::Options;

/// The listen address and public URL from the config, checked: the address must be free now
/// (teloxide's listener would otherwise fail inside its own task).
pub fn options(config: &Config) -> Result<Options, BotRunError> {
    let address: SocketAddr = config.bot.webhook_listen.parse().map_err(|_| {
        BotRunError::Config(format!(
            "bot.webhook_listen {:?} is not an address such as 0.0.0.0:8443",
            config.bot.webhook_listen
        ))
    })?;
    let url = url::Url::parse(&config.bot.webhook_url)
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some())
        .ok_or_else(|| BotRunError::Config("bot.webhook_url must be an https:// URL".into()))?;
    std::net::TcpListener::bind(address)
        .map_err(|e| BotRunError::Config(format!("cannot listen on {address}: {e}")))?;
    Ok(Options::new(address, url))
}
