//! Webhook mode: Telegram posts updates to `bot.webhook_url` (HTTPS, usually terminated by a
//! reverse proxy); the bot listens on `bot.webhook_listen` with teloxide's axum listener, which
//! sets the webhook (with a generated secret token it checks on every request) and deletes it
//! on shutdown. With the HTTP endpoints on (`server.listen`, the same address), their server
//! carries the webhook instead of one of its own.

use super::{BotError, BotRunError, ListenerErrors, redact_token};
use crate::config::Config;
use crate::ops::server::WebhookSlot;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use teloxide::RequestError;
use teloxide::dispatching::DefaultKey;
use teloxide::prelude::{Dispatcher, Requester};
use teloxide::update_listeners::webhooks::{Options, axum_to_router};

/// How long deleting the webhook may take at shutdown.
const WEBHOOK_DELETE_WAIT: Duration = Duration::from_secs(5);

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

/// The options without binding: the HTTP endpoints' server already holds the address.
fn shared_options(config: &Config) -> Result<Options, BotRunError> {
    let address: SocketAddr = config.bot.webhook_listen.parse().map_err(|_| {
        BotRunError::Config(format!(
            "bot.webhook_listen {:?} is not an address such as 0.0.0.0:8443",
            config.bot.webhook_listen
        ))
    })?;
    let url = url::Url::parse(&config.bot.webhook_url)
        .map_err(|_| BotRunError::Config("bot.webhook_url must be an https:// URL".into()))?;
    Ok(Options::new(address, url))
}

/// Sets the webhook and dispatches its updates through the shared server: teloxide's router
/// goes into `slot` while the dispatcher runs and out of it after; then the webhook is deleted.
pub(super) async fn dispatch_shared<R>(
    dispatcher: &mut Dispatcher<R, BotError, DefaultKey>,
    bot: R,
    config: &Config,
    slot: &WebhookSlot,
) -> Result<(), BotRunError>
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
    <R as Requester>::DeleteWebhook: Send,
    <R as Requester>::GetUpdates: Send,
{
    let options = shared_options(config)?;
    let (listener, deleted, router) = axum_to_router(bot, options)
        .await
        .map_err(|e| BotRunError::Telegram(redact_token(&e.to_string())))?;
    slot.install(router);
    let result = dispatcher
        .try_dispatch_with_listener(listener, Arc::new(ListenerErrors))
        .await
        .map_err(|e| BotRunError::Telegram(redact_token(&e.to_string())));
    slot.clear();
    // Resolves once the listener is stopped, after deleting the webhook.
    if tokio::time::timeout(WEBHOOK_DELETE_WAIT, deleted)
        .await
        .is_err()
    {
        tracing::warn!("the webhook was not deleted in time; Telegram keeps posting to it");
    }
    result
}
